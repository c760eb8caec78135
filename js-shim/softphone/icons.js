// SLDS utility icons as inline SVG. The bundler replaces 'switchboard:icons' with the paths of the icons
// listed in icon-names.js.
import ICONS from 'switchboard:icons';

import { h } from './dom.js';

export function icon(name, className) {
  const found = ICONS[name] || { viewBox: '0 0 520 520', paths: [] };
  return h(
    'svg',
    { class: className, 'aria-hidden': 'true', focusable: 'false', viewBox: found.viewBox },
    found.paths.map((d) => h('path', { d })),
  );
}
