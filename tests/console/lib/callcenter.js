// Call center definitions (the import file of Setup → Call Centers): parse, check the rules
// Salesforce applies on import, and flatten into the map getCallCenterSettings returns.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function attributes(text) {
  const out = {};
  for (const m of text.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = decode(m[3] ?? m[4]);
  return out;
}

// Parses the small XML dialect of call center files: <callCenter>, <section>, <item>.
export function parseCallCenterXml(xml) {
  const body = String(xml)
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const root = body.match(/<callCenter(\s[^>]*)?>([\s\S]*)<\/callCenter>/);
  if (!root) throw new Error('call center definition: no <callCenter> root element');
  const sections = [];
  const sectionRe = /<section(\s[^>]*?)?(\/>|>([\s\S]*?)<\/section>)/g;
  for (const s of root[2].matchAll(sectionRe)) {
    const section = { ...attributes(s[1] || ''), items: [] };
    const itemRe = /<item(\s[^>]*?)?(\/>|>([\s\S]*?)<\/item>)/g;
    for (const i of (s[3] || '').matchAll(itemRe)) {
      if (/<\w/.test(i[3] || '')) throw new Error(`call center definition: item ${attributes(i[1] || '').name} contains elements`);
      section.items.push({ ...attributes(i[1] || ''), value: decode((i[3] || '').trim()) });
    }
    sections.push(section);
  }
  return { sections };
}

const RESERVED = new Set(['label', 'sortOrder', 'internalNameLabel', 'displayNameLabel']);
const NAME = /^[A-Za-z0-9]{1,40}$/;
const REQUIRED_GENERAL = ['reqInternalName', 'reqDisplayName', 'reqAdapterUrl'];

function checkSortOrders(list, where, problems) {
  const orders = list.map((x) => x.sortOrder);
  if (orders.some((o) => !/^\d+$/.test(o ?? ''))) {
    problems.push(`${where}: every sortOrder must be a non-negative integer`);
    return;
  }
  const sorted = orders.map(Number).sort((a, b) => a - b);
  if (sorted.some((o, i) => o !== i)) problems.push(`${where}: sortOrder values must run from 0 without gaps or repeats (got ${orders.join(',')})`);
}

// Returns a list of problems, empty when Salesforce would import the definition and show the softphone.
export function checkCallCenter(def) {
  const problems = [];
  checkSortOrders(def.sections, 'sections', problems);
  const seen = new Set();
  for (const section of def.sections) {
    const where = `section ${section.name ?? '(unnamed)'}`;
    if (!NAME.test(section.name ?? '')) problems.push(`${where}: name must be 1–40 letters or digits`);
    if (RESERVED.has(section.name)) problems.push(`${where}: "${section.name}" is a reserved word`);
    if (seen.has(section.name)) problems.push(`${where}: defined twice`);
    seen.add(section.name);
    if ((section.label ?? '').length > 1000) problems.push(`${where}: label longer than 1000 characters`);
    checkSortOrders(section.items, `${where} items`, problems);
    const itemNames = new Set();
    for (const item of section.items) {
      const itemWhere = `${where} item ${item.name ?? '(unnamed)'}`;
      if (!NAME.test(item.name ?? '')) problems.push(`${itemWhere}: name must be 1–40 letters or digits`);
      if (RESERVED.has(item.name)) problems.push(`${itemWhere}: "${item.name}" is a reserved word`);
      if (itemNames.has(item.name)) problems.push(`${itemWhere}: defined twice`);
      itemNames.add(item.name);
      if ((item.label ?? '').length > 1000) problems.push(`${itemWhere}: label longer than 1000 characters`);
      const vendorSection = !section.name?.startsWith('req');
      if (vendorSection && item.name?.startsWith('req')) problems.push(`${itemWhere}: names starting with "req" are reserved for Salesforce`);
    }
  }
  const general = def.sections.find((s) => s.name === 'reqGeneralInfo');
  if (!general) problems.push('section reqGeneralInfo is missing');
  else {
    const value = (name) => general.items.find((i) => i.name === name)?.value;
    for (const name of REQUIRED_GENERAL) if (!value(name)) problems.push(`reqGeneralInfo/${name} is required`);
    const mode = value('reqSalesforceCompatibilityMode') || 'Classic';
    if (mode !== 'Lightning' && mode !== 'Classic_and_Lightning') {
      problems.push(`reqGeneralInfo/reqSalesforceCompatibilityMode is "${mode}": the softphone appears in Lightning only with Lightning or Classic_and_Lightning`);
    }
    const url = value('reqAdapterUrl') || '';
    if (url && !url.startsWith('/') && !url.startsWith('https://')) problems.push(`reqGeneralInfo/reqAdapterUrl must be https:// or a relative /apex/ page in Lightning (got ${url})`);
    for (const [name, lo, hi] of [['reqSoftphoneHeight', 240, 2560], ['reqSoftphoneWidth', 200, 1920]]) {
      const v = value(name);
      if (v !== undefined && v !== '' && !(Number.isInteger(Number(v)) && Number(v) >= lo && Number(v) <= hi)) {
        problems.push(`reqGeneralInfo/${name} must be an integer from ${lo} to ${hi} (got ${v})`);
      }
    }
  }
  return problems;
}

// Applies overrides: {"/section/item": value} or {section: {item: value}}. A new item or section is
// appended with the next sortOrder.
export function applySettings(def, overrides = {}) {
  const flat = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (key.startsWith('/')) {
      const [, section, item] = key.split('/');
      flat.push([section, item, value]);
    } else if (value && typeof value === 'object') {
      for (const [item, v] of Object.entries(value)) flat.push([key, item, v]);
    } else {
      throw new Error(`settings: "${key}" is neither "/section/item" nor a section object`);
    }
  }
  for (const [sectionName, itemName, value] of flat) {
    let section = def.sections.find((s) => s.name === sectionName);
    if (!section) {
      section = { name: sectionName, label: sectionName, sortOrder: String(def.sections.length), items: [] };
      def.sections.push(section);
    }
    let item = section.items.find((i) => i.name === itemName);
    if (value === null || value === undefined) {
      if (item) {
        section.items = section.items.filter((i) => i !== item);
        section.items.forEach((it, index) => (it.sortOrder = String(index)));
      }
      continue;
    }
    if (!item) {
      item = { name: itemName, label: itemName, sortOrder: String(section.items.length) };
      section.items.push(item);
    }
    item.value = String(value);
  }
  return def;
}

// The flat map getCallCenterSettings returns: "/section/item" → value, "/section/label" and
// "/section/sortOrder" for every section. All values are strings.
export function flattenCallCenter(def) {
  const map = {};
  for (const section of def.sections) {
    map[`/${section.name}/label`] = String(section.label ?? '');
    map[`/${section.name}/sortOrder`] = String(section.sortOrder ?? '');
    for (const item of section.items) map[`/${section.name}/${item.name}`] = String(item.value ?? '');
  }
  return map;
}
