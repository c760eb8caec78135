// Durable key/value storage for the core (call log outbox, live calls across a reload).
// backend: {get(key), set(key, value), remove(key), keys()} — localStorage in the browser,
// a Map in tests.

export function memoryBackend(map = new Map()) {
  return {
    get: (k) => map.get(k),
    set: (k, v) => map.set(k, v),
    remove: (k) => map.delete(k),
    keys: () => [...map.keys()],
  };
}

export function localStorageBackend(storage = globalThis.localStorage) {
  return {
    get: (k) => storage.getItem(k),
    set: (k, v) => storage.setItem(k, v),
    remove: (k) => storage.removeItem(k),
    keys: () => Array.from({ length: storage.length }, (_, i) => storage.key(i)),
  };
}

export function storeHandlers(backend, namespace = 'switchboard:') {
  return {
    'store.load': (_effect, post) => {
      const entries = {};
      for (const key of backend.keys()) {
        if (!key || !key.startsWith(namespace)) continue;
        const raw = backend.get(key);
        try {
          entries[key.slice(namespace.length)] = JSON.parse(raw);
        } catch {
          // Kept as text so the core can report it and nothing is silently dropped.
          entries[key.slice(namespace.length)] = { unreadable: String(raw) };
        }
      }
      post({ type: 'store.loaded', entries });
    },
    'store.put': ({ key, value }, post) => {
      try {
        backend.set(namespace + key, JSON.stringify(value));
      } catch (err) {
        post({ type: 'store.failed', key, message: String(err?.message || err) });
      }
    },
    'store.delete': ({ key }) => backend.remove(namespace + key),
  };
}
