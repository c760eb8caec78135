// What the console does with the softphone's calls, in Chromium: click-to-dial, navigation, search
// and screen pops, Tasks, Apex credentials, message channel routing, the standby fallback, the
// softphone's CSP, library initialisation, and screenshots of the page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from './browser.js';
import { ACME, ADA, CALL_CHANNEL, consoleWithAdapter, logged } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'build/screenshots/console');
const PAT = '0035e00000A0003AAC';
const SAM = '0035e00000A0004AAC';
const GRACE_ACCOUNT = '0015e00000A0004AAC';

let browser;
before(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
});
after(() => browser?.close());

const ok = async (t, method, args, opts) => {
  const { response, timeout } = await t.call(method, args, opts);
  assert.ok(!timeout, `${method} was not answered`);
  assert.equal(response.success, true, `${method}: ${JSON.stringify(response.errors)}`);
  return response.returnValue;
};
const refused = async (t, method, args) => {
  const { response } = await t.call(method, args);
  assert.equal(response.success, false, `${method} ${JSON.stringify(args)} succeeded`);
  assert.equal(response.returnValue, null);
  return response.errors[0];
};

describe('console behaviour (library 60.0)', () => {
  let t;
  before(async () => {
    t = await consoleWithAdapter({ browser, labSecret: 'lab-secret' });
    await t.send('onClickToDial', {}, { callback: false, listener: true });
    await t.send('onNavigationChange', {}, { callback: false, listener: true });
  });
  after(() => t?.close());

  test('phone numbers are click-to-dial links only while the softphone has enabled them', async () => {
    await t.page.evaluate((id) => konsole.openRecord(id), ADA);
    const links = () => t.page.evaluate(() => document.querySelectorAll('#content .sb-click-to-dial').length);
    assert.equal(await links(), 0);
    assert.equal(await t.page.evaluate((id) => konsole.clickToDial(id, 'Phone'), ADA), false);
    await ok(t, 'enableClickToDial');
    assert.equal(await links(), 2); // Phone and MobilePhone
    await t.page.click(`#content .sb-click-to-dial[data-field="MobilePhone"]`);
    await t.waitForEvents('onClickToDial', 1);
    assert.equal((await t.events('onClickToDial'))[0].payload.number, '415-555-0143');
    assert.equal((await t.state()).panel.visible, true, 'clicking a number opens the softphone panel');
    await ok(t, 'disableClickToDial');
    assert.equal(await links(), 0);
    assert.equal(await t.page.evaluate((id) => konsole.clickToDial(id, 'Phone'), ADA), false);
    await ok(t, 'enableClickToDial');
    await t.page.evaluate(() => konsole.navigate('/lightning/o/Account/list'));
    assert.equal(await t.page.evaluate((id) => konsole.clickToDial(id, 'Phone'), GRACE_ACCOUNT), true);
    await t.waitForEvents('onClickToDial', 2);
    assert.deepEqual((await t.events('onClickToDial'))[1].payload, {
      number: '+1 202 555 0147', recordId: GRACE_ACCOUNT, recordName: 'Grace Hopper', objectType: 'Account', contactId: '0035e00000A0009AAC', personAccount: true,
    });
    assert.equal((await t.events('onClickToDial')).length, 2);
  });

  test('navigation: record pages and tab switches fire onNavigationChange; getAppViewInfo follows', async () => {
    const count = async () => (await t.events('onNavigationChange')).length;
    const start = await count();
    await t.page.evaluate(() => konsole.navigate('/lightning/page/home'));
    assert.deepEqual(await ok(t, 'getAppViewInfo'), { url: `${t.konsole.orgOrigin}/lightning/page/home` });
    await t.page.evaluate((id) => konsole.openRecord(id), ACME);
    await t.waitForEvents('onNavigationChange', start + 1);
    assert.deepEqual(await ok(t, 'getAppViewInfo'), { url: `${t.konsole.orgOrigin}/lightning/r/${ACME}/view`, recordId: ACME, recordName: 'Acme Corporation', objectType: 'Account', personAccount: false });
    await t.page.evaluate((id) => konsole.openRecord(id), ADA);
    await t.waitForEvents('onNavigationChange', start + 2);
    const tabs = (await t.state()).tabs.map((tab) => tab.title);
    await t.page.evaluate((index) => konsole.switchTab(index), tabs.indexOf('Acme Corporation'));
    await t.waitForEvents('onNavigationChange', start + 3);
    await t.page.evaluate(() => konsole.navigate('/lightning/o/Lead/list'));
    await t.settle();
    const events = (await t.events('onNavigationChange')).slice(start).map((e) => e.payload.recordId);
    assert.deepEqual(events, [ACME, ADA, ACME]);
    assert.equal(await t.page.evaluate(() => location.pathname), '/lightning/o/Lead/list');
  });

  test('searchAndScreenPop: single, multiple and no match pop what the layout says', async () => {
    const single = await ok(t, 'searchAndScreenPop', { searchParams: '+1 (415) 555-0142', callType: 'inbound' });
    assert.deepEqual(Object.keys(single), [ADA]);
    let state = await t.state();
    assert.deepEqual(state.pops.at(-1), { ...state.pops.at(-1), source: 'searchAndScreenPop', type: 'sobject', params: { recordId: ADA } });
    assert.equal(await t.page.getAttribute('#record-header', 'data-record-id'), ADA);

    const multiple = await ok(t, 'searchAndScreenPop', { searchParams: '+12125550175', callType: 'inbound' });
    assert.deepEqual(Object.keys(multiple).sort(), [PAT, SAM]);
    assert.deepEqual((await t.state()).pops.at(-1).params, { searchString: '+12125550175' });
    assert.equal(await t.page.locator('#search-results tr[data-id]').count(), 2);

    const none = await ok(t, 'searchAndScreenPop', { searchParams: '+15555550000', callType: 'inbound', defaultFieldValues: { Phone: '+15555550000', LastName: 'Unknown caller' } });
    assert.deepEqual(none, {});
    state = await t.state();
    assert.equal(state.pops.at(-1).type, 'newRecord');
    assert.deepEqual(state.modal, { entityName: 'Contact', defaultFieldValues: { Phone: '+15555550000', LastName: 'Unknown caller' }, error: null });
    assert.equal(await t.page.inputValue('#nf-Phone'), '+15555550000');
    await t.page.screenshot({ path: path.join(SHOTS, 'new-record-modal.png') });
    await t.page.click('[data-action="modal-save"]');
    await t.page.waitForSelector('#record-header');
    const created = (await t.page.evaluate(() => konsole.records())).Contact.find((c) => c.LastName === 'Unknown caller');
    assert.equal(created.Phone, '+15555550000');

    const pops = (await t.state()).pops.length;
    const outbound = await ok(t, 'searchAndScreenPop', { searchParams: '+15555550001', callType: 'outbound' });
    assert.deepEqual(outbound, {});
    assert.equal((await t.state()).pops.length, pops, 'DoNotPop');
    assert.deepEqual(await ok(t, 'searchAndScreenPop', { searchParams: '+14155550142', callType: 'internal' }), {});

    const deferred = await ok(t, 'searchAndScreenPop', { searchParams: '4155550100', callType: 'inbound', deferred: true });
    assert.deepEqual(deferred.SCREEN_POP_DATA, { type: 'sobject', params: { recordId: ACME } });
    assert.equal((await t.state()).pops.length, pops, 'deferred: nothing popped yet');
    await ok(t, 'screenPop', deferred.SCREEN_POP_DATA);
    assert.equal((await t.state()).pops.at(-1).params.recordId, ACME);

    assert.equal((await refused(t, 'searchAndScreenPop', { searchParams: '+14155550142' })).code, 'INVALID_PARAM');
    assert.equal((await refused(t, 'searchAndScreenPop', { searchParams: '+14155550142', callType: 'sideways' })).code, 'INVALID_PARAM');
    assert.equal((await refused(t, 'searchAndScreenPop', { searchParams: 4155550142, callType: 'inbound' })).code, 'INVALID_PARAM');
  });

  test('screenPop: every type, and the documented parameter rules', async () => {
    const pop = async (type, params) => {
      await ok(t, 'screenPop', { type, params });
      return t.state();
    };
    assert.equal((await pop('sobject', { recordId: ACME })).navigation.recordId, ACME);
    assert.match((await pop('url', { url: '/apex/CallNotes?n=1' })).currentUrl, /\/apex\/CallNotes\?n=1$/);
    assert.equal(await t.page.textContent('#popped-url'), '/apex/CallNotes?n=1');
    assert.match((await pop('objecthome', { scope: 'Lead' })).currentUrl, /\/lightning\/o\/Lead\/home$/);
    assert.match((await pop('list', { listViewId: '00B5e00000A0003AAC', scope: 'Account' })).currentUrl, /\/lightning\/o\/Account\/list\?filterName=00B5e00000A0003AAC$/);
    assert.match(await t.page.textContent('#list-card'), /All Accounts/);
    assert.match((await pop('search', { searchString: 'Smith' })).currentUrl, /\/lightning\/search\?q=Smith$/);
    assert.equal(await t.page.locator('#search-results tr[data-id]').count(), 2);
    const modal = (await pop('newRecord', { entityName: 'Lead', defaultFieldValues: { Company: 'Acme', Phone: '+14155550199' } })).modal;
    assert.deepEqual(modal.defaultFieldValues, { Company: 'Acme', Phone: '+14155550199' });
    await t.page.click('[data-action="modal-cancel"]');
    const flowArgs = [{ name: 'callNumber', type: 'String', value: '+14155550142' }, { name: 'recordId', type: 'String', value: ADA }];
    assert.equal((await pop('flow', { flowDevName: 'Switchboard_Call_Intake', flowArgs })).pops.at(-1).type, 'flow');
    assert.match(await t.page.textContent('#flow-args'), /callNumber.*String.*\+14155550142/s);
    await t.page.screenshot({ path: path.join(SHOTS, 'flow-pop.png') });

    const rules = [
      [{ type: 'url', params: { url: 'https://evil.example.com/' } }, /must be relative/],
      [{ type: 'url', params: { url: '//evil.example.com/x' } }, /must be relative/],
      [{ type: 'url', params: { url: '/javascript:alert(1)' } }, /must be relative/],
      [{ type: 'search', params: { searchString: 'ab' } }, /at least 3 characters/],
      [{ type: 'sobject', params: { recordId: 'Ada' } }, /15- or 18-character record Id/],
      [{ type: 'objecthome', params: {} }, /scope/],
      [{ type: 'list', params: { scope: 'Account' } }, /listViewId/],
      [{ type: 'newRecord', params: { defaultFieldValues: {} } }, /entityName/],
      [{ type: 'flow', params: { flowDevName: 'Legacy_Survey' } }, /not an active screen flow/],
      [{ type: 'flow', params: { flowDevName: 'Nightly_Cleanup' } }, /not an active screen flow/],
      [{ type: 'flow', params: { flowDevName: 'Switchboard_Call_Intake', flowArgs: [{ name: 'colour', type: 'String', value: 'red' }] } }, /no input variable colour/],
      [{ type: 'SOBJECT', params: { recordId: ACME } }, /type must be one of url, sobject/],
      [{ type: 'sobject', params: 'recordId=1' }, /params must be an object/],
    ];
    for (const [args, pattern] of rules) {
      const error = await refused(t, 'screenPop', args);
      assert.equal(error.code, 'INVALID_PARAM');
      assert.match(error.description, pattern, JSON.stringify(args));
    }
    assert.equal(await refused(t, 'setSoftphonePanelHeight', { heightPX: 239 }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphonePanelHeight', { heightPX: 2561 }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphonePanelWidth', { widthPX: 199 }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphonePanelWidth', { widthPX: '300' }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphonePanelVisibility', { visible: 'yes' }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphonePanelIcon', { key: 'no_such_icon' }).then((e) => e.code), 'INVALID_PARAM');
    assert.equal(await refused(t, 'setSoftphoneItemLabel', { label: '' }).then((e) => e.code), 'INVALID_PARAM');
  });

  test('saveLog creates and updates Tasks the Tasks list shows; bad values are refused', async () => {
    const value = {
      entityApiName: 'Task', Subject: 'Inbound call from Ada Lovelace', Status: 'Completed', ActivityDate: '2025-01-15', CallType: 'Inbound',
      CallDurationInSeconds: 125, CallObject: 'sb-call-0001', CallDisposition: 'Resolved', Description: 'Asked about invoices', WhoId: ADA, WhatId: ACME,
    };
    const { recordId } = await ok(t, 'saveLog', { value });
    assert.match(recordId, /^00T/);
    await ok(t, 'refreshView');
    await t.page.evaluate(() => konsole.navigate('/lightning/o/Task/list'));
    assert.match(await t.page.textContent(`#tasks-table tr[data-id="${recordId}"]`), /Inbound call from Ada Lovelace.*Inbound.*125.*Resolved.*Ada Lovelace.*Acme Corporation.*sb-call-0001.*Completed/s);
    assert.deepEqual(await ok(t, 'saveLog', { value: { Id: recordId, CallDisposition: 'Follow-up needed' } }), { recordId });
    const tasks = (await t.state()).tasks.filter((task) => task.CallObject === 'sb-call-0001');
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].CallDisposition, 'Follow-up needed');
    assert.equal(tasks[0].OwnerId, '0055e00000A0001AAC');
    await t.page.evaluate((id) => konsole.openRecord(id), ADA);
    assert.match(await t.page.textContent('#record-activity'), /Inbound call from Ada Lovelace/);
    await t.page.evaluate(() => konsole.navigate('/lightning/o/Task/list'));
    await t.page.screenshot({ path: path.join(SHOTS, 'tasks.png') });

    const failures = [
      [{ entityApiName: 'Contact', FirstName: 'No last name' }, 'SERVER_ERROR', 'REQUIRED_FIELD_MISSING'],
      [{ entityApiName: 'Task', CallType: 'Inbound call' }, 'SERVER_ERROR', 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
      [{ entityApiName: 'Task', CallDurationInSeconds: 'two minutes' }, 'SERVER_ERROR', 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ entityApiName: 'Task', WhoId: ACME }, 'SERVER_ERROR', 'FIELD_INTEGRITY_EXCEPTION'],
      [{ entityApiName: 'Task', CallId: 'x' }, 'SERVER_ERROR', 'INVALID_FIELD'],
      [{ Id: '00T5e00000A9999AAC', Subject: 'gone' }, 'SERVER_ERROR', 'INVALID_CROSS_REFERENCE_KEY'],
      [{ Subject: 'neither Id nor entityApiName' }, 'INVALID_PARAM', undefined],
    ];
    const before = (await t.state()).tasks.length;
    for (const [bad, code, statusCode] of failures) {
      const error = await refused(t, 'saveLog', { value: bad });
      assert.equal(error.code, code, JSON.stringify(bad));
      assert.equal(error.details?.statusCode, statusCode);
    }
    assert.equal((await t.state()).tasks.length, before, 'nothing was written');
    await t.page.waitForFunction((id) => fetch('/__console/state').then((r) => r.json()).then((s) => s.ui.tasks.some((task) => task.Id === id)), recordId);
    const mirrored = await t.konsole.state();
    assert.equal(mirrored.ui.tasks.find((task) => task.Id === recordId).CallDisposition, 'Follow-up needed');
    assert.ok(mirrored.tasks.some((task) => task.Id === recordId));
  });

  test('runApex returns the agent line with autheph credentials; errors for unknown Apex or users', async () => {
    const started = Math.floor(Date.now() / 1000);
    const { runApex } = await ok(t, 'runApex', { apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig', methodParams: '' });
    const { sip } = JSON.parse(runApex);
    assert.equal(sip.user, '1001');
    assert.equal(sip.display_name, 'Alex Agent');
    assert.ok(sip.credential_expires_at >= started + 3600 && sip.credential_expires_at <= started + 3605);
    assert.equal(sip.auth_user, `${sip.credential_expires_at}:1001`);
    const expected = execFileSync('sh', ['-c', `printf %s "${sip.auth_user}" | openssl dgst -sha1 -hmac lab-secret -binary | base64`]).toString().trim();
    assert.equal(sip.password, expected);
    assert.equal((await refused(t, 'runApex', { apexClass: 'AccountService', methodName: 'getAgentConfig' })).code, 'SERVER_ERROR');
    assert.equal((await refused(t, 'runApex', { apexClass: 'SwitchboardSoftphoneService', methodName: 'getSecrets' })).code, 'SERVER_ERROR');
    assert.equal((await refused(t, 'runApex', { methodName: 'getAgentConfig' })).code, 'INVALID_PARAM');

    await t.page.evaluate(() => konsole.setUser('casey@acme.example'));
    await t.waitForAdapter();
    const casey = await ok(t, 'runApex', { apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig', methodParams: '' });
    assert.equal(JSON.parse(casey.runApex).error.code, 'NO_AGENT_SETTINGS');
    await t.page.evaluate(() => konsole.setUser('alex@acme.example'));
    await t.waitForAdapter();
    await t.send('onClickToDial', {}, { callback: false, listener: true });
    await t.send('onNavigationChange', {}, { callback: false, listener: true });
  });

  test('message channel: the softphone and the Active call panel hear each other', async () => {
    const sub = await ok(t, 'subscribe', { channelName: CALL_CHANNEL }, { callback: true, listener: true });
    const call = {
      id: 'c1', state: 'connected', direction: 'inbound', number: '+14155550142', numberDisplay: '(415) 555-0142', label: 'Ada Lovelace',
      who: { id: ADA, name: 'Ada Lovelace', type: 'Contact' }, what: { id: ACME, name: 'Acme Corporation', type: 'Account' },
      startedAt: 1, answeredAt: 2, endedAt: 0, wrapUpUntil: 0, disposition: '', notes: '',
    };
    await ok(t, 'publish', { channelName: CALL_CHANNEL, message: { kind: 'call', call, dispositions: ['Resolved', 'Follow-up needed'] } });
    assert.equal(await t.page.textContent('#active-call-label'), 'Ada Lovelace');
    assert.match(await t.page.textContent('#active-call-state'), /connected · inbound/);

    await t.page.fill('#edit-notes', 'Wants a callback on Friday');
    await t.page.selectOption('#edit-disposition', 'Follow-up needed');
    await t.page.click('[data-action="publish-edit"]');
    await t.sp().waitForFunction((ch) => adapter.events(ch).some((e) => e.payload.kind === 'edit'), CALL_CHANNEL);
    const heard = (await t.events(CALL_CHANNEL)).map((e) => e.payload);
    assert.deepEqual(heard.find((m) => m.kind === 'edit'), { kind: 'edit', callId: 'c1', notes: 'Wants a callback on Friday', disposition: 'Follow-up needed' });
    assert.ok(heard.some((m) => m.kind === 'call'), 'a subscriber also hears its own publications');
    const state = await t.state();
    assert.deepEqual(state.lms.published.map((p) => [p.from, p.message.kind]).slice(-2), [['softphone', 'call'], ['activeCallPanel', 'edit']]);
    await t.page.evaluate(() => konsole.openUtilityPanel());
    await t.page.screenshot({ path: path.join(SHOTS, 'active-call.png') });

    const again = await ok(t, 'subscribe', { channelName: CALL_CHANNEL }, { callback: true, listener: true });
    assert.deepEqual(again, sub, 'the shim keeps one subscription per channel');
    assert.equal(logged(await t.state(), 'in', 'subscribe').length, 1);
    await ok(t, 'unsubscribe', { subscription: sub.subscription });
    const count = (await t.events(CALL_CHANNEL)).length;
    await t.page.evaluate(() => konsole.editActiveCall({ notes: 'after unsubscribe' }));
    await t.settle();
    assert.equal((await t.events(CALL_CHANNEL)).length, count);
    assert.equal((await refused(t, 'subscribe', { channelName: 'Other__c' })).code, 'INVALID_PARAM');
    assert.equal((await refused(t, 'publish', { channelName: CALL_CHANNEL, message: 'text' })).code, 'INVALID_PARAM');
  });

  test('switching the console to the legacy library reloads the softphone with it', async () => {
    await t.page.evaluate(() => konsole.setLibraryBehaviour('legacy'));
    await t.waitForAdapter();
    assert.match(await t.sp().evaluate(() => document.querySelector('script[src*="opencti_min"]').src), /\/support\/api\/60\.0\//);
    assert.equal((await t.state()).libraryBehaviour, 'legacy');
    await t.send('onClickToDial', {}, { callback: false, listener: true });
    await t.settle();
    await t.page.evaluate((d) => konsole.postToSoftphone(d), { apiVersion: 60, apiType: 'opencti', methodName: 'onClickToDial', response: { number: 'unflagged' } });
    await t.waitForEvents('onClickToDial', 1);
    await t.page.evaluate(() => konsole.setLibraryBehaviour('auto'));
    await t.waitForAdapter();
  });

  test('screenshots: the console with the softphone panel open, a pop, the Tasks', async () => {
    await t.page.evaluate(() => konsole.openUtilityPanel());
    await ok(t, 'searchAndScreenPop', { searchParams: '+14155550142', callType: 'inbound' });
    await t.page.screenshot({ path: path.join(SHOTS, 'console-pop-panel.png') });
    await t.page.evaluate(() => konsole.navigate('/lightning/page/home'));
    await t.page.screenshot({ path: path.join(SHOTS, 'console-home.png') });
    for (const file of ['console-pop-panel.png', 'console-home.png', 'tasks.png', 'active-call.png', 'new-record-modal.png', 'flow-pop.png']) {
      assert.ok(fs.statSync(path.join(SHOTS, file)).size > 10_000, file);
    }
    assert.deepEqual(t.errors, []);
  });
});

describe('start-up', () => {
  test('without notifyInitializationComplete the console loads the standby URL after reqTimeout', async () => {
    const t = await consoleWithAdapter({ browser, initTimeoutMs: 800, adapterParams: { autoInit: 'false' } });
    try {
      assert.equal((await t.state()).initialized, false);
      await t.page.waitForFunction(() => konsole.state().standby !== null, null, { timeout: 5000 });
      const state = await t.state();
      assert.match(state.standby.url, /\/apex\/SwitchboardStandby\?mode=Lightning&isdtp=vw&sfdcIframeOrigin=/);
      await t.sp().waitForSelector('text=The softphone did not start in time', { state: 'attached' });
    } finally {
      await t.close();
    }
  });

  test('with notifyInitializationComplete in time, the softphone stays', async () => {
    const t = await consoleWithAdapter({ browser, initTimeoutMs: 800 });
    try {
      await t.settle(1200);
      const state = await t.state();
      assert.equal(state.initialized, true);
      assert.equal(state.standby, null);
      assert.match(t.sp().url(), /\/apex\/SwitchboardSoftphone\?/);
    } finally {
      await t.close();
    }
  });

  test("the softphone's CSP decides whether WebAssembly may run; the library loads either way", async () => {
    for (const [csp, wasm] of [["script-src 'self' 'wasm-unsafe-eval'", true], ["script-src 'self'", false], [null, true]]) {
      const t = await consoleWithAdapter({ browser, softphoneCsp: csp });
      try {
        const adapter = await t.waitForAdapter();
        assert.equal(adapter.connected, true, String(csp));
        assert.equal(adapter.wasm, wasm, String(csp));
        assert.match(adapter.href, /\?apiVersion=60\.0&mode=Lightning&isdtp=vw&sfdcIframeOrigin=https%3A%2F%2Facme\.lightning\.force\.com%3A\d+&nonce=[0-9a-f]{32}&ltn_app_id=\w+&clc=0$/);
        assert.equal(adapter.hrefAfterConnect, adapter.href, 'connecting keeps the query string');
      } finally {
        await t.close();
      }
    }
  });

  test('the library refuses to start outside a console frame with the documented error', async () => {
    const t = await consoleWithAdapter({ browser });
    try {
      const page = await browser.context.newPage();
      const vf = t.konsole.vfOrigin;
      const org = encodeURIComponent(t.konsole.orgOrigin);
      const load = async (query, version = '60.0') => {
        await page.goto(`${vf}/apex/SwitchboardStandby${query}`);
        return page.evaluate((v) => new Promise((resolve) => {
          let message = null;
          window.addEventListener('error', (e) => (message = e.message));
          const script = document.createElement('script');
          script.src = `/support/api/${v}/lightning/opencti_min.js`;
          script.onload = () => resolve({ message, defined: Boolean(window.sforce?.opencti) });
          document.head.appendChild(script);
        }), version);
      };
      const refusedWith = /Failed to initialize Open CTI\. Ensure that it is loaded from the right frame with correct URL parameters/;
      for (const query of ['', `?sfdcIframeOrigin=${org}`, '?mode=Lightning&sfdcIframeOrigin=https%3A%2F%2Fevil.example.com',
        `?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent(t.konsole.orgOrigin.replace('https:', 'http:'))}`]) {
        const result = await load(query);
        assert.match(result.message ?? '', refusedWith, query);
        assert.equal(result.defined, false);
      }
      const myLightning = '?mode=Lightning&sfdcIframeOrigin=https%3A%2F%2Facme.my-lightning.com';
      assert.match((await load(myLightning, '43.0')).message ?? '', refusedWith, 'older libraries know only force.com and salesforce.com');
      assert.deepEqual(await load(myLightning, '60.0'), { message: null, defined: true });
      assert.deepEqual(await load(`?mode=Lightning&sfdcIframeOrigin=${org}`), { message: null, defined: true });

      await page.goto(`${vf}/apex/SwitchboardSoftphone`); // opened by hand, outside the console
      await page.waitForFunction(() => window.adapter?.error);
      assert.equal(await page.evaluate(() => adapter.error.code), 'opencti.no_origin');
      await page.close();
    } finally {
      await t.close();
    }
  });
});
