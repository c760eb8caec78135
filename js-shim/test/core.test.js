import { test } from 'node:test';
import assert from 'node:assert/strict';

import { loadCore } from '../src/core.js';
import { checkMessage } from '../src/protocol-check.js';

const kinds = ['wasm', 'wasm2js'];
const cores = Object.fromEntries(await Promise.all(kinds.map(async (k) => [k, await loadCore({ kind: k })])));

const startEvent = {
  type: 'engine.start',
  protocol: 1,
  config: { acw_seconds: 10, dialing: { default_country_code: '1' } },
};

function assertEffectsValid(core, effects) {
  for (const effect of effects) assert.equal(checkMessage(core.protocol, effect, 'effect'), null, JSON.stringify(effect));
}

for (const kind of kinds) {
  test(`${kind}: the module reports protocol 1 and its closed vocabularies`, () => {
    const core = cores[kind];
    assert.equal(core.kind, kind);
    assert.equal(core.protocol.version, 1);
    const v = core.protocol.vocabularies;
    assert.ok(v.call_states.includes('wrap_up'));
    assert.ok(v.end_causes.some((c) => c.cause === 'busy' && c.sip_codes.includes(486)));
    assert.deepEqual(v.agent_statuses, ['offline', 'available', 'busy', 'after_call_work', 'away']);
    assert.ok(core.protocol.error_codes.some((c) => c.code === 'event.unknown_type'));
  });

  test(`${kind}: engine.start asks for storage and renders a valid view`, () => {
    const engine = cores[kind].createEngine();
    const effects = engine.handle({ ...startEvent, t: 1000 });
    assertEffectsValid(cores[kind], effects);
    assert.deepEqual(
      effects.map((e) => e.type),
      ['store.load', 'log', 'ui.render'],
    );
    const view = effects.at(-1).view;
    assert.equal(view.agent.status, 'offline');
    assert.deepEqual(view.calls, []);
    engine.destroy();
  });

  test(`${kind}: garbage events get error effects and change nothing`, () => {
    const core = cores[kind];
    const engine = core.createEngine();
    engine.handle(startEvent);
    const before = engine.view();
    const raw = (text) => JSON.parse(core.module.handle(engine.id, text));
    const cases = [
      [raw('{"type":'), 'json.invalid'],
      [raw(''), 'json.invalid'],
      [raw('[1,2]'), 'event.not_object'],
      [raw('"hello"'), 'event.not_object'],
      [engine.handle({ kind: 'ui.answer' }), 'event.no_type'],
      [engine.handle({ type: 'ui.launch_rockets' }), 'event.unknown_type'],
      [engine.handle({ type: 'ui.dtmf', digits: 5 }), 'event.field_type'],
      [engine.handle({ type: 'timer.fired' }), 'event.field_missing'],
      [engine.handle({ type: 'ui.notes', text: 'x'.repeat(40000) }), 'event.field_too_long'],
      [raw('x'.repeat(300 * 1024)), 'json.too_large'],
      [raw('['.repeat(5000)), 'json.too_deep'],
      [engine.handle({ type: 'engine.start' }), 'engine.already_started'],
      [engine.handle({ type: 'ws.message', conn: 1, data: 'INVITE' }), 'event.stale'],
    ];
    for (const [effects, code] of cases) {
      assertEffectsValid(core, effects);
      const error = effects.find((e) => e.type === 'error');
      assert.ok(error, `expected an error effect for ${code}, got ${JSON.stringify(effects)}`);
      assert.equal(error.code, code, error.message);
      assert.ok(error.message.length > 10);
    }
    assert.deepEqual(engine.view(), before);
    engine.destroy();
  });

  test(`${kind}: agent actions that cannot be done are refused with an error and a notice the agent sees`, () => {
    const core = cores[kind];
    const engine = core.createEngine();
    engine.handle(startEvent);
    const before = engine.view();
    const cases = [
      [{ type: 'ui.hangup' }, 'call.no_such_call', 'There is no current call.'],
      [{ type: 'ui.status', status: 'busy' }, 'presence.not_selectable', "'busy' follows calls and cannot be chosen; choose available, away or offline."],
      [{ type: 'ui.dial', number: 'hello' }, 'line.not_ready', 'The phone line is not ready (connection disconnected, registration unregistered).'],
    ];
    for (const [event, code, text] of cases) {
      const effects = engine.handle(event);
      assertEffectsValid(core, effects);
      assert.equal(effects.find((e) => e.type === 'error')?.code, code);
      const notice = engine.view().notices.at(-1);
      assert.equal(notice.code, code);
      assert.equal(notice.text, text);
    }
    const after = engine.view();
    assert.deepEqual({ ...after, notices: [] }, { ...before, notices: [] });
    engine.destroy();
  });
}

test('an unknown engine id is an error value, not a crash', () => {
  const effects = JSON.parse(cores.wasm.module.handle(9999, '{"type":"ui.answer"}'));
  assert.equal(effects[0].code, 'engine.no_such_engine');
});

test('wasm and wasm2js builds produce identical effects for the same events', () => {
  const events = [
    { ...startEvent, t: 1 },
    { type: 'store.loaded', entries: {}, t: 2 },
    { type: 'ui.status', status: 'away', reason: 'Lunch', t: 3 },
    { type: 'ui.status', status: 'away', reason: 'Nap', t: 4 },
    { type: 'nope', t: 5 },
  ];
  const run = (core) => {
    const engine = core.createEngine();
    const out = engine.handleBatch(events);
    engine.destroy();
    return out;
  };
  assert.deepEqual(run(cores.wasm), run(cores.wasm2js));
});

test('a whole call (register, answer, hold, resume, DTMF, hang-up, wrap-up) gives the same effects in wasm and wasm2js', async () => {
  const { runCallScenario } = await import('./call-scenario.js');
  const wasm = runCallScenario(cores.wasm);
  const js = runCallScenario(cores.wasm2js);
  assert.deepEqual(wasm.errors, []);
  assert.deepEqual(js, wasm);
  const expect = [
    'ws.connect',
    'ws.send REGISTER sip:pbx.example.com SIP/2.0',
    'ws.send SIP/2.0 100 Trying',
    'ws.send SIP/2.0 180 Ringing',
    'media.create c1 sendrecv (answer)',
    'ws.send SIP/2.0 200 OK',
    'media.update c1 sendonly (offer)',
    'media.mute c1 true',
    'ws.send INVITE sip:+14155550142@10.0.0.9:5060 SIP/2.0',
    'ws.send ACK sip:+14155550142@10.0.0.9:5060 SIP/2.0',
    'media.apply c1',
    'media.update c1 sendrecv (offer)',
    'media.mute c1 false',
    'media.dtmf 42#',
    'media.close c1',
  ];
  const seen = wasm.transcript.filter((line) => expect.includes(line));
  for (const line of expect) assert.ok(seen.includes(line), `missing: ${line}\n${wasm.transcript.join('\n')}`);
  assert.ok(wasm.transcript.some((l) => /ui.render busy registered \[c1:connected\]/.test(l)));
  assert.ok(wasm.transcript.some((l) => /ui.render after_call_work registered \[c1:wrap_up\]/.test(l)));
  assert.equal(wasm.status, 'available');
  assert.equal(wasm.history[0].outcome, 'answered');
  assert.equal(wasm.history[0].end_cause, 'remote_hangup');
});

test('docs/protocol.md lists every event and effect type the core defines, and every config setting', async () => {
  const { readFile } = await import('node:fs/promises');
  const doc = await readFile(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const core = await loadCore({ kind: 'wasm' });
  const missing = [...core.protocol.events, ...core.protocol.effects]
    .map((m) => m.type)
    .filter((type) => !doc.includes(`\`${type}\``));
  assert.deepEqual(missing, [], 'types missing from docs/protocol.md');
  for (const setting of ['ws_url', 'credential_mode', 'dial_format', 'acw_seconds', 'away_reasons', 'utc_offset_minutes', 'colleagues']) {
    assert.ok(doc.includes(`"${setting}"`), `setting ${setting} missing from docs/protocol.md`);
  }
});
