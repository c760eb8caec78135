// The Lightning console emulator page: the parent side of Open CTI. It hosts the softphone iframe in
// a utility panel, implements every sforce.opencti method against the emulated org, shows what the
// softphone did (pops, Tasks, panel changes, messages) and exposes all of it as window.konsole.

import { ConsoleApiError, ERROR_CODES, LISTENER_ONLY, OpenCtiHost } from './opencti-host.js';
import { escape, icon, iconShape, loadIcons, renderPage } from './views.js';

const [session] = await Promise.all([(await fetch('/__console/api/session')).json(), loadIcons()]);
const CALL_CHANNEL = 'Switchboard_Call__c';
const NAV = [
  { key: 'home', label: 'Home', path: '/lightning/page/home' },
  { key: 'Contact', label: 'Contacts', path: '/lightning/o/Contact/list' },
  { key: 'Lead', label: 'Leads', path: '/lightning/o/Lead/list' },
  { key: 'Account', label: 'Accounts', path: '/lightning/o/Account/list' },
  { key: 'Task', label: 'Tasks', path: '/lightning/o/Task/list' },
];
const CALL_TYPES = { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' };
const POP_TYPES = ['url', 'sobject', 'objecthome', 'list', 'search', 'newRecord', 'flow'];
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

const state = {
  user: session.user,
  libraryBehaviour: session.libraryBehaviour,
  softphoneSrc: null,
  initialized: false,
  standby: null,
  panel: {
    visible: false,
    heightPX: Number(session.callCenter['/reqGeneralInfo/reqSoftphoneHeight']) || 400,
    widthPX: Number(session.callCenter['/reqGeneralInfo/reqSoftphoneWidth']) || 300,
    label: 'Phone',
    icon: 'call',
    itemLabel: 'Phone',
    itemIcon: 'call',
  },
  clickToDial: false,
  lastClickToDial: null,
  nav: 'home',
  navPath: '/lightning/page/home',
  tabs: [],
  activeTab: null,
  navigation: null,
  navigationEvents: 0,
  pops: [],
  modal: null,
  refreshes: 0,
  messages: [],
  lms: { subscriptions: [], published: [], activeCall: null, lastLogged: null },
  work: { started: [], completed: [] },
};
let records = session.records;
let seq = 0;
let standbyTimer = null;
let nextSubscription = 1;

// ---------------------------------------------------------------------------------------------
// Records

const recordById = (id) => {
  for (const list of Object.values(records)) {
    const found = list.find((r) => r.Id === id);
    if (found) return found;
  }
  return null;
};

async function api(op, body = {}) {
  const res = await fetch(`/__console/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const value = await res.json();
  if (!res.ok) throw new ConsoleApiError('SERVER_ERROR', value.error ?? `HTTP ${res.status}`);
  return value;
}

async function reloadRecords() {
  records = await api('records');
  render();
}

// ---------------------------------------------------------------------------------------------
// Navigation: nav items (Home, object lists) and workspace tabs (records, search, flows, URLs)

function parsePath(path) {
  const url = new URL(path, location.origin);
  const p = url.pathname;
  let m;
  if (p === '/lightning/page/home' || p === '/lightning' || p === '/lightning/') return { kind: 'nav', nav: 'home' };
  if ((m = /^\/lightning\/o\/(\w+)\/(list|home)$/.exec(p))) {
    return { kind: 'nav', nav: m[1], objectType: m[1], listViewId: url.searchParams.get('filterName'), home: m[2] === 'home' };
  }
  if ((m = /^\/lightning\/o\/(\w+)\/new$/.exec(p))) {
    let defaults = {};
    try {
      defaults = JSON.parse(url.searchParams.get('defaultFieldValues') || '{}');
    } catch {
      defaults = {};
    }
    return { kind: 'new', entityName: m[1], defaultFieldValues: defaults };
  }
  if ((m = /^\/lightning\/r\/(?:(\w+)\/)?([a-zA-Z0-9]{15,18})\/view$/.exec(p))) return { kind: 'record', recordId: m[2] };
  if (p === '/lightning/search') return { kind: 'search', searchString: url.searchParams.get('q') ?? '' };
  if ((m = /^\/lightning\/flow\/(\w+)$/.exec(p))) {
    let flowArgs = [];
    try {
      flowArgs = JSON.parse(url.searchParams.get('args') || '[]');
    } catch {
      flowArgs = [];
    }
    return { kind: 'flow', flowDevName: m[1], flowArgs };
  }
  return { kind: 'url', url: p + url.search + url.hash };
}

function tabTitle(route) {
  switch (route.kind) {
    case 'record':
      return recordById(route.recordId)?.Name ?? 'Record not found';
    case 'search':
      return `Search: ${route.searchString}`;
    case 'flow':
      return `Flow: ${session.flows.find((f) => f.apiName === route.flowDevName)?.label ?? route.flowDevName}`;
    default:
      return route.url;
  }
}

function currentPath() {
  const tab = state.tabs.find((t) => t.id === state.activeTab);
  if (tab) return tab.path;
  return state.navPath ?? '/lightning/page/home';
}

function currentRoute() {
  return parsePath(currentPath());
}

function go(path, { replace = false } = {}) {
  const route = parsePath(path);
  if (route.kind === 'new') {
    openModal(route.entityName, route.defaultFieldValues);
    return;
  }
  if (route.kind === 'nav') {
    state.nav = route.nav;
    state.navPath = path;
    state.activeTab = null;
  } else {
    const key = route.kind === 'record' ? `record:${route.recordId}` : path;
    let tab = state.tabs.find((t) => t.key === key);
    if (!tab) {
      tab = { id: `tab-${++seq}`, key, path, kind: route.kind, title: tabTitle(route) };
      state.tabs.push(tab);
    }
    tab.path = path;
    state.activeTab = tab.id;
  }
  if (location.pathname + location.search !== path) history[replace ? 'replaceState' : 'pushState']({}, '', path);
  navigationChanged();
  render();
}

function switchTab(id) {
  const tab = state.tabs.find((t) => t.id === id);
  if (!tab) return;
  state.activeTab = tab.id;
  history.pushState({}, '', tab.path);
  navigationChanged();
  render();
}

function closeTab(id) {
  const index = state.tabs.findIndex((t) => t.id === id);
  if (index < 0) return;
  state.tabs.splice(index, 1);
  if (state.activeTab === id) {
    const next = state.tabs[index] ?? state.tabs[index - 1];
    state.activeTab = next?.id ?? null;
    history.pushState({}, '', currentPath());
    navigationChanged();
  }
  render();
}

function personExtras(record) {
  const type = record.attributes?.type;
  if (type === 'Account' && record.IsPersonAccount) return { contactId: record.PersonContactId, personAccount: true };
  if (type === 'Contact' && record.IsPersonAccount) return { accountId: record.AccountId, personAccount: true };
  if (type === 'Account' || type === 'Contact') return { personAccount: false };
  return {};
}

function appViewInfo() {
  const url = location.origin + currentPath();
  const route = currentRoute();
  if (route.kind === 'record') {
    const record = recordById(route.recordId);
    if (record) return { url, recordId: record.Id, recordName: record.Name, objectType: record.attributes.type, ...personExtras(record) };
  }
  return { url };
}

// onNavigationChange: a console app fires it for record pages (URL change, tab switch, focus
// return), not for list views.
function navigationChanged({ force = false } = {}) {
  const info = appViewInfo();
  const changed = JSON.stringify(info) !== JSON.stringify(state.navigation);
  state.navigation = info;
  if ((changed || force) && info.recordId) {
    if (host.emit('onNavigationChange', info)) state.navigationEvents += 1;
  }
  scheduleSync();
}

// ---------------------------------------------------------------------------------------------
// Screen pops

const invalid = (description) => {
  throw new ConsoleApiError('INVALID_PARAM', description);
};
const nonEmpty = (value) => typeof value === 'string' && value.trim() !== '';

function checkPop(type, params) {
  if (!POP_TYPES.includes(type)) invalid(`screenPop: type must be one of ${POP_TYPES.join(', ')} (got ${JSON.stringify(type)})`);
  if (!isPlainObject(params)) invalid('screenPop: params must be an object');
  switch (type) {
    case 'sobject':
      if (!nonEmpty(params.recordId) || !ID.test(params.recordId)) invalid('screenPop sobject: params.recordId must be a 15- or 18-character record Id');
      break;
    case 'url':
      if (!nonEmpty(params.url)) invalid('screenPop url: params.url is required');
      if (!params.url.startsWith('/') || params.url.startsWith('//') || /^\/*[a-z][\w+.-]*:/i.test(params.url)) {
        invalid(`screenPop url: the URL must be relative, like /lightning/o/Account/home (got ${params.url.slice(0, 100)})`);
      }
      break;
    case 'objecthome':
      if (!nonEmpty(params.scope)) invalid('screenPop objecthome: params.scope (an object API name) is required');
      break;
    case 'list':
      if (!nonEmpty(params.listViewId)) invalid('screenPop list: params.listViewId is required');
      if (!nonEmpty(params.scope)) invalid('screenPop list: params.scope (an object API name) is required');
      break;
    case 'search':
      if (typeof params.searchString !== 'string' || params.searchString.trim().length < 3) {
        invalid('screenPop search: params.searchString must have at least 3 characters');
      }
      break;
    case 'newRecord':
      if (!nonEmpty(params.entityName)) invalid('screenPop newRecord: params.entityName is required');
      if (params.defaultFieldValues !== undefined && !isPlainObject(params.defaultFieldValues)) {
        invalid('screenPop newRecord: params.defaultFieldValues must be an object');
      }
      break;
    case 'flow': {
      if (!nonEmpty(params.flowDevName)) invalid('screenPop flow: params.flowDevName is required');
      const flow = session.flows.find((f) => f.apiName === params.flowDevName);
      if (!flow || !flow.active || flow.processType !== 'Flow') invalid(`screenPop flow: ${params.flowDevName} is not an active screen flow`);
      if (params.flowArgs !== undefined) {
        const ok = Array.isArray(params.flowArgs) && params.flowArgs.every((a) => isPlainObject(a) && nonEmpty(a.name) && nonEmpty(a.type) && 'value' in a);
        if (!ok) invalid('screenPop flow: params.flowArgs must be a list of {name, type, value}');
        const unknown = params.flowArgs.find((a) => !flow.inputs.includes(a.name));
        if (unknown) invalid(`screenPop flow: ${flow.apiName} has no input variable ${unknown.name}`);
      }
      break;
    }
    default:
      break;
  }
}

function popPath(type, params) {
  switch (type) {
    case 'sobject':
      return `/lightning/r/${params.recordId}/view`;
    case 'url':
      return params.url;
    case 'objecthome':
      return `/lightning/o/${params.scope}/home`;
    case 'list':
      return `/lightning/o/${params.scope}/list?filterName=${encodeURIComponent(params.listViewId)}`;
    case 'search':
      return `/lightning/search?q=${encodeURIComponent(params.searchString.trim())}`;
    case 'newRecord':
      return `/lightning/o/${params.entityName}/new?defaultFieldValues=${encodeURIComponent(JSON.stringify(params.defaultFieldValues ?? {}))}`;
    case 'flow':
      return `/lightning/flow/${params.flowDevName}?args=${encodeURIComponent(JSON.stringify(params.flowArgs ?? []))}`;
    default:
      return null;
  }
}

function screenPop(type, params, source) {
  checkPop(type, params);
  state.pops.push({ seq: ++seq, at: Date.now(), source, type, params: structuredClone(params) });
  go(popPath(type, params));
}

// What the softphone layout pops for a search result (null: DoNotPop).
function layoutPop(setting, { result, searchParams, queryParams, defaultFieldValues, params }) {
  const ids = Object.keys(result);
  switch (setting?.screenPopType) {
    case 'PopToEntity':
      if (ids.length === 0) return setting.screenPopData ? { type: 'newRecord', params: { entityName: setting.screenPopData, defaultFieldValues: defaultFieldValues ?? {} } } : null;
      if (ids.length === 1) return { type: 'sobject', params: { recordId: ids[0] } };
      return { type: 'search', params: { searchString: searchParams } };
    case 'PopToSearch':
      return { type: 'search', params: { searchString: searchParams } };
    case 'PopToVisualforce':
      return { type: 'url', params: { url: `/apex/${setting.screenPopData}${queryParams ? `?${queryParams}` : ''}` } };
    case 'PopToFlow':
      return { type: 'flow', params: { flowDevName: setting.screenPopData, flowArgs: params?.flowArgs ?? [] } };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Lightning Message Service

function checkChannel(name, method) {
  if (!nonEmpty(name)) invalid(`${method}: a message channel name is required`);
  if (!session.messageChannels.includes(name)) invalid(`${method}: message channel ${name} does not exist in this org`);
}

function deliver(channelName, message, from) {
  state.lms.published.push({ seq: ++seq, at: Date.now(), channelName, from, message: structuredClone(message) });
  if (state.lms.published.length > 200) state.lms.published.shift();
  const subs = state.lms.subscriptions.filter((s) => s.channelName === channelName);
  host.emitChannel(channelName, subs.map((s) => s.apiVersion), message);
  if (channelName === CALL_CHANNEL && isPlainObject(message)) {
    if (message.kind === 'call') state.lms.activeCall = structuredClone(message);
    if (message.kind === 'logged') state.lms.lastLogged = structuredClone(message);
  }
  render();
}

// ---------------------------------------------------------------------------------------------
// The Open CTI methods

const intInRange = (value, lo, hi, what) => {
  if (!Number.isInteger(value) || value < lo || value > hi) invalid(`${what} must be an integer from ${lo} to ${hi} (got ${JSON.stringify(value)})`);
  return value;
};
const label = (value, what) => {
  if (!nonEmpty(value) || value.length > 255) invalid(`${what} must be a non-empty string of at most 255 characters`);
  return value;
};
const utilityIcon = (value, what) => {
  if (!nonEmpty(value) || !session.utilityIcons.includes(value)) invalid(`${what}: "${String(value).slice(0, 60)}" is not an SLDS utility icon`);
  return value;
};

const methods = {
  enableClickToDial() {
    state.clickToDial = true;
    return null;
  },
  disableClickToDial() {
    state.clickToDial = false;
    return null;
  },
  onClickToDial: () => null,
  onNavigationChange: () => null,
  'hvs.onWorkStart': () => null,
  getAppViewInfo: () => appViewInfo(),
  getCallCenterSettings: () => ({ ...session.callCenter }),
  getSoftphoneLayout: () => structuredClone(session.layout),
  isSoftphonePanelVisible: () => ({ visible: state.panel.visible }),
  setSoftphonePanelVisibility({ visible }) {
    if (typeof visible !== 'boolean') invalid('setSoftphonePanelVisibility: visible must be true or false');
    state.panel.visible = visible;
    return null;
  },
  setSoftphonePanelHeight({ heightPX }) {
    state.panel.heightPX = intInRange(heightPX, 240, 2560, 'setSoftphonePanelHeight: heightPX');
    return null;
  },
  setSoftphonePanelWidth({ widthPX }) {
    state.panel.widthPX = intInRange(widthPX, 200, 1920, 'setSoftphonePanelWidth: widthPX');
    return null;
  },
  setSoftphonePanelLabel(args) {
    state.panel.label = label(args.label, 'setSoftphonePanelLabel: label');
    return null;
  },
  setSoftphonePanelIcon(args) {
    state.panel.icon = utilityIcon(args.key, 'setSoftphonePanelIcon: key');
    return null;
  },
  setSoftphoneItemLabel(args) {
    state.panel.itemLabel = label(args.label, 'setSoftphoneItemLabel: label');
    return null;
  },
  setSoftphoneItemIcon(args) {
    state.panel.itemIcon = utilityIcon(args.key, 'setSoftphoneItemIcon: key');
    return null;
  },
  async refreshView() {
    state.refreshes += 1;
    await reloadRecords();
    for (const tab of state.tabs) tab.title = tabTitle(parsePath(tab.path));
    return null;
  },
  notifyInitializationComplete() {
    state.initialized = true;
    clearTimeout(standbyTimer);
    return null;
  },
  screenPop({ type, params }) {
    screenPop(type, params, 'screenPop');
    return null;
  },
  async searchAndScreenPop(args) {
    const callType = typeof args.callType === 'string' ? args.callType.toLowerCase() : '';
    if (!CALL_TYPES[callType]) invalid('searchAndScreenPop: callType must be inbound, outbound or internal');
    for (const key of ['searchParams', 'queryParams']) {
      if (args[key] !== undefined && args[key] !== null && typeof args[key] !== 'string') invalid(`searchAndScreenPop: ${key} must be a string`);
    }
    if (args.defaultFieldValues !== undefined && !isPlainObject(args.defaultFieldValues)) invalid('searchAndScreenPop: defaultFieldValues must be an object');
    if (args.deferred !== undefined && typeof args.deferred !== 'boolean') invalid('searchAndScreenPop: deferred must be true or false');
    if (args.params !== undefined && !isPlainObject(args.params)) invalid('searchAndScreenPop: params must be an object');
    const searchParams = args.searchParams ?? '';
    const { result } = await api('search', { searchParams, callType });
    const settings = session.layout[CALL_TYPES[callType]]?.screenPopSettings ?? {};
    const count = Object.keys(result).length;
    const setting = count === 0 ? settings.NoMatch : count === 1 ? settings.SingleMatch : settings.MultipleMatches;
    const pop = layoutPop(setting, { result, searchParams, queryParams: args.queryParams, defaultFieldValues: args.defaultFieldValues, params: args.params });
    if (args.deferred) {
      if (pop) result.SCREEN_POP_DATA = pop;
    } else if (pop) {
      screenPop(pop.type, pop.params, 'searchAndScreenPop');
    }
    return result;
  },
  async saveLog(args) {
    if (!isPlainObject(args.object)) invalid('saveLog: value must be an object');
    const saved = await api('save', { value: args.object });
    if (saved.error) throw new ConsoleApiError(saved.error.code, saved.error.description, saved.error.details);
    await reloadRecords();
    return { recordId: saved.recordId };
  },
  async runApex(args) {
    const result = await api('apex', { apexClass: args.apexClass, methodName: args.methodName, methodParams: args.methodParams });
    if (result.error) throw new ConsoleApiError(result.error.code, result.error.description, result.error.details);
    return { runApex: result.runApex };
  },
  subscribe(args, request) {
    checkChannel(args.eventName, 'subscribe');
    if (!isPlainObject(args.subscription)) invalid('subscribe: subscription must be an object');
    const subscription = { id: `sub-${nextSubscription++}`, channelName: args.eventName };
    state.lms.subscriptions.push({ ...subscription, subscriber: 'softphone', apiVersion: request.apiVersion });
    return { subscription };
  },
  unsubscribe(args) {
    const id = args.subscription?.id;
    const index = state.lms.subscriptions.findIndex((s) => s.subscriber === 'softphone' && s.id === id);
    if (index < 0) invalid('unsubscribe: no such subscription');
    state.lms.subscriptions.splice(index, 1);
    return null;
  },
  publish(args) {
    checkChannel(args.channelName, 'publish');
    if (!isPlainObject(args.message)) invalid('publish: message must be an object');
    deliver(args.channelName, args.message, 'softphone');
    return null;
  },
  'hvs.completeWork'(args) {
    if (!nonEmpty(args.workId)) invalid('hvs.completeWork: workId is required');
    if (!state.work.started.some((w) => w.workId === args.workId)) invalid(`hvs.completeWork: no work ${args.workId} was started`);
    if (args.attributes !== undefined && !isPlainObject(args.attributes)) invalid('hvs.completeWork: attributes must be an object');
    state.work.completed.push({ workId: args.workId, attributes: structuredClone(args.attributes ?? {}), at: Date.now() });
    return null;
  },
};

// ---------------------------------------------------------------------------------------------
// Softphone frame and panel

const frame = document.createElement('iframe');
frame.id = 'softphone';
frame.title = 'Softphone';
frame.allow = 'microphone; autoplay; clipboard-write';
document.getElementById('panel-body').appendChild(frame);

function log(entry) {
  state.messages.push({ seq: ++seq, at: Date.now(), ...entry });
  if (state.messages.length > 2000) state.messages.splice(0, state.messages.length - 2000);
  renderLog();
  scheduleSync();
}

const host = new OpenCtiHost({
  frame: () => frame,
  methods,
  log,
  maxVersion: Number.parseInt(session.apiVersion, 10),
  onChange: () => render(),
  onReset: () => {
    state.clickToDial = false;
    state.lms.subscriptions = state.lms.subscriptions.filter((s) => s.subscriber !== 'softphone');
  },
});
window.addEventListener('message', host.onMessage);

function salesforceParams() {
  const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `mode=Lightning&isdtp=vw&sfdcIframeOrigin=${encodeURIComponent(location.origin)}&nonce=${nonce}&ltn_app_id=06m5e000000SbAppAAC&clc=0`;
}

const withParams = (url) => `${url}${url.includes('?') ? '&' : '?'}${salesforceParams()}`;

function loadSoftphone() {
  clearTimeout(standbyTimer);
  host.reset();
  state.initialized = false;
  state.standby = null;
  state.softphoneSrc = withParams(session.adapterUrl);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = state.softphoneSrc;
  if (session.standbyUrl && session.initTimeoutMs) {
    standbyTimer = setTimeout(() => {
      if (state.initialized) return;
      host.reset();
      state.standby = { at: Date.now(), url: withParams(session.standbyUrl) };
      frame.src = state.standby.url;
      render();
    }, session.initTimeoutMs);
  }
  render();
  return loaded;
}

// ---------------------------------------------------------------------------------------------
// Click-to-dial, Active call panel, emulator controls

function clickToDial(recordId, field) {
  if (!state.clickToDial) return false;
  const record = recordById(recordId);
  if (!record || !record[field]) return false;
  state.panel.visible = true;
  const payload = { number: record[field], recordId: record.Id, recordName: record.Name, objectType: record.attributes.type, ...personExtras(record) };
  state.lastClickToDial = payload;
  host.emit('onClickToDial', payload);
  render();
  return true;
}

function editActiveCall({ notes, disposition } = {}) {
  const call = state.lms.activeCall?.call;
  if (!call) throw new Error('there is no active call to edit');
  const message = { kind: 'edit', callId: call.id };
  if (notes !== undefined) message.notes = String(notes);
  if (disposition !== undefined) message.disposition = String(disposition);
  deliver(CALL_CHANNEL, message, 'activeCallPanel');
  return message;
}

async function setLibraryBehaviour(value) {
  const res = await fetch('/__console/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ libraryBehaviour: value }) });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error);
  state.libraryBehaviour = body.libraryBehaviour;
  await loadSoftphone();
}

async function setUser(user) {
  const res = await fetch('/__console/control', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error);
  state.user = body.user;
  await loadSoftphone();
}

function startWork({ workItemId, workId } = {}) {
  const work = { workItemId: workItemId ?? `0Mw5e00000A${String(++seq).padStart(4, '0')}AAC`, workId: workId ?? `0Bz5e00000A${String(seq).padStart(4, '0')}AAC` };
  state.work.started.push({ ...work, at: Date.now() });
  host.emit('hvs.onWorkStart', work);
  render();
  return work;
}

// ---------------------------------------------------------------------------------------------
// Modal: the new-record form a NEW_RECORD_MODAL pop opens

const NEW_FIELDS = {
  Contact: ['FirstName', 'LastName', 'Phone', 'Email', 'AccountId'],
  Lead: ['FirstName', 'LastName', 'Company', 'Phone', 'Email'],
  Account: ['Name', 'Phone', 'Industry'],
  Task: ['Subject', 'Description'],
};

function openModal(entityName, defaultFieldValues) {
  state.modal = { entityName, defaultFieldValues: structuredClone(defaultFieldValues ?? {}), error: null };
  render();
}

async function saveModal(form) {
  const value = { entityApiName: state.modal.entityName };
  for (const [k, v] of new FormData(form)) if (v !== '') value[k] = v;
  const saved = await api('save', { value });
  if (saved.error) {
    state.modal.error = saved.error.description;
    render();
    return;
  }
  state.modal = null;
  await reloadRecords();
  go(`/lightning/r/${saved.recordId}/view`);
}

// ---------------------------------------------------------------------------------------------
// Rendering (each region is replaced only when its HTML changed, so typing is never lost)

const regions = new Map();
function setRegion(id, html) {
  if (regions.get(id) === html) return;
  regions.set(id, html);
  document.getElementById(id).innerHTML = html;
}

function phoneLink(record, field) {
  const value = record[field];
  if (!value) return '';
  if (!state.clickToDial) return `<span class="sb-phone-off" data-phone="${escape(record.Id)}:${field}">${escape(value)}</span>`;
  return `<a href="#" class="sb-click-to-dial" data-action="dial" data-record="${escape(record.Id)}" data-field="${field}">${icon('utility', 'call', 'x-small', 'slds-icon-text-default')}${escape(value)}</a>`;
}

function render() {
  document.getElementById('user-name').textContent = `${state.user?.Name ?? ''}`;
  setRegion(
    'nav-items',
    NAV.map(
      (n) => `<li class="slds-context-bar__item ${state.activeTab === null && state.nav === n.key ? 'slds-is-active' : ''}">
      <a href="${n.path}" data-action="go" data-path="${n.path}" class="slds-context-bar__label-action"><span class="slds-truncate">${n.label}</span></a></li>`,
    ).join(''),
  );
  setRegion(
    'workspace-tabs',
    state.tabs
      .map(
        (t) => `<li class="slds-tabs_default__item ${t.id === state.activeTab ? 'slds-is-active' : ''}" role="presentation">
      <a class="slds-tabs_default__link" role="tab" href="#" data-action="tab" data-tab="${t.id}">${escape(t.title)}</a>
      <button class="slds-button slds-button_icon" data-action="close-tab" data-tab="${t.id}" title="Close ${escape(t.title)}">${icon('utility', 'close', 'x-small', '', 'slds-button__icon')}</button></li>`,
      )
      .join(''),
  );
  setRegion('content', renderPage(currentRoute(), { state, records, recordById, session, phoneLink }));
  renderSidebar();
  renderPanel();
  renderModal();
  scheduleSync();
}

// Redraws an inline utility icon only when it changed.
function setIcon(id, name) {
  const svg = document.getElementById(id);
  if (svg.dataset.icon === name) return;
  const { viewBox, body } = iconShape('utility', name);
  svg.setAttribute('viewBox', viewBox);
  svg.innerHTML = body;
  svg.dataset.icon = name;
}

function renderPanel() {
  const panel = document.getElementById('softphone-panel');
  panel.classList.toggle('slds-is-open', state.panel.visible);
  panel.style.width = `${state.panel.widthPX}px`;
  panel.style.height = `${state.panel.heightPX}px`;
  document.getElementById('panel-heading').textContent = state.panel.label;
  setIcon('panel-icon', state.panel.icon);
  setIcon('minimize-icon', 'minimize_window');
  document.getElementById('item-label').textContent = state.panel.itemLabel;
  setIcon('item-icon', state.panel.itemIcon);
  const item = document.getElementById('phone-item');
  item.classList.toggle('slds-is-active', state.panel.visible);
  document.getElementById('phone-item-button').setAttribute('aria-pressed', String(state.panel.visible));
}

function renderModal() {
  if (!state.modal) return setRegion('modal-root', '');
  const { entityName, defaultFieldValues, error } = state.modal;
  const fields = [...new Set([...(NEW_FIELDS[entityName] ?? []), ...Object.keys(defaultFieldValues)])];
  return setRegion(
    'modal-root',
    `<section role="dialog" class="slds-modal slds-fade-in-open" aria-labelledby="modal-heading" id="new-record-modal">
    <div class="slds-modal__container"><div class="slds-modal__header"><h1 id="modal-heading" class="slds-modal__title slds-hyphenate">New ${escape(entityName)}</h1></div>
    <form class="slds-modal__content slds-p-around_medium" id="new-record-form">
      ${error ? `<div class="slds-notify slds-notify_alert slds-alert_error" role="alert">${escape(error)}</div>` : ''}
      ${fields
        .map(
          (f) => `<div class="slds-form-element slds-m-bottom_x-small"><label class="slds-form-element__label" for="nf-${escape(f)}">${escape(f)}</label>
          <div class="slds-form-element__control"><input class="slds-input" id="nf-${escape(f)}" name="${escape(f)}" value="${escape(defaultFieldValues[f] ?? '')}"></div></div>`,
        )
        .join('')}
    </form>
    <div class="slds-modal__footer"><button class="slds-button slds-button_neutral" data-action="modal-cancel">Cancel</button>
      <button class="slds-button slds-button_brand" data-action="modal-save">Save</button></div></div></section>
    <div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`,
  );
}

function renderSidebar() {
  const active = state.lms.activeCall?.call;
  const dispositions = state.lms.activeCall?.dispositions ?? [];
  setRegion(
    'active-call',
    `<div class="slds-card__header slds-grid"><header class="slds-media slds-media_center slds-has-flexi-truncate">
      <div class="slds-media__figure">${icon('standard', 'call', 'small')}</div>
      <div class="slds-media__body"><h2 class="slds-card__header-title">Active call <span class="slds-text-body_small slds-text-color_weak">(${CALL_CHANNEL})</span></h2></div></header></div>
    <div class="slds-card__body slds-card__body_inner">
    ${
      active
        ? `<dl class="slds-list_horizontal slds-wrap">
        <dt class="slds-item_label slds-text-color_weak">Caller</dt><dd class="slds-item_detail" id="active-call-label">${escape(active.label ?? '')}</dd>
        <dt class="slds-item_label slds-text-color_weak">Number</dt><dd class="slds-item_detail">${escape(active.numberDisplay ?? active.number ?? '')}</dd>
        <dt class="slds-item_label slds-text-color_weak">State</dt><dd class="slds-item_detail" id="active-call-state">${escape(active.state ?? '')} · ${escape(active.direction ?? '')}</dd>
        <dt class="slds-item_label slds-text-color_weak">Who / What</dt><dd class="slds-item_detail">${escape(active.who?.name ?? '—')} / ${escape(active.what?.name ?? '—')}</dd></dl>
      <div class="slds-form-element slds-m-top_x-small"><label class="slds-form-element__label" for="edit-disposition">Disposition</label>
        <div class="slds-form-element__control"><div class="slds-select_container"><select class="slds-select" id="edit-disposition">
        <option value="">—</option>${dispositions.map((d) => `<option ${d === active.disposition ? 'selected' : ''}>${escape(d)}</option>`).join('')}</select></div></div></div>
      <div class="slds-form-element slds-m-top_x-small"><label class="slds-form-element__label" for="edit-notes">Notes</label>
        <div class="slds-form-element__control"><textarea class="slds-textarea" id="edit-notes" rows="2">${escape(active.notes ?? '')}</textarea></div></div>
      <button class="slds-button slds-button_neutral slds-m-top_x-small" data-action="publish-edit">Send edit to softphone</button>`
        : `<p class="slds-text-color_weak">No call. The softphone publishes its focused call here.</p>`
    }
    ${state.lms.lastLogged ? `<p class="slds-m-top_x-small slds-text-body_small">Last logged: Task ${escape(state.lms.lastLogged.taskId ?? '')}</p>` : ''}
    </div>`,
  );
  const methodNames = Object.keys(methods).filter((m) => !LISTENER_ONLY.has(m));
  const injections = [
    ...Object.entries(host.errors).map(([m, e]) => `${m}: ${e.code} ×${e.count}`),
    ...Object.entries(host.delays).map(([m, d]) => `${m}: +${d} ms`),
  ];
  setRegion(
    'controls',
    `<div class="slds-card__header"><h2 class="slds-card__header-title">Emulator controls</h2></div>
    <div class="slds-card__body slds-card__body_inner">
      <div class="slds-grid slds-gutters_xx-small slds-wrap">
        <div class="slds-col slds-size_1-of-2"><label class="slds-form-element__label" for="ctl-behaviour">Open CTI library</label>
          <div class="slds-select_container"><select class="slds-select" id="ctl-behaviour">
          ${['auto', 'legacy', 'flags'].map((b) => `<option value="${b}" ${b === state.libraryBehaviour ? 'selected' : ''}>${{ auto: 'by version', legacy: '≤ 43 (legacy)', flags: '≥ 55 (flags)' }[b]}</option>`).join('')}
          </select></div></div>
        <div class="slds-col slds-size_1-of-2"><label class="slds-form-element__label" for="ctl-user">Logged-in user</label>
          <div class="slds-select_container"><select class="slds-select" id="ctl-user">
          ${session.users.map((u) => `<option value="${escape(u.Id)}" ${u.Id === state.user?.Id ? 'selected' : ''}>${escape(u.Name)}</option>`).join('')}
          </select></div></div>
        <div class="slds-col slds-size_1-of-2 slds-m-top_xx-small"><label class="slds-form-element__label" for="ctl-method">Method</label>
          <div class="slds-select_container"><select class="slds-select" id="ctl-method">${methodNames.map((m) => `<option>${m}</option>`).join('')}</select></div></div>
        <div class="slds-col slds-size_1-of-2 slds-m-top_xx-small"><label class="slds-form-element__label" for="ctl-code">Error</label>
          <div class="slds-select_container"><select class="slds-select" id="ctl-code">${ERROR_CODES.map((c) => `<option>${c}</option>`).join('')}</select></div></div>
        <div class="slds-col slds-size_1-of-2 slds-m-top_xx-small"><label class="slds-form-element__label" for="ctl-count">First N calls</label>
          <input class="slds-input" id="ctl-count" type="number" min="0" value="1"></div>
        <div class="slds-col slds-size_1-of-2 slds-m-top_xx-small"><label class="slds-form-element__label" for="ctl-delay">Delay (ms)</label>
          <input class="slds-input" id="ctl-delay" type="number" min="0" value="0"></div>
      </div>
      <div class="slds-m-top_x-small">
        <button class="slds-button slds-button_neutral" data-action="inject">Inject error</button>
        <button class="slds-button slds-button_neutral" data-action="delay">Set delay</button>
        <button class="slds-button slds-button_neutral" data-action="clear-injections">Clear</button>
        <button class="slds-button slds-button_neutral" data-action="reload-softphone">Reload softphone</button>
        <button class="slds-button slds-button_neutral" data-action="start-work">Route work (hvs)</button>
      </div>
      <p class="slds-text-body_small slds-m-top_xx-small" id="ctl-injections">${injections.length ? escape(injections.join(' · ')) : 'No injected errors or delays.'}</p>
      <p class="slds-text-body_small slds-text-color_weak">Click-to-dial ${state.clickToDial ? 'enabled' : 'disabled'} ·
        ${state.initialized ? 'softphone initialized' : state.standby ? 'standby page shown' : 'waiting for notifyInitializationComplete'} ·
        listeners: ${escape(host.registrations.map((r) => r.methodName).join(', ') || 'none')}</p>
    </div>`,
  );
}

function describeMessage(m) {
  const d = m.data ?? {};
  const what = d.methodName ? `${d.methodName}${d.eventName ? `(${d.eventName})` : ''}${Number.isInteger(d.callId) ? ` #${d.callId}` : ''}` : typeof d === 'string' ? d.slice(0, 40) : '';
  if (m.dir === 'in') return `→ ${what} ${JSON.stringify(d.args ?? {}).slice(0, 120)}`;
  if (m.dir === 'out') {
    const r = d.response;
    const outcome = d.shouldExecuteListener ? 'event' : r?.success ? 'ok' : `error ${r?.errors?.[0]?.code ?? ''}`;
    return `← ${what} ${outcome} ${JSON.stringify(d.shouldExecuteListener ? r : r?.returnValue ?? r?.errors ?? null)?.slice(0, 120)}`;
  }
  if (m.dir === 'rejected') return `✕ ${what} ${m.reason}`;
  return `· ${what} ${m.reason ?? ''}`;
}

let logPending = false;
function renderLog() {
  if (logPending) return;
  logPending = true;
  requestAnimationFrame(() => {
    logPending = false;
    const recent = state.messages.slice(-150).reverse();
    setRegion(
      'event-log',
      `<div class="slds-card__header"><h2 class="slds-card__header-title">Event log <span class="slds-text-body_small slds-text-color_weak">(${state.messages.length} messages)</span></h2></div>
      <div class="slds-card__body slds-card__body_inner"><ul class="sb-log">
      ${recent.map((m) => `<li class="sb-${m.dir}" title="${escape(JSON.stringify(m.data)?.slice(0, 2000) ?? '')}">${new Date(m.at).toISOString().slice(11, 23)} ${escape(describeMessage(m))}</li>`).join('')}
      </ul></div>`,
    );
  });
}

// ---------------------------------------------------------------------------------------------
// State for tests and the server mirror

function snapshot() {
  return structuredClone({
    ...state,
    tasks: records.Task ?? [],
    registrations: host.registrations,
    injections: { errors: host.errors, delays: host.delays },
    counts: host.counts,
    clickToDialLinks: document.querySelectorAll('.sb-click-to-dial').length,
    currentUrl: location.href,
  });
}

let syncTimer = null;
function scheduleSync() {
  if (syncTimer) return;
  syncTimer = setTimeout(() => {
    syncTimer = null;
    const s = snapshot();
    s.messages = s.messages.slice(-500);
    fetch('/__console/state', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s) }).catch(() => {});
  }, 100);
}

// ---------------------------------------------------------------------------------------------
// User interaction

document.addEventListener('click', (event) => {
  const target = event.target.closest('[data-action]');
  if (!target) return;
  const action = target.dataset.action;
  if (['go', 'tab', 'dial', 'close-tab', 'open'].includes(action)) event.preventDefault();
  const value = (id) => document.getElementById(id)?.value;
  switch (action) {
    case 'go':
    case 'open':
      go(target.dataset.path);
      break;
    case 'tab':
      switchTab(target.dataset.tab);
      break;
    case 'close-tab':
      closeTab(target.dataset.tab);
      break;
    case 'dial':
      clickToDial(target.dataset.record, target.dataset.field);
      break;
    case 'publish-edit':
      editActiveCall({ notes: value('edit-notes'), disposition: value('edit-disposition') });
      break;
    case 'inject':
      host.injectError(value('ctl-method'), value('ctl-code'), Number(value('ctl-count')));
      break;
    case 'delay':
      host.setDelay(value('ctl-method'), Number(value('ctl-delay')));
      break;
    case 'clear-injections':
      host.clearInjections();
      break;
    case 'reload-softphone':
      loadSoftphone();
      break;
    case 'start-work':
      startWork();
      break;
    case 'modal-cancel':
      state.modal = null;
      render();
      break;
    case 'modal-save':
      saveModal(document.getElementById('new-record-form'));
      break;
    default:
      break;
  }
});

document.addEventListener('change', (event) => {
  if (event.target.id === 'ctl-behaviour') setLibraryBehaviour(event.target.value);
  if (event.target.id === 'ctl-user') setUser(event.target.value);
});

document.getElementById('phone-item-button').addEventListener('click', () => {
  state.panel.visible = !state.panel.visible;
  render();
});
document.getElementById('panel-minimize').addEventListener('click', () => {
  state.panel.visible = false;
  render();
});
document.getElementById('global-search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = document.getElementById('global-search-input').value.trim();
  if (q) go(`/lightning/search?q=${encodeURIComponent(q)}`);
});
window.addEventListener('popstate', () => go(location.pathname + location.search, { replace: true }));
// Focus coming back to the console (from the softphone frame or another window) counts as navigation.
let blurred = false;
window.addEventListener('blur', () => (blurred = true));
window.addEventListener('focus', () => {
  if (!blurred) return;
  blurred = false;
  navigationChanged({ force: true });
});

// ---------------------------------------------------------------------------------------------
// Control API for tests and demos

let readyResolve;
const ready = new Promise((resolve) => (readyResolve = resolve));

window.konsole = {
  ready,
  session,
  state: snapshot,
  injectError: (method, code, count, description) => host.injectError(method, code, count, description),
  setDelay: (method, ms) => host.setDelay(method, ms),
  clearInjections: () => host.clearInjections(),
  setLibraryBehaviour,
  setUser,
  reloadSoftphone: loadSoftphone,
  openUtilityPanel: () => {
    state.panel.visible = true;
    render();
  },
  closeUtilityPanel: () => {
    state.panel.visible = false;
    render();
  },
  navigate: (path) => go(path),
  openRecord: (recordId) => go(`/lightning/r/${recordId}/view`),
  switchTab: (index) => switchTab(state.tabs[index]?.id),
  closeTab: (index) => closeTab(state.tabs[index]?.id),
  // Clicks the phone link on the current page like an agent would; false when there is none.
  clickToDial: (recordId, field = 'Phone') => {
    const link = document.querySelector(`.sb-click-to-dial[data-record="${CSS.escape(recordId)}"][data-field="${CSS.escape(field)}"]`);
    if (!link) return false;
    link.click();
    return true;
  },
  publish: (channelName, message) => deliver(channelName, message, 'console'),
  editActiveCall,
  startWork,
  postToSoftphone: (data, targetOrigin) => frame.contentWindow.postMessage(data, targetOrigin ?? host.adapterOrigin()),
  frame: () => frame,
  clearLog: () => {
    state.messages = [];
    renderLog();
  },
  records: () => structuredClone(records),
};

go(location.pathname.startsWith('/lightning') ? location.pathname + location.search : '/lightning/page/home', { replace: true });
await loadSoftphone();
readyResolve();
