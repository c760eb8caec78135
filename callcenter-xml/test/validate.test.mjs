import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

import { validateCallCenter, ERROR_CODES } from '../lib/rules.mjs';
import { renderImportFile, renderMetadataFile } from '../lib/render.mjs';

const here = new URL('..', import.meta.url).pathname;
const definition = JSON.parse(readFileSync(join(here, 'definition.json'), 'utf8'));
const importFile = readFileSync(join(here, 'SwitchboardCallCenter.xml'), 'utf8');
const metadataFile = readFileSync(join(here, 'SwitchboardCallCenter.callCenter-meta.xml'), 'utf8');

const clone = () => structuredClone(definition);
const section = (d, name) => d.sections.find((s) => s.name === name);
const item = (d, sectionName, name) => section(d, sectionName).items.find((i) => i.name === name);
const codes = (result) => result.errors.map((e) => e.code);
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

// Inserts a line after the first line containing `after`.
function insertAfter(text, after, line) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(after));
  assert.ok(at >= 0, `no line with ${after}`);
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}

test('the shipped files and a minimal Salesforce-style Lightning file are valid', () => {
  assert.deepEqual(validateCallCenter(importFile, { fileName: 'SwitchboardCallCenter.xml' }), { form: 'import', errors: [] });
  assert.deepEqual(validateCallCenter(metadataFile, { fileName: 'SwitchboardCallCenter.callCenter-meta.xml' }), {
    form: 'metadata',
    errors: [],
  });
  const minimal = readFileSync(join(here, 'test/fixtures/minimal-lightning.xml'), 'utf8');
  assert.deepEqual(validateCallCenter(minimal), { form: 'import', errors: [] });
});

// Each case breaks exactly one documented rule and must yield exactly that rule's error.
const general = (line) => (text) => insertAfter(text, 'name="reqTimeout"', line);
const fromDefinition = (change) => () => {
  const d = clone();
  change(d);
  return renderImportFile(d);
};
const importCases = [
  ['xml.malformed', (t) => t.replace('</section>', '')],
  ['root.invalid', (t) => t.replace('<callCenter>', '<callcenter>').replace('</callCenter>', '</callcenter>')],
  ['element.unexpected', (t) => t.replace('<callCenter>', '<callCenter>\n  <note>remember the PBX</note>')],
  ['attribute.missing', general('    <item sortOrder="9" label="Note">x</item>')],
  ['sort_order.invalid', general('    <item sortOrder="nine" name="extraNote" label="Note">x</item>')],
  ['sort_order.duplicate', general('    <item sortOrder="8" name="extraNote" label="Note">x</item>')],
  ['sort_order.gap', general('    <item sortOrder="10" name="extraNote" label="Note">x</item>')],
  ['sort_order.fixed', (t) => t.replace('sortOrder="1" name="reqDisplayName"', 'sortOrder="2" name="reqDisplayName"').replace('sortOrder="2" name="reqAdapterUrl"', 'sortOrder="1" name="reqAdapterUrl"')],
  ['sort_order.fixed', (t) => t.replace('sortOrder="0" name="reqGeneralInfo"', 'sortOrder="1" name="reqGeneralInfo"').replace('sortOrder="1" name="reqDialingOptions"', 'sortOrder="0" name="reqDialingOptions"')],
  ['name.invalid', (t) => t.replace('name="switchboard"', 'name="switch_board"')],
  ['name.too_long', general(`    <item sortOrder="9" name="${'a'.repeat(41)}" label="Note">x</item>`)],
  ['name.reserved_word', general('    <item sortOrder="9" name="sortOrder" label="Note">x</item>')],
  ['name.reserved_prefix', (t) => t.replace('name="switchboard"', 'name="reqSwitchboard"')],
  ['name.reserved_prefix', (t) => insertAfter(t, 'name="logMissedCalls"', '    <item sortOrder="15" name="reqPbxUrl" label="PBX">wss://x</item>')],
  ['name.reserved_prefix', general('    <item sortOrder="9" name="reqSoftphoneDepth" label="Depth">3</item>')],
  ['name.duplicate', general('    <item sortOrder="9" name="extraNote" label="A">x</item>\n    <item sortOrder="10" name="extraNote" label="B">y</item>')],
  ['label.too_long', (t) => t.replace('label="Switchboard"', `label="${'L'.repeat(1001)}"`)],
  ['required.missing', fromDefinition((d) => section(d, 'reqGeneralInfo').items.splice(5, 1))],
  ['required.missing', fromDefinition((d) => d.sections.splice(1, 1))],
  ['required.missing', fromDefinition((d) => section(d, 'switchboard').items.splice(0, 1))],
  ['internal_name.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqInternalName').value = '1Switchboard'))],
  ['display_name.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqDisplayName').value = ''))],
  ['adapter_url.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqAdapterUrl').value = 'http://softphone.example.com/'))],
  ['adapter_url.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqStandbyUrl').value = 'softphone.html'))],
  ['use_api.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqUseApi').value = 'false'))],
  ['softphone_size.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqSoftphoneHeight').value = '239'))],
  ['softphone_size.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqSoftphoneWidth').value = '1921'))],
  ['compatibility_mode.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqSalesforceCompatibilityMode').value = 'Classic'))],
  ['standby.incomplete', fromDefinition((d) => section(d, 'reqGeneralInfo').items.pop())],
  ['timeout.invalid', fromDefinition((d) => (item(d, 'reqGeneralInfo', 'reqTimeout').value = '0'))],
  ['dialing_prefix.invalid', fromDefinition((d) => (item(d, 'reqDialingOptions', 'reqOutsidePrefix').value = '9#'))],
  ['switchboard.item.unknown', fromDefinition((d) => section(d, 'switchboard').items.push({ name: 'pbxPassword', label: 'PBX Password', value: 'x' }))],
  ['switchboard.value.invalid', fromDefinition((d) => (item(d, 'switchboard', 'pbxWebSocketUrl').value = 'ws://pbx.example.com:8088/ws'))],
  ['switchboard.value.invalid', fromDefinition((d) => (item(d, 'switchboard', 'credentialMode').value = 'plain'))],
  ['switchboard.value.invalid', fromDefinition((d) => (item(d, 'switchboard', 'acwSeconds').value = '-5'))],
  ['switchboard.value.invalid', fromDefinition((d) => (item(d, 'switchboard', 'popUrl').value = 'https://evil.example.com'))],
];

for (const [code, mutate] of importCases) {
  test(`import file: ${code} — ${mutate.toString().slice(0, 90)}`, () => {
    const result = validateCallCenter(mutate(importFile));
    assert.deepEqual(codes(result), [code], JSON.stringify(result.errors, null, 1));
    assert.ok(result.errors[0].line >= 1);
    assert.ok(result.errors[0].message.length > 10);
  });
}

const metadataCases = [
  ['metadata.namespace', (t) => t.replace(' xmlns="http://soap.sforce.com/2006/04/metadata"', '')],
  ['metadata.order', (t) => {
    const line = t.split('\n').find((l) => l.includes('<displayName>'));
    return t.replace(`${line}\n`, '').replace('    <adapterUrl>', `${line}\n    <adapterUrl>`);
  }],
  ['metadata.inconsistent', (t) => t.replace('<adapterUrl>/apex/SwitchboardSoftphone</adapterUrl>', '<adapterUrl>/apex/OtherSoftphone</adapterUrl>')],
  ['metadata.inconsistent', (t) => t.replace('&quot;reqSoftphoneHeight&quot;:&quot;520&quot;', '&quot;reqSoftphoneHeight&quot;:&quot;600&quot;')],
  ['custom_settings.invalid', (t) => t.replace(/<customSettings>.*<\/customSettings>/, '<customSettings>{not json</customSettings>')],
  ['element.unexpected', (t) => t.replace('    <displayNameLabel>', '    <ringtone>bell</ringtone>\n    <displayNameLabel>')],
  ['required.missing', (t) => t.replace(/ *<displayNameLabel>.*\n/, '')],
  ['name.reserved_prefix', (t) => t.replace('<name>switchboard</name>', '<name>reqSwitchboard</name>')],
  ['softphone_size.invalid', () => {
    const d = clone();
    item(d, 'reqGeneralInfo', 'reqSoftphoneWidth').value = '150';
    return renderMetadataFile(d);
  }],
];

for (const [code, mutate] of metadataCases) {
  test(`metadata file: ${code} — ${mutate.toString().slice(0, 90)}`, () => {
    const result = validateCallCenter(mutate(metadataFile), { fileName: 'SwitchboardCallCenter.callCenter-meta.xml' });
    assert.deepEqual(codes(result), [code], JSON.stringify(result.errors, null, 1));
  });
}

test('metadata file: the file name is the internal name and must follow its rule', () => {
  const result = validateCallCenter(metadataFile, { fileName: 'callCenters/Switchboard_Call.callCenter-meta.xml' });
  assert.deepEqual(codes(result), ['internal_name.invalid']);
});

test('every error code the validator knows is exercised by a case above', () => {
  const exercised = new Set([...importCases, ...metadataCases].map(([code]) => code).concat('internal_name.invalid'));
  assert.deepEqual(Object.keys(ERROR_CODES).filter((c) => !exercised.has(c)), []);
});

test('errors name the element and the line it is on', () => {
  const d = clone();
  item(d, 'reqGeneralInfo', 'reqSoftphoneHeight').value = '100';
  const text = renderImportFile(d);
  const [error] = validateCallCenter(text).errors;
  assert.equal(error.element, '<item name="reqSoftphoneHeight">');
  assert.equal(error.line, lineOf(text, 'name="reqSoftphoneHeight"'));
  assert.match(error.message, /240 to 2560/);

  const broken = metadataFile.replace('<name>acwSeconds</name>\n            <value>30</value>', '<name>acwSeconds</name>\n            <value>forever</value>');
  const [acw] = validateCallCenter(broken).errors;
  assert.equal(acw.code, 'switchboard.value.invalid');
  assert.equal(acw.element, '<items> "acwSeconds"');
  assert.equal(acw.line, lineOf(broken, '<name>acwSeconds</name>') - 2);

  const [malformed] = validateCallCenter('<callCenter>\n  <section>\n</callCenter>').errors;
  assert.equal(malformed.code, 'xml.malformed');
  assert.equal(malformed.line, 3);
});

test('several broken rules in one file give one error each', () => {
  const d = clone();
  item(d, 'reqGeneralInfo', 'reqSoftphoneHeight').value = '100';
  item(d, 'reqGeneralInfo', 'reqAdapterUrl').value = 'http://x';
  item(d, 'switchboard', 'dialFormat').value = 'raw';
  assert.deepEqual(codes(validateCallCenter(renderImportFile(d))).sort(), ['adapter_url.invalid', 'softphone_size.invalid', 'switchboard.value.invalid']);
});

test('the command line validates files, prints file:line errors and sets its exit status', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-cc-'));
  try {
    const d = clone();
    item(d, 'reqGeneralInfo', 'reqSalesforceCompatibilityMode').value = 'Classic';
    const bad = join(dir, 'Bad.xml');
    writeFileSync(bad, renderImportFile(d));
    const cli = join(here, 'validate.mjs');
    const ok = execFileSync('node', [cli, join(here, 'SwitchboardCallCenter.xml'), join(here, 'SwitchboardCallCenter.callCenter-meta.xml')], { encoding: 'utf8' });
    assert.match(ok, /SwitchboardCallCenter\.xml: ok \(Open CTI import file\)/);
    assert.match(ok, /callCenter-meta\.xml: ok \(Metadata API CallCenter\)/);
    let failure;
    try {
      execFileSync('node', [cli, bad], { encoding: 'utf8' });
    } catch (err) {
      failure = err;
    }
    assert.equal(failure?.status, 1);
    const line = lineOf(renderImportFile(d), 'reqSalesforceCompatibilityMode');
    assert.match(failure.stdout, new RegExp(`Bad\\.xml:${line}: error \\[compatibility_mode\\.invalid\\] <item name="reqSalesforceCompatibilityMode">: .*Lightning`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
