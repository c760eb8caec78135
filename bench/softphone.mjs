// The softphone in Chromium, inside the Lightning console emulator, registering with Kamailio over
// wss:// (tests/e2e/stack.js: the same stack as the end-to-end tests). Starts servers and a browser:
// run inside sb_loopback_only.
//  - softphone_ready_ms_median: the console reloads the softphone frame (konsole.reloadSoftphone(), as a
//    page reload would) N times; each time the frame's performance mark 'switchboard:registered' (set
//    by js-shim/softphone/app.js when the line is first registered and rendered; startTime = ms since
//    that frame's navigation started). Breakdown from the same frame: document received, softphone.js
//    and switchboard.wasm received, core loaded, first render, configured (call center settings and the
//    agent's Apex credentials in), the WebSocket to the PBX (constructed, open, REGISTER, 401, 200 —
//    timed by a measurement-only wrapper installed before the page's scripts), registered.
//  - softphone_ready_ms_first_load: the console's first, cold load of the frame.
//  - invite_to_screenpop_ms_p95 / _median: a customer (a JsSIP page, tests/lab) calls the agent N times;
//    in the softphone frame, runtime.post is wrapped to time ws.message events starting "INVITE " and
//    runtime.onEffect times the host.call effect whose method is searchAndScreenPop (both
//    performance.now() in the frame); each call is declined after its pop.
// It also checks that the files the page loads are the ones bench/sizes.mjs counts.
// Usage: node bench/softphone.mjs (playwright-core needs Node's fetch) [--reloads 15] [--calls 25]
import path from 'node:path';

import { startStack, AGENTS } from '../tests/e2e/stack.js';
import { stopAll } from '../tests/lab/index.js';
import { shippedFiles } from './sizes.mjs';
import { option, median, percentile, report, log, main } from './lib/common.mjs';

const reloads = option('reloads', 15);
const calls = option('calls', 25);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Installed in every document before its scripts run (measurement only): times the softphone frame's
// WebSocket to the PBX — opened, REGISTER sent, challenge received, 200 received.
function watchWebSocket() {
  if (!location.pathname.startsWith('/apex/') || !window.WebSocket) return;
  const seen = (window.__benchWs = {});

  const at = (key) => {
    seen[key] ??= performance.now();
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      at('ws_connect');
      this.addEventListener('open', () => at('ws_open'));
      this.addEventListener('message', (e) => {
        const status = /^SIP\/2\.0 (\d{3})/.exec(String(e.data))?.[1];
        if (status === '401' || status === '407') at('challenged');
        if (status === '200' && /CSeq:\s*\d+ REGISTER/i.test(String(e.data))) at('register_200');
      });
    }
    send(data) {
      if (String(data).startsWith('REGISTER ')) at(seen.register_sent == null ? 'register_sent' : 'register_again');
      return super.send(data);
    }
  };
}

// Start-up timings of the softphone frame as it is now (null until it is registered).
function startupTimings() {
  const mark = (name) => performance.getEntriesByName(`switchboard:${name}`)[0]?.startTime ?? null;
  const registered = mark('registered');
  if (registered == null) return null;
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const received = (file) => resources.find((r) => new URL(r.name).pathname.endsWith(`/${file}`))?.responseEnd ?? null;
  return {
    timeOrigin: performance.timeOrigin,
    document: nav?.responseEnd ?? null,
    softphone_js: received('softphone.js'),
    wasm: received('switchboard.wasm'),
    core_loaded: mark('core-loaded'),
    first_render: mark('first-render'),
    configured: mark('configured'),
    ...(window.__benchWs ?? {}),
    registered,
    files: [nav?.name, ...resources.map((r) => r.name)].filter(Boolean),
  };
}

await main(async () => {
  const stack = await startStack({ agents: ['alex'] });
  try {
    await stack.browser.addInitScript(watchWebSocket);
    const alex = await stack.openAgent('alex');
    const origin = alex.konsole.vfOrigin;
    const frame = () => alex.page.frames().find((f) => f.url().startsWith(origin));
    const waitTimings = async (previousOrigin, timeoutMs = 20_000) => {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const t = await frame()?.evaluate(startupTimings).catch(() => null);
        if (t && t.timeOrigin !== previousOrigin) return t;
        await sleep(25);
      }
      throw new Error(`the softphone frame was not registered within ${timeoutMs} ms of a reload`);
    };

    // ---- INVITE → screen pop ----
    // Before the reloads: every load registers a new SIP instance and leaves the old binding until it
    // expires, and with 13 or more bindings Kamailio (12 branches at most, oldest first) no longer
    // rings the live one.
    await frame().evaluate(() => {
      const app = window.__switchboard;
      const bench = { invites: [], pops: [] };
      window.__benchPop = bench;
      const post = app.runtime.post.bind(app.runtime);
      app.runtime.post = (event) => {
        if (event?.type === 'ws.message' && typeof event.data === 'string' && event.data.startsWith('INVITE ')) {
          bench.invites.push({ at: performance.now() });
        }
        return post(event);
      };
      app.runtime.onEffect((effect) => {
        if (effect.type === 'host.call' && effect.method === 'searchAndScreenPop') bench.pops.push({ at: performance.now() });
      });
    });
    const customer = await stack.openCustomer('ada');
    const latencies = [];
    for (let i = 0; i < calls; i++) {
      await customer.call(AGENTS.alex.extension);
      await alex.waitView((v) => v.calls[0]?.state === 'ringing', 'ringing');
      let got = null;
      for (let k = 0; k < 100 && !got; k++) {
        got = await frame().evaluate((n) => {
          const b = window.__benchPop;
          return b.pops.length > n ? { invites: b.invites.length, pops: b.pops.length, invite: b.invites.at(-1), pop: b.pops[n] } : null;
        }, i);
        if (!got) await sleep(20);
      }
      if (!got) throw new Error(`call ${i + 1}: no searchAndScreenPop within 2 s of ringing`);
      if (got.invites !== i + 1) throw new Error(`call ${i + 1}: ${got.invites} INVITEs seen for ${i + 1} calls (a retransmission or a re-INVITE?)`);
      latencies.push(got.pop.at - got.invite.at);
      await frame().evaluate(() => window.__switchboard.runtime.post({ type: 'ui.decline' }));
      await customer.next('ended');
      await alex.waitView((v) => v.calls.length === 0, 'the declined call gone');
    }
    const pops = await frame().evaluate(() => window.__benchPop.pops.length);
    if (pops !== calls) throw new Error(`${pops} searchAndScreenPop calls for ${calls} calls`);
    log(`INVITE → searchAndScreenPop ms: ${latencies.map((x) => x.toFixed(1)).join(' ')}`);

    // ---- start-up ----
    const first = await waitTimings(null);
    log(`first load (cold): registered at ${first.registered.toFixed(0)} ms`);
    const reloadSamples = async (count) => {
      const out = [];
      for (let i = 0; i < count; i++) {
        await alex.page.evaluate(() => window.konsole.reloadSoftphone());
        const t = await waitTimings(previous);
        previous = t.timeOrigin;
        out.push(t);
      }
      return out;
    };
    let previous = first.timeOrigin;
    const samples = await reloadSamples(reloads);
    const mid = (key, list = samples) => {
      const xs = list.map((s) => s[key]).filter((x) => x != null);
      return xs.length ? Math.round(median(xs)) : null;
    };
    const STEPS = ['document', 'softphone_js', 'wasm', 'core_loaded', 'first_render', 'configured', 'ws_connect', 'ws_open', 'register_sent', 'challenged', 'register_again', 'register_200', 'registered'];
    const breakdown = (list) => STEPS.filter((k) => mid(k, list) != null).map((k) => `${k.replaceAll('_', ' ')} ${mid(k, list)}`);
    log(`reloads: registered at ${samples.map((s) => s.registered.toFixed(0)).join(' ')} ms; medians: ${breakdown(samples).join(', ')}`);

    // The page loads what bench/sizes.mjs counts (its own origin only; the Open CTI library is Salesforce's).
    const loaded = new Set(
      samples.at(-1).files
        .map((u) => new URL(u))
        .filter((u) => u.origin === origin && !u.pathname.startsWith('/support/api/'))
        .map((u) => (u.pathname.startsWith('/apex/SwitchboardSoftphone') ? 'index.html' : path.basename(u.pathname))),
    );
    const counted = new Set(shippedFiles());
    const uncounted = [...loaded].filter((f) => !counted.has(f));
    const unused = [...counted].filter((f) => !loaded.has(f));
    if (uncounted.length || unused.length) {
      log(`WARNING: shipped_bytes_gz counts ${[...counted].join(', ')} but the page loaded ${[...loaded].join(', ')}`);
    }

    const round1 = (x) => Math.round(x * 10) / 10;
    report({
      figures: {
        softphone_ready_ms_median: mid('registered'),
        softphone_ready_ms_first_load: Math.round(first.registered),
        invite_to_screenpop_ms_p95: round1(percentile(latencies, 95)),
        invite_to_screenpop_ms_median: round1(median(latencies)),
      },
      rounds: {
        softphone_ready_ms_median: reloads,
        softphone_ready_ms_first_load: 1,
        invite_to_screenpop_ms_p95: calls,
        invite_to_screenpop_ms_median: calls,
      },
      notes: {
        softphone_ready_ms_median: `medians (ms): ${breakdown(samples).join(', ')}`,
        ...(uncounted.length || unused.length ? { shipped_bytes_gz: `MISMATCH: page loaded ${[...loaded].join(', ')}` } : {}),
      },
    });
  } finally {
    await stack.stop();
    await stopAll();
  }
});
