// Shared by the benchmark pieces: paths, options, medians, and the one-line JSON each piece prints last.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT = path.join(ROOT, 'build', 'bench');

export function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number (got ${process.argv[i + 1]})`);
  return value;
}
export const flag = (name) => process.argv.includes(`--${name}`);

export const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Nearest-rank percentile (p in 0..100).
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

// figures: {name: number}; rounds: {name: how many rounds/samples the figure is the median of};
// notes: {name: text} (shown in the table's "how" column).
export function report({ figures, rounds = {}, notes = {} }) {
  process.stdout.write(`${JSON.stringify({ figures, rounds, notes })}\n`);
}

export const log = (...args) => console.error(`[${path.basename(process.argv[1], '.mjs')}]`, ...args);

// Runs a piece: any failure ends the process with one clear line (the Emscripten glue re-throws
// uncaught exceptions from inside itself, which would print the glue's source instead).
export async function main(fn) {
  try {
    await fn();
  } catch (err) {
    console.error(`${path.basename(process.argv[1])}: ${err?.stack || err}`);
    process.exit(1);
  }
}
