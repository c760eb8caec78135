// Apex cannot be compiled or run without an org. Offline we check what can be checked: every class
// parses (prettier-plugin-apex's Apex parser) and is formatted, every class has a test class whose
// methods assert, the softphone service keeps the documented contract, and the expected values in
// the Apex tests are right (recomputed here the way the PBX computes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import * as apexPlugin from 'prettier-plugin-apex';

const root = new URL('../..', import.meta.url).pathname;
const classesDir = join(root, 'package-manifest/force-app/main/default/classes');
const options = JSON.parse(readFileSync(join(root, 'package-manifest/.prettierrc'), 'utf8'));
const classes = readdirSync(classesDir)
  .filter((f) => f.endsWith('.cls'))
  .sort()
  .map((file) => ({ file, name: file.replace(/\.cls$/, ''), text: readFileSync(join(classesDir, file), 'utf8') }));
const source = (name) => classes.find((c) => c.name === name).text;
const isTest = (c) => /^@IsTest\b/m.test(c.text);
const definition = JSON.parse(readFileSync(join(root, 'callcenter-xml/definition.json'), 'utf8'));
const vendorItems = definition.sections.find((s) => s.vendor).items;

const format = (text) => prettier.format(text, { ...options, parser: 'apex', plugins: [apexPlugin] });

for (const c of classes) {
  test(`${c.name} parses as Apex and is formatted`, async () => {
    const formatted = await format(c.text);
    assert.equal(formatted, c.text, `${c.file} is not formatted: run npx prettier --write in package-manifest`);
    assert.ok(readFileSync(join(classesDir, `${c.file}-meta.xml`), 'utf8').includes('<status>Active</status>'));
  });
}

test('the parse check refuses broken Apex', async () => {
  await assert.rejects(format('public class Broken {\n    void f() {\n        Integer x = ;\n    }\n}\n'), /Unexpected token/);
});

test('every class has a test class, and every test method asserts something', () => {
  const production = classes.filter((c) => !isTest(c));
  for (const c of production) assert.ok(classes.some((t) => t.name === `${c.name}Test` && isTest(t)), `${c.name} has no test class`);
  for (const t of classes.filter(isTest)) {
    const methods = t.text.split(/@IsTest\s+static void /).slice(1);
    if (t.name === 'SwitchboardTestData') continue;
    assert.ok(methods.length > 0, `${t.name} has no test methods`);
    for (const body of methods) {
      const name = body.slice(0, body.indexOf('('));
      assert.match(body.split(/\n    @IsTest/)[0], /\b(Assert\.\w+|assert\w+)\(/, `${t.name}.${name} asserts nothing`);
    }
  }
});

test('the softphone service is the documented runApex entry point', () => {
  const service = source('SwitchboardSoftphoneService');
  assert.match(service, /^global (with|without|inherited) sharing class SwitchboardSoftphoneService\b/m);
  assert.match(service, /\bwebService static String getAgentConfig\(\)/);
  for (const key of ['user', 'auth_user', 'password', 'display_name', 'credential_expires_at']) assert.ok(service.includes(`'${key}'`), key);
  for (const key of ['sip', 'settings', 'error', 'code', 'message']) assert.ok(service.includes(`'${key}'`), key);
  const protocol = readFileSync(join(root, 'docs/protocol.md'), 'utf8');
  assert.ok(protocol.includes('"error": {"code": "NO_AGENT_SETTINGS"'), 'docs/protocol.md documents NO_AGENT_SETTINGS');
  assert.ok(service.includes("NO_AGENT_SETTINGS = 'NO_AGENT_SETTINGS'"));
  // Every error path has its own test.
  const tests = source('SwitchboardSoftphoneServiceTest');
  for (const [, code] of service.matchAll(/public static final String (\w+) = '\1';/g)) {
    if (code === 'INTERNAL_ERROR') continue;
    assert.ok(tests.includes(`SwitchboardSoftphoneService.${code}`), `no test for ${code}`);
  }
});

test('the expected passwords in the Apex tests are HMAC-SHA1 of the username, as the PBX computes them', () => {
  let checked = 0;
  for (const name of ['SwitchboardCredentialsTest', 'SwitchboardSoftphoneServiceTest']) {
    const text = source(name);
    const secret = /'(switchboard-test-secret)'/.exec(text)[1];
    for (const [, username, password] of text.matchAll(/'(\d+:\d+)'[^;]*;\s*Assert\.areEqual\('([A-Za-z0-9+/=]{28})'/g)) {
      assert.equal(password, createHmac('sha1', secret).update(username).digest('base64'), `${name}: ${username}`);
      checked++;
    }
  }
  assert.ok(checked >= 4, `only ${checked} credential vectors found`);
});

test('SwitchboardSettings knows exactly the call center items, with the same types and choices', () => {
  const text = source('SwitchboardSettings');
  const block = (name) => text.slice(text.indexOf(name), text.indexOf('};', text.indexOf(name)));
  const items = [...block('List<String> ITEMS').matchAll(/'(\w+)'/g)].map((m) => m[1]);
  assert.deepEqual(items, vendorItems.map((i) => i.name));
  const types = Object.fromEntries([...block('Map<String, String> TYPES').matchAll(/'(\w+)' => '(\w+)'/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual(types, Object.fromEntries(vendorItems.map((i) => [i.name, i.type])));
  const choiceBlock = block('Map<String, List<String>> CHOICES');
  for (const item of vendorItems.filter((i) => i.type === 'choice')) {
    const listed = new RegExp(`'${item.name}' => new List<String>\\{ ([^}]*) \\}`).exec(choiceBlock);
    assert.ok(listed, item.name);
    assert.deepEqual([...listed[1].matchAll(/'(\w+)'/g)].map((m) => m[1]), item.choices, item.name);
  }
  const acw = vendorItems.find((i) => i.name === 'acwSeconds');
  assert.ok(text.includes(`ACW_MAX = ${acw.max};`));
  const fieldsDir = join(root, 'package-manifest/force-app/main/default/objects/Switchboard_Settings__c/fields');
  const fieldFiles = readdirSync(fieldsDir).map((f) => f.replace('.field-meta.xml', ''));
  for (const [, item, field] of block('Map<String, Schema.SObjectField> FIELDS').matchAll(/'(\w+)' => Switchboard_Settings__c\.(\w+)/g)) {
    assert.ok(fieldFiles.includes(field), `${item} → ${field} has no field file`);
  }
});

test('labels are filled without String.format, whose MessageFormat rules eat apostrophes of translations', () => {
  for (const c of classes) assert.doesNotMatch(c.text, /String\.format\(\s*(System\.)?Label\./, c.name);
});

test('every label the Apex uses exists', () => {
  const labels = readFileSync(join(root, 'package-manifest/force-app/main/default/labels/CustomLabels.labels-meta.xml'), 'utf8');
  const used = new Set(classes.flatMap((c) => [...c.text.matchAll(/System\.Label\.(\w+)/g)].map((m) => m[1])));
  assert.ok(used.size >= 6);
  for (const name of used) assert.ok(labels.includes(`<fullName>${name}</fullName>`), name);
});
