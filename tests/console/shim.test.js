// js-shim/src/handlers/opencti.js without a browser: the host.call handler against a recording
// stand-in for sforce.opencti, and the origin checks of connectOpenCti.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SALESFORCE_ORIGIN, connectOpenCti, openCtiHandlers, openCtiLibraryUrl } from '../../js-shim/src/handlers/opencti.js';

// Records every call; answers callbacks with `answer(method, arg)` unless it returns undefined.
function fakeOpenCti(answer = () => ({ success: true, returnValue: null, errors: null })) {
  const calls = [];
  const method = (name) => (arg) => {
    calls.push({ name, arg });
    if (name === 'getAppViewInfo' && !arg.callback) throw new Error('sforce.opencti.getAppViewInfo: callback is required');
    const response = answer(name, arg);
    if (response !== undefined && arg.callback) arg.callback(response);
  };
  const opencti = {
    getAppViewInfo: method('getAppViewInfo'),
    onClickToDial: method('onClickToDial'),
    saveLog: method('saveLog'),
    subscribe: method('subscribe'),
    unsubscribe: method('unsubscribe'),
    hvs: { completeWork: method('hvs.completeWork'), onWorkStart: method('hvs.onWorkStart') },
  };
  return { opencti, calls };
}

function run(handlers, effect) {
  const posted = [];
  handlers['host.call']({ type: 'host.call', callback: false, ...effect }, (e) => posted.push(e));
  return posted;
}

test('a callback reply becomes host.response with the same req, args passed through unchanged', () => {
  const { opencti, calls } = fakeOpenCti(() => ({ success: true, returnValue: { url: 'u' }, errors: null }));
  const handlers = openCtiHandlers(opencti);
  const posted = run(handlers, { req: 7, method: 'getAppViewInfo', args: {}, callback: true });
  assert.deepEqual(posted, [{ type: 'host.response', req: 7, response: { success: true, returnValue: { url: 'u' }, errors: null } }]);
  const value = { entityApiName: 'Task', Subject: 'Call' };
  run(handlers, { req: 8, method: 'saveLog', args: { value }, callback: false });
  assert.deepEqual(calls[1].arg, { value });
  assert.equal('callback' in calls[1].arg, false);
});

test('dotted hvs methods are called on their namespace', () => {
  const { opencti, calls } = fakeOpenCti();
  const posted = run(openCtiHandlers(opencti), { req: 1, method: 'hvs.completeWork', args: { workId: 'w1' }, callback: true });
  assert.equal(calls[0].name, 'hvs.completeWork');
  assert.equal(posted[0].response.success, true);
});

test('a listener is registered once per method and delivers payloads as host.event', () => {
  const { opencti, calls } = fakeOpenCti();
  const handlers = openCtiHandlers(opencti);
  const posted = [];
  const post = (e) => posted.push(e);
  handlers['host.call']({ type: 'host.call', req: 1, method: 'onClickToDial', args: {}, callback: false, listener: true }, post);
  handlers['host.call']({ type: 'host.call', req: 2, method: 'onClickToDial', args: {}, callback: false, listener: true }, post);
  assert.equal(calls.length, 1);
  calls[0].arg.listener({ number: '+1 415 555 0142', recordId: '003' });
  assert.deepEqual(posted, [{ type: 'host.event', method: 'onClickToDial', payload: { number: '+1 415 555 0142', recordId: '003' } }]);
});

test('a synchronous throw from the library becomes a GENERIC_ERROR host.response, even without callback', () => {
  const { opencti } = fakeOpenCti();
  const posted = run(openCtiHandlers(opencti), { req: 3, method: 'getAppViewInfo', args: {}, callback: false });
  assert.deepEqual(posted, [
    { type: 'host.response', req: 3, response: { success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR', description: 'sforce.opencti.getAppViewInfo: callback is required' }] } },
  ]);
});

test('unknown or unsafe method names and non-object args are answered with an error', () => {
  const { opencti, calls } = fakeOpenCti();
  const handlers = openCtiHandlers(opencti);
  for (const method of ['publish', 'constructor', '__proto__.x', 'hvs', 'getAppViewInfo.call', 42]) {
    const [posted] = run(handlers, { req: 1, method, args: {}, callback: true });
    assert.equal(posted.response.success, false, String(method));
    assert.match(posted.response.errors[0].description, /is not available/);
  }
  const [bad] = run(handlers, { req: 2, method: 'saveLog', args: ['x'], callback: true });
  assert.match(bad.response.errors[0].description, /args must be an object/);
  assert.equal(calls.length, 0);
});

test('LMS: one subscription per channel, messages as host.event {method: channel}', () => {
  const subscription = { id: 'sub-1', channelName: 'Switchboard_Call__c' };
  let answerLater;
  const { opencti, calls } = fakeOpenCti((name, arg) => {
    if (name === 'subscribe') {
      answerLater = () => arg.callback({ success: true, returnValue: { subscription }, errors: null });
      return undefined;
    }
    return { success: true, returnValue: null, errors: null };
  });
  const handlers = openCtiHandlers(opencti);
  const posted = [];
  const post = (e) => posted.push(e);
  const subscribe = (req) =>
    handlers['host.call']({ type: 'host.call', req, method: 'subscribe', args: { channelName: 'Switchboard_Call__c' }, callback: true, listener: true }, post);
  subscribe(1);
  subscribe(2); // while the first is pending
  answerLater();
  subscribe(3); // after
  assert.equal(calls.filter((c) => c.name === 'subscribe').length, 1);
  assert.deepEqual(posted.map((e) => e.req), [1, 2, 3]);
  assert.ok(posted.every((e) => e.response.returnValue.subscription.id === 'sub-1'));
  calls[0].arg.listener({ kind: 'edit', callId: 'c1', notes: 'hi' });
  assert.deepEqual(posted.at(-1), { type: 'host.event', method: 'Switchboard_Call__c', payload: { kind: 'edit', callId: 'c1', notes: 'hi' } });
  handlers['host.call']({ type: 'host.call', req: 4, method: 'unsubscribe', args: { subscription }, callback: true }, post);
  assert.equal(posted.at(-1).req, 4);
  subscribe(5);
  assert.equal(calls.filter((c) => c.name === 'subscribe').length, 2, 'subscribes again after unsubscribe');
});

function fakeWindow(href) {
  const url = new URL(href);
  return { location: { href, search: url.search, protocol: url.protocol, hostname: url.hostname } };
}

test('connectOpenCti refuses pages without Salesforce parameters or with a foreign origin, clearly', async () => {
  const page = 'https://acme--c.vf.force.com/apex/SwitchboardSoftphone';
  const refuse = (href, code, pattern) =>
    assert.rejects(connectOpenCti({ window: fakeWindow(href) }), (err) => err.code === code && pattern.test(err.message));
  await refuse(page, 'opencti.no_origin', /no sfdcIframeOrigin parameter/);
  await refuse(`${page}?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://evil.example.com')}`, 'opencti.bad_origin', /evil\.example\.com.*not an https Salesforce origin/);
  await refuse(`${page}?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('https://acme.lightning.force.com.evil.com')}`, 'opencti.bad_origin', /not an https Salesforce origin/);
  await refuse(`${page}?mode=Lightning&sfdcIframeOrigin=${encodeURIComponent('http://acme.lightning.force.com')}`, 'opencti.bad_origin', /not an https/);
  await refuse(`${page}?sfdcIframeOrigin=${encodeURIComponent('https://acme.lightning.force.com')}`, 'opencti.no_mode', /no mode parameter/);
  await assert.rejects(connectOpenCti({ window: fakeWindow(page), apiVersion: '60' }), (err) => err.code === 'opencti.bad_version');
});

test('Salesforce origins accepted, and where the library is loaded from', () => {
  for (const origin of ['https://acme.lightning.force.com', 'https://acme.my.salesforce.com:8443', 'https://acme--c.vf.force.com',
    'https://acme.my-lightning.com', 'https://acme.lightning.force.com.mcas.ms', 'https://acme.lightning.crmforce.mil']) {
    assert.ok(SALESFORCE_ORIGIN.test(origin), origin);
  }
  for (const origin of ['https://force.com', 'https://acme.force.com/', 'https://acme.force.com.evil.com', 'https://evil.com#.force.com', 'https://127.0.0.1']) {
    assert.ok(!SALESFORCE_ORIGIN.test(origin), origin);
  }
  const origin = 'https://acme.lightning.force.com';
  assert.equal(openCtiLibraryUrl({ pageUrl: 'https://acme--c.vf.force.com/apex/P?x=1', origin, apiVersion: '60.0' }), '/support/api/60.0/lightning/opencti_min.js');
  assert.equal(openCtiLibraryUrl({ pageUrl: 'https://softphone.example.com/app', origin, apiVersion: '43.0' }), `${origin}/support/api/43.0/lightning/opencti_min.js`);
});
