// HTML for the console's pages: home, object lists, record pages, search results, flows, URL pops.

import { matchesSearch } from './search.js';

export const escape = (value) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// SLDS icons drawn inline, as Lightning's base components draw them (loaded once, before the first render).
const ICONS = {};
export async function loadIcons() {
  await Promise.all(
    ['utility', 'standard'].map(async (sprite) => {
      const res = await fetch(`/__console/icons/${sprite}.json`);
      ICONS[sprite] = res.ok ? await res.json() : {};
    }),
  );
}

// The inside of an <svg> for an icon: its viewBox and shapes (empty for an unknown name).
export function iconShape(sprite, name) {
  return ICONS[sprite]?.[name] ?? { viewBox: '0 0 520 520', body: '' };
}

export function icon(sprite, name, size = 'small', extra = '', svgClass = 'slds-icon') {
  const { viewBox, body } = iconShape(sprite, name);
  const svg = `<svg class="${svgClass} ${svgClass === 'slds-icon' ? `slds-icon_${size}` : ''} ${extra}" aria-hidden="true" viewBox="${viewBox}" data-icon="${escape(name)}">${body}</svg>`;
  if (sprite !== 'standard') return svg;
  return `<span class="slds-icon_container slds-icon-standard-${name}">${svg}</span>`;
}

const OBJECT_ICON = { Contact: 'contact', Lead: 'lead', Account: 'account', Task: 'task' };
const LIST_COLUMNS = {
  Contact: ['Name', 'Title', 'Phone', 'MobilePhone', 'Email'],
  Lead: ['Name', 'Company', 'Phone', 'MobilePhone', 'Status'],
  Account: ['Name', 'Phone', 'Industry', 'BillingCity'],
};
const DETAIL_FIELDS = {
  Contact: ['Title', 'Phone', 'MobilePhone', 'Email', 'AccountId'],
  Lead: ['Company', 'Phone', 'MobilePhone', 'Email', 'Status'],
  Account: ['Phone', 'Industry', 'BillingCity'],
  Task: ['Subject', 'Status', 'CallType', 'CallDurationInSeconds', 'CallDisposition', 'CallObject', 'WhoId', 'WhatId', 'ActivityDate', 'Description'],
};
const PHONE_FIELDS = new Set(['Phone', 'MobilePhone']);
const REFERENCE_FIELDS = new Set(['AccountId', 'WhoId', 'WhatId', 'OwnerId']);

function card(title, iconName, body, id = '') {
  return `<article class="slds-card slds-card_boundary slds-m-bottom_small" ${id ? `id="${id}"` : ''}>
    <div class="slds-card__header slds-grid"><header class="slds-media slds-media_center slds-has-flexi-truncate">
    ${iconName ? `<div class="slds-media__figure">${icon('standard', iconName, 'small')}</div>` : ''}
    <div class="slds-media__body"><h2 class="slds-card__header-title">${title}</h2></div></header></div>
    <div class="slds-card__body slds-card__body_inner">${body}</div></article>`;
}

function recordLink(record) {
  if (!record) return '';
  return `<a href="/lightning/r/${escape(record.Id)}/view" data-action="open" data-path="/lightning/r/${escape(record.Id)}/view">${escape(record.Name ?? record.Subject ?? record.Id)}</a>`;
}

function fieldValue(record, field, ctx) {
  if (PHONE_FIELDS.has(field)) return ctx.phoneLink(record, field);
  if (REFERENCE_FIELDS.has(field)) return record[field] ? recordLink(ctx.recordById(record[field])) || escape(record[field]) : '';
  if (field === 'Name') return recordLink(record);
  return escape(record[field] ?? '');
}

function table(rows, columns, ctx, id = '') {
  if (!rows.length) return '<p class="slds-text-color_weak">No items to display.</p>';
  return `<table class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_striped" ${id ? `id="${id}"` : ''}>
    <thead><tr class="slds-line-height_reset">${columns.map((c) => `<th scope="col"><div class="slds-truncate">${escape(c)}</div></th>`).join('')}</tr></thead>
    <tbody>${rows.map((r) => `<tr data-id="${escape(r.Id)}">${columns.map((c) => `<td><div class="slds-truncate">${fieldValue(r, c, ctx)}</div></td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function tasksTable(tasks, ctx) {
  const rows = [...tasks].sort((a, b) => String(b.CreatedDate).localeCompare(String(a.CreatedDate)));
  return table(rows, ['Subject', 'CallType', 'CallDurationInSeconds', 'CallDisposition', 'WhoId', 'WhatId', 'CallObject', 'Status'], ctx, 'tasks-table');
}

function popsList(pops) {
  if (!pops.length) return '<p class="slds-text-color_weak">No screen pops yet.</p>';
  return `<ul class="slds-has-dividers_bottom-space">${pops
    .slice(-8)
    .reverse()
    .map(
      (p) => `<li class="slds-item"><span class="slds-badge">${escape(p.type)}</span> <span class="slds-text-body_small">${escape(p.source)} · ${new Date(p.at).toISOString().slice(11, 19)}</span>
      <div class="sb-kv">${escape(JSON.stringify(p.params))}</div></li>`,
    )
    .join('')}</ul>`;
}

function popBanner(ctx) {
  const last = ctx.state.pops.at(-1);
  if (!last || Date.now() - last.at > 60_000) return '';
  return `<div class="slds-scoped-notification slds-scoped-notification_light slds-media slds-media_center sb-pop-banner" role="status">
    <div class="slds-media__figure">${icon('utility', 'info', 'small', 'slds-icon-text-default', 'slds-icon slds-icon_small')}</div>
    <div class="slds-media__body"><p>Screen pop (${escape(last.source)}): <strong>${escape(last.type)}</strong> ${escape(JSON.stringify(last.params).slice(0, 200))}</p></div></div>`;
}

function homePage(ctx) {
  return `${popBanner(ctx)}
  <div class="slds-grid slds-gutters"><div class="slds-col slds-size_1-of-2">
  ${card('Screen pops', 'record', popsList(ctx.state.pops), 'pops-card')}
  ${card('Recent contacts', 'contact', table((ctx.records.Contact ?? []).slice(0, 5), ['Name', 'Phone'], ctx))}
  </div><div class="slds-col slds-size_1-of-2">
  ${card(`Tasks (${(ctx.records.Task ?? []).length})`, 'task', tasksTable(ctx.records.Task ?? [], ctx), 'home-tasks')}
  </div></div>`;
}

function listPage(route, ctx) {
  const type = route.objectType;
  const rows = ctx.records[type] ?? [];
  const view = (ctx.session.listViews[type] ?? []).find((v) => v.Id === route.listViewId || v.DeveloperName === route.listViewId);
  const title = route.home ? `${type} · Recently Viewed` : view ? `${type} · ${view.Name}` : `${type} · All`;
  if (type === 'Task') return `${popBanner(ctx)}${card(`Tasks (${rows.length})`, 'task', tasksTable(rows, ctx), 'tasks-card')}`;
  if (!LIST_COLUMNS[type]) return card(escape(type), null, `<p>Object home of <strong>${escape(type)}</strong> (not emulated).</p>`);
  return `${popBanner(ctx)}${card(escape(title), OBJECT_ICON[type], table(rows, LIST_COLUMNS[type], ctx, 'list-table'), 'list-card')}`;
}

function recordPage(route, ctx) {
  const record = ctx.recordById(route.recordId);
  if (!record) {
    return `${popBanner(ctx)}${card('Record not found', null, `<p>This record (${escape(route.recordId)}) was deleted or you don't have access to it.</p>`, 'record-missing')}`;
  }
  const type = record.attributes.type;
  const fields = DETAIL_FIELDS[type] ?? [];
  const related = (ctx.records.Task ?? []).filter((t) => t.WhoId === record.Id || t.WhatId === record.Id);
  const contacts = type === 'Account' ? (ctx.records.Contact ?? []).filter((c) => c.AccountId === record.Id) : [];
  return `${popBanner(ctx)}
  <div class="slds-page-header slds-page-header_record-home slds-m-bottom_small" id="record-header" data-record-id="${escape(record.Id)}">
    <div class="slds-page-header__row"><div class="slds-page-header__col-title"><div class="slds-media">
      <div class="slds-media__figure">${icon('standard', OBJECT_ICON[type] ?? 'record', 'medium')}</div>
      <div class="slds-media__body"><span class="slds-text-body_small">${escape(type)}${record.IsPersonAccount ? ' (person account)' : ''}</span>
      <h1 class="slds-page-header__title slds-truncate">${escape(record.Name ?? record.Subject)}</h1></div></div></div></div></div>
  <div class="slds-grid slds-gutters"><div class="slds-col slds-size_1-of-2">
  ${card('Details', null, `<dl class="slds-list_horizontal slds-wrap sb-record-fields">${fields.map((f) => `<dt class="slds-item_label">${escape(f)}</dt><dd class="slds-item_detail">${fieldValue(record, f, ctx) || '&nbsp;'}</dd>`).join('')}</dl>`)}
  </div><div class="slds-col slds-size_1-of-2">
  ${type === 'Task' ? '' : card(`Activity (${related.length})`, 'task', tasksTable(related, ctx), 'record-activity')}
  ${contacts.length ? card('Contacts', 'contact', table(contacts, ['Name', 'Phone'], ctx)) : ''}
  </div></div>`;
}

function searchPage(route, ctx) {
  const q = route.searchString.trim();
  const sections = ['Contact', 'Lead', 'Account']
    .map((type) => {
      const rows = q.length >= 3 ? (ctx.records[type] ?? []).filter((r) => matchesSearch(r, type, q)) : [];
      return rows.length ? card(`${type} results (${rows.length})`, OBJECT_ICON[type], table(rows, LIST_COLUMNS[type], ctx)) : '';
    })
    .join('');
  return `${popBanner(ctx)}<div id="search-results" data-search="${escape(q)}">
    <h1 class="slds-text-heading_medium slds-m-bottom_small">Top Results for “${escape(q)}”</h1>
    ${sections || '<p class="slds-text-color_weak">No results.</p>'}</div>`;
}

function flowPage(route, ctx) {
  const flow = ctx.session.flows.find((f) => f.apiName === route.flowDevName);
  return `${popBanner(ctx)}${card(
    `Flow: ${escape(flow?.label ?? route.flowDevName)}`,
    'flow',
    `<p class="slds-m-bottom_x-small">Screen flow <code>${escape(route.flowDevName)}</code> started with:</p>
    <table class="slds-table slds-table_bordered" id="flow-args"><thead><tr><th>name</th><th>type</th><th>value</th></tr></thead>
    <tbody>${route.flowArgs.map((a) => `<tr><td>${escape(a.name)}</td><td>${escape(a.type)}</td><td>${escape(JSON.stringify(a.value))}</td></tr>`).join('')}</tbody></table>`,
    'flow-card',
  )}`;
}

function urlPage(route, ctx) {
  return `${popBanner(ctx)}${card('Page', 'link', `<p>Navigated to <code id="popped-url">${escape(route.url)}</code> (a page the emulator does not render).</p>`, 'url-card')}`;
}

export function renderPage(route, ctx) {
  switch (route.kind) {
    case 'nav':
      return route.nav === 'home' ? homePage(ctx) : listPage(route, ctx);
    case 'record':
      return recordPage(route, ctx);
    case 'search':
      return searchPage(route, ctx);
    case 'flow':
      return flowPage(route, ctx);
    default:
      return urlPage(route, ctx);
  }
}
