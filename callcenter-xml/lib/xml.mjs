// Parses XML into a small element tree that remembers where each element and attribute starts, so
// every validation error can name its line. Malformed XML is reported, never thrown.
import { SaxesParser } from 'saxes';

// -> {root, error}: root is {name, attributes: {name: {value, line, column}}, children, text, line, column}
export function parseXml(text) {
  const parser = new SaxesParser({ position: true });
  const stack = [];
  let root = null;
  let error = null;
  let tagLine = 1;
  let tagColumn = 1;

  parser.on('error', (err) => {
    if (!error) error = { line: parser.line, column: parser.column, message: err.message.replace(/^[^:]*:\d+:\d+: /, '') };
  });
  parser.on('opentagstart', () => {
    // Reported just after the tag name: the tag starts on this line.
    tagLine = parser.line;
    tagColumn = parser.column;
  });
  parser.on('opentag', (tag) => {
    const attributes = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = { value, line: tagLine };
    const element = { name: tag.name, attributes, children: [], text: '', line: tagLine, column: tagColumn };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (chunk) => {
    if (stack.length) stack[stack.length - 1].text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (stack.length) stack[stack.length - 1].text += chunk;
  });
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (err) {
    if (!error) error = { line: parser.line, column: parser.column, message: String(err.message || err) };
  }
  if (!error && !root) error = { line: 1, column: 1, message: 'the file holds no XML element' };
  return { root: error ? null : root, error };
}

// How an element is named in messages: <item name="reqAdapterUrl">, <sections> "switchboard", …
export function describe(element) {
  const name = element.attributes?.name?.value;
  if (name !== undefined) return `<${element.name} name="${name}">`;
  const child = element.children?.find((c) => c.name === 'name');
  if (child) return `<${element.name}> "${child.text.trim()}"`;
  return `<${element.name}>`;
}

export function escapeXml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]);
}
