// Shared by the softphone's browser tests: a static server for the built softphone and its test pages
// (127.0.0.1 only, with a chosen Content-Security-Policy), and a fresh headless Chromium.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { CHROMIUM_BASE_FLAGS, WEBRTC_FLAGS } from '../lab/lib/chromium-flags.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests/browser/fixtures/softphone');
export const SCREENSHOTS = path.join(ROOT, 'build/screenshots/softphone');

// The policy the adapter page must work under, and the stricter one that refuses WebAssembly.
export const CSP_WASM = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self' ws://127.0.0.1:*";
export const CSP_NO_WASM = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' ws://127.0.0.1:*";

const MOUNTS = {
  '/softphone/': 'build/softphone',
  '/src/': 'js-shim/src',
  '/harness/': 'tests/browser/fixtures/softphone',
  '/axe/': 'node_modules/axe-core',
};
const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

// csp(url) → the policy for that response, or null for none.
export async function startServer({ csp = () => CSP_WASM } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const mount = Object.keys(MOUNTS).find((m) => url.pathname.startsWith(m));
    const base = mount && path.join(ROOT, MOUNTS[mount]);
    const file = base && path.join(base, decodeURIComponent(url.pathname.slice(mount.length)));
    if (!file || !file.startsWith(base + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      const policy = csp(url);
      if (policy) headers['content-security-policy'] = policy;
      res.writeHead(200, headers).end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function launchChromium({ webrtc = false, width = 300, height = 600 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-softphone-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: webrtc ? [...CHROMIUM_BASE_FLAGS, ...WEBRTC_FLAGS] : CHROMIUM_BASE_FLAGS,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width, height },
    });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Records CSP violations and page errors from the first script on.
export async function watchPage(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

export function loadFixtures() {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')));
}

// Renders a fixture's view with a fixed clock and captures what the UI posts in window.__posted;
// then reproduces the fixture's UI-only state (typed number, open menu or panel).
export async function mountFixture(page, fixture) {
  await page.evaluate(({ view, now }) => {
    window.__renderer?.destroy();
    window.__posted = [];
    window.__view = view;
    window.__renderer = window.SwitchboardSoftphone.createRenderer({
      root: document.getElementById('softphone'),
      post: (event) => window.__posted.push(event),
      clock: () => now,
      notesDelayMs: 200,
    });
    window.__renderer.render(view);
  }, fixture);
  if (fixture.type) {
    await page.fill('#sb-dial-input', fixture.type);
    await page.evaluate(() => window.__renderer.render(window.__view));
  }
  const open = fixture.open || {};
  if (open.menu) await page.click('#sb-status-button');
  if (open.panel) {
    await page.click(`[data-call="${open.call}"] [data-action="${open.panel === 'keypad' ? 'dtmf' : open.panel}"]`);
    if (open.fill) await page.fill(`#sb-${open.call}-target`, open.fill);
  }
  await page.evaluate(() => {
    window.__posted.length = 0;
  });
}

export const posted = (page) => page.evaluate(() => window.__posted.splice(0));
