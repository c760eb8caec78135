// A Switchboard agent in Node: the real core (WebAssembly) with the shim's own handlers — a real
// WebSocket to the PBX, real timers, in-memory storage — and a static SDP in place of a browser's
// RTCPeerConnection. Interop tests, load runs and benchmarks drive it like the softphone would, by
// posting ui.* events and reading the view.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

import { loadCore } from '../../js-shim/src/core.js';
import { Runtime } from '../../js-shim/src/runtime.js';
import { timerHandlers } from '../../js-shim/src/handlers/timers.js';
import { storeHandlers, memoryBackend } from '../../js-shim/src/handlers/store.js';
import { websocketHandlers } from '../../js-shim/src/handlers/websocket.js';
import { mediaStubHandlers } from '../../js-shim/src/handlers/media-stub.js';

let sharedCore = null;
// One module for every agent of the process, also when agents start side by side.
export function agentCore() {
  sharedCore ??= loadCore({ kind: 'wasm' });
  return sharedCore;
}

// A WebSocket class for the lab's self-signed wss:// certificate.
function socketClass(ca) {
  if (!ca) return WebSocket;
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { ca });
    }
  };
}

export class AgentTimeoutError extends Error {}

// options: {wsUrl, domain, user, password?, authUser?, credentialMode?, ca?, config?, autoAnswer?,
//           autoWrapUp?, timeoutMs?, name?}
export async function startAgent(options) {
  const core = options.core ?? (await agentCore());
  const engine = core.createEngine();
  const timers = timerHandlers();
  const sockets = websocketHandlers({ WebSocket: socketClass(options.ca), logger: { warn() {} } });
  const name = options.name ?? options.user;
  const timeoutMs = options.timeoutMs ?? 5000;
  const agent = {
    name,
    engine,
    view: null,
    errors: [],
    logs: [],
    effects: 0,
    answered: 0,
  };
  const waiters = new Set();
  const settle = () => {
    for (const w of [...waiters]) {
      if (w.predicate(agent.view)) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(agent.view);
      }
    }
  };
  const handlers = {
    ...timers,
    ...storeHandlers(memoryBackend()),
    ...sockets,
    ...mediaStubHandlers(),
    
    log: (e) => {
      if (agent.logs.length > 500) agent.logs.shift();
      agent.logs.push(e);
    },
    error: (e) => agent.errors.push(e),
    'ui.render': ({ view }) => {
      agent.view = view;
      if (options.autoAnswer) {
        for (const c of view.calls) {
          if (c.state === 'ringing' && !c.outgoing && c.actions.includes('answer')) {
            agent.answered += 1;
            runtime.post({ type: 'ui.answer', call: c.id });
          }
        }
      }
      if (options.autoWrapUp) {
        for (const c of view.calls) if (c.state === 'wrap_up') runtime.post({ type: 'ui.wrapup.done', call: c.id });
      }
      settle();
    },
  };
  const runtime = new Runtime({ engine, handlers, onUnhandled: (e) => agent.errors.push({ code: 'unhandled', message: e.type }) });
  runtime.onEffect(() => {
    agent.effects += 1;
  });
  agent.runtime = runtime;

  agent.post = (event) => runtime.post(event);
  agent.act = agent.post;
  agent.call = (i = 0) => agent.view?.calls?.[i];

  // Resolves with the view once predicate(view) holds; rejects after timeoutMs naming what it waited for.
  agent.waitFor = (predicate, what = 'a view', ms = timeoutMs) =>
    new Promise((resolve, reject) => {
      if (agent.view && predicate(agent.view)) return resolve(agent.view);
      const w = { predicate, resolve };
      w.timer = setTimeout(() => {
        waiters.delete(w);
        const calls = (agent.view?.calls ?? []).map((c) => `${c.id}:${c.state}`).join(', ') || 'no calls';
        reject(new AgentTimeoutError(`agent ${name}: no ${what} within ${ms} ms (line ${agent.view?.line?.registration}; ${calls}; errors ${JSON.stringify(agent.errors.slice(-3))})`));
      }, ms);
      waiters.add(w);
    });
  agent.waitForCall = (state, i = 0, ms) => agent.waitFor((v) => v.calls[i]?.state === state, `call ${i} ${state}`, ms);
  agent.waitForLog = (pattern, ms = timeoutMs) =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const hit = agent.logs.find((l) => pattern.test(l.msg));
        if (hit) return resolve(hit);
        if (Date.now() - started > ms) return reject(new AgentTimeoutError(`agent ${name}: no log line matching ${pattern} within ${ms} ms`));
        setTimeout(poll, 10);
      };
      poll();
    });
  agent.waitIdle = (ms) => agent.waitFor((v) => v.calls.length === 0, 'no calls left', ms);

  agent.stop = async () => {
    if (agent.stopped) return;
    agent.stopped = true;
    if (agent.view?.line?.registration === 'registered') {
      runtime.post({ type: 'ui.status', status: 'offline' });
      await agent.waitFor((v) => v.line.registration !== 'registered', 'unregistration', 2000).catch(() => {});
    }
    timers.stopAll();
    runtime.post = () => {};
    sockets.closeAll();
    for (const w of waiters) clearTimeout(w.timer);
    waiters.clear();
    engine.destroy();
  };

  const sip = {
    ws_url: options.wsUrl,
    domain: options.domain,
    user: options.user,
    ...(options.password ? { password: options.password } : {}),
    ...(options.authUser ? { auth_user: options.authUser } : {}),
    ...(options.credentialMode ? { credential_mode: options.credentialMode } : {}),
  };
  runtime.post({
    type: 'engine.start',
    protocol: 1,
    seed: randomBytes(16).toString('hex'),
    config: { acw_seconds: 0, ...options.config, sip: { ...sip, ...(options.config?.sip ?? {}) } },
  });
  if (options.register !== false) {
    await agent.waitFor((v) => v.line?.registration === 'registered' || v.line?.registration === 'failed', 'registration');
  }
  return agent;
}
