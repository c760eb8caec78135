// The whole product on one machine: Kamailio (the PBX), the Lightning console emulator serving the
// softphone exactly as Salesforce would, Chromium, and customers (a JsSIP page with real audio).
// Used by the end-to-end tests and by scripts/demo.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startKamailio, startStaticServer, launchBrowser, openCustomer } from '../lab/index.js';
import { startConsole } from '../console/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LAB_SECRET = 'switchboard-lab-secret';

// Users of the console's org (tests/console/fixtures/org.json) and their PBX extensions.
export const AGENTS = {
  alex: { userId: '0055e00000A0001AAC', extension: '1001', name: 'Alex Agent' },
  blair: { userId: '0055e00000A0002AAC', extension: '1002', name: 'Blair Agent' },
};
// Customers by caller number: Ada is one Contact, 212-555-0175 matches two, 415-555-0199 nobody.
export const CUSTOMERS = {
  // Registered under their E.164 numbers: what the softphone dials (dial format e164) reaches them.
  ada: { user: '+14155550142', contactId: '0035e00000A0001AAC', name: 'Ada Lovelace' },
  smith: { user: '+12125550175' },
  stranger: { user: '+14155550199' },
};

export async function startStack({ agents = ['alex'], softphoneDir = path.join(ROOT, 'build', 'softphone'), consoleOptions = {}, headless = true } = {}) {
  const stack = { consoles: {}, pages: {}, customers: [] };
  stack.pbx = await startKamailio({
    auth: 'ephemeral',
    secret: LAB_SECRET,
    users: [...Object.values(AGENTS).map((a) => ({ user: a.extension })), ...Object.values(CUSTOMERS).map((c) => ({ user: c.user }))],
  });
  for (const name of agents) {
    stack.consoles[name] = await startConsole({
      port: 0,
      softphoneDir,
      pbxUrl: stack.pbx.wssUrl,
      sipDomain: stack.pbx.domain,
      labSecret: LAB_SECRET,
      user: AGENTS[name].userId,
      ...consoleOptions,
    });
  }
  const first = stack.consoles[agents[0]];
  stack.server = await startStaticServer();
  stack.browser = await launchBrowser({ args: first.chromiumArgs, headless });

  // Opens an agent's console and waits until its softphone is registered with the PBX.
  stack.openAgent = async (name, { register = true } = {}) => {
    const konsole = stack.consoles[name];
    const page = await stack.browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    page.on('pageerror', (err) => console.error(`[${name} page] ${err.message}`));
    await page.goto(konsole.url);
    // The console page defines window.konsole from a module script: wait for it, then for its frame.
    await page.waitForFunction(() => window.konsole, null, { timeout: 15000 }).catch(async () => {
      throw new Error(`the console did not load (${page.url()}: ${(await page.content()).slice(0, 300)})`);
    });
    await page.evaluate(() => window.konsole.ready);
    const agent = { name, page, konsole };
    agent.frame = () => page.frames().find((f) => f.url().startsWith(konsole.vfOrigin));
    agent.softphone = () => page.frameLocator('iframe[title*="oftphone"], iframe[src*="SwitchboardSoftphone"]').first();
    agent.view = () => agent.frame().evaluate(() => window.__switchboard?.renderer?.lastView ?? window.__switchboard?.engine?.view());
    agent.waitView = async (predicate, what, timeoutMs = 10000) => {
      const started = Date.now();
      let last = null;
      while (Date.now() - started < timeoutMs) {
        try {
          last = await agent.frame().evaluate(() => window.__switchboard?.engine?.view() ?? null);
        } catch {
          last = null; // the frame is reloading
        }
        if (last && predicate(last)) return last;
        await new Promise((r) => setTimeout(r, 50));
      }
      const calls = (last?.calls ?? []).map((c) => `${c.id}:${c.state}`).join(', ') || 'no calls';
      throw new Error(`agent ${name}: no ${what} within ${timeoutMs} ms (line ${JSON.stringify(last?.line)}; ${calls}; notices ${JSON.stringify(last?.notices)})`);
    };
    agent.state = () => page.evaluate(() => window.konsole.state());
    if (register) await agent.waitView((v) => v.line?.registration === 'registered', 'registration', 15000);
    stack.pages[name] = agent;
    return agent;
  };

  stack.openCustomer = async (who) => {
    const c = CUSTOMERS[who];
    const creds = stack.pbx.credentials(c.user, 3600);
    const customer = await openCustomer(stack.browser, {
      server: stack.server,
      wsUrl: stack.pbx.wsUrl,
      user: c.user,
      authUser: creds.username,
      password: creds.password,
      domain: stack.pbx.domain,
    });
    stack.customers.push(customer);
    return customer;
  };

  stack.stop = async () => {
    for (const c of stack.customers) await c.stop?.().catch(() => {});
    await stack.browser?.close().catch(() => {});
    await stack.server?.stop?.().catch(() => {});
    for (const k of Object.values(stack.consoles)) await k.stop().catch(() => {});
    await stack.pbx?.stop().catch(() => {});
  };
  return stack;
}
