// The lab's own small parts, without any server: the signalling-only SDP of the Node peer and the
// awaitable event queue.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EventQueue, EventTimeoutError, StaticSdpPeerConnection, parseSdp } from '../index.js';

const LAB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SDP offer SIPp sends (from the scenario file, placeholders filled in). */
function sippOffer() {
  const xml = fs.readFileSync(path.join(LAB, 'sipp', 'customer-call.xml'), 'utf8');
  const body = xml.slice(xml.indexOf('v=0'), xml.indexOf(']]>', xml.indexOf('v=0')));
  return body.split('\n').map((l) => l.trim()).filter(Boolean).join('\r\n')
    .replaceAll('[call_number]', '1').replaceAll('[local_ip]', '127.0.0.1').concat('\r\n');
}

async function answerTo(offer) {
  const pc = new StaticSdpPeerConnection({ iceServers: [] });
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  assert.equal(pc.signalingState, 'stable');
  return parseSdp(answer.sdp);
}

describe('StaticSdpPeerConnection', () => {
  test('offers WebRTC-style audio without candidates', async () => {
    const pc = new StaticSdpPeerConnection({ iceServers: [] });
    const offer = await pc.createOffer();
    const [audio] = parseSdp(offer.sdp).media;
    assert.equal(audio.proto, 'UDP/TLS/RTP/SAVPF');
    assert.deepEqual([audio.setup, audio.rtcpMux, audio.mid, audio.direction], ['actpass', true, '0', 'sendrecv']);
    assert.match(offer.sdp, /^a=ice-ufrag:\S+\r$/m);
    assert.match(offer.sdp, /^a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r$/m);
    assert.doesNotMatch(offer.sdp, /a=candidate/);
    assert.equal(audio.rtpmap['111'], 'opus/48000/2');
  });

  test('answers the SIPp customer\'s WebRTC-style offer as a browser would', async () => {
    const { media: [audio], bundle } = await answerTo(sippOffer());
    assert.equal(audio.proto, 'UDP/TLS/RTP/SAVPF');
    assert.deepEqual(audio.formats, ['111', '101'], 'opus plus telephone-event');
    assert.deepEqual([audio.setup, audio.mid, audio.rtcpMux, audio.direction], ['active', '0', true, 'sendrecv']);
    assert.equal(bundle, 'a=group:BUNDLE 0');
  });

  test('answers hold offers with the matching direction', async () => {
    for (const [offered, answered] of [['sendonly', 'recvonly'], ['inactive', 'inactive'], ['recvonly', 'sendonly']]) {
      const { media: [audio] } = await answerTo(sippOffer().replace('a=sendrecv', `a=${offered}`));
      assert.equal(audio.direction, answered, `answer to ${offered}`);
    }
  });

  test('answers a plain RTP offer with plain RTP, and rejects video', async () => {
    const offer = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
      'm=audio 6000 RTP/AVP 8 0 101', 'a=rtpmap:101 telephone-event/8000', 'm=video 6002 RTP/AVP 96', 'a=rtpmap:96 VP8/90000', ''].join('\r\n');
    const { media: [audio, video] } = await answerTo(offer);
    assert.deepEqual([audio.proto, audio.formats, audio.setup], ['RTP/AVP', ['8', '101'], undefined]);
    assert.equal(video.port, 0);
  });

  test('refuses bad SDP and STUN/TURN servers, and bumps the o= version', async () => {
    const pc = new StaticSdpPeerConnection();
    await assert.rejects(pc.setRemoteDescription({ type: 'offer', sdp: 'hello' }), /SDP: missing "v=0"/);
    await assert.rejects(pc.setRemoteDescription({ type: 'offer', sdp: 'v=0\r\ns=-\r\n' }), /SDP: no m-line/);
    await assert.rejects(pc.setRemoteDescription({ type: 'rollback', sdp: '' }), /bad description type/);
    assert.throws(() => new StaticSdpPeerConnection({ iceServers: [{ urls: 'stun:stun.example' }] }), /iceServers must be empty/);
    const versions = [];
    for (let i = 0; i < 2; i++) versions.push(/^o=- \d+ (\d+) /m.exec((await pc.createOffer()).sdp)[1]);
    assert.deepEqual(versions.map(Number), [1, 2]);
  });
});

describe('EventQueue', () => {
  test('keeps events that come before anyone waits, in order, and filters', async () => {
    const q = new EventQueue('q');
    q.push('dtmf', { digit: '1' });
    q.push('dtmf', { digit: '2' });
    q.push('hold', { originator: 'local' });
    assert.equal((await q.next('dtmf')).digit, '1');
    assert.equal((await q.next('dtmf', { filter: (e) => e.digit === '2' })).digit, '2');
    assert.deepEqual(q.pending(), ['hold']);
    const either = q.next(['unhold', 'hold']);
    assert.deepEqual(await either, { event: 'hold', originator: 'local' });
  });

  test('a wait ends with an error naming the event and what happened instead', async () => {
    const q = new EventQueue('peer x', { timeoutMs: 30 });
    q.push('progress');
    await assert.rejects(q.next('confirmed'), (error) => {
      assert.ok(error instanceof EventTimeoutError);
      assert.equal(error.message, "peer x: no 'confirmed' event within 30 ms (recent events: progress)");
      return true;
    });
  });

  test('close() fails pending and later waits at once', async () => {
    const q = new EventQueue('call');
    const pending = q.next('confirmed', { timeoutMs: 60000 });
    q.close('call ended: Canceled');
    await assert.rejects(pending, /none will come \(call ended: Canceled\)/);
    await assert.rejects(q.next('hold'), /none will come/);
  });
});
