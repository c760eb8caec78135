// SIP parsing throughput in one Node process: the Switchboard core (WebAssembly, loaded through
// js-shim/src/core.js) against JsSIP's own parser (jssip/lib/Parser parseMessage) on the same messages
// (bench/data/*.sip), alternating over several rounds. Every WebAssembly call includes getting the
// JS string into the module:
//   wasm:         TextEncoder.encodeInto straight into the module's input buffer (module.sipInput: a
//                 Uint8Array view of its memory), then module.sipParseInput(length), which copies the
//                 bytes into the message it parses — no JavaScript loop over the text;
//   embind_string: the JS string itself, converted by embind's JS-side UTF-8 loop (~4 ns a character
//                 on these machines, slower than the parse).
// Prints medians as JSON:
//   {"sip_parse_msgs_per_s_wasm", "sip_parse_msgs_per_s_jssip", "sip_parse_ratio_vs_jssip",
//    "sip_parse_msgs_per_s_wasm_embind_string", "sip_parse_ratio_vs_jssip_embind_string"}
// Usage: node --no-experimental-fetch bench/sip_parse.mjs [--rounds N] [--ms PER_ROUND]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../js-shim/src/core.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const rounds = option('rounds', 7);
const msPerRound = option('ms', 300);

const dataDir = path.join(here, 'data');
const messages = fs
  .readdirSync(dataDir)
  .filter((f) => f.endsWith('.sip'))
  .sort()
  .map((f) => fs.readFileSync(path.join(dataDir, f), 'latin1'));
if (messages.length === 0) throw new Error(`no .sip files in ${dataDir}`);

const core = await loadCore({ kind: 'wasm' });
const JsSIPParser = require('jssip/lib/Parser');

const encoder = new TextEncoder();
const INPUT_BYTES = 256 * 1024;
let input = core.module.sipInput(INPUT_BYTES);
function parseInModule(raw) {
  if (input.byteLength === 0) input = core.module.sipInput(INPUT_BYTES); // the memory grew
  const { read, written } = encoder.encodeInto(raw, input);
  if (read !== raw.length) throw new Error(`a bench message is over ${INPUT_BYTES} bytes`);
  return core.module.sipParseInput(written);
}
const parsers = {
  wasm: parseInModule,
  embind_string: (raw) => core.module.sipParse(raw),
  jssip: (raw) => JsSIPParser.parseMessage(raw, {}),
};

// Both must accept every message, or the comparison means nothing.
for (const raw of messages) {
  for (const name of ['wasm', 'embind_string']) {
    const headers = parsers[name](raw);
    if (headers <= 0) throw new Error(`the core (${name}) refused a bench message (${headers}):\n${raw.slice(0, 80)}`);
  }
  if (!parsers.jssip(raw)) throw new Error(`JsSIP refused a bench message:\n${raw.slice(0, 80)}`);
}

function measure(parse) {
  let parsed = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(msPerRound) * 1000000n;
  let elapsed = 0n;
  do {
    for (let k = 0; k < 20; k++) {
      for (const raw of messages) {
        sink += parse(raw) ? 1 : 0;
        parsed++;
      }
    }
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  if (sink !== parsed) throw new Error('a message failed to parse during the run');
  return (parsed * 1e9) / Number(elapsed);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Warm up (JIT, WebAssembly tier-up), then rotate which one goes first.
const names = ['wasm', 'jssip', 'embind_string'];
for (const name of names) measure(parsers[name]);
const rates = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(r + k) % names.length];
    rates[name].push(measure(parsers[name]));
  }
}
const [wasm, jssip, embindString] = names.map((n) => median(rates[n]));
const ratio = (x) => Math.round((x / jssip) * 10) / 10;
console.log(
  JSON.stringify({
    sip_parse_msgs_per_s_wasm: Math.round(wasm),
    sip_parse_msgs_per_s_jssip: Math.round(jssip),
    sip_parse_ratio_vs_jssip: ratio(wasm),
    sip_parse_msgs_per_s_wasm_embind_string: Math.round(embindString),
    sip_parse_ratio_vs_jssip_embind_string: ratio(embindString),
  }),
);
