// The real core in the page: the built softphone loads the WebAssembly module (or its wasm2js twin
// where the CSP refuses WebAssembly), starts with host 'none' and a configuration without a PBX,
// renders the core's first view, and a status change goes round through the engine. Also the adapter
// page itself, under the CSP it must work with.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { CSP_NO_WASM, CSP_WASM, ROOT, launchChromium, startServer, watchPage } from './softphone-lib.js';
import { loadCore } from '../../js-shim/src/core.js';
import { runCallScenario } from '../../js-shim/test/call-scenario.js';

let browser;
const servers = {};

before(async () => {
  servers.wasm = await startServer({ csp: () => CSP_WASM });
  servers.wasm2js = await startServer({ csp: () => CSP_NO_WASM });
  browser = await launchChromium({ width: 300, height: 560 });
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

async function openPage(server, url) {
  const page = await browser.context.newPage();
  const errors = await watchPage(page);
  await page.goto(`${server.url}${url}`);
  return { page, errors };
}

for (const kind of ['wasm', 'wasm2js']) {
  describe(`the core as ${kind}`, () => {
    let page;
    let errors;
    before(async () => {
      ({ page, errors } = await openPage(servers[kind], '/harness/core.html'));
      await page.waitForFunction(() => window.__started);
      assert.equal(await page.evaluate(() => window.__started), 'started');
      await page.evaluate(() => {
        window.__refused = [];
        window.__switchboard.runtime.onEffect((effect) => effect.type === 'error' && window.__refused.push(effect));
      });
    });
    after(() => page?.close());

    test(`loads the ${kind} build`, async () => {
      assert.equal(await page.evaluate(() => window.__switchboard.core.kind), kind);
      const violations = await page.evaluate(() => window.__violations);
      // Only the probe that tells whether WebAssembly may run is refused under the strict policy.
      if (kind === 'wasm') assert.deepEqual(violations, []);
      else assert.ok(violations.every((v) => v.includes('wasm-eval')), violations.join('; '));
    });

    test(`a whole call runs in the page under its CSP with the same effects as in Node`, async () => {
      // The scenario's source is evaluated through the debugger protocol, which no CSP restricts; the
      // module it drives was loaded by the page under the CSP.
      const inPage = await page.evaluate(`(${runCallScenario.toString()})(window.__switchboard.core)`);
      const inNode = runCallScenario(await loadCore({ kind: 'wasm' }));
      assert.deepEqual(inPage.errors, []);
      assert.deepEqual(inPage, inNode);
      assert.ok(inPage.transcript.includes('media.dtmf 42#'));
    });

    test('renders the initial view: offline, no line, and why', async () => {
      assert.equal(await page.textContent('#sb-status-button'), 'Status: Offline');
      assert.equal(await page.textContent('#sb-line'), 'Phone line: No phone line');
      const alert = await page.textContent('[data-notice][role=alert]');
      assert.match(alert, /The PBX connection is not configured/);
      assert.ok(await page.isDisabled('#sb-dial-call'));
      const view = await page.evaluate(() => window.__switchboard.engine.view());
      assert.equal(view.agent.status, 'offline');
      assert.deepEqual(
        view.agent.choices.map((c) => c.label),
        ['Available', 'Away – Break', 'Away – Lunch', 'Offline'],
      );
    });

    test('a status chosen in the menu goes through the engine and comes back rendered', async () => {
      await page.click('#sb-status-button');
      await page.click('[role=menuitemradio] >> text=Available');
      assert.equal(await page.textContent('#sb-status-button'), 'Status: Available');
      assert.equal(await page.evaluate(() => window.__switchboard.engine.view().agent.status), 'available');
      await page.focus('#sb-status-button');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      assert.equal(await page.textContent('#sb-status-button'), 'Status: Away – Lunch');
      const agent = await page.evaluate(() => window.__switchboard.engine.view().agent);
      assert.deepEqual([agent.status, agent.reason], ['away', 'Lunch']);
      assert.equal(await page.$('#sb-status-menu'), null, 'the menu closed');
    });

    test('dismissing a notice removes it in the core', async () => {
      await page.click('[data-notice] button');
      assert.equal(await page.$('[data-notice]'), null);
      assert.deepEqual(await page.evaluate(() => window.__switchboard.engine.view().notices), []);
    });

    test('typing a number sends nothing the core does not know', async () => {
      await page.fill('#sb-dial-input', '415 555 0100');
      assert.equal(await page.inputValue('#sb-dial-input'), '415 555 0100');
      const knowsDialpad = await page.evaluate(() => window.__switchboard.core.protocol.events.some((e) => e.type === 'ui.dialpad'));
      if (knowsDialpad) assert.ok(await page.evaluate(() => window.__switchboard.engine.view().dialpad));
      assert.deepEqual(await page.evaluate(() => window.__refused), []);
      assert.deepEqual(errors, []);
    });
  });
}

describe('the adapter page (build/softphone/index.html)', () => {
  const hasOpenCti = fs.existsSync(path.join(ROOT, 'js-shim/src/handlers/opencti.js'));

  test('opened outside Salesforce it says what it is', async () => {
    const { page, errors } = await openPage(servers.wasm, '/softphone/index.html');
    await page.waitForSelector('.sb-phone-message');
    assert.match(await page.textContent('.sb-phone-message'), /phone of the Salesforce console/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('opened by Salesforce it starts as an Open CTI softphone and leaves the query string alone', async () => {
    const query = '?mode=Lightning&isdtp=vw&sfdcIframeOrigin=https%3A%2F%2Facme.lightning.force.com&nonce=n0nce&ltn_app_id=06m&clc=0';
    const { page } = await openPage(servers.wasm, `/softphone/index.html${query}`);
    if (!hasOpenCti) {
      await page.waitForSelector('.sb-fatal');
      assert.match(await page.textContent('.sb-fatal'), /could not start.*Open CTI handlers/s);
    }
    assert.equal(await page.evaluate(() => window.location.search), query);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await page.close();
  });
});
