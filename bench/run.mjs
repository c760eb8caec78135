// Runs every benchmark piece one after the other (each in a process of its own, so none disturbs
// another), merges their figures into build/bench/results.json (a flat {name: number} object) and
// prints the table. scripts/bench builds everything first and runs this inside sb_loopback_only (the
// load and browser pieces start Kamailio, SIPp and Chromium).
// Usage: node bench/run.mjs [--quick] [--only NAME,NAME]   (pieces: sizes engine memory sip-native sip-wasm agents softphone)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { FIGURES, byName, meetsTarget, targetText } from './figures.mjs';
import { OUT, ROOT, flag } from './lib/common.mjs';

const quick = flag('quick');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : null;
const NODE = process.execPath;
const NO_FETCH = '--no-experimental-fetch'; // the Emscripten glue must not use fetch for the .wasm

// name, command, arguments (full, quick), and how to read its last stdout line.
const ownFormat = (line) => JSON.parse(line);
const plainFigures = (rounds) => (line) => {
  const figures = JSON.parse(line);
  return { figures, rounds: Object.fromEntries(Object.keys(figures).map((k) => [k, rounds])), notes: {} };
};
const PIECES = [
  { name: 'sizes', cmd: [NODE, 'bench/sizes.mjs'], parse: ownFormat },
  { name: 'engine', cmd: [NODE, NO_FETCH, 'bench/engine.mjs'], full: ['--rounds', '7', '--ms', '300'], quick: ['--rounds', '3', '--ms', '100'], parse: ownFormat },
  { name: 'memory', cmd: [NODE, NO_FETCH, 'bench/memory.mjs'], full: ['--calls', '10000', '--engines', '50'], quick: ['--calls', '1000', '--engines', '20'], parse: ownFormat },
  {
    name: 'sip-native',
    cmd: [path.join(ROOT, 'build/native/wasm/bench/sip_parse_bench'), path.join(ROOT, 'bench/data')],
    full: ['9'],
    quick: ['3'],
    parse: (line) => {
      const r = plainFigures(quick ? 3 : 9)(line);
      delete r.rounds.sip_parse_invite_state_bytes; // a size, not a median
      return r;
    },
  },
  { name: 'sip-wasm', cmd: [NODE, NO_FETCH, 'bench/sip_parse.mjs'], full: ['--rounds', '7', '--ms', '300'], quick: ['--rounds', '3', '--ms', '100'], parse: plainFigures(quick ? 3 : 7) },
  { name: 'agents', cmd: [NODE, NO_FETCH, 'bench/agents-load.mjs'], full: [], quick: ['--seconds', '2', '--max-rate', '100'], parse: ownFormat },
  // playwright-core needs Node's fetch: no --no-experimental-fetch here.
  { name: 'softphone', cmd: [NODE, 'bench/softphone.mjs'], full: ['--reloads', '15', '--calls', '25'], quick: ['--reloads', '3', '--calls', '5'], parse: ownFormat },
];

function runPiece(piece) {
  const args = [...piece.cmd.slice(1), ...((quick ? piece.quick : piece.full) ?? [])];
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(piece.cmd[0], args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('error', (err) => resolve({ error: err.message, seconds: 0 }));
    child.on('close', (code, signal) => {
      const seconds = (Date.now() - started) / 1000;
      const line = stdout.trim().split('\n').pop();
      if (code !== 0) return resolve({ error: `exit ${code ?? signal}`, seconds });
      try {
        resolve({ ...piece.parse(line), seconds });
      } catch (err) {
        resolve({ error: `unreadable output (${err.message}): ${line?.slice(0, 200)}`, seconds });
      }
    });
  });
}

const results = {};
const rounds = {};
const notes = {};
const failures = [];
const timings = [];
const startedAll = Date.now();
for (const piece of PIECES) {
  if (only && !only.has(piece.name)) continue;
  console.error(`--- ${piece.name}${quick ? ' (quick)' : ''}`);
  const r = await runPiece(piece);
  timings.push(`${piece.name} ${r.seconds.toFixed(0)} s`);
  if (r.error) {
    failures.push(`${piece.name}: ${r.error}`);
    console.error(`--- ${piece.name} FAILED: ${r.error}`);
    continue;
  }
  Object.assign(results, r.figures);
  Object.assign(rounds, r.rounds);
  Object.assign(notes, r.notes);
}
const totalSeconds = (Date.now() - startedAll) / 1000;

fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);

// ---- the table ----
const kb = (n) => (n >= 10 * 1024 ? ` (${(n / 1024).toFixed(1)} KB)` : '');
const show = (f, v) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'MISSING';
  return `${Number.isInteger(v) ? v : v.toFixed(v < 10 ? 2 : 1)}${f.unit === 'B' ? kb(v) : ''}`;
};
const names = [...FIGURES.map((f) => f.name), ...Object.keys(results).filter((n) => !byName[n])];
const rows = names.map((name) => {
  const f = byName[name] ?? { name, unit: '', how: '(not in bench/figures.mjs)' };
  const v = results[name];
  const ok = meetsTarget(f, v);
  const how = notes[name] ? `${f.how}; ${notes[name]}` : f.how;
  return [name, show(f, v), f.unit, targetText(f) + (ok === null ? '' : ok ? ' ok' : ' MISSED'), rounds[name] ? String(rounds[name]) : '', how];
});
const header = ['figure', 'value', 'unit', 'target', 'rounds', 'how'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 5 ? 0 : r[i].length))));
const line = (cells) => cells.map((c, i) => (i === 5 ? c : c.padEnd(widths[i]))).join('  ');
const table = [
  line(header),
  line(widths.map((w) => '-'.repeat(w)).concat('---').slice(0, 5).concat('---')),
  ...rows.map(line),
  '',
  `${quick ? 'quick mode (few rounds); ' : ''}rounds = how many rounds/samples a median is taken over (1: one run); pieces: ${timings.join(', ')}; total ${totalSeconds.toFixed(0)} s`,
  `results: ${path.relative(ROOT, path.join(OUT, 'results.json'))}${failures.length ? `\nFAILED: ${failures.join('; ')}` : ''}`,
].join('\n');
fs.writeFileSync(path.join(OUT, 'results.txt'), `${table}\n`);
console.log(table);
process.exit(failures.length ? 1 : 0);
