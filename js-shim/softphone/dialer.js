// Making calls: the number field with the core's preview of what will be dialled, the dial pad, and
// the short list of recent calls (with call-back where the core gives a dialable number).
import { KEY_NAMES, KEYS, NUMBER_MAX, button, key, text } from './controls.js';
import { h } from './dom.js';
import { duration, timeOfDay } from './format.js';
import { icon } from './icons.js';

const OUTCOME_TEXT = {
  answered: 'Answered',
  missed: 'Missed',
  declined: 'Declined',
  not_answered: 'No answer',
  failed: 'Failed',
  transferred: 'Transferred',
  answered_elsewhere: 'Answered elsewhere',
};
const UNSUCCESSFUL = new Set(['missed', 'declined', 'not_answered', 'failed']);

function setDialText(ctx, value) {
  ctx.ui.dialText = value.slice(0, NUMBER_MAX);
  // Older cores have no ui.dialpad: the field then works alone, without a preview.
  ctx.act(ctx.supports('ui.dialpad') ? { type: 'ui.dialpad', text: ctx.ui.dialText } : null);
}

// The core's preview, only if it was made for exactly what is in the field.
function preview(ctx) {
  const dp = ctx.view.dialpad;
  return dp && text(dp.text) === ctx.ui.dialText ? dp : null;
}

function canCall(ctx) {
  const dp = preview(ctx);
  return !!ctx.view.can_dial && ctx.ui.dialText.trim() !== '' && (!dp || dp.valid !== false);
}

function dial(ctx, number) {
  ctx.notes.flushAll();
  ctx.act({ type: 'ui.dial', number });
}

// compact: a call is on screen, so the dial pad keys give way to it.
export function dialer(ctx, compact) {
  const { ui, view } = ctx;
  const dp = preview(ctx);
  const error = text(dp?.error);
  const hint =
    error ||
    text(dp?.display) ||
    (view.can_dial ? '' : view.agent.status === 'offline' ? 'You are offline. Choose Available to make and take calls.' : 'Calls can be made once the line is ready.');
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
          forceValue: true, // the core may rewrite the text (e.g. clear it after dialling)
          'aria-describedby': hint ? 'sb-dial-help' : null,
          'aria-invalid': error ? 'true' : null,
          on: {
            input: (event) => setDialText(ctx, event.target.value),
            keydown: (event) => {
              if (event.key === 'Enter' && canCall(ctx)) {
                event.preventDefault();
                dial(ctx, ui.dialText.trim());
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
            on: { click: () => setDialText(ctx, ui.dialText.slice(0, -1)) },
          },
          icon('back', 'slds-button__icon'),
          h('span', { class: 'slds-assistive-text' }, 'Delete last digit'),
        ),
      ),
      h('div', { class: `slds-form-element__help sb-dial__help${dp?.display && !error ? ' sb-dial__help_number' : ''}`, id: 'sb-dial-help', 'aria-live': 'polite' }, hint),
    ),
    compact
      ? null
      : h(
          'div',
          { class: 'sb-keys', role: 'group', 'aria-label': 'Dial pad' },
          KEYS.map(([digit, letters]) => key(`sb-dial-${KEY_NAMES[digit] || digit}`, digit, letters, () => setDialText(ctx, ui.dialText + digit))),
        ),
    button({
      label: 'Call',
      iconName: 'call',
      variant: 'slds-button_success',
      extraClass: 'slds-button_stretch',
      id: 'sb-dial-call',
      disabled: !canCall(ctx),
      onClick: () => dial(ctx, ui.dialText.trim()),
    }),
  );
}

export function history(ctx) {
  const { view } = ctx;
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
        const unsuccessful = UNSUCCESSFUL.has(entry.outcome);
        const outbound = entry.direction === 'outbound';
        const iconName = outbound ? 'outbound_call' : unsuccessful ? 'missed_call' : 'incoming_call';
        const direction = outbound ? 'Outgoing' : entry.direction === 'internal' ? 'Internal' : 'Incoming';
        const talked = entry.duration_s > 0 ? ` ${duration(entry.duration_s * 1000)}` : '';
        const meta = [`${OUTCOME_TEXT[entry.outcome] || text(entry.outcome)}${talked}`, timeOfDay(entry.started_at)].filter(Boolean).join(' · ');
        return h(
          'li',
          { class: 'sb-history__item', key: `${text(entry.id)}#${i}` },
          icon(iconName, `slds-icon slds-icon_x-small sb-history__icon${unsuccessful ? ' sb-history__icon_missed' : ''}`),
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
                  on: { click: () => dial(ctx, text(entry.number)) },
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
