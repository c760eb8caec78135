// js-shim/src/handlers/media.js in Chromium with a fake microphone: two softphones' media sessions
// wired back to back over loopback, with no STUN server. The test plays the core's part.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchChromium, startServer, watchPage } from './softphone-lib.js';

let server;
let browser;
let page;
let errors;

const run = (side, effect) => page.evaluate(([s, e]) => window.harness.run(s, e), [side, effect]);
const next = (side, type, options = {}) => page.evaluate(([s, t, o]) => window.harness.next(s, t, o), [side, type, options]);
const count = (side) => page.evaluate((s) => window.harness.events(s).length, side);
const stats = (side, session) => page.evaluate(([s, id]) => window.harness.stats(s, id), [side, session]);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One offer/answer exchange: `from` offers (create or update), `to` answers, `from` applies.
async function negotiate(offerEffect, answerEffect) {
  const offerAt = await count('alice');
  await run('alice', offerEffect);
  const offer = await next('alice', 'media.offer', { after: offerAt });
  const answerAt = await count('bob');
  await run('bob', { ...answerEffect, remote_sdp: offer.sdp });
  const answer = await next('bob', 'media.answer', { after: answerAt });
  await run('alice', { type: 'media.apply', session: 'a', sdp: answer.sdp });
  return { offer: offer.sdp, answer: answer.sdp };
}

before(async () => {
  server = await startServer();
  browser = await launchChromium({ webrtc: true });
  page = await browser.context.newPage();
  errors = await watchPage(page);
  await page.goto(`${server.url}/harness/media.html`);
  await page.waitForFunction(() => window.harnessReady);
  await page.evaluate(() => {
    window.harness.side('alice');
    window.harness.side('bob');
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('a call between two media sessions', () => {
  test('offer, answer and apply connect them with full (non-trickle) SDP and no ICE server', async () => {
    const { offer, answer } = await negotiate(
      { type: 'media.create', session: 'a', direction: 'sendrecv', ice_servers: [] },
      { type: 'media.create', session: 'b', direction: 'sendrecv', ice_servers: [] },
    );
    for (const sdp of [offer, answer]) {
      assert.match(sdp, /^a=candidate:.* 127\.0\.0\.1 /m, 'candidates are in the SDP itself');
      assert.match(sdp, /UDP\/TLS\/RTP\/SAVPF/);
      assert.match(sdp, /a=rtpmap:\d+ opus\/48000\/2/);
      assert.match(sdp, /a=rtpmap:\d+ telephone-event\/8000/);
      assert.match(sdp, /a=sendrecv/);
    }
    await next('alice', 'media.state', { session: 'a' });
    await page.waitForFunction(() =>
      ['alice', 'bob'].every((s) => window.harness.events(s).some((e) => e.type === 'media.state' && e.state === 'connected')),
    );
    const iceServers = await page.evaluate(() => ['a', 'b'].map((id, i) => window.harness.peer(['alice', 'bob'][i], id).getConfiguration().iceServers));
    assert.deepEqual(iceServers, [[], []]);
  });

  test('audio flows both ways and plays through an <audio autoplay> element', async () => {
    await sleep(1500);
    for (const [side, session] of [['alice', 'a'], ['bob', 'b']]) {
      const s = await stats(side, session);
      assert.ok(s.packetsSent > 10, `${side} sent ${s.packetsSent} packets`);
      assert.ok(s.packetsReceived > 10, `${side} received ${s.packetsReceived} packets`);
      assert.ok(s.totalAudioEnergy > 0, `${side} heard something`);
    }
    const audio = await page.$$eval('audio', (list) => list.map((a) => ({ session: a.dataset.session, autoplay: a.autoplay, playing: !!a.srcObject })));
    assert.deepEqual(audio.sort((x, y) => x.session.localeCompare(y.session)), [
      { session: 'a', autoplay: true, playing: true },
      { session: 'b', autoplay: true, playing: true },
    ]);
  });

  test('mute silences the microphone track and unmute brings it back', async () => {
    const energy = async () => (await stats('bob', 'b')).totalAudioEnergy;
    const heard = async () => {
      const before = await energy();
      await sleep(800);
      return (await energy()) - before;
    };
    const loud = await heard();
    await run('alice', { type: 'media.mute', session: 'a', muted: true });
    await sleep(300);
    assert.equal(await page.evaluate(() => window.harness.peer('alice', 'a').getSenders()[0].track.enabled), false);
    const quiet = await heard();
    assert.ok(quiet < loud / 10, `muted energy ${quiet} vs ${loud}`);
    await run('alice', { type: 'media.mute', session: 'a', muted: false });
    await sleep(300);
    assert.equal(await page.evaluate(() => window.harness.peer('alice', 'a').getSenders()[0].track.enabled), true);
    assert.ok((await heard()) > quiet);
  });

  test('DTMF is played as RFC 4733 tones, keypresses in a row all of them', async () => {
    await page.evaluate(() => {
      window.__tones = [];
      window.harness.peer('alice', 'a').getSenders()[0].dtmf.addEventListener('tonechange', (e) => e.tone && window.__tones.push(e.tone));
    });
    await run('alice', { type: 'media.dtmf', session: 'a', tones: '1#', duration_ms: 100, gap_ms: 70 });
    await run('alice', { type: 'media.dtmf', session: 'a', tones: '9', duration_ms: 100, gap_ms: 70 });
    await page.waitForFunction(() => window.__tones.length === 3, null, { timeout: 5000 });
    assert.deepEqual(await page.evaluate(() => window.__tones), ['1', '#', '9']);
  });

  test('hold and resume renegotiate the direction through the transceiver', async () => {
    const hold = await negotiate(
      { type: 'media.update', session: 'a', direction: 'sendonly' },
      { type: 'media.update', session: 'b', direction: 'recvonly' },
    );
    assert.match(hold.offer, /a=sendonly/);
    assert.match(hold.offer, /^a=candidate:/m, 'a re-offer carries the candidates too');
    assert.match(hold.answer, /a=recvonly/);
    await page.waitForFunction(() => window.harness.peer('alice', 'a').getTransceivers()[0].currentDirection === 'sendonly');
    const resume = await negotiate(
      { type: 'media.update', session: 'a', direction: 'sendrecv' },
      { type: 'media.update', session: 'b', direction: 'sendrecv' },
    );
    assert.match(resume.offer, /a=sendrecv/);
    await page.waitForFunction(() => window.harness.peer('alice', 'a').getTransceivers()[0].currentDirection === 'sendrecv');
  });

  test('close ends the peer connection, stops the microphone and removes the audio element', async () => {
    await page.evaluate(() => {
      window.__track = window.harness.peer('alice', 'a').getSenders()[0].track;
    });
    await run('alice', { type: 'media.close', session: 'a' });
    assert.equal(await page.evaluate(() => window.harness.peer('alice', 'a')), null);
    assert.equal(await page.evaluate(() => window.__track.readyState), 'ended');
    assert.equal(await page.$('audio[data-session=a]'), null);
    await run('bob', { type: 'media.close', session: 'b' });
    assert.equal(await page.$$eval('audio', (list) => list.length), 0);
  });
});

describe('failures become media.failed with a reason', () => {
  const failure = async (side, effect) => {
    const after = await count(side);
    await run(side, effect);
    return next(side, 'media.failed', { session: effect.session, after });
  };

  test('a refused microphone is microphone_denied; a missing one no_microphone', async () => {
    await page.evaluate(() => {
      window.harness.side('denied', { failMicrophoneWith: 'NotAllowedError' });
      window.harness.side('nomic', { failMicrophoneWith: 'NotFoundError' });
    });
    const denied = await failure('denied', { type: 'media.create', session: 'x', direction: 'sendrecv', ice_servers: [] });
    assert.equal(denied.reason, 'microphone_denied');
    assert.match(denied.message, /refused for the test/);
    const missing = await failure('nomic', { type: 'media.create', session: 'y', direction: 'sendrecv', ice_servers: [] });
    assert.equal(missing.reason, 'no_microphone');
    assert.equal(await page.evaluate(() => window.harness.peer('denied', 'x')), null, 'a session that failed to start is closed');
    const again = await failure('denied', { type: 'media.create', session: 'x', direction: 'sendrecv', ice_servers: [] });
    assert.equal(again.reason, 'microphone_denied', 'and can be created again');
  });

  test('an SDP the browser cannot take is sdp_rejected', async () => {
    await page.evaluate(() => window.harness.side('carol'));
    const offer = await failure('carol', { type: 'media.create', session: 'c1', remote_sdp: 'v=0\r\nnot sdp\r\n', direction: 'sendrecv', ice_servers: [] });
    assert.equal(offer.reason, 'sdp_rejected');
    await run('carol', { type: 'media.create', session: 'c2', direction: 'sendrecv', ice_servers: [] });
    await next('carol', 'media.offer', { session: 'c2' });
    const answer = await failure('carol', { type: 'media.apply', session: 'c2', sdp: 'garbage' });
    assert.equal(answer.reason, 'sdp_rejected');
  });

  test('unknown sessions, duplicate sessions and bad directions are other, with a message', async () => {
    const unknown = await failure('carol', { type: 'media.update', session: 'nope', direction: 'sendonly' });
    assert.deepEqual([unknown.reason, /no media session 'nope'/.test(unknown.message)], ['other', true]);
    await run('carol', { type: 'media.create', session: 'c4', direction: 'sendrecv', ice_servers: [] });
    await next('carol', 'media.offer', { session: 'c4' });
    const duplicate = await failure('carol', { type: 'media.create', session: 'c4', direction: 'sendrecv', ice_servers: [] });
    assert.deepEqual([duplicate.reason, /already exists/.test(duplicate.message)], ['other', true]);
    const sideways = await failure('carol', { type: 'media.create', session: 'c3', direction: 'sideways', ice_servers: [] });
    assert.deepEqual([sideways.reason, /direction 'sideways'/.test(sideways.message)], ['other', true]);
    await run('carol', { type: 'media.mute', session: 'nope', muted: true });
    await run('carol', { type: 'media.dtmf', session: 'nope', tones: '1', duration_ms: 100, gap_ms: 70 });
    await run('carol', { type: 'media.close', session: 'nope' });
    assert.equal((await page.evaluate(() => window.harness.warnings('carol'))).length, 2, 'mute and DTMF for no session are logged');
    assert.deepEqual(errors, []);
  });
});

test("the media stub's static SDP is one Chromium accepts, as an offer and as an answer", async () => {
  const states = await page.evaluate(async () => {
    const answerer = new RTCPeerConnection({ iceServers: [] });
    await answerer.setRemoteDescription({ type: 'offer', sdp: window.harness.staticSdp({ session: 's1', direction: 'sendrecv' }) });
    await answerer.setLocalDescription(await answerer.createAnswer());
    const offerer = new RTCPeerConnection({ iceServers: [] });
    offerer.addTransceiver('audio');
    const offer = await offerer.createOffer();
    await offerer.setLocalDescription(offer);
    await offerer.setRemoteDescription({ type: 'answer', sdp: window.harness.staticSdp({ session: 's2', direction: 'recvonly', offer: offer.sdp }) });
    const out = [answerer.signalingState, offerer.signalingState, offerer.getTransceivers()[0].currentDirection];
    answerer.close();
    offerer.close();
    return out;
  });
  assert.deepEqual(states, ['stable', 'stable', 'sendonly']);
});
