// The Open CTI softphone end to end, as an agent uses it: Chromium opens the Lightning console
// emulator, which loads the real softphone (build/softphone) in its utility panel over Open CTI's wire
// protocol; the softphone registers with Kamailio over wss://; customers are JsSIP pages with real
// audio. Every state the agent sees is saved as a screenshot under build/screenshots/e2e/.
import { test, before, after, afterEach, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startStack, AGENTS, CUSTOMERS } from './stack.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(ROOT, 'build', 'screenshots', 'e2e');
fs.mkdirSync(SHOTS, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let stack;
let alex;
let blair;

before(async () => {
  stack = await startStack({ agents: ['alex', 'blair'] });
  alex = await stack.openAgent('alex');
  blair = await stack.openAgent('blair');
});
after(async () => {
  await stack?.stop();
});

// Whatever a test leaves behind (a failure mid-call) is cleared so the next test starts idle.
afterEach(async () => {
  for (const customer of stack.customers.splice(0)) await customer.stop().catch(() => {});
  for (const agent of [alex, blair]) await reset(agent);
});

async function reset(agent) {
  for (let i = 0; i < 20; i++) {
    const view = await agent.view().catch(() => null);
    if (!view || view.calls.length === 0) break;
    await agent.frame().evaluate((calls) => {
      const { runtime } = window.__switchboard;
      for (const c of calls) {
        if (c.actions.includes('decline')) runtime.post({ type: 'ui.decline', call: c.id });
        else if (c.actions.includes('hangup')) runtime.post({ type: 'ui.hangup', call: c.id });
        else if (c.state === 'wrap_up') runtime.post({ type: 'ui.wrapup.done', call: c.id });
      }
    }, view.calls).catch(() => {});
    await sleep(300);
  }
  await agent.page.evaluate(() => window.konsole.clearInjections()).catch(() => {});
  await closeModal(agent);
  await agent.frame().evaluate(() => {
    for (const n of window.__switchboard.engine.view().notices) window.__switchboard.runtime.post({ type: 'ui.notice.dismiss', id: n.id });
  }).catch(() => {});
}

// A new-record pop opens the console's modal, which covers the page as Salesforce's does.
async function closeModal(agent) {
  const cancel = agent.page.locator('[data-action="modal-cancel"]');
  if (await cancel.count()) await cancel.first().click().catch(() => {});
}

// ---- helpers ----

const softphone = (agent) => agent.page.frameLocator(`iframe[src^="${agent.konsole.vfOrigin}"]`);
const button = (agent, name) => softphone(agent).getByRole('button', { name, exact: true });
const click = (agent, name) => button(agent, name).click();

async function shot(agent, name) {
  await sleep(150); // let the last render paint
  await agent.page.locator(`iframe[src^="${agent.konsole.vfOrigin}"]`).screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const agentStats = (agent, call) => agent.frame().evaluate((id) => window.__switchboard.media.stats(id), call);
async function customerStats(customer) {
  const s = await customer.stats();
  return { packetsReceived: s.inbound.packetsReceived, totalAudioEnergy: s.inbound.totalAudioEnergy, packetsSent: s.outbound.packetsSent };
}

// How much audio arrived over ms: packets and energy gained.
async function flow(read, ms = 800) {
  const a = await read();
  await sleep(ms);
  const b = await read();
  return { packets: b.packetsReceived - a.packetsReceived, energy: b.totalAudioEnergy - a.totalAudioEnergy };
}

async function waitFlowing(read, what) {
  for (let i = 0; i < 30; i++) {
    const f = await flow(read, 300);
    if (f.packets > 5 && f.energy > 1e-4) return f;
  }
  assert.fail(`no audio flowing ${what}`);
}

// Silence within a few seconds: audio already in the receiver's jitter buffer still plays out, and on
// a loaded machine that buffer grows; what must hold is that the sound stops and stays stopped.
async function waitSilent(read, what) {
  let f;
  for (let i = 0; i < 10; i++) {
    f = await flow(read, 300);
    if (f.energy < 1e-4) return f;
  }
  assert.fail(`${what}: audio energy ${f.energy} in the last 300 ms, after 3 s`);
}

async function waitTasks(agent, count, ms = 10000) {
  const started = Date.now();
  let tasks = [];
  while (Date.now() - started < ms) {
    tasks = agent.konsole.tasks();
    if (tasks.length >= count) return tasks;
    await sleep(100);
  }
  assert.fail(`expected ${count} Task(s) for ${agent.name}, found ${tasks.length}`);
}

const pops = async (agent) => (await agent.state()).pops;

// The newest pop that matches, waited for: pops follow the ring by a search round trip. Only pops
// after the first `after` count, so an earlier call's pop never passes for this one.
async function waitPop(agent, match, what, { after = 0, ms = 8000 } = {}) {
  const started = Date.now();
  let last;
  while (Date.now() - started < ms) {
    const all = await pops(agent);
    last = all.at(-1);
    if (all.length > after && match(last)) return last;
    await sleep(100);
  }
  assert.fail(`${agent.name}: no pop ${what}; the last one was ${JSON.stringify(last)}`);
}

async function finishWrapUp(agent, { disposition = 'Resolved', notes } = {}) {
  await agent.waitView((v) => v.calls[0]?.state === 'wrap_up', 'wrap-up');
  if (disposition) await softphone(agent).getByLabel('Disposition').selectOption(disposition);
  if (notes) {
    const field = softphone(agent).getByLabel('Notes');
    if (!(await field.isVisible())) await click(agent, 'Notes');
    await softphone(agent).getByLabel('Notes').fill(notes);
  }
  await shot(agent, 'wrap-up');
  await click(agent, 'Done');
  await agent.waitView((v) => v.calls.length === 0, 'wrap-up done');
}

async function ringAndAnswer(agent, customer) {
  await customer.call(AGENTS[agent.name].extension);
  await agent.waitView((v) => v.calls[0]?.state === 'ringing', 'ringing');
  await click(agent, 'Answer');
  await agent.waitView((v) => v.calls[0]?.state === 'connected', 'connected');
  await customer.next('confirmed');
}

// ---- tests ----

describe('Open CTI softphone in the Lightning console', () => {
  test('start-up: the softphone registered through Open CTI settings and Apex credentials, ready for calls', async () => {
    const state = await alex.state();
    assert.equal(state.initialized, true, 'notifyInitializationComplete reached the console');
    assert.equal(state.clickToDial, true);
    const view = await alex.view();
    assert.equal(view.line.registration, 'registered');
    assert.equal(view.agent.status, 'available');
    await alex.page.evaluate(() => window.konsole.openUtilityPanel());
    await shot(alex, 'idle');
  });

  test('inbound: rings, pops the caller, audio both ways, hold, mute, DTMF, hang-up, wrap-up, one Task', async () => {
    const ada = await stack.openCustomer('ada');
    await alex.page.evaluate(() => window.konsole.closeUtilityPanel());
    await ada.call(AGENTS.alex.extension);
    const ringing = await alex.waitView((v) => v.calls[0]?.state === 'ringing' && v.calls[0]?.label === 'Ada Lovelace', 'ringing with the caller named');
    assert.equal(ringing.calls[0].number_display, '(415) 555-0142');
    const state = await alex.state();
    assert.equal(state.panel.visible, true, 'the panel opened on ring');
    assert.equal(state.panel.itemLabel, 'Incoming call');
    const pop = await waitPop(alex, (p) => p.type === 'sobject', 'of the caller record');
    assert.equal(pop.params.recordId, CUSTOMERS.ada.contactId);
    await shot(alex, 'incoming');

    await click(alex, 'Answer');
    await alex.waitView((v) => v.calls[0]?.state === 'connected', 'connected');
    await ada.next('confirmed');
    const answeredAt = Date.now();
    await waitFlowing(() => agentStats(alex, 'c1'), 'to the agent');
    await waitFlowing(() => customerStats(ada), 'to the customer');
    await shot(alex, 'connected');

    await click(alex, 'Hold');
    await alex.waitView((v) => v.calls[0]?.state === 'held', 'held');
    await waitSilent(() => customerStats(ada), 'the customer hears nothing on hold');
    const heldToAgent = await flow(() => agentStats(alex, 'c1'));
    const heldToCustomer = await flow(() => customerStats(ada));
    assert.ok(heldToAgent.packets < 5, `no packets reach the agent on hold (${heldToAgent.packets})`);
    assert.ok(heldToCustomer.energy < 1e-4, `the customer hears nothing on hold (${heldToCustomer.energy})`);
    await shot(alex, 'held');
    await click(alex, 'Resume');
    await alex.waitView((v) => v.calls[0]?.state === 'connected', 'resumed');
    await waitFlowing(() => agentStats(alex, 'c1'), 'to the agent after resume');
    await waitFlowing(() => customerStats(ada), 'to the customer after resume');

    await click(alex, 'Mute');
    await alex.waitView((v) => v.calls[0]?.muted === true, 'muted');
    await waitSilent(() => customerStats(ada), 'the customer hears nothing while muted');
    assert.ok((await flow(() => customerStats(ada))).energy < 1e-4, 'and it stays silent while muted');
    await shot(alex, 'muted');
    await click(alex, 'Unmute');
    await waitFlowing(() => customerStats(ada), 'after unmute');

    await click(alex, 'Keypad');
    await softphone(alex).getByRole('button', { name: /^5\b/ }).first().click();
    await softphone(alex).getByRole('button', { name: /^#/ }).first().click();
    await alex.waitView((v) => v.calls[0]?.dtmf_sent === '5#', 'DTMF sent');
    await shot(alex, 'keypad');
    await click(alex, 'Keypad');

    await sleep(1500);
    await ada.hangup();
    const talked = Math.round((Date.now() - answeredAt) / 1000);
    await finishWrapUp(alex, { disposition: 'Resolved', notes: 'Asked about her invoice <b>#42</b>' });

    const tasks = await waitTasks(alex, 1);
    await sleep(1000);
    assert.equal(alex.konsole.tasks().length, 1, 'exactly one Task');
    const task = tasks[0];
    assert.equal(task.CallType, 'Inbound');
    assert.equal(task.Status, 'Completed');
    assert.ok(Math.abs(task.CallDurationInSeconds - talked) <= 1, `duration ${task.CallDurationInSeconds} s vs ${talked} s`);
    assert.equal(task.CallObject, await ada.page.evaluate(() => window.customer.sipCallId()));
    assert.equal(task.CallDisposition, 'Resolved');
    assert.match(task.Description, /^Asked about her invoice <b>#42<\/b>/);
    assert.equal(task.WhoId, CUSTOMERS.ada.contactId);
    assert.equal(task.Subject, 'Call from Ada Lovelace');
    const view = await alex.view();
    assert.equal(view.history[0].outcome, 'answered');
    assert.equal(view.agent.status, 'available');
    await shot(alex, 'history');
  });

  test('search pops: several matches open a search, no match opens a new Contact with the number', async () => {
    const smith = await stack.openCustomer('smith');
    await smith.call(AGENTS.alex.extension);
    await alex.waitView((v) => v.calls[0]?.state === 'ringing', 'ringing');
    await waitPop(alex, (p) => p.type === 'search', 'of a search');
    await click(alex, 'Decline');
    await alex.waitView((v) => v.calls.length === 0, 'declined');

    const stranger = await stack.openCustomer('stranger');
    await stranger.call(AGENTS.alex.extension);
    await alex.waitView((v) => v.calls[0]?.state === 'ringing', 'ringing');
    const pop = await waitPop(alex, (p) => p.type === 'newRecord', 'of a new record');
    assert.equal(pop.type, 'newRecord');
    assert.equal(pop.params.entityName, 'Contact');
    assert.equal(pop.params.defaultFieldValues.Phone, '(415) 555-0199');
    await shot(alex, 'incoming-unknown');
    await closeModal(alex);
    await click(alex, 'Decline');
    await alex.waitView((v) => v.calls.length === 0, 'declined');
    await waitTasks(alex, 3); // declined calls are logged too
  });

  test('missed call: the customer hangs up while it rings → a notice and a missed-call Task', async () => {
    const before = alex.konsole.tasks().length;
    const ada = await stack.openCustomer('ada');
    await ada.call(AGENTS.alex.extension);
    await alex.waitView((v) => v.calls[0]?.state === 'ringing', 'ringing');
    await ada.hangup();
    const view = await alex.waitView((v) => v.calls.length === 0 && v.notices.some((n) => n.code === 'call.missed'), 'a missed-call notice');
    assert.equal(view.notices.findLast((n) => n.code === 'call.missed').text, 'Missed call from Ada Lovelace');
    await shot(alex, 'missed');
    const tasks = await waitTasks(alex, before + 1);
    const task = tasks.at(-1);
    assert.equal(task.Subject, 'Missed call from Ada Lovelace');
    assert.equal(task.CallDurationInSeconds, 0);
    assert.equal(task.WhoId, CUSTOMERS.ada.contactId);
    await softphone(alex).getByRole('button', { name: 'Dismiss' }).first().click();
  });

  test('outbound: click-to-dial on a Contact calls the customer; the Task is Outbound with that Who', async () => {
    const before = alex.konsole.tasks().length;
    const hedy = await stack.openCustomer('ada'); // Ada's phone rings; we dial her from her record
    await alex.page.evaluate((id) => window.konsole.openRecord(id), CUSTOMERS.ada.contactId);
    const clicked = await alex.page.evaluate(() => window.konsole.clickToDial('0035e00000A0001AAC', 'Phone'));
    assert.notEqual(clicked, false, 'the phone number was a click-to-dial link');
    await alex.waitView((v) => v.calls[0]?.outgoing === true, 'an outgoing call');
    await shot(alex, 'dialing');
    await hedy.next('ringing');
    await hedy.answer();
    await alex.waitView((v) => v.calls[0]?.state === 'connected', 'connected');
    await sleep(1200);
    await click(alex, 'End call');
    await finishWrapUp(alex, { disposition: 'Left voicemail' });
    const task = (await waitTasks(alex, before + 1)).at(-1);
    assert.equal(task.CallType, 'Outbound');
    assert.equal(task.WhoId, CUSTOMERS.ada.contactId);
    assert.equal(task.Subject, 'Call to Ada Lovelace');
  });

  test('blind transfer to a second agent: the colleague gets the call and its pop', async () => {
    const blairPops = (await pops(blair)).length;
    const ada = await stack.openCustomer('ada');
    await ringAndAnswer(alex, ada);
    await click(alex, 'Transfer');
    await softphone(alex).getByLabel('Transfer to').fill(AGENTS.blair.extension);
    await shot(alex, 'transfer-form');
    await click(alex, 'Transfer now');
    await blair.waitView((v) => v.calls[0]?.state === 'ringing', 'the colleague ringing');
    await waitPop(blair, (p) => p.params?.recordId === CUSTOMERS.ada.contactId, 'of the caller record for the colleague', { after: blairPops });
    await click(blair, 'Answer');
    await blair.waitView((v) => v.calls[0]?.state === 'connected', 'the colleague connected');
    await alex.waitView((v) => v.calls[0]?.state === 'wrap_up' || v.calls.length === 0, 'the agent released');
    assert.equal((await alex.view()).calls[0]?.end_cause ?? (await alex.view()).history[0].end_cause, 'transferred');
    await finishWrapUp(alex, { disposition: 'Resolved' });
    await waitFlowing(() => customerStats(ada), 'between the customer and the colleague');
    await ada.hangup();
    await blair.waitView((v) => v.calls.length === 0, 'the colleague done');
  });

  test('consult transfer: hold the caller, talk to the colleague, then join them', async () => {
    const ada = await stack.openCustomer('ada');
    await ringAndAnswer(alex, ada);
    await click(alex, 'Transfer');
    await softphone(alex).getByLabel('Transfer to').fill(AGENTS.blair.extension);
    await click(alex, 'Consult first');
    await blair.waitView((v) => v.calls[0]?.state === 'ringing', 'the colleague ringing');
    await click(blair, 'Answer');
    await alex.waitView((v) => v.calls.length === 2 && v.calls[1].state === 'connected', 'consulting');
    await shot(alex, 'consulting');
    await click(alex, 'Complete transfer');
    // The customer's INVITE replaces the consultation on the colleague's line: answered at once, popped.
    await blair.waitView((v) => v.calls.some((c) => c.state === 'connected' && c.label === 'Ada Lovelace'), 'the colleague with the customer', 15000);
    assert.ok((await pops(blair)).some((p) => p.params?.recordId === CUSTOMERS.ada.contactId));
    await alex.waitView((v) => v.calls.every((c) => c.state === 'wrap_up'), 'the agent released');
    await finishWrapUp(alex, { disposition: 'Resolved' });
    await waitFlowing(() => customerStats(ada), 'between the customer and the colleague');
    await ada.hangup();
  });

  test('a failed saveLog survives a reload of the softphone and the Task is saved exactly once', async () => {
    const before = alex.konsole.tasks().length;
    await alex.page.evaluate(() => window.konsole.injectError('saveLog', 'SERVER_ERROR', 1, 'UNABLE_TO_LOCK_ROW: try again'));
    const ada = await stack.openCustomer('ada');
    await ringAndAnswer(alex, ada);
    await ada.hangup();
    await finishWrapUp(alex, { disposition: 'Follow-up needed', notes: 'Reload test' });
    await alex.waitView((v) => v.host?.logs_pending === 1, 'the log waiting for a retry');
    await alex.page.evaluate(() => window.konsole.reloadSoftphone());
    await sleep(500);
    await alex.waitView((v) => v.line?.registration === 'registered' && v.host?.logs_pending === 0, 'the log saved after the reload', 20000);
    await sleep(1000);
    const mine = alex.konsole.tasks().filter((t) => t.Description?.startsWith('Reload test'));
    assert.equal(mine.length, 1, 'saved once');
    assert.equal(alex.konsole.tasks().length, before + 1);
  });

  test('a call that arrives while Salesforce is not ready yet still pops and is logged', async () => {
    const before = alex.konsole.tasks().length;
    await alex.page.evaluate(() => {
      window.konsole.injectError('searchAndScreenPop', 'SOFTPHONE_CONTAINER_ERROR', 4);
      window.konsole.injectError('saveLog', 'SOFTPHONE_CONTAINER_ERROR', 2);
    });
    const popsBefore = (await pops(alex)).length;
    const ada = await stack.openCustomer('ada');
    await ringAndAnswer(alex, ada);
    await waitPop(alex, (p) => p.params?.recordId === CUSTOMERS.ada.contactId, 'of the caller record once the console is ready', { after: popsBefore, ms: 12000 });
    await ada.hangup();
    await finishWrapUp(alex, { disposition: 'Resolved' });
    await waitTasks(alex, before + 1, 20000);
  });

  test('messages from a wrong origin or with a wrong apiVersion are ignored', async () => {
    const before = await alex.view();
    const payload = { number: '4155550142', recordId: '0035e00000A0001AAC', recordName: 'Ada Lovelace', objectType: 'Contact' };
    // From another origin (the softphone's own Visualforce origin is not the console's)…
    await alex.frame().evaluate((response) => {
      window.postMessage({ apiVersion: 62, apiType: 'opencti', methodName: 'onClickToDial', shouldExecuteListener: true, response }, '*');
    }, payload);
    // …and from the console's origin but for another API version.
    await alex.page.evaluate((response) => {
      window.konsole.postToSoftphone({ apiVersion: 61, apiType: 'opencti', methodName: 'onClickToDial', shouldExecuteListener: true, response });
    }, payload);
    await sleep(1000);
    const after = await alex.view();
    assert.equal(after.calls.length, 0);
    assert.deepEqual(after.history, before.history);
  });
});
