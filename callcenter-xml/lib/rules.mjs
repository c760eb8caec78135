// Validates a call center definition in either form Salesforce accepts:
//   - the Open CTI import file (<callCenter><section sortOrder name label><item …>value</item>…), and
//   - the Metadata API file (<CallCenter xmlns=…><sections><items><label/><name/><value/>…).
// Every broken rule yields its own error code, and every error names the element and its line.
import { readFileSync } from 'node:fs';
import { parseXml, describe } from './xml.mjs';
import { settingProblem } from './setting-rules.js';

const definition = JSON.parse(readFileSync(new URL('../definition.json', import.meta.url), 'utf8'));
const vendorSection = definition.sections.find((s) => s.vendor);

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
const RESERVED_WORDS = ['label', 'sortorder', 'internalnamelabel', 'displaynamelabel'];
const NAME_MAX = 40;
const LABEL_MAX = 1000;
const DISPLAY_NAME_MAX = 1000;

// Salesforce's own sections and items (names starting with "req" are reserved for these).
const SALESFORCE_SECTIONS = {
  reqGeneralInfo: [
    'reqInternalName', 'reqDisplayName', 'reqAdapterUrl', 'reqUseApi', 'reqSoftphoneHeight',
    'reqSoftphoneWidth', 'reqSalesforceCompatibilityMode', 'reqStandbyUrl', 'reqTimeout',
    'reqCanvasNamespace', 'reqCanvasApiName', 'reqDescription', 'reqProgId', 'reqVersion',
  ],
  reqDialingOptions: ['reqOutsidePrefix', 'reqLongDistPrefix', 'reqInternationalPrefix'],
};
// Required for a Lightning softphone; the import form also carries the two name items.
const REQUIRED_GENERAL = ['reqAdapterUrl', 'reqUseApi', 'reqSoftphoneHeight', 'reqSoftphoneWidth', 'reqSalesforceCompatibilityMode'];
const REQUIRED_GENERAL_IMPORT = ['reqInternalName', 'reqDisplayName', ...REQUIRED_GENERAL];
const FIXED_SORT_ORDER = { section: { reqGeneralInfo: 0 }, item: { reqInternalName: 0, reqDisplayName: 1 } };
const SIZE_LIMITS = { reqSoftphoneHeight: [240, 2560], reqSoftphoneWidth: [200, 1920] };

// Element order of the Metadata API schema (a deploy refuses elements out of order).
const METADATA_ORDER = {
  CallCenter: ['fullName', 'adapterUrl', 'contactCenterChannels', 'customSettings', 'displayName', 'displayNameLabel',
    'internalNameLabel', 'sections', 'vendorCallCenterStatusId', 'version'],
  sections: ['items', 'label', 'name'],
  items: ['label', 'name', 'value'],
};

export const ERROR_CODES = {
  'xml.malformed': 'the file is not well-formed XML',
  'root.invalid': 'the root element is neither <callCenter> (import file) nor <CallCenter> (Metadata API)',
  'element.unexpected': 'an element or text that does not belong where it is',
  'metadata.namespace': 'the Metadata API root lacks its namespace',
  'metadata.order': 'Metadata API elements out of schema order',
  'metadata.inconsistent': 'two places of the Metadata API file disagree',
  'custom_settings.invalid': 'customSettings is not a JSON object of strings',
  'attribute.missing': 'a required attribute or child (sortOrder, name) is missing or empty',
  'sort_order.invalid': 'sortOrder is not a non-negative integer',
  'sort_order.duplicate': 'two siblings share a sortOrder',
  'sort_order.gap': 'sortOrder values do not run from 0 without gaps',
  'sort_order.fixed': 'a required section or item is not at its fixed sortOrder',
  'name.invalid': 'a name holds characters other than letters and digits',
  'name.too_long': 'a name is longer than 40 characters',
  'name.reserved_word': 'a name is a reserved word',
  'name.reserved_prefix': 'a name starts with "req" but is not one of Salesforce\'s own',
  'name.duplicate': 'two siblings share a name',
  'label.too_long': 'a label is longer than 1000 characters',
  'required.missing': 'a required section or item is missing',
  'internal_name.invalid': 'the internal name is not 1–40 letters and digits starting with a letter',
  'display_name.invalid': 'the display name is empty or longer than 1000 characters',
  'adapter_url.invalid': 'an adapter URL is neither https:// nor a relative Visualforce path',
  'use_api.invalid': 'reqUseApi is not true',
  'softphone_size.invalid': 'softphone height or width outside what Salesforce accepts',
  'compatibility_mode.invalid': 'the softphone would not appear in Lightning Experience',
  'standby.incomplete': 'reqStandbyUrl and reqTimeout must be given together',
  'timeout.invalid': 'reqTimeout is not a positive number of milliseconds',
  'dialing_prefix.invalid': 'a dialing prefix holds something other than digits',
  'switchboard.item.unknown': 'an item the Switchboard section does not define',
  'switchboard.value.invalid': 'a Switchboard setting has a value the softphone cannot use',
};

class Report {
  constructor() {
    this.errors = [];
  }
  add(code, node, message) {
    if (!ERROR_CODES[code]) throw new Error(`unknown error code ${code}`);
    this.errors.push({ code, line: node?.line ?? 1, element: node ? describe(node) : '', message });
  }
}

// ---------------------------------------------------------------- reading the two forms into one model
// model: {sections: [{name, label, sortOrder, node, items: [{name, label, value, sortOrder, node}]}]}

function textOnly(element, report) {
  for (const child of element.children) report.add('element.unexpected', child, `<${child.name}> may not appear inside <${element.name}>`);
  return element.text.trim();
}

function noStrayText(element, report) {
  if (element.text.trim()) report.add('element.unexpected', element, `text "${element.text.trim().slice(0, 40)}" may not appear directly inside <${element.name}>`);
}

function readImportForm(root, report) {
  noStrayText(root, report);
  const read = (element, kind) => ({
    name: element.attributes.name?.value,
    label: element.attributes.label?.value,
    sortOrder: element.attributes.sortOrder?.value,
    node: element,
    kind,
  });
  const sections = [];
  for (const sectionNode of root.children) {
    if (sectionNode.name !== 'section') {
      report.add('element.unexpected', sectionNode, `<callCenter> holds only <section> elements, not <${sectionNode.name}>`);
      continue;
    }
    noStrayText(sectionNode, report);
    const section = { ...read(sectionNode, 'section'), items: [] };
    for (const itemNode of sectionNode.children) {
      if (itemNode.name !== 'item') {
        report.add('element.unexpected', itemNode, `<section> holds only <item> elements, not <${itemNode.name}>`);
        continue;
      }
      section.items.push({ ...read(itemNode, 'item'), value: textOnly(itemNode, report) });
    }
    sections.push(section);
  }
  return { sections };
}

function checkOrder(element, report) {
  const order = METADATA_ORDER[element.name];
  if (!order) return;
  // Compared with the previous sibling only, so one misplaced element gives one error.
  let previous = -1;
  for (const child of element.children) {
    const at = order.indexOf(child.name);
    if (at < 0) {
      report.add('element.unexpected', child, `<${child.name}> is not part of <${element.name}> (expected one of ${order.join(', ')})`);
      continue;
    }
    if (at < previous) report.add('metadata.order', child, `<${child.name}> must come before <${order[previous]}> inside <${element.name}>`);
    previous = at;
  }
}

function readMetadataForm(root, report) {
  if (root.attributes.xmlns?.value !== METADATA_NAMESPACE) {
    report.add('metadata.namespace', root, `<CallCenter> needs xmlns="${METADATA_NAMESPACE}"`);
  }
  noStrayText(root, report);
  checkOrder(root, report);
  const single = (element, name) => {
    const found = element.children.filter((c) => c.name === name);
    for (const extra of found.slice(1)) report.add('element.unexpected', extra, `<${name}> may appear only once inside <${element.name}>`);
    return found[0];
  };
  const top = {};
  for (const name of ['adapterUrl', 'customSettings', 'displayName', 'displayNameLabel', 'internalNameLabel', 'version']) {
    const node = single(root, name);
    if (node) top[name] = { value: textOnly(node, report), node };
  }
  const sections = [];
  for (const sectionNode of root.children.filter((c) => c.name === 'sections')) {
    noStrayText(sectionNode, report);
    checkOrder(sectionNode, report);
    const nameNode = single(sectionNode, 'name');
    const labelNode = single(sectionNode, 'label');
    const section = {
      name: nameNode ? textOnly(nameNode, report) : undefined,
      label: labelNode ? textOnly(labelNode, report) : undefined,
      node: sectionNode,
      kind: 'section',
      items: [],
    };
    for (const itemNode of sectionNode.children.filter((c) => c.name === 'items')) {
      noStrayText(itemNode, report);
      checkOrder(itemNode, report);
      const parts = {};
      for (const part of ['label', 'name', 'value']) {
        const node = single(itemNode, part);
        if (node) parts[part] = textOnly(node, report);
      }
      section.items.push({ ...parts, value: parts.value ?? '', node: itemNode, kind: 'item' });
    }
    sections.push(section);
  }
  return { sections, top };
}

// ---------------------------------------------------------------- rules shared by both forms

function checkName(entry, siblings, report, { form }) {
  const what = entry.kind;
  if (!entry.name) {
    report.add('attribute.missing', entry.node, form === 'import' ? `<${entry.node.name}> needs a name attribute` : `the ${what} needs a <name>`);
    return false;
  }
  const { name } = entry;
  if (!/^[A-Za-z0-9]+$/.test(name)) report.add('name.invalid', entry.node, `name "${name}" may hold only letters and digits (no spaces, underscores or punctuation)`);
  if (name.length > NAME_MAX) report.add('name.too_long', entry.node, `name "${name}" has ${name.length} characters; the limit is ${NAME_MAX}`);
  if (RESERVED_WORDS.includes(name.toLowerCase())) report.add('name.reserved_word', entry.node, `"${name}" is a reserved word and cannot be a name`);
  if (siblings.filter((s) => s.name === name).length > 1 && siblings.find((s) => s.name === name) !== entry) {
    report.add('name.duplicate', entry.node, `name "${name}" is used twice in the same ${what === 'section' ? 'call center' : 'section'}`);
  }
  if (entry.label !== undefined && entry.label.length > LABEL_MAX) {
    report.add('label.too_long', entry.node, `the label has ${entry.label.length} characters; the limit is ${LABEL_MAX}`);
  }
  return true;
}

function checkReservedPrefix(section, report) {
  const isReq = (name) => /^req/i.test(name || '');
  const known = SALESFORCE_SECTIONS[section.name];
  if (isReq(section.name) && !known) {
    report.add('name.reserved_prefix', section.node, `section name "${section.name}" starts with "req", which is reserved for Salesforce's own sections; rename it`);
    return;
  }
  for (const item of section.items) {
    if (!isReq(item.name)) continue;
    if (!known) {
      report.add('name.reserved_prefix', item.node, `item "${item.name}" in the vendor section "${section.name}" starts with "req", which is reserved for Salesforce's own items`);
    } else if (!known.includes(item.name)) {
      report.add('name.reserved_prefix', item.node, `"${item.name}" starts with "req" but is not an item Salesforce defines for ${section.name}`);
    }
  }
}

function checkSortOrders(entries, parentNode, report) {
  const seen = new Map();
  for (const entry of entries) {
    const raw = entry.sortOrder;
    if (raw === undefined || raw === '') {
      report.add('attribute.missing', entry.node, `<${entry.node.name}> needs a sortOrder attribute`);
      continue;
    }
    if (!/^\d+$/.test(raw)) {
      report.add('sort_order.invalid', entry.node, `sortOrder "${raw}" is not a non-negative integer`);
      continue;
    }
    const n = Number(raw);
    if (seen.has(n)) {
      report.add('sort_order.duplicate', entry.node, `sortOrder ${n} is already used by ${describe(seen.get(n).node)} (line ${seen.get(n).node.line})`);
      continue;
    }
    seen.set(n, entry);
    const fixed = FIXED_SORT_ORDER[entry.kind][entry.name];
    if (fixed !== undefined && n !== fixed) report.add('sort_order.fixed', entry.node, `${entry.name} must have sortOrder ${fixed}, not ${n}`);
  }
  if (!seen.size) return;
  const max = Math.max(...seen.keys());
  const missing = [];
  for (let i = 0; i <= max; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length) {
    report.add('sort_order.gap', parentNode, `sortOrder values of its ${entries[0].kind}s must run 0, 1, 2… without gaps; missing ${missing.join(', ')}`);
  }
}

function isAdapterUrl(value) {
  if (/^\/apex\/[A-Za-z][A-Za-z0-9_]*(\?.*)?$/.test(value)) return true; // relative Visualforce page
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && !!url.hostname;
  } catch {
    return false;
  }
}

function checkGeneralInfo(section, report, { form }) {
  const items = new Map(section.items.map((i) => [i.name, i]));
  const required = form === 'import' ? REQUIRED_GENERAL_IMPORT : REQUIRED_GENERAL;
  for (const name of required) {
    if (!items.has(name)) report.add('required.missing', section.node, `reqGeneralInfo is missing the required item ${name}`);
  }
  const internal = items.get('reqInternalName');
  if (internal && !/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(internal.value)) {
    report.add('internal_name.invalid', internal.node, `internal name "${internal.value}" must be 1–40 letters and digits starting with a letter`);
  }
  const display = items.get('reqDisplayName');
  if (display && (!display.value || display.value.length > DISPLAY_NAME_MAX)) {
    report.add('display_name.invalid', display.node, display.value ? `the display name has ${display.value.length} characters; the limit is ${DISPLAY_NAME_MAX}` : 'the display name is empty');
  }
  for (const name of ['reqAdapterUrl', 'reqStandbyUrl']) {
    const item = items.get(name);
    if (item && !isAdapterUrl(item.value)) {
      report.add('adapter_url.invalid', item.node, `${name} "${item.value}" must be an https:// URL or a relative Visualforce path such as /apex/SwitchboardSoftphone; Lightning Experience refuses http`);
    }
  }
  const useApi = items.get('reqUseApi');
  if (useApi && useApi.value !== 'true') report.add('use_api.invalid', useApi.node, `reqUseApi must be true for an Open CTI softphone, not "${useApi.value}"`);
  for (const [name, [min, max]] of Object.entries(SIZE_LIMITS)) {
    const item = items.get(name);
    if (!item) continue;
    const n = /^\d+$/.test(item.value) ? Number(item.value) : NaN;
    if (!(n >= min && n <= max)) report.add('softphone_size.invalid', item.node, `${name} "${item.value}" must be a whole number of pixels from ${min} to ${max}`);
  }
  const mode = items.get('reqSalesforceCompatibilityMode');
  if (mode && !['Lightning', 'Classic_and_Lightning'].includes(mode.value)) {
    report.add('compatibility_mode.invalid', mode.node, `reqSalesforceCompatibilityMode "${mode.value}" hides the softphone in Lightning Experience; use Lightning or Classic_and_Lightning`);
  }
  const standby = items.get('reqStandbyUrl');
  const timeout = items.get('reqTimeout');
  if (!!standby !== !!timeout) {
    report.add('standby.incomplete', (standby || timeout).node, `${standby ? 'reqStandbyUrl' : 'reqTimeout'} is given without ${standby ? 'reqTimeout' : 'reqStandbyUrl'}; give both or neither`);
  }
  if (timeout && !(/^\d+$/.test(timeout.value) && Number(timeout.value) > 0)) {
    report.add('timeout.invalid', timeout.node, `reqTimeout "${timeout.value}" must be a positive number of milliseconds`);
  }
}

function checkDialingOptions(section, report) {
  const items = new Map(section.items.map((i) => [i.name, i]));
  for (const name of SALESFORCE_SECTIONS.reqDialingOptions) {
    const item = items.get(name);
    if (!item) report.add('required.missing', section.node, `reqDialingOptions is missing the item ${name}`);
    else if (!/^\d*$/.test(item.value)) report.add('dialing_prefix.invalid', item.node, `${name} "${item.value}" may hold only digits`);
  }
}

const SETTING_MESSAGES = {
  websocketUrl: () => 'must be a wss://host[:port]/path address (a Salesforce page may not open an unencrypted ws:// connection)',
  hostname: () => 'must be a host name such as pbx.example.com',
  choice: (spec) => `must be one of ${spec.choices.join(', ')}`,
  boolean: () => 'must be true or false',
  integer: (spec) => `must be a whole number from ${spec.min} to ${spec.max}`,
  countryCode: () => 'must be a country calling code of 1–3 digits, without + or 00',
  list: () => 'lists no value; separate values with semicolons',
  apiName: () => 'must be an API name (letters, digits and single underscores, starting with a letter)',
  relativeUrl: () => 'must be a relative URL starting with a single /',
  unknownType: (spec) => `has a type the validator does not know (${spec.type})`,
};

// -> null, or an English message saying what the value must be.
export function checkSettingValue(spec, value) {
  const problem = settingProblem(spec, value);
  return problem ? `"${value}" ${SETTING_MESSAGES[problem](spec)}` : null;
}

function checkVendorSection(section, report) {
  const items = new Map(section.items.map((i) => [i.name, i]));
  for (const spec of vendorSection.items) {
    const item = items.get(spec.name);
    if (!item) {
      report.add('required.missing', section.node, `the ${section.name} section is missing the item ${spec.name}`);
      continue;
    }
    const problem = checkSettingValue(spec, item.value);
    if (problem) report.add('switchboard.value.invalid', item.node, `${spec.name} ${problem}`);
  }
  for (const item of section.items) {
    if (item.name && !/^req/i.test(item.name) && !vendorSection.items.some((s) => s.name === item.name)) {
      report.add('switchboard.item.unknown', item.node, `${section.name} has no setting "${item.name}"; known settings: ${vendorSection.items.map((s) => s.name).join(', ')}`);
    }
  }
}

function checkModel(model, report, { form, rootNode }) {
  const { sections } = model;
  if (form === 'import') checkSortOrders(sections, rootNode, report);
  for (const section of sections) {
    if (!checkName(section, sections, report, { form })) continue;
    if (form === 'import' && section.items.length) checkSortOrders(section.items, section.node, report);
    for (const item of section.items) checkName(item, section.items, report, { form });
    checkReservedPrefix(section, report);
  }
  const byName = new Map(sections.filter((s) => s.name).map((s) => [s.name, s]));
  for (const required of ['reqGeneralInfo', 'reqDialingOptions']) {
    if (!byName.has(required)) report.add('required.missing', rootNode, `the call center has no ${required} section`);
  }
  if (byName.has('reqGeneralInfo')) checkGeneralInfo(byName.get('reqGeneralInfo'), report, { form });
  if (byName.has('reqDialingOptions')) checkDialingOptions(byName.get('reqDialingOptions'), report);
  if (byName.has(vendorSection.name)) checkVendorSection(byName.get(vendorSection.name), report);
}

function checkMetadataTop(model, report, { rootNode, fileName }) {
  const { top } = model;
  for (const name of ['displayName', 'displayNameLabel', 'internalNameLabel']) {
    if (!top[name]?.value) report.add('required.missing', top[name]?.node || rootNode, `<CallCenter> needs a non-empty <${name}>`);
  }
  if (top.displayName?.value && top.displayName.value.length > DISPLAY_NAME_MAX) {
    report.add('display_name.invalid', top.displayName.node, `the display name has ${top.displayName.value.length} characters; the limit is ${DISPLAY_NAME_MAX}`);
  }
  if (!top.adapterUrl) report.add('required.missing', rootNode, '<CallCenter> needs an <adapterUrl>');
  else if (!isAdapterUrl(top.adapterUrl.value)) {
    report.add('adapter_url.invalid', top.adapterUrl.node, `adapterUrl "${top.adapterUrl.value}" must be an https:// URL or a relative Visualforce path such as /apex/SwitchboardSoftphone`);
  }
  const general = model.sections.find((s) => s.name === 'reqGeneralInfo');
  const generalItems = new Map((general?.items || []).map((i) => [i.name, i]));
  const adapterItem = generalItems.get('reqAdapterUrl');
  if (top.adapterUrl && adapterItem && adapterItem.value !== top.adapterUrl.value) {
    report.add('metadata.inconsistent', adapterItem.node, `reqAdapterUrl "${adapterItem.value}" differs from <adapterUrl> "${top.adapterUrl.value}" (line ${top.adapterUrl.node.line})`);
  }
  if (top.customSettings) {
    let settings;
    try {
      settings = JSON.parse(top.customSettings.value);
    } catch (err) {
      report.add('custom_settings.invalid', top.customSettings.node, `customSettings is not valid JSON: ${err.message}`);
    }
    if (settings !== undefined) {
      if (!settings || typeof settings !== 'object' || Array.isArray(settings) || Object.values(settings).some((v) => typeof v !== 'string')) {
        report.add('custom_settings.invalid', top.customSettings.node, 'customSettings must be a JSON object whose values are strings');
      } else {
        for (const [key, value] of Object.entries(settings)) {
          const item = generalItems.get(key);
          if (item && item.value !== value) {
            report.add('metadata.inconsistent', top.customSettings.node, `customSettings gives ${key} "${value}" but the reqGeneralInfo item (line ${item.node.line}) says "${item.value}"`);
          }
        }
      }
    }
  }
  const base = fileName?.split(/[\\/]/).pop()?.replace(/\.callCenter(-meta\.xml)?$/, '');
  if (base && base !== fileName.split(/[\\/]/).pop() && !/^[A-Za-z][A-Za-z0-9]{0,39}$/.test(base)) {
    report.add('internal_name.invalid', rootNode, `the file name gives the internal name "${base}", which must be 1–40 letters and digits starting with a letter`);
  }
}

// -> {form: 'import' | 'metadata' | null, errors: [{code, line, element, message}]}
export function validateCallCenter(text, { fileName } = {}) {
  const report = new Report();
  const { root, error } = parseXml(text);
  if (error) {
    report.errors.push({ code: 'xml.malformed', line: error.line, element: '', message: `not well-formed XML: ${error.message}` });
    return { form: null, errors: report.errors };
  }
  let form = null;
  if (root.name === 'callCenter') {
    form = 'import';
    checkModel(readImportForm(root, report), report, { form, rootNode: root });
  } else if (root.name === 'CallCenter') {
    form = 'metadata';
    const model = readMetadataForm(root, report);
    checkModel(model, report, { form, rootNode: root });
    checkMetadataTop(model, report, { rootNode: root, fileName });
  } else {
    report.add('root.invalid', root, `the root element <${root.name}> is neither <callCenter> (import file) nor <CallCenter> (Metadata API file)`);
  }
  report.errors.sort((a, b) => a.line - b.line);
  return { form, errors: report.errors };
}

export function formatError(fileName, error) {
  return `${fileName}:${error.line}: error [${error.code}]${error.element ? ` ${error.element}` : ''}: ${error.message}`;
}
