#!/usr/bin/env node
// Validates call center definition files (Open CTI import files and Metadata API CallCenter files).
// Usage: node callcenter-xml/validate.mjs FILE… [--json]
// Prints one line per problem, "file:line: error [code] <element>: message", and exits 1 if any.
import { readFileSync } from 'node:fs';
import { validateCallCenter, formatError } from './lib/rules.mjs';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');
if (!files.length) {
  console.error('usage: validate.mjs FILE… [--json]');
  process.exit(2);
}
let problems = 0;
const results = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: cannot read: ${err.message}`);
    problems++;
    continue;
  }
  const { form, errors } = validateCallCenter(text, { fileName: file });
  problems += errors.length;
  if (json) results.push({ file, form, errors });
  else if (errors.length) for (const error of errors) console.log(formatError(file, error));
  else console.log(`${file}: ok (${form === 'import' ? 'Open CTI import file' : 'Metadata API CallCenter'})`);
}
if (json) console.log(JSON.stringify(results, null, 2));
process.exit(problems ? 1 : 0);
