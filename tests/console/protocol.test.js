// The Open CTI wire protocol in Chromium, for both generations of the library: the test adapter
// drives the product's shim (host.call → sforce.opencti → postMessage → console → reply → shim →
// host.response/host.event), and raw messages probe what each side accepts.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser } from './browser.js';
import { ACME, ADA, CALL_CHANNEL, consoleWithAdapter, logged } from './helpers.js';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

const GENERATIONS = [
  { name: '≤ 43 library (legacy)', apiVersion: '43.0', legacy: true },
  { name: '≥ 55 library (flags)', apiVersion: '60.0', legacy: false },
];

for (const generation of GENERATIONS) {
  const version = Number.parseInt(generation.apiVersion, 10);

  describe(generation.name, () => {
    let t;
    before(async () => {
      t = await consoleWithAdapter({ apiVersion: generation.apiVersion, browser });
    });
    after(() => t?.close());

    test('requests carry exactly the documented fields, callId counting from 0', async () => {
      await t.call('getAppViewInfo');
      await t.call('screenPop', { type: 'objecthome', params: { scope: 'Account' }, defaultFieldValues: { Name: 'dropped' } });
      await t.call('saveLog', { value: { entityApiName: 'Task', Subject: 'wire check' } });
      const requests = logged(await t.state(), 'in').map((m) => m.data);
      assert.deepEqual(requests.map((r) => r.callId), requests.map((_, i) => i));
      assert.equal(requests[0].methodName, 'notifyInitializationComplete');
      for (const r of requests) {
        assert.deepEqual(Object.keys(r).sort(), ['apiType', 'apiVersion', 'args', 'callId', 'isCallbackRegistered', 'isListenerRegistered', 'methodName']);
        assert.equal(r.apiVersion, version);
        assert.equal(r.apiType, 'opencti');
        assert.equal(r.isCallbackRegistered, true);
        assert.equal(r.isListenerRegistered, false);
      }
      const byMethod = Object.fromEntries(requests.map((r) => [r.methodName, r.args]));
      assert.deepEqual(byMethod.getAppViewInfo, {});
      assert.deepEqual(byMethod.screenPop, { type: 'objecthome', params: { scope: 'Account' } });
      assert.deepEqual(byMethod.saveLog, { object: { entityApiName: 'Task', Subject: 'wire check' } });
    });

    test('every method round-trips with the documented result', async () => {
      const ok = async (method, args) => {
        const { response, timeout } = await t.call(method, args);
        assert.ok(!timeout, `${method} was not answered`);
        assert.equal(response.success, true, `${method}: ${JSON.stringify(response.errors)}`);
        assert.equal(response.errors, null);
        return response.returnValue;
      };
      assert.equal(await ok('enableClickToDial'), null);
      assert.equal(await ok('disableClickToDial'), null);
      assert.equal(await ok('refreshView'), null);
      assert.equal(await ok('notifyInitializationComplete'), null);
      assert.match((await ok('getAppViewInfo')).url, new RegExp(`^${t.konsole.orgOrigin}/lightning/`));
      const settings = await ok('getCallCenterSettings');
      assert.equal(settings['/switchboard/pbxWebSocketUrl'], 'ws://127.0.0.1:8088');
      assert.equal(settings['/reqDialingOptions/reqOutsidePrefix'], '9');
      const layout = await ok('getSoftphoneLayout');
      assert.deepEqual(Object.keys(layout).sort(), ['Inbound', 'Internal', 'Outbound']);
      assert.equal(layout.Inbound.screenPopSettings.MultipleMatches.screenPopType, 'PopToSearch');
      assert.deepEqual(await ok('isSoftphonePanelVisible'), { visible: false });
      assert.equal(await ok('setSoftphonePanelVisibility', { visible: true }), null);
      assert.deepEqual(await ok('isSoftphonePanelVisible'), { visible: true });
      assert.equal(await ok('setSoftphonePanelHeight', { heightPX: 480 }), null);
      assert.equal(await ok('setSoftphonePanelWidth', { widthPX: 320 }), null);
      assert.equal(await ok('setSoftphonePanelLabel', { label: 'Switchboard' }), null);
      assert.equal(await ok('setSoftphonePanelIcon', { key: 'end_call' }), null);
      assert.equal(await ok('setSoftphoneItemLabel', { label: 'On a call' }), null);
      assert.equal(await ok('setSoftphoneItemIcon', { key: 'call' }), null);
      assert.equal(await ok('screenPop', { type: 'sobject', params: { recordId: ACME } }), null);
      const found = await ok('searchAndScreenPop', { searchParams: '+14155550142', callType: 'inbound' });
      assert.deepEqual(Object.keys(found), [ADA]);
      assert.equal(found[ADA].RecordType, 'Contact');
      const { recordId } = await ok('saveLog', { value: { entityApiName: 'Task', Subject: 'round trip', CallType: 'Inbound' } });
      assert.match(recordId, /^00T/);
      const apex = await ok('runApex', { apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig', methodParams: '' });
      assert.equal(JSON.parse(apex.runApex).sip.user, '1001');

      const panel = await t.page.evaluate(() => {
        const el = document.getElementById('softphone-panel');
        return { open: el.classList.contains('slds-is-open'), width: el.style.width, height: el.style.height, label: document.getElementById('panel-heading').textContent, item: document.getElementById('item-label').textContent };
      });
      assert.deepEqual(panel, { open: true, width: '320px', height: '480px', label: 'Switchboard', item: 'On a call' });
      const state = await t.state();
      assert.equal(state.panel.icon, 'end_call');
      assert.ok(state.tasks.some((task) => task.Id === recordId && task.Subject === 'round trip'));
    });

    if (version >= 47) {
      test('hvs and Lightning Message Service methods round-trip (46+/47+)', async () => {
        await t.send('hvs.onWorkStart', {}, { callback: false, listener: true });
        await t.settle();
        const work = await t.page.evaluate(() => konsole.startWork());
        await t.waitForEvents('hvs.onWorkStart', 1);
        assert.deepEqual((await t.events('hvs.onWorkStart'))[0].payload, work);
        const done = await t.call('hvs.completeWork', { workId: work.workId, attributes: { disposition: 'Resolved', taskId: '00T', wasConnected: true } });
        assert.equal(done.response.success, true);
        const sub = await t.call('subscribe', { channelName: CALL_CHANNEL }, { callback: true, listener: true });
        assert.equal(sub.response.success, true);
        assert.equal(sub.response.returnValue.subscription.channelName, CALL_CHANNEL);
        const pub = await t.call('publish', { channelName: CALL_CHANNEL, message: { kind: 'call', call: null, dispositions: [] } });
        assert.equal(pub.response.success, true);
        const unsub = await t.call('unsubscribe', { subscription: sub.response.returnValue.subscription });
        assert.equal(unsub.response.success, true);
        const subscribeArgs = logged(await t.state(), 'in', 'subscribe')[0].data.args;
        assert.deepEqual(subscribeArgs, { eventName: CALL_CHANNEL, subscription: {} });
      });
    } else {
      test('hvs (46+) and message channel (47+) methods do not exist in this version', async () => {
        for (const method of ['hvs.completeWork', 'subscribe', 'publish', 'unsubscribe']) {
          const { response } = await t.call(method, { channelName: CALL_CHANNEL });
          assert.equal(response.success, false);
          assert.equal(response.errors[0].code, 'GENERIC_ERROR');
          assert.match(response.errors[0].description, /not available in this Open CTI version/);
        }
      });
    }

    test('a listener registration is never answered; its listener fires once per event', async () => {
      await t.send('onClickToDial', {}, { callback: false, listener: true });
      await t.send('onClickToDial', {}, { callback: false, listener: true }); // the core asking twice
      await t.send('onNavigationChange', {}, { callback: false, listener: true });
      await t.settle();
      let state = await t.state();
      assert.equal(logged(state, 'in', 'onClickToDial').length, 1, 'the shim registers the listener once');
      assert.equal(logged(state, 'out', 'onClickToDial').length, 0, 'no reply to a registration');
      assert.equal((await t.events('onClickToDial')).length, 0);
      await t.call('enableClickToDial');
      await t.page.evaluate(() => konsole.navigate('/lightning/o/Contact/list')); // a list view: no event
      await t.page.evaluate((id) => konsole.openRecord(id), ACME);
      await t.page.evaluate((id) => konsole.openRecord(id), ADA);
      await t.waitForEvents('onNavigationChange', 2);
      assert.equal(await t.page.evaluate((id) => konsole.clickToDial(id, 'Phone'), ADA), true);
      await t.waitForEvents('onClickToDial', 1);
      await t.settle();
      const clicks = await t.events('onClickToDial');
      assert.equal(clicks.length, 1);
      assert.deepEqual(clicks[0].payload, { number: '+1 415 555 0142', recordId: ADA, recordName: 'Ada Lovelace', objectType: 'Contact', personAccount: false });
      const nav = await t.events('onNavigationChange');
      assert.deepEqual(nav.map((e) => e.payload.recordId), [ACME, ADA]);
      assert.deepEqual(nav[1].payload, { url: `${t.konsole.orgOrigin}/lightning/r/${ADA}/view`, recordId: ADA, recordName: 'Ada Lovelace', objectType: 'Contact', personAccount: false });
      state = await t.state();
      assert.equal(logged(state, 'out', 'onClickToDial').length, 1, 'one event message per click');
    });

    test(`${generation.legacy ? 'every accepted message runs' : 'only shouldExecute… flags run'} callbacks and listeners`, async () => {
      const before = (await t.events('onClickToDial')).length;
      const post = (data) => t.page.evaluate((d) => konsole.postToSoftphone(d), data);
      const base = { apiVersion: version, apiType: 'opencti', methodName: 'onClickToDial' };
      await post({ ...base, callId: 9999, shouldExecuteCallback: true, response: { success: true, returnValue: null, errors: null } });
      await post({ ...base, shouldExecuteListener: false, response: { number: 'not flagged' } });
      await post({ ...base, shouldExecuteListener: true, response: { number: 'flagged' } });
      await t.settle();
      const numbers = (await t.events('onClickToDial')).slice(before).map((e) => e.payload.number ?? e.payload);
      if (generation.legacy) {
        assert.deepEqual(numbers, [{ success: true, returnValue: null, errors: null }, 'not flagged', 'flagged']);
      } else {
        assert.deepEqual(numbers, ['flagged']);
      }

      // A reply without shouldExecuteCallback for a pending call.
      await t.page.evaluate(() => konsole.setDelay('getAppViewInfo', 400));
      const pending = t.call('getAppViewInfo');
      await t.settle(100);
      const callId = logged(await t.state(), 'in', 'getAppViewInfo').at(-1).data.callId;
      await post({ apiVersion: version, apiType: 'opencti', methodName: 'getAppViewInfo', callId, response: { success: true, returnValue: { url: 'unflagged' }, errors: null } });
      const { response } = await pending;
      await t.page.evaluate(() => konsole.setDelay('getAppViewInfo', 0));
      assert.equal(response.returnValue.url === 'unflagged', generation.legacy);
    });

    test('the library ignores messages from another origin or with another apiVersion or apiType', async () => {
      const before = (await t.events('onClickToDial')).length;
      const event = { apiVersion: version, apiType: 'opencti', methodName: 'onClickToDial', shouldExecuteListener: true };
      await t.sp().evaluate((e) => window.postMessage({ ...e, response: { number: 'own origin' } }, '*'), event);
      const post = (data) => t.page.evaluate((d) => konsole.postToSoftphone(d), data);
      await post({ ...event, apiVersion: version + 1, response: { number: 'other version' } });
      await post({ ...event, apiVersion: String(version), response: { number: 'version as text' } });
      await post({ ...event, apiType: 'OpenCTI', response: { number: 'other apiType' } });
      await post({ ...event, response: { number: 'accepted' } });
      await t.settle();
      assert.deepEqual((await t.events('onClickToDial')).slice(before).map((e) => e.payload.number), ['accepted']);
    });

    test('the console ignores requests from another origin or frame, or in another format', async () => {
      const request = { methodName: 'setSoftphonePanelLabel', callId: 7777, apiVersion: version, apiType: 'opencti', isCallbackRegistered: true, isListenerRegistered: false, args: { label: 'HIJACKED' } };
      await t.page.evaluate((r) => window.postMessage(r, '*'), request); // from the console's own origin
      const fromSoftphone = (r) => t.sp().evaluate(([req, origin]) => window.parent.postMessage(req, origin), [r, t.konsole.orgOrigin]);
      await fromSoftphone({ ...request, apiType: 'interaction' });
      await fromSoftphone({ ...request, apiVersion: String(version) });
      await fromSoftphone({ ...request, apiVersion: 99 });
      await fromSoftphone({ ...request, callId: -1 });
      await fromSoftphone({ ...request, args: 'label=HIJACKED' });
      await fromSoftphone({ ...request, methodName: 'deleteEverything' });
      await fromSoftphone({ ...request, isCallbackRegistered: 'yes' });
      await fromSoftphone('setSoftphonePanelLabel');
      // Same origin as the softphone, but another frame.
      await t.sp().evaluate(([req, origin]) => new Promise((resolve) => {
        const nested = document.createElement('iframe');
        nested.src = '/apex/SwitchboardStandby';
        nested.onload = () => {
          nested.contentWindow.eval(`window.parent.parent.postMessage(${JSON.stringify(req)}, ${JSON.stringify(origin)})`);
          resolve();
        };
        document.body.appendChild(nested);
      }), [request, t.konsole.orgOrigin]);
      await t.settle(300);
      const state = await t.state();
      assert.notEqual(state.panel.label, 'HIJACKED');
      const reasons = state.messages.filter((m) => m.dir === 'rejected').map((m) => m.reason);
      for (const pattern of [/origin https:\/\/acme\.lightning\.force\.com:\d+ is not the softphone's/, /apiType is not "opencti"/, /apiVersion "\d+" is not/, /apiVersion 99 is not/,
        /callId is not a non-negative integer/, /args is not an object/, /unknown methodName "deleteEverything"/, /must be booleans/, /not an object/, /not sent by the softphone frame/]) {
        assert.ok(reasons.some((r) => pattern.test(r)), `${pattern} in ${reasons.join(' | ')}`);
      }
      assert.equal(logged(state, 'out', 'setSoftphonePanelLabel').filter((m) => m.data.callId === 7777).length, 0);
      await fromSoftphone(request); // the same request, properly sent, is accepted
      await t.settle();
      assert.equal((await t.state()).panel.label, 'HIJACKED');
    });

    test('documented synchronous throws inside the adapter frame', async () => {
      const thrown = await t.sp().evaluate((hvs) => {
        const o = window.sforce.opencti;
        const f = () => {};
        const attempt = (fn) => {
          try {
            fn();
            return null;
          } catch (err) {
            return err.message;
          }
        };
        return {
          noArgument: attempt(() => o.getAppViewInfo()),
          emptyObject: attempt(() => o.getAppViewInfo({})),
          twoArguments: attempt(() => o.getAppViewInfo({ callback: f }, {})),
          notAnObject: attempt(() => o.setSoftphonePanelLabel('x')),
          noCallback: ['getAppViewInfo', 'getCallCenterSettings', 'getSoftphoneLayout', 'isSoftphonePanelVisible'].map((m) => attempt(() => o[m]({ x: 1 }))),
          noListener: ['onClickToDial', 'onNavigationChange'].map((m) => attempt(() => o[m]({ callback: f }))),
          hvsNoListener: hvs ? attempt(() => o.hvs.onWorkStart({ callback: f })) : 'n/a',
          lmsNoListener: o.subscribe ? attempt(() => o.subscribe({ channelName: 'Switchboard_Call__c', callback: f })) : 'n/a',
          saveLogNoValue: attempt(() => o.saveLog({ callback: f })),
          saveLogTextValue: attempt(() => o.saveLog({ value: 'Subject=x' })),
          optional: [attempt(() => o.refreshView()), attempt(() => o.enableClickToDial()), attempt(() => o.disableClickToDial()), attempt(() => o.refreshView({}))],
        };
      }, version >= 46);
      assert.match(thrown.noArgument, /getAppViewInfo: expects exactly one object argument/);
      assert.match(thrown.emptyObject, /expects a non-empty object argument/);
      assert.match(thrown.twoArguments, /expects exactly one object argument/);
      assert.match(thrown.notAnObject, /expects exactly one object argument/);
      thrown.noCallback.forEach((m) => assert.match(m, /callback is required/));
      thrown.noListener.forEach((m) => assert.match(m, /listener is required/));
      if (version >= 46) assert.match(thrown.hvsNoListener, /hvs\.onWorkStart: listener is required/);
      if (version >= 47) assert.match(thrown.lmsNoListener, /subscribe: listener is required/);
      assert.match(thrown.saveLogNoValue, /saveLog: value must be an object/);
      assert.match(thrown.saveLogTextValue, /saveLog: value must be an object/);
      assert.deepEqual(thrown.optional, [null, null, null, null]);
      // Through the shim, the throw reaches the core as a response.
      const { response } = await t.call('getAppViewInfo', { x: 1 }, { callback: false, timeoutMs: 500 });
      assert.deepEqual(response, { success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR', description: 'sforce.opencti.getAppViewInfo: callback is required' }] });
      const empty = await t.call('notifyInitializationComplete', {}, { callback: false, timeoutMs: 500 });
      assert.equal(empty.response.errors[0].description, 'sforce.opencti.notifyInitializationComplete: expects a non-empty object argument');
    });

    test('injected errors answer the first N calls; delays hold replies back', async () => {
      const inject = (...a) => t.page.evaluate((args) => konsole.injectError(...args), a);
      await inject('getAppViewInfo', 'SERVER_ERROR', 2);
      await inject('setSoftphonePanelHeight', 'SOFTPHONE_CONTAINER_ERROR', 1);
      await inject('saveLog', 'INVALID_PARAM', 1, 'custom description');
      await inject('runApex', 'GENERIC_ERROR', 1);
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await t.call('getAppViewInfo')).response.errors?.[0].code ?? 'ok');
      assert.deepEqual(codes, ['SERVER_ERROR', 'SERVER_ERROR', 'ok']);
      const container = (await t.call('setSoftphonePanelHeight', { heightPX: 400 })).response;
      assert.deepEqual(container, { success: false, returnValue: null, errors: [{ code: 'SOFTPHONE_CONTAINER_ERROR', description: "The softphone container hasn't initialized yet. Try again later.", details: null }] });
      assert.equal((await t.call('saveLog', { value: { entityApiName: 'Task' } })).response.errors[0].description, 'custom description');
      assert.equal((await t.call('runApex', { apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig' })).response.errors[0].code, 'GENERIC_ERROR');
      assert.equal((await t.call('setSoftphonePanelHeight', { heightPX: 400 })).response.success, true);

      await inject('isSoftphonePanelVisible', 'NO_REPLY', 1);
      assert.equal((await t.call('isSoftphonePanelVisible', {}, { timeoutMs: 600 })).timeout, true);
      assert.equal((await t.call('isSoftphonePanelVisible')).response.success, true);

      await t.page.evaluate(() => konsole.setDelay('getCallCenterSettings', 500));
      const order = await t.sp().evaluate(async () => {
        const seen = [];
        const started = performance.now();
        const slow = adapter.hostCall('getCallCenterSettings').then(() => seen.push(['slow', performance.now() - started]));
        const fast = adapter.hostCall('isSoftphonePanelVisible').then(() => seen.push(['fast', performance.now() - started]));
        await Promise.all([slow, fast]);
        return seen;
      });
      await t.page.evaluate(() => konsole.clearInjections());
      assert.deepEqual(order.map(([name]) => name), ['fast', 'slow']);
      assert.ok(order[1][1] >= 480, `delayed reply after ${order[1][1]} ms`);
      assert.deepEqual((await t.state()).injections, { errors: {}, delays: {} });
      assert.deepEqual(t.errors, []);
    });
  });
}
