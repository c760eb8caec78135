/*
 * Open CTI for Lightning (sforce.opencti), the adapter-frame library, written from the documented
 * protocol for the console emulator. The server replaces the CONFIG literal below for every URL it
 * is served from: /support/api/<ver>/lightning/opencti_min.js gives apiVersion <ver> and, unless the
 * console overrides it, the behaviour of that generation of the library:
 *   'legacy' (38.0–43.0): ignores the should… flags; every accepted message runs the callback
 *                         `methodName_callId` and every listener registered for `methodName`.
 *   'flags'  (44.0+):     runs the callback only on shouldExecuteCallback, listeners only on
 *                         shouldExecuteListener.
 */
(function () {
  'use strict';

  var CONFIG = /*@@CONFIG*/ { apiVersion: 60, behaviour: 'flags' } /*@@END*/;
  var API_VERSION = CONFIG.apiVersion;
  var LEGACY = CONFIG.behaviour === 'legacy';
  var INIT_ERROR =
    'Failed to initialize Open CTI. Ensure that it is loaded from the right frame with correct URL parameters';

  // Salesforce hosts the console may run on. Libraries before 55.0 know only force.com and
  // salesforce.com; newer ones also accept the later domains and their government/proxy variants.
  var ORIGIN_OLD = /^https?:\/\/[\w.-]+(\.force\.com|\.salesforce\.com)(:\d+)?$/;
  var ORIGIN_NEW =
    /^https?:\/\/[\w.-]+(\.force\.com|\.salesforce\.com|\.visualforce\.com|\.my-lightning\.com|\.force\.mil|\.salesforce\.mil|\.crmforce\.mil|\.visualforce\.mil)(\.mcas\.ms)?(:\d+)?$/;

  var query = new URLSearchParams(window.location.search);
  var parentOrigin = query.get('sfdcIframeOrigin');
  var mode = query.get('mode');
  var originPattern = API_VERSION >= 55 ? ORIGIN_NEW : ORIGIN_OLD;
  if (
    !parentOrigin ||
    !mode ||
    !originPattern.test(parentOrigin) ||
    parentOrigin.slice(0, parentOrigin.indexOf(':') + 1) !== window.location.protocol
  ) {
    throw new Error(INIT_ERROR);
  }

  var nextCallId = 0;
  var callbacks = {}; // 'methodName_callId' -> function(response)
  var listeners = {}; // methodName -> [function(payload)]
  var channelListeners = []; // LMS: {eventName, listener, callId, subscription}

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function fail(methodName, message) {
    throw new Error('sforce.opencti.' + methodName + ': ' + message);
  }

  // The synchronous checks every method makes before anything is sent.
  function checkArguments(methodName, argumentList, rules) {
    var arg = argumentList[0];
    if (rules.optionalArgument && argumentList.length === 0) return {};
    if (argumentList.length !== 1 || !isPlainObject(arg)) {
      fail(methodName, 'expects exactly one object argument');
    }
    if (!rules.optionalArgument && Object.keys(arg).length === 0) {
      fail(methodName, 'expects a non-empty object argument');
    }
    if (arg.callback !== undefined && typeof arg.callback !== 'function') fail(methodName, 'callback must be a function');
    if (arg.listener !== undefined && typeof arg.listener !== 'function') fail(methodName, 'listener must be a function');
    if (rules.callbackRequired && typeof arg.callback !== 'function') fail(methodName, 'callback is required');
    if (rules.listenerRequired && typeof arg.listener !== 'function') fail(methodName, 'listener is required');
    return arg;
  }

  function argsWithout(arg) {
    var copy = {};
    Object.keys(arg).forEach(function (key) {
      if (key !== 'callback' && key !== 'listener') copy[key] = arg[key];
    });
    return copy;
  }

  function post(methodName, args, callback, listener, onSent) {
    var callId = nextCallId++;
    var key = methodName + '_' + callId;
    if (callback) callbacks[key] = callback;
    try {
      window.parent.postMessage(
        {
          methodName: methodName,
          callId: callId,
          apiVersion: API_VERSION,
          apiType: 'opencti',
          isCallbackRegistered: !!callback,
          isListenerRegistered: !!listener,
          args: args,
        },
        parentOrigin,
      );
    } catch (err) {
      delete callbacks[key];
      throw err; // e.g. DataCloneError: an argument the browser cannot send
    }
    if (onSent) onSent(callId);
  }

  function addListener(methodName, listener) {
    (listeners[methodName] = listeners[methodName] || []).push(listener);
  }

  // A throwing callback must neither stop the others nor be lost.
  function safely(fn, value) {
    try {
      fn(value);
    } catch (err) {
      setTimeout(function () {
        throw err;
      });
    }
  }

  function define(methodName, rules, build) {
    return function () {
      var arg = checkArguments(methodName, Array.prototype.slice.call(arguments), rules);
      var callback = typeof arg.callback === 'function' ? arg.callback : null;
      var listener = typeof arg.listener === 'function' ? arg.listener : null;
      var args = build ? build(arg) : argsWithout(arg);
      post(methodName, args, callback, listener, function () {
        if (listener) addListener(methodName, listener);
      });
    };
  }

  var withCallback = { callbackRequired: true };
  var withListener = { listenerRequired: true };
  var plain = {};
  var optional = { optionalArgument: true };

  var api = {
    CALL_TYPE: { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' },
    SCREENPOP_TYPE: {
      URL: 'url',
      SOBJECT: 'sobject',
      OBJECTHOME: 'objecthome',
      LIST: 'list',
      SEARCH: 'search',
      NEW_RECORD_MODAL: 'newRecord',
      FLOW: 'flow',
    },
    enableClickToDial: define('enableClickToDial', optional),
    disableClickToDial: define('disableClickToDial', optional),
    refreshView: define('refreshView', optional),
    onClickToDial: define('onClickToDial', withListener),
    onNavigationChange: define('onNavigationChange', withListener),
    getAppViewInfo: define('getAppViewInfo', withCallback),
    getCallCenterSettings: define('getCallCenterSettings', withCallback),
    getSoftphoneLayout: define('getSoftphoneLayout', withCallback),
    isSoftphonePanelVisible: define('isSoftphonePanelVisible', withCallback),
    setSoftphonePanelVisibility: define('setSoftphonePanelVisibility', plain),
    setSoftphonePanelHeight: define('setSoftphonePanelHeight', plain),
    setSoftphonePanelWidth: define('setSoftphonePanelWidth', plain),
    setSoftphonePanelLabel: define('setSoftphonePanelLabel', plain),
    setSoftphonePanelIcon: define('setSoftphonePanelIcon', plain),
    setSoftphoneItemLabel: define('setSoftphoneItemLabel', plain),
    setSoftphoneItemIcon: define('setSoftphoneItemIcon', plain),
    notifyInitializationComplete: define('notifyInitializationComplete', plain),
    runApex: define('runApex', plain),
    searchAndScreenPop: define('searchAndScreenPop', plain),
    screenPop: define('screenPop', plain, function (arg) {
      return { type: arg.type, params: arg.params };
    }),
    saveLog: (function () {
      var send = define('saveLog', plain, function (arg) {
        return { object: arg.value };
      });
      return function (arg) {
        if (arguments.length === 1 && isPlainObject(arg) && !isPlainObject(arg.value)) {
          fail('saveLog', 'value must be an object');
        }
        return send.apply(null, arguments);
      };
    })(),
  };

  if (API_VERSION >= 46) {
    api.hvs = {
      onWorkStart: define('hvs.onWorkStart', withListener),
      completeWork: define('hvs.completeWork', plain),
    };
  }

  if (API_VERSION >= 47) {
    api.subscribe = function () {
      var arg = checkArguments('subscribe', Array.prototype.slice.call(arguments), withListener);
      if (typeof arg.channelName !== 'string' || !arg.channelName) fail('subscribe', 'channelName is required');
      var entry = { eventName: arg.channelName, listener: arg.listener, callId: null, subscription: null };
      var user = typeof arg.callback === 'function' ? arg.callback : null;
      var callback = user
        ? function (response) {
            if (response && response.success && response.returnValue) entry.subscription = response.returnValue.subscription;
            user(response);
          }
        : null;
      post('subscribe', { eventName: arg.channelName, subscription: {} }, callback, arg.listener, function (callId) {
        entry.callId = callId;
        channelListeners.push(entry);
      });
    };
    api.publish = define('publish', plain);
    api.unsubscribe = define('unsubscribe', plain, function (arg) {
      var wanted = JSON.stringify(arg.subscription);
      channelListeners = channelListeners.filter(function (entry) {
        return !entry.subscription || JSON.stringify(entry.subscription) !== wanted;
      });
      return argsWithout(arg);
    });
  }

  function runCallback(data) {
    var key = data.methodName + '_' + data.callId;
    var callback = callbacks[key];
    if (!callback) return;
    delete callbacks[key];
    safely(callback, data.response);
  }

  function runListeners(data) {
    if (typeof data.eventName === 'string') {
      channelListeners
        .filter(function (entry) {
          return entry.eventName === data.eventName;
        })
        .forEach(function (entry) {
          safely(entry.listener, data.response);
        });
      return;
    }
    (listeners[data.methodName] || []).slice().forEach(function (listener) {
      safely(listener, data.response);
    });
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== parentOrigin) return;
    if (!isPlainObject(data) || data.apiVersion !== API_VERSION || data.apiType !== 'opencti') return;
    if (typeof data.methodName !== 'string') return;
    if (LEGACY) {
      runCallback(data);
      runListeners(data);
      return;
    }
    if (data.shouldExecuteCallback === true) runCallback(data);
    if (data.shouldExecuteListener === true) runListeners(data);
  });

  window.sforce = window.sforce || {};
  window.sforce.opencti = api;
})();
