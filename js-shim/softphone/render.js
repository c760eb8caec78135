// The softphone UI: a pure function of the core's view (plus the browser clock for running timers).
// It decides nothing about calls: every call control is shown exactly when the call's `actions` list
// names it, and every user action becomes a ui.* event for the core.
import { h, patchChildren } from './dom.js';
import { countdown, duration, timeOfDay } from './format.js';
import { icon } from './icons.js';

const STATUS_TEXT = {
  available: 'Available',
  away: 'Away',
  busy: 'On a call',
  after_call_work: 'After-call work',
  offline: 'Offline',
};

const OUTCOME_TEXT = {
  answered: 'Answered',
  missed: 'Missed',
  declined: 'Declined',
  not_answered: 'No answer',
  failed: 'Failed',
  transferred: 'Transferred',
  answered_elsewhere: 'Answered elsewhere',
};

const KEYS = [
  ['1', ''], ['2', 'ABC'], ['3', 'DEF'],
  ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'],
  ['*', ''], ['0', '+'], ['#', ''],
];

const RUNNING_STATES = new Set(['connected', 'held', 'transferring']);
const NOTES_MAX = 32000;
const NUMBER_MAX = 128;

const list = (value) => (Array.isArray(value) ? value : []);
const text = (value) => (value == null ? '' : String(value));
// Ids come from the core; keep element ids valid whatever they contain.
const domId = (...parts) => `sb-${parts.map((p) => text(p).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;

// Missing or malformed parts of a view degrade to "nothing to show", never to an exception.
function normalize(view) {
  const v = view && typeof view === 'object' ? view : {};
  const obj = (value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
  return {
    ...v,
    ready: !!v.ready,
    agent: { ...obj(v.agent), choices: list(obj(v.agent).choices).filter((c) => c && typeof c === 'object') },
    line: obj(v.line),
    calls: list(v.calls)
      .filter((c) => c && typeof c === 'object' && c.id != null)
      .map((c) => ({ ...c, id: text(c.id), actions: list(c.actions) })),
    history: list(v.history).filter((e) => e && typeof e === 'object'),
    notices: list(v.notices).filter((n) => n && typeof n === 'object'),
    dispositions: list(v.dispositions).map(text),
    dialpad: v.dialpad && typeof v.dialpad === 'object' ? v.dialpad : null,
  };
}

function callName(call) {
  return text(call.who?.name) || text(call.label) || text(call.number_display) || text(call.number) || 'Unknown caller';
}

function callNumber(call) {
  return text(call.number_display) || text(call.number);
}

// variant: the full SLDS class (slds-button_brand…), written out so the build finds it.
function button({ label, iconName, variant = 'slds-button_neutral', onClick, extraClass = '', assistive, ...attrs }) {
  return h(
    'button',
    {
      type: 'button',
      class: `slds-button ${variant}${extraClass ? ` ${extraClass}` : ''}`,
      ...attrs,
      on: { click: onClick },
    },
    iconName ? icon(iconName, 'slds-button__icon slds-button__icon_left') : null,
    label,
    assistive ? h('span', { class: 'slds-assistive-text' }, assistive) : null,
  );
}

export function createRenderer({
  root,
  post,
  clock = () => Date.now(),
  supports = () => true,
  notesDelayMs = 400,
  timers = globalThis,
} = {}) {
  if (!root || typeof post !== 'function') throw new Error('createRenderer needs {root, post}');
  const doc = root.ownerDocument;
  let view = normalize(null);
  let tree = [];
  let ticker = null;
  let renders = 0;
  const ui = {
    menuOpen: false,
    panel: null, // {call, kind: 'keypad' | 'transfer' | 'notes'}
    dialText: '',
    dialTextFromCore: null,
    transferTarget: '',
    focusId: null,
    announcement: '',
    announced: new Set(),
  };
  const pendingNotes = new Map(); // call id → {text, timer}

  const send = (event) => post(event);
  // Posting may re-render synchronously (the runtime handles the event at once); redraw only if not.
  function sendThenDraw(event) {
    const before = renders;
    if (event) send(event);
    if (renders === before) draw();
  }

  // ---- notes: edits are sent after a pause in typing, and at once when the field loses focus ----
  function queueNotes(callId, value) {
    const pending = pendingNotes.get(callId);
    if (pending) timers.clearTimeout(pending.timer);
    pendingNotes.set(callId, {
      text: value,
      timer: timers.setTimeout(() => flushNotes(callId), notesDelayMs),
    });
  }
  function flushNotes(callId) {
    const pending = pendingNotes.get(callId);
    if (!pending) return;
    timers.clearTimeout(pending.timer);
    pendingNotes.delete(callId);
    send({ type: 'ui.notes', call: callId, text: pending.text });
  }
  function flushAllNotes() {
    for (const id of [...pendingNotes.keys()]) flushNotes(id);
  }

  // ---- panels (keypad, transfer, notes) and the status menu are the UI's own state ----
  function togglePanel(callId, kind) {
    const open = ui.panel?.call === callId && ui.panel.kind === kind;
    ui.panel = open ? null : { call: callId, kind };
    ui.transferTarget = '';
    if (!open) ui.focusId = kind === 'keypad' ? domId(callId, 'key-1') : kind === 'transfer' ? domId(callId, 'target') : domId(callId, 'notes');
    draw();
  }
  function closePanel() {
    if (!ui.panel) return false;
    ui.focusId = domId(ui.panel.call, ui.panel.kind, 'toggle');
    ui.panel = null;
    draw();
    return true;
  }
  function openMenu(focusLast = false) {
    ui.menuOpen = true;
    const choices = view.agent.choices;
    const checked = choices.findIndex((c) => isChosen(c));
    ui.focusId = domId('status', focusLast ? choices.length - 1 : Math.max(0, checked));
    draw();
  }
  function closeMenu(focusButton = true) {
    if (!ui.menuOpen) return false;
    ui.menuOpen = false;
    if (focusButton) ui.focusId = 'sb-status-button';
    draw();
    return true;
  }

  function onRootKeydown(event) {
    if (event.key !== 'Escape') return;
    if (closeMenu() || closePanel()) event.preventDefault();
  }

  // ---- the status menu ----
  function isChosen(choice) {
    const agent = view.agent;
    const chosen = agent.next || agent.status;
    return choice.status === chosen && (chosen !== 'away' || !choice.reason || choice.reason === agent.reason);
  }
  function statusLabel(status, reason) {
    const match = view.agent.choices.find((c) => c.status === status && (status !== 'away' || c.reason === reason));
    if (match?.label) return text(match.label);
    if (status === 'away' && reason) return `Away – ${reason}`;
    return STATUS_TEXT[status] || text(status) || 'Offline';
  }
  function choose(choice) {
    ui.menuOpen = false;
    ui.focusId = 'sb-status-button';
    const event = { type: 'ui.status', status: text(choice.status) };
    if (choice.reason) event.reason = text(choice.reason);
    sendThenDraw(event);
  }
  function onMenuKeydown(event) {
    const items = [...event.currentTarget.querySelectorAll('[role="menuitemradio"]')];
    const at = items.indexOf(doc.activeElement);
    const move = (i) => {
      event.preventDefault();
      items[(i + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (at >= 0) items[at].click();
    } else if (event.key === 'Tab') closeMenu(false);
  }
  function statusMenu() {
    const agent = view.agent;
    const status = text(agent.status) || 'offline';
    const choices = agent.choices;
    const next = agent.next ? statusLabel(agent.next, agent.reason) : '';
    return h(
      'div',
      {
        class: `sb-status slds-dropdown-trigger slds-dropdown-trigger_click${ui.menuOpen ? ' slds-is-open' : ''}`,
        on: {
          focusout: (event) => {
            if (ui.menuOpen && !event.currentTarget.contains(event.relatedTarget)) closeMenu(false);
          },
        },
      },
      h(
        'button',
        {
          type: 'button',
          id: 'sb-status-button',
          class: 'slds-button sb-status__button',
          'aria-haspopup': 'true',
          'aria-expanded': String(ui.menuOpen),
          'aria-controls': ui.menuOpen ? 'sb-status-menu' : null,
          on: {
            click: () => (ui.menuOpen ? closeMenu() : openMenu()),
            keydown: (event) => {
              if (['ArrowDown', 'ArrowUp'].includes(event.key)) {
                event.preventDefault();
                openMenu(event.key === 'ArrowUp');
              }
            },
          },
        },
        h('span', { class: `sb-dot sb-dot_${status}`, 'aria-hidden': 'true' }),
        h('span', { class: 'slds-assistive-text' }, 'Status: '),
        h('span', { class: 'sb-status__label' }, statusLabel(status, agent.reason)),
        next ? h('span', { class: 'slds-assistive-text' }, `, next: ${next}`) : null,
        icon('chevrondown', 'slds-button__icon slds-button__icon_right'),
      ),
      next ? h('p', { class: 'sb-status__next', 'aria-hidden': 'true' }, `Next: ${next}`) : null,
      ui.menuOpen
        ? h(
            'div',
            { class: 'slds-dropdown slds-dropdown_left sb-status__menu', id: 'sb-status-menu' },
            h(
              'ul',
              { class: 'sb-status__list', role: 'menu', 'aria-labelledby': 'sb-status-button', on: { keydown: onMenuKeydown } },
              choices.map((choice, i) =>
                h(
                  'li',
                  { class: 'slds-dropdown__item', role: 'presentation', key: `${choice.status}/${choice.reason || ''}` },
                  h(
                    'a',
                    {
                      id: domId('status', i),
                      role: 'menuitemradio',
                      tabindex: '-1',
                      'aria-checked': String(isChosen(choice)),
                      on: { click: () => choose(choice) },
                    },
                    h(
                      'span',
                      { class: 'slds-truncate sb-status__choice' },
                      icon('check', `slds-icon slds-icon_x-small slds-icon-text-default sb-check${isChosen(choice) ? '' : ' sb-check_off'}`),
                      h('span', { class: `sb-dot sb-dot_${text(choice.status)}`, 'aria-hidden': 'true' }),
                      text(choice.label) || statusLabel(choice.status, choice.reason),
                    ),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
  }

  // ---- the phone line ----
  function lineStatus(now) {
    const line = view.line;
    let state = 'off';
    let label = 'Line off';
    if (!view.ready) label = 'No phone line';
    else if (line.registration === 'registered') [state, label] = ['ok', 'Line ready'];
    else if (line.registration === 'failed') [state, label] = ['error', 'Line failed'];
    else if (line.registration === 'registering' || line.connection === 'connecting') [state, label] = ['busy', 'Connecting…'];
    else if (line.retry_at > now) [state, label] = ['warning', `Retrying in ${Math.ceil((line.retry_at - now) / 1000)} s`];
    return h(
      'p',
      { class: `sb-line sb-line_${state}`, id: 'sb-line' },
      h('span', { class: 'sb-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'slds-assistive-text' }, 'Phone line: '),
      label,
      view.ready && line.user ? h('span', { class: 'sb-line__user' }, ` · ${text(line.user)}`) : null,
    );
  }

  // ---- notices ----
  function notices() {
    if (!view.notices.length) return null;
    return h(
      'div',
      { class: 'sb-notices', key: 'notices' },
      view.notices.map((notice) => {
        const level = ['error', 'warning'].includes(notice.level) ? notice.level : 'info';
        return h(
          'div',
          {
            key: notice.id,
            class: `slds-notify slds-notify_alert sb-notice sb-notice_${level}${{ error: ' slds-alert_error', warning: ' slds-alert_warning' }[level] || ''}`,
            role: level === 'error' ? 'alert' : 'status',
            'data-notice': text(notice.id),
          },
          icon(level, 'slds-icon slds-icon_x-small sb-notice__icon'),
          h('span', { class: 'slds-assistive-text' }, level === 'info' ? 'Note: ' : `${level[0].toUpperCase()}${level.slice(1)}: `),
          h('p', { class: 'sb-notice__text' }, text(notice.text)),
          h(
            'button',
            {
              type: 'button',
              class: `slds-button slds-button_icon slds-notify__close sb-notice__close${level === 'warning' ? '' : ' slds-button_icon-inverse'}`,
              title: 'Dismiss',
              on: { click: () => sendThenDraw({ type: 'ui.notice.dismiss', id: Number(notice.id) }) },
            },
            icon('close', 'slds-button__icon'),
            h('span', { class: 'slds-assistive-text' }, 'Dismiss notice'),
          ),
        );
      }),
    );
  }

  // ---- calls ----
  function kicker(call) {
    const s = call.state;
    if (s === 'ringing' && !call.outgoing) return call.direction === 'internal' ? 'Internal call' : 'Incoming call';
    if (s === 'dialing' || s === 'idle') return 'Calling…';
    if (s === 'ringing' || s === 'early_media') return 'Ringing…';
    if (s === 'held') return 'On hold';
    if (s === 'transferring') return call.transfer_target ? `Transferring to ${text(call.transfer_target)}…` : 'Transferring…';
    if (s === 'wrap_up') return 'After-call work';
    if (s === 'ended') return 'Call ended';
    return call.consult_for ? 'Consultation' : 'On call';
  }

  function callHead(call, now) {
    const name = callName(call);
    const number = callNumber(call);
    const related = [call.who?.name !== name ? call.who?.name : '', call.what?.name].filter(Boolean).map(text);
    const other = (id) => view.calls.find((c) => c.id === text(id));
    const relation = call.consult_for && other(call.consult_for)
      ? `About the call with ${callName(other(call.consult_for))}`
      : call.consult_call && other(call.consult_call)
        ? `Waiting while you consult ${callName(other(call.consult_call))}`
        : '';
    const running = RUNNING_STATES.has(call.state) && call.answered_at > 0;
    const badges = [
      call.answering ? ['sb-badge_info', 'Answering…'] : null,
      call.muted ? ['sb-badge_warning', 'Muted'] : null,
      call.remote_held ? ['sb-badge_warning', 'Held by the other party'] : null,
    ].filter(Boolean);
    return h(
      'div',
      { class: 'sb-call__head' },
      h(
        'p',
        { class: 'sb-call__kicker' },
        h('span', null, kicker(call)),
        running
          ? h('span', { class: 'sb-call__timer', role: 'timer', 'aria-label': 'Talk time' }, duration(now - call.answered_at))
          : null,
      ),
      h('h2', { class: 'sb-call__name', id: domId(call.id, 'name') }, name),
      number && number !== name ? h('p', { class: 'sb-call__number' }, number) : null,
      related.length ? h('p', { class: 'sb-call__related' }, related.join(' · ')) : null,
      relation ? h('p', { class: 'sb-call__related' }, relation) : null,
      badges.length
        ? h('p', { class: 'sb-call__badges' }, badges.map(([cls, label]) => h('span', { class: `slds-badge ${cls}`, key: label }, label)))
        : null,
    );
  }

  function keypad(call) {
    const onKey = (digit) => send({ type: 'ui.dtmf', call: call.id, digits: digit });
    return h(
      'div',
      {
        id: domId(call.id, 'keypad', 'panel'),
        class: 'sb-panel',
        role: 'group',
        'aria-label': 'Keypad',
        on: {
          keydown: (event) => {
            if (/^[0-9*#]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
              event.preventDefault();
              onKey(event.key);
            }
          },
        },
      },
      h('div', { class: 'sb-keys' }, KEYS.map(([digit, letters]) => key(domId(call.id, digit === '*' ? 'key-star' : digit === '#' ? 'key-pound' : `key-${digit}`), digit, letters, () => onKey(digit)))),
      call.dtmf_sent ? h('p', { class: 'sb-panel__note' }, `Sent: ${text(call.dtmf_sent)}`) : null,
    );
  }

  function key(id, digit, letters, onClick) {
    return h(
      'button',
      { type: 'button', id, key: digit, class: 'slds-button slds-button_neutral sb-key', on: { click: onClick } },
      h('span', { class: 'sb-key__digit' }, digit),
      h('span', { class: 'sb-key__letters', 'aria-hidden': 'true' }, letters || '\u00a0'),
    );
  }

  function transferForm(call) {
    const target = ui.transferTarget.trim();
    const blind = call.actions.includes('blind_transfer');
    const consult = call.actions.includes('consult_transfer');
    const transfer = (mode) => {
      if (!target) return;
      ui.panel = null;
      ui.transferTarget = '';
      sendThenDraw({ type: 'ui.transfer', call: call.id, target, mode });
    };
    const inputId = domId(call.id, 'target');
    const colleagues = list(view.colleagues).filter((c) => c && c.target);
    return h(
      'form',
      {
        id: domId(call.id, 'transfer', 'panel'),
        class: 'sb-panel',
        'aria-label': 'Transfer',
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            transfer(consult ? 'consult' : 'blind');
          },
        },
      },
      h(
        'div',
        { class: 'slds-form-element' },
        h('label', { class: 'slds-form-element__label', for: inputId }, 'Transfer to'),
        h(
          'div',
          { class: 'slds-form-element__control' },
          h('input', {
            id: inputId,
            class: 'slds-input',
            type: 'tel',
            autocomplete: 'off',
            maxlength: NUMBER_MAX,
            placeholder: 'Number or extension',
            value: ui.transferTarget,
            list: colleagues.length ? domId(call.id, 'colleagues') : null,
            on: {
              input: (event) => {
                ui.transferTarget = event.target.value;
                draw();
              },
            },
          }),
          colleagues.length
            ? h(
                'datalist',
                { id: domId(call.id, 'colleagues') },
                colleagues.map((c) => h('option', { key: text(c.target), value: text(c.target) }, text(c.name || c.target))),
              )
            : null,
        ),
      ),
      h(
        'div',
        { class: 'sb-actions' },
        blind
          ? button({ label: 'Transfer now', iconName: 'forward', variant: consult ? 'slds-button_neutral' : 'slds-button_brand', id: domId(call.id, 'blind'), 'data-action': 'blind_transfer', disabled: !target, onClick: () => transfer('blind') })
          : null,
        consult
          ? button({ label: 'Consult first', iconName: 'call', variant: 'slds-button_brand', id: domId(call.id, 'consult'), 'data-action': 'consult_transfer', disabled: !target, onClick: () => transfer('consult') })
          : null,
      ),
    );
  }

  function dispositionField(call) {
    const id = domId(call.id, 'disposition');
    const current = text(call.disposition);
    const options = view.dispositions.includes(current) || !current ? view.dispositions : [current, ...view.dispositions];
    return h(
      'div',
      { class: 'slds-form-element' },
      h(
        'label',
        { class: 'slds-form-element__label', for: id },
        view.disposition_required ? h('abbr', { class: 'slds-required', title: 'required' }, '*') : null,
        'Disposition',
      ),
      h(
        'div',
        { class: 'slds-form-element__control' },
        h(
          'div',
          { class: 'slds-select_container' },
          h(
            'select',
            {
              id,
              class: 'slds-select',
              'data-action': 'disposition',
              required: !!view.disposition_required,
              'aria-required': view.disposition_required ? 'true' : null,
              value: current,
              forceValue: true,
              on: {
                change: (event) => {
                  if (event.target.value) sendThenDraw({ type: 'ui.disposition', call: call.id, value: event.target.value });
                },
              },
            },
            h('option', { value: '', key: '' }, 'Choose…'),
            options.map((d) => h('option', { value: d, key: `d:${d}` }, d)),
          ),
        ),
      ),
    );
  }

  function notesField(call) {
    const id = domId(call.id, 'notes');
    const pending = pendingNotes.get(call.id);
    return h(
      'div',
      { class: 'slds-form-element' },
      h('label', { class: 'slds-form-element__label', for: id }, 'Notes'),
      h(
        'div',
        { class: 'slds-form-element__control' },
        h('textarea', {
          id,
          class: 'slds-textarea sb-notes',
          'data-action': 'notes',
          rows: 3,
          maxlength: NOTES_MAX,
          value: pending ? pending.text : text(call.notes),
          on: {
            input: (event) => queueNotes(call.id, event.target.value),
            blur: () => flushNotes(call.id),
          },
        }),
      ),
    );
  }

  function notesPanel(call) {
    return h(
      'div',
      { id: domId(call.id, 'notes', 'panel'), class: 'sb-panel', role: 'group', 'aria-label': 'Call notes' },
      call.actions.includes('disposition') ? dispositionField(call) : null,
      call.actions.includes('notes') ? notesField(call) : null,
    );
  }

  function panelAvailable(call, kind) {
    const a = call.actions;
    if (kind === 'keypad') return a.includes('dtmf');
    if (kind === 'transfer') return a.includes('blind_transfer') || a.includes('consult_transfer');
    return a.includes('notes') || a.includes('disposition');
  }

  function toggle(call, kind, label, iconName) {
    const open = ui.panel?.call === call.id && ui.panel.kind === kind;
    return h(
      'button',
      {
        type: 'button',
        key: kind,
        id: domId(call.id, kind, 'toggle'),
        'data-action': kind === 'keypad' ? 'dtmf' : kind,
        class: `slds-button slds-button_neutral sb-tool${open ? ' sb-tool_open' : ''}`,
        'aria-expanded': String(open),
        'aria-controls': open ? domId(call.id, kind, 'panel') : null,
        on: { click: () => togglePanel(call.id, kind) },
      },
      icon(iconName, 'slds-button__icon'),
      h('span', { class: 'sb-tool__label' }, label),
    );
  }

  // slot: mute/unmute share one button (and hold/resume another), so focus stays on it when it flips.
  function tool(call, slot, action, label, iconName, pressed) {
    return h(
      'button',
      {
        type: 'button',
        key: slot,
        id: domId(call.id, action),
        'data-action': action,
        class: `slds-button slds-button_neutral sb-tool${pressed ? ' sb-tool_on' : ''}`,
        on: { click: () => sendThenDraw({ type: `ui.${action}`, call: call.id }) },
      },
      icon(iconName, 'slds-button__icon'),
      h('span', { class: 'sb-tool__label' }, label),
    );
  }

  function activeBody(call) {
    const a = call.actions;
    const tools = [
      a.includes('mute') ? tool(call, 'mic', 'mute', 'Mute', 'muted') : a.includes('unmute') ? tool(call, 'mic', 'unmute', 'Unmute', 'unmuted', true) : null,
      a.includes('hold') ? tool(call, 'hold', 'hold', 'Hold', 'pause') : a.includes('resume') ? tool(call, 'hold', 'resume', 'Resume', 'play', true) : null,
      panelAvailable(call, 'keypad') ? toggle(call, 'keypad', 'Keypad', 'keypad') : null,
      panelAvailable(call, 'transfer') ? toggle(call, 'transfer', 'Transfer', 'forward') : null,
      panelAvailable(call, 'notes') ? toggle(call, 'notes', 'Notes', 'note') : null,
    ].filter(Boolean);
    const panel = ui.panel?.call === call.id ? ui.panel.kind : null;
    return h(
      'div',
      { class: 'sb-call__body' },
      tools.length ? h('div', { class: 'sb-tools', role: 'group', 'aria-label': 'Call controls' }, tools) : null,
      panel === 'keypad' ? keypad(call) : panel === 'transfer' ? transferForm(call) : panel === 'notes' ? notesPanel(call) : null,
      a.includes('complete_transfer') || a.includes('cancel_transfer')
        ? h(
            'div',
            { class: 'sb-actions' },
            a.includes('complete_transfer')
              ? button({ label: 'Complete transfer', iconName: 'merge', variant: 'slds-button_brand', id: domId(call.id, 'complete_transfer'), 'data-action': 'complete_transfer', onClick: () => sendThenDraw({ type: 'ui.transfer.complete', call: call.id }) })
              : null,
            a.includes('cancel_transfer')
              ? button({ label: 'Cancel transfer', iconName: 'cancel_transfer', id: domId(call.id, 'cancel_transfer'), 'data-action': 'cancel_transfer', onClick: () => sendThenDraw({ type: 'ui.transfer.cancel', call: call.id }) })
              : null,
          )
        : null,
      a.includes('hangup')
        ? button({
            label: 'End call',
            iconName: 'end_call',
            variant: 'slds-button_destructive',
            extraClass: 'slds-button_stretch sb-end',
            id: domId(call.id, 'hangup'),
            'data-action': 'hangup',
            'data-primary': 'true',
            onClick: () => {
              flushNotes(call.id);
              sendThenDraw({ type: 'ui.hangup', call: call.id });
            },
          })
        : null,
    );
  }

  function incomingBody(call) {
    const a = call.actions;
    return h(
      'div',
      { class: 'sb-call__body' },
      h(
        'div',
        { class: 'sb-actions' },
        a.includes('answer')
          ? button({ label: 'Answer', iconName: 'call', variant: 'slds-button_success', id: domId(call.id, 'answer'), 'data-action': 'answer', 'data-primary': 'true', onClick: () => sendThenDraw({ type: 'ui.answer', call: call.id }) })
          : null,
        a.includes('decline')
          ? button({ label: 'Decline', iconName: 'end_call', variant: 'slds-button_destructive', id: domId(call.id, 'decline'), 'data-action': 'decline', onClick: () => sendThenDraw({ type: 'ui.decline', call: call.id }) })
          : null,
      ),
    );
  }

  function wrapUpBody(call, now) {
    const a = call.actions;
    const left = call.wrap_up_until > 0 ? call.wrap_up_until - now : null;
    return h(
      'div',
      { class: 'sb-call__body' },
      left != null
        ? h(
            'p',
            { class: 'sb-wrapup__timer' },
            icon('clock', 'slds-icon slds-icon_x-small slds-icon-text-default'),
            left > 0 ? 'Ends in ' : 'Ending…',
            left > 0 ? h('span', { role: 'timer', 'aria-label': 'After-call work ends in' }, countdown(left)) : null,
          )
        : null,
      a.includes('disposition') ? dispositionField(call) : null,
      a.includes('notes') ? notesField(call) : null,
      a.includes('finish_wrap_up')
        ? button({
            label: 'Done',
            iconName: 'check',
            variant: 'slds-button_brand',
            extraClass: 'slds-button_stretch',
            id: domId(call.id, 'finish_wrap_up'),
            'data-action': 'finish_wrap_up',
            'data-primary': 'true',
            onClick: () => {
              flushNotes(call.id);
              sendThenDraw({ type: 'ui.wrapup.done', call: call.id });
            },
          })
        : null,
    );
  }

  function callCard(call, now) {
    const incoming = call.state === 'ringing' && !call.outgoing;
    const wrapUp = call.state === 'wrap_up';
    const kind = incoming ? 'incoming' : wrapUp ? 'wrapup' : 'active';
    return h(
      'section',
      {
        key: `call:${call.id}`,
        class: `slds-card sb-call sb-call_${kind}${view.focus === call.id ? ' sb-call_focus' : ''}`,
        'aria-labelledby': domId(call.id, 'name'),
        'data-call': call.id,
        'data-state': text(call.state),
      },
      callHead(call, now),
      incoming ? incomingBody(call) : wrapUp ? wrapUpBody(call, now) : activeBody(call),
    );
  }

  // ---- dialling ----
  function setDialText(value) {
    ui.dialText = value.slice(0, NUMBER_MAX);
    sendThenDraw(supports('ui.dialpad') ? { type: 'ui.dialpad', text: ui.dialText } : null);
  }
  function dialPreview() {
    const dp = view.dialpad;
    return dp && text(dp.text) === ui.dialText ? dp : null;
  }
  function canCall() {
    const dp = dialPreview();
    return !!view.can_dial && ui.dialText.trim() !== '' && (!dp || dp.valid !== false);
  }
  function dial(number) {
    flushAllNotes();
    sendThenDraw({ type: 'ui.dial', number });
  }

  // compact: another call is on screen, so the dial pad keys give way to it.
  function dialer(compact) {
    const dp = dialPreview();
    const error = text(dp?.error);
    const hint = error || text(dp?.display) || (!view.can_dial ? 'Calls can be made once the line is ready.' : '');
    return h(
      'section',
      { class: 'sb-dialer', key: 'dialer', 'aria-labelledby': 'sb-dial-heading' },
      h('h2', { class: 'sb-section-title', id: 'sb-dial-heading' }, compact ? 'Make another call' : 'Make a call'),
      h(
        'div',
        { class: `slds-form-element${error ? ' sb-dial_error' : ''}` },
        h('label', { class: 'slds-form-element__label slds-assistive-text', for: 'sb-dial-input' }, 'Phone number'),
        h(
          'div',
          { class: 'slds-form-element__control sb-dial' },
          h('input', {
            id: 'sb-dial-input',
            class: 'slds-input sb-dial__input',
            type: 'tel',
            inputmode: 'tel',
            autocomplete: 'off',
            maxlength: NUMBER_MAX,
            placeholder: 'Number or ext.',
            value: ui.dialText,
            'aria-describedby': hint ? 'sb-dial-help' : null,
            'aria-invalid': error ? 'true' : null,
            on: {
              input: (event) => setDialText(event.target.value),
              keydown: (event) => {
                if (event.key === 'Enter' && canCall()) {
                  event.preventDefault();
                  dial(ui.dialText.trim());
                }
              },
            },
          }),
          h(
            'button',
            {
              type: 'button',
              id: 'sb-dial-back',
              class: 'slds-button slds-button_icon slds-button_icon-border-filled sb-dial__back',
              title: 'Delete last digit',
              disabled: !ui.dialText,
              on: { click: () => setDialText(ui.dialText.slice(0, -1)) },
            },
            icon('back', 'slds-button__icon'),
            h('span', { class: 'slds-assistive-text' }, 'Delete last digit'),
          ),
        ),
        h('div', { class: 'slds-form-element__help sb-dial__help', id: 'sb-dial-help', 'aria-live': 'polite' }, hint),
      ),
      compact
        ? null
        : h(
        'div',
        { class: 'sb-keys', role: 'group', 'aria-label': 'Dial pad' },
        KEYS.map(([digit, letters]) =>
          key(`sb-dial-${digit === '*' ? 'star' : digit === '#' ? 'pound' : digit}`, digit, letters, () => setDialText(ui.dialText + digit)),
        ),
      ),
      button({
        label: 'Call',
        iconName: 'call',
        variant: 'slds-button_success',
        extraClass: 'slds-button_stretch',
        id: 'sb-dial-call',
        disabled: !canCall(),
        onClick: () => dial(ui.dialText.trim()),
      }),
    );
  }

  // ---- history ----
  function history() {
    if (!view.history.length) return null;
    return h(
      'section',
      { class: 'sb-history', key: 'history', 'aria-labelledby': 'sb-history-heading' },
      h('h2', { class: 'sb-section-title', id: 'sb-history-heading' }, 'Recent calls'),
      h(
        'ul',
        { class: 'sb-history__list' },
        view.history.map((entry, i) => {
          const name = text(entry.label) || text(entry.number_display) || 'Unknown caller';
          const missed = ['missed', 'declined', 'not_answered', 'failed'].includes(entry.outcome);
          const iconName = missed && entry.direction !== 'outbound' ? 'missed_call' : entry.direction === 'outbound' ? 'outbound_call' : 'incoming_call';
          const direction = entry.direction === 'outbound' ? 'Outgoing' : entry.direction === 'internal' ? 'Internal' : 'Incoming';
          const outcome = OUTCOME_TEXT[entry.outcome] || text(entry.outcome);
          const talked = entry.duration_s > 0 ? ` ${duration(entry.duration_s * 1000)}` : '';
          const meta = [`${outcome}${talked}`, timeOfDay(entry.started_at)].filter(Boolean).join(' · ');
          return h(
            'li',
            { class: 'sb-history__item', key: `${text(entry.id)}#${i}` },
            icon(iconName, `slds-icon slds-icon_x-small sb-history__icon${missed ? ' sb-history__icon_missed' : ''}`),
            h(
              'div',
              { class: 'sb-history__text' },
              h('p', { class: 'sb-history__name' }, name),
              h('p', { class: 'sb-history__meta' }, h('span', { class: 'slds-assistive-text' }, `${direction} call, `), meta),
            ),
            entry.number && view.can_dial
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'slds-button slds-button_icon slds-button_icon-border-filled',
                    title: 'Call back',
                    on: { click: () => dial(text(entry.number)) },
                  },
                  icon('call', 'slds-button__icon'),
                  h('span', { class: 'slds-assistive-text' }, `Call back ${name}`),
                )
              : null,
          );
        }),
      ),
    );
  }

  // ---- the whole phone ----
  function announce() {
    const live = new Set(view.calls.map((c) => c.id));
    for (const id of ui.announced) if (!live.has(id)) ui.announced.delete(id);
    for (const call of view.calls) {
      if (call.state !== 'ringing' || call.outgoing || ui.announced.has(call.id)) continue;
      ui.announced.add(call.id);
      const name = callName(call);
      const number = callNumber(call);
      ui.announcement = `${kicker(call)} from ${name}${number && number !== name ? `, ${number}` : ''}`;
    }
  }

  function phone(now) {
    const calls = view.calls;
    return h(
      'div',
      { class: 'sb-phone', on: { keydown: onRootKeydown } },
      h('header', { class: 'sb-bar' }, h('h1', { class: 'slds-assistive-text' }, 'Softphone'), statusMenu(), lineStatus(now)),
      h(
        'main',
        { class: 'sb-main' },
        notices(),
        calls.map((call) => callCard(call, now)),
        view.can_dial || !calls.length ? dialer(calls.length > 0) : null,
        !calls.length ? history() : null,
        h('div', { class: 'slds-assistive-text', 'aria-live': 'assertive', id: 'sb-announce', key: 'announce' }, ui.announcement),
      ),
    );
  }

  function needsClock(now) {
    return (
      view.line.retry_at > now ||
      view.calls.some((c) => (RUNNING_STATES.has(c.state) && c.answered_at > 0) || (c.state === 'wrap_up' && c.wrap_up_until > 0))
    );
  }

  function draw() {
    const now = clock();
    // Panels close when their call no longer offers them (the keypad of a call put on hold).
    if (ui.panel) {
      const call = view.calls.find((c) => c.id === ui.panel.call);
      if (!call || !panelAvailable(call, ui.panel.kind) || call.state === 'wrap_up') ui.panel = null;
    }
    const focusWasInside = root.contains(doc.activeElement) && doc.activeElement !== root;
    const next = [phone(now)];
    patchChildren(root, tree, next);
    tree = next;
    if (ui.focusId) {
      doc.getElementById(ui.focusId)?.focus();
      ui.focusId = null;
    } else if (focusWasInside && !root.contains(doc.activeElement)) {
      // The control that had focus is gone (answered, dismissed…): keep keyboard users in the phone.
      (root.querySelector('[data-primary]') || root.querySelector('#sb-dial-input') || root.querySelector('button'))?.focus();
    }
    if (needsClock(now)) {
      ticker ||= timers.setInterval(draw, 1000);
    } else if (ticker) {
      timers.clearInterval(ticker);
      ticker = null;
    }
  }

  function render(next) {
    renders += 1;
    view = normalize(next);
    const dp = view.dialpad;
    // The core's dial pad text wins when the core changes it (e.g. clears it after dialling).
    if (dp && text(dp.text) !== ui.dialTextFromCore) {
      ui.dialTextFromCore = text(dp.text);
      ui.dialText = text(dp.text);
    }
    announce();
    draw();
  }

  return {
    render,
    view: () => view,
    flushNotes: flushAllNotes,
    destroy() {
      flushAllNotes();
      if (ticker) timers.clearInterval(ticker);
      ticker = null;
      patchChildren(root, tree, []);
      tree = [];
    },
  };
}
