// The message of anything thrown, for the page and the worker alike. Its own module, with no
// imports and nothing run when it loads, so the boot (main.js → corpus-download.js) and the
// worker need not evaluate format.js, which made the first Intl object of the page at once
// (55–185 ms of a fresh page's main thread: V8 starting ICU; tests/bench/cold-start.mjs)
// before the worker could even be created. format.js re-exports it for the interface.

/** An Error's message, or anything else as a string. */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
