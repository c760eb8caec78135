// Every figure scripts/bench reports: its unit, its target (if the project has one) and how it is
// measured, in a few words. bench/run.mjs prints them in this order; bench/check-results.mjs requires
// each of them in build/bench/results.json.
//   target: {max} or {min} in the figure's unit; signed: the figure may be zero or negative (a growth).
export const FIGURES = [
  // sizes
  { name: 'wasm_bytes', unit: 'B', how: 'build/wasm/module/switchboard.wasm, raw' },
  { name: 'wasm_bytes_gz', unit: 'B', how: 'switchboard.wasm, gzip -9' },
  { name: 'glue_js_bytes_gz', unit: 'B', how: 'switchboard.js (Emscripten glue), gzip -9' },
  { name: 'wasm2js_bytes_gz', unit: 'B', how: 'switchboard.wasm2js.js (CSP fallback), gzip -9' },
  { name: 'shipped_bytes_gz', unit: 'B', target: { max: 150 * 1024 }, how: 'build/softphone minus wasm2js, each file gzip -9, summed' },
  // engine
  { name: 'engine_events_per_s_wasm', unit: 'events/s', how: 'recorded mix replayed through handle() in Node, effects checked' },
  { name: 'engine_events_per_s_native', unit: 'events/s', how: 'same mix, Engine::handle in engine_bench (g++ -O2)' },
  { name: 'engine_native_vs_wasm', unit: '×', how: 'native / WASM, rounds alternated' },
  { name: 'engine_heap_growth_bytes_10k_calls', unit: 'B', signed: true, how: 'WASM heap after all calls − after call 100, scripted PBX' },
  { name: 'engine_heap_growth_bytes_1k_to_10k_calls', unit: 'B', signed: true, how: 'same run, heap after all calls − after call 1,000' },
  { name: 'dialog_bytes', unit: 'B', how: 'WASM heap: N engines with a connected call − idle, ÷ N' },
  // SIP parsing
  { name: 'sip_parse_msgs_per_s_native', unit: 'msgs/s', how: 'bench/data/*.sip, sip_parse_bench (g++ -O2)' },
  { name: 'sip_parse_invite_state_bytes', unit: 'B', how: 'bytes a parsed INVITE holds (native)' },
  { name: 'sip_parse_msgs_per_s_wasm', unit: 'msgs/s', how: 'same messages, WASM in Node: text encoded into the module’s input buffer, sipParseInput(length)' },
  { name: 'sip_parse_msgs_per_s_jssip', unit: 'msgs/s', how: 'same messages, JsSIP Parser.parseMessage, same process' },
  { name: 'sip_parse_ratio_vs_jssip', unit: '×', target: { min: 50 }, how: 'WASM / JsSIP, rounds alternated' },
  { name: 'sip_parse_msgs_per_s_wasm_embind_string', unit: 'msgs/s', how: 'WASM, JS string converted by embind' },
  { name: 'sip_parse_ratio_vs_jssip_embind_string', unit: '×', how: 'embind string / JsSIP' },
  // load
  { name: 'sip_agent_cps_at_half_core', unit: 'calls/s', how: 'SIPp→Kamailio→WASM agents: top rate, 0 failed, ≤ 0.5 core' },
  { name: 'sip_agent_core_fraction_at_50cps', unit: 'cores', how: 'agents process CPU ÷ wall time at 50 calls/s' },
  // browser
  { name: 'softphone_ready_ms_median', unit: 'ms', target: { max: 250 }, how: 'frame reload → registered mark, console emulator' },
  { name: 'softphone_ready_ms_first_load', unit: 'ms', how: 'the console’s first load of the frame (cold)' },
  { name: 'invite_to_screenpop_ms_p95', unit: 'ms', target: { max: 20 }, how: 'ws.message INVITE → searchAndScreenPop effect, in frame' },
  { name: 'invite_to_screenpop_ms_median', unit: 'ms', how: 'same calls, median' },
];

export const byName = Object.fromEntries(FIGURES.map((f) => [f.name, f]));

export function meetsTarget(figure, value) {
  if (!figure.target || typeof value !== 'number') return null;
  if (figure.target.max != null) return value <= figure.target.max;
  return value >= figure.target.min;
}

export function targetText(figure) {
  if (!figure.target) return '';
  const t = figure.target;
  const n = t.max ?? t.min;
  const shown = figure.unit === 'B' && n >= 1024 ? `${n} (${n / 1024} KB)` : String(n);
  return `${t.max != null ? '≤' : '≥'} ${shown}`;
}
