// The search part of the app: what the search box asks for (`wanted`) and
// what the results on screen answer (`shown`), each `{ query, includeRemoved,
// variants, collapse, sort, page }` (`collapse`: a story's copies fold under
// one hit, issue 17). Runs the core's search for the newest request only
// (latest.js) and says the answer on the hub as "search:results", or
// "search:failed" with the core's message for a query it refuses.

import { pageCount } from "../format.js";
import { request, searchArgs } from "../first-search.js";
import { latestOnly } from "../latest.js";

// A request from the form's fields (the boot's first search builds it the same way).
export { request };

const NO_RESULTS = Object.freeze({
  total: 0,
  occurrences: 0,
  hits: [],
  facets: { source: [], script: [], year: [], entity: [] },
});

/**
 * @param {{ engine: object, hub: object, pageSize: number, afterResults: () => Promise<void> | void }} options
 *   `afterResults` runs once a new answer has been said (the address, the reader)
 */
export function createSearch({ engine, hub, pageSize, afterResults }) {
  let wanted = request({});
  let shown = wanted;

  // The worker answers in order, but a newer search may be asked before an
  // older one is answered: latestOnly shows only the newest.
  const search = latestOnly(async (wish) => {
    if (wish.query === "") return NO_RESULTS;
    // The arguments are built by first-search.js, as the boot's first search was: the
    // engine answers this with that search when it is the same call (engine.early).
    let answer = await engine.call("search", ...searchArgs(wish, pageSize, wish.page));
    // Past the end (the answer shrank under a page turn): the last page instead.
    const last = pageCount(answer.total, pageSize);
    if (wish.page > last) {
      answer = await engine.call("search", ...searchArgs(wish, pageSize, last));
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
    /**
     * Shows `answer` to `wish` before the corpus has loaded: a stored corpus's first search,
     * answered with its reopen (persistence.js), is on screen while the document list is made.
     * The search runs again once the corpus has loaded (the engine keeps the answer for it).
     */
    showEarly(wish, answer) {
      shown = { ...wish, page: answer.page ?? wish.page };
      hub.emit("search:results", { ...shown, pageSize, answer });
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
