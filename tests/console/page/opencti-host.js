// The console's side of the Open CTI wire protocol: checks every message it receives (origin, source,
// format) the way Salesforce does, runs the method, answers registered callbacks, keeps the listener
// registrations and sends listener events. Error injection and delays hook in here.

// Methods whose argument carries a listener and nothing to answer: the console never replies to them.
export const LISTENER_ONLY = new Set(['onClickToDial', 'onNavigationChange', 'hvs.onWorkStart']);
const MIN_VERSION = { 'hvs.onWorkStart': 46, 'hvs.completeWork': 46, subscribe: 47, publish: 47, unsubscribe: 47 };
export const ERROR_CODES = ['SERVER_ERROR', 'GENERIC_ERROR', 'INVALID_PARAM', 'SOFTPHONE_CONTAINER_ERROR', 'NO_REPLY'];
const ERROR_TEXT = {
  SERVER_ERROR: 'An internal server error has occurred.',
  GENERIC_ERROR: 'Something went wrong.',
  INVALID_PARAM: 'Invalid parameter.',
  SOFTPHONE_CONTAINER_ERROR: "The softphone container hasn't initialized yet. Try again later.",
};

export class ConsoleApiError extends Error {
  constructor(code, description, details = null) {
    super(description);
    this.code = code;
    this.details = details;
  }
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class OpenCtiHost {
  // frame(): the softphone iframe; methods: {name: async (args, request) => returnValue};
  // log(entry): the event log; maxVersion: the org's API version (number).
  constructor({ frame, methods, log, maxVersion, onChange, onReset }) {
    this.frame = frame;
    this.onReset = onReset ?? (() => {});
    this.methods = methods;
    this.log = log;
    this.maxVersion = maxVersion;
    this.onChange = onChange ?? (() => {});
    this.registrations = []; // {methodName, apiVersion, callId}
    this.errors = {}; // method -> {code, count, description}
    this.delays = {}; // method -> ms
    this.counts = {};
    this.lastCallId = -1;
    this.onMessage = this.onMessage.bind(this);
  }

  adapterOrigin() {
    const src = this.frame()?.src;
    return src ? new URL(src).origin : null;
  }

  // A new adapter page (reload, standby, navigation) starts with no listeners and callId 0.
  reset() {
    this.registrations = [];
    this.lastCallId = -1;
    this.onReset();
  }

  problemWith(data) {
    if (!isPlainObject(data)) return 'the message is not an object';
    if (data.apiType !== 'opencti') return 'apiType is not "opencti"';
    const { methodName } = data;
    if (typeof methodName !== 'string' || !Object.prototype.hasOwnProperty.call(this.methods, methodName)) {
      return `unknown methodName ${JSON.stringify(methodName)?.slice(0, 60)}`;
    }
    if (!Number.isInteger(data.callId) || data.callId < 0) return 'callId is not a non-negative integer';
    if (!Number.isInteger(data.apiVersion) || data.apiVersion < 38 || data.apiVersion > this.maxVersion) {
      return `apiVersion ${JSON.stringify(data.apiVersion)} is not an Open CTI version of this org (38–${this.maxVersion})`;
    }
    if (data.apiVersion < (MIN_VERSION[methodName] ?? 38)) return `${methodName} needs API version ${MIN_VERSION[methodName]}.0 or later`;
    if (typeof data.isCallbackRegistered !== 'boolean' || typeof data.isListenerRegistered !== 'boolean') {
      return 'isCallbackRegistered and isListenerRegistered must be booleans';
    }
    if (!isPlainObject(data.args)) return 'args is not an object';
    if (LISTENER_ONLY.has(methodName) && !data.isListenerRegistered) return `${methodName} without a listener`;
    return null;
  }

  onMessage(event) {
    const frame = this.frame();
    const expected = this.adapterOrigin();
    if (!frame || event.origin !== expected) {
      this.log({ dir: 'rejected', origin: event.origin, data: event.data, reason: `origin ${event.origin} is not the softphone's (${expected})` });
      return;
    }
    if (event.source !== frame.contentWindow) {
      this.log({ dir: 'rejected', origin: event.origin, data: event.data, reason: 'not sent by the softphone frame' });
      return;
    }
    const problem = this.problemWith(event.data);
    if (problem) {
      this.log({ dir: 'rejected', origin: event.origin, data: event.data, reason: problem });
      return;
    }
    const request = structuredClone(event.data);
    if (request.callId === 0 && this.lastCallId >= 0) this.reset(); // a fresh library instance: its counter restarted
    this.lastCallId = request.callId;
    this.log({ dir: 'in', origin: event.origin, data: request });
    this.handle(request);
  }

  async handle(request) {
    const { methodName } = request;
    this.counts[methodName] = (this.counts[methodName] ?? 0) + 1;
    if (request.isListenerRegistered && methodName !== 'subscribe') {
      this.registrations.push({ methodName, apiVersion: request.apiVersion, callId: request.callId });
      this.onChange();
    }
    if (LISTENER_ONLY.has(methodName)) return; // a pure listener registration is never answered

    const delay = this.delays[methodName];
    if (delay > 0) await sleep(delay);
    let response;
    const injected = this.errors[methodName];
    if (injected && injected.count > 0) {
      injected.count -= 1;
      if (injected.count === 0) delete this.errors[methodName];
      this.onChange();
      if (injected.code === 'NO_REPLY') {
        this.log({ dir: 'note', data: { methodName, callId: request.callId }, reason: 'dropped by NO_REPLY injection' });
        return;
      }
      response = this.failure(injected.code, injected.description || ERROR_TEXT[injected.code]);
    } else {
      try {
        const returnValue = await this.methods[methodName](request.args, request);
        response = { success: true, returnValue: returnValue === undefined ? null : returnValue, errors: null };
      } catch (err) {
        response =
          err instanceof ConsoleApiError
            ? this.failure(err.code, err.message, err.details)
            : this.failure('GENERIC_ERROR', String(err?.message ?? err));
      }
    }
    if (request.isCallbackRegistered) this.reply(request, response);
    this.onChange();
  }

  failure(code, description, details = null) {
    return { success: false, returnValue: null, errors: [{ code, description, details }] };
  }

  post(message) {
    const frame = this.frame();
    const origin = this.adapterOrigin();
    if (!frame?.contentWindow || !origin) return false;
    frame.contentWindow.postMessage(message, origin);
    this.log({ dir: 'out', origin, data: message });
    return true;
  }

  reply(request, response) {
    return this.post({
      apiVersion: request.apiVersion,
      apiType: 'opencti',
      methodName: request.methodName,
      callId: request.callId,
      shouldExecuteCallback: true,
      response,
    });
  }

  // Sends a listener payload once per library instance that registered a listener for the method.
  emit(methodName, payload) {
    const versions = [...new Set(this.registrations.filter((r) => r.methodName === methodName).map((r) => r.apiVersion))];
    for (const apiVersion of versions) {
      this.post({ apiVersion, apiType: 'opencti', methodName, shouldExecuteListener: true, response: payload });
    }
    return versions.length > 0;
  }

  // Lightning Message Service delivery to the softphone's subscriptions of a channel.
  emitChannel(eventName, apiVersions, message) {
    for (const apiVersion of new Set(apiVersions)) {
      this.post({ apiVersion, apiType: 'opencti', methodName: 'subscribe', eventName, shouldExecuteListener: true, response: message });
    }
  }

  injectError(method, code = 'SERVER_ERROR', count = 1, description = '') {
    if (!Object.prototype.hasOwnProperty.call(this.methods, method)) throw new Error(`unknown method ${method}`);
    if (!ERROR_CODES.includes(code)) throw new Error(`error code must be one of ${ERROR_CODES.join(', ')}`);
    if (!(Number.isInteger(count) && count >= 0)) throw new Error('count must be a non-negative integer');
    if (count === 0) delete this.errors[method];
    else this.errors[method] = { code, count, description };
    this.onChange();
  }

  setDelay(method, ms) {
    if (!Object.prototype.hasOwnProperty.call(this.methods, method)) throw new Error(`unknown method ${method}`);
    if (!(Number.isFinite(ms) && ms >= 0)) throw new Error('delay must be a non-negative number of milliseconds');
    if (ms === 0) delete this.delays[method];
    else this.delays[method] = ms;
    this.onChange();
  }

  clearInjections() {
    this.errors = {};
    this.delays = {};
    this.onChange();
  }
}
