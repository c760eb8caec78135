// Core memory, WebAssembly heap (the module's heapBytes(): bytes malloc'd), with the scripted PBX of
// bench/lib/scripted-pbx.mjs (fresh Call-IDs, branches and tags on every call; timers fire as time
// moves, so keep-alives, registration refreshes and transaction timers run as they would in a day).
//  - engine_heap_growth_bytes_10k_calls: one engine, calls alternating inbound (answer, mute, hold,
//    resume, DTMF, customer hangs up, wrap-up) and outbound (proxy challenge, answer, agent hangs up,
//    wrap-up); heap after the last call minus heap after the first 100.
//  - engine_heap_growth_bytes_1k_to_10k_calls: the same run from call 1,000 on (past every cap).
//  - dialog_bytes: N engines each holding one connected inbound call, minus the same N engines idle and
//    registered, divided by N.
// Usage: node --no-experimental-fetch bench/memory.mjs [--calls 10000] [--engines 50]
import { loadCore } from '../js-shim/src/core.js';
import { World } from './lib/scripted-pbx.mjs';
import { option, report, log, main } from './lib/common.mjs';

const calls = option('calls', 10_000);
const engineCount = option('engines', 50);
const warm = 100;
if (calls < 2 * warm) throw new Error(`--calls must be at least ${2 * warm}`);
const middle = Math.min(1000, Math.floor(calls / 2)); // 1,000 in a full run; half way in a short one

await main(async () => {
  const core = await loadCore({ kind: 'wasm' });

  // ---- growth over many calls ----
  const world = new World({ core, name: 'heap growth' });
  world.start();
  const heap = {};
  const samples = [];
  const started = performance.now();
  for (let i = 1; i <= calls; i++) {
    if (i % 2) world.inboundCall();
    else world.outboundCall();
    if (i === warm || i === middle || i === calls) heap[i] = core.heapBytes();
    if (i % Math.max(1, Math.floor(calls / 20)) === 0) samples.push(`${i}:${core.heapBytes()}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const view = world.view;
  world.destroy();
  log(`${calls} calls (${world.events} events, ${(world.events / seconds).toFixed(0)} events/s with the scripted PBX) in ${seconds.toFixed(1)} s; history ${view.history.length}, notices ${view.notices.length}`);
  log(`heap by calls: ${samples.join(' ')}`);

  // ---- bytes per dialog ----
  const worlds = [];
  for (let i = 0; i < engineCount; i++) {
    const w = new World({ core, name: `dialog ${i}`, seed: `dialog-bench-${i}` });
    w.start();
    worlds.push(w);
  }
  const idle = core.heapBytes();
  for (const w of worlds) w.inboundConnected();
  const connected = core.heapBytes();
  for (const w of worlds) w.destroy();
  const dialogBytes = (connected - idle) / engineCount;
  log(`${engineCount} engines: idle and registered ${idle} B, each with a connected call ${connected} B`);

  report({
    figures: {
      engine_heap_growth_bytes_10k_calls: heap[calls] - heap[warm],
      engine_heap_growth_bytes_1k_to_10k_calls: heap[calls] - heap[middle],
      dialog_bytes: Math.round(dialogBytes),
    },
    rounds: {},
    notes: {
      engine_heap_growth_bytes_10k_calls: `${calls} calls: heap ${heap[warm]} B after ${warm}, ${heap[calls]} B after ${calls}`,
      engine_heap_growth_bytes_1k_to_10k_calls: `calls ${middle} → ${calls}`,
      dialog_bytes: `${engineCount} engines`,
    },
  });
});
