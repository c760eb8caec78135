// Switchboard's core (WebAssembly, in Node) as an agent through Kamailio against JsSIP, a SIP stack
// nobody here wrote: calls both ways, hold both ways, BYE both ways, blind and attended transfer,
// being transferred, DTMF by INFO — with digest auth, without auth, and with ephemeral credentials.
import { test, after, describe } from 'node:test';
import assert from 'node:assert/strict';

import { startKamailio, connectPeer, stopAll } from '../lab/index.js';
import { startAgent } from '../agent/agent.js';

after(stopAll);

const agents = [];
after(async () => {
  for (const a of agents) await a.stop();
});

async function agentOn(pbx, user, extra = {}) {
  const auth =
    pbx.auth === 'ephemeral'
      ? (() => {
          const c = pbx.credentials(user, 3600);
          return { authUser: c.username, password: c.password, credentialMode: 'ephemeral' };
        })()
      : { password: pbx.users.find((u) => u.user === user)?.password };
  const agent = await startAgent({ wsUrl: pbx.wsUrl, domain: pbx.domain, user, ...auth, ...extra });
  agents.push(agent);
  assert.equal(agent.view.line.registration, 'registered', `agent ${user} did not register: ${JSON.stringify(agent.view.line)}`);
  return agent;
}

for (const auth of ['digest', 'none', 'ephemeral']) {
  describe(`auth ${auth}`, async () => {
    const pbx = await startKamailio({
      auth,
      secret: 'interop-secret-1234',
      users: [
        { user: 'agent1', password: 'pw-agent1' },
        { user: 'customer', password: 'pw-customer' },
      ],
    });
    pbx.auth = auth;

    test('customer calls the agent; the agent answers; the customer hangs up', async () => {
      const agent = await agentOn(pbx, 'agent1');
      const customer = await connectPeer(pbx, 'customer');
      const call = customer.call('agent1');
      await call.next('progress');
      await agent.waitForCall('ringing');
      assert.equal(agent.call().direction, 'internal'); // "customer" is a SIP user name: someone on the PBX
      agent.post({ type: 'ui.answer' });
      await call.next('confirmed');
      await agent.waitForCall('connected');
      call.hangup();
      await agent.waitIdle();
      assert.equal(agent.view.history[0].end_cause, 'remote_hangup');
      await customer.stop();
      await agent.stop();
    });

    test('the agent calls the customer; the agent hangs up', async () => {
      const agent = await agentOn(pbx, 'agent1');
      const customer = await connectPeer(pbx, 'customer');
      agent.post({ type: 'ui.dial', number: 'sip:customer@' + pbx.domain });
      const { call } = await customer.next('incoming');
      await agent.waitFor((v) => v.calls[0]?.state === 'ringing' || v.calls[0]?.state === 'early_media', 'remote ringing');
      call.answer();
      await agent.waitForCall('connected');
      await call.next('confirmed');
      agent.post({ type: 'ui.hangup' });
      const ended = await call.next('ended');
      assert.equal(ended.method, 'BYE');
      await agent.waitIdle();
      assert.equal(agent.view.history[0].end_cause, 'local_hangup');
      await customer.stop();
      await agent.stop();
    });
  });
}

describe('call control with JsSIP', async () => {
  const pbx = await startKamailio({
    auth: 'digest',
    users: ['agent1', 'customer', 'colleague'].map((user) => ({ user, password: `pw-${user}` })),
  });
  pbx.auth = 'digest';

  async function connected() {
    const agent = await agentOn(pbx, 'agent1', { config: { dialing: { max_extension_digits: 6 } } });
    const customer = await connectPeer(pbx, 'customer');
    const call = customer.call('agent1');
    await agent.waitForCall('ringing');
    agent.post({ type: 'ui.answer' });
    await call.next('confirmed');
    await agent.waitForCall('connected');
    return { agent, customer, call };
  }

  test('hold and resume from the agent: JsSIP sees the remote hold and its end', async () => {
    const { agent, customer, call } = await connected();
    agent.post({ type: 'ui.hold' });
    const held = await call.next('hold');
    assert.equal(held.originator, 'remote');
    await agent.waitForCall('held');
    agent.post({ type: 'ui.resume' });
    await call.next('unhold');
    await agent.waitForCall('connected');
    call.hangup();
    await agent.waitIdle();
    await customer.stop();
    await agent.stop();
  });

  test('hold and resume from the customer: the agent sees the remote hold', async () => {
    const { agent, customer, call } = await connected();
    assert.equal(await call.hold(), true);
    await agent.waitFor((v) => v.calls[0]?.remote_held === true, 'remote hold');
    assert.equal(await call.unhold(), true);
    await agent.waitFor((v) => v.calls[0]?.remote_held === false, 'remote hold to end');
    agent.post({ type: 'ui.hangup' });
    await call.next('ended');
    await customer.stop();
    await agent.stop();
  });

  test('DTMF by SIP INFO reaches JsSIP digit by digit, and the agent takes JsSIP\'s INFO', async () => {
    const { agent, customer, call } = await connected();
    // The static SDP offers telephone-event; INFO is the configured fallback for PBXs without RFC 4733.
    const info = await agentOn(pbx, 'agent1', { config: { sip: { dtmf_info: true } }, register: true });
    await agent.stop();
    call.hangup();
    await customer.next('ended').catch(() => {});
    const call2 = customer.call('agent1');
    await info.waitForCall('ringing');
    info.post({ type: 'ui.answer' });
    await call2.next('confirmed');
    await info.waitForCall('connected');
    info.post({ type: 'ui.dtmf', digits: '12#' });
    const digits = [];
    for (let i = 0; i < 3; i++) digits.push((await call2.next('dtmf')).digit);
    assert.deepEqual(digits, ['1', '2', '#']);
    call2.sendDTMF('5', { transport: 'INFO' });
    await info.waitForLog(/received 1 DTMF digit/);
    assert.equal(info.errors.length, 0, JSON.stringify(info.errors));
    call2.hangup();
    await info.waitIdle();
    await customer.stop();
    await info.stop();
  });

  test('blind transfer: the agent REFERs the customer to a colleague, who gets the call', async () => {
    const { agent, customer, call } = await connected();
    const colleague = await connectPeer(pbx, 'colleague', { autoAnswer: true });
    agent.post({ type: 'ui.transfer', target: `colleague@${pbx.domain}`, mode: 'blind' });
    await agent.waitForCall('transferring');
    const { call: transferred } = await colleague.next('incoming');
    await transferred.next('confirmed');
    await agent.waitIdle(8000);
    assert.equal(agent.view.history[0].outcome, 'transferred');
    transferred.hangup();
    await customer.stop();
    await colleague.stop();
    await agent.stop();
    void call;
  });

  test('attended transfer: consult the colleague, then join them with REFER + Replaces', async () => {
    const { agent, customer, call } = await connected();
    const colleague = await connectPeer(pbx, 'colleague');
    agent.post({ type: 'ui.transfer', target: `sip:colleague@${pbx.domain}`, mode: 'consult' });
    const { call: consult } = await colleague.next('incoming');
    await agent.waitFor((v) => v.calls.length === 2 && v.calls[0].state === 'held', 'the caller on hold and a consult call');
    consult.answer();
    await agent.waitFor((v) => v.calls[1]?.state === 'connected', 'the consult call connected');
    agent.post({ type: 'ui.transfer.complete' });
    // The customer INVITEs the colleague with Replaces; JsSIP swaps the consult call for it.
    const replacing = await colleague.next('incoming', { timeoutMs: 8000 });
    assert.ok(replacing.replaces || replacing.call.replacing, 'the INVITE carries Replaces');
    await agent.waitIdle(8000);
    assert.equal(agent.view.history.find((h) => h.id === 'c1').outcome, 'transferred');
    await customer.stop();
    await colleague.stop();
    await agent.stop();
    void call;
  });

  test('being transferred: JsSIP REFERs the agent to a colleague; the agent calls them', async () => {
    const { agent, customer, call } = await connected();
    const colleague = await connectPeer(pbx, 'colleague', { autoAnswer: true });
    const transfer = call.refer('colleague');
    const { call: fromAgent } = await colleague.next('incoming');
    await fromAgent.next('confirmed');
    await transfer.done();
    await agent.waitFor((v) => v.calls.some((c) => c.outgoing && c.state === 'connected'), 'the new call connected');
    fromAgent.hangup();
    await customer.stop();
    await colleague.stop();
    await agent.stop();
  });

  test('a wrong password is refused and shown as a plain notice', async () => {
    const agent = await startAgent({ wsUrl: pbx.wsUrl, domain: pbx.domain, user: 'agent1', password: 'nope' });
    agents.push(agent);
    assert.equal(agent.view.line.registration, 'failed');
    assert.match(agent.view.notices[0].text, /refused/);
    await agent.stop();
  });

  test('secure WebSocket (wss://) with the PBX certificate', async () => {
    const agent = await startAgent({
      wsUrl: pbx.wssUrl,
      domain: pbx.domain,
      user: 'agent1',
      password: 'pw-agent1',
      ca: pbx.certificate,
    });
    agents.push(agent);
    assert.equal(agent.view.line.registration, 'registered');
    await agent.stop();
  });
});
