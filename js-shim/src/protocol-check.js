// Checks messages against the protocol tables the core exports (protocol_info()). Used by tests in
// both directions: events the shim produces, effects the core produces.

function typeOk(value, type) {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'any': return true;
    default: return false;
  }
}

export function checkMessage(protocol, message, kind /* 'event' | 'effect' */) {
  const list = kind === 'event' ? protocol.events : protocol.effects;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') {
    return `${kind} needs a string 'type'`;
  }
  const spec = list.find((m) => m.type === message.type);
  if (!spec) return `unknown ${kind} type '${message.type}'`;
  for (const field of spec.fields) {
    const value = message[field.name];
    if (value === undefined || value === null) {
      if (field.required) return `${kind} '${spec.type}' needs field '${field.name}'`;
      continue;
    }
    if (!typeOk(value, field.type)) return `${kind} '${spec.type}' field '${field.name}' must be ${field.type}`;
    if (field.type === 'string' && new TextEncoder().encode(value).length > field.max_length) {
      return `${kind} '${spec.type}' field '${field.name}' is longer than ${field.max_length} bytes`;
    }
  }
  return null;
}
