// Awaitable events without races: every event is queued until someone takes it with next(), so an
// event that fires before the test starts waiting is not lost. Waits always end: with the event, or
// with an error that names what was awaited and what happened instead.

export class EventTimeoutError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EventTimeoutError';
  }
}

export class EventQueue {
  /** label names the owner in error messages, e.g. "peer agent1". */
  constructor(label, { timeoutMs = 5000, historySize = 40 } = {}) {
    this.label = label;
    this.timeoutMs = timeoutMs;
    this.historySize = historySize;
    this.queued = [];   // [{name, data, at}]
    this.waiters = [];  // [{name, filter, resolve}]
    this.history = [];  // names of recent events, for error messages
    this.closedWith = null;
  }

  /** Queues an event (or hands it to the first waiter that wants it); data gets `event: name`. */
  push(name, data = {}) {
    data = { event: name, ...data };
    this.history.push(name);
    if (this.history.length > this.historySize) this.history.shift();
    const index = this.waiters.findIndex((w) => w.names.includes(name) && w.filter(data));
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      waiter.resolve(data);
      return;
    }
    this.queued.push({ name, data, at: Date.now() });
  }

  /**
   * Resolves with the data of the oldest unconsumed event `name` (matching `filter` when given), or
   * of the next one to come; rejects with EventTimeoutError after timeoutMs. `name` may be a list:
   * the first of those events wins (its name is in data.event).
   */
  next(name, { timeoutMs = this.timeoutMs, filter = () => true } = {}) {
    const names = [name].flat();
    if (names.length === 0 || names.some((n) => typeof n !== 'string')) {
      return Promise.reject(new TypeError(`${this.label}: next() needs an event name`));
    }
    name = names.join("' or '");
    const index = this.queued.findIndex((e) => names.includes(e.name) && filter(e.data));
    if (index >= 0) {
      const [event] = this.queued.splice(index, 1);
      return Promise.resolve(event.data);
    }
    if (this.closedWith) {
      return Promise.reject(new EventTimeoutError(`${this.label}: no '${name}' event and none will come (${this.closedWith})`));
    }
    return new Promise((resolve, reject) => {
      const waiter = { name, names, filter };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new EventTimeoutError(
          `${this.label}: no '${name}' event within ${timeoutMs} ms (recent events: ${this.history.join(', ') || 'none'})`));
      }, timeoutMs);
      waiter.resolve = (data) => { clearTimeout(timer); resolve(data); };
      waiter.reject = (error) => { clearTimeout(timer); reject(error); };
      this.waiters.push(waiter);
    });
  }

  /** True when an event `name` is queued and not yet taken. */
  has(name) {
    return this.queued.some((e) => e.name === name);
  }

  /** Names of the events queued and not yet taken, oldest first. */
  pending() {
    return this.queued.map((e) => e.name);
  }

  /** Drops queued events (all, or those named). */
  clear(name) {
    this.queued = name ? this.queued.filter((e) => e.name !== name) : [];
  }

  /** Fails every pending and future wait at once (e.g. the peer was stopped). */
  close(reason) {
    this.closedWith = reason;
    for (const waiter of this.waiters.splice(0)) {
      waiter.reject(new EventTimeoutError(`${this.label}: no '${waiter.name}' event and none will come (${reason})`));
    }
  }
}

/** Rejects with a clear message when promise does not settle within ms. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new EventTimeoutError(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
