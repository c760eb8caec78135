#!/usr/bin/env node
// Assembles the complete Switchboard package and converts it, offline, into deployable metadata.
//
//   node package-manifest/tools/package.mjs --softphone DIR --out build/package [--write-manifest]
//
// DIR is the softphone bundle (softphone.js, softphone.css, switchboard.js, switchboard.wasm,
// switchboard.wasm2js.js, index.html). The output:
//   source/                      the complete SFDX project (package-manifest + lwc/ + call center + static resource)
//   mdapi/, switchboard-metadata.zip         everything but translations: deployable to any org
//   mdapi-translations/, switchboard-translations.zip   German and French labels (needs Translation Workbench)
//   package.xml                  every component of the package (must equal package-manifest/package.xml)
//   SwitchboardCallCenter.xml    the call center import file
//   components.json              what each deployable holds, by metadata type
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ComponentSet, MetadataConverter } = require('@salesforce/source-deploy-retrieve');

const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = resolve(here, '..');
const repo = resolve(manifestDir, '..');

export const SOFTPHONE_FILES = ['softphone.js', 'softphone.css', 'switchboard.js', 'switchboard.wasm', 'switchboard.wasm2js.js', 'index.html'];
const STATIC_RESOURCE = 'SwitchboardSoftphone';
const CALL_CENTER = 'SwitchboardCallCenter';

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function args(argv) {
  const options = { writeManifest: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--softphone') options.softphone = resolve(argv[++i]);
    else if (argv[i] === '--out') options.out = resolve(argv[++i]);
    else if (argv[i] === '--write-manifest') options.writeManifest = true;
    else fail(`unknown argument ${argv[i]}`);
  }
  if (!options.softphone || !options.out) fail('usage: package.mjs --softphone DIR --out DIR [--write-manifest]');
  return options;
}

// LWC bundles are the folders of lwc/ that hold <name>.js-meta.xml; tests and tooling stay behind.
function copyComponents(target) {
  const lwc = join(repo, 'lwc');
  const bundles = [];
  for (const name of readdirSync(lwc).sort()) {
    const dir = join(lwc, name);
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, `${name}.js-meta.xml`))) continue;
    cpSync(dir, join(target, name), { recursive: true, filter: (src) => !src.includes('__tests__') });
    bundles.push(name);
  }
  return bundles;
}

async function validateCallCenters() {
  const { validateCallCenter, formatError } = await import(join(repo, 'callcenter-xml/lib/rules.mjs'));
  const files = [`${CALL_CENTER}.xml`, `${CALL_CENTER}.callCenter-meta.xml`].map((f) => join(repo, 'callcenter-xml', f));
  const errors = [];
  for (const file of files) {
    for (const error of validateCallCenter(readFileSync(file, 'utf8'), { fileName: file }).errors) errors.push(formatError(relative(repo, file), error));
  }
  if (errors.length) fail(`the call center definitions are invalid:\n${errors.join('\n')}`);
  return files;
}

function buildStaticResource(softphone, staging, resourceFile) {
  const missing = SOFTPHONE_FILES.filter((f) => !existsSync(join(softphone, f)));
  if (missing.length) fail(`the softphone bundle ${softphone} lacks ${missing.join(', ')}`);
  rmSync(staging, { recursive: true, force: true });
  cpSync(softphone, staging, { recursive: true });
  cpSync(join(manifestDir, 'static/boot.js'), join(staging, 'boot.js'));
  mkdirSync(dirname(resourceFile), { recursive: true });
  rmSync(resourceFile, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', '-D', resourceFile, '.'], { cwd: staging });
  const listing = execFileSync('unzip', ['-Z1', resourceFile], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  const size = statSync(resourceFile).size;
  if (size > 5 * 1024 * 1024) fail(`the static resource is ${size} bytes; Salesforce accepts at most 5 MB`);
  return { files: listing, bytes: size };
}

function byType(componentSet) {
  const types = {};
  for (const component of componentSet.getSourceComponents()) {
    (types[component.type.name] ||= []).push(component.fullName);
    for (const child of component.getChildren()) (types[child.type.name] ||= []).push(child.fullName);
  }
  for (const list of Object.values(types)) list.sort();
  return Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b)));
}

async function convert(componentSet, outputDirectory, zipFileName, apiVersion) {
  componentSet.sourceApiVersion = apiVersion;
  const converter = new MetadataConverter();
  rmSync(outputDirectory, { recursive: true, force: true });
  await converter.convert(componentSet, 'metadata', { type: 'directory', outputDirectory, genUniqueDir: false });
  const zipPath = join(dirname(outputDirectory), zipFileName);
  rmSync(zipPath, { force: true });
  execFileSync('zip', ['-q', '-r', '-X', '-D', zipPath, '.'], { cwd: outputDirectory });
  return zipPath;
}

export async function buildPackage({ softphone, out, writeManifest = false }) {
  const project = JSON.parse(readFileSync(join(manifestDir, 'sfdx-project.json'), 'utf8'));
  const apiVersion = project.sourceApiVersion;
  rmSync(out, { recursive: true, force: true });
  const source = join(out, 'source');
  const main = join(source, 'force-app/main/default');

  // 1. The SFDX project: package-manifest, the components, the call center, the static resource.
  for (const entry of ['sfdx-project.json', '.forceignore', 'config', 'force-app']) cpSync(join(manifestDir, entry), join(source, entry), { recursive: true });
  const bundles = copyComponents(join(main, 'lwc'));
  const [importFile, metadataFile] = await validateCallCenters();
  mkdirSync(join(main, 'callCenters'), { recursive: true });
  cpSync(metadataFile, join(main, 'callCenters', `${CALL_CENTER}.callCenter-meta.xml`));
  cpSync(importFile, join(out, `${CALL_CENTER}.xml`));
  const resource = buildStaticResource(softphone, join(out, 'static-resource'), join(main, 'staticresources', `${STATIC_RESOURCE}.resource`));
  cpSync(join(manifestDir, 'static', `${STATIC_RESOURCE}.resource-meta.xml`), join(main, 'staticresources', `${STATIC_RESOURCE}.resource-meta.xml`));

  // 2. What the package holds, and the manifest that lists it.
  const all = ComponentSet.fromSource(join(source, 'force-app'));
  all.sourceApiVersion = apiVersion;
  const packageXml = await all.getPackageXml(4);
  writeFileSync(join(out, 'package.xml'), packageXml);
  const committed = join(manifestDir, 'package.xml');
  if (writeManifest) {
    writeFileSync(committed, packageXml);
  } else if (!existsSync(committed) || readFileSync(committed, 'utf8') !== packageXml) {
    fail('package-manifest/package.xml does not list what the package holds: run scripts/package --write-manifest and commit it');
  }

  // 3. Two deployables: translations need Translation Workbench with German and French enabled,
  //    so they travel separately and the main package deploys to any org.
  const components = all.getSourceComponents().toArray();
  const mainSet = new ComponentSet(components.filter((c) => c.type.name !== 'Translations'));
  const translationSet = new ComponentSet(components.filter((c) => c.type.name === 'Translations'));
  const mainZip = await convert(mainSet, join(out, 'mdapi'), 'switchboard-metadata.zip', apiVersion);
  const translationsZip = await convert(translationSet, join(out, 'mdapi-translations'), 'switchboard-translations.zip', apiVersion);

  const summary = {
    apiVersion,
    lwc: bundles,
    staticResource: resource,
    main: { zip: relative(out, mainZip), types: byType(mainSet) },
    translations: { zip: relative(out, translationsZip), types: byType(translationSet) },
  };
  writeFileSync(join(out, 'components.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const summary = await buildPackage(args(process.argv.slice(2)));
  const count = (types) => Object.values(types).reduce((n, list) => n + list.length, 0);
  console.log(`package: ${summary.main.zip}: ${count(summary.main.types)} components`);
  for (const [type, members] of Object.entries(summary.main.types)) {
    console.log(`  ${type.padEnd(24)} ${members.length > 6 ? `${members.length} (${members.slice(0, 3).join(', ')}, …)` : members.join(', ')}`);
  }
  console.log(`package: ${summary.translations.zip}: ${Object.values(summary.translations.types).flat().join(', ')}`);
  console.log(`package: static resource ${STATIC_RESOURCE}: ${summary.staticResource.files.join(', ')} (${summary.staticResource.bytes} bytes)`);
}
