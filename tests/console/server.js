#!/usr/bin/env node
// The Lightning console emulator: one https server answering for two Salesforce-like host names.
//   https://acme.lightning.force.com:<port>  the org: console page, Open CTI library, org API
//   https://acme--c.vf.force.com:<port>      Visualforce: the softphone at /apex/SwitchboardSoftphone
// Browsers reach both through --host-resolver-rules (see HOST_RESOLVER_RULES) and accept the
// self-signed certificate with --ignore-certificate-errors. Options: docs/console.md.

import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { applySettings, checkCallCenter, flattenCallCenter, parseCallCenterXml } from './lib/callcenter.js';
import { selfSignedCertificate } from '../lab/lib/certs.js';
import { ApiError, DmlError, Org } from './lib/org.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const SLDS = path.join(ROOT, 'node_modules/@salesforce-ux/design-system/assets');

export const ORG_HOST = 'acme.lightning.force.com';
export const VF_HOST = 'acme--c.vf.force.com';
export const HOST_RESOLVER_RULES = `MAP ${ORG_HOST} 127.0.0.1, MAP ${VF_HOST} 127.0.0.1`;
export const DEFAULT_LAB_SECRET = 'switchboard-lab-secret';
export const STANDBY_PAGE = 'SwitchboardStandby';
const LOWEST_LIBRARY = 38;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

function readJsonOption(value, fallbackFile) {
  if (value === undefined || value === null) return JSON.parse(fs.readFileSync(fallbackFile, 'utf8'));
  if (typeof value === 'string') return JSON.parse(fs.readFileSync(value, 'utf8'));
  return structuredClone(value);
}

function utilityIcons() {
  try {
    const svg = fs.readFileSync(path.join(SLDS, 'icons/utility-sprite/svg/symbols.svg'), 'utf8');
    return [...svg.matchAll(/<symbol[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
  } catch {
    return [];
  }
}

// An SLDS sprite as { name: { viewBox, body } }: the console draws icons inline, as Lightning's base
// components do, rather than through <use href="symbols.svg#…">, which makes Chromium parse a
// 458 KB sprite on the main thread the softphone frame shares each time an icon changes.
const spriteCache = new Map();
function spriteIcons(sprite) {
  if (!spriteCache.has(sprite)) {
    const icons = {};
    try {
      const svg = fs.readFileSync(path.join(SLDS, `icons/${sprite}-sprite/svg/symbols.svg`), 'utf8');
      for (const m of svg.matchAll(/<symbol([^>]*)>([\s\S]*?)<\/symbol>/g)) {
        const id = /\sid="([^"]+)"/.exec(m[1])?.[1];
        const viewBox = /\sviewBox="([^"]+)"/.exec(m[1])?.[1];
        if (id && viewBox) icons[id] = { viewBox, body: m[2] };
      }
    } catch {
      return null;
    }
    spriteCache.set(sprite, icons);
  }
  return spriteCache.get(sprite);
}

function buildCallCenter(o) {
  const file = o.callCenterFile ?? path.join(HERE, 'fixtures/callcenter.xml');
  const def = parseCallCenterXml(fs.readFileSync(file, 'utf8'));
  const overrides = {};
  if (o.pbxUrl) overrides['/switchboard/pbxWebSocketUrl'] = o.pbxUrl;
  if (o.sipDomain) overrides['/switchboard/sipDomain'] = o.sipDomain;
  if (o.adapterUrl) overrides['/reqGeneralInfo/reqAdapterUrl'] = o.adapterUrl;
  if (o.standbyUrl !== undefined || o.initTimeoutMs !== undefined) {
    overrides['/reqGeneralInfo/reqStandbyUrl'] = o.standbyUrl ?? `/apex/${STANDBY_PAGE}`;
    overrides['/reqGeneralInfo/reqTimeout'] = String(o.initTimeoutMs ?? 10000);
  }
  applySettings(def, overrides);
  applySettings(def, o.settings ?? {});
  const problems = checkCallCenter(def);
  if (problems.length) throw new Error(`call center definition ${file} would not work:\n  ${problems.join('\n  ')}`);
  return flattenCallCenter(def);
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(body);
}

function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

// Serves `rel` from `dir`, never outside it. Returns false when there is no such file.
function serveFile(res, dir, rel, headers = {}) {
  const base = path.resolve(dir);
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  if (file !== base && !file.startsWith(base + path.sep)) return false;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': 'no-store',
    ...headers,
  });
  fs.createReadStream(file).pipe(res);
  return true;
}

function readBody(req, limit = 1 << 20) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readJson(req) {
  const text = await readBody(req);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`request body is not JSON: ${err.message}`);
  }
}

export async function startConsole(options = {}) {
  const o = { ...options };
  const softphoneDir = path.resolve(ROOT, o.softphoneDir ?? 'build/softphone');
  const mounts = Object.entries(o.mounts ?? {}).map(([prefix, dir]) => [prefix.endsWith('/') ? prefix : `${prefix}/`, path.resolve(ROOT, dir)]);
  const orgVersion = Number.parseInt(o.apiVersion ?? '66.0', 10);
  if (!(orgVersion >= LOWEST_LIBRARY)) throw new Error(`apiVersion must be 38.0 or later (got ${o.apiVersion})`);
  const labSecret = o.labSecret === undefined ? DEFAULT_LAB_SECRET : o.labSecret;

  const fixture = readJsonOption(o.org, path.join(HERE, 'fixtures/org.json'));
  if (o.records) fixture.records = { ...fixture.records, ...readJsonOption(o.records) };
  if (o.agents) fixture.agents = readJsonOption(o.agents);
  const layout = readJsonOption(o.layout, path.join(HERE, 'fixtures/layout.json'));
  const callCenter = buildCallCenter(o);
  const org = new Org({ fixture, callCenterSettings: callCenter, labSecret, credentialTtlSeconds: o.credentialTtlSeconds ?? 3600, now: o.now });
  const firstUser = org.list('User')[0];
  const loggedIn = o.user ? org.user(o.user) : firstUser;
  if (!loggedIn) throw new Error(`user ${o.user} is not in the org fixture`);

  const control = {
    libraryBehaviour: o.libraryBehaviour ?? 'auto',
    userId: loggedIn.Id,
    softphoneCsp: o.softphoneCsp ?? null,
  };
  checkBehaviour(control.libraryBehaviour);
  let uiState = null;
  const icons = utilityIcons();
  const library = fs.readFileSync(path.join(HERE, 'opencti/opencti.js'), 'utf8');
  const { key, cert } = selfSignedCertificate({ hostNames: [ORG_HOST, VF_HOST], ips: [], days: 7 });

  let port = 0;
  const orgOrigin = () => `https://${ORG_HOST}:${port}`;
  const vfOrigin = () => `https://${VF_HOST}:${port}`;
  const absoluteOnVf = (url) => (url && url.startsWith('/') ? vfOrigin() + url : url);
  const adapterUrl = () => absoluteOnVf(callCenter['/reqGeneralInfo/reqAdapterUrl']);
  const adapterPage = () => {
    const m = /^\/apex\/([A-Za-z0-9_]+)/.exec(new URL(adapterUrl()).pathname);
    return m ? m[1] : null;
  };

  function checkBehaviour(value) {
    if (!['auto', 'legacy', 'flags'].includes(value)) throw new Error(`libraryBehaviour must be auto, legacy or flags (got ${value})`);
  }

  function serveLibrary(res, version) {
    const v = Number.parseInt(version, 10);
    if (!(v >= LOWEST_LIBRARY && v <= orgVersion)) {
      return sendText(res, 404, `/* Open CTI ${version} is not available in this org (38.0–${orgVersion}.0) */`);
    }
    const behaviour = control.libraryBehaviour === 'auto' ? (v <= 43 ? 'legacy' : 'flags') : control.libraryBehaviour;
    const config = JSON.stringify({ apiVersion: v, behaviour });
    const text = library.replace(/\/\*@@CONFIG\*\/[\s\S]*?\/\*@@END\*\//, `/*@@CONFIG*/ ${config} /*@@END*/`);
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
    return undefined;
  }

  function session() {
    return {
      orgOrigin: orgOrigin(),
      vfOrigin: vfOrigin(),
      adapterUrl: adapterUrl(),
      standbyUrl: absoluteOnVf(callCenter['/reqGeneralInfo/reqStandbyUrl']) || null,
      initTimeoutMs: callCenter['/reqGeneralInfo/reqTimeout'] ? Number(callCenter['/reqGeneralInfo/reqTimeout']) : null,
      apiVersion: `${orgVersion}.0`,
      libraryBehaviour: control.libraryBehaviour,
      user: org.get(control.userId),
      users: org.list('User'),
      callCenter,
      layout,
      flows: fixture.flows ?? [],
      listViews: fixture.listViews ?? {},
      messageChannels: fixture.messageChannels ?? [],
      utilityIcons: icons,
      records: org.all(),
    };
  }

  function apiError(err) {
    if (err instanceof DmlError) {
      return { error: { code: 'SERVER_ERROR', description: err.message, details: { statusCode: err.statusCode, fields: err.fields } } };
    }
    if (err instanceof ApiError) return { error: { code: err.code, description: err.message, details: err.details } };
    return { error: { code: 'SERVER_ERROR', description: String(err?.message ?? err), details: null } };
  }

  async function orgApi(op, body) {
    const userId = control.userId;
    switch (op) {
      case 'records':
        return org.all();
      case 'search': {
        const callType = String(body.callType ?? '').toLowerCase();
        const key = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' }[callType];
        return {
          result: key ? org.layoutSearch(body.searchParams ?? '', layout[key]) : {},
          all: org.search(body.searchParams ?? '').map((r) => r.Id),
        };
      }
      case 'save':
        try {
          return { recordId: org.save(body.value, { userId }) };
        } catch (err) {
          return apiError(err);
        }
      case 'apex':
        try {
          return { runApex: org.runApex(body, { userId }) };
        } catch (err) {
          return apiError(err);
        }
      default:
        return null;
    }
  }

  async function onOrg(req, res, url) {
    const p = url.pathname;
    let m;
    if (p === '/') return sendText(res, 302, '', { location: '/lightning/page/home' });
    if ((m = /^\/support\/api\/(\d+\.0)\/lightning\/opencti(_min)?\.js$/.exec(p))) return serveLibrary(res, m[1]);
    if (p.startsWith('/lightning/') || p === '/lightning') return serveFile(res, path.join(HERE, 'page'), 'index.html') || sendText(res, 500, 'page missing');
    if (p.startsWith('/console/')) return serveFile(res, path.join(HERE, 'page'), p.slice('/console/'.length)) || sendText(res, 404, 'not found');
    if (p.startsWith('/slds/')) return serveFile(res, SLDS, p.slice('/slds/'.length)) || sendText(res, 404, 'not found');
    if ((m = /^\/__console\/icons\/(utility|standard)\.json$/.exec(p))) {
      const icons = spriteIcons(m[1]);
      return icons ? sendJson(res, 200, icons) : sendText(res, 404, 'SLDS sprite missing');
    }
    if (p === '/__console/api/session') return sendJson(res, 200, session());
    if (p === '/__console/state') {
      if (req.method === 'POST') {
        uiState = await readJson(req);
        return sendJson(res, 200, { ok: true });
      }
      return sendJson(res, 200, await handle.state());
    }
    if (p === '/__console/control' && req.method === 'POST') {
      const body = await readJson(req);
      if (body.libraryBehaviour !== undefined) {
        checkBehaviour(body.libraryBehaviour);
        control.libraryBehaviour = body.libraryBehaviour;
      }
      if (body.user !== undefined) {
        const user = org.user(body.user);
        if (!user) return sendJson(res, 400, { error: `no user ${body.user}` });
        control.userId = user.Id;
      }
      return sendJson(res, 200, session());
    }
    if ((m = /^\/__console\/api\/(\w+)$/.exec(p)) && req.method === 'POST') {
      const result = await orgApi(m[1], await readJson(req));
      return result === null ? sendJson(res, 404, { error: `unknown operation ${m[1]}` }) : sendJson(res, 200, result);
    }
    return sendText(res, 404, `No page at ${p}`);
  }

  function onVisualforce(req, res, url) {
    const p = url.pathname;
    const headers = control.softphoneCsp ? { 'content-security-policy': control.softphoneCsp } : {};
    let m;
    if ((m = /^\/support\/api\/(\d+\.0)\/lightning\/opencti(_min)?\.js$/.exec(p))) return serveLibrary(res, m[1]);
    for (const [prefix, dir] of mounts) {
      if (p.startsWith(prefix)) return serveFile(res, dir, p.slice(prefix.length), headers) || sendText(res, 404, 'not found', headers);
    }
    if ((m = /^\/apex\/([A-Za-z0-9_]+)$/.exec(p))) {
      if (m[1] === adapterPage()) {
        return (
          serveFile(res, softphoneDir, 'index.html', headers) ||
          sendText(res, 404, `The softphone folder ${softphoneDir} has no index.html: build the softphone first.`, headers)
        );
      }
      if (m[1] === STANDBY_PAGE) return serveFile(res, path.join(HERE, 'page'), 'standby.html', headers);
    }
    if ((m = /^\/resource\/\d+\/[A-Za-z0-9_]+\/(.+)$/.exec(p))) {
      return serveFile(res, softphoneDir, m[1], headers) || sendText(res, 404, 'not found', headers);
    }
    const rel = p.startsWith('/apex/') ? p.slice('/apex/'.length) : p.slice(1);
    if (rel && serveFile(res, softphoneDir, rel, headers)) return undefined;
    return sendText(res, 404, `Page ${p} does not exist`, headers);
  }

  const server = https.createServer({ key, cert }, (req, res) => {
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    let url;
    try {
      url = new URL(req.url, `https://${host || ORG_HOST}`);
    } catch {
      return sendText(res, 400, 'bad request URL');
    }
    const route = host === ORG_HOST ? onOrg : host === VF_HOST ? onVisualforce : null;
    if (!route) return sendText(res, 421, `This server answers for ${ORG_HOST} and ${VF_HOST}, not "${host}".`);
    Promise.resolve(route(req, res, url)).catch((err) => {
      if (!res.headersSent) sendJson(res, 400, { error: String(err?.message ?? err) });
      else res.destroy();
    });
    return undefined;
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve);
  });
  port = server.address().port;

  const handle = {
    port,
    orgOrigin: orgOrigin(),
    vfOrigin: vfOrigin(),
    url: `${orgOrigin()}/lightning/page/home`,
    softphoneUrl: adapterUrl(),
    hostResolverRules: HOST_RESOLVER_RULES,
    chromiumArgs: [`--host-resolver-rules=${HOST_RESOLVER_RULES}`, '--ignore-certificate-errors'],
    callCenterSettings: () => ({ ...callCenter }),
    org,
    tasks: () => org.list('Task'),
    // The page's last reported state (UI) with the org's records.
    async state() {
      return { ui: uiState, tasks: org.list('Task'), libraryBehaviour: control.libraryBehaviour, user: org.get(control.userId) };
    },
    setLibraryBehaviour(value) {
      checkBehaviour(value);
      control.libraryBehaviour = value;
    },
    setSoftphoneCsp(value) {
      control.softphoneCsp = value ?? null;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s);
    const value = inline !== undefined ? inline : argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true';
    out[name.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = value;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const a = parseArgs(process.argv.slice(2));
  if (a.help) {
    console.log(`usage: node tests/console/server.js [--port 8443] [--softphone-dir build/softphone]
  [--pbx-url ws://127.0.0.1:8088] [--sip-domain 127.0.0.1] [--lab-secret S] [--user alex@acme.example]
  [--api-version 66.0] [--library-behaviour auto|legacy|flags] [--softphone-csp "script-src 'self'"]
  [--init-timeout-ms 10000] [--adapter-url /apex/SwitchboardSoftphone?x=1]
  [--call-center-file F.xml] [--mount /shim/=js-shim/src]        (see docs/console.md)`);
    process.exit(0);
  }
  const konsole = await startConsole({
    port: a.port ? Number(a.port) : 8443,
    softphoneDir: a.softphoneDir,
    pbxUrl: a.pbxUrl,
    sipDomain: a.sipDomain,
    labSecret: a.labSecret,
    user: a.user,
    apiVersion: a.apiVersion,
    libraryBehaviour: a.libraryBehaviour,
    softphoneCsp: a.softphoneCsp,
    initTimeoutMs: a.initTimeoutMs ? Number(a.initTimeoutMs) : undefined,
    callCenterFile: a.callCenterFile,
    adapterUrl: a.adapterUrl,
    mounts: a.mount ? Object.fromEntries([a.mount.split('=')]) : undefined,
  });
  console.log(`Lightning console emulator
  console:   ${konsole.url}
  softphone: ${konsole.softphoneUrl}
  state:     ${konsole.orgOrigin}/__console/state
Open it with Chromium:
  chromium --host-resolver-rules="${HOST_RESOLVER_RULES}" --ignore-certificate-errors ${konsole.url}`);
  const stop = () => konsole.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
