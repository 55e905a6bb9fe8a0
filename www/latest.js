// The search counter. Each call gets a ticket; when an answer arrives after a
// newer call was made, it is reported stale instead of shown, so a slow answer
// for "京" never overwrites the answer already shown for "京东".

/**
 * Wraps an async (or sync) function so only the newest call's result counts.
 * The wrapper resolves to `{ stale: false, value }` for the newest call and
 * `{ stale: true }` for any call overtaken by a later one; errors of stale
 * calls are swallowed, errors of the newest call are thrown.
 */
export function latestOnly(fn) {
  let latest = 0;
  return async (...args) => {
    const ticket = ++latest;
    try {
      const value = await fn(...args);
      return ticket === latest ? { stale: false, value } : { stale: true };
    } catch (error) {
      if (ticket !== latest) return { stale: true };
      throw error;
    }
  };
}
