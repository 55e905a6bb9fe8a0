// The search part of the app: what the search box asks for (`wanted`) and
// what the results on screen answer (`shown`), each `{ query, includeRemoved,
// variants, collapse, sort, page }` (`collapse`: a story's copies fold under
// one hit, issue 17). Runs the core's search for the newest request only
// (latest.js) and says the answer on the hub as "search:results", or
// "search:failed" with the core's message for a query it refuses.

import { normalizeQuery, pageCount } from "../format.js";
import { latestOnly } from "../latest.js";

/** Snippets per article: several, so a reader sees how the article uses the term. */
const SNIPPETS = 3;
const SORTS = new Set(["relevance", "date", "order"]);
const NO_RESULTS = Object.freeze({
  total: 0,
  occurrences: 0,
  hits: [],
  facets: { source: [], script: [], year: [], entity: [] },
});

/** A complete search request from the form's fields; page 1 unless told. */
export function request({ query = "", includeRemoved = false, variants = false, collapse = false, sort = "relevance", page = 1 }) {
  return {
    query: normalizeQuery(query),
    includeRemoved: Boolean(includeRemoved),
    variants: Boolean(variants),
    collapse: Boolean(collapse),
    sort: SORTS.has(sort) ? sort : "relevance",
    page: Math.max(1, Math.floor(page) || 1),
  };
}

/**
 * @param {{ engine: object, hub: object, pageSize: number, afterResults: () => Promise<void> | void }} options
 *   `afterResults` runs once a new answer has been said (the address, the reader)
 */
export function createSearch({ engine, hub, pageSize, afterResults }) {
  let wanted = request({});
  let shown = wanted;

  // The worker answers in order, but a newer search may be asked before an
  // older one is answered: latestOnly shows only the newest.
  const search = latestOnly(async ({ query, includeRemoved, variants, collapse, sort, page }) => {
    if (query === "") return NO_RESULTS;
    const options = { limit: pageSize, snippets: SNIPPETS, includeRemoved, variants, sort };
    // Asked only when ticked: unticked, the core is asked exactly what it was before.
    if (collapse) options.collapse = true;
    let answer = await engine.call("search", query, { ...options, offset: (page - 1) * pageSize });
    // Past the end (the answer shrank under a page turn): the last page instead.
    const last = pageCount(answer.total, pageSize);
    if (page > last) {
      answer = await engine.call("search", query, { ...options, offset: (last - 1) * pageSize });
      answer.page = last;
    }
    return answer;
  });

  /** Runs `wish` (by default what is wanted now) and shows its answer unless a newer one overtook it. */
  async function run(wish = wanted) {
    let outcome;
    try {
      outcome = await search(wish);
    } catch (error) {
      // A malformed query: the core's message says what is wrong and where.
      // `retry`: a part of a sharded site could not be fetched (the query itself is fine).
      hub.emit("search:failed", { ...wish, message: error instanceof Error ? error.message : String(error), retry: Boolean(error?.shard) });
      return;
    }
    if (outcome.stale) return;
    const answer = outcome.value;
    shown = { ...wish, page: answer.page ?? wish.page };
    wanted = shown;
    hub.emit("search:results", { ...shown, pageSize, answer });
    await afterResults();
  }

  return {
    run,
    /** What the search box asks for now. */
    get wanted() {
      return wanted;
    },
    /** What the results on screen answer. */
    get shown() {
      return shown;
    },
    /** The box's fields became `fields` (page 1 unless told); returns the request. */
    want(fields) {
      wanted = request(fields);
      return wanted;
    },
    /** The pager asked for `page` of the wanted search. */
    turnTo(page) {
      wanted = { ...wanted, page };
      return wanted;
    },
  };
}
