// The one channel components talk through. A component is given its container
// element and the hub; it listens for what it shows and emits what the user
// does, and never reaches into another component.
//
// Events used on this page (a search request is
// { query, includeRemoved, variants, sort, page }):
//   "query"             { query, includeRemoved, variants, sort }  the user typed, submitted, ticked or chose
//   "page"              { page }                             the user turned a page of results
//   "filter:toggle"     { field, value }                     a facet was pressed: add or remove field:value
//   "corpus:loaded"     { documents, errors, entities }      the articles are ready
//   "corpus:failed"     { message }                          nothing could be loaded
//   "search:results"    { ...request, pageSize, answer }     the newest search answer
//   "search:failed"     { ...request, message }              the core refused the query
//   "reader:open"       { id }                               the user picked an article
//   "reader:show"       { doc, paragraphs, ...request, scroll }  what the reader shows
//   "variant:add"       { canonical, variant }               the user asks to add a name variant
//   "variant:added"     { canonical, variant }               the core accepted it
//   "variant:refused"   { canonical, variant, message }      the core refused it, saying why
//   "variant:forget"    { canonical, variant }               the user asks to forget one
//   "variant:forgotten" { canonical, variant }               forgotten (gone after a reload)
//   "variants:user"     { pairs }                            the variants the user added, [[canonical, variant]]

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
