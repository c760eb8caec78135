#!/usr/bin/env node
// Renders Switchboard's Lightning Web Components outside Salesforce — LWC OSS with synthetic shadow,
// the lightning-base-components package and SLDS, exactly the component sources in lwc/ — in headless
// Chromium, and captures the admin guide's pictures.
//
//   node package-manifest/tools/screenshots/render.mjs [--out DIR] [--only NAME,…] [--lang en,de]
//
// Run it in a loopback-only network (scripts/package --screenshots does). Apex answers and channel
// messages are stubbed for the pictures (scenarios.mjs); labels are the package's custom labels.
// The LWC engine here is separate from lwc/'s jest engine (own node_modules) and builds from a copy.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import { chromium } from 'playwright-core';
import { parseXml } from '../../../callcenter-xml/lib/xml.mjs';
import { scenarios } from './scenarios.mjs';
import { CHROMIUM_BASE_FLAGS } from '../../../tests/lab/lib/chromium-flags.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const labelsDir = join(repo, 'package-manifest/force-app/main/default');
const slds = join(repo, 'node_modules/@salesforce-ux/design-system/assets');
const COMPONENTS = ['activeCall', 'callHistory', 'switchboardSetup', 'switchboardUtils'];
const LOCALES = { en: 'en-US', de: 'de-DE', fr: 'fr-FR' };

function readLabels(lang) {
  const read = (file, item, key, value) => {
    const { root } = parseXml(readFileSync(join(labelsDir, file), 'utf8'));
    return new Map(
      root.children.filter((c) => c.name === item).map((l) => [l.children.find((c) => c.name === key).text.trim(), l.children.find((c) => c.name === value).text.trim()]),
    );
  };
  const labels = read('labels/CustomLabels.labels-meta.xml', 'labels', 'fullName', 'value');
  if (lang !== 'en') for (const [name, text] of read(`translations/${lang}.translation-meta.xml`, 'customLabels', 'name', 'label')) labels.set(name, text);
  return labels;
}

// Base-component features that need native shadow DOM; Lightning runs components in synthetic
// shadow, as this page does, so they stay off.
const CLOSED_GATES = ['@salesforce/gate/bc.260.enableComboboxElementInternals'];

// The platform modules the components import, as Salesforce would provide them.
function platformStubs(lang, work) {
  const labels = readLabels(lang);
  const files = {
    'lightning/messageService': join(work, 'stubs/messageService.js'),
    'lightning/navigation': join(work, 'stubs/navigation.js'),
    'lightning/platformShowToastEvent': join(work, 'stubs/platformShowToastEvent.js'),
  };
  const PREFIX = '\0switchboard-stub:';
  return {
    name: 'switchboard-platform-stubs',
    resolveId(id) {
      if (files[id]) return files[id];
      if (/^@salesforce\/(label\/c\.|apex|messageChannel\/)/.test(id)) return PREFIX + id;
      if (lang !== 'en' && ['@salesforce/i18n/locale', '@salesforce/i18n/lang'].includes(id)) return PREFIX + id;
      if (CLOSED_GATES.includes(id)) return PREFIX + id;
      return null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const spec = id.slice(PREFIX.length);
      if (spec.startsWith('@salesforce/label/c.')) {
        const name = spec.slice('@salesforce/label/c.'.length);
        if (!labels.has(name)) this.error(`no custom label ${name}`);
        return `export default ${JSON.stringify(labels.get(name))};`;
      }
      if (spec === '@salesforce/apex') return 'export function refreshApex() { return Promise.resolve(); }';
      if (spec.startsWith('@salesforce/messageChannel/')) return `export default ${JSON.stringify(spec.split('/').pop())};`;
      if (spec === '@salesforce/i18n/locale') return `export default ${JSON.stringify(LOCALES[lang])};`;
      if (spec === '@salesforce/i18n/lang') return `export default ${JSON.stringify(lang)};`;
      if (CLOSED_GATES.includes(spec)) return 'export default { isOpen: () => false };';
      const key = spec.slice('@salesforce/apex/'.length);
      // Callable like an imperative Apex method and usable with @wire, like Salesforce's.
      return `
const key = ${JSON.stringify(key)};
const calls = { count: 0 };
function answer() {
  const apex = (window.__sbScenario && window.__sbScenario.apex) || {};
  if (!(key in apex)) return Promise.reject({ body: { message: 'no stubbed answer for ' + key } });
  // {sequence: [first, second, …]}: successive calls get successive answers (the last one repeats).
  const value = apex[key] && Array.isArray(apex[key].sequence) ? apex[key].sequence[Math.min(calls.count++, apex[key].sequence.length - 1)] : apex[key];
  return Promise.resolve(JSON.parse(JSON.stringify(value)));
}
export default function apexMethod(config) {
  if (new.target) { this.dataCallback = config; return undefined; }
  return answer();
}
apexMethod.prototype.connect = function () {};
apexMethod.prototype.disconnect = function () {};
apexMethod.prototype.update = function () {
  answer().then((data) => this.dataCallback({ data, error: undefined }), (error) => this.dataCallback({ data: undefined, error }));
};`;
    },
  };
}

// Build-time constants the engine and the base components read: a production client build.
const CONSTANTS = { 'process.env.NODE_ENV': '"production"', 'import.meta.env.SSR': 'false' };
const nodeEnv = {
  name: 'build-constants',
  transform(code) {
    let out = code;
    for (const [name, value] of Object.entries(CONSTANTS)) out = out.replaceAll(name, value);
    return out === code ? null : { code: out, map: null };
  },
};

// The LWC module resolver looks for the package root (package.json) above each importer and
// resolves npm modules from there. Everything the bundle imports (entry, stubs, components, base
// components) sits under one root, so exactly one copy of the engine is bundled.
function prepareRoot(work) {
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "private": true }\n');
  const link = join(work, 'node_modules');
  if (!existsSync(link)) symlinkSync(join(repo, 'package-manifest/node_modules'), link, 'dir');
}

export async function buildBundle(lang, work) {
  prepareRoot(work);
  const modules = join(work, 'modules');
  rmSync(modules, { recursive: true, force: true });
  for (const name of COMPONENTS) {
    cpSync(join(repo, 'lwc', name), join(modules, 'c', name), { recursive: true, filter: (src) => !src.includes('__tests__') });
  }
  cpSync(join(here, 'entry.js'), join(work, 'entry.js'));
  cpSync(join(here, 'stubs'), join(work, 'stubs'), { recursive: true });
  const warnings = [];
  const bundle = await rollup({
    input: join(work, 'entry.js'),
    plugins: [platformStubs(lang, work), lwc({ rootDir: work, modules: [{ dir: modules }, { npm: 'lightning-base-components' }], enableDynamicComponents: true }), nodeEnv],
    onwarn: (warning) => warnings.push(warning),
  });
  await bundle.write({ file: join(work, 'bundle.js'), format: 'iife', inlineDynamicImports: true });
  await bundle.close();
  const unresolved = warnings.filter((w) => w.code === 'UNRESOLVED_IMPORT');
  if (unresolved.length) throw new Error(`unresolved imports: ${unresolved.map((w) => w.exporter || w.message).join(', ')}`);
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css">
<style>
  body { margin: 0; background: #f3f3f3; }
  #stage { display: flex; gap: 12px; align-items: flex-start; padding: 16px; width: max-content; }
  .frame > * { display: block; }
</style>
<script src="/scenario.js"></script>
<script src="/bundle.js" defer></script>
</head><body><div id="stage"></div></body></html>`;

function serve(work) {
  const types = { '.js': 'application/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };
  let scenario = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/favicon.ico') return res.writeHead(204).end();
    if (path === '/scenario.js') return res.writeHead(200, { 'content-type': 'application/javascript' }).end(`window.__sbScenario = ${JSON.stringify(scenario)};`);
    if (path === '/bundle.js') return res.writeHead(200, { 'content-type': 'application/javascript' }).end(readFileSync(join(work, 'bundle.js')));
    if (path.startsWith('/slds/')) {
      const file = normalize(join(slds, path.slice('/slds/'.length)));
      if (file.startsWith(slds) && existsSync(file)) return res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(readFileSync(file));
    }
    return res.writeHead(404).end();
  });
  return {
    setScenario: (s) => (scenario = s),
    listen: () => new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}/`))),
    close: () => new Promise((ok) => server.close(ok)),
  };
}

async function capture(page, selectors, file) {
  const boxes = [];
  for (const selector of [].concat(selectors)) {
    const box = await page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`nothing to capture at ${selector}`);
    boxes.push(box);
  }
  const pad = 4;
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - pad);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - pad);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + pad;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + pad;
  await page.screenshot({ path: file, fullPage: true, clip: { x, y, width: right - x, height: bottom - y } });
}

// -> [{name, file, problems: [...]}]; throws when a scenario cannot be rendered at all.
export async function renderScenarios({ out, only, langs } = {}) {
  const work = join(repo, 'build/docs-render');
  mkdirSync(out, { recursive: true });
  const selected = scenarios.filter((s) => (!only || only.includes(s.name)) && (!langs || langs.includes(s.lang || 'en')));
  const results = [];
  for (const lang of [...new Set(selected.map((s) => s.lang || 'en'))]) {
    const langWork = join(work, lang);
    await buildBundle(lang, langWork);
    const server = serve(langWork);
    const url = await server.listen();
    const profile = mkdtempSync(join(tmpdir(), 'sb-docs-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      locale: LOCALES[lang],
      viewport: { width: 1100, height: 1400 },
      args: [...CHROMIUM_BASE_FLAGS, '--font-render-hinting=none'],
    });
    try {
      for (const scenario of selected.filter((s) => (s.lang || 'en') === lang)) {
        const problems = [];
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
        await page.clock.setFixedTime(new Date(scenario.now));
        server.setScenario(scenario);
        await page.goto(url);
        await page.waitForFunction(() => window.__sbRendered === true, null, { timeout: 20000 });
        await page.waitForLoadState('networkidle');
        for (const [name, value] of scenario.fill || []) {
          const input = page.locator(`[data-name="${name}"] input`).first();
          await input.fill(value);
          await input.blur();
        }
        if (scenario.click) {
          await page.locator(scenario.click).first().click();
          await page.locator(scenario.click).first().blur();
          await page.mouse.move(0, 0);
        }
        await page.waitForTimeout(300);
        for (const code of scenario.expect || []) {
          if (!(await page.locator(`[data-code="${code}"]`).count())) problems.push(`no ${code} item`);
        }
        const text = await page.locator('#stage').innerText();
        for (const expected of scenario.expectText || []) if (!text.includes(expected)) problems.push(`no text "${expected}"`);
        const file = join(out, `${scenario.name}.png`);
        await capture(page, scenario.capture, file);
        await page.close();
        results.push({ name: scenario.name, file, problems });
      }
    } finally {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const argv = process.argv.slice(2);
  const out = resolve(argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : join(repo, 'docs/images'));
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
  const langs = argv.includes('--lang') ? argv[argv.indexOf('--lang') + 1].split(',') : undefined;
  const results = await renderScenarios({ out, only, langs });
  let failed = 0;
  for (const r of results) {
    console.log(`${r.problems.length ? 'FAIL' : 'ok  '} ${r.file}`);
    for (const p of r.problems) console.log(`     ${p}`);
    if (r.problems.length) failed++;
  }
  console.log(`tally: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed || !results.length ? 1 : 0);
}
