// The one channel components talk through. A component is given its container
// element and the hub; it listens for what it shows and emits what the user
// does, and never reaches into another component.
//
// Events used on this page:
//   "query"          { query }                   the user typed or submitted
//   "corpus:loaded"  { documents, errors }       the articles are ready
//   "corpus:failed"  { message }                 nothing could be loaded
//   "search:results" { query, answer }           the newest search answer
//   "reader:open"    { id }                      the user picked an article
//   "reader:show"    { doc, pieces, query, scroll }  what the reader shows

/** Creates a hub: `on(type, listener)` returns an unsubscribe function. */
export function createHub() {
  const target = new EventTarget();
  return {
    on(type, listener) {
      const handler = (event) => listener(event.detail);
      target.addEventListener(type, handler);
      return () => target.removeEventListener(type, handler);
    },
    emit(type, detail = {}) {
      target.dispatchEvent(new CustomEvent(type, { detail }));
    },
  };
}
