// What the address says: the search, the view and the open article, so a
// link, a reload and back/forward bring the page back as it was. Pure; no DOM.
//
// The search and the article live in the query string, the view in the
// fragment (which is how views were linked before: `#concordance`):
//
//   ?q=京东&variants=1&removed=1&collapse=1&sort=date&page=2&doc=001_x.txt&at=640#concordance
//
//   q         the query, as typed (normalised)
//   removed   1: include removed text          variants  1: match name variants
//   collapse  1: a story's copies count once (issue 17); the state has
//             `collapse: true` then, and no `collapse` key when it is off
//   sort      date | order (relevance when absent)
//   page      results page, from 1 (1 when absent)
//   doc       the article open in the search view's reader, by file NAME (ids
//             shift when documents are added or removed; names do not); on a
//             sharded site, which is read-only and lists no names, by its id
//   at        the reader's scroll position in CSS pixels
//
// Defaults are left out, and parameters this module does not know (`per`)
// are kept as they are.

import { viewFromHash, hashForView } from "./views.js";

const SORTS = new Set(["relevance", "date", "order"]);
const OWN = ["q", "removed", "variants", "collapse", "sort", "page", "doc", "at"];

/**
 * @typedef {{ query: string, includeRemoved: boolean, variants: boolean,
 *   sort: string, page: number, view: string, doc: string | null, at: number,
 *   collapse?: true }} UrlState
 */

/** The state an address describes; anything missing or malformed is its default. */
export function readUrlState(search = "", hash = "") {
  const params = new URLSearchParams(search);
  const page = Number(params.get("page"));
  const at = Number(params.get("at"));
  const sort = params.get("sort");
  const doc = params.get("doc");
  return {
    query: params.get("q") ?? "",
    includeRemoved: params.get("removed") === "1",
    variants: params.get("variants") === "1",
    sort: SORTS.has(sort) ? sort : "relevance",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    view: viewFromHash(hash),
    doc: doc === null || doc === "" ? null : doc,
    at: Number.isFinite(at) && at > 0 ? Math.round(at) : 0,
    ...(params.get("collapse") === "1" ? { collapse: true } : {}),
  };
}

/**
 * The query string and fragment for `state` ("?q=…#view", or "" for the
 * plain page), keeping the parameters of `search` that are not ours.
 */
export function urlForState(state, search = "") {
  const params = new URLSearchParams(search);
  for (const key of OWN) params.delete(key);
  const s = { ...readUrlState(), ...state };
  if (s.query) params.set("q", s.query);
  if (s.includeRemoved) params.set("removed", "1");
  if (s.variants) params.set("variants", "1");
  if (s.collapse) params.set("collapse", "1");
  if (s.sort !== "relevance" && SORTS.has(s.sort)) params.set("sort", s.sort);
  if (s.page > 1) params.set("page", String(Math.floor(s.page)));
  if (s.doc) params.set("doc", s.doc);
  if (s.doc && s.at > 0) params.set("at", String(Math.round(s.at)));
  const query = params.toString();
  return `${query ? `?${query}` : ""}${hashForView(s.view)}`;
}

/** True when two states differ only in the scroll position (a replace, not a new entry). */
export function sameButScroll(a, b) {
  const strip = ({ at, ...rest }) => urlForState({ ...rest, at: 0 });
  return strip(a) === strip(b);
}
