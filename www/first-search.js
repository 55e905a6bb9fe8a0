// The search the address asks for (`?q=…`), sent by the boot (main.js) as soon as the
// corpus is open, before the interface has loaded: the worker answers it — fetching a
// sharded site's shards, compiling the core's search code on its first call — while the
// interface's code arrives and mounts, and the interface's own first search (app/search.js)
// then takes that answer instead of asking again (engine.js's `early`). Pure apart from the
// engine it is given; the same arguments are built here for both, so the two calls are one.

import { readUrlState } from "./url-state.js";

/** Snippets per article: several, so a reader sees how the article uses the term. */
export const SNIPPETS = 3;
const SORTS = new Set(["relevance", "date", "order"]);

/**
 * Articles per page: 10, or `?per=N` in the address (1–100), which suits a
 * small corpus or an embedding page with little room.
 * @param {string} search the address's query string
 */
export function pageSizeFrom(search) {
  const per = Number(new URLSearchParams(search).get("per"));
  return Number.isInteger(per) && per >= 1 && per <= 100 ? per : 10;
}

/** A complete search request from the form's fields; page 1 unless told. */
export function request({ query = "", includeRemoved = false, variants = false, collapse = false, sort = "relevance", page = 1 }) {
  return {
    query: String(query ?? "").trim(),
    includeRemoved: Boolean(includeRemoved),
    variants: Boolean(variants),
    collapse: Boolean(collapse),
    sort: SORTS.has(sort) ? sort : "relevance",
    page: Math.max(1, Math.floor(page) || 1),
  };
}

/**
 * The core's arguments for page `page` of a request: `[query, options]`, built in one
 * order, so the boot's call and the interface's are the same call (engine.js compares them).
 * @param {ReturnType<typeof request>} wish
 * @param {number} pageSize
 * @param {number} [page] the page asked (wish.page unless told)
 */
export function searchArgs({ query, includeRemoved, variants, collapse, sort }, pageSize, page) {
  const options = { limit: pageSize, snippets: SNIPPETS, includeRemoved, variants, sort };
  // Asked only when ticked: unticked, the core is asked exactly what it was before.
  if (collapse) options.collapse = true;
  options.offset = (page - 1) * pageSize;
  return [query, options];
}

/**
 * Sends the address's search once `opened` (corpus-download.js's openBundledEarly) has
 * opened the corpus, as engine.early(): nothing when the address asks no search, the boot
 * opened nothing (articles to index), or `kept` has said by then that the reader kept a
 * corpus of their own (which replaces the opened one: reopening it drops this answer). The
 * interface asks the same (whichever view the address shows) and gets this answer.
 * @param {{ early: (method: string, ...args: unknown[]) => void }} engine
 * @param {Promise<object | null>} opened
 * @param {{ search: string, hash: string }} address `location`
 * @param {Promise<boolean> | boolean} [kept] stored-corpus.js's mayBeStored
 */
export async function sendFirstSearch(engine, opened, { search = "", hash = "" } = {}, kept = false) {
  const wish = request(readUrlState(search, hash));
  if (wish.query === "") return;
  let stored = false;
  Promise.resolve(kept).then((value) => (stored = Boolean(value)), () => {});
  if (!(await opened.catch(() => null)) || stored) return;
  engine.early("search", ...searchArgs(wish, pageSizeFrom(search), wish.page));
}
