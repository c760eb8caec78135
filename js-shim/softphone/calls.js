// One card per call: who it is, its state and talk time, and exactly the controls its `actions` list
// allows. Ringing inbound calls get answer/decline; calls in after-call work get disposition, notes
// and Done; every other call gets the in-call controls and their panels (keypad, transfer, notes).
import { KEY_NAMES, KEYS, NOTES_MAX, NUMBER_MAX, button, callName, callNumber, domId, key, list, text } from './controls.js';
import { h } from './dom.js';
import { countdown, duration } from './format.js';
import { icon } from './icons.js';

export const RUNNING_STATES = new Set(['connected', 'held', 'transferring']);

export function kicker(call) {
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

// ---- panels: the UI's own state, one open at a time ----
export function panelAvailable(call, kind) {
  const a = call.actions;
  if (kind === 'keypad') return a.includes('dtmf');
  if (kind === 'transfer') return a.includes('blind_transfer') || a.includes('consult_transfer');
  return a.includes('notes') || a.includes('disposition');
}

function togglePanel(ctx, callId, kind) {
  const { ui } = ctx;
  const open = ui.panel?.call === callId && ui.panel.kind === kind;
  ui.panel = open ? null : { call: callId, kind };
  ui.transferTarget = '';
  if (!open) ui.focusId = domId(callId, kind === 'keypad' ? 'key-1' : kind === 'transfer' ? 'target' : 'notes');
  ctx.draw();
}

export function closePanel(ctx) {
  const { ui } = ctx;
  if (!ui.panel) return false;
  ui.focusId = domId(ui.panel.call, ui.panel.kind, 'toggle');
  ui.panel = null;
  ctx.draw();
  return true;
}

function head(ctx, call) {
  const name = callName(call);
  const number = callNumber(call);
  const related = [call.who?.name !== name ? call.who?.name : '', call.what?.name].filter(Boolean).map(text);
  const other = (id) => ctx.view.calls.find((c) => c.id === text(id));
  const relation =
    call.consult_for && other(call.consult_for)
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
      running ? h('span', { class: 'sb-call__timer', role: 'timer', 'aria-label': 'Talk time' }, duration(ctx.now - call.answered_at)) : null,
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

function keypad(ctx, call) {
  const press = (digits) => ctx.act({ type: 'ui.dtmf', call: call.id, digits });
  return h(
    'div',
    {
      id: domId(call.id, 'keypad', 'panel'),
      class: 'sb-panel',
      role: 'group',
      'aria-label': 'Keypad',
      on: {
        // Digits typed on the keyboard while the keypad has focus are sent too.
        keydown: (event) => {
          if (/^[0-9*#]$/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
            event.preventDefault();
            press(event.key);
          }
        },
      },
    },
    h(
      'div',
      { class: 'sb-keys' },
      KEYS.map(([digit, letters]) => key(domId(call.id, `key-${KEY_NAMES[digit] || digit}`), digit, letters, () => press(digit))),
    ),
    call.dtmf_sent ? h('p', { class: 'sb-panel__note' }, `Sent: ${text(call.dtmf_sent)}`) : null,
  );
}

function transferForm(ctx, call) {
  const { ui } = ctx;
  const target = ui.transferTarget.trim();
  const blind = call.actions.includes('blind_transfer');
  const consult = call.actions.includes('consult_transfer');
  const transfer = (mode) => {
    if (!target) return;
    ui.panel = null;
    ui.transferTarget = '';
    ctx.act({ type: 'ui.transfer', call: call.id, target, mode });
  };
  const inputId = domId(call.id, 'target');
  const listId = domId(call.id, 'colleagues');
  const colleagues = list(ctx.view.colleagues).filter((c) => c && c.target);
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
          list: colleagues.length ? listId : null,
          on: {
            input: (event) => {
              ui.transferTarget = event.target.value;
              ctx.draw();
            },
          },
        }),
        colleagues.length
          ? h('datalist', { id: listId }, colleagues.map((c) => h('option', { key: text(c.target), value: text(c.target) }, text(c.name || c.target))))
          : null,
      ),
    ),
    h(
      'div',
      { class: 'sb-actions' },
      blind
        ? button({
            label: 'Transfer now',
            iconName: 'forward',
            variant: consult ? 'slds-button_neutral' : 'slds-button_brand',
            id: domId(call.id, 'blind'),
            'data-action': 'blind_transfer',
            disabled: !target,
            onClick: () => transfer('blind'),
          })
        : null,
      consult
        ? button({
            label: 'Consult first',
            iconName: 'call',
            variant: 'slds-button_brand',
            id: domId(call.id, 'consult'),
            'data-action': 'consult_transfer',
            disabled: !target,
            onClick: () => transfer('consult'),
          })
        : null,
    ),
  );
}

function dispositionField(ctx, call) {
  const { view } = ctx;
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
                if (event.target.value) ctx.act({ type: 'ui.disposition', call: call.id, value: event.target.value });
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

function notesField(ctx, call) {
  const id = domId(call.id, 'notes');
  const pending = ctx.notes.pending(call.id);
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
        value: pending ?? text(call.notes),
        on: {
          input: (event) => ctx.notes.queue(call.id, event.target.value),
          blur: () => ctx.notes.flush(call.id),
        },
      }),
    ),
  );
}

function notesPanel(ctx, call) {
  return h(
    'div',
    { id: domId(call.id, 'notes', 'panel'), class: 'sb-panel', role: 'group', 'aria-label': 'Call notes' },
    call.actions.includes('disposition') ? dispositionField(ctx, call) : null,
    call.actions.includes('notes') ? notesField(ctx, call) : null,
  );
}

function toggle(ctx, call, kind, label, iconName) {
  const open = ctx.ui.panel?.call === call.id && ctx.ui.panel.kind === kind;
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
      on: { click: () => togglePanel(ctx, call.id, kind) },
    },
    icon(iconName, 'slds-button__icon'),
    h('span', { class: 'sb-tool__label' }, label),
  );
}

// slot: mute/unmute share one button (and hold/resume another), so focus stays on it when it flips.
function tool(ctx, call, slot, action, label, iconName, on) {
  return h(
    'button',
    {
      type: 'button',
      key: slot,
      id: domId(call.id, action),
      'data-action': action,
      class: `slds-button slds-button_neutral sb-tool${on ? ' sb-tool_on' : ''}`,
      on: { click: () => ctx.act({ type: `ui.${action}`, call: call.id }) },
    },
    icon(iconName, 'slds-button__icon'),
    h('span', { class: 'sb-tool__label' }, label),
  );
}

function endCall(ctx, call, type, label, iconName, variant) {
  return button({
    label,
    iconName,
    variant,
    extraClass: 'slds-button_stretch',
    id: domId(call.id, type === 'ui.hangup' ? 'hangup' : 'finish_wrap_up'),
    'data-action': type === 'ui.hangup' ? 'hangup' : 'finish_wrap_up',
    'data-primary': 'true',
    onClick: () => {
      ctx.notes.flush(call.id); // notes typed a moment ago belong to this call
      ctx.act({ type, call: call.id });
    },
  });
}

function activeBody(ctx, call) {
  const a = call.actions;
  const panel = ctx.ui.panel?.call === call.id ? ctx.ui.panel.kind : null;
  const tools = [
    a.includes('mute') ? tool(ctx, call, 'mic', 'mute', 'Mute', 'muted') : a.includes('unmute') ? tool(ctx, call, 'mic', 'unmute', 'Unmute', 'unmuted', true) : null,
    a.includes('hold') ? tool(ctx, call, 'hold', 'hold', 'Hold', 'pause') : a.includes('resume') ? tool(ctx, call, 'hold', 'resume', 'Resume', 'play', true) : null,
    panelAvailable(call, 'keypad') ? toggle(ctx, call, 'keypad', 'Keypad', 'keypad') : null,
    panelAvailable(call, 'transfer') ? toggle(ctx, call, 'transfer', 'Transfer', 'forward') : null,
    panelAvailable(call, 'notes') ? toggle(ctx, call, 'notes', 'Notes', 'note') : null,
  ].filter(Boolean);
  const transferDecision = [
    a.includes('complete_transfer')
      ? button({
          label: 'Complete transfer',
          iconName: 'merge',
          variant: 'slds-button_brand',
          id: domId(call.id, 'complete_transfer'),
          'data-action': 'complete_transfer',
          onClick: () => ctx.act({ type: 'ui.transfer.complete', call: call.id }),
        })
      : null,
    a.includes('cancel_transfer')
      ? button({
          label: 'Cancel transfer',
          iconName: 'cancel_transfer',
          id: domId(call.id, 'cancel_transfer'),
          'data-action': 'cancel_transfer',
          onClick: () => ctx.act({ type: 'ui.transfer.cancel', call: call.id }),
        })
      : null,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'sb-call__body' },
    tools.length ? h('div', { class: 'sb-tools', role: 'group', 'aria-label': 'Call controls' }, tools) : null,
    panel === 'keypad' ? keypad(ctx, call) : panel === 'transfer' ? transferForm(ctx, call) : panel === 'notes' ? notesPanel(ctx, call) : null,
    transferDecision.length ? h('div', { class: 'sb-actions' }, transferDecision) : null,
    a.includes('hangup') ? endCall(ctx, call, 'ui.hangup', 'End call', 'end_call', 'slds-button_destructive') : null,
  );
}

function incomingBody(ctx, call) {
  const a = call.actions;
  return h(
    'div',
    { class: 'sb-call__body' },
    h(
      'div',
      { class: 'sb-actions' },
      a.includes('answer')
        ? button({
            label: 'Answer',
            iconName: 'call',
            variant: 'slds-button_success',
            id: domId(call.id, 'answer'),
            'data-action': 'answer',
            'data-primary': 'true',
            onClick: () => ctx.act({ type: 'ui.answer', call: call.id }),
          })
        : null,
      a.includes('decline')
        ? button({
            label: 'Decline',
            iconName: 'end_call',
            variant: 'slds-button_destructive',
            id: domId(call.id, 'decline'),
            'data-action': 'decline',
            onClick: () => ctx.act({ type: 'ui.decline', call: call.id }),
          })
        : null,
    ),
  );
}

function wrapUpBody(ctx, call) {
  const a = call.actions;
  const left = call.wrap_up_until > 0 ? call.wrap_up_until - ctx.now : null;
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
    a.includes('disposition') ? dispositionField(ctx, call) : null,
    a.includes('notes') ? notesField(ctx, call) : null,
    a.includes('finish_wrap_up') ? endCall(ctx, call, 'ui.wrapup.done', 'Done', 'check', 'slds-button_brand') : null,
  );
}

export function callCard(ctx, call) {
  const incoming = call.state === 'ringing' && !call.outgoing;
  const wrapUp = call.state === 'wrap_up';
  const kind = incoming ? 'incoming' : wrapUp ? 'wrapup' : 'active';
  return h(
    'section',
    {
      key: `call:${call.id}`,
      class: `slds-card sb-call sb-call_${kind}${ctx.view.focus === call.id ? ' sb-call_focus' : ''}`,
      'aria-labelledby': domId(call.id, 'name'),
      'data-call': call.id,
      'data-state': text(call.state),
    },
    head(ctx, call),
    incoming ? incomingBody(ctx, call) : wrapUp ? wrapUpBody(ctx, call) : activeBody(ctx, call),
  );
}
