// SIPp customers: UDP callers that go through the lab PBX to WebSocket agents. runSipp() runs one
// scenario to completion and reads SIPp's own statistics file for the verdict.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNS_DIR } from './kamailio.js';
import { freePort } from './ports.js';
import { spawnTracked, stopTracked } from './processes.js';

const SCENARIO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'sipp');

/** Scenario names → [file, what -d means]. */
export const SIPP_SCENARIOS = {
  call: { file: 'customer-call.xml', pause: 'talkMs' },
  'agent-hangs-up': { file: 'customer-call-agent-hangs-up.xml', pause: null },
  cancel: { file: 'customer-cancel.xml', pause: 'ringMs' },
  'no-answer': { file: 'customer-cancel.xml', pause: 'giveUpAfterMs' },
  busy: { file: 'customer-busy.xml', pause: null },
};
const DEFAULT_PAUSE = { talkMs: 500, ringMs: 300, giveUpAfterMs: 3000 };
export const DEFAULT_CALLER = '+15555550100';

function csvRows(text, delimiter = ';') {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return [];
  const header = lines[0].split(delimiter);
  return lines.slice(1).map((line) => {
    const cells = line.split(delimiter);
    return Object.fromEntries(header.filter(Boolean).map((name, i) => [name, cells[i]]));
  });
}

/** SIPp's "HH:MM:SS:uuuuuu" (microseconds last) → milliseconds. */
function durationMs(value) {
  const match = /^(\d+):(\d+):(\d+):(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const [h, m, s, us] = match.slice(1).map(Number);
  return ((h * 60 + m) * 60 + s) * 1000 + us / 1000;
}

/**
 * Runs a SIPp customer scenario against the PBX and resolves with {successful, failed,
 * retransmissions, durationMs, exitCode, statsCsv (the CSV text), stats (its last row as an
 * object), responseTimeMs (mean time from INVITE to the answer), callLengthMs (mean), errors,
 * output, command, runDir (kept only when something failed)}. It does not reject because calls
 * failed (the counts say so); it rejects for bad options or when SIPp cannot run at all.
 *
 * options: scenario ('call' | 'agent-hangs-up' | 'cancel' | 'no-answer' | 'busy' or a path to an
 * XML file), target (PBX: {udpPort} or a port number), agents (one user name or a list; calls go
 * round-robin), callers (the customers' numbers, [field1]), calls (1), rate (calls per second,
 * 10), limit (max simultaneous calls), talkMs / ringMs / giveUpAfterMs (the scenario's pause),
 * timeoutMs (hard stop for SIPp, default scales with calls/rate), recvTimeoutMs (per expected
 * message, 10000), name (for the run directory), extraArgs.
 */
export async function runSipp(options = {}) {
  const {
    scenario = 'call', target, agents, callers = [DEFAULT_CALLER], calls = 1, rate = 10, limit,
    recvTimeoutMs = 10000, extraArgs = [], name = typeof scenario === 'string' ? path.basename(scenario, '.xml') : 'sipp',
  } = options;
  const known = SIPP_SCENARIOS[scenario];
  const scenarioFile = known ? path.join(SCENARIO_DIR, known.file) : scenario;
  if (!known && !(typeof scenario === 'string' && scenario.endsWith('.xml'))) {
    throw new TypeError(`runSipp: unknown scenario ${JSON.stringify(scenario)} (one of ${Object.keys(SIPP_SCENARIOS).join(', ')} or an .xml path)`);
  }
  await fs.access(scenarioFile).catch(() => { throw new Error(`runSipp: scenario file not found: ${scenarioFile}`); });
  const port = typeof target === 'number' ? target : target?.udpPort;
  if (!Number.isInteger(port)) throw new TypeError('runSipp: target must be the PBX ({udpPort}) or its UDP port');
  const agentList = [agents ?? []].flat();
  if (agentList.length === 0 || agentList.some((a) => typeof a !== 'string' || !/^[A-Za-z0-9_.+-]+$/.test(a))) {
    throw new TypeError(`runSipp: agents must be one or more user names, got ${JSON.stringify(agents)}`);
  }
  const callerList = [callers].flat();
  if (callerList.length === 0 || callerList.some((c) => typeof c !== 'string' || !/^[A-Za-z0-9_.+-]+$/.test(c))) {
    throw new TypeError(`runSipp: callers must be one or more SIP user parts, got ${JSON.stringify(callers)}`);
  }
  for (const [key, value] of Object.entries({ calls, rate })) {
    if (!(Number.isFinite(value) && value > 0)) throw new TypeError(`runSipp: ${key} must be a positive number, got ${value}`);
  }
  const pauseName = known?.pause;
  const pauseMs = pauseName ? (options[pauseName] ?? DEFAULT_PAUSE[pauseName]) : 0;
  const timeoutMs = options.timeoutMs ?? Math.ceil(20000 + (calls / rate) * 1000 + pauseMs * 2);

  await fs.mkdir(RUNS_DIR, { recursive: true });
  const runDir = await fs.mkdtemp(path.join(RUNS_DIR, `sipp-${name}-`));
  const injection = path.join(runDir, 'customers.csv');
  const rows = Math.max(agentList.length, callerList.length);
  const lines = ['SEQUENTIAL'];
  for (let i = 0; i < rows; i++) lines.push(`${agentList[i % agentList.length]};${callerList[i % callerList.length]};`);
  await fs.writeFile(injection, `${lines.join('\n')}\n`);

  const statsCsv = path.join(runDir, 'stats.csv');
  const errorLog = path.join(runDir, 'errors.log');
  const sippArgs = (localPort, mediaPort) => [
    `127.0.0.1:${port}`, '-sf', scenarioFile, '-inf', injection,
    '-i', '127.0.0.1', '-p', String(localPort), '-mp', String(mediaPort),
    '-m', String(calls), '-r', String(rate), '-rp', '1000',
    '-d', String(pauseMs), '-recv_timeout', String(recvTimeoutMs),
    '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error',
    '-nostdin', '-trace_stat', '-stf', statsCsv, '-fd', '1',
    '-trace_err', '-error_file', errorLog, '-max_recv_loops', '1000',
    ...(limit ? ['-l', String(limit)] : []),
    ...extraArgs,
  ];
  let args;
  let child;
  let started;
  let code;
  let signal;
  for (let attempt = 1; ; attempt++) {
    args = sippArgs(await freePort({ udp: true }), await freePort({ udp: true }));
    started = Date.now();
    child = spawnTracked('sipp', args, { cwd: runDir, keepBytes: 64 * 1024 });
    let timer;
    const guard = new Promise((resolve) => { timer = setTimeout(resolve, timeoutMs + 10000, 'timeout'); });
    const first = await Promise.race([child.exited, guard]);
    clearTimeout(timer);
    const outcome = first === 'timeout' ? await stopTracked(child, { timeoutMs: 2000 }) : first;
    if (outcome.error) throw new Error(`runSipp: cannot start sipp (${outcome.error.message}); is the sip-tester package installed?`);
    ({ code, signal } = outcome);
    // exit 254 (-2): a socket could not be bound — a free port was taken meanwhile; pick others
    if (!(code === 254 && attempt < 3)) break;
  }
  const elapsed = Date.now() - started;

  const csvText = await fs.readFile(statsCsv, 'utf8').catch(() => '');
  const rowsRead = csvRows(csvText);
  const last = rowsRead[rowsRead.length - 1] ?? {};
  const count = (column) => (last[column] === undefined ? null : Number(last[column]));
  const errors = await fs.readFile(errorLog, 'utf8').catch(() => '');
  const result = {
    scenario: known ? scenario : scenarioFile,
    successful: count('SuccessfulCall(C)') ?? 0,
    failed: count('FailedCall(C)') ?? 0,
    retransmissions: count('Retransmissions(C)') ?? 0,
    outgoingCalls: count('OutgoingCall(C)') ?? 0,
    durationMs: elapsed,
    responseTimeMs: durationMs(last['ResponseTime1(C)']),
    callLengthMs: durationMs(last['CallLength(C)']),
    exitCode: code ?? (signal ? -1 : null),
    signal: signal ?? null,
    statsCsv: csvText,
    stats: last,
    errors: errors.slice(-8000),
    output: child.output().slice(-4000),
    runDir,
    command: `sipp ${args.join(' ')}`,
  };
  if (!csvText) {
    throw Object.assign(new Error(`runSipp: sipp wrote no statistics (exit ${result.exitCode}) — see ${runDir}:\n${result.output}`), { result });
  }
  // Keep the run directory (scenario logs, injection file) only when something went wrong.
  if (result.exitCode === 0 && result.failed === 0 && process.env.LAB_KEEP_RUNS !== '1') {
    await fs.rm(runDir, { recursive: true, force: true });
    result.runDir = null;
  }
  return result;
}

/**
 * The load test customer: `calls` calls (500) at `rate` calls/s (50) round-robin to the agents,
 * each talking talkMs (1000). Same result as runSipp.
 */
export function runSippLoad(options = {}) {
  return runSipp({ scenario: 'call', calls: 500, rate: 50, talkMs: 1000, name: 'load', ...options });
}

/** A one-line summary for assertion messages. */
export function describeSipp(result) {
  return `${result.scenario}: ${result.successful} ok, ${result.failed} failed, ${result.retransmissions} retransmissions, exit ${result.exitCode}, ${result.durationMs} ms (${result.runDir})${result.errors ? `\n${result.errors.slice(-2000)}` : ''}`;
}
