// The emulated org without a browser: call center definitions, search, saveLog's DML, Apex.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { applySettings, checkCallCenter, flattenCallCenter, parseCallCenterXml } from './lib/callcenter.js';
import { ApiError, DmlError, Org, ephemeralCredentials } from './lib/org.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(fs.readFileSync(path.join(HERE, 'fixtures/org.json'), 'utf8'));
const layout = JSON.parse(fs.readFileSync(path.join(HERE, 'fixtures/layout.json'), 'utf8'));
const xml = fs.readFileSync(path.join(HERE, 'fixtures/callcenter.xml'), 'utf8');
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const ALEX = '0055e00000A0001AAC';

function newOrg(settings = {}) {
  const callCenterSettings = flattenCallCenter(applySettings(parseCallCenterXml(xml), settings));
  return new Org({ fixture, callCenterSettings, labSecret: 'lab-secret', now: () => NOW });
}

test('the lab call center flattens into the /section/item map getCallCenterSettings returns', () => {
  const def = parseCallCenterXml(xml);
  assert.deepEqual(checkCallCenter(def), []);
  const map = flattenCallCenter(def);
  assert.equal(map['/reqGeneralInfo/reqAdapterUrl'], '/apex/SwitchboardSoftphone');
  assert.equal(map['/reqDialingOptions/reqOutsidePrefix'], '9');
  assert.equal(map['/reqDialingOptions/reqInternationalPrefix'], '011');
  assert.equal(map['/switchboard/label'], 'Switchboard');
  assert.equal(map['/switchboard/sortOrder'], '2');
  assert.equal(map['/switchboard/dispositions'], 'Resolved;Follow-up needed;Left voicemail;Wrong number');
  assert.equal(map['/switchboard/popFlow'], '');
  for (const item of ['pbxWebSocketUrl', 'sipDomain', 'credentialMode', 'defaultCountryCode', 'acwSeconds', 'dispositions',
    'dispositionRequired', 'awayReasons', 'noMatchPop', 'multipleMatchPop', 'popFlow', 'popUrl', 'dialFormat', 'startStatus', 'logMissedCalls']) {
    assert.equal(typeof map[`/switchboard/${item}`], 'string', item);
  }
  assert.ok(Object.values(map).every((v) => typeof v === 'string'));
});

test('settings override items by path or by section, and add new ones with the next sortOrder', () => {
  const def = applySettings(parseCallCenterXml(xml), {
    '/switchboard/pbxWebSocketUrl': 'wss://pbx.example.com:8089/ws',
    switchboard: { acwSeconds: 0, popUrl: '/apex/CallNotes?n={number}' },
    '/reqGeneralInfo/reqTimeout': 5000,
  });
  const map = flattenCallCenter(def);
  assert.equal(map['/switchboard/pbxWebSocketUrl'], 'wss://pbx.example.com:8089/ws');
  assert.equal(map['/switchboard/acwSeconds'], '0');
  assert.equal(map['/reqGeneralInfo/reqTimeout'], '5000');
  assert.deepEqual(checkCallCenter(def), []);
  assert.throws(() => applySettings(parseCallCenterXml(xml), { switchboard: 'x' }), /neither "\/section\/item" nor a section object/);
});

test('a definition Salesforce would refuse or hide is reported item by item', () => {
  const bad = xml
    .replace('sortOrder="3" name="defaultCountryCode"', 'sortOrder="30" name="defaultCountryCode"')
    .replace('name="dialFormat"', 'name="reqDialFormat"')
    .replace('>Lightning<', '>Classic<')
    .replace('>540<', '>100<');
  const problems = checkCallCenter(parseCallCenterXml(bad));
  assert.ok(problems.some((p) => /section switchboard items: sortOrder values must run from 0/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /reqDialFormat: names starting with "req" are reserved/.test(p)));
  assert.ok(problems.some((p) => /reqSalesforceCompatibilityMode is "Classic"/.test(p)));
  assert.ok(problems.some((p) => /reqSoftphoneHeight must be an integer from 240 to 2560/.test(p)));
  assert.throws(() => parseCallCenterXml('<nope/>'), /no <callCenter> root element/);
});

test('phone search matches stored numbers in any format, by digits contained', () => {
  const org = newOrg();
  const ids = (q) => org.search(q).map((r) => r.Id).sort();
  assert.deepEqual(ids('+14155550142'), ['0035e00000A0001AAC']); // stored "+1 415 555 0142"
  assert.deepEqual(ids('(415) 555-0143'), ['0035e00000A0001AAC']); // MobilePhone "415-555-0143"
  assert.deepEqual(ids('+14155550100'), ['0015e00000A0001AAC']); // "(415) 555-0100"
  assert.deepEqual(ids('4155550150'), ['0035e00000A0005AAC']); // raw digits
  assert.deepEqual(ids('+442079460958'), ['0015e00000A0002AAC']); // "+44 20 7946 0958"
  assert.deepEqual(ids('7575550110'), ['00Q5e00000A0002AAC']); // "757-555-0110 ext. 12"
  assert.deepEqual(ids('+12125550175'), ['0035e00000A0003AAC', '0035e00000A0004AAC']); // two formats, two contacts
  assert.deepEqual(ids('+12025550147'), ['0015e00000A0004AAC']); // person account, not its contact
  assert.ok(ids('555').length > 5, 'three digits match every number containing them');
  assert.deepEqual(ids('55'), []); // fewer than 3 characters: no search
  assert.deepEqual(ids('+15555550000'), []);
  assert.deepEqual(ids('lovelace'), ['0035e00000A0001AAC']);
  assert.deepEqual(ids('Apollo'), ['00Q5e00000A0001AAC']);
});

test('the layout search returns only the layout objects of the call type, keyed by Id', () => {
  const org = newOrg();
  const inbound = org.layoutSearch('+14155550142', layout.Inbound);
  assert.deepEqual(Object.keys(inbound), ['0035e00000A0001AAC']);
  const row = inbound['0035e00000A0001AAC'];
  assert.equal(row.Id, '0035e00000A0001AAC');
  assert.equal(row.Name, 'Ada Lovelace');
  assert.equal(row.RecordType, 'Contact');
  assert.equal(row.Phone, '+1 415 555 0142');
  assert.equal(row.AccountId, '0015e00000A0001AAC');
  assert.match(row.LastModifiedDate, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(org.layoutSearch('+14155550142', layout.Internal), {}); // no objects for internal calls
  const person = org.layoutSearch('+12025550147', layout.Inbound)['0015e00000A0004AAC'];
  assert.equal(person.personAccount, true);
  assert.equal(person.contactId, '0035e00000A0009AAC');
});

test('saveLog creates a Task with defaults, then updates it', () => {
  const org = newOrg();
  const id = org.save(
    { entityApiName: 'Task', Subject: 'Call +1 415-555-0142', CallType: 'Inbound', CallDurationInSeconds: 42, CallObject: 'a84c-1',
      CallDisposition: 'Resolved', WhoId: '0035e00000A0001AAC', WhatId: '0015e00000A0001AAC', ActivityDate: '2025-01-15', Status: 'Completed' },
    { userId: ALEX },
  );
  assert.match(id, /^00T[a-zA-Z0-9]{12}AAC$/);
  let task = org.get(id);
  assert.equal(task.OwnerId, ALEX);
  assert.equal(task.Priority, 'Normal');
  assert.equal(task.IsClosed, true);
  assert.equal(task.CallDurationInSeconds, 42);
  assert.equal(org.save({ Id: id, CallDisposition: 'Follow-up needed', CallDurationInSeconds: '61' }, { userId: ALEX }), id);
  task = org.get(id);
  assert.equal(task.CallDisposition, 'Follow-up needed');
  assert.equal(task.CallDurationInSeconds, 61);
  assert.equal(org.list('Task').length, 1);
});

test('saveLog refuses bad values with Salesforce status codes naming the field', () => {
  const org = newOrg();
  const refused = (value, statusCode, pattern) =>
    assert.throws(() => org.save(value, { userId: ALEX }), (err) => err instanceof DmlError && err.statusCode === statusCode && pattern.test(err.message));
  refused({ entityApiName: 'Contact', FirstName: 'No' }, 'REQUIRED_FIELD_MISSING', /\[LastName\]/);
  refused({ entityApiName: 'Lead', LastName: 'X' }, 'REQUIRED_FIELD_MISSING', /\[Company\]/);
  refused({ entityApiName: 'Task', Status: '' }, 'REQUIRED_FIELD_MISSING', /\[Status\]/);
  refused({ entityApiName: 'Task', CallType: 'Sideways' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', /CallType/);
  refused({ entityApiName: 'Task', CallDurationInSeconds: 'long' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', /CallDurationInSeconds/);
  refused({ entityApiName: 'Task', ActivityDate: '2025-02-30' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', /ActivityDate/);
  refused({ entityApiName: 'Task', Subject: 'x'.repeat(256) }, 'STRING_TOO_LONG', /Subject/);
  refused({ entityApiName: 'Task', Colour: 'red' }, 'INVALID_FIELD', /No such column 'Colour' on entity 'Task'/);
  refused({ entityApiName: 'Task', WhoId: '0015e00000A0001AAC' }, 'FIELD_INTEGRITY_EXCEPTION', /WhoId/);
  refused({ entityApiName: 'Task', WhatId: '0015e00000A9999AAC' }, 'INVALID_CROSS_REFERENCE_KEY', /WhatId/);
  refused({ entityApiName: 'Task', WhoId: 'not-an-id' }, 'MALFORMED_ID', /WhoId/);
  refused({ Id: '00T5e00000A9999AAC', Subject: 'x' }, 'INVALID_CROSS_REFERENCE_KEY', /invalid cross reference id/);
  refused({ entityApiName: 'Opportunity', Name: 'x' }, 'INVALID_TYPE', /Opportunity/);
  assert.throws(() => org.save({ Subject: 'x' }), (err) => err instanceof ApiError && err.code === 'INVALID_PARAM');
  assert.throws(() => org.save('Subject=x'), (err) => err instanceof ApiError && err.code === 'INVALID_PARAM');
  assert.equal(org.list('Task').length, 0, 'nothing was written');
});

test('getAgentConfig issues autheph credentials that openssl computes the same way', () => {
  const org = newOrg();
  const config = JSON.parse(org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig', methodParams: '' }, { userId: ALEX }));
  const expires = Math.floor(NOW / 1000) + 3600;
  assert.deepEqual(Object.keys(config), ['sip', 'colleagues']);
  assert.deepEqual(config.colleagues, [{ name: 'Blair Agent', target: '1002' }]);
  assert.equal(config.sip.user, '1001');
  assert.equal(config.sip.display_name, 'Alex Agent');
  assert.equal(config.sip.credential_expires_at, expires);
  assert.equal(config.sip.auth_user, `${expires}:1001`);
  const openssl = execFileSync('sh', ['-c', `printf %s "${expires}:1001" | openssl dgst -sha1 -hmac lab-secret -binary | base64`]).toString().trim();
  assert.equal(config.sip.password, openssl);
  assert.deepEqual(ephemeralCredentials('lab-secret', '1001', expires), { auth_user: config.sip.auth_user, password: openssl, credential_expires_at: expires });
});

test('getAgentConfig: static passwords, per-user settings, users without a line, unknown class or method', () => {
  const staticOrg = newOrg({ '/switchboard/credentialMode': 'static' });
  const alex = JSON.parse(staticOrg.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig' }, { userId: ALEX }));
  assert.deepEqual(alex.sip, { user: '1001', display_name: 'Alex Agent', auth_user: '1001', password: 'agent1pw' });
  const org = newOrg();
  const blair = JSON.parse(org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig' }, { userId: '0055e00000A0002AAC' }));
  assert.deepEqual(blair.settings, { acwSeconds: '0' });
  const casey = JSON.parse(org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig' }, { userId: '0055e00000A0003AAC' }));
  assert.equal(casey.error.code, 'NO_AGENT_SETTINGS');
  assert.throws(() => org.runApex({ apexClass: 'Nope', methodName: 'x' }, { userId: ALEX }), (e) => e.code === 'SERVER_ERROR' && /Apex class Nope/.test(e.message));
  assert.throws(() => org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'deleteEverything' }, { userId: ALEX }), (e) => e.code === 'SERVER_ERROR' && /deleteEverything/.test(e.message));
  assert.throws(() => org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'getAgentConfig', methodParams: { a: 1 } }, { userId: ALEX }), (e) => e.code === 'INVALID_PARAM');
});

test('findCallLog finds the running user\'s Task by CallObject, so a call is never logged twice', () => {
  const org = newOrg();
  const find = (callObject, userId = ALEX) =>
    JSON.parse(org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'findCallLog', methodParams: `callObject=${encodeURIComponent(callObject)}` }, { userId }));
  assert.deepEqual(find('abc@pbx'), { id: null });
  const id = org.save({ entityApiName: 'Task', Subject: 'Call from Ada', Status: 'Completed', CallObject: 'abc@pbx' }, { userId: ALEX });
  assert.deepEqual(find('abc@pbx'), { id });
  assert.deepEqual(find('abc@pbx', '0055e00000A0002AAC'), { id: null });
  assert.throws(() => org.runApex({ apexClass: 'SwitchboardSoftphoneService', methodName: 'findCallLog', methodParams: '' }, { userId: ALEX }), ApiError);
});
