// A scripted world around one engine, for the engine benchmarks: a simulated clock, the shim's real
// Runtime, its store and media-stub handlers, and a small PBX in JavaScript that answers the agent's
// SIP the way a registrar/proxy with digest auth (Kamailio in the lab) would. Time only moves when the
// script says so; with a fixed seed the engine sees exactly the same events on every run.
//
//   const world = new World({ core, record: true });
//   world.start();                       // engine.start → store → ws → REGISTER → 401 → REGISTER → 200
//   world.inboundCall();                 // INVITE → 100/180 → answer → 200 → ACK → hold → resume → DTMF → BYE → wrap-up
//   world.outboundCall();                // dial → offer → INVITE → 407 → INVITE → 180 → 200 → ACK → hang up → wrap-up
//   world.recording                      // [[eventJson, effectsJson], …]: every event the engine handled
import { createHash } from 'node:crypto';

import { Runtime } from '../../js-shim/src/runtime.js';
import { mediaStubHandlers, staticSdp } from '../../js-shim/src/handlers/media-stub.js';
import { memoryBackend, storeHandlers } from '../../js-shim/src/handlers/store.js';

export const START_T = 1_700_000_000_000;
export const SEED = 'switchboard-bench-seed';
const DOMAIN = 'sip.test';
const USER = '1001';
const PASSWORD = 'bench-password';
const PROXY = '127.0.0.1:8443';
const CUSTOMER = '+14155550142';
const NETWORK_MS = 1; // one way, agent ⇄ PBX
const MEDIA_MS = 15; // getUserMedia/createOffer/createAnswer in a browser with a granted microphone

export const agentConfig = (overrides = {}) => ({
  sip: { ws_url: `ws://${PROXY}/ws`, domain: DOMAIN, user: USER, password: PASSWORD, display_name: 'Bench Agent' },
  acw_seconds: 30,
  dispositions: ['Resolved', 'Follow-up needed'],
  ...overrides,
});

const md5 = (s) => createHash('md5').update(s).digest('hex');

// ---- a minimal SIP reader/writer (the PBX side only) ----

export function parseSip(text) {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [start, ...lines] = head.split('\r\n');
  const headers = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  const compact = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };
  for (const h of headers) h[0] = compact[h[0]] ?? h[0];
  const msg = { start, headers, body };
  msg.all = (name) => headers.filter(([n]) => n === name).map(([, v]) => v);
  msg.get = (name) => msg.all(name)[0];
  const response = /^SIP\/2\.0 (\d{3})/.exec(start);
  msg.status = response ? Number(response[1]) : 0;
  msg.method = response ? msg.get('cseq')?.split(/\s+/)[1] : start.split(' ')[0];
  msg.callId = msg.get('call-id');
  msg.cseq = Number(msg.get('cseq')?.split(/\s+/)[0]);
  msg.toTag = /;\s*tag=([^;>\s]+)/.exec(msg.get('to') ?? '')?.[1] ?? null;
  return msg;
}

function response(req, code, reason, { toTag, extra = [], sdp } = {}) {
  const lines = [`SIP/2.0 ${code} ${reason}`];
  for (const via of req.all('via')) lines.push(`Via: ${via}`);
  lines.push(`From: ${req.get('from')}`);
  const to = req.get('to');
  lines.push(`To: ${req.toTag || !toTag ? to : `${to};tag=${toTag}`}`);
  lines.push(`Call-ID: ${req.callId}`, `CSeq: ${req.get('cseq')}`, ...extra);
  if (sdp) lines.push('Content-Type: application/sdp');
  lines.push(`Content-Length: ${Buffer.byteLength(sdp ?? '')}`, '', sdp ?? '');
  return lines.join('\r\n');
}

function request({ method, uri, branch, from, to, callId, cseq, extra = [], sdp, vias = [] }) {
  const lines = [
    `${method} ${uri} SIP/2.0`,
    `Via: SIP/2.0/WSS ${PROXY};branch=${branch}`,
    ...vias.map((v) => `Via: ${v}`),
    'Max-Forwards: 69',
    `From: ${from}`,
    `To: ${to}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    ...extra,
  ];
  if (sdp) lines.push('Content-Type: application/sdp');
  lines.push(`Content-Length: ${Buffer.byteLength(sdp ?? '')}`, '', sdp ?? '');
  return lines.join('\r\n');
}

function digestParams(header) {
  const out = {};
  for (const m of header.replace(/^Digest\s+/i, '').matchAll(/(\w+)=("([^"]*)"|[^,\s]+)/g)) out[m[1]] = m[3] ?? m[2];
  return out;
}

const directionOf = (sdp) => /^a=(sendrecv|sendonly|recvonly|inactive)/m.exec(sdp)?.[1] ?? 'sendrecv';
const answerDirection = { sendonly: 'recvonly', recvonly: 'sendonly', sendrecv: 'sendrecv', inactive: 'inactive' };

export class BenchError extends Error {}

// ---- the simulated world ----

export class World {
  // core: a loaded Core (js-shim/src/core.js); record: keep every event and its effects
  constructor({ core, record = false, config = agentConfig(), seed = SEED, name = 'bench' }) {
    this.core = core;
    this.id = core.module.createEngine();
    this.name = name;
    this.config = config;
    this.seed = seed;
    this.now = START_T;
    this.queue = []; // [{at, seq, run}] sorted by (at, seq)
    this.seq = 0;
    this.timers = new Map(); // id → queue item
    this.recording = record ? [] : null;
    this.view = null;
    this.errors = [];
    this.events = 0;
    this.conn = null;
    this.contact = null; // the agent's registered Contact URI
    this.nonce = 0;
    this.counter = 0; // fresh Call-IDs, branches and tags per call
    this.dialogs = new Map(); // Call-ID → {callId, fromTag, agentTag} of the calls the PBX sent in

    const module = core.module;
    const engine = {
      handle: (event) => {
        const json = JSON.stringify(event);
        const out = module.handle(this.id, json);
        this.events += 1;
        if (this.recording) this.recording.push([json, out]);
        return JSON.parse(out);
      },
    };
    const media = mediaStubHandlers();
    const later = (fn, ms) => (effect) => this.at(this.now + ms, () => fn(effect, (event) => this.runtime.post(event)));
    this.runtime = new Runtime({
      engine,
      clock: () => this.now,
      handlers: {
        ...storeHandlers(memoryBackend()),
        'media.create': later(media['media.create'], MEDIA_MS),
        'media.update': later(media['media.update'], MEDIA_MS),
        'media.apply': () => {},
        'media.rollback': () => {},
        'media.mute': () => {},
        'media.dtmf': () => {},
        'media.close': media['media.close'],
        'timer.set': ({ id, ms }) => {
          this.cancelTimer(id);
          this.timers.set(id, this.at(this.now + ms, () => {
            this.timers.delete(id);
            this.runtime.post({ type: 'timer.fired', id });
          }));
        },
        'timer.cancel': ({ id }) => this.cancelTimer(id),
        'ws.connect': ({ conn }) => {
          this.conn = conn;
          this.at(this.now + 3 * NETWORK_MS, () => this.runtime.post({ type: 'ws.open', conn }));
        },
        'ws.send': ({ data }) => this.at(this.now + NETWORK_MS, () => this.pbxReceive(data)),
        'ws.close': () => {},
        log: () => {},
        error: (e) => this.errors.push(e),
        'ui.render': ({ view }) => {
          this.view = view;
        },
      },
      onUnhandled: (e) => this.errors.push({ code: 'unhandled', message: e.type }),
    });
  }

  destroy() {
    this.core.module.destroyEngine(this.id);
  }

  // ---- the clock ----

  at(at, run) {
    const item = { at, seq: this.seq++, run };
    let i = this.queue.length; // after everything due at the same time: first come, first run
    while (i > 0 && this.queue[i - 1].at > at) i--;
    this.queue.splice(i, 0, item);
    return item;
  }

  cancelTimer(id) {
    const item = this.timers.get(id);
    if (!item) return;
    this.timers.delete(id);
    const i = this.queue.indexOf(item);
    if (i >= 0) this.queue.splice(i, 1);
  }

  // Moves time on by ms, running everything due (network, media, timers) in order.
  advance(ms) {
    const until = this.now + ms;
    while (this.queue.length && this.queue[0].at <= until) {
      const item = this.queue.shift();
      this.now = item.at;
      item.run();
    }
    this.now = until;
    if (this.errors.length) throw new BenchError(`${this.name}: the engine refused an event: ${JSON.stringify(this.errors[0])}`);
  }

  post(event, thenMs = 0) {
    this.runtime.post(event);
    if (thenMs) this.advance(thenMs);
  }

  expect(predicate, what) {
    if (!this.view || !predicate(this.view)) {
      const calls = (this.view?.calls ?? []).map((c) => `${c.id}:${c.state}`).join(', ') || 'no calls';
      throw new BenchError(`${this.name}: expected ${what} at +${this.now - START_T} ms (line ${JSON.stringify(this.view?.line)}; ${calls})`);
    }
  }

  // ---- the PBX ----

  deliver(text, delay = NETWORK_MS) {
    this.at(this.now + delay, () => this.runtime.post({ type: 'ws.message', conn: this.conn, data: text }));
  }

  pbxReceive(data) {
    if (/^[\r\n]+$/.test(data)) return this.deliver('\r\n'); // RFC 5626 keep-alive: pong
    const msg = parseSip(data);
    if (msg.status) return this.onResponse(msg);
    switch (msg.method) {
      case 'REGISTER': return this.onRegister(msg);
      case 'INVITE': return msg.toTag ? this.onReinvite(msg) : this.onOutboundInvite(msg);
      case 'ACK': return undefined;
      case 'BYE': return this.deliver(response(msg, 200, 'OK'));
      default: return this.deliver(response(msg, 405, 'Method Not Allowed', { extra: ['Allow: INVITE, ACK, BYE, CANCEL, OPTIONS'] }));
    }
  }

  challenge(header) {
    return `${header}: Digest realm="${DOMAIN}", nonce="n${++this.nonce}", qop="auth", algorithm=MD5`;
  }

  // Whether the request carries the credentials header; throws when its digest is wrong.
  authorized(req, header) {
    const value = req.get(header);
    if (!value) return false;
    const p = digestParams(value);
    const ha1 = md5(`${p.username}:${p.realm}:${PASSWORD}`);
    const ha2 = md5(`${req.method}:${p.uri}`);
    const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
    if (p.response !== expected) throw new BenchError(`${this.name}: the agent's digest response is wrong (${value})`);
    return true;
  }

  onRegister(req) {
    if (!this.authorized(req, 'authorization')) {
      return this.deliver(response(req, 401, 'Unauthorized', { toTag: 'reg', extra: [this.challenge('WWW-Authenticate')] }));
    }
    this.contact = /<([^>]+)>/.exec(req.get('contact'))[1];
    const expires = /expires=(\d+)/.exec(req.get('contact'))?.[1] ?? req.get('expires') ?? '600';
    this.deliver(response(req, 200, 'OK', { toTag: 'reg', extra: [`Contact: <${this.contact}>;expires=${expires}`] }));
  }

  // The agent dials out: a proxy challenge, then the callee rings and answers after answerMs.
  onOutboundInvite(req) {
    if (!this.authorized(req, 'proxy-authorization')) {
      return this.deliver(response(req, 407, 'Proxy Authentication Required', { toTag: 'px', extra: [this.challenge('Proxy-Authenticate')] }));
    }
    const n = this.counter;
    const tag = `callee-${n}`;
    const contact = [`Contact: <sip:callee-${n}@10.0.0.7:5060>`];
    const rr = ['Record-Route: <sip:127.0.0.1;r2=on;lr>', `Record-Route: <sip:${PROXY};transport=ws;r2=on;lr>`];
    this.deliver(response(req, 100, 'Trying'));
    this.deliver(response(req, 180, 'Ringing', { toTag: tag, extra: [...rr, ...contact] }), 300);
    const sdp = staticSdp({ session: `callee-${n}`, offer: req.body, direction: answerDirection[directionOf(req.body)] });
    this.deliver(response(req, 200, 'OK', { toTag: tag, extra: [...rr, ...contact], sdp }), 2000);
  }

  onReinvite(req) {
    const sdp = staticSdp({ session: `peer-${req.callId}`, version: req.cseq, offer: req.body, direction: answerDirection[directionOf(req.body)] });
    this.deliver(response(req, 200, 'OK', { extra: [`Contact: <sip:${CUSTOMER}@10.0.0.9:5060>`], sdp }));
  }

  onResponse(res) {
    const d = this.dialogs.get(res.callId);
    if (!d) return;
    if (res.method === 'INVITE' && res.status >= 101 && res.toTag) d.agentTag = res.toTag;
    if (res.method === 'INVITE' && res.status === 200) this.deliver(this.inDialog(d, 'ACK', 1));
  }

  inDialog(d, method, cseq, extra = []) {
    return request({
      method,
      uri: this.contact,
      branch: `z9hG4bK-${d.callId}-${method}-${cseq}`.replace(/[^\w.-]/g, ''),
      from: `"Ada Lovelace" <sip:${CUSTOMER}@${DOMAIN}>;tag=${d.fromTag}`,
      to: `<sip:${USER}@${DOMAIN}>;tag=${d.agentTag}`,
      callId: d.callId,
      cseq,
      extra: [`Contact: <sip:${CUSTOMER}@10.0.0.9:5060>`, ...extra],
    });
  }

  // ---- the script ----

  start() {
    this.post({ type: 'engine.start', protocol: 1, host: 'none', seed: this.seed, config: this.config }, 100);
    this.expect((v) => v.line.registration === 'registered', 'a registered line');
  }

  // A customer calls in through the PBX (two Record-Routes, a WebRTC-style offer); the agent answers,
  // holds, resumes, sends DTMF; the customer hangs up; the agent finishes wrap-up.
  inboundCall({ talkMs = 20_000 } = {}) {
    const d = this.inboundConnected();
    this.post({ type: 'ui.mute' }, 3000);
    this.post({ type: 'ui.unmute' }, talkMs / 2);
    this.post({ type: 'ui.hold' }, 100);
    this.expect((v) => v.calls[0]?.state === 'held', 'a held call');
    this.advance(5000);
    this.post({ type: 'ui.resume' }, 100);
    this.expect((v) => v.calls[0]?.state === 'connected', 'a resumed call');
    this.post({ type: 'ui.dtmf', digits: '1234#' }, talkMs / 2);
    this.deliver(this.inDialog(d, 'BYE', 2));
    this.advance(50);
    this.expect((v) => v.calls[0]?.state === 'wrap_up', 'wrap-up after the customer hung up');
    this.post({ type: 'ui.disposition', value: 'Resolved' }, 3000);
    this.post({ type: 'ui.wrapup.done' }, 100);
    this.expect((v) => v.calls.length === 0, 'no call left');
    this.dialogs.delete(d.callId);
  }

  // The first half of an inbound call: rung, answered, acknowledged; returns the dialog.
  inboundConnected() {
    const n = ++this.counter;
    const d = { callId: `bench-in-${n}@pbx.sip.test`, fromTag: `cust-${n}`, agentTag: null };
    this.dialogs.set(d.callId, d);
    const sdp = staticSdp({ session: `customer-${n}` });
    this.deliver(
      request({
        method: 'INVITE',
        uri: this.contact,
        branch: `z9hG4bK-in-${n}`,
        from: `"Ada Lovelace" <sip:${CUSTOMER}@${DOMAIN}>;tag=${d.fromTag}`,
        to: `<sip:${USER}@${DOMAIN}>`,
        callId: d.callId,
        cseq: 1,
        extra: [
          'Record-Route: <sip:127.0.0.1:8443;transport=ws;r2=on;lr>',
          'Record-Route: <sip:127.0.0.1;r2=on;lr>',
          `Contact: <sip:${CUSTOMER}@10.0.0.9:5060>`,
          'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY',
        ],
        sdp,
        vias: [`SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bK-cust-${n};rport=5060`],
      }),
    );
    this.advance(50);
    this.expect((v) => v.calls[0]?.state === 'ringing', 'a ringing call');
    this.advance(2000);
    this.post({ type: 'ui.answer' }, 100);
    this.expect((v) => v.calls[0]?.state === 'connected', 'a connected call');
    return d;
  }

  // The agent dials a customer: proxy challenge, ringing, answer, the agent hangs up, wrap-up.
  outboundCall({ talkMs = 20_000 } = {}) {
    const n = ++this.counter;
    this.post({ type: 'ui.dialpad', text: '(415) 555-0100' }, 500);
    this.post({ type: 'ui.dial', number: '(415) 555-0100' }, 100);
    this.expect((v) => v.calls[0]?.state === 'dialing' || v.calls[0]?.state === 'ringing', 'an outbound call being set up');
    this.advance(400);
    this.expect((v) => v.calls[0]?.state === 'ringing', 'the callee ringing');
    this.advance(2000);
    this.expect((v) => v.calls[0]?.state === 'connected', 'the callee answered');
    this.advance(talkMs);
    this.post({ type: 'ui.hangup' }, 100);
    this.expect((v) => v.calls[0]?.state === 'wrap_up', 'wrap-up after hanging up');
    this.post({ type: 'ui.notes', text: `Bench call ${n}: customer asked about the invoice.` }, 2000);
    this.post({ type: 'ui.wrapup.done' }, 100);
    this.expect((v) => v.calls.length === 0, 'no call left');
  }
}
