// The emulator's https server without a browser: routing by host name, the library per version,
// the softphone's CSP, the org API and the state mirror.

import assert from 'node:assert/strict';
import https from 'node:https';
import { after, before, test } from 'node:test';

import { ORG_HOST, VF_HOST, startConsole } from './server.js';

let konsole;
before(async () => {
  konsole = await startConsole({ softphoneDir: 'tests/console/test-adapter', apiVersion: '62.0', softphoneCsp: "script-src 'self'" });
});
after(() => konsole?.stop());

function request(host, path, { method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: konsole.port, path, method, servername: host, agent: false, headers: { host: `${host}:${konsole.port}`, 'content-type': 'application/json' }, rejectUnauthorized: false },
      (res) => {
        let text = '';
        const cert = res.socket.getPeerCertificate();
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, cert }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
  });
}

test('one certificate for both host names; unknown hosts are refused', async () => {
  const res = await request(ORG_HOST, '/lightning/page/home');
  assert.equal(res.status, 200);
  assert.match(res.cert.subjectaltname, new RegExp(`DNS:${ORG_HOST}.*DNS:${VF_HOST.replace(/[.-]/g, '\\$&')}`));
  assert.match(res.text, /<title>Switchboard Console/);
  assert.equal((await request('localhost', '/')).status, 421);
  assert.equal((await request(ORG_HOST, '/')).headers.location, '/lightning/page/home');
});

test('the library is served for 38.0 up to the org version, with the behaviour of its generation', async () => {
  for (const [version, behaviour] of [['38.0', 'legacy'], ['43.0', 'legacy'], ['44.0', 'flags'], ['55.0', 'flags'], ['62.0', 'flags']]) {
    for (const host of [ORG_HOST, VF_HOST]) {
      const res = await request(host, `/support/api/${version}/lightning/opencti_min.js`);
      assert.equal(res.status, 200, `${host} ${version}`);
      assert.match(res.headers['content-type'], /javascript/);
      assert.ok(res.text.includes(`/*@@CONFIG*/ {"apiVersion":${parseInt(version, 10)},"behaviour":"${behaviour}"} /*@@END*/`), version);
    }
  }
  assert.equal((await request(ORG_HOST, '/support/api/60.0/lightning/opencti.js')).status, 200);
  assert.equal((await request(ORG_HOST, '/support/api/37.0/lightning/opencti_min.js')).status, 404);
  assert.equal((await request(ORG_HOST, '/support/api/63.0/lightning/opencti_min.js')).status, 404);
  konsole.setLibraryBehaviour('legacy');
  assert.match((await request(VF_HOST, '/support/api/60.0/lightning/opencti_min.js')).text, /"behaviour":"legacy"/);
  konsole.setLibraryBehaviour('auto');
  assert.throws(() => konsole.setLibraryBehaviour('old'), /auto, legacy or flags/);
});

test('the Visualforce host serves the softphone folder under its CSP; the org host sends none', async () => {
  const page = await request(VF_HOST, '/apex/SwitchboardSoftphone');
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-security-policy'], "script-src 'self'");
  assert.match(page.text, /Test adapter/);
  assert.equal((await request(VF_HOST, '/apex/adapter.js')).status, 200);
  assert.equal((await request(VF_HOST, '/resource/1732550400000/Switchboard/adapter.js')).status, 200);
  assert.equal((await request(VF_HOST, '/apex/SwitchboardStandby')).status, 200);
  assert.equal((await request(VF_HOST, '/apex/Other')).status, 404);
  assert.equal((await request(VF_HOST, '/apex/..%2f..%2fpackage.json')).status, 404);
  assert.equal((await request(VF_HOST, '/../../package.json')).status, 404);
  assert.equal((await request(ORG_HOST, '/lightning/page/home')).headers['content-security-policy'], undefined);
  konsole.setSoftphoneCsp(null);
  assert.equal((await request(VF_HOST, '/apex/SwitchboardSoftphone')).headers['content-security-policy'], undefined);
  konsole.setSoftphoneCsp("script-src 'self'");
});

test('the org API answers the page; bad requests get a clear error', async () => {
  const session = JSON.parse((await request(ORG_HOST, '/__console/api/session')).text);
  assert.equal(session.adapterUrl, `https://${VF_HOST}:${konsole.port}/apex/SwitchboardSoftphone`);
  assert.equal(session.apiVersion, '62.0');
  assert.equal(session.user.Username, 'alex@acme.example');
  assert.ok(session.utilityIcons.includes('end_call'));
  const search = JSON.parse((await request(ORG_HOST, '/__console/api/search', { method: 'POST', body: { searchParams: '+14155550142', callType: 'inbound' } })).text);
  assert.deepEqual(Object.keys(search.result), ['0035e00000A0001AAC']);
  const saved = JSON.parse((await request(ORG_HOST, '/__console/api/save', { method: 'POST', body: { value: { entityApiName: 'Contact' } } })).text);
  assert.equal(saved.error.code, 'SERVER_ERROR');
  assert.equal(saved.error.details.statusCode, 'REQUIRED_FIELD_MISSING');
  const bad = await request(ORG_HOST, '/__console/api/save', { method: 'POST', body: '{oops' });
  assert.equal(bad.status, 400);
  assert.match(JSON.parse(bad.text).error, /not JSON/);
  assert.equal((await request(ORG_HOST, '/__console/api/drop', { method: 'POST', body: {} })).status, 404);
  await request(ORG_HOST, '/__console/state', { method: 'POST', body: { panel: { visible: true } } });
  const state = JSON.parse((await request(ORG_HOST, '/__console/state')).text);
  assert.deepEqual(state.ui, { panel: { visible: true } });
  assert.deepEqual(state.tasks, []);
});

test('startConsole refuses a call center Salesforce would not show', async () => {
  await assert.rejects(startConsole({ settings: { '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Classic' } }), /reqSalesforceCompatibilityMode is "Classic"/);
  await assert.rejects(startConsole({ apiVersion: '30.0' }), /38.0 or later/);
});
