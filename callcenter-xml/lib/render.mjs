// Renders the call center definition (definition.json) in every form the package ships.
import { escapeXml } from './xml.mjs';
import { METADATA_NAMESPACE } from './rules.mjs';

const HEADER = 'Generated from callcenter-xml/definition.json by callcenter-xml/generate.mjs; do not edit.';

// The Open CTI import file (Setup → Call Centers → Import).
export function renderImportFile(definition) {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<!-- ${HEADER} -->`, '<callCenter>'];
  definition.sections.forEach((section, s) => {
    lines.push(`  <section sortOrder="${s}" name="${escapeXml(section.name)}" label="${escapeXml(section.label)}">`);
    section.items.forEach((item, i) => {
      lines.push(`    <item sortOrder="${i}" name="${escapeXml(item.name)}" label="${escapeXml(item.label)}">${escapeXml(item.value)}</item>`);
    });
    lines.push('  </section>');
  });
  lines.push('</callCenter>', '');
  return lines.join('\n');
}

// The Metadata API form (callCenters/<InternalName>.callCenter-meta.xml). The internal name is the file
// name; reqInternalName and reqDisplayName become the file name and <displayName>; the other general
// items also appear in customSettings, as Salesforce writes them when it retrieves a call center.
export function renderMetadataFile(definition) {
  const general = definition.sections.find((s) => s.name === 'reqGeneralInfo');
  const value = (name) => general.items.find((i) => i.name === name)?.value;
  const customSettings = {};
  for (const item of general.items) {
    if (!['reqInternalName', 'reqDisplayName', 'reqAdapterUrl'].includes(item.name)) customSettings[item.name] = item.value;
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${HEADER} -->`,
    `<CallCenter xmlns="${METADATA_NAMESPACE}">`,
    `    <adapterUrl>${escapeXml(value('reqAdapterUrl'))}</adapterUrl>`,
    `    <customSettings>${escapeXml(JSON.stringify(customSettings))}</customSettings>`,
    `    <displayName>${escapeXml(value('reqDisplayName'))}</displayName>`,
    `    <displayNameLabel>${escapeXml(definition.displayNameLabel)}</displayNameLabel>`,
    `    <internalNameLabel>${escapeXml(definition.internalNameLabel)}</internalNameLabel>`,
  ];
  for (const section of definition.sections) {
    lines.push('    <sections>');
    for (const item of section.items) {
      if (['reqInternalName', 'reqDisplayName'].includes(item.name)) continue;
      lines.push('        <items>');
      lines.push(`            <label>${escapeXml(item.label)}</label>`);
      lines.push(`            <name>${escapeXml(item.name)}</name>`);
      lines.push(item.value === '' ? '            <value></value>' : `            <value>${escapeXml(item.value)}</value>`);
      lines.push('        </items>');
    }
    lines.push(`        <label>${escapeXml(section.label)}</label>`);
    lines.push(`        <name>${escapeXml(section.name)}</name>`);
    lines.push('    </sections>');
  }
  lines.push('</CallCenter>', '');
  return lines.join('\n');
}

// Custom label names of a setting's caption and help text on the setup page.
export function settingLabelNames(item) {
  const suffix = item.name.charAt(0).toUpperCase() + item.name.slice(1);
  return { label: `Switchboard_Setting_${suffix}`, help: `Switchboard_Setting_${suffix}_Help` };
}

function jsLiteral(value) {
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(', ')}]`;
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(value);
}

// The setup page's settings schema: the Switchboard section's items with their types, defaults
// and custom labels, so the page validates exactly what the call center validator does.
export function renderSettingsSchema(definition, rulesSource) {
  const section = definition.sections.find((s) => s.vendor);
  const imports = [];
  const entries = [];
  for (const item of section.items) {
    const names = settingLabelNames(item);
    const id = item.name;
    imports.push(`import ${id}Label from '@salesforce/label/c.${names.label}';`);
    imports.push(`import ${id}Help from '@salesforce/label/c.${names.help}';`);
    const spec = { name: item.name, type: item.type, defaultValue: item.value, required: !!item.required };
    if (item.choices) spec.choices = item.choices;
    if (item.min !== undefined) spec.min = item.min;
    if (item.max !== undefined) spec.max = item.max;
    const fields = Object.entries(spec).map(([key, v]) => `${key}: ${jsLiteral(v)}`);
    entries.push(`    { ${fields.join(', ')}, label: ${id}Label, help: ${id}Help }`);
  }
  return [
    `// ${HEADER}`,
    ...imports,
    '',
    `export const SECTION = '${section.name}';`,
    '',
    'export const SETTINGS = [',
    entries.join(',\n'),
    '];',
    '',
    rulesSource.trimEnd(),
    '',
  ].join('\n');
}
