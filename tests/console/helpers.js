// Shared by the browser tests: a console serving the test adapter (tests/console/test-adapter,
// which drives js-shim/src/handlers/opencti.js), Chromium pointed at it, and small accessors.

import { launchBrowser, openConsole } from './browser.js';
import { startConsole } from './server.js';

export const ADA = '0035e00000A0001AAC';
export const ACME = '0015e00000A0001AAC';
export const CALL_CHANNEL = 'Switchboard_Call__c';

export function adapterUrl(params = {}) {
  const query = new URLSearchParams(params).toString();
  return `/apex/SwitchboardSoftphone${query ? `?${query}` : ''}`;
}

// One console + one page; `apiVersion` is the library version the test adapter loads.
export async function consoleWithAdapter({ apiVersion = '60.0', adapterParams = {}, browser, ...options } = {}) {
  const konsole = await startConsole({
    softphoneDir: 'tests/console/test-adapter',
    mounts: { '/shim/': 'js-shim/src' },
    adapterUrl: adapterUrl({ apiVersion, ...adapterParams }),
    ...options,
  });
  const ownBrowser = browser ? null : await launchBrowser();
  try {
    const context = browser?.context ?? ownBrowser.context;
    const { page, softphone, errors } = await openConsole(context, konsole);
    const t = {
      konsole,
      page,
      errors,
      sp: softphone,
      async waitForAdapter() {
        await softphone().waitForFunction(() => window.adapter && (window.adapter.connected || window.adapter.error));
        return softphone().evaluate(() => ({ connected: adapter.connected, error: adapter.error, wasm: adapter.wasm, href: adapter.href, hrefAfterConnect: adapter.hrefAfterConnect }));
      },
      call: (method, args = {}, opts = {}) => softphone().evaluate(([m, a, o]) => adapter.hostCall(m, a, o), [method, args, opts]),
      // host.call without waiting for a response (listeners, callback: false).
      send: (method, args = {}, opts = {}) =>
        softphone().evaluate(([m, a, o]) => {
          adapter.hostCall(m, a, { timeoutMs: 1, ...o });
        }, [method, args, opts]),
      events: (method) => softphone().evaluate((m) => adapter.events(m), method),
      waitForEvents: (method, count) => softphone().waitForFunction(([m, n]) => adapter.events(m).length >= n, [method, count]),
      state: () => page.evaluate(() => konsole.state()),
      settle: (ms = 150) => page.waitForTimeout(ms),
      async close() {
        await page.close().catch(() => {});
        await ownBrowser?.close();
        await konsole.stop();
      },
    };
    const ready = await t.waitForAdapter();
    if (!ready.connected) throw new Error(`the test adapter did not connect: ${JSON.stringify(ready.error)}`);
    return t;
  } catch (err) {
    await ownBrowser?.close();
    await konsole.stop();
    throw err;
  }
}

// The messages of the console's event log for one method and direction.
export const logged = (state, dir, methodName) => state.messages.filter((m) => m.dir === dir && (!methodName || m.data?.methodName === methodName));
