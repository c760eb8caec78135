// The browser customer: JsSIP bundled for the browser at run time, served from a tiny static server
// on 127.0.0.1 (plain http, or https with a self-signed certificate), and driven in headless
// Chromium with a fake microphone through window.customer.
import fs from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { selfSignedCertificate } from './certs.js';
import { CHROMIUM_BASE_FLAGS, WEBRTC_FLAGS } from './chromium-flags.js';
import { track } from './cleanup.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PAGE_DIR = path.resolve(HERE, '..', 'browser');
export const BROWSER_BUILD_DIR = path.resolve(HERE, '..', '..', '..', 'build', 'lab', 'browser');
export const CHROMIUM = process.env.LAB_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_FLAGS,
  ...WEBRTC_FLAGS,
  // the lab's https server and wss:// use a self-signed certificate
  '--ignore-certificate-errors',
];

let bundling = null;

/** Bundles tests/lab/browser/customer.js (JsSIP included) into build/lab/browser/customer.js. */
export function buildCustomerBundle() {
  bundling ??= (async () => {
    const esbuild = await import('esbuild');
    await fs.mkdir(BROWSER_BUILD_DIR, { recursive: true });
    const outfile = path.join(BROWSER_BUILD_DIR, 'customer.js');
    const tmp = `${outfile}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [path.join(PAGE_DIR, 'customer.js')], bundle: true, format: 'iife', platform: 'browser',
      target: 'chrome110', outfile: tmp, logLevel: 'error', sourcemap: 'inline',
    });
    await fs.rename(tmp, outfile); // atomic for test files bundling in parallel
    return outfile;
  })();
  return bundling;
}

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/**
 * Serves the customer page: GET / and /customer.html (the page), /customer.js (the bundle).
 * options: https (false: plain http on 127.0.0.1, a secure context for getUserMedia already),
 * port (0 = any free one). Resolves with {url, port, https, stop()}.
 */
export async function startStaticServer({ https: secure = false, port = 0 } = {}) {
  const bundle = await buildCustomerBundle();
  const files = {
    '/': path.join(PAGE_DIR, 'customer.html'),
    '/customer.html': path.join(PAGE_DIR, 'customer.html'),
    '/customer.js': bundle,
  };
  const handler = async (req, res) => {
    const pathname = new URL(req.url, 'http://127.0.0.1').pathname;
    const file = files[pathname];
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method !== 'GET' || !file) {
      res.writeHead(req.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' });
      res.end(req.method === 'GET' ? `not found: ${pathname}\n` : 'method not allowed\n');
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)], 'cache-control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`cannot read ${pathname}: ${error.code}\n`);
    }
  };
  let server;
  if (secure) {
    const { cert, key } = selfSignedCertificate();
    server = https.createServer({ cert, key }, handler);
  } else {
    server = http.createServer(handler);
  }
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = server.address().port;
  let untrack = () => {};
  const result = {
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${bound}/`,
    port: bound,
    https: secure,
    stop: () => new Promise((resolve) => {
      untrack();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
  untrack = track(`static server ${result.url}`, result.stop);
  return result;
}

/**
 * Launches headless Chromium (playwright-core, /usr/bin/chromium, a fresh profile) with the WebRTC
 * flags above. Resolves with the Playwright BrowserContext; close it with context.close().
 */
export async function launchBrowser({ args = [], headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'sb-lab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless, args: [...CHROMIUM_ARGS, ...args], ignoreHTTPSErrors: true,
  });
  const close = context.close.bind(context);
  let untrack = () => {};
  let closing = null;
  context.close = () => {
    closing ??= (async () => {
      untrack();
      await close().catch(() => {});
      await fs.rm(profile, { recursive: true, force: true });
    })();
    return closing;
  };
  untrack = track('chromium', context.close);
  return context;
}

/**
 * Opens a customer page in the browser context, registers it and returns a handle whose methods run
 * in the page: call(target), answer(), hangup(), hold(), unhold(), sendDTMF(digits, {transport}),
 * stats(), state(), next(event, timeoutMs), stop(); `page` is the Playwright page.
 * options: server (from startStaticServer), wsUrl, user, password, authUser, domain.
 */
export async function openCustomer(context, { server, wsUrl, user, password, authUser, domain }) {
  if (!server?.url) throw new TypeError('openCustomer: server (from startStaticServer) is required');
  if (!/^wss?:\/\//.test(wsUrl ?? '')) throw new TypeError(`openCustomer: wsUrl must be ws:// or wss://, got ${JSON.stringify(wsUrl)}`);
  if (server.https && wsUrl.startsWith('ws://')) {
    throw new TypeError('openCustomer: a page served over https must use wss:// (mixed content is blocked)');
  }
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 10000 });
  const inPage = (method) => (...args) => page.evaluate(([m, a]) => window.customer[m](...a), [method, args]);
  try {
    await page.evaluate((cfg) => window.customer.start(cfg), { wsUrl, user, password, authUser, domain });
  } catch (error) {
    throw new Error(`openCustomer ${user}: ${error.message}\n${consoleLines.slice(-10).join('\n')}`);
  }
  return {
    page,
    user,
    console: consoleLines,
    call: inPage('call'),
    answer: inPage('answer'),
    hangup: inPage('hangup'),
    hold: inPage('hold'),
    unhold: inPage('unhold'),
    sendDTMF: inPage('sendDTMF'),
    stats: inPage('stats'),
    next: inPage('next'),
    stop: inPage('stop'),
    state: () => page.evaluate(() => window.customer.state),
  };
}
