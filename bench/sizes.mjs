// Sizes of what ships, gzip -9 (zlib level 9, as a server would send it):
//  - the core module (build/wasm/module): switchboard.wasm raw and gzipped, its JS glue, the wasm2js twin;
//  - shipped_bytes_gz: everything the softphone page loads, each file gzipped on its own = every file of
//    build/softphone except switchboard.wasm2js.js (loaded only where a CSP refuses WebAssembly).
//    Salesforce's Open CTI library is served by Salesforce and is not in build/softphone.
// bench/softphone.mjs checks in Chromium that the page loads exactly these files.
// Usage: node bench/sizes.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { ROOT, report, main } from './lib/common.mjs';

export const SOFTPHONE_DIR = path.join(ROOT, 'build/softphone');
export const NOT_LOADED = new Set(['switchboard.wasm2js.js']);

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

export function shippedFiles() {
  if (!fs.existsSync(path.join(SOFTPHONE_DIR, 'index.html'))) throw new Error(`${SOFTPHONE_DIR} is not built (scripts/build-softphone)`);
  return fs
    .readdirSync(SOFTPHONE_DIR)
    .filter((f) => !NOT_LOADED.has(f) && fs.statSync(path.join(SOFTPHONE_DIR, f)).isFile())
    .sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await main(async () => {
    const module = path.join(ROOT, 'build/wasm/module');
    const need = (f) => {
      const file = path.join(module, f);
      if (!fs.existsSync(file)) throw new Error(`${file} is missing (build the wasm preset)`);
      return file;
    };
    const files = shippedFiles();
    const perFile = Object.fromEntries(files.map((f) => [f, gz(path.join(SOFTPHONE_DIR, f))]));
    report({
      figures: {
        wasm_bytes: fs.statSync(need('switchboard.wasm')).size,
        wasm_bytes_gz: gz(need('switchboard.wasm')),
        glue_js_bytes_gz: gz(need('switchboard.js')),
        wasm2js_bytes_gz: gz(need('switchboard.wasm2js.js')),
        shipped_bytes_gz: Object.values(perFile).reduce((a, b) => a + b, 0),
      },
      notes: {
        shipped_bytes_gz: files.map((f) => `${f} ${(perFile[f] / 1024).toFixed(1)}K`).join(', '),
      },
    });
  });
}
