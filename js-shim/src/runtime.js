// The runtime: feeds events to an engine one at a time, stamps them with the time, and hands every
// effect to the handler registered for its type. Handlers never decide anything about calls; they
// perform the effect and, when something happens, post an event back.

export class Runtime {
  // handlers: {'timer.set': fn, 'ws': fn, …}: exact type first, then the prefix before the first dot.
  constructor({ engine, handlers = {}, clock = () => Date.now(), onUnhandled } = {}) {
    this.engine = engine;
    this.handlers = handlers;
    this.clock = clock;
    this.onUnhandled = onUnhandled || ((effect) => console.warn('no handler for effect', effect.type));
    this.queue = [];
    this.running = false;
    this.listeners = new Set();
  }

  // Observe every effect (tests, transcripts, the console emulator's log).
  onEffect(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  post(event) {
    this.queue.push(event);
    if (!this.running) this.drain();
  }

  drain() {
    this.running = true;
    try {
      while (this.queue.length) {
        const event = this.queue.shift();
        const effects = this.engine.handle({ ...event, t: event.t ?? this.clock() });
        for (const effect of effects) this.execute(effect, event);
      }
    } finally {
      this.running = false;
    }
  }

  execute(effect, cause) {
    for (const listener of this.listeners) listener(effect, cause);
    const handler = this.handlers[effect.type] || this.handlers[effect.type.split('.')[0]];
    if (!handler) return this.onUnhandled(effect);
    try {
      handler(effect, (event) => this.post(event));
    } catch (err) {
      console.error(`effect ${effect.type} failed`, err);
    }
  }
}
