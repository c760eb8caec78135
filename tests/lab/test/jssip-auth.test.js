// JsSIP ↔ JsSIP through Kamailio in each auth mode: registration accepted with good credentials and
// refused with bad ones, then a call in each direction (so INVITEs from WebSocket clients pass the
// same checks as REGISTER).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectPeer, ephemeralCredentials, jssipPeer, startKamailio, stopAll } from '../index.js';

after(stopAll);

const USERS = [{ user: 'alice', password: 'alice-pw' }, { user: 'bob', password: 'bob-pw' }];
const SECRET = 'lab-ephemeral-secret';

/** alice calls bob, bob answers; then bob calls alice; each call is hung up by the callee. */
async function callBothWays(alice, bob) {
  for (const [caller, callee] of [[alice, bob], [bob, alice]]) {
    const outgoing = caller.call(callee.user);
    const { call: incoming, from } = await callee.next('incoming');
    assert.equal(from, caller.user);
    incoming.answer();
    await Promise.all([outgoing.next('confirmed'), incoming.next('confirmed')]);
    incoming.hangup();
    const ended = await outgoing.next('ended');
    assert.equal(ended.originator, 'remote');
    assert.equal(ended.method, 'BYE');
    await incoming.next('ended');
  }
}

describe('auth none', () => {
  let pbx;
  before(async () => { pbx = await startKamailio({ auth: 'none' }); });

  test('registers without credentials and calls both ways (ws:// and wss://)', async () => {
    const alice = await connectPeer(pbx, 'alice');
    const bob = await connectPeer(pbx, 'bob', { transport: 'wss' });
    await callBothWays(alice, bob);
    await Promise.all([alice.stop(), bob.stop()]);
  });
});

describe('auth digest', () => {
  let pbx;
  before(async () => { pbx = await startKamailio({ auth: 'digest', users: USERS }); });

  test('registers with the right password and calls both ways', async () => {
    const alice = await connectPeer(pbx, 'alice');
    const bob = await connectPeer(pbx, 'bob', { transport: 'wss' });
    await callBothWays(alice, bob);
    await Promise.all([alice.stop(), bob.stop()]);
  });

  test('refuses a wrong password with 401', async () => {
    const peer = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'alice', password: 'wrong' });
    await assert.rejects(peer.register(), (error) => {
      assert.equal(error.statusCode, 401);
      assert.equal(error.cause, 'Authentication Error');
      return true;
    });
    await peer.stop();
  });

  test('refuses an unknown user and a user registering under someone else\'s name', async () => {
    const stranger = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'mallory', password: 'x' });
    await assert.rejects(stranger.register(), { statusCode: 401 });
    // bob's valid credentials, but registering alice's address: the auth user must match To
    const impostor = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'alice', authUser: 'bob', password: 'bob-pw' });
    await assert.rejects(impostor.register(), { statusCode: 403 });
    await Promise.all([stranger.stop(), impostor.stop()]);
  });
});

describe('auth ephemeral', () => {
  let pbx;
  before(async () => { pbx = await startKamailio({ auth: 'ephemeral', secret: SECRET }); });

  test('registers with fresh ephemeral credentials and calls both ways', async () => {
    const alice = await connectPeer(pbx, 'alice');
    const bob = await connectPeer(pbx, 'bob', { transport: 'wss' });
    await callBothWays(alice, bob);
    await Promise.all([alice.stop(), bob.stop()]);
  });

  test('refuses expired credentials with 403', async () => {
    const expired = ephemeralCredentials(SECRET, 'alice', -60);
    const peer = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'alice', authUser: expired.username, password: expired.password });
    await assert.rejects(peer.register(), (error) => {
      assert.equal(error.statusCode, 403);
      assert.match(error.reason, /expired/);
      return true;
    });
    await peer.stop();
  });

  test('refuses credentials made with another secret, and credentials of another user', async () => {
    const forged = ephemeralCredentials('not-the-secret', 'alice', 600);
    const peer = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'alice', authUser: forged.username, password: forged.password });
    await assert.rejects(peer.register(), { statusCode: 401 });
    const bobs = ephemeralCredentials(SECRET, 'bob', 600);
    const impostor = await jssipPeer({ wsUrl: pbx.wsUrl, user: 'alice', authUser: bobs.username, password: bobs.password });
    await assert.rejects(impostor.register(), { statusCode: 403 });
    await Promise.all([peer.stop(), impostor.stop()]);
  });
});
