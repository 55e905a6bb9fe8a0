// The address part of the app: the page's state mirrored in the URL
// (url-state.js: `?q=…&variants=1&sort=date&page=2&doc=<name>&at=<scroll>#<view>`),
// so reload, back/forward and a copied link restore it. Writes a new history
// entry for a new search, page, view or article, and replaces the entry for a
// scroll or more typing of the same query. An embedded explorer leaves the
// host page's address alone.

import { readUrlState, sameButScroll, urlForState } from "../url-state.js";

/** Milliseconds of quiet after a scroll before the address records where the reader is. */
const SCROLL_QUIET_MS = 150;
/** Typing within this many milliseconds of the last new query replaces its entry. */
const TYPING_MS = 1000;

/**
 * @param {{ embedded: boolean, current: () => object, restore: (state: object) => Promise<void> }} options
 *   `current` is what the page shows now, as url-state.js describes it;
 *   `restore` puts the page in a state read from the address (back/forward)
 */
export function createAddress({ embedded, current, restore }) {
  let ready = false; // false until the address has been applied once
  let restoring = false; // applying the address: do not write it back
  let lastPush = { at: 0, query: null };
  let scrollTimer = 0;

  /** Writes the address, unless embedded, not yet applied, or being applied. */
  function sync() {
    if (embedded || !ready || restoring || !globalThis.history?.pushState) return;
    const state = current();
    const url = `${location.pathname}${urlForState(state, location.search)}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    const before = readUrlState(location.search, location.hash);
    const typing = before.query !== state.query && Date.now() - lastPush.at < TYPING_MS && lastPush.query !== null;
    if (sameButScroll(before, state) || typing) {
      history.replaceState(null, "", url);
    } else {
      history.pushState(null, "", url);
    }
    if (before.query !== state.query) lastPush = { at: Date.now(), query: state.query };
  }

  globalThis.addEventListener?.("popstate", () => {
    if (embedded || !ready) return;
    apply(readUrlState(location.search, location.hash));
  });

  /** Puts the page in `state` without writing the address meanwhile. */
  async function apply(state, options) {
    restoring = true;
    try {
      await restore(state, options);
    } finally {
      restoring = false;
    }
  }

  return {
    sync,
    apply,
    /** The state the address holds now (an embedded explorer's: the defaults). */
    read() {
      return embedded ? readUrlState() : readUrlState(location.search, location.hash);
    },
    /** The address has been applied once: from now on it follows the page. */
    start() {
      ready = true;
      sync();
    },
    /** The reader scrolled: recorded once it has been still for a moment. */
    scrolled() {
      clearTimeout(scrollTimer);
      scrollTimer = setTimeout(sync, SCROLL_QUIET_MS);
    },
  };
}
