// What scripts/package produced (build/package/): the deployable metadata holds every component of
// the connector, its package.xml lists exactly what it holds, and the static resource carries the
// softphone with both cores. Run scripts/package first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseXml } from '../../callcenter-xml/lib/xml.mjs';
import { SOFTPHONE_FILES } from '../tools/package.mjs';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'build/package');
const main = join(root, 'package-manifest/force-app/main/default');
assert.ok(existsSync(join(out, 'components.json')), 'run scripts/package first');

const unzipList = (zip) => execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).split('\n').filter(Boolean);
const unzipFile = (zip, file) => execFileSync('unzip', ['-p', zip, file], { maxBuffer: 64 << 20 });

function manifest(xmlText) {
  const { root: pkg, error } = parseXml(xmlText);
  assert.equal(error, null);
  const types = {};
  for (const t of pkg.children.filter((c) => c.name === 'types')) {
    const name = t.children.find((c) => c.name === 'name').text.trim();
    types[name] = t.children.filter((c) => c.name === 'members').map((m) => m.text.trim());
  }
  return { types, version: pkg.children.find((c) => c.name === 'version').text.trim() };
}

const mainZip = join(out, 'switchboard-metadata.zip');
const files = unzipList(mainZip);
const zipped = manifest(unzipFile(mainZip, 'package.xml').toString());
const listed = (type) => zipped.types[type] || [];

// Members the metadata zip must hold, by the folder their files live in.
const FOLDERS = {
  ApexClass: ['classes', '.cls'],
  ApexComponent: ['components', '.component'],
  ApexPage: ['pages', '.page'],
  CallCenter: ['callCenters', '.callCenter'],
  CustomApplication: ['applications', '.app'],
  CustomLabels: ['labels', '.labels'],
  CustomObject: ['objects', '.object'],
  CustomPermission: ['customPermissions', '.customPermission'],
  CustomTab: ['tabs', '.tab'],
  FlexiPage: ['flexipages', '.flexipage'],
  GlobalValueSet: ['globalValueSets', '.globalValueSet'],
  LightningMessageChannel: ['messageChannels', '.messageChannel'],
  PermissionSet: ['permissionsets', '.permissionset'],
  StaticResource: ['staticresources', '.resource'],
};

test('the metadata package holds every kind of component the connector needs', () => {
  const expected = {
    StaticResource: ['SwitchboardSoftphone'],
    ApexPage: ['SwitchboardSoftphone', 'SwitchboardSoftphoneStandby'],
    ApexComponent: ['SwitchboardSoftphoneFrame'],
    CallCenter: ['SwitchboardCallCenter'],
    CustomObject: ['Switchboard_Agent__c', 'Switchboard_Disposition__c', 'Switchboard_Queue__c', 'Switchboard_Screen_Pop_Rule__c', 'Switchboard_Secret__c', 'Switchboard_Settings__c'],
    PermissionSet: ['Switchboard_Admin', 'Switchboard_Agent'],
    LightningComponentBundle: ['activeCall', 'callHistory', 'switchboardSetup', 'switchboardUtils'],
    LightningMessageChannel: ['Switchboard_Call'],
    CustomApplication: ['Switchboard'],
    FlexiPage: ['Switchboard_Setup', 'Switchboard_UtilityBar'],
    CustomPermission: ['Switchboard_Administer'],
    GlobalValueSet: ['Switchboard_Skills'],
    CustomLabels: ['CustomLabels'],
  };
  for (const [type, members] of Object.entries(expected)) assert.deepEqual(listed(type), members, type);
  const classes = readdirSync(join(main, 'classes')).filter((f) => f.endsWith('.cls')).map((f) => f.replace('.cls', '')).sort();
  assert.deepEqual(listed('ApexClass'), classes);
  assert.equal(zipped.version, JSON.parse(readFileSync(join(root, 'package-manifest/sfdx-project.json'), 'utf8')).sourceApiVersion);
});

test('package.xml lists every field, validation rule and label, and each lives in the zip', () => {
  const sourceFields = readdirSync(join(main, 'objects')).flatMap((object) =>
    existsSync(join(main, 'objects', object, 'fields')) ? readdirSync(join(main, 'objects', object, 'fields')).map((f) => `${object}.${f.replace('.field-meta.xml', '')}`) : [],
  );
  assert.deepEqual(listed('CustomField'), sourceFields.sort());
  assert.ok(listed('CustomField').length >= 30);
  for (const field of listed('CustomField')) {
    const [object, name] = field.split('.');
    assert.ok(unzipFile(mainZip, `objects/${object}.object`).toString().includes(`<fullName>${name}</fullName>`), field);
  }
  assert.ok(listed('ValidationRule').length >= 8);
  const labelsXml = unzipFile(mainZip, 'labels/CustomLabels.labels').toString();
  assert.ok(listed('CustomLabel').length >= 100);
  for (const label of listed('CustomLabel')) assert.ok(labelsXml.includes(`<fullName>${label}</fullName>`), label);
});

test('package.xml lists exactly the files in the zip', () => {
  for (const [type, [folder, suffix]] of Object.entries(FOLDERS)) {
    const inZip = files.filter((f) => f.startsWith(`${folder}/`) && f.endsWith(suffix)).map((f) => basename(f, suffix)).sort();
    assert.deepEqual(inZip, listed(type), type);
    for (const member of inZip) assert.ok(files.includes(`${folder}/${member}${suffix}-meta.xml`) || ['CustomObject', 'CustomLabels', 'CustomApplication', 'CustomTab', 'FlexiPage', 'PermissionSet', 'CustomPermission', 'GlobalValueSet', 'LightningMessageChannel', 'CallCenter'].includes(type), `${type} ${member} has no -meta.xml`);
  }
  const bundles = [...new Set(files.filter((f) => f.startsWith('lwc/')).map((f) => f.split('/')[1]))].sort();
  assert.deepEqual(bundles, listed('LightningComponentBundle'));
  assert.ok(!files.some((f) => f.includes('__tests__') || f.includes('jest')), 'no tests in the deployable');
  assert.ok(!files.some((f) => f.startsWith('translations/')), 'translations travel separately');
});

test('the committed package-manifest/package.xml lists the whole package, translations included', () => {
  const committed = readFileSync(join(root, 'package-manifest/package.xml'), 'utf8');
  assert.equal(committed, readFileSync(join(out, 'package.xml'), 'utf8'));
  const { types } = manifest(committed);
  assert.deepEqual(types.Translations, ['de', 'fr']);
  for (const [type, members] of Object.entries(zipped.types)) assert.deepEqual(types[type], members, type);
});

test('the translations package holds German and French labels', () => {
  const zip = join(out, 'switchboard-translations.zip');
  assert.deepEqual(unzipList(zip).sort(), ['package.xml', 'translations/de.translation', 'translations/fr.translation']);
  assert.deepEqual(manifest(unzipFile(zip, 'package.xml').toString()).types, { Translations: ['de', 'fr'] });
});

test('the static resource carries the softphone, its boot script and both cores', () => {
  const resource = unzipFile(mainZip, 'staticresources/SwitchboardSoftphone.resource');
  const dir = mkdtempSync(join(tmpdir(), 'sb-resource-'));
  try {
    execFileSync('unzip', ['-q', '-o', '-', '-d', dir], { input: resource });
  } catch {
    // unzip cannot read from stdin everywhere: fall back to a file.
    execFileSync('sh', ['-c', `cat > "${dir}/r.zip" && unzip -q "${dir}/r.zip" -d "${dir}" && rm "${dir}/r.zip"`], { input: resource });
  }
  try {
    for (const file of [...SOFTPHONE_FILES, 'boot.js']) assert.ok(existsSync(join(dir, file)), file);
    const wasm = readFileSync(join(dir, 'switchboard.wasm'));
    assert.deepEqual([...wasm.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module');
    assert.ok(statSync(join(dir, 'switchboard.wasm2js.js')).size > 10000, 'the pure-JavaScript core');
    assert.match(readFileSync(join(dir, 'softphone.js'), 'utf8'), /SwitchboardSoftphone/);
    const meta = unzipFile(mainZip, 'staticresources/SwitchboardSoftphone.resource-meta.xml').toString();
    assert.match(meta, /<contentType>application\/zip<\/contentType>/);
    assert.ok(resource.length < 5 * 1024 * 1024, 'static resources are limited to 5 MB');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the call center travels in both forms and they are valid', async () => {
  const { validateCallCenter } = await import('../../callcenter-xml/lib/rules.mjs');
  const metadata = unzipFile(mainZip, 'callCenters/SwitchboardCallCenter.callCenter').toString();
  assert.deepEqual(validateCallCenter(metadata, { fileName: 'SwitchboardCallCenter.callCenter' }).errors, []);
  const importFile = readFileSync(join(out, 'SwitchboardCallCenter.xml'), 'utf8');
  assert.deepEqual(validateCallCenter(importFile).errors, []);
  assert.ok(importFile.includes('/apex/SwitchboardSoftphone'));
});

test('every step of the admin guide is covered by what the package ships', () => {
  const guide = readFileSync(join(root, 'docs/admin-guide.md'), 'utf8');
  for (const [, image] of guide.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) assert.ok(existsSync(join(root, 'docs', image)), `missing screenshot ${image}`);
  assert.ok([...guide.matchAll(/!\[/g)].length >= 6, 'each step has a screenshot');
  const shipped = [...Object.values(zipped.types).flat(), 'SwitchboardCallCenter.xml'];
  // Every Switchboard name the guide mentions in code style is something the package ships.
  for (const [, name] of guide.matchAll(/`([^`]*Switchboard[^`]*)`/g)) {
    if (/^(scripts\/|sf |node |\/apex\/|https?:)/.test(name) || /\s/.test(name)) continue; // commands, URLs, prose
    assert.ok(shipped.some((s) => s === name || s.endsWith(`.${name}`)), `the guide mentions ${name}, which the package does not ship`);
  }
  for (const page of [...guide.matchAll(/`\/apex\/(\w+)`/g)].map((m) => m[1])) assert.ok(listed('ApexPage').includes(page), page);
  for (const step of ['Install', 'permission set', 'call center', 'Switchboard Setup', 'Trusted URL', 'first call', 'Upgrade']) {
    assert.match(guide, new RegExp(step, 'i'), `the guide has no step about ${step}`);
  }
});
