import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

import { outputs } from '../generate.mjs';
import { validateCallCenter } from '../lib/rules.mjs';
import { settingProblem } from '../lib/setting-rules.js';

const here = new URL('..', import.meta.url).pathname;
const definition = JSON.parse(readFileSync(join(here, 'definition.json'), 'utf8'));
const vendor = definition.sections.find((s) => s.vendor);

test('every generated file is committed and up to date', () => {
  for (const [file, text] of Object.entries(outputs())) {
    assert.ok(existsSync(file), `${file} is missing: run node callcenter-xml/generate.mjs`);
    assert.equal(readFileSync(file, 'utf8'), text, `${file} is stale: run node callcenter-xml/generate.mjs`);
  }
});

test('the Switchboard section matches the contract in docs/protocol.md (names, order, defaults)', () => {
  const protocol = readFileSync(join(here, '../docs/protocol.md'), 'utf8');
  const start = protocol.indexOf('### Call center settings');
  assert.ok(start > 0, 'docs/protocol.md has no "Call center settings" section');
  const rows = protocol
    .slice(start)
    .split('\n')
    .filter((l) => /^\| `[A-Za-z]+` \|/.test(l))
    .map((l) => l.split('|').map((c) => c.trim()));
  const documented = [];
  for (const [, name, , def] of rows) {
    if (documented.some((d) => d.name === name.replaceAll('`', ''))) break; // the next table
    const value = def === '(required)' || def === 'empty' ? '' : def.replaceAll('`', '');
    documented.push({ name: name.replaceAll('`', ''), value, required: def === '(required)' });
  }
  assert.deepEqual(
    vendor.items.map((i) => ({ name: i.name, value: i.value, required: !!i.required })),
    documented,
  );
});

test('every default passes its own rule, and the rule refuses what the softphone cannot use', () => {
  for (const spec of vendor.items) {
    assert.equal(settingProblem(spec, spec.value), null, `${spec.name} default "${spec.value}"`);
    assert.ok(spec.help && spec.help.length > 20, `${spec.name} needs help text`);
  }
  const byName = Object.fromEntries(vendor.items.map((i) => [i.name, i]));
  const refused = [
    ['pbxWebSocketUrl', 'https://pbx.example.com/ws'],
    ['pbxWebSocketUrl', 'ws://pbx.example.com/ws'],
    ['sipDomain', 'pbx example.com'],
    ['defaultCountryCode', '+44'],
    ['acwSeconds', '3601'],
    ['dispositions', ' ; ; '],
    ['popFlow', 'My__Flow'],
    ['popUrl', '//evil.example.com'],
    ['startStatus', 'busy'],
    ['logMissedCalls', 'yes'],
  ];
  for (const [name, value] of refused) assert.equal(settingProblem(byName[name], value), byName[name].type, `${name} = ${value}`);
  const accepted = [
    ['pbxWebSocketUrl', 'wss://pbx.example.com:8089/ws'],
    ['pbxWebSocketUrl', 'ws://127.0.0.1:8088'],
    ['sipDomain', 'pbx.example.com'],
    ['defaultCountryCode', '44'],
    ['popFlow', 'Inbound_Call_Flow'],
    ['popUrl', '/lightning/o/Case/new?number={number}'],
  ];
  for (const [name, value] of accepted) assert.equal(settingProblem(byName[name], value), null, `${name} = ${value}`);
});

test('the metadata form carries the same sections and values as the import form', () => {
  const files = outputs();
  const importText = files[join(here, 'SwitchboardCallCenter.xml')];
  const metadataText = files[join(here, 'SwitchboardCallCenter.callCenter-meta.xml')];
  assert.equal(validateCallCenter(importText).errors.length, 0);
  assert.equal(validateCallCenter(metadataText).errors.length, 0);
  for (const section of definition.sections) {
    assert.ok(metadataText.includes(`<name>${section.name}</name>`));
    for (const item of section.items) {
      const inMetadata = !['reqInternalName', 'reqDisplayName'].includes(item.name);
      assert.equal(metadataText.includes(`<name>${item.name}</name>`), inMetadata, item.name);
      assert.ok(importText.includes(`name="${item.name}"`), item.name);
    }
  }
  assert.match(metadataText, /<displayName>Switchboard<\/displayName>/);
});
