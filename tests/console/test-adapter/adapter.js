// A minimal adapter page for the console tests: it connects to Open CTI through the product's shim
// (js-shim/src/handlers/opencti.js) and lets a test issue host.call effects and read what the shim
// posted back (host.response / host.event), exactly as the core would see them.

import { webAssemblyAllowed } from '/shim/core.js';
import { connectOpenCti } from '/shim/handlers/opencti.js';

const params = new URLSearchParams(window.location.search);
const status = document.getElementById('status');
const adapter = {
  href: window.location.href,
  wasm: webAssemblyAllowed(),
  posted: [], // every event the shim posted, in order
  error: null,
  connected: false,
};
window.adapter = adapter;

const waiting = new Map();
let nextReq = 1;
let handlers = null;

function post(event) {
  adapter.posted.push(structuredClone(event));
  if (event.type === 'host.response') waiting.get(event.req)?.(event.response);
  status.textContent = `${adapter.posted.length} events posted\n${JSON.stringify(event).slice(0, 300)}`;
}

// Runs one host.call effect. With callback: resolves to {req, response} or {req, timeout: true}.
adapter.hostCall = (method, args = {}, { callback = true, listener = false, timeoutMs = 3000 } = {}) => {
  const req = nextReq++;
  const answered = new Promise((resolve) => {
    waiting.set(req, (response) => resolve({ req, response }));
    setTimeout(() => resolve({ req, timeout: true }), timeoutMs);
  });
  handlers['host.call']({ type: 'host.call', req, method, args, callback, listener }, post);
  return answered;
};
adapter.events = (method) => adapter.posted.filter((e) => e.type === 'host.event' && (!method || e.method === method));
adapter.responses = () => adapter.posted.filter((e) => e.type === 'host.response');

adapter.ready = connectOpenCti({ window, apiVersion: params.get('apiVersion') ?? '60.0' }).then(
  (connection) => {
    handlers = connection.handlers;
    adapter.opencti = connection.opencti;
    adapter.connected = true;
    adapter.hrefAfterConnect = window.location.href;
    status.textContent = `connected to ${connection.origin}`;
    if (params.get('autoInit') !== 'false') {
      adapter.hostCall('notifyInitializationComplete', {}, { callback: true });
    }
  },
  (err) => {
    adapter.error = { code: err.code, message: err.message };
    status.textContent = `${err.code}: ${err.message}`;
  },
);
