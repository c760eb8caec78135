// log and error effects: to a logger with console's shape. Personal data is masked by the core.
export function logHandlers(logger = console, { minLevel = 'info' } = {}) {
  const order = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log: ({ level, msg, ctx }) => {
      if ((order[level] ?? 1) < (order[minLevel] ?? 1)) return;
      (logger[level] || logger.log).call(logger, `[switchboard] ${msg}`, ...(ctx ? [ctx] : []));
    },
    error: ({ code, message, event }) => logger.warn(`[switchboard] ${code}: ${message}${event ? ` (${event})` : ''}`),
  };
}
