// Chromium for the console tests: the system browser through playwright-core, a fresh profile, the
// console's host names mapped to loopback and its self-signed certificate accepted.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { CHROMIUM_BASE_FLAGS } from '../lab/lib/chromium-flags.js';
import { HOST_RESOLVER_RULES } from './server.js';

export const CHROMIUM_FLAGS = [
  ...CHROMIUM_BASE_FLAGS,
  `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
  '--ignore-certificate-errors',
];

export async function launchBrowser({ args = [], viewport = { width: 1440, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-console-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_FLAGS, ...args],
      ignoreHTTPSErrors: true,
      viewport,
    });
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        fs.rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

// Opens the console page and waits until it has loaded the softphone frame.
export async function openConsole(context, konsole, { path: pagePath = '/lightning/page/home' } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err));
  await page.goto(konsole.orgOrigin + pagePath);
  await page.waitForFunction(() => window.konsole !== undefined);
  await page.evaluate(() => window.konsole.ready);
  const softphone = () => page.frames().find((f) => f.url().startsWith(konsole.vfOrigin));
  return { page, softphone, errors };
}
