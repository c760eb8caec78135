// How many calls per second the core sustains as SIP agents: SIPp customers over UDP → Kamailio →
// auto-answering Switchboard agents over WebSockets (tests/agent/agent.js: the WebAssembly core with
// the shim's own handlers, in a child process of their own so its CPU time counts only them). Rates go
// up (50, 100, 150, 200, 250, 300 calls/s; the first failing rate ends the climb) with enough agents for the concurrency (each call: INVITE, 100, 180,
// 200, ACK, talk, BYE, 200); a rate passes when no call failed and the agents used at most half a core
// (process.cpuUsage over the run / wall time). Starts servers: run inside sb_loopback_only.
//   sip_agent_cps_at_half_core          the highest passing rate (0 if none)
//   sip_agent_core_fraction_at_50cps    cores the agents used at 50 calls/s
// Usage: node --no-experimental-fetch bench/agents-load.mjs [--seconds 6] [--talk-ms 300] [--max-rate 300]
import { fork } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

import { startKamailio, runSipp, stopAll } from '../tests/lab/index.js';
import { ROOT, option, report, log, main } from './lib/common.mjs';

const seconds = option('seconds', 6);
const talkMs = option('talk-ms', 300);
const maxRate = option('max-rate', 300);
const RATES = [50, 100, 150, 200, 250, 300].filter((r) => r <= maxRate);
const BUDGET_CORES = 0.5;
// Each agent has one line; give it time for its call and some slack before the next one reaches it.
const agentsFor = (rate) => Math.max(40, Math.ceil((rate * (talkMs + 500)) / 1000));

function startPool() {
  const child = fork(path.join(ROOT, 'bench/lib/agent-pool.mjs'), [], {
    execArgv: ['--no-experimental-fetch'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = [];
  child.on('message', (m) => {
    const next = pending.shift();
    if (!next) return;
    if (m.ok === 'error') next.reject(new Error(`agent pool: ${m.message}`));
    else next.resolve(m);
  });
  child.on('exit', (code) => {
    for (const p of pending.splice(0)) p.reject(new Error(`agent pool exited (${code})`));
  });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      child.send(message);
    });
  return { ask, child };
}

await main(async () => {
  // SIPp keeps a run directory when calls failed; keep only this run's.
  const runsDir = path.join(ROOT, 'build/lab/runs');
  for (const d of await fs.readdir(runsDir).catch(() => [])) {
    if (d.startsWith('sipp-bench-')) await fs.rm(path.join(runsDir, d), { recursive: true, force: true });
  }
  const users = Array.from({ length: agentsFor(Math.max(...RATES)) }, (_, i) => `bench${i + 1}`);
  const pbx = await startKamailio({ auth: 'none', users: users.map((user) => ({ user })) });
  const pool = startPool();
  const runs = [];
  try {
    await pool.ask({ cmd: 'start', wsUrl: pbx.wsUrl, domain: pbx.domain, users });
    log(`${users.length} agents registered with Kamailio`);
    for (const rate of RATES) {
      const agents = users.slice(0, agentsFor(rate));
      const calls = Math.round(rate * seconds);
      await pool.ask({ cmd: 'measure' });
      const result = await runSipp({ scenario: 'call', target: pbx, agents, calls, rate, talkMs, name: `bench-${rate}cps` });
      const usage = await pool.ask({ cmd: 'result', users: agents, idleMs: 10_000 });
      const cores = usage.cpuSeconds / usage.wallSeconds;
      const ok = result.failed === 0 && result.successful === calls && usage.errorCount === 0 && usage.notIdle === 0;
      // Who refused the failed calls (SIPp's log of unexpected replies): tells the agents from the PBX.
      const refusals = {};
      const errorLog = result.runDir ? await fs.readFile(path.join(result.runDir, 'errors.log'), 'utf8').catch(() => '') : '';
      for (const m of (errorLog || String(result.errors ?? '')).matchAll(/received 'SIP\/2\.0 (\d{3})/g)) refusals[m[1]] = (refusals[m[1]] ?? 0) + 1;
      const run = { refusals, disconnects: usage.disconnects, rate, calls, agents: agents.length, successful: result.successful, failed: result.failed, cores, ok, within: ok && cores <= BUDGET_CORES, responseMs: result.responseTimeMs };
      runs.push(run);
      log(
        `${rate} calls/s: ${result.successful}/${calls} calls over ${agents.length} agents, ${result.failed} failed, agents used ${cores.toFixed(2)} core ` +
          `(${usage.cpuSeconds.toFixed(2)} s CPU in ${usage.wallSeconds.toFixed(1)} s), answered ${usage.answered}, WebSocket drops ${usage.disconnects}, mean INVITE→answer ${result.responseTimeMs} ms` +
          `${usage.errorCount ? `; ${usage.errorCount} agent errors, e.g. ${JSON.stringify(usage.errors[0])}` : ''}${result.failed ? `; replies to failed calls: ${JSON.stringify(refusals)} (${result.runDir})` : ''}`,
      );
      if (!run.within) break; // a higher rate would fail or cost more
    }
  } finally {
    await pool.ask({ cmd: 'stop' }).catch(() => {});
    pool.child.kill();
    await stopAll();
  }
  const passing = runs.filter((r) => r.within);
  const at50 = runs.find((r) => r.rate === 50);
  const best = passing.length ? Math.max(...passing.map((r) => r.rate)) : 0;
  const last = runs.at(-1);
  report({
    figures: {
      sip_agent_cps_at_half_core: best,
      sip_agent_core_fraction_at_50cps: at50 ? Math.round(at50.cores * 1000) / 1000 : NaN,
    },
    rounds: { sip_agent_cps_at_half_core: 1, sip_agent_core_fraction_at_50cps: 1 },
    notes: {
      sip_agent_cps_at_half_core:
        runs
          .map((r) => `${r.rate}/s ${r.cores.toFixed(2)} core${r.failed ? ` ${r.failed} failed (replies ${Object.entries(r.refusals).map(([c, n]) => `${c}×${n}`).join(' ') || 'none'}; agents' WebSockets dropped ${r.disconnects})` : ''}`)
          .join(', ') +
        (last && !last.within && best < Math.max(...RATES) ? `; stopped at ${last.rate}/s (${last.ok ? 'over half a core' : 'failed calls'})` : best === Math.max(...RATES) ? '; highest rate tried' : ''),
      sip_agent_core_fraction_at_50cps: at50 ? `${at50.calls} calls, ${at50.agents} agents, mean INVITE→answer ${at50.responseMs} ms` : 'no run at 50 calls/s',
    },
  });
});
