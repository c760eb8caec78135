// Starts the softphone: loads the core, wires every effect to its handler and the view to the UI, then
// starts the engine. Nothing here decides anything about calls.
import { loadCore } from '../src/core.js';
import { logHandlers } from '../src/handlers/log.js';
import { mediaHandlers } from '../src/handlers/media.js';
import { localStorageBackend, memoryBackend, storeHandlers } from '../src/handlers/store.js';
import { timerHandlers } from '../src/handlers/timers.js';
import { websocketHandlers } from '../src/handlers/websocket.js';
import { Runtime } from '../src/runtime.js';
import { createRenderer } from './render.js';

const PROTOCOL = 1;
const OPENCTI_API_VERSION = '62.0';

async function openCtiHandlers(win, apiVersion) {
  let module;
  try {
    module = await import('../src/handlers/opencti.js');
  } catch (err) {
    throw new Error(`the Open CTI handlers (js-shim/src/handlers/opencti.js) could not be loaded: ${err?.message || err}`);
  }
  if (typeof module.connectOpenCti !== 'function') {
    throw new Error('js-shim/src/handlers/opencti.js does not export connectOpenCti({window, apiVersion})');
  }
  const { handlers } = await module.connectOpenCti({ window: win, apiVersion });
  return handlers;
}

// The handler factories also return helpers (stats, closeAll…); the runtime only needs effect types.
const effectsOnly = (map) => Object.fromEntries(Object.entries(map).filter(([type]) => type.includes('.')));

// localStorage can be refused to a frame (blocked third-party storage): the phone still works, but
// what the core stores lasts only as long as the page.
function durableStorage(getStorage) {
  try {
    const storage = getStorage(); // reading window.localStorage throws when it is refused
    if (!storage) throw new Error('no localStorage');
    return localStorageBackend(storage);
  } catch (err) {
    console.warn('[switchboard] this page may not use localStorage; call data is kept in memory only', err);
    return memoryBackend();
  }
}

function showFailure(root, err) {
  const doc = root.ownerDocument;
  const box = doc.createElement('div');
  box.className = 'slds-notify slds-notify_alert slds-alert_error sb-fatal';
  box.setAttribute('role', 'alert');
  const title = doc.createElement('h1');
  title.className = 'sb-fatal__title';
  title.textContent = 'The softphone could not start';
  const detail = doc.createElement('p');
  detail.textContent = String(err?.message || err);
  box.append(title, detail);
  root.replaceChildren(box);
}

// options: {root, baseUrl, host: 'none' | 'opencti', config, apiVersion, window, storage, WebSocket}
export async function start({
  root,
  baseUrl = '.',
  host = 'none',
  config = {},
  apiVersion = OPENCTI_API_VERSION,
  window: win = globalThis.window,
  storage,
  WebSocket: Socket = win?.WebSocket,
  core: kind,
} = {}) {
  if (!root) throw new Error('start() needs a root element');
  try {
    // Start-up marks for diagnostics and the benchmark (startTime: ms since this frame's navigation).
    const marked = new Set();
    const mark = (name) => marked.has(name) || (marked.add(name), globalThis.performance?.mark?.(`switchboard:${name}`));
    // kind: 'wasm2js' forces the pure-JS build (the standby page); by default the loader picks
    // WebAssembly where the page's CSP allows it.
    const core = await loadCore({ baseUrl, ...(kind ? { kind } : {}) });
    mark('core-loaded');
    const engine = core.createEngine();
    const known = new Set(core.protocol.events.map((e) => e.type));
    let runtime = null;
    const renderer = createRenderer({
      root,
      post: (event) => runtime.post(event),
      supports: (type) => known.has(type),
    });
    const media = mediaHandlers({ document: root.ownerDocument });
    const handlers = {
      ...effectsOnly(timerHandlers()),
      ...storeHandlers(durableStorage(() => storage ?? win?.localStorage)),
      ...logHandlers(console),
      ...effectsOnly(websocketHandlers({ WebSocket: Socket })),
      ...effectsOnly(media),
      'ui.render': ({ view }) => {
        renderer.render(view);
        mark('first-render');
        if (view.ready) mark('configured'); // call center settings and the agent's line are in
        if (view.line?.registration === 'registered') mark('registered');
      },
    };
    if (host === 'opencti') Object.assign(handlers, await openCtiHandlers(win, apiVersion));
    runtime = new Runtime({ engine, handlers });
    runtime.onEffect((effect, cause) => {
      // A refused start leaves nothing to render: say why instead of showing an empty panel.
      if (effect.type === 'error' && cause?.type === 'engine.start') showFailure(root, effect.message);
    });
    const app = { runtime, engine, core, media, renderer };
    if (win) {
      win.__switchboard = app;
      // Notes typed in the last moments before the page goes away still reach the core.
      win.addEventListener('pagehide', () => renderer.flushNotes());
    }
    // The core has no entropy or clock of its own: the seed makes SIP tags and nonces unpredictable,
    // the offset puts Task dates in the agent's day.
    const seed = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    const utcOffset = -new Date().getTimezoneOffset();
    runtime.post({ type: 'engine.start', host, protocol: PROTOCOL, seed, config: { utc_offset_minutes: utcOffset, ...config } });
    return app;
  } catch (err) {
    showFailure(root, err);
    throw err;
  }
}
