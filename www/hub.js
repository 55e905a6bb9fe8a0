// The one channel components talk through. A component is given its container
// element and the hub; it listens for what it shows and emits what the user
// does, and never reaches into another component.
//
// Events used on this page (a search request is
// { query, includeRemoved, variants, sort, page }):
//   "query"             { query, includeRemoved, variants, sort }  the user typed, submitted, ticked or chose
//   "page"              { page }                             the user turned a page of results
//   "filter:toggle"     { field, value }                     a facet was pressed: add or remove field:value
//   "corpus:loaded"     { documents, errors, entities, stories, archive }  the articles are ready
//                                                            (archive: { documentCount } for a sharded site, whose
//                                                            documents are not listed)
//   "corpus:failed"     { message }                          nothing could be loaded
//   "search:results"    { ...request, pageSize, answer }     the newest search answer
//   "search:failed"     { ...request, message, retry }       the core refused the query (retry: a part of a
//                                                            sharded site did not arrive; the query is fine)
//   "search:retry"      {}                                   the reader asks for the failed search again
//   "reader:open"       { id, query?, occurrence?, includeRemoved?, variants?, view? }  open an article
//                                                            (from a view: at the occurrence-th match of query)
//   "reader:loading"    { id }                               an article was asked of the worker (reader is busy)
//   "reader:show"       { doc, paragraphs, ...request, scroll, occurrence, view }  what the reader shows
//   "reader:idle"       {}                                   the article asked for could not be read
//   "reader:close"      {}                                   the article shown is gone (removed, or the address moved on)
//   "variant:add"       { canonical, variant }               the user asks to add a name variant
//   "variant:added"     { canonical, variant }               the core accepted it
//   "variant:refused"   { canonical, variant, message, removing? }  the core refused to add (or remove) it, saying why
//   "variant:forget"    { canonical, variant }               the user asks to remove one
//   "variant:forgotten" { canonical, variant }               removed from the corpus and from storage
//   "variants:user"     { pairs }                            the variants the user added, [[canonical, variant]]
//   "index:progress"    { file, files, name, bytes, totalBytes }  files are being added (file i of n)
//   "index:done"        {}                                   adding files finished
//   "files:add"         { files: [{ name, file }], replace } the reader chose or dropped files
//   "files:added"       { added, errors, replace? }          what became of them: [{ name, id }], [{ name, message }]
//   "document:remove"   { id, name }                         the reader asks to remove an article
//   "document:removed"  { name }                             it is gone (ids after it moved up one)
//   "app:error"         { message }                          the worker died or the core failed: the error banner
//   "view:show"         { view, previous }                   a tab was chosen (see VIEWS in analysis-format.js)
//   "view:open"         { view, ...settings }                a view asks for another one, pre-set
//                                                            (a collocate → the concordance of its node)
//   "view:return"       { view }                             the reader's "back" button: focus what opened it
//   "dictionary:progress" { received, total }                the word list is downloading
//   "dictionary:loaded" { bytes, ms, words }                 the word list is in the core
//   "words:user"        { words }                            the remembered lexicon, once the corpus is loaded
//   "words:changed"     { words, added }                     the user lexicon changed; word statistics are stale
//   "words:recomputed"  { view, ms }                         the open word view answered again after that
//
// Requests (one provider each; `request` returns a promise of its answer):
//   "analyse"      { call, args, words } → { value, ms, dictionary }  one corpus analysis call; `words`
//                                                           loads the word list first
//   "capabilities" {} → { figures }                         what this build of the core can do
//   "word:add"     { word } → { words }                     adds a word to the user lexicon
//   "word:forget"  { word } → { words }                     forgets a stored word (gone after a reload)

/**
 * Creates a hub: `on(type, listener)` returns an unsubscribe function;
 * `provide(type, handler)` answers `request(type, detail)`, which always
 * returns a promise (rejected when nothing provides the type or the handler throws).
 */
export function createHub() {
  const target = new EventTarget();
  const providers = new Map();
  return {
    on(type, listener) {
      const handler = (event) => listener(event.detail);
      target.addEventListener(type, handler);
      return () => target.removeEventListener(type, handler);
    },
    emit(type, detail = {}) {
      target.dispatchEvent(new CustomEvent(type, { detail }));
    },
    provide(type, handler) {
      providers.set(type, handler);
      return () => {
        if (providers.get(type) === handler) providers.delete(type);
      };
    },
    request(type, detail = {}) {
      const handler = providers.get(type);
      if (!handler) return Promise.reject(new Error(`nothing answers “${type}”`));
      try {
        return Promise.resolve(handler(detail));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}
