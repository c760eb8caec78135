// A tiny keyed DOM patcher. The softphone is re-rendered from the view as a tree of plain objects and
// only what changed touches the DOM, so focus, caret position and screen-reader announcements survive
// every render. Text is always set as text (text nodes, attributes), never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set(['checked', 'disabled', 'selected']);
const NOT_ATTRIBUTES = new Set(['key', 'on', 'value', 'forceValue']);

function flatten(list, out) {
  for (const child of list) {
    if (child == null || child === false || child === true) continue;
    if (Array.isArray(child)) flatten(child, out);
    else out.push(typeof child === 'object' ? child : { text: String(child) });
  }
  return out;
}

// h('button', {class, on: {click}, key, value, forceValue, …attributes}, …children)
// key: identity among siblings; value: an input's value (forceValue: even while it has focus).
export function h(tag, props, ...children) {
  return { tag, props: props || {}, children: flatten(children, []) };
}

function keyOf(node, index) {
  if (node.text !== undefined) return `#text${index}`;
  return node.props.key != null ? `key:${node.props.key}` : `${node.tag}#${index}`;
}

function setValue(el, value, force) {
  if (value === undefined || el.value === String(value)) return;
  // Never overwrite what the agent is typing; the next render after they leave the field will.
  if (!force && el.ownerDocument.activeElement === el) return;
  el.value = value;
}

function setProps(el, old, props, svg) {
  for (const name of Object.keys(old)) {
    if (name in props || NOT_ATTRIBUTES.has(name)) continue;
    if (PROPERTIES.has(name)) el[name] = false;
    else el.removeAttribute(name);
  }
  for (const [name, value] of Object.entries(props)) {
    if (name === 'on') {
      el._on = value;
      el._bound ||= new Set();
      for (const type of Object.keys(value)) {
        if (el._bound.has(type)) continue;
        el._bound.add(type);
        el.addEventListener(type, (event) => el._on?.[type]?.(event));
      }
      continue;
    }
    if (NOT_ATTRIBUTES.has(name)) continue;
    if (PROPERTIES.has(name) && !svg) {
      if (el[name] !== !!value) el[name] = !!value;
      continue;
    }
    if (value == null || value === false) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      const text = value === true ? '' : String(value);
      if (el.getAttribute(name) !== text) el.setAttribute(name, text);
    }
  }
  if (!('on' in props) && el._on) el._on = null;
}

function create(node, doc, svg) {
  if (node.text !== undefined) {
    node.el = doc.createTextNode(node.text);
    return;
  }
  const inSvg = svg || node.tag === 'svg';
  node.el = inSvg ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  setProps(node.el, {}, node.props, inSvg);
  patchChildren(node.el, [], node.children, inSvg);
  setValue(node.el, node.props.value, true);
}

function update(old, node, svg) {
  const el = (node.el = old.el);
  if (node.text !== undefined) {
    if (el.nodeValue !== node.text) el.nodeValue = node.text;
    return;
  }
  const inSvg = svg || node.tag === 'svg';
  setProps(el, old.props, node.props, inSvg);
  patchChildren(el, old.children, node.children, inSvg);
  setValue(el, node.props.value, node.props.forceValue);
}

// Makes parent's children match `next`, reusing the DOM nodes of `prev` with the same key.
export function patchChildren(parent, prev, next, svg = false) {
  const doc = parent.ownerDocument;
  const byKey = new Map();
  prev.forEach((node, i) => byKey.set(keyOf(node, i), node));
  next.forEach((node, i) => {
    const key = keyOf(node, i);
    const old = byKey.get(key);
    if (old && old.tag === node.tag) {
      byKey.delete(key);
      update(old, node, svg);
    } else {
      create(node, doc, svg);
    }
    const at = parent.childNodes[i];
    if (at !== node.el) parent.insertBefore(node.el, at || null);
  });
  for (const old of byKey.values()) old.el.remove();
}
