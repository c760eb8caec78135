// Engine throughput, WebAssembly (Node) against native (C++), on the same recorded events.
//  1. Records a realistic event mix: a WebAssembly engine driven by the scripted PBX of
//     bench/lib/scripted-pbx.mjs (registration with digest auth, an inbound call answered, muted, held,
//     resumed, DTMF, hung up by the customer, wrap-up with a disposition; an outbound call through a
//     proxy challenge, ringing, answered, hung up by the agent, wrap-up with notes; keep-alives), a
//     fixed seed and fixed times → build/bench/engine-mix.json (every event, and the effects it gave).
//  2. Replays the list in a fresh engine and checks the effects are the recorded ones, byte for byte.
//  3. Rounds, alternating: one round natively (wasm/bench/engine_bench, a child process reading the
//     file) and one in this process through the module's handle(id, json) — the string crossing into
//     the module is part of the WebAssembly cost, as in the softphone. Every replay is checked.
// Usage: node --no-experimental-fetch bench/engine.mjs [--rounds N] [--ms PER_ROUND]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { loadCore } from '../js-shim/src/core.js';
import { World, SEED } from './lib/scripted-pbx.mjs';
import { OUT, ROOT, option, median, report, log, main } from './lib/common.mjs';

const rounds = option('rounds', 7);
const msPerRound = option('ms', 300);
const nativeBench = path.join(ROOT, 'build/native/wasm/bench/engine_bench');
const mixFile = path.join(OUT, 'engine-mix.json');

// Objects with sorted keys: JSON.stringify and nlohmann's dump then give the same bytes.
const sortKeys = (v) =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])])) : v;

await main(async () => {
  const core = await loadCore({ kind: 'wasm' });
  const { module } = core;

  // ---- 1. record ----
  // The World serialises events itself; sorting happens on the way in so the recorded text is exactly
  // what the replays send.
  const world = new World({ core, record: true, name: 'engine mix' });
  const handleSorted = world.runtime.engine.handle;
  world.runtime.engine.handle = (event) => handleSorted(sortKeys(event));
  world.start();
  world.inboundCall();
  world.outboundCall();
  world.destroy();
  const recording = world.recording;
  const events = recording.map(([e]) => e);
  const expected = recording.map(([, fx]) => fx);
  for (const fx of expected) {
    if (JSON.parse(fx).some((e) => e.type === 'error')) throw new Error(`the recorded mix contains a refused event: ${fx}`);
  }
  const counts = {};
  for (const e of events) {
    const type = JSON.parse(e).type;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(
    mixFile,
    `${JSON.stringify({
      about: 'Every event a WebAssembly engine handled while bench/engine.mjs drove it with a scripted PBX (fixed seed and times), and the effects it returned (JSON text). engine_bench and bench/engine.mjs replay it.',
      seed: SEED,
      counts,
      events: events.map((e) => JSON.parse(e)),
      effects: expected,
    })}\n`,
  );
  log(`recorded ${events.length} events (${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}) → ${path.relative(ROOT, mixFile)}`);

  // ---- 2. and 3. replay ----
  const out = new Array(events.length);
  function replay() {
    const start = process.hrtime.bigint();
    const id = module.createEngine();
    for (let i = 0; i < events.length; i++) out[i] = module.handle(id, events[i]);
    module.destroyEngine(id);
    return Number(process.hrtime.bigint() - start) / 1e9;
  }
  function check() {
    for (let i = 0; i < events.length; i++) {
      if (out[i] !== expected[i]) {
        throw new Error(`replay: event ${i} (${events[i].slice(0, 80)}) gave other effects than recorded:\n  recorded ${expected[i].slice(0, 300)}\n  replayed ${out[i].slice(0, 300)}`);
      }
    }
  }
  replay();
  check();

  function wasmRound() {
    let busy = 0;
    let handled = 0;
    const started = performance.now();
    do {
      busy += replay();
      handled += events.length;
      check();
    } while (performance.now() - started < msPerRound);
    return handled / busy;
  }
  let divergence = null;
  function nativeRound() {
    if (!fs.existsSync(nativeBench)) throw new Error(`${nativeBench} is missing: build the native preset (scripts/bench does)`);
    let line;
    try {
      line = execFileSync(nativeBench, [mixFile, '--rounds', '1', '--ms', String(msPerRound)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      throw new Error(`engine_bench failed: ${err.stderr || err.message}`);
    }
    const result = JSON.parse(line.trim().split('\n').pop());
    if (result.exact_mismatches && !divergence) {
      divergence = result;
      log(`WARNING: natively, ${result.exact_mismatches} of ${result.events} events gave effects that differ from the WebAssembly recording (only in the +sip.instance urn:uuid, tolerated; see wasm/bench/engine_bench.cpp): ${result.first_mismatch}`);
    }
    return result.engine_events_per_s_native;
  }

  // Warm-up: V8 runs WebAssembly first from its baseline compiler and tiers hot code up in the
  // background; half a second of replays gets there whatever the round length. Then alternate.
  for (const started = performance.now(); performance.now() - started < 500; ) {
    replay();
    check();
  }
  const rates = { wasm: [], native: [] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2) {
      rates.wasm.push(wasmRound());
      rates.native.push(nativeRound());
    } else {
      rates.native.push(nativeRound());
      rates.wasm.push(wasmRound());
    }
  }

  // Where the time goes, per event type (WebAssembly; one timed pass per event, medians over passes).
  const perType = {};
  for (let pass = 0; pass < 20; pass++) {
    const id = module.createEngine();
    for (let i = 0; i < events.length; i++) {
      const t0 = process.hrtime.bigint();
      module.handle(id, events[i]);
      const us = Number(process.hrtime.bigint() - t0) / 1e3;
      const type = JSON.parse(events[i]).type;
      (perType[type] ??= []).push(us);
    }
    module.destroyEngine(id);
  }
  const profile = Object.fromEntries(
    Object.entries(perType)
      .map(([type, us]) => [type, { events_per_mix: counts[type], median_us: Math.round(median(us) * 10) / 10 }])
      .sort((a, b) => b[1].median_us - a[1].median_us),
  );
  fs.writeFileSync(path.join(OUT, 'engine-profile.json'), `${JSON.stringify(profile, null, 1)}\n`);
  const top = Object.entries(profile)
    .slice(0, 3)
    .map(([t, p]) => `${t} ${p.median_us} µs`)
    .join(', ');
  log(`WebAssembly µs per event, slowest types: ${top}`);

  const wasm = median(rates.wasm);
  const native = median(rates.native);
  log(`rounds: wasm ${rates.wasm.map(Math.round).join(' ')}; native ${rates.native.map(Math.round).join(' ')}`);
  report({
    figures: {
      engine_events_per_s_wasm: Math.round(wasm),
      engine_events_per_s_native: Math.round(native),
      engine_native_vs_wasm: Math.round((native / wasm) * 10) / 10,
    },
    rounds: { engine_events_per_s_wasm: rounds, engine_events_per_s_native: rounds, engine_native_vs_wasm: rounds },
    notes: {
      engine_events_per_s_wasm: `slowest types: ${top}`,
      ...(divergence ? { engine_events_per_s_native: `${divergence.exact_mismatches} events differ from the WASM recording in +sip.instance only (argument evaluation order)` } : {}),
    },
  });
});
