// Small building blocks shared by the parts of the phone: safe text, element ids, buttons, keys.
import { h } from './dom.js';
import { icon } from './icons.js';

export const NUMBER_MAX = 128; // ui.dial number, ui.transfer target
export const NOTES_MAX = 32000; // ui.notes text

export const KEYS = [
  ['1', ''], ['2', 'ABC'], ['3', 'DEF'],
  ['4', 'GHI'], ['5', 'JKL'], ['6', 'MNO'],
  ['7', 'PQRS'], ['8', 'TUV'], ['9', 'WXYZ'],
  ['*', ''], ['0', '+'], ['#', ''],
];
export const KEY_NAMES = { '*': 'star', '#': 'pound' };

export const list = (value) => (Array.isArray(value) ? value : []);
export const text = (value) => (value == null ? '' : String(value));
// Ids come from the core; keep element ids valid whatever they contain.
export const domId = (...parts) => `sb-${parts.map((p) => text(p).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')}`;

export function callName(call) {
  return text(call.who?.name) || text(call.label) || text(call.number_display) || text(call.number) || 'Unknown caller';
}

export function callNumber(call) {
  return text(call.number_display) || text(call.number);
}

// variant: the full SLDS class (slds-button_brand…), written out so the build finds it.
export function button({ label, iconName, variant = 'slds-button_neutral', onClick, extraClass = '', ...attrs }) {
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
  );
}

// A phone key: the digit, with its letters below for those who dial words.
export function key(id, digit, letters, onClick) {
  return h(
    'button',
    { type: 'button', id, key: digit, class: 'slds-button slds-button_neutral sb-key', on: { click: onClick } },
    h('span', { class: 'sb-key__digit' }, digit),
    h('span', { class: 'sb-key__letters', 'aria-hidden': 'true' }, letters || '\u00a0'),
  );
}
