// The Open CTI host: loads Salesforce's Open CTI library into the adapter page and executes the
// core's `host.call` effects with it. It decides nothing: the method, its arguments and whether to
// listen all come from the core; replies go back as `host.response`, listener payloads as
// `host.event` (docs/protocol.md, "Open CTI host").

// Origins Salesforce may give in `sfdcIframeOrigin`: Lightning, Visualforce and Experience hosts,
// their government (.mil) twins, and the same behind a Defender for Cloud Apps proxy (.mcas.ms).
export const SALESFORCE_ORIGIN =
  /^https:\/\/[\w.-]+(\.force\.com|\.salesforce\.com|\.visualforce\.com|\.my-lightning\.com|\.force\.mil|\.salesforce\.mil|\.crmforce\.mil|\.visualforce\.mil)(\.mcas\.ms)?(:\d+)?$/;

// Visualforce page hosts: the library is then loaded by a relative path, as Salesforce documents.
const VISUALFORCE_HOST = /(\.vf\.force\.com|\.visual\.force\.com|\.visualforce\.com|\.vf\.force\.mil|\.visualforce\.mil)$/i;

const LOWEST_VERSION = 38;

export class OpenCtiError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'OpenCtiError';
    this.code = code;
  }
}

export function isVisualforceHost(hostname) {
  return VISUALFORCE_HOST.test(hostname);
}

// Where the library comes from for a page at `pageUrl` inside a console at `origin`.
export function openCtiLibraryUrl({ pageUrl, origin, apiVersion }) {
  const path = `/support/api/${apiVersion}/lightning/opencti_min.js`;
  return isVisualforceHost(new URL(pageUrl).hostname) ? path : `${origin}${path}`;
}

function parentOriginOf(win) {
  const params = new URLSearchParams(win.location.search);
  const origin = params.get('sfdcIframeOrigin');
  if (!origin) {
    throw new OpenCtiError(
      'opencti.no_origin',
      'The page has no sfdcIframeOrigin parameter: Salesforce adds it when it loads the call center\'s adapter URL ' +
        'in the softphone; open the page from the Lightning console, and keep its query string when redirecting.',
    );
  }
  if (!SALESFORCE_ORIGIN.test(origin)) {
    throw new OpenCtiError(
      'opencti.bad_origin',
      `sfdcIframeOrigin "${origin.slice(0, 200)}" is not an https Salesforce origin; refusing to talk to it.`,
    );
  }
  if (!params.get('mode')) {
    throw new OpenCtiError('opencti.no_mode', 'The page has no mode parameter: Salesforce adds mode=Lightning to the adapter URL.');
  }
  if (new URL(origin).protocol !== win.location.protocol) {
    throw new OpenCtiError('opencti.scheme_mismatch', `The adapter page must be served over ${new URL(origin).protocol}//, like ${origin}.`);
  }
  return origin;
}

function loadLibrary(win, src) {
  const doc = win.document;
  const absolute = new URL(src, win.location.href).href;
  return new Promise((resolve, reject) => {
    let thrown = null;
    const onError = (event) => {
      if (event.filename === absolute) thrown = event.message || String(event.error);
    };
    win.addEventListener('error', onError);
    const script = doc.createElement('script');
    script.src = src;
    const nonce = doc.querySelector('script[nonce]')?.nonce;
    if (nonce) script.nonce = nonce;
    const done = (err) => {
      win.removeEventListener('error', onError);
      if (err) reject(err);
      else resolve();
    };
    script.onload = () =>
      done(thrown ? new OpenCtiError('opencti.init_failed', `Open CTI refused to start: ${thrown}`) : null);
    script.onerror = () => done(new OpenCtiError('opencti.load_failed', `Could not load the Open CTI library from ${absolute}`));
    doc.head.appendChild(script);
  });
}

// Loads `sforce.opencti` (unless the page already has it) and returns it with the effect handlers.
export async function connectOpenCti({ window: win = globalThis.window, apiVersion = '60.0' } = {}) {
  if (!/^\d{2}\.0$/.test(apiVersion) || Number.parseInt(apiVersion, 10) < LOWEST_VERSION) {
    throw new OpenCtiError('opencti.bad_version', `Open CTI API version "${apiVersion}" is not one of 38.0, 39.0, …`);
  }
  const origin = parentOriginOf(win);
  if (!win.sforce?.opencti) {
    const src = openCtiLibraryUrl({ pageUrl: win.location.href, origin, apiVersion });
    await loadLibrary(win, src);
  }
  const opencti = win.sforce?.opencti;
  if (!opencti) {
    throw new OpenCtiError(
      'opencti.init_failed',
      'The Open CTI library loaded but did not start (no sforce.opencti): the page must be framed by the Lightning console with its URL parameters.',
    );
  }
  return { opencti, origin, handlers: openCtiHandlers(opencti) };
}

const SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;

function resolveMethod(opencti, method) {
  if (typeof method !== 'string') return null;
  const segments = method.split('.');
  if (!segments.every((s) => SEGMENT.test(s))) return null;
  let owner = null;
  let value = opencti;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, segment)) return null;
    owner = value;
    value = value[segment];
  }
  return typeof value === 'function' ? { owner, fn: value } : null;
}

function failure(description) {
  return { success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR', description }] };
}

// The handlers for the Runtime: {'host.call': (effect, post) => …}.
export function openCtiHandlers(opencti) {
  const listening = new Set(); // methods whose listener is registered
  const channels = new Map(); // LMS channel name -> {response, waiting: [respond]}

  function subscribe({ args, callback }, respond, post) {
    const channelName = args.channelName;
    const known = channels.get(channelName);
    if (known) {
      // One listener per channel: a repeated subscribe gets the first one's answer.
      if (callback) known.response ? respond(known.response) : known.waiting.push(respond);
      return null;
    }
    const entry = { response: null, waiting: callback ? [respond] : [] };
    channels.set(channelName, entry);
    return {
      ...args,
      listener: (message) => post({ type: 'host.event', method: channelName, payload: message }),
      callback: (response) => {
        if (response?.success) entry.response = response;
        else channels.delete(channelName);
        for (const waiting of entry.waiting.splice(0)) waiting(response);
      },
      undo: () => channels.delete(channelName),
    };
  }

  function unsubscribe({ args, callback }, respond) {
    const wanted = JSON.stringify(args.subscription);
    return {
      ...args,
      callback: (response) => {
        if (response?.success) {
          for (const [name, entry] of channels) {
            if (JSON.stringify(entry.response?.returnValue?.subscription) === wanted) channels.delete(name);
          }
        }
        if (callback) respond(response);
      },
    };
  }

  return {
    'host.call': (effect, post) => {
      const { req, method, callback = false, listener = false } = effect;
      const args = effect.args ?? {};
      const respond = (response) => post({ type: 'host.response', req, response });
      const target = resolveMethod(opencti, method);
      if (!target) return respond(failure(`sforce.opencti.${String(method).slice(0, 80)} is not available in this Open CTI version`));
      if (args === null || typeof args !== 'object' || Array.isArray(args)) return respond(failure(`${method}: args must be an object`));

      let arg;
      if (method === 'subscribe') {
        arg = subscribe({ args, callback }, respond, post);
        if (!arg) return undefined;
      } else if (method === 'unsubscribe') {
        arg = unsubscribe({ args, callback }, respond);
      } else {
        arg = { ...args };
        if (callback) arg.callback = respond;
        if (listener) {
          if (listening.has(method)) {
            if (callback) respond(failure(`${method}: a listener is already registered`));
            return undefined;
          }
          arg.listener = (payload) => post({ type: 'host.event', method, payload });
        }
      }

      const undo = arg.undo;
      delete arg.undo;
      try {
        target.fn.call(target.owner, arg);
        if (listener && method !== 'subscribe') listening.add(method);
      } catch (err) {
        if (undo) undo();
        respond(failure(String(err?.message ?? err)));
      }
      return undefined;
    },
  };
}
