// Everything the lab starts in this process (PBXs, peers, browsers, servers) registers its stop
// function here, so one `after(stopAll)` in a test file ends it all, in reverse order of start.
const running = new Set();

/** Registers a stop function; returns a function that unregisters it (call it from stop itself). */
export function track(label, stop) {
  const entry = { label, stop };
  running.add(entry);
  return () => running.delete(entry);
}

/** Stops everything still running; collects failures instead of stopping at the first. */
export async function stopAll() {
  const errors = [];
  for (const entry of [...running].reverse()) {
    running.delete(entry);
    try {
      await entry.stop();
    } catch (error) {
      errors.push(`${entry.label}: ${error.message}`);
    }
  }
  if (errors.length) throw new Error(`stopAll: ${errors.join('; ')}`);
}

/** Labels of what is still running (for leak checks in tests). */
export function stillRunning() {
  return [...running].map((e) => e.label);
}
