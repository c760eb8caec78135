// The module's JavaScript API (the embind surface in wasm/bindings/) as the shim relies on it:
// UTF-8 text in and out, bytes accepted as Uint8Array/Int8Array/ArrayBuffer, and a
// BindingError for a wrong argument count or a value that is neither a string nor bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { loadCore } from '../src/core.js';

for (const kind of ['wasm', 'wasm2js']) {
  const { module } = await loadCore({ kind });
  const start = (id) => JSON.parse(module.handle(id, JSON.stringify({ type: 'engine.start', t: 1 })));
  const dialpad = (id, text) => JSON.parse(module.handle(id, text)).at(-1).view.dialpad.text;

  test(`${kind}: text crosses as UTF-8 both ways, also as bytes`, () => {
    const id = module.createEngine();
    start(id);
    const event = (text) => JSON.stringify({ type: 'ui.dialpad', text });
    assert.equal(dialpad(id, event('+1 415 é😀')), '+1 415 é😀');
    assert.equal(dialpad(id, new TextEncoder().encode(event('bytes ✓'))), 'bytes ✓');
    assert.equal(dialpad(id, new TextEncoder().encode(event('buffer')).buffer), 'buffer');
    assert.equal(dialpad(id, new Int8Array(new TextEncoder().encode(event('signed é')))), 'signed é');
    // A lone surrogate is written as its three UTF-8-like bytes, which the JSON reader refuses.
    assert.equal(JSON.parse(module.handle(id, '{"type":"ui.dialpad","text":"\ud800"}'))[0].code, 'json.invalid');
    assert.equal(module.sipParse(new Uint8Array([0x41, 0x00, 0x42])), module.sipParse('A\0B'));
    assert.equal(module.destroyEngine(id), true);
    assert.equal(module.destroyEngine(id), false);
    assert.match(module.version(), /^\d+\.\d+\.\d+$/);
    assert.equal(typeof module.heapBytes(), 'number');
  });

  test(`${kind}: text written into the module's input buffer parses like text passed in`, () => {
    const invite = readFileSync(new URL('../../bench/data/1-invite.sip', import.meta.url), 'latin1');
    let input = module.sipInput(4096);
    assert.ok(input instanceof Uint8Array && input.length === 4096);
    const { written } = new TextEncoder().encodeInto(invite, input);
    assert.equal(module.sipParseInput(written), module.sipParse(invite));
    assert.ok(module.sipParseInput(written) > 10, 'the INVITE parsed');
    assert.equal(module.sipParseInput(-1), -1, 'a negative length is refused');
    assert.equal(module.sipParseInput(4097), -1, 'a length beyond the buffer is refused');
    assert.equal(module.sipParseInput(10), -1, 'a cut message is a parse error');
    // A new size gives a new view; the old one may be stale.
    input = module.sipInput(16);
    assert.equal(input.length, 16);
    assert.equal(module.sipParseInput(17), -1);
    input = module.sipInput(-5);
    assert.equal(input.length, 0);
  });

  test(`${kind}: misuse is a BindingError naming what was wrong`, () => {
    const refused = (fn, message) =>
      assert.throws(fn, (err) => err instanceof module.BindingError && err.name === 'BindingError' && err.message === message);
    refused(() => module.handle(1), 'function handle called with 1 arguments, expected 2 args!');
    refused(() => module.view(), 'function view called with 0 arguments, expected 1 args!');
    refused(() => module.version(1), 'function version called with 1 arguments, expected 0 args!');
    refused(() => module.handle(1, { type: 'ui.answer' }), 'Cannot pass non-string to std::string');
    refused(() => module.sipParse(42), 'Cannot pass non-string to std::string');
    assert.equal(JSON.parse(module.view(424242)), null);
  });
}
