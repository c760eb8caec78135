// Builds build/softphone/: the softphone bundle (one minified IIFE), its stylesheet (only the SLDS
// rules the markup uses, plus ours), the inline SVG icons it names, the adapter page and the core
// module (its Emscripten glue minified; build/wasm/module stays as built). Prints every file's size
// and the whole page's, and fails when a size budget is exceeded.
//   node js-shim/softphone/tools/bundle.mjs [--root DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import * as esbuild from 'esbuild';

import { ICON_NAMES } from '../icon-names.js';
import { extractSlds, resolveUnsetHooks, sldsClassesIn } from './slds-css.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rootArg = process.argv.indexOf('--root');
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(here, '../../..');
const source = path.join(root, 'js-shim/softphone');
const out = path.join(root, 'build/softphone');
const meta = path.join(root, 'build/softphone-meta'); // build facts for tests; not shipped
const moduleDir = path.join(root, 'build/wasm/module');
const slds = path.join(root, 'node_modules/@salesforce-ux/design-system');

const BUDGET_UI_GZIP = 25 * 1024; // softphone.js + softphone.css + boot.js + index.html
const BUDGET_PAGE_GZIP = 150 * 1024; // everything the page loads, WebAssembly included
const TARGETS = ['chrome109', 'edge109', 'firefox115', 'safari15.4'];

const read = (file) => fs.readFileSync(file, 'utf8');
const sourceFiles = fs
  .readdirSync(source)
  .filter((f) => /\.(js|html)$/.test(f))
  .map((f) => path.join(source, f));
const sources = sourceFiles.map(read);

// ---- icons: exactly those listed in icon-names.js ----
function iconModule() {
  const names = [...new Set(ICON_NAMES)].sort();
  const icons = {};
  for (const name of names) {
    const file = path.join(slds, 'assets/icons/utility', `${name}.svg`);
    if (!fs.existsSync(file)) throw new Error(`icon '${name}' is not an SLDS utility icon (${file} is missing)`);
    const svg = read(file);
    const viewBox = svg.match(/viewBox="([^"]+)"/)?.[1] || '0 0 520 520';
    const paths = [...svg.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((m) => m[1]);
    if (!paths.length) throw new Error(`icon '${name}' has no <path> to inline`);
    icons[name] = { viewBox, paths };
  }
  return { names, contents: `export default ${JSON.stringify(icons)};` };
}

const openCtiFile = path.join(root, 'js-shim/src/handlers/opencti.js');
// stubOpenCti: leave the Open CTI handlers out even when they exist (to measure the UI alone).
const plugins = ({ stubOpenCti = false } = {}) => [
  {
    name: 'switchboard',
    setup(build) {
      build.onResolve({ filter: /^switchboard:icons$/ }, () => ({ path: 'icons', namespace: 'switchboard' }));
      build.onLoad({ filter: /^icons$/, namespace: 'switchboard' }, () => ({ contents: iconModule().contents, loader: 'js' }));
      // The Open CTI handlers come from another part of the shim; without them the bundle still
      // builds, and starting with host 'opencti' fails with this message.
      build.onResolve({ filter: /handlers\/opencti\.js$/ }, (args) => {
        const file = path.resolve(args.resolveDir, args.path);
        if (!stubOpenCti && fs.existsSync(file)) return { path: file };
        return { path: 'opencti-missing', namespace: 'switchboard' };
      });
      build.onLoad({ filter: /^opencti-missing$/, namespace: 'switchboard' }, () => ({
        contents:
          "export async function connectOpenCti() { throw new Error('this softphone was built without the Open CTI handlers (js-shim/src/handlers/opencti.js)'); }",
        loader: 'js',
        warnings: stubOpenCti ? [] : [{ text: `${path.relative(root, openCtiFile)} is missing: host 'opencti' will fail at run time` }],
      }));
    },
  },
];

function gzipSize(data) {
  return zlib.gzipSync(data, { level: 9 }).length;
}

async function main() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.mkdirSync(meta, { recursive: true });

  // JavaScript
  const bundle = (options) =>
    esbuild.build({
      entryPoints: [path.join(source, 'main.js')],
      bundle: true,
      format: 'iife',
      minify: true,
      target: TARGETS,
      platform: 'browser',
      external: ['node:*'],
      legalComments: 'none',
      logLevel: 'warning',
      // core.js reads import.meta only on its Node path, which never runs in the page.
      logOverride: { 'empty-import-meta': 'silent' },
      ...options,
    });
  await bundle({ outfile: path.join(out, 'softphone.js'), plugins: plugins() });
  // The softphone's own share of the bundle, without the Open CTI handlers (which have their own owner).
  const withoutOpenCti = await bundle({ write: false, plugins: plugins({ stubOpenCti: true }) });
  const uiJsGzip = gzipSize(withoutOpenCti.outputFiles[0].contents);
  const boot = await esbuild.transform(read(path.join(source, 'boot.js')), { minify: true, target: TARGETS, loader: 'js' });
  fs.writeFileSync(path.join(out, 'boot.js'), boot.code);

  // CSS: SLDS cut down to the classes the markup names, then ours
  const classes = sldsClassesIn(sources);
  const sldsCss = read(path.join(slds, 'assets/styles/salesforce-lightning-design-system.css'));
  const { css, unknownClasses } = extractSlds(sldsCss, classes);
  if (unknownClasses.length) throw new Error(`classes not defined by SLDS: ${unknownClasses.join(', ')}`);
  const ownCss = read(path.join(source, 'softphone.css'));
  const banner = '/*! Salesforce Lightning Design System (extract) | BSD-3-Clause; icons CC BY-ND 4.0 */\n';
  const styles = await esbuild.transform(banner + css + ownCss, { loader: 'css', minify: true, target: TARGETS, legalComments: 'inline' });
  fs.writeFileSync(path.join(out, 'softphone.css'), resolveUnsetHooks(styles.code));
  fs.writeFileSync(path.join(meta, 'slds-classes.json'), `${JSON.stringify(classes, null, 1)}\n`);

  // the adapter page and the core; Emscripten leaves its glue (and the wasm2js twin) unminified
  // without closure, so minify the copies the page loads. Both stay classic scripts that define
  // their factory as a global.
  fs.copyFileSync(path.join(source, 'index.html'), path.join(out, 'index.html'));
  for (const file of ['switchboard.js', 'switchboard.wasm', 'switchboard.wasm2js.js']) {
    const from = path.join(moduleDir, file);
    if (!fs.existsSync(from)) throw new Error(`${from} is missing: build the wasm preset first`);
    if (file.endsWith('.js')) {
      const glue = await esbuild.transform(read(from), { minify: true, target: TARGETS, loader: 'js', legalComments: 'none' });
      fs.writeFileSync(path.join(out, file), glue.code);
    } else {
      fs.copyFileSync(from, path.join(out, file));
    }
  }

  // sizes and budget
  const sizes = {};
  for (const file of fs.readdirSync(out).sort()) {
    const data = fs.readFileSync(path.join(out, file));
    sizes[file] = { raw: data.length, gzip: gzipSize(data) };
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const row = (name, raw, gzip, note = '') => console.log(`  ${name.padEnd(24)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(9)} gzip${note}`);
  const SHELL = ['index.html', 'boot.js', 'softphone.js', 'softphone.css'];
  const PAGE = [...SHELL, 'switchboard.js', 'switchboard.wasm'];
  const total = (files, key) => files.reduce((acc, f) => acc + (sizes[f]?.[key] || 0), 0);
  const shell = total(SHELL, 'gzip');
  const ui = shell - sizes['softphone.js'].gzip + uiJsGzip;
  const page = total(PAGE, 'gzip');
  const pageJs = shell + total(['switchboard.wasm2js.js'], 'gzip');
  console.log('build/softphone (gzip -9), what the page loads:');
  for (const file of PAGE) row(file, sizes[file].raw, sizes[file].gzip);
  row('whole page', total(PAGE, 'raw'), page, `  (budget ${kb(BUDGET_PAGE_GZIP)}, ${kb(BUDGET_PAGE_GZIP - page)} left)`);
  console.log('  of which:');
  console.log(`    softphone UI (js + css + page):      ${kb(ui)} gzip (budget ${kb(BUDGET_UI_GZIP)})`);
  console.log(`    Open CTI handlers in the bundle:     ${kb(shell - ui)} gzip${fs.existsSync(openCtiFile) ? '' : ' (not present)'}`);
  console.log('  only where a CSP refuses WebAssembly:');
  row('switchboard.wasm2js.js', sizes['switchboard.wasm2js.js'].raw, sizes['switchboard.wasm2js.js'].gzip, `  (page with it: ${kb(pageJs)} gzip)`);
  console.log(`  SLDS classes used: ${classes.length}; icons inlined: ${iconModule().names.join(', ')}`);
  fs.writeFileSync(path.join(meta, 'sizes.json'), `${JSON.stringify({ files: sizes, ui, page, pageWasm2js: pageJs }, null, 1)}\n`);
  const over = [];
  if (ui > BUDGET_UI_GZIP) over.push(`the softphone UI is ${kb(ui)} gzip, over its ${kb(BUDGET_UI_GZIP)} budget`);
  if (page > BUDGET_PAGE_GZIP) over.push(`the page is ${kb(page)} gzip, over its ${kb(BUDGET_PAGE_GZIP)} budget`);
  if (over.length) throw new Error(over.join('; '));
}

main().catch((err) => {
  console.error(`build-softphone: ${err.message}`);
  process.exit(1);
});
