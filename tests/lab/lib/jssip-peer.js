// A JsSIP user agent in Node (signalling only): the "customer" or "colleague" of tests, registered
// on the lab PBX over ws:// or wss://. Every JsSIP event becomes an awaitable, queued event (see
// events.js) on the peer and on the call it concerns.
import WebSocket from 'ws';
import { track } from './cleanup.js';
import { EventQueue, EventTimeoutError, withTimeout } from './events.js';
import { loadJsSIP } from './jssip-node.js';
import { LAB_DOMAIN } from './kamailio.js';

const NO_MEDIA = { audio: false, video: false };
const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/]{1,64}$/;
const DTMF_RE = /^[0-9A-Da-d#*,]+$/;

function statusOf(message) {
  return typeof message?.status_code === 'number' ? message.status_code : null;
}

function methodOf(message) {
  return typeof message?.method === 'string' ? message.method : null;
}

/** A decision that can be taken once (accept or reject); later attempts return false. */
function once() {
  let taken = false;
  return (action) => {
    if (taken) return false;
    taken = true;
    action();
    return true;
  };
}

function socketClass(JsSIP) {
  // JsSIP's own interface, except that the WebSocket comes from the `ws` package (with TLS options)
  // instead of a browser global.
  return class NodeWebSocketInterface extends JsSIP.WebSocketInterface {
    constructor(url, wsOptions) {
      super(url);
      this.wsOptions = wsOptions;
    }

    connect() {
      if (this.isConnected() || this.isConnecting()) return;
      if (this._ws) this.disconnect();
      try {
        this._ws = new WebSocket(this.url, 'sip', this.wsOptions);
        this._ws.binaryType = 'arraybuffer';
        this._ws.onopen = this._onOpen.bind(this);
        this._ws.onclose = this._onClose.bind(this);
        this._ws.onmessage = this._onMessage.bind(this);
        this._ws.onerror = this._onError.bind(this);
      } catch (error) {
        this._onError(error);
      }
    }
  };
}

/** One call (a JsSIP RTCSession) of a peer, with its own event queue. */
export class Call {
  constructor(peer, session, originator, request) {
    this.peer = peer;
    this.session = session;
    this.direction = originator === 'remote' ? 'incoming' : 'outgoing';
    this.id = session.id;
    this.request = request;
    this.remoteUser = session.remote_identity?.uri?.user ?? null;
    this.remoteUri = session.remote_identity?.uri?.toString() ?? null;
    this.replacing = this.direction === 'incoming' && Boolean(request?.hasHeader?.('replaces'));
    this.state = this.direction === 'incoming' ? 'ringing' : 'calling';
    this.ended = null; // {cause, statusCode, method, originator, failed} once over
    this.localSdp = null;
    this.remoteSdp = null;
    this.dtmfReceived = '';
    this.events = new EventQueue(`${peer.label} call ${this.direction} ${this.remoteUser ?? '?'}`, { timeoutMs: peer.timeoutMs });
    this.#wire();
  }

  #emit(name, data = {}) {
    this.events.push(name, { call: this, ...data });
    this.peer.events.push(name, { call: this, ...data });
  }

  #wire() {
    const s = this.session;
    s.on('progress', (e) => {
      if (this.state === 'calling') this.state = 'progress';
      this.#emit('progress', { statusCode: statusOf(e.response), originator: e.originator });
    });
    s.on('accepted', (e) => {
      this.state = 'accepted';
      this.#emit('accepted', { statusCode: statusOf(e.response), originator: e.originator });
    });
    s.on('confirmed', (e) => {
      this.state = 'confirmed';
      this.#emit('confirmed', { originator: e.originator });
    });
    const over = (failed) => (e) => {
      if (this.ended) return;
      this.state = 'ended';
      this.ended = {
        cause: e.cause, statusCode: statusOf(e.message), method: methodOf(e.message),
        originator: e.originator, failed,
      };
      if (failed) this.#emit('failed', this.ended);
      this.#emit('ended', this.ended);
      this.events.close(`call ended: ${e.cause}`);
    };
    s.on('failed', over(true));
    s.on('ended', over(false));
    s.on('hold', (e) => this.#emit('hold', { originator: e.originator }));
    s.on('unhold', (e) => this.#emit('unhold', { originator: e.originator }));
    s.on('newDTMF', (e) => {
      if (e.originator === 'remote') this.dtmfReceived += e.dtmf.tone;
      this.#emit('dtmf', { digit: e.dtmf.tone, duration: e.dtmf.duration, originator: e.originator });
    });
    s.on('newInfo', (e) => this.#emit('info', {
      contentType: e.info.contentType, body: e.info.body, originator: e.originator,
    }));
    s.on('sdp', (e) => {
      if (e.originator === 'local') this.localSdp = e.sdp; else this.remoteSdp = e.sdp;
      this.#emit('sdp', { originator: e.originator, type: e.type, sdp: e.sdp });
    });
    s.on('reinvite', (e) => this.#emit('reinvite', { request: e.request }));
    s.on('update', (e) => this.#emit('update', { request: e.request }));
    s.on('refer', (e) => {
      const uri = e.request.refer_to.uri;
      const decide = once();
      const data = {
        target: uri.user, targetUri: `${uri.scheme}:${uri.user}@${uri.host}`,
        replaces: uri.hasHeader('replaces'), request: e.request,
        accept: (options = {}) => decide(() => e.accept(null, { mediaConstraints: NO_MEDIA, ...options })),
        reject: () => decide(() => e.reject()),
      };
      if (this.peer.autoAcceptRefer) data.accept();
      this.#emit('refer', data);
    });
    s.on('replaces', (e) => {
      // An INVITE with Replaces aimed at this call. Accepted: the new call is answered
      // automatically (see newRTCSession) and JsSIP ends this one once the new one is confirmed.
      const decide = once();
      const data = { request: e.request, accept: () => decide(() => e.accept()), reject: () => decide(() => e.reject()) };
      if (this.peer.autoAcceptReplaces) data.accept();
      this.#emit('replaces', data);
    });
  }

  /**
   * Waits for an event of this call: progress, accepted, confirmed, ended (every end), failed (ended
   * before it was established), hold, unhold, dtmf, info, sdp, reinvite, update, refer, replaces.
   */
  next(name, options) {
    return this.events.next(name, options);
  }

  /** The value of a header of the initial INVITE (sent or received), or null. */
  header(name) {
    return this.request?.getHeader?.(name) ?? null;
  }

  #check(action, allowed) {
    if (!allowed.includes(this.state)) {
      throw new Error(`${this.events.label}: cannot ${action} in state '${this.state}' (allowed: ${allowed.join(', ')})`);
    }
  }

  answer(options = {}) {
    this.#check('answer', ['ringing']);
    if (this.direction !== 'incoming') throw new Error(`${this.events.label}: cannot answer an outgoing call`);
    this.state = 'answering';
    this.session.answer({ mediaConstraints: NO_MEDIA, ...options });
    return this;
  }

  /** Rejects a ringing incoming call with a final status (486 Busy Here by default). */
  reject(statusCode = 486, reasonPhrase) {
    this.#check('reject', ['ringing']);
    if (!(Number.isInteger(statusCode) && statusCode >= 300 && statusCode < 700)) {
      throw new TypeError(`${this.events.label}: reject() needs a 3xx-6xx status code, got ${statusCode}`);
    }
    this.session.terminate({ status_code: statusCode, reason_phrase: reasonPhrase });
    return this;
  }

  /** Ends the call however far it got: CANCEL while calling, 480 while ringing, BYE when up. */
  hangup(options = {}) {
    if (this.state === 'ended') return this; // harmless no-op
    this.session.terminate(options);
    return this;
  }

  #reoffer(action, start) {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.session.off('ended', onEnd);
        this.session.off('failed', onEnd);
      };
      const onEnd = (e) => { cleanup(); reject(new Error(`${this.events.label}: call ended during ${action} (${e.cause})`)); };
      const timer = setTimeout(() => {
        cleanup();
        reject(new EventTimeoutError(`${this.events.label}: ${action} not answered within ${this.peer.timeoutMs} ms`));
      }, this.peer.timeoutMs);
      this.session.on('ended', onEnd);
      this.session.on('failed', onEnd);
      if (!start(() => { cleanup(); resolve(true); })) {
        cleanup();
        reject(new Error(`${this.events.label}: cannot ${action} now (state '${this.state}', a re-offer may be pending)`));
      }
    });
  }

  /** Puts the call on hold (re-INVITE a=sendonly); resolves when the re-INVITE succeeded. */
  hold(options = {}) {
    if (this.session.isOnHold().local) return Promise.resolve(false); // already held: no change
    this.#check('hold', ['confirmed', 'accepted']);
    return this.#reoffer('hold', (done) => this.session.hold(options, done));
  }

  unhold(options = {}) {
    if (!this.session.isOnHold().local) return Promise.resolve(false); // not held: no change
    this.#check('unhold', ['confirmed', 'accepted']);
    return this.#reoffer('unhold', (done) => this.session.unhold(options, done));
  }

  isOnHold() {
    return this.session.isOnHold();
  }

  /** Sends DTMF digits (0-9 A-D * # and ',' for a pause); INFO by default (application/dtmf-relay). */
  sendDTMF(digits, { transport = 'INFO', duration = 100, interToneGap = 70, ...rest } = {}) {
    if (typeof digits !== 'string' || !DTMF_RE.test(digits)) {
      throw new TypeError(`${this.events.label}: sendDTMF needs digits from 0-9 A-D * # , (got ${JSON.stringify(digits)})`);
    }
    if (!['INFO', 'RFC2833'].includes(transport)) throw new TypeError(`${this.events.label}: DTMF transport must be INFO or RFC2833`);
    if (transport === 'RFC2833') throw new Error(`${this.events.label}: RFC 2833 DTMF needs media; this peer is signalling only — use INFO`);
    this.#check('send DTMF', ['confirmed']);
    this.session.sendDTMF(digits, { transportType: transport, duration, interToneGap, ...rest });
    return this;
  }

  #transfer(target, options) {
    this.#check('transfer', ['confirmed']);
    const transfer = new EventQueue(`${this.events.label} REFER`, { timeoutMs: this.peer.timeoutMs });
    const subscriber = this.session.refer(this.peer.targetUri(target), {
      ...options,
      eventHandlers: {
        requestSucceeded: (e) => transfer.push('requestSucceeded', { statusCode: statusOf(e.response) }),
        requestFailed: (e) => transfer.push('requestFailed', { statusCode: statusOf(e.response), cause: e.cause }),
        trying: (e) => transfer.push('trying', { statusLine: e.status_line }),
        progress: (e) => transfer.push('progress', { statusLine: e.status_line }),
        accepted: (e) => transfer.push('accepted', { statusLine: e.status_line }),
        failed: (e) => transfer.push('failed', { statusLine: e.status_line }),
      },
    });
    return {
      subscriber,
      next: (name, opts) => transfer.next(name, opts),
      /** Resolves when the transferee reports success (NOTIFY 2xx); rejects on any failure. */
      done: async (opts) => {
        const e = await transfer.next(['accepted', 'failed', 'requestFailed'], opts);
        if (e.event === 'failed') throw new Error(`${this.events.label}: transfer failed: NOTIFY ${e.statusLine?.status_code ?? '?'}`);
        if (e.event === 'requestFailed') throw new Error(`${this.events.label}: REFER refused: ${e.statusCode ?? e.cause}`);
        return e;
      },
    };
  }

  /** Blind transfer: REFER the remote party to target (a user name or a SIP URI). */
  refer(target, options = {}) {
    return this.#transfer(target, options);
  }

  /**
   * Attended transfer: REFER the remote party to the other call's remote party, with Replaces.
   * otherCall is a Call of this peer (or its JsSIP RTCSession).
   */
  referWithReplaces(otherCall, options = {}) {
    if (!(otherCall instanceof Call)) otherCall = this.peer.calls.find((c) => c.session === otherCall);
    if (!otherCall || otherCall === this) throw new TypeError(`${this.events.label}: referWithReplaces needs another call of this peer`);
    otherCall.#check('be replaced', ['confirmed']);
    return this.#transfer(otherCall.session.remote_identity.uri.toString(), { ...options, replaces: otherCall.session });
  }
}

/**
 * Starts a JsSIP user agent connected to the lab PBX.
 *
 * options: wsUrl (required, ws:// or wss://), user (required), password, authUser (defaults to
 * user; for ephemeral credentials the "<expiry>:<user>" name), domain ('sip.test'), displayName,
 * register (false: call register() yourself), ca (PEM to trust for wss://; without it the
 * self-signed lab certificate is accepted unchecked), autoAnswer (false | true | delay in ms),
 * autoReject (a status code, e.g. 486), autoAcceptRefer (true), autoAcceptReplaces (true),
 * timeoutMs (default wait for events and requests, 5000), uaConfig (extra JsSIP UA settings),
 * debug (JsSIP debug log to stderr).
 */
export async function jssipPeer(options = {}) {
  const {
    wsUrl, user, password, authUser, domain = LAB_DOMAIN, displayName, register = false, ca,
    autoAnswer = false, autoReject = null, autoAcceptRefer = true, autoAcceptReplaces = true,
    timeoutMs = 5000, uaConfig = {}, debug = false,
  } = options;
  if (typeof wsUrl !== 'string' || !/^wss?:\/\/[^/]+/.test(wsUrl)) {
    throw new TypeError(`jssipPeer: wsUrl must be a ws:// or wss:// URL, got ${JSON.stringify(wsUrl)}`);
  }
  if (typeof user !== 'string' || !USER_RE.test(user)) throw new TypeError(`jssipPeer: invalid user ${JSON.stringify(user)}`);
  if (autoReject !== null && !(Number.isInteger(autoReject) && autoReject >= 300 && autoReject < 700)) {
    throw new TypeError(`jssipPeer: autoReject must be a 3xx-6xx status code, got ${JSON.stringify(autoReject)}`);
  }

  const JsSIP = await loadJsSIP();
  if (debug) JsSIP.debug.enable('JsSIP:*'); else JsSIP.debug.disable();
  const NodeSocket = socketClass(JsSIP);
  const socket = new NodeSocket(wsUrl, ca ? { ca } : { rejectUnauthorized: false });
  const ua = new JsSIP.UA({
    sockets: [socket],
    uri: `sip:${user}@${domain}`,
    password: password ?? null,
    authorization_user: authUser ?? user,
    display_name: displayName,
    register: false,
    register_expires: 600,
    user_agent: 'Switchboard-lab JsSIP',
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: 5,
    ...uaConfig,
  });

  const peer = {
    label: `peer ${user}`,
    user,
    domain,
    uri: `sip:${user}@${domain}`,
    ua,
    JsSIP,
    timeoutMs,
    autoAcceptRefer,
    autoAcceptReplaces,
    events: new EventQueue(`peer ${user}`, { timeoutMs }),
    calls: [],
    registered: false,
    stopped: false,
    /** "agent2" → sip:agent2@domain; full URIs pass through. */
    targetUri: (target) => {
      if (typeof target !== 'string' || target === '') throw new TypeError(`${peer.label}: empty call target`);
      return /^sips?:/.test(target) ? target : `sip:${target}@${domain}`;
    },
    next: (name, opts) => peer.events.next(name, opts),

    /** Registers; resolves on 200 OK, rejects with an Error carrying statusCode and cause. */
    register: () => new Promise((resolve, reject) => {
      const cleanup = () => { clearTimeout(timer); ua.off('registered', ok); ua.off('registrationFailed', bad); };
      const ok = (e) => { cleanup(); resolve({ statusCode: statusOf(e.response) }); };
      const bad = (e) => {
        cleanup();
        const code = statusOf(e.response);
        const error = new Error(`${peer.label}: registration failed: ${code === null ? '' : `${code} `}${e.cause}`);
        error.statusCode = statusOf(e.response);
        error.reason = e.response?.reason_phrase ?? null;
        error.cause = e.cause;
        reject(error);
      };
      const timer = setTimeout(() => { cleanup(); reject(new EventTimeoutError(`${peer.label}: no answer to REGISTER within ${timeoutMs} ms`)); }, timeoutMs);
      ua.on('registered', ok);
      ua.on('registrationFailed', bad);
      ua.register();
    }),

    /** Unregisters (Expires: 0); resolves when the PBX confirmed it. */
    unregister: () => new Promise((resolve, reject) => {
      if (!peer.registered) return resolve(false);
      const timer = setTimeout(() => reject(new EventTimeoutError(`${peer.label}: no answer to un-REGISTER within ${timeoutMs} ms`)), timeoutMs);
      ua.once('unregistered', () => { clearTimeout(timer); resolve(true); });
      ua.unregister();
      return undefined;
    }),

    /** Calls target (user name or SIP URI); returns the Call at once. */
    call: (target, callOptions = {}) => {
      const session = ua.call(peer.targetUri(target), {
        mediaConstraints: NO_MEDIA, pcConfig: { iceServers: [] }, ...callOptions,
      });
      return peer.calls.find((c) => c.session === session);
    },

    /** The newest call that has not ended (or null). */
    current: () => [...peer.calls].reverse().find((c) => !c.ended) ?? null,
  };

  const needCall = (action, predicate = () => true) => {
    const call = [...peer.calls].reverse().find((c) => !c.ended && predicate(c));
    if (!call) throw new Error(`${peer.label}: no call to ${action} (calls: ${peer.calls.map((c) => c.state).join(', ') || 'none'})`);
    return call;
  };
  Object.assign(peer, {
    answer: (opts) => needCall('answer', (c) => c.state === 'ringing').answer(opts),
    reject: (code, phrase) => needCall('reject', (c) => c.state === 'ringing').reject(code, phrase),
    hangup: (opts) => needCall('hang up').hangup(opts),
    hold: (opts) => needCall('hold').hold(opts),
    unhold: (opts) => needCall('unhold').unhold(opts),
    sendDTMF: (digits, opts) => needCall('send DTMF to').sendDTMF(digits, opts),
    refer: (target, opts) => needCall('transfer').refer(target, opts),
    referWithReplaces: (other, opts) => {
      const otherCall = other instanceof Call ? other : peer.calls.find((c) => c.session === other) ?? other;
      return needCall('transfer', (c) => c !== otherCall).referWithReplaces(otherCall, opts);
    },

    /** Hangs up every call, unregisters (if registered) and closes the WebSocket. Idempotent. */
    stop: async () => {
      if (peer.stopped) return;
      peer.stopped = true;
      untrack();
      for (const call of peer.calls) {
        if (!call.ended) { try { call.hangup(); } catch { /* already going */ } }
      }
      if (peer.registered && ua.isConnected()) {
        await withTimeout(peer.unregister(), 1000, `${peer.label} unregister`).catch(() => {});
      }
      ua.stop();
      // JsSIP waits 2 s before closing the socket when transactions are still open; our calls are
      // hung up and the registration removed already, so close now.
      if (ua._closeTimer) {
        clearTimeout(ua._closeTimer);
        ua._closeTimer = null;
        ua._transport.disconnect();
      }
      peer.events.close('peer stopped');
    },
  });

  ua.on('connected', () => peer.events.push('connected'));
  ua.on('disconnected', (e) => peer.events.push('disconnected', { error: Boolean(e.error), code: e.code, reason: e.reason }));
  ua.on('registered', (e) => { peer.registered = true; peer.events.push('registered', { statusCode: statusOf(e.response) }); });
  ua.on('unregistered', (e) => { peer.registered = false; peer.events.push('unregistered', { statusCode: statusOf(e.response), cause: e.cause ?? null }); });
  ua.on('registrationFailed', (e) => {
    peer.registered = false;
    peer.events.push('registrationFailed', { statusCode: statusOf(e.response), cause: e.cause });
  });
  ua.on('newMessage', (e) => peer.events.push('message', {
    originator: e.originator, body: e.request?.body ?? null, from: e.request?.from?.uri?.user ?? null,
  }));
  ua.on('newRTCSession', ({ session, originator, request }) => {
    const call = new Call(peer, session, originator, request);
    peer.calls.push(call);
    peer.events.push('newRTCSession', { call, originator });
    if (originator !== 'remote') return;
    peer.events.push('incoming', { call, from: call.remoteUser, replaces: call.replacing });
    if (call.replacing && autoAcceptReplaces) {
      call.answer();
    } else if (autoReject !== null) {
      call.reject(autoReject);
    } else if (autoAnswer !== false) {
      const answerNow = () => { if (call.state === 'ringing') call.answer(); };
      if (typeof autoAnswer === 'number' && autoAnswer > 0) setTimeout(answerNow, autoAnswer); else answerNow();
    }
  });

  const untrack = track(`jssip peer ${user}`, () => peer.stop());
  ua.start();
  try {
    await peer.events.next('connected', { timeoutMs });
  } catch (error) {
    ua.stop();
    peer.stopped = true;
    untrack();
    throw new Error(`${peer.label}: cannot connect to ${wsUrl}: ${error.message}`);
  }
  if (register) {
    try {
      await peer.register();
    } catch (error) {
      await peer.stop();
      throw error;
    }
  }
  return peer;
}

/**
 * A registered peer for a user of this PBX, with the right credentials for its auth mode (the
 * password from pbx.users for 'digest', fresh ephemeral credentials for 'ephemeral'). Options as for
 * jssipPeer (plus transport: 'ws' | 'wss').
 */
export function connectPeer(pbx, user, { transport = 'ws', ...options } = {}) {
  if (!pbx?.wsUrl) throw new TypeError('connectPeer: pbx (from startKamailio) is required');
  if (transport === 'wss' && !pbx.wssUrl) throw new TypeError('connectPeer: this PBX was started without TLS');
  const credentials = {};
  if (pbx.auth === 'digest') {
    const entry = pbx.users.find((u) => u.user === user);
    if (!entry) throw new TypeError(`connectPeer: ${user} is not a user of this PBX (${pbx.users.map((u) => u.user).join(', ')})`);
    credentials.password = entry.password;
  } else if (pbx.auth === 'ephemeral') {
    const { username, password } = pbx.credentials(user);
    Object.assign(credentials, { authUser: username, password });
  }
  return jssipPeer({
    wsUrl: transport === 'wss' ? pbx.wssUrl : pbx.wsUrl, ca: transport === 'wss' ? pbx.certificate : undefined,
    domain: pbx.domain, register: true, user, ...credentials, ...options,
  });
}
