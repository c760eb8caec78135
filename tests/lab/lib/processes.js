// Child processes of the lab (Kamailio, SIPp, static servers' helpers): each runs in its own process
// group so that stopping it also stops everything it forked, and nothing outlives the Node process
// that started it — not even when a test throws, times out or is interrupted.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const live = new Set();
let hooksInstalled = false;

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing that cannot be ignored or delayed.
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      // When the application has its own handler it decides how to stop (gracefully, we hope);
      // the 'exit' hook above still kills whatever is left when the process finally exits.
      if (process.listenerCount(signal) > 1) return;
      for (const child of live) killGroup(child, 'SIGKILL');
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal); // default action now that the children are gone
    };
    process.on(signal, onSignal);
  }
}

/**
 * Spawns a command in its own process group and keeps the last `keepBytes` of its combined output.
 * Returns the ChildProcess with two additions: `output()` (the kept text) and `exited` (a promise of
 * {code, signal}).
 */
export function spawnTracked(command, args, { keepBytes = 256 * 1024, onOutput, ...options } = {}) {
  installExitHooks();
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let kept = '';
  const collect = (chunk) => {
    const text = chunk.toString();
    kept = (kept + text).slice(-keepBytes);
    if (onOutput) onOutput(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.output = () => kept;
  child.exited = new Promise((resolve) => {
    child.once('error', (error) => { live.delete(child); resolve({ code: null, signal: null, error }); });
    child.once('exit', (code, signal) => { live.delete(child); resolve({ code, signal }); });
  });
  if (child.pid) live.add(child);
  return child;
}

/** Stops a tracked child: `signal` to its whole group, SIGKILL if it is still there after timeoutMs. */
export async function stopTracked(child, { signal = 'SIGTERM', timeoutMs = 5000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null || !live.has(child)) {
    return child ? child.exited : undefined;
  }
  killGroup(child, signal);
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  const first = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') {
    killGroup(child, 'SIGKILL');
    const result = await child.exited;
    return { ...result, killed: true };
  }
  // The leader is gone; make sure no forked worker of the group lingers either.
  killGroup(child, 'SIGKILL');
  return first;
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runCommand(command, args, options = {}) {
  const child = spawnTracked(command, args, options);
  const [{ code, signal, error }] = await Promise.all([child.exited, once(child.stdout, 'end').catch(() => {})]);
  if (error) throw new Error(`${command}: cannot start (${error.message})`);
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${child.output()}`);
  }
  return child.output();
}
