// timer.set / timer.cancel with the platform's setTimeout.
export function timerHandlers({ setTimeout: set = globalThis.setTimeout, clearTimeout: clear = globalThis.clearTimeout } = {}) {
  const timers = new Map();
  const handlers = {
    'timer.set': ({ id, ms }, post) => {
      clear(timers.get(id));
      timers.set(
        id,
        set(() => {
          timers.delete(id);
          post({ type: 'timer.fired', id });
        }, ms),
      );
    },
    'timer.cancel': ({ id }) => {
      clear(timers.get(id));
      timers.delete(id);
    },
  };
  handlers.stopAll = () => {
    for (const t of timers.values()) clear(t);
    timers.clear();
  };
  return handlers;
}
