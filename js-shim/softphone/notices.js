// The core's notices, in its own plain language: errors as alerts, the rest as status messages; each
// can be dismissed.
import { text } from './controls.js';
import { h } from './dom.js';
import { icon } from './icons.js';

const THEME = { error: 'slds-alert_error', warning: 'slds-alert_warning', info: 'sb-notice_info' };
const SPOKEN = { error: 'Error: ', warning: 'Warning: ', info: 'Note: ' };

export function notices(ctx) {
  if (!ctx.view.notices.length) return null;
  return h(
    'div',
    { class: 'sb-notices', key: 'notices' },
    ctx.view.notices.map((notice) => {
      const level = THEME[notice.level] ? notice.level : 'info';
      return h(
        'div',
        {
          key: notice.id,
          class: `slds-notify slds-notify_alert sb-notice ${THEME[level]}`,
          role: level === 'error' ? 'alert' : 'status',
          'data-notice': text(notice.id),
        },
        icon(level, 'slds-icon slds-icon_x-small sb-notice__icon'),
        h('span', { class: 'slds-assistive-text' }, SPOKEN[level]),
        h('p', { class: 'sb-notice__text' }, text(notice.text)),
        h(
          'button',
          {
            type: 'button',
            class: `slds-button slds-button_icon slds-notify__close sb-notice__close${level === 'error' ? ' slds-button_icon-inverse' : ''}`,
            title: 'Dismiss',
            on: { click: () => ctx.act({ type: 'ui.notice.dismiss', id: Number(notice.id) }) },
          },
          icon('close', 'slds-button__icon'),
          h('span', { class: 'slds-assistive-text' }, 'Dismiss notice'),
        ),
      );
    }),
  );
}
