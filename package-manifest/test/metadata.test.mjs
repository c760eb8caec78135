// The package's source, checked as a whole before anything is built: labels in every language,
// permission sets complete for their job, pages that load what they should, an app with the
// softphone in its utility bar, and fields an admin can understand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseXml } from '../../callcenter-xml/lib/xml.mjs';

const root = new URL('../..', import.meta.url).pathname;
const main = join(root, 'package-manifest/force-app/main/default');
const lwc = join(root, 'lwc');
const project = JSON.parse(readFileSync(join(root, 'package-manifest/sfdx-project.json'), 'utf8'));
const definition = JSON.parse(readFileSync(join(root, 'callcenter-xml/definition.json'), 'utf8'));

function xml(path) {
  const { root: element, error } = parseXml(readFileSync(path, 'utf8'));
  assert.equal(error, null, `${relative(root, path)}: ${error?.message}`);
  return element;
}
const kids = (element, name) => element.children.filter((c) => c.name === name);
const text = (element, name) => kids(element, name)[0]?.text.trim();
function walk(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}
const componentDirs = readdirSync(lwc).filter((d) => existsSync(join(lwc, d, `${d}.js-meta.xml`)));
const componentSources = componentDirs.flatMap((d) => walk(join(lwc, d)).filter((f) => f.endsWith('.js') && !f.includes('__tests__')));

// ------------------------------------------------------------------ labels

const labelsFile = xml(join(main, 'labels/CustomLabels.labels-meta.xml'));
const labels = new Map(kids(labelsFile, 'labels').map((l) => [text(l, 'fullName'), text(l, 'value')]));
const translations = Object.fromEntries(
  ['de', 'fr'].map((lang) => [lang, new Map(kids(xml(join(main, `translations/${lang}.translation-meta.xml`)), 'customLabels').map((l) => [text(l, 'name'), text(l, 'label')]))]),
);

test('every label a component uses exists, and every label is used', () => {
  const used = new Set(componentSources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((m) => m[1])));
  const apex = walk(join(main, 'classes')).filter((f) => f.endsWith('.cls'));
  for (const f of apex) for (const m of readFileSync(f, 'utf8').matchAll(/System\.Label\.(\w+)/g)) used.add(m[1]);
  assert.deepEqual([...used].filter((n) => !labels.has(n)), [], 'labels used but not defined');
  assert.deepEqual([...labels.keys()].filter((n) => !used.has(n)), [], 'labels defined but never used');
});

test('every label is translated into German and French, with the same placeholders', () => {
  const placeholders = (s) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
  for (const [lang, table] of Object.entries(translations)) {
    assert.deepEqual([...labels.keys()].filter((n) => !table.get(n)), [], `${lang}: missing translations`);
    assert.deepEqual([...table.keys()].filter((n) => !labels.has(n)), [], `${lang}: translations of unknown labels`);
    for (const [name, english] of labels) {
      assert.equal(placeholders(table.get(name)), placeholders(english), `${lang} ${name}`);
      assert.ok(table.get(name).length <= 1000, `${lang} ${name} is too long`);
    }
  }
  // Not just copies of the English text (names and units may legitimately stay the same).
  for (const table of Object.values(translations)) {
    const copied = [...labels].filter(([name, en]) => table.get(name) === en).length;
    assert.ok(copied < labels.size * 0.1, `${copied} labels are not translated`);
  }
});

test("the setup page's setting labels are the call center definition's labels and help", () => {
  for (const item of definition.sections.find((s) => s.vendor).items) {
    const suffix = item.name[0].toUpperCase() + item.name.slice(1);
    assert.equal(labels.get(`Switchboard_Setting_${suffix}`), item.label);
    assert.equal(labels.get(`Switchboard_Setting_${suffix}_Help`), item.help);
  }
});

// ------------------------------------------------------------------ objects and fields

const objectNames = readdirSync(join(main, 'objects'));
const fieldsOf = (object) =>
  existsSync(join(main, 'objects', object, 'fields'))
    ? readdirSync(join(main, 'objects', object, 'fields')).map((f) => ({ name: f.replace('.field-meta.xml', ''), xml: xml(join(main, 'objects', object, 'fields', f)) }))
    : [];
const configObjects = objectNames.filter((o) => text(xml(join(main, 'objects', o, `${o}.object-meta.xml`)), 'customSettingsType') === undefined);

test('API names start with Switchboard_, and every object and field explains itself', () => {
  for (const object of objectNames) {
    assert.match(object, /^Switchboard_\w+__c$/);
    const definitionXml = xml(join(main, 'objects', object, `${object}.object-meta.xml`));
    assert.ok(text(definitionXml, 'description')?.length > 20, `${object} needs a description`);
    for (const field of fieldsOf(object)) {
      assert.match(field.name, /^Switchboard_\w+__c$/);
      assert.equal(text(field.xml, 'fullName'), field.name);
      assert.ok(text(field.xml, 'description')?.length > 10, `${object}.${field.name} needs a description`);
      assert.ok(text(field.xml, 'inlineHelpText')?.length > 10, `${object}.${field.name} needs help text`);
    }
  }
});

test('the configuration objects have validation rules with clear messages', () => {
  for (const object of configObjects) {
    const dir = join(main, 'objects', object, 'validationRules');
    assert.ok(existsSync(dir), `${object} has no validation rules`);
    for (const file of readdirSync(dir)) {
      const rule = xml(join(dir, file));
      assert.ok(text(rule, 'errorMessage').length > 20, file);
      assert.equal(text(rule, 'active'), 'true', file);
      // Fields a rule names exist on its object.
      for (const [, field] of text(rule, 'errorConditionFormula').matchAll(/\b(Switchboard_\w+__c)\b/g)) {
        assert.ok(fieldsOf(object).some((f) => f.name === field), `${file} names ${field}, which ${object} lacks`);
      }
    }
  }
});

test('the connector settings hold one field per call center setting, and secrets are protected', () => {
  const settings = xml(join(main, 'objects/Switchboard_Settings__c/Switchboard_Settings__c.object-meta.xml'));
  assert.equal(text(settings, 'customSettingsType'), 'Hierarchy');
  const described = fieldsOf('Switchboard_Settings__c').map((f) => /switchboard\/(\w+)/.exec(text(f.xml, 'description'))?.[1]).filter(Boolean);
  assert.deepEqual(described.sort(), definition.sections.find((s) => s.vendor).items.map((i) => i.name).sort());
  const secret = xml(join(main, 'objects/Switchboard_Secret__c/Switchboard_Secret__c.object-meta.xml'));
  assert.equal(text(secret, 'visibility'), 'Protected');
});

// ------------------------------------------------------------------ permission sets

const permissionSet = (name) => xml(join(main, `permissionsets/${name}.permissionset-meta.xml`));
const admin = permissionSet('Switchboard_Admin');
const agent = permissionSet('Switchboard_Agent');
const granted = (set, kind, key) => kids(set, kind).filter((g) => text(g, 'enabled') !== 'false').map((g) => text(g, key));

function apexImports(component) {
  const files = walk(join(lwc, component)).filter((f) => f.endsWith('.js') && !f.includes('__tests__'));
  return [...new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/@salesforce\/apex\/(\w+)\.\w+/g)].map((m) => m[1])))];
}

test('Switchboard_Admin can do everything the setup page and the config objects need', () => {
  for (const cls of apexImports('switchboardSetup')) assert.ok(granted(admin, 'classAccesses', 'apexClass').includes(cls), cls);
  assert.deepEqual(granted(admin, 'customPermissions', 'name'), ['Switchboard_Administer']);
  assert.ok(granted(admin, 'customSettingAccesses', 'name').includes('Switchboard_Settings__c'));
  for (const object of configObjects) {
    const perms = kids(admin, 'objectPermissions').find((p) => text(p, 'object') === object);
    assert.ok(perms, object);
    for (const flag of ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords']) assert.equal(text(perms, flag), 'true', `${object} ${flag}`);
  }
  const tabs = kids(admin, 'tabSettings').map((t) => text(t, 'tab'));
  for (const tab of readdirSync(join(main, 'tabs')).map((f) => f.replace('.tab-meta.xml', ''))) assert.ok(tabs.includes(tab), tab);
});

test('Switchboard_Agent can run the softphone and read the configuration, nothing more', () => {
  const pages = readdirSync(join(main, 'pages')).filter((f) => f.endsWith('.page')).map((f) => f.replace('.page', ''));
  assert.deepEqual(granted(agent, 'pageAccesses', 'apexPage').sort(), pages.sort());
  const classes = granted(agent, 'classAccesses', 'apexClass');
  assert.ok(classes.includes('SwitchboardSoftphoneService'));
  for (const cls of apexImports('callHistory')) assert.ok(classes.includes(cls), cls);
  assert.ok(!classes.includes('SwitchboardSetupController'), 'agents do not run the setup page');
  assert.equal(kids(agent, 'customPermissions').length, 0);
  for (const object of configObjects) {
    const perms = kids(agent, 'objectPermissions').find((p) => text(p, 'object') === object);
    assert.equal(text(perms, 'allowRead'), 'true', object);
    for (const flag of ['allowCreate', 'allowEdit', 'allowDelete', 'modifyAllRecords']) assert.equal(text(perms, flag), 'false', `${object} ${flag}`);
  }
  assert.ok(kids(agent, 'fieldPermissions').every((f) => text(f, 'editable') === 'false'));
  assert.ok(granted(agent, 'applicationVisibilities', 'application').includes('Switchboard'));
  assert.match(text(agent, 'description'), /static resource/);
});

test('both permission sets cover every optional field of the config objects, no required field, and no secret', () => {
  for (const set of [admin, agent]) {
    const fields = kids(set, 'fieldPermissions').map((f) => text(f, 'field'));
    for (const object of configObjects) {
      for (const field of fieldsOf(object)) {
        const required = text(field.xml, 'required') === 'true';
        assert.equal(fields.includes(`${object}.${field.name}`), !required, `${object}.${field.name}`);
      }
    }
    const all = readFileSync(join(main, `permissionsets/${text(set, 'label').replace(' ', '_')}.permissionset-meta.xml`), 'utf8');
    assert.ok(!all.includes('Switchboard_Secret__c'), 'no permission set may open the secrets');
  }
});

// ------------------------------------------------------------------ pages, app, channel

test('the softphone pages load Open CTI (relative, this API version) and the bundle, without inline script', () => {
  const frame = readFileSync(join(main, 'components/SwitchboardSoftphoneFrame.component'), 'utf8');
  assert.ok(frame.includes(`<script src="/support/api/${project.sourceApiVersion}/lightning/opencti_min.js"></script>`));
  for (const file of ['softphone.js', 'softphone.css', 'boot.js']) assert.ok(frame.includes(`URLFOR($Resource.SwitchboardSoftphone, '${file}')`), file);
  assert.ok(frame.includes('data-base-url="{!URLFOR($Resource.SwitchboardSoftphone)}"'));
  assert.doesNotMatch(frame.replace(/<script src="[^"]+"( defer="defer")?><\/script>/g, ''), /<script/, 'inline script');
  const general = definition.sections.find((s) => s.name === 'reqGeneralInfo').items;
  for (const [item, core] of [['reqAdapterUrl', 'auto'], ['reqStandbyUrl', 'wasm2js']]) {
    const page = general.find((i) => i.name === item).value.replace('/apex/', '');
    const markup = readFileSync(join(main, `pages/${page}.page`), 'utf8');
    assert.ok(markup.includes(`<c:SwitchboardSoftphoneFrame core="${core}" />`), page);
    assert.match(markup, /showHeader="false"/);
    assert.doesNotMatch(markup, /cspHeader/, 'the page must not opt into a strict CSP');
  }
});

test('the Switchboard app has the Open CTI Softphone in its utility bar', () => {
  const app = xml(join(main, 'applications/Switchboard.app-meta.xml'));
  assert.equal(text(app, 'uiType'), 'Lightning');
  const bar = text(app, 'utilityBar');
  const page = xml(join(main, `flexipages/${bar}.flexipage-meta.xml`));
  assert.equal(text(page, 'type'), 'UtilityBar');
  const items = kids(page, 'flexiPageRegions').find((r) => text(r, 'name') === 'utilityItems');
  const names = kids(items, 'itemInstances').map((i) => text(kids(i, 'componentInstance')[0], 'componentName'));
  assert.deepEqual(names, ['opencti:softPhone']);
  for (const tab of kids(app, 'tabs').map((t) => t.text.trim()).filter((t) => !t.startsWith('standard-'))) {
    assert.ok(existsSync(join(main, `tabs/${tab}.tab-meta.xml`)), tab);
  }
});

test('the setup tab opens a Lightning page holding the switchboardSetup component', () => {
  const tab = xml(join(main, 'tabs/Switchboard_Setup.tab-meta.xml'));
  const page = xml(join(main, `flexipages/${text(tab, 'flexiPage')}.flexipage-meta.xml`));
  assert.equal(text(page, 'type'), 'AppPage');
  assert.ok(readFileSync(join(main, `flexipages/${text(tab, 'flexiPage')}.flexipage-meta.xml`), 'utf8').includes('<componentName>switchboardSetup</componentName>'));
  assert.ok(readFileSync(join(lwc, 'switchboardSetup/switchboardSetup.js-meta.xml'), 'utf8').includes('lightning__AppPage'));
});

test('the message channel carries the fields of every message kind in docs/protocol.md', () => {
  const channel = xml(join(main, 'messageChannels/Switchboard_Call.messageChannel-meta.xml'));
  const fields = kids(channel, 'lightningMessageFields').map((f) => text(f, 'fieldName'));
  for (const field of ['kind', 'call', 'dispositions', 'callId', 'taskId', 'whoId', 'whatId', 'notes', 'disposition']) assert.ok(fields.includes(field), field);
  const used = new Set(componentSources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/@salesforce\/messageChannel\/(\w+)/g)].map((m) => m[1])));
  assert.deepEqual([...used], ['Switchboard_Call__c']);
});

test('every component follows the lwc-recipes layout and is exposed where it is meant to be used', () => {
  for (const name of componentDirs) {
    assert.match(name, /^[a-z][A-Za-z0-9]*$/);
    const meta = readFileSync(join(lwc, name, `${name}.js-meta.xml`), 'utf8');
    assert.ok(meta.includes(`<apiVersion>${project.sourceApiVersion}</apiVersion>`), name);
    if (name !== 'switchboardUtils') {
      assert.ok(existsSync(join(lwc, name, '__tests__', `${name}.test.js`)), `${name} has no jest test`);
      assert.ok(meta.includes('<isExposed>true</isExposed>'), name);
    }
  }
  assert.ok(readFileSync(join(lwc, 'callHistory/callHistory.js-meta.xml'), 'utf8').includes('lightning__RecordPage'));
  assert.ok(readFileSync(join(lwc, 'activeCall/activeCall.js-meta.xml'), 'utf8').includes('lightning__RecordPage'));
});
