// JsSIP ↔ JsSIP call features through Kamailio (digest auth, so every initial request from a
// WebSocket client is challenged): answer, BYE both ways, hold/unhold both ways, DTMF by INFO,
// CANCEL while ringing, busy, blind transfer (REFER + NOTIFY) and attended transfer (Replaces).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { connectPeer, startKamailio, stopAll } from '../index.js';

after(stopAll);

const NAMES = ['agent', 'customer', 'colleague'];
let pbx;
const peers = {};

before(async () => {
  pbx = await startKamailio({ auth: 'digest', users: NAMES.map((user) => ({ user, password: `${user}-pw` })) });
  for (const name of NAMES) peers[name] = await connectPeer(pbx, name);
});

beforeEach(async () => {
  // every test starts with no call and no stale events, even after a failed test
  for (const peer of Object.values(peers)) {
    for (const call of peer.calls.filter((c) => !c.ended)) {
      call.hangup();
      await call.next('ended').catch(() => {});
    }
    peer.events.clear();
  }
});

/** from calls to, to answers; resolves with [caller's call, callee's call] once both are confirmed. */
async function connect(from, to) {
  const outgoing = from.call(to.user);
  const { call: incoming } = await to.next('incoming');
  incoming.answer();
  await Promise.all([outgoing.next('confirmed'), incoming.next('confirmed')]);
  return [outgoing, incoming];
}

function direction(sdp) {
  return sdp.match(/^a=(sendrecv|sendonly|recvonly|inactive)\r?$/m)?.[1];
}

describe('a call between two JsSIP peers', () => {
  test('the caller hangs up: the callee sees a remote BYE', async () => {
    const { agent, customer } = peers;
    const [outgoing, incoming] = await connect(customer, agent);
    assert.equal(incoming.remoteUser, 'customer');
    assert.equal((await outgoing.next('progress')).statusCode, 180);
    outgoing.hangup();
    const ended = await incoming.next('ended');
    assert.deepEqual([ended.originator, ended.method, ended.cause], ['remote', 'BYE', 'Terminated']);
    assert.equal((await outgoing.next('ended')).originator, 'local');
  });

  test('the callee hangs up: the caller sees a remote BYE', async () => {
    const { agent, customer } = peers;
    const [outgoing, incoming] = await connect(agent, customer);
    incoming.hangup();
    const ended = await outgoing.next('ended');
    assert.deepEqual([ended.originator, ended.method], ['remote', 'BYE']);
    await incoming.next('ended');
  });

  test('hold and unhold from either side, with sendonly/recvonly offers and answers', async () => {
    const { agent, customer } = peers;
    const [outgoing, incoming] = await connect(customer, agent);
    for (const [holder, held] of [[incoming, outgoing], [outgoing, incoming]]) {
      assert.equal(await holder.hold(), true);
      await held.next('hold', { filter: (e) => e.originator === 'remote' });
      assert.equal(direction(held.remoteSdp), 'sendonly', 'hold offer');
      assert.equal(direction(held.localSdp), 'recvonly', 'hold answer');
      assert.deepEqual(held.isOnHold(), { local: false, remote: true });
      assert.equal(await holder.hold(), false, 'holding a held call changes nothing');
      assert.equal(await holder.unhold(), true);
      await held.next('unhold', { filter: (e) => e.originator === 'remote' });
      assert.equal(direction(held.remoteSdp), 'sendrecv');
    }
    outgoing.hangup();
    await incoming.next('ended');
  });

  test('DTMF by SIP INFO in both directions, in order', async () => {
    const { agent, customer } = peers;
    const [outgoing, incoming] = await connect(customer, agent);
    const received = async (call, count) => {
      let digits = '';
      while (digits.length < count) digits += (await call.next('dtmf', { filter: (e) => e.originator === 'remote' })).digit;
      return digits;
    };
    outgoing.sendDTMF('159#*', { transport: 'INFO', duration: 70, interToneGap: 50 });
    assert.equal(await received(incoming, 5), '159#*');
    incoming.sendDTMF('0D', { transport: 'INFO', duration: 70, interToneGap: 50 });
    assert.equal(await received(outgoing, 2), '0D');
    assert.throws(() => outgoing.sendDTMF('12x'), /sendDTMF needs digits/);
    incoming.hangup();
    await outgoing.next('ended');
  });

  test('CANCEL while ringing: the callee stops ringing with cause Canceled', async () => {
    const { agent, customer } = peers;
    const outgoing = customer.call('agent');
    const { call: incoming } = await agent.next('incoming');
    assert.equal((await outgoing.next('progress')).statusCode, 180);
    outgoing.hangup();
    const ended = await incoming.next('ended');
    assert.deepEqual([ended.failed, ended.cause, ended.method, ended.originator], [true, 'Canceled', 'CANCEL', 'remote']);
    const callerSide = await outgoing.next('ended');
    assert.deepEqual([callerSide.cause, callerSide.originator], ['Canceled', 'local']);
  });

  test('a busy callee rejects with 486: the caller fails with cause Busy', async () => {
    const { agent, customer } = peers;
    const outgoing = customer.call('agent');
    const { call: incoming } = await agent.next('incoming');
    incoming.reject(486);
    const ended = await outgoing.next('ended');
    assert.deepEqual([ended.failed, ended.statusCode, ended.cause], [true, 486, 'Busy']);
    assert.throws(() => incoming.answer(), /cannot answer in state 'ended'/);
  });
});

describe('transfers across three JsSIP peers', () => {
  test('blind transfer: the agent REFERs the customer to a colleague, NOTIFY reports success', async () => {
    const { agent, customer, colleague } = peers;
    const [customerLeg, agentLeg] = await connect(customer, agent);
    const transfer = agentLeg.refer('colleague');
    assert.equal((await transfer.next('requestSucceeded')).statusCode, 202);
    const refer = await customerLeg.next('refer');
    assert.deepEqual([refer.target, refer.replaces], ['colleague', false]);

    // the customer, as transferee, now calls the colleague
    const { call: colleagueLeg } = await colleague.next('incoming');
    assert.equal(colleagueLeg.remoteUser, 'customer');
    colleagueLeg.answer();
    await transfer.done(); // NOTIFY with SIP/2.0 200 OK
    agentLeg.hangup();
    await customerLeg.next('ended');

    const { call: newLeg } = await customer.next('newRTCSession', { filter: (e) => e.call !== customerLeg });
    await Promise.all([newLeg.next('confirmed'), colleagueLeg.next('confirmed')]);
    assert.equal(newLeg.remoteUser, 'colleague');
    newLeg.hangup();
    await colleagueLeg.next('ended');
  });

  test('attended transfer: consult the colleague, then REFER with Replaces joins customer and colleague', async () => {
    const { agent, customer, colleague } = peers;
    const [customerLeg, agentLeg] = await connect(customer, agent);
    await agentLeg.hold();
    const [consultLeg, colleagueConsultLeg] = await connect(agent, colleague);

    const transfer = agentLeg.referWithReplaces(consultLeg);
    const refer = await customerLeg.next('refer');
    assert.deepEqual([refer.target, refer.replaces], ['colleague', true]);

    // the customer's INVITE carries Replaces: the colleague swaps the consultation for it
    await colleague.next('replaces');
    const { call: colleagueLeg, replaces } = await colleague.next('incoming');
    assert.equal(replaces, true);
    assert.equal(colleagueLeg.remoteUser, 'customer');
    assert.match(colleagueLeg.header('Replaces'), new RegExp(`^${consultLeg.session.id.slice(0, 8)}`));
    await colleagueLeg.next('confirmed');
    await transfer.done();

    // the consultation is over on both ends, the agent leaves the customer
    assert.equal((await consultLeg.next('ended')).originator, 'remote');
    await colleagueConsultLeg.next('ended');
    agentLeg.hangup();
    await customerLeg.next('ended');

    const { call: newLeg } = await customer.next('newRTCSession', { filter: (e) => e.call !== customerLeg });
    await newLeg.next('confirmed');
    assert.equal(newLeg.remoteUser, 'colleague');
    colleagueLeg.hangup();
    await newLeg.next('ended');
  });
});
