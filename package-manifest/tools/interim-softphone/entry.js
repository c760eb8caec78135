// Interim softphone bundle, used by scripts/package only while scripts/build-softphone does not exist:
// it loads the real core (WebAssembly, or wasm2js where the page refuses WebAssembly), starts it
// with the Open CTI host and shows the line's status. The agent-facing softphone replaces it.
import { loadCore } from '../../../js-shim/src/core.js';
import { Runtime } from '../../../js-shim/src/runtime.js';
import { timerHandlers } from '../../../js-shim/src/handlers/timers.js';
import { storeHandlers, localStorageBackend, memoryBackend } from '../../../js-shim/src/handlers/store.js';
import { logHandlers } from '../../../js-shim/src/handlers/log.js';

function storage() {
  try {
    const probe = '__switchboard_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return localStorageBackend(window.localStorage);
  } catch {
    return memoryBackend();
  }
}

function hostHandlers(opencti) {
  return {
    'host.call': ({ req, method, args, callback, listener }, post) => {
      const api = opencti && opencti[method];
      if (typeof api !== 'function') {
        if (callback) post({ type: 'host.response', req, response: { success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR', description: `sforce.opencti.${method} is not available` }] } });
        return;
      }
      const argument = { ...(args || {}) };
      if (callback) argument.callback = (response) => post({ type: 'host.response', req, response });
      if (listener) argument.listener = (payload) => post({ type: 'host.event', method, payload });
      api.call(opencti, argument);
    },
  };
}

function render(root, view, kind) {
  const line = (view && view.line) || {};
  root.querySelector('[data-field="core"]').textContent = kind === 'wasm' ? 'WebAssembly' : 'JavaScript (wasm2js)';
  root.querySelector('[data-field="line"]').textContent = [line.connection, line.registration].filter(Boolean).join(' · ') || 'starting';
}

async function start({ root, baseUrl, host = 'opencti', core: coreKind } = {}) {
  if (!root) throw new Error('start() needs a root element');
  root.innerHTML =
    '<section class="sb-interim"><h1>Switchboard</h1>' +
    '<dl><dt>Core</dt><dd data-field="core">loading…</dd><dt>Line</dt><dd data-field="line">starting</dd></dl>' +
    '<p class="sb-note">Interim softphone bundle: calls are handled by the full softphone once it is built into this package.</p></section>';
  const core = await loadCore({ baseUrl, kind: coreKind === 'wasm2js' ? 'wasm2js' : undefined });
  root.setAttribute('data-core-kind', core.kind);
  const engine = core.createEngine();
  const opencti = window.sforce && window.sforce.opencti;
  const runtime = new Runtime({
    engine,
    handlers: {
      ...timerHandlers(),
      ...storeHandlers(storage()),
      ...logHandlers(console),
      ...hostHandlers(opencti),
      'ui.render': ({ view }) => render(root, view, core.kind),
    },
    onUnhandled: () => {},
  });
  render(root, null, core.kind);
  runtime.post({ type: 'engine.start', protocol: 1, host: host === 'opencti' && opencti ? 'opencti' : 'none' });
  return { kind: core.kind, runtime };
}

window.SwitchboardSoftphone = { start, interim: true };
