// The signalling-side handlers in Node: websocket.js against a small `ws` server on 127.0.0.1, and
// media-stub.js. Every event they post is checked against the core's protocol tables.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { WebSocket, WebSocketServer } from 'ws';

import { loadCore } from '../../js-shim/src/core.js';
import { mediaStubHandlers, staticSdp } from '../../js-shim/src/handlers/media-stub.js';
import { websocketHandlers } from '../../js-shim/src/handlers/websocket.js';
import { checkMessage } from '../../js-shim/src/protocol-check.js';

const core = await loadCore({ kind: 'wasm' });
const valid = (event) => assert.equal(checkMessage(core.protocol, event, 'event'), null, JSON.stringify(event));

function recorder() {
  const events = [];
  const waiters = [];
  const post = (event) => {
    valid(event);
    events.push(event);
    for (const w of [...waiters]) if (w.match(event)) w.resolve(event);
  };
  const next = (match, ms = 5000) =>
    new Promise((resolve, reject) => {
      const found = events.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(events)}`)), ms);
      waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  return { events, post, next };
}

describe('websocket handlers', () => {
  let server;
  let url;
  const received = [];
  const logger = { warnings: [], warn: (text) => logger.warnings.push(text) };

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
    await new Promise((resolve) => server.on('listening', resolve));
    url = `ws://127.0.0.1:${server.address().port}/ws`;
    server.on('connection', (socket, request) => {
      socket.on('message', (data, isBinary) => {
        const text = data.toString();
        received.push({ path: request.url, text, isBinary });
        if (text === 'please hang up') socket.close(1001, 'going away');
      });
      socket.send('SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n');
      socket.send(Buffer.from('NOTIFY sip:1001@pbx SIP/2.0\r\n\r\n'), { binary: true });
    });
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  test('connect opens with the sip subprotocol, frames flow both ways, close reports once', async () => {
    const ws = websocketHandlers({ WebSocket, logger });
    const { events, post, next } = recorder();
    ws['ws.connect']({ conn: 1, url, protocols: ['sip'] }, post);
    assert.deepEqual(await next((e) => e.type === 'ws.open'), { type: 'ws.open', conn: 1, protocol: 'sip' });
    await next((e) => e.type === 'ws.message' && e.data.startsWith('NOTIFY'));
    assert.deepEqual(
      events.filter((e) => e.type === 'ws.message'),
      [
        { type: 'ws.message', conn: 1, data: 'SIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n' },
        { type: 'ws.message', conn: 1, data: 'NOTIFY sip:1001@pbx SIP/2.0\r\n\r\n' }, // a binary frame, as text
      ],
    );
    ws['ws.send']({ conn: 1, data: 'REGISTER sip:pbx SIP/2.0\r\n\r\n' }, post);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(received.at(-1), { path: '/ws', text: 'REGISTER sip:pbx SIP/2.0\r\n\r\n', isBinary: false });
    ws['ws.close']({ conn: 1 }, post);
    assert.deepEqual(await next((e) => e.type === 'ws.closed'), { type: 'ws.closed', conn: 1, code: 1000 });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(events.filter((e) => e.type === 'ws.closed').length, 1);
    ws['ws.send']({ conn: 1, data: 'late' }, post);
    assert.match(logger.warnings.at(-1), /connection 1 is not open/);
  });

  test('a close from the server carries its code and reason', async () => {
    const ws = websocketHandlers({ WebSocket, logger });
    const { post, next } = recorder();
    ws['ws.connect']({ conn: 2, url, protocols: ['sip'] }, post);
    await next((e) => e.type === 'ws.open');
    ws['ws.send']({ conn: 2, data: 'please hang up' }, post);
    assert.deepEqual(await next((e) => e.type === 'ws.closed'), { type: 'ws.closed', conn: 2, code: 1001, reason: 'going away' });
  });

  test('a server that is not there, or a malformed URL, is a socket that closed without opening', async () => {
    const ws = websocketHandlers({ WebSocket, logger });
    const { events, post, next } = recorder();
    const gone = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => gone.on('listening', resolve));
    const port = gone.address().port;
    await new Promise((resolve) => gone.close(resolve));
    ws['ws.connect']({ conn: 3, url: `ws://127.0.0.1:${port}/ws`, protocols: ['sip'] }, post);
    assert.deepEqual(await next((e) => e.conn === 3), { type: 'ws.closed', conn: 3, code: 1006 });
    ws['ws.connect']({ conn: 4, url: 'not a url', protocols: ['sip'] }, post);
    const bad = events.find((e) => e.conn === 4);
    assert.equal(bad.type, 'ws.closed');
    assert.equal(bad.code, 1006);
    assert.match(bad.reason, /url/i);
    assert.equal(events.filter((e) => e.type === 'ws.open').length, 0);
  });

  test('reusing a connection number closes the old socket without reports under the new one', async () => {
    const ws = websocketHandlers({ WebSocket, logger });
    const { events, post, next } = recorder();
    ws['ws.connect']({ conn: 5, url, protocols: ['sip'] }, post);
    await next((e) => e.type === 'ws.open');
    ws['ws.connect']({ conn: 5, url, protocols: ['sip'] }, post);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      events.map((e) => e.type),
      ['ws.open', 'ws.message', 'ws.message', 'ws.open', 'ws.message', 'ws.message'],
    );
    ws['ws.close']({ conn: 5 }, post);
    await next((e) => e.type === 'ws.closed');
    assert.equal(events.filter((e) => e.type === 'ws.closed').length, 1);
  });
});

describe('media stub', () => {
  // What Chromium offers (abridged): Opus 111, RED 63, telephone-event 126, mid 0.
  const CHROMIUM_OFFER = [
    'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126', 'c=IN IP4 0.0.0.0', 'a=ice-ufrag:abcd',
    'a=ice-pwd:abcdefghijklmnopqrstuvwx', 'a=fingerprint:sha-256 ' + Array(32).fill('AB').join(':'),
    'a=setup:actpass', 'a=mid:0', 'a=sendonly', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:63 red/48000/2', 'a=rtpmap:110 telephone-event/48000', 'a=rtpmap:126 telephone-event/8000', '',
  ].join('\r\n');

  function lines(sdp) {
    assert.ok(sdp.endsWith('\r\n'), 'CRLF line ends');
    const list = sdp.slice(0, -2).split('\r\n');
    for (const line of list) assert.match(line, /^[a-z]=\S/, line);
    return list;
  }

  test('media.create without a remote offer posts a WebRTC-style offer with the effect direction', () => {
    const { events, post } = recorder();
    mediaStubHandlers()['media.create']({ session: 'c1', direction: 'sendrecv', ice_servers: [] }, post);
    assert.equal(events.length, 1);
    assert.equal(events[0].type, 'media.offer');
    assert.equal(events[0].session, 'c1');
    const sdp = lines(events[0].sdp);
    for (const want of [/^m=audio 9 UDP\/TLS\/RTP\/SAVPF 111 126$/, /^a=ice-ufrag:[A-Za-z0-9]{8}$/, /^a=ice-pwd:[A-Za-z0-9]{24}$/,
      /^a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/, /^a=setup:actpass$/, /^a=rtcp-mux$/, /^a=rtpmap:111 opus\/48000\/2$/,
      /^a=rtpmap:126 telephone-event\/8000$/, /^a=sendrecv$/, /^a=mid:0$/, /^c=IN IP4 127\.0\.0\.1$/]) {
      assert.ok(sdp.some((l) => want.test(l)), `offer has ${want}`);
    }
  });

  test("media.create with a remote offer answers on the offer's mid and payload types", () => {
    const { events, post } = recorder();
    mediaStubHandlers()['media.create']({ session: 'c2', remote_sdp: CHROMIUM_OFFER, direction: 'recvonly', ice_servers: [] }, post);
    assert.equal(events[0].type, 'media.answer');
    const sdp = lines(events[0].sdp);
    assert.ok(sdp.includes('m=audio 9 UDP/TLS/RTP/SAVPF 111 126'));
    assert.ok(sdp.includes('a=setup:active'));
    assert.ok(sdp.includes('a=recvonly'));
    assert.ok(sdp.includes('a=mid:0'));
  });

  test('media.update re-offers with a new version and the same identity; the rest is ignored', () => {
    const { events, post } = recorder();
    const stub = mediaStubHandlers();
    stub['media.create']({ session: 'c3', direction: 'sendrecv', ice_servers: [] }, post);
    stub['media.update']({ session: 'c3', direction: 'sendonly' }, post);
    stub['media.update']({ session: 'c3', remote_sdp: CHROMIUM_OFFER, direction: 'recvonly' }, post);
    for (const type of ['media.apply', 'media.mute', 'media.dtmf', 'media.close']) {
      stub[type]({ session: 'c3', sdp: 'x', muted: true, tones: '1', duration_ms: 100, gap_ms: 70 }, post);
    }
    assert.deepEqual(events.map((e) => e.type), ['media.offer', 'media.offer', 'media.answer']);
    const origin = (e) => e.sdp.match(/^o=- (\d+) (\d+) /m).slice(1);
    assert.deepEqual(events.map(origin).map(([, version]) => version), ['1', '2', '3']);
    assert.equal(new Set(events.map((e) => origin(e)[0])).size, 1, 'one session id');
    assert.equal(new Set(events.map((e) => e.sdp.match(/a=ice-ufrag:\S+/)[0])).size, 1, 'same ICE credentials');
    assert.match(events[1].sdp, /\r\na=sendonly\r\n/);
  });

  test('the same session gets the same SDP (replayable); another session gets other credentials', () => {
    const a = staticSdp({ session: 'c1', version: 1, direction: 'sendrecv' });
    assert.equal(staticSdp({ session: 'c1', version: 1, direction: 'sendrecv' }), a);
    const b = staticSdp({ session: 'c2', version: 1, direction: 'sendrecv' });
    assert.notEqual(a.match(/a=ice-ufrag:\S+/)[0], b.match(/a=ice-ufrag:\S+/)[0]);
    assert.notEqual(a.match(/a=fingerprint:.*/)[0], b.match(/a=fingerprint:.*/)[0]);
  });
});
