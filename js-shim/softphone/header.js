// The top bar: the agent's status menu (the choices the core offers, and the one waiting for calls
// to end) and the state of the phone line.
import { domId, text } from './controls.js';
import { h } from './dom.js';
import { icon } from './icons.js';

const STATUS_TEXT = {
  available: 'Available',
  away: 'Away',
  busy: 'On a call',
  after_call_work: 'After-call work',
  offline: 'Offline',
};

function isChosen(agent, choice) {
  const chosen = agent.next || agent.status;
  return choice.status === chosen && (chosen !== 'away' || !choice.reason || choice.reason === agent.reason);
}

function statusLabel(agent, status, reason) {
  const match = agent.choices.find((c) => c.status === status && (status !== 'away' || c.reason === reason));
  if (match?.label) return text(match.label);
  if (status === 'away' && reason) return `Away – ${reason}`;
  return STATUS_TEXT[status] || text(status) || 'Offline';
}

function openMenu(ctx, focusLast = false) {
  const { choices } = ctx.view.agent;
  const checked = choices.findIndex((c) => isChosen(ctx.view.agent, c));
  ctx.ui.menuOpen = true;
  ctx.ui.focusId = domId('status', focusLast ? choices.length - 1 : Math.max(0, checked));
  ctx.draw();
}

export function closeMenu(ctx, focusButton = true) {
  if (!ctx.ui.menuOpen) return false;
  ctx.ui.menuOpen = false;
  if (focusButton) ctx.ui.focusId = 'sb-status-button';
  ctx.draw();
  return true;
}

function choose(ctx, choice) {
  ctx.ui.menuOpen = false;
  ctx.ui.focusId = 'sb-status-button';
  ctx.act({ type: 'ui.status', status: text(choice.status), ...(choice.reason ? { reason: text(choice.reason) } : {}) });
}

function onMenuKeydown(ctx, event) {
  const items = [...event.currentTarget.querySelectorAll('[role="menuitemradio"]')];
  const at = items.indexOf(ctx.doc.activeElement);
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
  } else if (event.key === 'Tab') closeMenu(ctx, false);
}

function statusMenu(ctx) {
  const { agent } = ctx.view;
  const { menuOpen } = ctx.ui;
  const status = text(agent.status) || 'offline';
  const next = agent.next ? statusLabel(agent, agent.next, agent.reason) : '';
  return h(
    'div',
    {
      class: `sb-status slds-dropdown-trigger slds-dropdown-trigger_click${menuOpen ? ' slds-is-open' : ''}`,
      on: {
        focusout: (event) => {
          if (ctx.ui.menuOpen && !event.currentTarget.contains(event.relatedTarget)) closeMenu(ctx, false);
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
        'aria-expanded': String(menuOpen),
        'aria-controls': menuOpen ? 'sb-status-menu' : null,
        on: {
          click: () => (ctx.ui.menuOpen ? closeMenu(ctx) : openMenu(ctx)),
          keydown: (event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              openMenu(ctx, event.key === 'ArrowUp');
            }
          },
        },
      },
      h('span', { class: `sb-dot sb-dot_${status}`, 'aria-hidden': 'true' }),
      h('span', { class: 'slds-assistive-text' }, 'Status: '),
      h('span', { class: 'sb-status__label' }, statusLabel(agent, status, agent.reason)),
      next ? h('span', { class: 'slds-assistive-text' }, `, next: ${next}`) : null,
      icon('chevrondown', 'slds-button__icon slds-button__icon_right'),
    ),
    next ? h('p', { class: 'sb-status__next', 'aria-hidden': 'true' }, `Next: ${next}`) : null,
    menuOpen
      ? h(
          'div',
          { class: 'slds-dropdown slds-dropdown_left sb-status__menu', id: 'sb-status-menu' },
          h(
            'ul',
            { class: 'sb-status__list', role: 'menu', 'aria-labelledby': 'sb-status-button', on: { keydown: (e) => onMenuKeydown(ctx, e) } },
            agent.choices.map((choice, i) => {
              const checked = isChosen(agent, choice);
              return h(
                'li',
                { class: 'slds-dropdown__item', role: 'presentation', key: `${choice.status}/${choice.reason || ''}` },
                h(
                  'a',
                  {
                    id: domId('status', i),
                    role: 'menuitemradio',
                    tabindex: '-1',
                    'aria-checked': String(checked),
                    on: { click: () => choose(ctx, choice) },
                  },
                  h(
                    'span',
                    { class: 'slds-truncate sb-status__choice' },
                    icon('check', `slds-icon slds-icon_x-small slds-icon-text-default sb-check${checked ? '' : ' sb-check_off'}`),
                    h('span', { class: `sb-dot sb-dot_${text(choice.status)}`, 'aria-hidden': 'true' }),
                    text(choice.label) || statusLabel(agent, choice.status, choice.reason),
                  ),
                ),
              );
            }),
          ),
        )
      : null,
  );
}

function lineStatus({ view, now }) {
  const { line } = view;
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

export function header(ctx) {
  return h('header', { class: 'sb-bar' }, h('h1', { class: 'slds-assistive-text' }, 'Softphone'), statusMenu(ctx), lineStatus(ctx));
}
