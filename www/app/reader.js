// The reader part of the app: which article is open (its id, and its name,
// which survives ids shifting when documents are added or removed), which view
// the reader belongs to now, and where it was scrolled to. Asks the core for
// the article's paragraphs with the matches marked (the newest request only)
// and says them on the hub as "reader:show".

import { latestOnly } from "../latest.js";
import { messageOf } from "../format.js";

/**
 * @param {{ engine: object, hub: object, documents: () => object[], shown: () => object,
 *   readerText: HTMLElement, onShownInSearch: () => void, onScroll: () => void }} options
 *   `documents` gives the corpus's list now; `shown` the search on screen (its
 *   query and options mark the search view's article); `onShownInSearch` runs
 *   after the search view's reader showed an article, `onScroll` after the
 *   reader scrolled (both: the address)
 */
export function createReader({ engine, hub, documents, shown, readerText, onShownInSearch, onScroll }) {
  let openId = null; // the article the search view's reader shows
  let openName = null; // …and its name, which survives ids shifting
  let view = "search"; // the view the reader belongs to now
  let scrollTop = 0; // the reader's scrollTop as last seen

  hub.on("reader:show", ({ view: shownIn = "search" }) => {
    view = shownIn;
  });

  readerText.addEventListener("scroll", () => {
    scrollTop = readerText.scrollTop;
    onScroll();
  });

  const readParagraphs = latestOnly(async (id, query, options) => {
    try {
      return await engine.call("reader", id, query, options);
    } catch (error) {
      // Only a query the search or an analysis accepted gets here, so this is
      // not expected; the article is still worth showing, unmarked.
      console.info(`reader: ${messageOf(error)}`);
      return engine.call("reader", id, "", options);
    }
  });

  /**
   * Any view's reader: article `id`, the matches of `query` marked (with the
   * same name-variant and removed-text options the view searched with), opened
   * at match number `occurrence` when given.
   */
  async function open({ id, query, includeRemoved = false, variants = false, scroll = true, occurrence, view: inView }) {
    const options = { includeRemoved: Boolean(includeRemoved), variants: Boolean(variants) };
    let doc = documents().find((d) => d.id === id);
    if (!doc && engine.sharded) {
      // A sharded site lists no documents: its fields come with its text shard.
      hub.emit("reader:loading", { id });
      try {
        doc = await engine.call("document", id);
      } catch (error) {
        hub.emit("reader:idle", {});
        hub.emit("app:error", { message: messageOf(error) });
        return;
      }
      if (inView === "search" && openId === id) openName = doc.name;
    }
    if (!doc) return;
    // One entry per paragraph of the original; the reader decides what of the
    // removed text to show, so toggling "show removed" needs no new answer.
    hub.emit("reader:loading", { id });
    let outcome;
    try {
      outcome = await readParagraphs(id, query, options);
    } catch (error) {
      hub.emit("reader:idle", {});
      hub.emit("app:error", { message: messageOf(error) });
      return;
    }
    if (outcome.stale) return;
    const paragraphs = outcome.value;
    // An item an analysis view quoted to find it exactly ("5月27日") is named without the quotes.
    const label = inView !== "search" && /^"[^"]+"$/.test(query) ? query.slice(1, -1) : query;
    hub.emit("reader:show", { doc, paragraphs, ...shown(), query, label, ...options, scroll, occurrence, view: inView });
    // Read once here, where the reader has just been laid out anyway.
    scrollTop = readerText.scrollTop;
    if (inView === "search") onShownInSearch();
  }

  /** The id a sharded site's address names an article by (nameInSearch), or undefined. */
  function archiveId(name) {
    return engine.sharded && /^\d{1,9}$/.test(name) ? Number(name) : undefined;
  }

  /** The search view's reader: article `id` with the shown search's matches marked. */
  function showInSearch(id, { scroll }) {
    openId = id;
    openName = documents().find((d) => d.id === id)?.name ?? null;
    const { query, includeRemoved, variants } = shown();
    return open({ id, query, includeRemoved, variants, scroll, view: "search" });
  }

  /** Closes the search view's article. */
  function close() {
    openId = null;
    openName = null;
    hub.emit("reader:close", {});
  }

  return {
    open,
    showInSearch,
    /** The search view's open article again, its matches those of the search now shown. */
    refresh() {
      if (openId !== null && view === "search") return showInSearch(openId, { scroll: false });
    },
    /** Back on the search view: its reader shows the article it had open, if another view had the reader. */
    returnToSearch() {
      if (view !== "search" && openId !== null) showInSearch(openId, { scroll: false });
    },
    /**
     * Opens the article the address names (`name`: its file name; on a sharded site, its id)
     * in the search view at scroll position `at`, or closes the open one.
     */
    async restore(name, at) {
      const id = name === null ? undefined : (documents().find((d) => d.name === name)?.id ?? archiveId(name));
      if (id !== undefined) {
        view = "search";
        await showInSearch(id, { scroll: false });
        readerText.scrollTop = at;
      } else if (openName !== null) {
        close();
      }
    },
    /** The documents changed (ids shifted): follows the open article by name. */
    documentsChanged() {
      const still = openName === null ? null : documents().find((d) => d.name === openName);
      openId = still ? still.id : null;
      if (!still) {
        openName = null;
        if (view === "search") hub.emit("reader:close", {});
      }
    },
    /** Whether the search view has an article open. */
    get isOpen() {
      return openId !== null;
    },
    /**
     * The article the address names: the search view's, when the reader is in it. A sharded
     * site lists no documents to find a name in, and is read-only, so its ids never shift:
     * there the address names the article by its id (archiveId reads it back).
     */
    get nameInSearch() {
      if (view !== "search") return null;
      return engine.sharded && openId !== null ? String(openId) : openName;
    },
    /** Where the reader's scroll listener last saw it (reading scrollTop lays out the page). */
    get scrollTop() {
      return scrollTop;
    },
  };
}
