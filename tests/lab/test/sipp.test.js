// SIPp customers over UDP → Kamailio → JsSIP agents over WebSocket: a normal call, the agent hanging
// up, CANCEL while ringing, busy, no answer, and a short burst to two agents with no failure.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, beforeEach, describe, test } from 'node:test';
import { connectPeer, describeSipp, runSipp, runSippLoad, startKamailio, stopAll } from '../index.js';

after(stopAll);

let pbx;
let agent;

before(async () => {
  pbx = await startKamailio({ auth: 'digest', users: [1, 2].map((n) => ({ user: `agent${n}`, password: `pw${n}` })) });
  agent = await connectPeer(pbx, 'agent1');
});

beforeEach(() => agent.events.clear());

describe('one SIPp customer calls a JsSIP agent', () => {
  test('normal call: INVITE, 180, 200, ACK, talk, BYE from the customer', async () => {
    const answering = agent.next('incoming').then(({ call }) => {
      call.answer();
      return call;
    });
    const result = await runSipp({ scenario: 'call', target: pbx, agents: 'agent1', callers: '+14155550123', talkMs: 300 });
    assert.equal(result.successful, 1, describeSipp(result));
    assert.equal(result.failed, 0);
    assert.equal(result.exitCode, 0);
    assert.ok(result.callLengthMs >= 300, `the customer talked for the talk time (${result.callLengthMs} ms)`);
    const call = await answering;
    assert.equal(call.remoteUser, '+14155550123', 'the customer number reaches the agent in From');
    assert.match(call.remoteSdp, /UDP\/TLS\/RTP\/SAVPF/, 'WebRTC-style offer');
    const ended = await call.next('ended');
    assert.deepEqual([ended.originator, ended.method], ['remote', 'BYE']);
  });

  test('the agent hangs up: the customer receives the BYE (routed back over UDP) and confirms it', async () => {
    agent.next('incoming').then(async ({ call }) => {
      call.answer();
      await call.next('confirmed');
      call.hangup();
    });
    const result = await runSipp({ scenario: 'agent-hangs-up', target: pbx, agents: 'agent1' });
    assert.equal(result.successful, 1, describeSipp(result));
  });

  test('CANCEL while ringing: the agent sees the call canceled', async () => {
    const result = await runSipp({ scenario: 'cancel', target: pbx, agents: 'agent1', ringMs: 200 });
    assert.equal(result.successful, 1, describeSipp(result));
    const { call } = await agent.next('incoming');
    const ended = await call.next('ended');
    assert.deepEqual([ended.cause, ended.method], ['Canceled', 'CANCEL']);
  });

  test('busy: the agent rejects with 486 and the customer accepts only that', async () => {
    agent.next('incoming').then(({ call }) => call.reject(486));
    const busy = await runSipp({ scenario: 'busy', target: pbx, agents: 'agent1' });
    assert.equal(busy.successful, 1, describeSipp(busy));

    // the same scenario fails when the agent answers instead
    const answering = agent.next('incoming').then(({ call }) => call.answer());
    const answered = await runSipp({ scenario: 'busy', target: pbx, agents: 'agent1', recvTimeoutMs: 2000 });
    (await answering).hangup();
    assert.equal(answered.successful, 0);
    assert.equal(answered.failed, 1, describeSipp(answered));
    assert.notEqual(answered.exitCode, 0);
    assert.ok(answered.runDir, 'a failed run keeps its directory for inspection');
    await fs.rm(answered.runDir, { recursive: true }); // this failure was wanted
  });

  test('no answer: the customer gives up after the ring time', async () => {
    const result = await runSipp({ scenario: 'no-answer', target: pbx, agents: 'agent1', giveUpAfterMs: 1000 });
    assert.equal(result.successful, 1, describeSipp(result));
    assert.ok(result.durationMs >= 1000, `rang for the ring time (${result.durationMs} ms)`);
    const { call } = await agent.next('incoming');
    assert.equal((await call.next('ended')).cause, 'Canceled');
  });

  test('a call to an agent who is not registered fails with 480', async () => {
    const result = await runSipp({ scenario: 'call', target: pbx, agents: 'agent2', recvTimeoutMs: 2000 });
    assert.equal(result.failed, 1, describeSipp(result));
    assert.match(result.errors, /SIP\/2\.0 480/);
    await fs.rm(result.runDir, { recursive: true }); // this failure was wanted
  });
});

test('a burst of 50 calls at 10 calls/s to two JsSIP agents: no failure', async () => {
  const second = await connectPeer(pbx, 'agent2', { autoAnswer: true });
  await agent.stop(); // unregisters: the auto-answering agent1 below takes its place
  const first = await connectPeer(pbx, 'agent1', { autoAnswer: true });
  const result = await runSipp({ scenario: 'call', target: pbx, agents: ['agent1', 'agent2'], calls: 50, rate: 10, talkMs: 200 });
  assert.equal(result.successful, 50, describeSipp(result));
  assert.equal(result.failed, 0);
  const answered = (peer) => peer.calls.filter((c) => c.direction === 'incoming').length;
  assert.equal(answered(first), 25, 'round-robin: half the calls to agent1');
  assert.equal(answered(second), 25);
  assert.ok(first.calls.every((c) => c.ended) && second.calls.every((c) => c.ended), 'every call ended');
});

test('runSipp rejects bad options with a clear error', async () => {
  await assert.rejects(runSipp({ scenario: 'dance', target: pbx, agents: 'a' }), /unknown scenario "dance"/);
  await assert.rejects(runSipp({ target: {}, agents: 'a' }), /target must be the PBX/);
  await assert.rejects(runSipp({ target: pbx }), /agents must be one or more user names/);
  await assert.rejects(runSipp({ target: pbx, agents: 'a', calls: 0 }), /calls must be a positive number/);
  await assert.rejects(runSipp({ target: pbx, agents: 'a', callers: 'bad number' }), /callers must be/);
});

test('load mode: 500 calls at 50 calls/s to two agents', { skip: process.env.LAB_LOAD !== '1' && 'set LAB_LOAD=1 to run (about 12 s)' }, async () => {
  await stopAll();
  pbx = await startKamailio({ auth: 'digest', users: [1, 2].map((n) => ({ user: `agent${n}`, password: `pw${n}` })) });
  await connectPeer(pbx, 'agent1', { autoAnswer: true });
  await connectPeer(pbx, 'agent2', { autoAnswer: true });
  const result = await runSippLoad({ target: pbx, agents: ['agent1', 'agent2'] });
  assert.equal(result.successful, 500, describeSipp(result));
  assert.equal(result.failed, 0);
});
