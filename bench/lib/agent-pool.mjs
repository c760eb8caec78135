// A child process holding auto-answering Switchboard agents (tests/agent/agent.js: the WebAssembly
// core, the shim's handlers, real WebSockets) so that process.cpuUsage() counts the agents and nothing
// else. Driven by bench/agents-load.mjs over IPC:
//   {cmd: 'start', wsUrl, domain, users}     → {ok: 'started', agents}
//   {cmd: 'measure'}                         → {ok: 'measuring'}            (CPU and wall clock from now)
//   {cmd: 'result', users, idleMs}           → {ok: 'result', cpuSeconds, wallSeconds, answered, disconnects, errors}
//                                              (after the listed agents have no call left)
//   {cmd: 'stop'}                            → exits
import { agentCore, startAgent } from '../../tests/agent/agent.js';

const agents = new Map();
let cpuBefore = null;
let wallBefore = 0;
let answeredBefore = 0;
let disconnects = 0; // ws.closed events the agents saw (the PBX dropping them under load)

const answered = () => [...agents.values()].reduce((n, a) => n + a.answered, 0);
const reply = (message) => process.send(message);

async function handle(message) {
  switch (message.cmd) {
    case 'start': {
      const wanted = message.users.filter((u) => !agents.has(u));
      // Load the core once before agents start side by side: agentCore() caches the module only after
      // it resolved, so concurrent first calls would each load (and compile) a module of their own.
      await agentCore();
      // A few at a time: every agent opens its own WebSocket and registers.
      for (let i = 0; i < wanted.length; i += 20) {
        const batch = await Promise.all(
          wanted.slice(i, i + 20).map((user) =>
            startAgent({ wsUrl: message.wsUrl, domain: message.domain, user, autoAnswer: true, autoWrapUp: true, timeoutMs: 10_000 }),
          ),
        );
        for (const a of batch) {
          if (a.view?.line?.registration !== 'registered') throw new Error(`agent ${a.name} did not register: ${JSON.stringify(a.view?.line)}`);
          const post = a.runtime.post.bind(a.runtime);
          a.runtime.post = (event) => {
            if (event?.type === 'ws.closed') disconnects += 1;
            return post(event);
          };
          agents.set(a.name, a);
        }
      }
      return reply({ ok: 'started', agents: agents.size });
    }
    case 'measure':
      answeredBefore = answered();
      disconnects = 0;
      cpuBefore = process.cpuUsage();
      wallBefore = performance.now();
      return reply({ ok: 'measuring' });
    case 'result': {
      const pool = message.users.map((u) => agents.get(u));
      const idle = await Promise.all(pool.map((a) => a.waitIdle(message.idleMs ?? 10_000).then(() => true, () => false)));
      const cpu = process.cpuUsage(cpuBefore);
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      const errors = pool.flatMap((a) => a.errors.splice(0));
      return reply({
        ok: 'result',
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        wallSeconds,
        answered: answered() - answeredBefore,
        notIdle: idle.filter((x) => !x).length,
        disconnects,
        errors: errors.slice(0, 5),
        errorCount: errors.length,
      });
    }
    case 'stop':
      for (const a of agents.values()) await a.stop().catch(() => {});
      process.exit(0);
      break;
    default:
      throw new Error(`agent pool: unknown command ${JSON.stringify(message)}`);
  }
  return undefined;
}

process.on('message', (message) => {
  handle(message).catch((err) => {
    reply({ ok: 'error', message: String(err?.stack || err) });
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
