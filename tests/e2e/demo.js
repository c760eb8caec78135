// scripts/demo: the product end to end on this machine. A customer with a real microphone (Chromium's
// fake device) calls agent Alex, whose softphone runs in the Lightning console emulator; Alex answers,
// talks, puts her on hold, resumes; she hangs up; Alex picks a disposition and the call is logged as a
// Task. Prints a transcript and saves screenshots to build/demo/.
//   node tests/e2e/demo.js            the scripted call (headless)
//   node tests/e2e/demo.js --serve    keep the lab up and print how to open it in a browser
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

import { startStack, AGENTS, CUSTOMERS } from './stack.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'build', 'demo');
const serve = process.argv.includes('--serve');
const started = Date.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function say(text) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`${t}s  ${text}`);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  say('starting Kamailio (SIP over WebSocket + TLS), the console emulator and Chromium…');
  const stack = await startStack({ agents: ['alex'] });
  const stop = async () => {
    await stack.stop();
  };
  process.on('SIGINT', () => stop().then(() => process.exit(0)));
  try {
    const konsole = stack.consoles.alex;
    say(`PBX ${stack.pbx.wssUrl} (domain ${stack.pbx.domain}); console ${konsole.url}`);
    if (serve) return await serveLab(stack, konsole);
    await scriptedCall(stack);
  } finally {
    if (!serve) await stop();
  }
}

async function scriptedCall(stack) {
  const opened = Date.now();
  const alex = await stack.openAgent('alex');
  const ready = Date.now() - opened;
  const sp = alex.page.frameLocator(`iframe[src^="${alex.konsole.vfOrigin}"]`);
  const button = (name) => sp.getByRole('button', { name, exact: true });
  const shot = async (name, what) => {
    await sleep(150);
    await alex.page.screenshot({ path: path.join(OUT, `${name}-console.png`) });
    await alex.page.locator(`iframe[src^="${alex.konsole.vfOrigin}"]`).screenshot({ path: path.join(OUT, `${name}.png`) });
    say(`   📷 ${what}: build/demo/${name}.png`);
  };
  say(`Alex's softphone is registered as ${AGENTS.alex.extension} (console open → line ready in ${ready} ms)`);
  await alex.page.evaluate(() => window.konsole.openUtilityPanel());
  await shot('1-ready', 'softphone ready');

  const ada = await stack.openCustomer('ada');
  say(`customer Ada Lovelace (${CUSTOMERS.ada.user}) calls ${AGENTS.alex.extension}`);
  await ada.call(AGENTS.alex.extension);
  const ringing = await alex.waitView((v) => v.calls[0]?.state === 'ringing' && v.calls[0].label !== v.calls[0].number_display, 'ringing');
  const pop = (await alex.state()).pops.at(-1);
  say(`   softphone rings: "${ringing.calls[0].label}" ${ringing.calls[0].number_display}`);
  say(`   screen pop: ${pop.type} ${JSON.stringify(pop.params)} — the Contact record opens in the console`);
  await shot('2-ringing', 'incoming call');

  await button('Answer').click();
  await alex.waitView((v) => v.calls[0]?.state === 'connected', 'connected');
  await ada.next('confirmed');
  say('Alex answers: connected');
  await sleep(2000);
  const agentAudio = await alex.frame().evaluate(() => window.__switchboard.media.stats('c1'));
  const customerAudio = (await ada.stats()).inbound;
  say(`   audio both ways: Alex received ${agentAudio.packetsReceived} packets, Ada ${customerAudio.packetsReceived} (energy ${customerAudio.totalAudioEnergy.toFixed(3)})`);
  await shot('3-connected', 'on the call');

  await button('Hold').click();
  await alex.waitView((v) => v.calls[0]?.state === 'held', 'held');
  say('Alex puts Ada on hold (re-INVITE, sendonly; the microphone is muted)');
  await shot('4-held', 'on hold');
  await sleep(1000);
  await button('Resume').click();
  await alex.waitView((v) => v.calls[0]?.state === 'connected', 'resumed');
  say('…and resumes');
  await sleep(1500);

  await ada.hangup();
  await alex.waitView((v) => v.calls[0]?.state === 'wrap_up', 'wrap-up');
  say('Ada hangs up: after-call work');
  await sp.getByLabel('Disposition').selectOption('Resolved');
  const notes = sp.getByLabel('Notes');
  if (!(await notes.isVisible())) await button('Notes').click();
  await sp.getByLabel('Notes').fill('Asked about invoice 42; resolved on the call.');
  await shot('5-wrap-up', 'after-call work');
  await button('Done').click();
  await alex.waitView((v) => v.calls.length === 0 && v.host?.logs_pending === 0, 'the call logged');
  const task = alex.konsole.tasks().at(-1);
  say(`call logged as a Task (saveLog): ${task.Subject} · ${task.CallType} · ${task.CallDurationInSeconds} s · ${task.CallDisposition} · WhoId ${task.WhoId}`);
  await alex.page.evaluate((id) => window.konsole.openRecord(id), task.Id).catch(() => {});
  await shot('6-logged', 'history and the Task');

  const state = await alex.state();
  const methods = state.messages.filter((m) => m.dir === 'in').map((m) => m.data?.methodName);
  const counts = {};
  for (const m of methods) counts[m] = (counts[m] ?? 0) + 1;
  say(`Open CTI calls the softphone made: ${Object.entries(counts).map(([m, n]) => `${m}×${n}`).join(', ')}`);
  say('done: screenshots in build/demo/');
}

async function serveLab(stack, konsole) {
  const rules = konsole.hostResolverRules ?? 'MAP acme.lightning.force.com 127.0.0.1, MAP acme--c.vf.force.com 127.0.0.1';
  console.log(`
The Switchboard lab is up on 127.0.0.1 (Ctrl-C stops everything).

  Console (softphone in the Phone utility item):
    ${konsole.url}
  Open it in Chromium with the lab's host names and certificate:
    chromium --user-data-dir=/tmp/switchboard-demo --host-resolver-rules="${rules}" \\
      --ignore-certificate-errors --use-fake-ui-for-media-stream --use-fake-device-for-media-stream \\
      '${konsole.url}'
  Agent: ${AGENTS.alex.name} (extension ${AGENTS.alex.extension}); PBX ${stack.pbx.wssUrl}, domain ${stack.pbx.domain}
`);
  const rl = process.stdin.isTTY ? readline.createInterface({ input: process.stdin, output: process.stdout }) : null;
  if (!rl) {
    console.log('(no terminal: the lab stays up until this process is stopped)');
    await new Promise(() => {});
  }
  console.log('Press Enter to have customer Ada Lovelace call Alex (again to hang up); type q to quit.\n');
  let ada = null;
  for await (const line of rl) {
    if (line.trim() === 'q') break;
    if (!ada) {
      ada = await stack.openCustomer('ada');
      await ada.call(AGENTS.alex.extension);
      say('Ada is calling 1001 — answer in the softphone');
    } else {
      await ada.hangup().catch(() => {});
      await ada.stop().catch(() => {});
      ada = null;
      say('Ada hung up');
    }
  }
  rl.close();
  await stack.stop();
}

main().catch((err) => {
  console.error(`demo failed: ${err?.stack || err}`);
  process.exit(1);
});
