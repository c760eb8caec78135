// The browser customer: JsSIP with real WebRTC audio (Chromium's fake microphone), driven by a test
// through window.customer. Bundled at run time by tests/lab/lib/browser.js into build/lab/browser/.
import JsSIP from 'jssip';
import { EventQueue } from '../lib/events.js';

const events = new EventQueue('browser customer', { timeoutMs: 10000 });
const audio = document.getElementById('remote');
const statusLine = document.getElementById('status');
let ua = null;
let session = null;
let localStream = null;
let config = null;
let lastCallId = null;

function setState(state, detail = {}) {
  customer.state = state;
  statusLine.textContent = `${config?.user ?? ''} ${state}`;
  events.push(state, { state, ...detail });
}

function emit(name, data = {}) {
  events.push(name, data);
}

async function microphone() {
  localStream ??= await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  return localStream;
}

function playRemote(connection) {
  connection.addEventListener('track', (event) => {
    audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    audio.play().catch((error) => emit('playFailed', { message: error.message }));
  });
  connection.addEventListener('iceconnectionstatechange', () => emit('ice', { state: connection.iceConnectionState }));
}

function status(message) {
  return typeof message?.status_code === 'number' ? message.status_code : null;
}

function adopt(newSession, originator) {
  session = newSession;
  // JsSIP keeps the Call-ID of the INVITE on the session's request (outgoing and incoming alike).
  lastCallId = newSession._request?.call_id ?? null;
  customer.direction = originator === 'remote' ? 'incoming' : 'outgoing';
  customer.remoteUser = newSession.remote_identity?.uri?.user ?? null;
  if (newSession.connection) playRemote(newSession.connection);
  newSession.on('peerconnection', (e) => playRemote(e.peerconnection));
  newSession.on('progress', (e) => setState('progress', { statusCode: status(e.response) }));
  newSession.on('accepted', () => emit('accepted'));
  newSession.on('confirmed', () => setState('confirmed'));
  // Being transferred (REFER): call the target as a phone does, Replaces included when given; the new
  // call becomes the customer's current one and the transferor reports progress by NOTIFY.
  newSession.on('refer', (e) => {
    emit('refer', { target: e.refer_to?.uri?.toString() ?? null });
    e.accept(() => {}, mediaOptions(localStream));
  });
  const over = (failed) => (e) => {
    if (session === newSession) session = null;
    setState('ended', { cause: e.cause, statusCode: status(e.message), method: e.message?.method ?? null, originator: e.originator, failed });
  };
  newSession.on('ended', over(false));
  newSession.on('failed', over(true));
  newSession.on('hold', (e) => { if (e.originator === 'local') customer.state = 'held'; emit('hold', { originator: e.originator }); });
  newSession.on('unhold', (e) => { if (e.originator === 'local') customer.state = 'confirmed'; emit('unhold', { originator: e.originator }); });
  newSession.on('newDTMF', (e) => emit('dtmf', { digit: e.dtmf.tone, originator: e.originator }));
  if (originator === 'remote') setState('ringing', { from: customer.remoteUser });
  else setState('calling', { to: customer.remoteUser });
}

function need(action) {
  if (!session) throw new Error(`browser customer: no call to ${action} (state ${customer.state})`);
  return session;
}

function mediaOptions(stream) {
  return {
    mediaStream: stream,
    pcConfig: { iceServers: [], bundlePolicy: 'balanced' },
  };
}

async function summarize(connection) {
  const report = await connection.getStats();
  const result = { inbound: null, outbound: null, source: null, ice: connection.iceConnectionState };
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      result.inbound = {
        packetsReceived: s.packetsReceived ?? 0, bytesReceived: s.bytesReceived ?? 0,
        totalAudioEnergy: s.totalAudioEnergy ?? 0, audioLevel: s.audioLevel ?? 0, packetsLost: s.packetsLost ?? 0,
      };
    } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
      result.outbound = { packetsSent: s.packetsSent ?? 0, bytesSent: s.bytesSent ?? 0 };
    } else if (s.type === 'media-source' && s.kind === 'audio') {
      result.source = { totalAudioEnergy: s.totalAudioEnergy ?? 0, audioLevel: s.audioLevel ?? 0 };
    }
  });
  result.inbound ??= { packetsReceived: 0, bytesReceived: 0, totalAudioEnergy: 0, audioLevel: 0, packetsLost: 0 };
  result.outbound ??= { packetsSent: 0, bytesSent: 0 };
  return result;
}

const customer = {
  state: 'idle',
  direction: null,
  remoteUser: null,

  /** Connects and registers: {wsUrl, user, password?, authUser?, domain}. */
  async start(options) {
    if (ua) throw new Error('browser customer: already started');
    config = options;
    ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(options.wsUrl)],
      uri: `sip:${options.user}@${options.domain}`,
      password: options.password ?? null,
      authorization_user: options.authUser ?? options.user,
      register: false,
      user_agent: 'Switchboard-lab browser customer',
    });
    ua.on('newRTCSession', (e) => adopt(e.session, e.originator));
    ua.on('registrationFailed', (e) => emit('registrationFailed', { statusCode: status(e.response), cause: e.cause }));
    ua.on('disconnected', () => emit('disconnected'));
    const connected = new Promise((resolve) => ua.once('connected', resolve));
    const registered = new Promise((resolve, reject) => {
      ua.once('registered', resolve);
      ua.once('registrationFailed', (e) => reject(new Error(`registration failed: ${status(e.response)} ${e.cause}`)));
    });
    await microphone();
    ua.start();
    await connected;
    ua.register();
    await registered;
    setState('registered');
    return customer.state;
  },

  async call(target) {
    if (session) throw new Error(`browser customer: already in a call (state ${customer.state})`);
    const uri = /^sips?:/.test(target) ? target : `sip:${target}@${config.domain}`;
    ua.call(uri, { ...mediaOptions(await microphone()) });
    return customer.state;
  },

  async answer() {
    const s = need('answer');
    s.answer({ ...mediaOptions(await microphone()) });
    return customer.state;
  },

  hangup() {
    need('hang up').terminate();
    return customer.state;
  },

  hold() {
    if (!need('hold').hold()) throw new Error(`browser customer: cannot hold now (state ${customer.state})`);
    return customer.state;
  },

  unhold() {
    if (!need('unhold').unhold()) throw new Error(`browser customer: cannot unhold now (state ${customer.state})`);
    return customer.state;
  },

  sendDTMF(digits, { transport = 'INFO' } = {}) {
    need('send DTMF to').sendDTMF(digits, { transportType: transport });
    return customer.state;
  },

  /** inbound-rtp packetsReceived/totalAudioEnergy, outbound-rtp packetsSent, local source energy. */
  async stats() {
    const connection = session?.connection;
    if (!connection) throw new Error(`browser customer: no call to measure (state ${customer.state})`);
    return summarize(connection);
  },

  /** The SIP Call-ID of the current (or last) call: what the agent logs as the Task's CallObject. */
  sipCallId() {
    return lastCallId;
  },

  /** Waits for an event (registered, ringing, calling, progress, confirmed, ended, hold, dtmf, ice…). */
  next(name, timeoutMs) {
    return events.next(name, timeoutMs ? { timeoutMs } : undefined);
  },

  async stop() {
    if (!ua) return;
    if (session) session.terminate();
    ua.stop();
    localStream?.getTracks().forEach((t) => t.stop());
    ua = null;
  },
};

window.customer = customer;
document.documentElement.dataset.ready = 'true';
