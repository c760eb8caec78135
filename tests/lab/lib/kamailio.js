// The lab PBX: Kamailio 5.6 rendered from kamailio/kamailio.cfg.tmpl, run in the foreground with its
// own run directory, waited for until it answers, stopped gracefully (and always, even on failure).
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSelfSignedCertificate } from './certs.js';
import { assertPortFree, freePort, waitForTcp } from './ports.js';
import { track } from './cleanup.js';
import { spawnTracked, stopTracked } from './processes.js';

const LAB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(LAB_DIR, 'kamailio', 'kamailio.cfg.tmpl');
export const RUNS_DIR = path.resolve(LAB_DIR, '..', '..', 'build', 'lab', 'runs');
export const LAB_DOMAIN = 'sip.test';
const AUTH_MODES = ['none', 'digest', 'ephemeral'];

// SIP user part characters we accept for lab users (RFC 3261 "user" without escapes).
const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/]{1,64}$/;
const DOMAIN_RE = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Ephemeral credentials as a web service would hand them out and Kamailio's auth_ephemeral checks
 * them (username_format 1, SHA-1): username "<unix expiry>:<user>", password
 * base64(HMAC-SHA1(secret, username)). A negative ttlSeconds gives already expired credentials.
 */
export function ephemeralCredentials(secret, user, ttlSeconds = 3600, now = Date.now()) {
  if (typeof secret !== 'string' || secret === '') throw new TypeError('ephemeralCredentials: secret must be a non-empty string');
  if (typeof user !== 'string' || !USER_RE.test(user)) throw new TypeError(`ephemeralCredentials: invalid user ${JSON.stringify(user)}`);
  if (!Number.isFinite(ttlSeconds)) throw new TypeError('ephemeralCredentials: ttlSeconds must be a number');
  const expiresAt = Math.floor(now / 1000) + Math.trunc(ttlSeconds);
  const username = `${expiresAt}:${user}`;
  const password = crypto.createHmac('sha1', secret).update(username).digest('base64');
  return { username, password, expiresAt };
}

function ha1(user, realm, password) {
  return crypto.createHash('md5').update(`${user}:${realm}:${password}`).digest('hex');
}

function validate(options) {
  const { auth, users, secret, domain } = options;
  if (!AUTH_MODES.includes(auth)) {
    throw new TypeError(`startKamailio: auth must be one of ${AUTH_MODES.join(', ')} (got ${JSON.stringify(auth)})`);
  }
  if (!Array.isArray(users)) throw new TypeError('startKamailio: users must be an array of {user, password}');
  const seen = new Set();
  for (const [i, entry] of users.entries()) {
    if (!entry || typeof entry.user !== 'string' || !USER_RE.test(entry.user)) {
      throw new TypeError(`startKamailio: users[${i}].user is not a valid SIP user name: ${JSON.stringify(entry?.user)}`);
    }
    if (seen.has(entry.user)) throw new TypeError(`startKamailio: user ${entry.user} is listed twice`);
    seen.add(entry.user);
    if (auth === 'digest' && (typeof entry.password !== 'string' || entry.password === '')) {
      throw new TypeError(`startKamailio: users[${i}] (${entry.user}) needs a password with auth 'digest'`);
    }
  }
  if (auth === 'ephemeral') {
    // The secret ends up inside a quoted modparam string: keep it to characters that need no escaping.
    if (typeof secret !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]{8,256}$/.test(secret)) {
      throw new TypeError("startKamailio: auth 'ephemeral' needs a secret of 8-256 printable characters without quotes or backslashes");
    }
  }
  if (typeof domain !== 'string' || !DOMAIN_RE.test(domain) || /^\d+(\.\d+){3}$/.test(domain)) {
    throw new TypeError(`startKamailio: domain must be a host name (not an IP address), got ${JSON.stringify(domain)}`);
  }
  if (!(Number.isInteger(options.logLevel) && options.logLevel >= -5 && options.logLevel <= 3)) {
    throw new TypeError(`startKamailio: logLevel must be an integer from -5 to 3 (got ${JSON.stringify(options.logLevel)})`);
  }
  for (const name of ['sipPort', 'wsPort', 'wssPort']) {
    const value = options[name];
    if (value !== undefined && !(Number.isInteger(value) && value > 0 && value < 65536)) {
      throw new TypeError(`startKamailio: ${name} must be a port number (got ${JSON.stringify(value)})`);
    }
  }
}

function render(template, values) {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (match, name) => {
    if (!(name in values)) throw new Error(`kamailio template: no value for {{${name}}}`);
    return String(values[name]);
  });
}

/**
 * Sends OPTIONS over UDP to the proxy on port (sip:127.0.0.1:port, answered by the proxy itself) or,
 * with `user`, to that user through it; resolves with the status line of the answer.
 */
export function sipOptionsPing(port, { timeoutMs = 500, user } = {}) {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    const branch = `z9hG4bK${crypto.randomBytes(6).toString('hex')}`;
    const timer = setTimeout(() => { socket.close(); reject(new Error(`no answer to OPTIONS on udp 127.0.0.1:${port}`)); }, timeoutMs);
    socket.on('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(msg.toString().split('\r\n', 1)[0]);
    });
    socket.on('error', (error) => { clearTimeout(timer); socket.close(); reject(error); });
    socket.bind(0, '127.0.0.1', () => {
      const local = socket.address().port;
      const target = user ? `sip:${user}@127.0.0.1:${port}` : `sip:127.0.0.1:${port}`;
      const message = [
        `OPTIONS ${target} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@127.0.0.1>;tag=${crypto.randomBytes(4).toString('hex')}`,
        `To: <${target}>`,
        `Call-ID: ${crypto.randomUUID()}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '', '',
      ].join('\r\n');
      socket.send(message, port, '127.0.0.1');
    });
  });
}

/**
 * Starts Kamailio and resolves once it answers OPTIONS over UDP and accepts TCP on its WebSocket
 * port(s). Ports default to free ones (pass sipPort/wsPort/wssPort to pin them, e.g. 5060/8088/8089).
 *
 * options: auth ('none' | 'digest' | 'ephemeral'), users [{user, password}], secret (ephemeral),
 * domain ('sip.test'), tls (true: also wss:// with a self-signed certificate), trace (log every
 * request), logLevel (Kamailio debug level, 2), startTimeoutMs, stopTimeoutMs, keepRunDir.
 */
export async function startKamailio(options = {}) {
  const opts = {
    auth: 'none', users: [], secret: undefined, domain: LAB_DOMAIN, tls: true, trace: false,
    logLevel: 2, startTimeoutMs: 10000, stopTimeoutMs: 5000,
    keepRunDir: process.env.LAB_KEEP_RUNS === '1', ...options,
  };
  validate(opts);
  // A free port picked here can be taken by another process before Kamailio binds it: then try
  // again with new ones (ports given by the caller are never changed).
  const pinned = Boolean(opts.sipPort || opts.wsPort || opts.wssPort);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (error) {
      if (pinned || attempt >= 3 || !/Address already in use/.test(error.message)) throw error;
      if (error.runDir) await fs.rm(error.runDir, { recursive: true, force: true });
    }
  }
}

async function startOnce(opts) {
  const sipPort = opts.sipPort ?? await freePort({ udp: true });
  const wsPort = opts.wsPort ?? await freePort();
  const wssPort = opts.tls ? (opts.wssPort ?? await freePort()) : null;
  if (opts.sipPort) await assertPortFree(sipPort, { udp: true, name: 'sipPort' });
  if (opts.wsPort) await assertPortFree(wsPort, { name: 'wsPort' });
  if (opts.tls && opts.wssPort) await assertPortFree(wssPort, { name: 'wssPort' });

  await fs.mkdir(RUNS_DIR, { recursive: true });
  const runDir = await fs.mkdtemp(path.join(RUNS_DIR, `kamailio-${opts.auth}-`));
  const configFile = path.join(runDir, 'kamailio.cfg');
  const usersFile = path.join(runDir, 'users.cfg');
  const tlsConfig = path.join(runDir, 'tls.cfg');
  const pidFile = path.join(runDir, 'kamailio.pid');

  let certificate = null;
  if (opts.tls) {
    const cert = writeSelfSignedCertificate(path.join(runDir, 'tls'));
    certificate = cert.cert;
    await fs.writeFile(tlsConfig, [
      '[server:default]',
      'method = TLSv1.2+',
      'verify_certificate = no',
      'require_certificate = no',
      `private_key = ${cert.keyFile}`,
      `certificate = ${cert.certFile}`,
      '',
    ].join('\n'));
  }

  const userLines = opts.users.map(({ user, password }) => {
    const lines = [`$sht(known=>${user}) = 1;`];
    if (opts.auth === 'digest') lines.push(`$sht(ha1=>${user}) = "${ha1(user, opts.domain, password)}";`);
    return lines.join('\n');
  });
  // (an empty route body is a syntax error for Kamailio, hence the count)
  await fs.writeFile(usersFile, `# generated: the lab's static users\n$var(lab_users) = ${opts.users.length};\n${userLines.join('\n')}\n`);

  const defines = [
    opts.auth !== 'none' && '#!define WITH_AUTH',
    opts.auth === 'digest' && '#!define WITH_AUTH_DIGEST',
    opts.auth === 'ephemeral' && '#!define WITH_AUTH_EPHEMERAL',
    opts.tls && '#!define WITH_TLS',
    opts.trace && '#!define WITH_TRACE',
  ].filter(Boolean);
  const config = render(await fs.readFile(TEMPLATE, 'utf8'), {
    DEFINES: defines.join('\n'),
    LOG_LEVEL: opts.trace ? Math.max(opts.logLevel, 2) : opts.logLevel, // trace lines are NOTICE
    SIP_PORT: sipPort,
    WS_PORT: wsPort,
    WSS_PORT: wssPort ?? 0,
    DOMAIN: opts.domain,
    SECRET: opts.secret ?? '',
    TLS_CONFIG: tlsConfig,
    USERS_FILE: usersFile,
  });
  await fs.writeFile(configFile, config);

  const args = ['-f', configFile, '-Y', runDir, '-P', pidFile, '-DD', '-E', '-m', '64', '-M', '8'];
  const child = spawnTracked('kamailio', args, { cwd: runDir });
  const logFile = path.join(runDir, 'kamailio.log');
  const alive = () => child.exitCode === null && child.signalCode === null;
  const failStart = async (why) => {
    await stopTracked(child, { timeoutMs: 1000 });
    await fs.writeFile(logFile, child.output()).catch(() => {});
    const tail = child.output().split('\n').slice(-30).join('\n');
    return Object.assign(new Error(`startKamailio: ${why} (config ${configFile})\n--- kamailio output (tail) ---\n${tail}`), { runDir });
  };

  // Ready = answers OPTIONS over UDP, and the WebSocket port(s) accept connections.
  const deadline = Date.now() + opts.startTimeoutMs;
  for (;;) {
    if (!alive()) throw await failStart(`kamailio exited during start-up (${child.signalCode ?? `exit ${child.exitCode}`})`);
    try {
      const status = await sipOptionsPing(sipPort, { timeoutMs: 200 });
      if (!/^SIP\/2\.0 200/.test(status)) throw await failStart(`OPTIONS answered "${status}"`);
      break;
    } catch (error) {
      if (error.message.startsWith('startKamailio')) throw error;
      if (Date.now() > deadline) throw await failStart(`no answer on udp 127.0.0.1:${sipPort} after ${opts.startTimeoutMs} ms`);
    }
  }
  try {
    await waitForTcp(wsPort, { timeoutMs: Math.max(500, deadline - Date.now()), isAlive: alive });
    if (wssPort) await waitForTcp(wssPort, { timeoutMs: Math.max(500, deadline - Date.now()), isAlive: alive });
  } catch (error) {
    throw await failStart(error.message);
  }

  let stopping = null;
  let untrack = () => {};
  const pbx = {
    auth: opts.auth,
    domain: opts.domain,
    host: '127.0.0.1',
    udpPort: sipPort,
    tcpPort: sipPort,
    sipPort,
    wsPort,
    wssPort,
    sipUri: `sip:127.0.0.1:${sipPort}`,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssUrl: wssPort ? `wss://127.0.0.1:${wssPort}` : null,
    /** PEM of the self-signed certificate behind wssUrl (to trust it as a CA), or null. */
    certificate,
    users: opts.users.map(({ user, password }) => ({ user, password })),
    secret: opts.secret,
    runDir,
    configFile,
    pid: child.pid,
    /** What Kamailio has written to stderr so far (the last 256 KB). */
    output: () => child.output(),
    /** The AoR for a user of this PBX. */
    aor: (user) => `sip:${user}@${opts.domain}`,
    /** Ephemeral credentials for this PBX's secret. */
    credentials: (user, ttlSeconds = 3600) => ephemeralCredentials(opts.secret, user, ttlSeconds),
    /** OPTIONS over UDP to the proxy, or to a user through it: resolves with the status line. */
    ping: (user, timeoutMs = 1000) => sipOptionsPing(sipPort, { timeoutMs, user }),
    /** Stops Kamailio: SIGTERM, then SIGKILL after stopTimeoutMs. Safe to call more than once. */
    stop: () => {
      stopping ??= (async () => {
        untrack();
        const result = await stopTracked(child, { timeoutMs: opts.stopTimeoutMs });
        await fs.writeFile(logFile, child.output()).catch(() => {});
        if (!opts.keepRunDir) await fs.rm(runDir, { recursive: true, force: true });
        return result;
      })();
      return stopping;
    },
  };
  untrack = track(`kamailio ${pbx.wsUrl}`, pbx.stop);
  return pbx;
}
