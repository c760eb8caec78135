#!/usr/bin/env node
// Writes every form of the Switchboard call center from definition.json:
//   SwitchboardCallCenter.xml                  the Open CTI import file (Setup → Call Centers → Import)
//   SwitchboardCallCenter.callCenter-meta.xml  the Metadata API CallCenter (deployed with the package)
//   ../lwc/switchboardSetup/settingsSchema.js  the setup page's settings, types and validation
// `--check` writes nothing and fails when a file is missing or differs (used by the tests).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { renderImportFile, renderMetadataFile, renderSettingsSchema } from './lib/render.mjs';
import { validateCallCenter, formatError } from './lib/rules.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export function outputs() {
  const definition = JSON.parse(readFileSync(join(here, 'definition.json'), 'utf8'));
  const rulesSource = readFileSync(join(here, 'lib/setting-rules.js'), 'utf8');
  return {
    [join(here, `${definition.internalName}.xml`)]: renderImportFile(definition),
    [join(here, `${definition.internalName}.callCenter-meta.xml`)]: renderMetadataFile(definition),
    [join(here, '../lwc/switchboardSetup/settingsSchema.js')]: renderSettingsSchema(definition, rulesSource),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let failed = false;
  for (const [file, text] of Object.entries(outputs())) {
    const name = relative(process.cwd(), file);
    if (file.endsWith('.xml')) {
      const { errors } = validateCallCenter(text, { fileName: file });
      for (const error of errors) console.error(formatError(name, error));
      if (errors.length) failed = true;
    }
    if (check) {
      if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
        console.error(`${name} is out of date: run node callcenter-xml/generate.mjs`);
        failed = true;
      }
    } else if (!failed) {
      writeFileSync(file, text);
      console.log(`wrote ${name}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
