// The softphone's Visualforce page, rendered as Salesforce would serve it, in Chromium under the
// Content-Security-Policies it may meet: the WebAssembly core where the page allows WebAssembly,
// the wasm2js core by itself where it does not, and the standby page always on wasm2js.
// Needs build/package (scripts/package) and a loopback-only network (scripts/suites/75-*.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:https';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { selfSignedCertificate } from '../../tests/lab/lib/certs.js';
import { CHROMIUM_BASE_FLAGS } from '../../tests/lab/lib/chromium-flags.js';

const root = new URL('../..', import.meta.url).pathname;
const source = join(root, 'build/package/source/force-app/main/default');
const resourceDir = join(root, 'build/package/static-resource');
const apiVersion = JSON.parse(readFileSync(join(root, 'package-manifest/sfdx-project.json'), 'utf8')).sourceApiVersion;
const RESOURCE_URL = '/resource/1732550400000/SwitchboardSoftphone';

const CSP = {
  none: null,
  wasm: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' wss:",
  strict: "default-src 'self'; script-src 'self'; connect-src 'self' wss:",
};

// Renders the Visualforce markup of the page the way the platform does for the merge fields the
// page uses; any other merge field fails the test, so the page cannot drift from what is checked.
export function renderVisualforce(pageName) {
  const page = readFileSync(join(source, 'pages', `${pageName}.page`), 'utf8');
  const frame = readFileSync(join(source, 'components/SwitchboardSoftphoneFrame.component'), 'utf8');
  const core = /<c:SwitchboardSoftphoneFrame core="(\w+)" \/>/.exec(page)?.[1];
  assert.ok(core, `${pageName} does not use the softphone frame`);
  let html = frame
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?apex:component>/g, '')
    .replace(/<apex:attribute[^>]*\/>/g, '')
    .replace(/\{!core\}/g, core)
    .replace(/\{!LEFT\(\$User\.LanguageLocaleKey, 2\)\}/g, 'en')
    .replace(/\{!URLFOR\(\$Resource\.SwitchboardSoftphone, '([\w.]+)'\)\}/g, `${RESOURCE_URL}/$1`)
    .replace(/\{!URLFOR\(\$Resource\.SwitchboardSoftphone\)\}/g, RESOURCE_URL);
  assert.doesNotMatch(html, /\{!|<apex:|<c:/, 'a merge field or tag the renderer does not know');
  return `<!DOCTYPE html>\n${html.trim()}\n`;
}

// Salesforce's Open CTI library, reduced to what a starting softphone calls: every method answers
// its callback successfully and listeners are accepted.
const OPENCTI_STUB = `
window.__openctiCalls = [];
window.sforce = { opencti: new Proxy({}, { get: function (target, method) {
  return function (arg) {
    window.__openctiCalls.push(String(method));
    var values = { getCallCenterSettings: {}, getSoftphoneLayout: {}, isSoftphonePanelVisible: { visible: true },
      getAppViewInfo: { url: '/lightning/page/home' }, runApex: { runApex: '{"error":{"code":"NO_AGENT_SETTINGS","message":"test"}}' } };
    if (arg && typeof arg.callback === 'function') {
      setTimeout(function () { arg.callback({ success: true, returnValue: values[method] || null, errors: null }); }, 0);
    }
  };
} }) };`;

const TYPES = { '.js': 'application/javascript', '.css': 'text/css', '.html': 'text/html', '.wasm': 'application/octet-stream' };

let server;
let baseUrl;
let context;
let userDataDir;

before(async () => {
  assert.ok(existsSync(resourceDir), 'run scripts/package first');
  // Served over https like a Visualforce page: the softphone refuses an adapter page whose scheme
  // differs from Salesforce's origin. A throw-away certificate, accepted by this Chromium only.
  server = createServer(selfSignedCertificate(), (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const page = /^\/apex\/(SwitchboardSoftphone\w*)$/.exec(url.pathname);
    if (page) {
      const headers = { 'content-type': 'text/html; charset=utf-8' };
      const csp = CSP[url.searchParams.get('csp') || 'none'];
      if (csp) headers['content-security-policy'] = csp;
      res.writeHead(200, headers).end(renderVisualforce(page[1]));
      return;
    }
    if (url.pathname === `/support/api/${apiVersion}/lightning/opencti_min.js`) {
      res.writeHead(200, { 'content-type': 'application/javascript' }).end(OPENCTI_STUB);
      return;
    }
    if (url.pathname.startsWith(`${RESOURCE_URL}/`)) {
      const file = normalize(join(resourceDir, url.pathname.slice(RESOURCE_URL.length + 1)));
      if (file.startsWith(resourceDir) && existsSync(file)) {
        // Served as a zip static resource might be: .wasm without application/wasm, so the core
        // must fall back from streaming compilation.
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${server.address().port}`;
  userDataDir = mkdtempSync(join(tmpdir(), 'sb-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_BASE_FLAGS, '--ignore-certificate-errors'],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

async function open(pageName, csp) {
  const page = await context.newPage();
  const requested = [];
  const pageErrors = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.split('/').pop()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${baseUrl}/apex/${pageName}?csp=${csp}&mode=Lightning&sfdcIframeOrigin=https%3A%2F%2Facme.lightning.force.com`);
  // Started: the interim bundle marks the core it runs; any bundle has fetched a core by then.
  await page.waitForFunction(
    () => {
      const root = document.getElementById('switchboard-softphone');
      return root && (root.hasAttribute('data-boot-error') || root.hasAttribute('data-core-kind') || (!window.SwitchboardSoftphone?.interim && (window.SwitchboardCore || window.SwitchboardCoreJs)));
    },
    null,
    { timeout: 20000 },
  );
  await page.waitForLoadState('networkidle');
  const state = await page.evaluate(() => {
    const root = document.getElementById('switchboard-softphone');
    return {
      bootError: root.getAttribute('data-boot-error'),
      coreKind: root.getAttribute('data-core-kind'),
      interim: !!window.SwitchboardSoftphone?.interim,
      wasmAllowed: (() => {
        try {
          new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
          return true;
        } catch {
          return false;
        }
      })(),
      openctiCalls: window.__openctiCalls,
    };
  });
  await page.close();
  return { ...state, requested, pageErrors };
}

function assertCore(result, kind) {
  assert.equal(result.bootError, null, result.bootError);
  assert.deepEqual(result.pageErrors, []);
  if (kind === 'wasm') {
    assert.ok(result.requested.includes('switchboard.wasm'), `the WebAssembly module was fetched: ${result.requested}`);
    assert.ok(!result.requested.includes('switchboard.wasm2js.js'), 'no fallback needed');
  } else {
    assert.ok(result.requested.includes('switchboard.wasm2js.js'), `the JavaScript core was fetched: ${result.requested}`);
    assert.ok(!result.requested.includes('switchboard.wasm'), 'the WebAssembly module is not even fetched');
  }
  if (result.interim) assert.equal(result.coreKind, kind);
}

test('the page loads Open CTI, the softphone and its boot script from the static resource', async () => {
  const result = await open('SwitchboardSoftphone', 'none');
  for (const file of ['opencti_min.js', 'softphone.js', 'softphone.css', 'boot.js']) assert.ok(result.requested.includes(file), file);
  assertCore(result, 'wasm');
});

test("with a CSP that allows 'wasm-unsafe-eval' the WebAssembly core runs", async () => {
  const result = await open('SwitchboardSoftphone', 'wasm');
  assert.equal(result.wasmAllowed, true);
  assertCore(result, 'wasm');
});

test('with a CSP that refuses WebAssembly the page falls back to the wasm2js core by itself', async () => {
  const result = await open('SwitchboardSoftphone', 'strict');
  assert.equal(result.wasmAllowed, false, 'this CSP refuses WebAssembly');
  assertCore(result, 'wasm2js');
});

test('the standby page runs the wasm2js core even where WebAssembly is allowed', async () => {
  assertCore(await open('SwitchboardSoftphoneStandby', 'none'), 'wasm2js');
});
