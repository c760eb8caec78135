// The lab PBX on its own: start/stop, bad options, OPTIONS keep-alives over UDP and WebSocket,
// 404 vs 480, ephemeral credentials, and that no Kamailio survives the process that started it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { connectPeer, ephemeralCredentials, startKamailio, stopAll } from '../index.js';

const LAB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
after(stopAll);

/** Processes of a process group that are still running (killed ones may linger as zombies until reaped). */
function liveGroupMembers(pgid) {
  const members = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp …" — comm may contain spaces, so split after the last ')'
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/** Sends one SIP request over a raw WebSocket (after an optional CRLF keep-alive), returns the reply. */
async function wsRequest(url, { ca, crlfFirst = false, domain }) {
  const ws = new WebSocket(url, 'sip', ca ? { ca } : {});
  await once(ws, 'open');
  assert.equal(ws.protocol, 'sip', 'Kamailio must accept the "sip" WebSocket sub-protocol');
  if (crlfFirst) {
    // RFC 5626 keep-alive: a double CRLF "ping" is answered by a single CRLF "pong"
    ws.send('\r\n\r\n');
    const [pong] = await once(ws, 'message');
    assert.equal(pong.toString(), '\r\n');
  }
  const branch = `z9hG4bK${crypto.randomBytes(6).toString('hex')}`;
  ws.send([
    `OPTIONS sip:${domain} SIP/2.0`,
    `Via: SIP/2.0/WS ${crypto.randomBytes(4).toString('hex')}.invalid;branch=${branch}`,
    'Max-Forwards: 70',
    `From: <sip:probe@${domain}>;tag=${crypto.randomBytes(4).toString('hex')}`,
    `To: <sip:${domain}>`,
    `Call-ID: ${crypto.randomUUID()}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
    '', '',
  ].join('\r\n'));
  const [data] = await once(ws, 'message');
  ws.close();
  return data.toString();
}

describe('Kamailio lab PBX', () => {
  let pbx;
  before(async () => {
    pbx = await startKamailio({ auth: 'none', users: [{ user: 'known' }] });
  });

  test('listens on UDP, ws:// and wss:// on 127.0.0.1 and answers OPTIONS keep-alives', async () => {
    assert.match(pbx.wsUrl, /^ws:\/\/127\.0\.0\.1:\d+$/);
    assert.match(pbx.wssUrl, /^wss:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(pbx.domain, 'sip.test');
    assert.match(await pbx.ping(), /^SIP\/2\.0 200 /);
    assert.match(await wsRequest(pbx.wsUrl, { domain: pbx.domain }), /^SIP\/2\.0 200 /);
    // a CRLF keep-alive before the request must not break the WebSocket connection
    assert.match(await wsRequest(pbx.wsUrl, { domain: pbx.domain, crlfFirst: true }), /^SIP\/2\.0 200 /);
    // wss:// with the run's self-signed certificate, verified against it
    assert.match(await wsRequest(pbx.wssUrl, { domain: pbx.domain, ca: pbx.certificate }), /^SIP\/2\.0 200 /);
  });

  test('a plain HTTP request on the WebSocket port gets 404, not a crash', async () => {
    const response = await fetch(`http://127.0.0.1:${pbx.wsPort}/`);
    assert.equal(response.status, 404);
    assert.match(await pbx.ping(), /^SIP\/2\.0 200 /);
  });

  test('INVITE and OPTIONS to an unknown user are 404, to a known user who is not registered 480', async () => {
    const caller = await connectPeer(pbx, 'caller');
    const unknown = caller.call('nobody');
    assert.equal((await unknown.next('ended')).statusCode, 404);
    const offline = caller.call('known');
    assert.equal((await offline.next('ended')).statusCode, 480);

    // OPTIONS reach a registered user through the proxy (JsSIP answers them)
    assert.match(await pbx.ping('caller'), /^SIP\/2\.0 200 /);
    assert.match(await pbx.ping('nobody'), /^SIP\/2\.0 404 /);

    // a user seen registering stays known after unregistering: 480 again
    const later = await connectPeer(pbx, 'later');
    await later.unregister();
    const gone = caller.call('later');
    assert.equal((await gone.next('ended')).statusCode, 480);
    await Promise.all([caller.stop(), later.stop()]);
  });

  test('writes its configuration and users file into its own run directory', () => {
    const config = fs.readFileSync(pbx.configFile, 'utf8');
    assert.match(config, new RegExp(`listen=udp:127\\.0\\.0\\.1:${pbx.udpPort}`));
    assert.match(config, new RegExp(`alias=127\\.0\\.0\\.1:${pbx.udpPort}`));
    assert.doesNotMatch(config, /^alias=127\.0\.0\.1$/m, 'a port-less 127.0.0.1 alias breaks loose routing');
    assert.doesNotMatch(config, /\{\{[A-Z_]+\}\}/, 'every placeholder is rendered');
    assert.match(fs.readFileSync(path.join(pbx.runDir, 'users.cfg'), 'utf8'), /\$sht\(known=>known\) = 1;/);
  });

  test('stop() ends Kamailio and all its workers, and can be called twice', async () => {
    const other = await startKamailio({ tls: false });
    assert.equal(other.wssUrl, null);
    assert.ok(liveGroupMembers(other.pid).length > 1, 'Kamailio runs with its workers');
    const result = await other.stop();
    await other.stop();
    assert.equal(result.killed, undefined, 'SIGTERM was enough');
    assert.deepEqual(liveGroupMembers(other.pid), [], 'no worker of the group is left');
    assert.equal(fs.existsSync(other.runDir), false, 'run directory removed');
  });
});

describe('startKamailio rejects bad options with a clear error', () => {
  const cases = [
    [{ auth: 'basic' }, /auth must be one of none, digest, ephemeral/],
    [{ auth: 'digest', users: [{ user: 'a' }] }, /users\[0\] \(a\) needs a password/],
    [{ users: [{ user: 'bad user' }] }, /users\[0\]\.user is not a valid SIP user name/],
    [{ users: [{ user: 'a' }, { user: 'a' }] }, /user a is listed twice/],
    [{ auth: 'ephemeral' }, /needs a secret/],
    [{ auth: 'ephemeral', secret: 'has"quote' }, /needs a secret/],
    [{ domain: '127.0.0.1' }, /domain must be a host name/],
    [{ sipPort: 70000 }, /sipPort must be a port number/],
  ];
  for (const [options, message] of cases) {
    test(JSON.stringify(options), async () => {
      await assert.rejects(startKamailio(options), message);
    });
  }

  test('a port already in use is named', async () => {
    const pbx = await startKamailio({ tls: false });
    await assert.rejects(startKamailio({ tls: false, wsPort: pbx.wsPort }), new RegExp(`wsPort ${pbx.wsPort} is already in use`));
    await pbx.stop();
  });
});

describe('ephemeralCredentials', () => {
  test('matches auth_ephemeral: "<expiry>:<user>" and base64(HMAC-SHA1(secret, username))', () => {
    // expected value computed independently: printf '1700000000:alice' | openssl dgst -sha1 -hmac lab-secret-1 -binary | base64
    const creds = ephemeralCredentials('lab-secret-1', 'alice', 3600, (1700000000 - 3600) * 1000);
    assert.deepEqual(creds, { username: '1700000000:alice', password: 'oAgqI1EN15b+4BLBWllSmAk4t5I=', expiresAt: 1700000000 });
  });

  test('rejects a missing secret and a bad user', () => {
    assert.throws(() => ephemeralCredentials('', 'alice'), /secret must be a non-empty string/);
    assert.throws(() => ephemeralCredentials('s', 'al ice'), /invalid user/);
  });
});

test('no Kamailio outlives a test process that crashes', async () => {
  const script = `
    import { startKamailio } from ${JSON.stringify(path.join(LAB, 'lib', 'kamailio.js'))};
    const pbx = await startKamailio({ tls: false });
    console.log(pbx.pid, pbx.runDir);
    setTimeout(() => { throw new Error('test crashed'); }, 10);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  const [code] = await once(child, 'exit');
  assert.notEqual(code, 0);
  const [pidText, runDir] = out.trim().split(' ');
  const pid = Number(pidText);
  assert.ok(pid > 0, `child printed the Kamailio pid (got ${JSON.stringify(out)})`);
  // SIGKILL was sent as the child exited; dying takes the kernel a few milliseconds
  const deadline = Date.now() + 2000;
  while (liveGroupMembers(pid).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(liveGroupMembers(pid), [], 'Kamailio and its workers were killed on exit');
  fs.rmSync(runDir, { recursive: true, force: true }); // a crash leaves its run directory behind
});
