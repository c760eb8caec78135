// Checks build/bench/results.json the way CI needs it: every figure of bench/figures.mjs is present and
// plausible — a finite number, above zero unless it is a growth that may be zero or negative. Targets
// are not checked here (a slow shared machine must not fail CI); scripts/bench prints them.
// Prints one line per figure and "tally: N passed, M failed"; exits 1 when any failed.
// Usage: node bench/check-results.mjs [build/bench/results.json]
import fs from 'node:fs';
import path from 'node:path';

import { FIGURES } from './figures.mjs';
import { OUT } from './lib/common.mjs';

const file = process.argv[2] ?? path.join(OUT, 'results.json');
let results = {};
try {
  results = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`cannot read ${file}: ${err.message}`);
}
let passed = 0;
let failed = 0;
for (const f of FIGURES) {
  const v = results[f.name];
  const problem =
    typeof v !== 'number' || !Number.isFinite(v) ? `missing or not a number (${JSON.stringify(v)})` : !f.signed && v <= 0 ? `not above zero (${v})` : null;
  if (problem) failed += 1;
  else passed += 1;
  console.log(`${problem ? 'FAIL' : 'ok  '} ${f.name}${problem ? `: ${problem}` : ` = ${v}`}`);
}
console.log(`tally: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
