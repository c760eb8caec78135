// Build-time tool: cuts the Salesforce Lightning Design System stylesheet down to the rules the
// softphone's markup can match. A rule is kept when every class in its selector is one the softphone
// uses (class-less base rules are kept for the elements it renders); custom properties are kept only
// when something kept refers to them, and keyframes only when an animation names them.

const CONTAINERS = /^@(media|supports|layer|container)\b/i;
const USED_ELEMENTS = new Set([
  'html', 'body', 'main', 'header', 'section', 'div', 'span', 'p', 'h1', 'h2', 'ul', 'li', 'a', 'abbr',
  'button', 'input', 'select', 'option', 'textarea', 'label', 'form', 'datalist', 'svg', 'path', 'audio',
]);
// Attributes the markup sets; rules keyed on others (e.g. SLDS's kx-scope animations) never match.
const USED_ATTRIBUTE = /^(role|type|disabled|hidden|title|required|aria-(expanded|checked|invalid|hidden|haspopup|live|required))$/;
// Old flexbox syntaxes and IE prefixes: every browser Salesforce supports reads the standard ones.
const OBSOLETE_PROPERTY = /^-(ms|webkit-box)-/;
const OBSOLETE_VALUE = /^(-ms-|-webkit-box|-webkit-inline-box)/;

// ---- a small CSS reader: comments, strings, nested blocks; enough for SLDS's plain CSS ----
function parse(css) {
  let i = 0;
  const n = css.length;

  function skipString(quote) {
    i++;
    while (i < n && css[i] !== quote) i += css[i] === '\\' ? 2 : 1;
    i++;
  }
  function skipComment() {
    const end = css.indexOf('*/', i + 2);
    i = end < 0 ? n : end + 2;
  }
  // Reads up to (not including) one of the stop characters at nesting depth 0.
  function readPrelude() {
    let out = '';
    let depth = 0;
    while (i < n) {
      const c = css[i];
      if (c === '/' && css[i + 1] === '*') {
        skipComment();
        continue;
      }
      if (c === '"' || c === "'") {
        const start = i;
        skipString(c);
        out += css.slice(start, i);
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (depth === 0 && (c === '{' || c === ';' || c === '}')) break;
      out += c;
      i++;
    }
    return out.trim();
  }
  // Reads a block's raw content up to its closing brace (consumed).
  function readBody() {
    let depth = 1;
    const start = i;
    while (i < n) {
      const c = css[i];
      if (c === '/' && css[i + 1] === '*') {
        skipComment();
        continue;
      }
      if (c === '"' || c === "'") {
        skipString(c);
        continue;
      }
      if (c === '{') depth++;
      if (c === '}' && --depth === 0) {
        i++;
        return css.slice(start, i - 1).replace(/\/\*[\s\S]*?\*\//g, '');
      }
      i++;
    }
    throw new Error('unterminated block in the SLDS stylesheet');
  }
  function block(top) {
    const nodes = [];
    while (i < n) {
      while (i < n && /\s/.test(css[i])) i++;
      if (css[i] === '/' && css[i + 1] === '*') {
        skipComment();
        continue;
      }
      if (i >= n) break;
      if (css[i] === '}') {
        if (top) throw new Error('unbalanced } in the SLDS stylesheet');
        i++;
        return nodes;
      }
      const prelude = readPrelude();
      if (css[i] === ';' || i >= n) {
        i++;
        if (prelude) nodes.push({ kind: 'statement', prelude });
        continue;
      }
      if (css[i] === '}') continue;
      i++; // {
      if (CONTAINERS.test(prelude)) nodes.push({ kind: 'group', prelude, children: block(false) });
      else if (prelude.startsWith('@')) nodes.push({ kind: 'at', prelude, body: readBody() });
      else nodes.push({ kind: 'rule', selectors: splitTopLevel(prelude, ','), decls: splitTopLevel(readBody(), ';') });
    }
    return nodes;
  }
  return block(true);
}

function splitTopLevel(text, separator) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

// ---- which selectors the softphone can match ----
function selectorMatches(selector, usedClasses) {
  const attributes = [...selector.matchAll(/\[\s*([\w-]+)/g)].map((m) => m[1]);
  if (!attributes.every((a) => USED_ATTRIBUTE.test(a))) return false;
  // Classes inside :not() only narrow a rule; attribute values are not classes.
  const plain = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '').replace(/\[[^\]]*\]/g, '[]');
  const classes = plain.match(/\.-?[_a-zA-Z][\w-]*/g) || [];
  if (classes.length) return classes.every((c) => usedClasses.has(c.slice(1)));
  const withoutPseudo = plain.replace(/::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?/g, ' ');
  const elements = withoutPseudo.match(/(?:^|[\s>+~(,])([a-zA-Z][\w-]*)/g) || [];
  return elements.every((e) => USED_ELEMENTS.has(e.replace(/^[\s>+~(,]/, '').toLowerCase()));
}

function declaration(decl) {
  const colon = decl.indexOf(':');
  return colon < 0 ? null : { property: decl.slice(0, colon).trim(), value: decl.slice(colon + 1).trim() };
}

const varRefs = (value) => [...value.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);

export function extractSlds(css, usedClasses) {
  const used = new Set(usedClasses);
  const tree = parse(css);

  // 1. rules whose selectors can match, without obsolete declarations
  function filter(nodes) {
    const out = [];
    for (const node of nodes) {
      if (node.kind === 'rule') {
        const selectors = node.selectors.filter((s) => selectorMatches(s, used));
        const decls = node.decls
          .map(declaration)
          .filter((d) => d && !OBSOLETE_PROPERTY.test(d.property) && !(d.property === 'display' && OBSOLETE_VALUE.test(d.value)));
        if (selectors.length && decls.length) out.push({ ...node, selectors, decls });
      } else if (node.kind === 'group') {
        const children = filter(node.children);
        if (children.length) out.push({ ...node, children });
      } else if (node.kind === 'at' && /^@(-webkit-)?keyframes\b/i.test(node.prelude)) {
        out.push(node);
      } else if (node.kind === 'statement' && /^@layer\b/i.test(node.prelude)) {
        out.push(node);
      }
    }
    return out;
  }
  const kept = filter(tree);

  // 2. custom properties: keep those reachable from ordinary declarations
  const rules = [];
  (function collect(nodes) {
    for (const node of nodes) {
      if (node.kind === 'rule') rules.push(node);
      if (node.kind === 'group') collect(node.children);
    }
  })(kept);
  const definitions = new Map(); // --name → [values]
  const wanted = new Set();
  const animations = new Set();
  for (const rule of rules) {
    for (const d of rule.decls) {
      if (d.property.startsWith('--')) {
        if (!definitions.has(d.property)) definitions.set(d.property, []);
        definitions.get(d.property).push(d.value);
      } else {
        varRefs(d.value).forEach((v) => wanted.add(v));
        if (/^(-webkit-)?animation(-name)?$/.test(d.property)) d.value.split(/[\s,]+/).forEach((w) => animations.add(w));
      }
    }
  }
  for (let queue = [...wanted]; queue.length; ) {
    const name = queue.pop();
    for (const value of definitions.get(name) || []) {
      for (const ref of varRefs(value)) {
        if (!wanted.has(ref)) {
          wanted.add(ref);
          queue.push(ref);
        }
      }
    }
  }

  // 3. write it back out
  function write(nodes) {
    let out = '';
    for (const node of nodes) {
      if (node.kind === 'statement') out += `${node.prelude};`;
      else if (node.kind === 'at') {
        const name = node.prelude.replace(/^@(-webkit-)?keyframes\s+/i, '');
        if (animations.has(name)) out += `${node.prelude}{${node.body}}`;
      } else if (node.kind === 'group') {
        const inner = write(node.children);
        if (inner) out += `${node.prelude}{${inner}}`;
      } else {
        const decls = node.decls.filter((d) => !d.property.startsWith('--') || wanted.has(d.property));
        if (decls.length) out += `${node.selectors.join(',')}{${decls.map((d) => `${d.property}:${d.value}`).join(';')}}`;
      }
    }
    return out;
  }
  const allClasses = new Set();
  (function scan(nodes) {
    for (const node of nodes) {
      if (node.kind === 'rule') node.selectors.join(' ').match(/\.-?[_a-zA-Z][\w-]*/g)?.forEach((c) => allClasses.add(c.slice(1)));
      if (node.kind === 'group') scan(node.children);
    }
  })(tree);
  return { css: write(kept), unknownClasses: [...used].filter((c) => !allClasses.has(c)) };
}

// A styling hook nothing on the page sets computes to its fallback: var(--hook, fallback) → fallback,
// for every custom property the stylesheet never declares (SLDS nests such hooks three deep in most
// component rules). Runs on the finished (minified) stylesheet, so that the fallbacks keep exactly the
// values SLDS wrote: a minifier would round colours such as rgba(0, 0, 0, .1) to #0000001a.
export function resolveUnsetHooks(css) {
  const declared = new Set([...css.matchAll(/[{;]\s*(--[\w-]+)\s*:/g)].map((m) => m[1]));
  const resolve = (text) => {
    let out = '';
    let i = 0;
    for (let start; (start = text.indexOf('var(', i)) >= 0; ) {
      let depth = 0;
      let end = start + 3;
      for (; end < text.length; end++) {
        if (text[end] === '(') depth++;
        else if (text[end] === ')' && --depth === 0) break;
      }
      if (end >= text.length) break; // unbalanced: leave the rest as written
      const inner = text.slice(start + 4, end);
      const comma = inner.indexOf(',');
      const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
      out += text.slice(i, start);
      if (comma < 0) out += `var(${inner})`;
      else if (declared.has(name)) out += `var(${name},${resolve(inner.slice(comma + 1))})`;
      else out += resolve(inner.slice(comma + 1).trim());
      i = end + 1;
    }
    return out + text.slice(i);
  };
  return resolve(css);
}

// The SLDS classes a set of source texts names (they are always written out in full).
export function sldsClassesIn(texts) {
  const out = new Set();
  for (const text of texts) for (const m of text.matchAll(/\bslds-[a-z0-9_-]*[a-z0-9]/gi)) out.add(m[0]);
  return [...out].sort();
}
