// SIPp customers over UDP, bridged by Kamailio to Switchboard agents (the WebAssembly core in Node):
// a normal call, a caller who hangs up while it rings, a busy agent, no answer — and a load run of
// 500 calls at 50 calls/s spread over agents that answer by themselves.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';

import { startKamailio, runSipp, describeSipp, stopAll } from '../lab/index.js';
import { startAgent } from '../agent/agent.js';

after(stopAll);
const agents = [];
after(async () => {
  for (const a of agents) await a.stop();
});

async function agentOn(pbx, user, extra = {}) {
  const agent = await startAgent({ wsUrl: pbx.wsUrl, domain: pbx.domain, user, ...extra });
  agents.push(agent);
  assert.equal(agent.view.line.registration, 'registered');
  return agent;
}

describe('SIPp customers', async () => {
  // Each test has its own agent, so a failure in one cannot leave a registration behind for the next.
  const pbx = await startKamailio({ auth: 'none', users: ['normal', 'cancel', 'busy', 'away', 'noanswer'].map((user) => ({ user })) });

  test('normal calls: the agent answers, talks, the customer hangs up; each is in the history', async () => {
    const agent = await agentOn(pbx, 'normal', { autoAnswer: true });
    // One call at a time: each ends before the next arrives, so the single-line agent is free.
    const result = await runSipp({ scenario: 'call', target: pbx, agents: 'normal', calls: 3, rate: 2, talkMs: 200 });
    assert.equal(result.successful, 3, describeSipp(result));
    assert.equal(result.failed, 0, describeSipp(result));
    await agent.waitFor((v) => v.history.length === 3 && v.calls.length === 0, 'three calls in the history');
    for (const h of agent.view.history) {
      assert.equal(h.outcome, 'answered');
      assert.equal(h.direction, 'inbound');
      assert.equal(h.end_cause, 'remote_hangup');
    }
    assert.equal(agent.view.history[0].number_display, '(555) 555-0100');
    await agent.stop();
  });

  test('the caller hangs up while it rings: CANCEL, 487, a missed call with a notice', async () => {
    const agent = await agentOn(pbx, 'cancel');
    const result = await runSipp({ scenario: 'cancel', target: pbx, agents: 'cancel', calls: 1, ringMs: 400 });
    assert.equal(result.successful, 1, describeSipp(result));
    await agent.waitFor((v) => v.history[0]?.outcome === 'missed', 'a missed call');
    assert.match(agent.view.notices.at(-1).text, /^Missed call from /);
    await agent.stop();
  });

  test('a busy agent: the customer gets 486', async () => {
    const agent = await agentOn(pbx, 'busy');
    const declining = agent.waitForCall('ringing').then(() => agent.post({ type: 'ui.decline' }));
    const result = await runSipp({ scenario: 'busy', target: pbx, agents: 'busy', calls: 1 });
    await declining;
    assert.equal(result.successful, 1, describeSipp(result));
    assert.equal(agent.view.history[0].outcome, 'declined');
    await agent.stop();
  });

  test('an agent who is away is not rung at all; the customer is refused at once', async () => {
    const agent = await agentOn(pbx, 'away');
    agent.post({ type: 'ui.status', status: 'away', reason: 'Lunch' });
    await agent.waitFor((v) => v.agent.status === 'away', 'away');
    const result = await runSipp({ scenario: 'busy', target: pbx, agents: 'away', calls: 1, recvTimeoutMs: 2000 });
    // The busy scenario expects 486; an away agent answers 480, which SIPp counts as unexpected.
    assert.equal(result.successful, 0, describeSipp(result));
    assert.equal(agent.view.calls.length, 0);
    assert.equal(agent.view.history.length, 0);
    await agent.stop();
  });

  test('no answer: the customer gives up after ringing; the agent sees a missed call', async () => {
    const agent = await agentOn(pbx, 'noanswer');
    const result = await runSipp({ scenario: 'no-answer', target: pbx, agents: 'noanswer', calls: 1, giveUpAfterMs: 1500 });
    assert.equal(result.successful, 1, describeSipp(result));
    await agent.waitFor((v) => v.history[0]?.outcome === 'missed', 'a missed call');
    await agent.stop();
  });
});

describe('load', async () => {
  const count = 40;
  const names = Array.from({ length: count }, (_, i) => `load${i + 1}`);
  const pbx = await startKamailio({ auth: 'none', users: names.map((user) => ({ user })) });

  test(`500 calls at 50 calls/s over ${count} agents: none fails`, { timeout: 120_000 }, async () => {
    const pool = [];
    for (const user of names) pool.push(await agentOn(pbx, user, { autoAnswer: true }));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await runSipp({ scenario: 'call', target: pbx, agents: names, calls: 500, rate: 50, talkMs: 300 });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cores = (cpu.user + cpu.system) / 1e6 / seconds;
    assert.equal(result.failed, 0, describeSipp(result));
    assert.equal(result.successful, 500, describeSipp(result));
    await Promise.all(pool.map((a) => a.waitIdle(10_000)));
    assert.equal(pool.reduce((n, a) => n + a.answered, 0), 500);
    assert.deepEqual(pool.flatMap((a) => a.errors), []);
    console.log(`load: 500/500 calls in ${seconds.toFixed(1)} s; agents used ${cores.toFixed(2)} of a core; mean INVITE→final ${result.responseTimeMs} ms`);
  });
});
