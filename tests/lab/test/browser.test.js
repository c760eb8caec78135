// The browser customer in headless Chromium: real audio between two pages through Kamailio (one
// page over https + wss://, the other over http + ws://), silence on hold; and the browser accepting
// the SDP of the lab's other peers (SIPp's WebRTC-style offer, the Node JsSIP peer's answer).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  connectPeer, describeSipp, launchBrowser, openCustomer, runSipp, startKamailio, startStaticServer, stopAll,
} from '../index.js';

after(stopAll);

const USERS = ['customer', 'agent', 'nodepeer'].map((user) => ({ user, password: `${user}-pw` }));
let pbx;
let browser;
let customer;
let agent;

/** Polls stats() until check(stats) holds; returns the stats. Fails with the last stats seen. */
async function until(page, what, check, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  let stats;
  for (;;) {
    stats = await page.stats();
    if (check(stats)) return stats;
    if (Date.now() > deadline) assert.fail(`${page.user}: ${what} not seen within ${timeoutMs} ms; last stats ${JSON.stringify(stats)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves once `read(stats)` has not grown by more than `tolerance` for quietMs (proves a flow
 * stopped), within timeoutMs.
 */
async function flat(page, what, read, { tolerance = 0, quietMs = 600, timeoutMs = 6000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value = read(await page.stats());
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) assert.fail(`${page.user}: ${what} still changing after ${timeoutMs} ms (now ${value})`);
    await new Promise((r) => setTimeout(r, 100));
    const next = read(await page.stats());
    if (Math.abs(next - value) > tolerance) {
      value = next;
      since = Date.now();
    }
  }
  return value;
}

before(async () => {
  pbx = await startKamailio({ auth: 'digest', users: USERS });
  const [secure, plain, context] = await Promise.all([startStaticServer({ https: true }), startStaticServer(), launchBrowser()]);
  browser = context;
  const password = (user) => USERS.find((u) => u.user === user).password;
  [customer, agent] = await Promise.all([
    openCustomer(browser, { server: secure, wsUrl: pbx.wssUrl, user: 'customer', password: password('customer'), domain: pbx.domain }),
    openCustomer(browser, { server: plain, wsUrl: pbx.wsUrl, user: 'agent', password: password('agent'), domain: pbx.domain }),
  ]);
});

describe('two browser pages call each other with real audio', () => {
  test('audio flows both ways, stops while held, resumes, and the call ends on BYE', async () => {
    await customer.call('agent');
    assert.equal((await agent.next('ringing')).from, 'customer');
    await agent.answer();
    await Promise.all([customer.next('confirmed'), agent.next('confirmed')]);

    // both sides receive packets and their audio energy rises
    const heard = (s) => s.inbound.packetsReceived > 20 && s.inbound.totalAudioEnergy > 0 && s.outbound.packetsSent > 20;
    const [c1, a1] = [await until(customer, 'audio in and out', heard), await until(agent, 'audio in and out', heard)];
    await until(customer, 'rising energy', (s) => s.inbound.totalAudioEnergy > c1.inbound.totalAudioEnergy);
    await until(agent, 'rising energy', (s) => s.inbound.totalAudioEnergy > a1.inbound.totalAudioEnergy);
    assert.equal((await customer.stats()).ice, 'connected');

    // the customer holds: the agent stops sending (recvonly answer), the customer's audio is muted
    await customer.hold();
    assert.equal((await agent.next('hold')).originator, 'remote');
    const heldPackets = await flat(customer, 'packets from the agent', (s) => s.inbound.packetsReceived);
    // (a muted track still sends silence: energy may creep by ~1e-8, talking adds ~0.02 per 100 ms)
    const heldEnergy = await flat(agent, 'energy from the customer', (s) => s.inbound.totalAudioEnergy, { tolerance: 1e-4 });
    assert.ok(heldPackets > 0 && heldEnergy > 0);

    await customer.unhold();
    await agent.next('unhold');
    await until(customer, 'packets after unhold', (s) => s.inbound.packetsReceived > heldPackets + 20);
    await until(agent, 'energy after unhold', (s) => s.inbound.totalAudioEnergy > heldEnergy);

    await agent.hangup();
    const ended = await customer.next('ended');
    assert.deepEqual([ended.originator, ended.method], ['remote', 'BYE']);
    await agent.next('ended');
  });
});

describe('the browser accepts the SDP of the lab\'s signalling-only peers', () => {
  test('a SIPp customer (WebRTC-style offer) reaches the browser agent', async () => {
    const answering = agent.next('ringing').then(() => agent.answer());
    const result = await runSipp({ scenario: 'call', target: pbx, agents: 'agent', talkMs: 300 });
    await answering;
    assert.equal(result.successful, 1, describeSipp(result));
    await agent.next('confirmed');
    await agent.next('ended');
  });

  test('the Node JsSIP peer calls the browser agent, sends DTMF by INFO and hangs up', async () => {
    const peer = await connectPeer(pbx, 'nodepeer');
    const call = peer.call('agent');
    await agent.next('ringing');
    await agent.answer();
    await call.next('confirmed');
    await agent.next('confirmed');
    call.sendDTMF('42', { duration: 70, interToneGap: 50 });
    assert.equal((await agent.next('dtmf')).digit, '4');
    assert.equal((await agent.next('dtmf')).digit, '2');
    call.hangup();
    await agent.next('ended');
    await peer.stop();
  });
});
