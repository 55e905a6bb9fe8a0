// The explorer as one call, mountApp(root, options): mounts each component on
// its container (looked up in `root`, a Document or a ShadowRoot) and wires
// the app's parts, each of which owns one piece of its state (app/):
//   corpus.js           the documents the engine holds, loading and changing them
//   search.js           what the search box asks for and what the results answer
//   reader.js           the open article, the view it belongs to, its scroll
//   address.js          the state mirrored in the URL (not when embedded)
//   variants.js         the name variants the reader added
//   analysis-loader.js  the analysis views, loaded with import() when one is first shown
//   language.js         the interface language and its toggle
// The engine (engine.js, whose worker holds the core) answers every corpus
// call, so they are all async. main.js mounts it on index.html;
// corpus-explorer.js in a shadow root, where the host page owns the address.

import { createEngine } from "./engine.js";
import { pageSizeFrom } from "./first-search.js";
import { createHub } from "./hub.js";
import { browserStorage } from "./user-variants.js";
import { createAddress } from "./app/address.js";
import { createAnalysisLoader } from "./app/analysis-loader.js";
import { createCorpus } from "./app/corpus.js";
import { addressSearch, addressWish, createPersistence } from "./app/persistence.js";
import { mountLanguage } from "./app/language.js";
import { createReader } from "./app/reader.js";
import { createSearch, request } from "./app/search.js";
import { createVariants } from "./app/variants.js";
import { mountArticleList } from "./components/article-list.js";
import { mountCopyLink } from "./components/copy-link.js";
import { mountErrorBanner } from "./components/error-banner.js";
import { mountFilePanel } from "./components/file-panel.js";
import { mountFacets } from "./components/facets.js";
import { mountPager } from "./components/pager.js";
import { mountReader } from "./components/reader.js";
import { mountResults } from "./components/results.js";
import { mountSearchBox } from "./components/search-box.js";
import { mountStatusLine } from "./components/status-line.js";
import { mountStoryControls } from "./components/story-controls.js";
import { mountVariantForm } from "./components/variant-form.js";
import { mountTabs } from "./components/tabs.js";

/**
 * Articles per page: 10, or `?per=N` in the address (1–100), which suits a
 * small corpus or an embedding page with little room.
 */
const PAGE_SIZE = pageSizeFrom(globalThis.location?.search ?? "");

/**
 * Starts one explorer on `root`, which holds the app's markup (index.html's
 * <main>): the page's own document, or the shadow root of a
 * <corpus-explorer> element. Every lookup goes through `root`, and each call
 * has its own worker, hub and state, so several explorers can share a page.
 *
 * @param {Document | ShadowRoot} root
 * @param {{ manifestUrl?: string, embedded?: boolean, pageSize?: number,
 *   engine?: ReturnType<typeof createEngine>, corpus?: ReturnType<typeof import("./corpus-download.js").fetchCorpus> }} options
 *   `embedded`: the explorer is a guest on someone else's page, so it neither
 *   reads nor writes the address (two of them would fight over it) and
 *   listens for dropped files on its own element only. `engine` and `corpus`:
 *   an engine and a download of `manifestUrl`'s articles started before the
 *   interface was built (main.js), so the worker, the wasm and the articles
 *   are on their way while it is; by default mountApp starts both itself.
 *   `storeKey`: the name the reader's corpus is kept under in the browser
 *   (app/persistence.js); null keeps nothing (an embed, unless it opts in).
 *   `mayBeStored`: stored-corpus.js's look at the storage for `storeKey`,
 *   started before the interface (main.js); when it says nothing is stored
 *   the bundled corpus opens without asking the worker to reopen one.
 *   `opened`: corpus-download.js's openBundledEarly, the bundled snapshot
 *   opened by the boot before the interface was there (null: not tried).
 * @returns {{ engine: ReturnType<typeof createEngine>, hub: ReturnType<typeof createHub>, ready: Promise<void> }}
 *   `ready` settles once the corpus is loaded (rejects when it could not be)
 */
export function mountApp(
  root,
  {
    manifestUrl = "seeds/manifest.json",
    embedded = false,
    pageSize = PAGE_SIZE,
    engine = createEngine(),
    corpus: download = null,
    storeKey = embedded ? null : "corpus",
    mayBeStored = null,
    opened = null,
  } = {},
) {
  // index.html keeps the interface's markup inert until now (see the comment there).
  for (const markup of root.querySelectorAll("template[data-ce-markup]")) markup.replaceWith(markup.content);
  const byTestId = (id) => root.querySelector(`[data-testid="${id}"]`);
  // Where the page's state shows (data-state="loading|ready|failed"): <html>,
  // or the <corpus-explorer> element.
  const stateElement = root.documentElement ?? root.host;
  const hub = createHub();
  const storage = browserStorage();

  // The analysis views wait for the corpus through this promise.
  let corpusReady;
  const whenEngine = new Promise((resolve, reject) => {
    corpusReady = { resolve, reject };
  });
  whenEngine.catch(() => {}); // a failed load is reported by the status line; views say it too
  const analysis = createAnalysisLoader({
    hub,
    byTestId,
    panels: [...root.querySelectorAll('[role="tabpanel"]')].filter((panel) => panel !== byTestId("view-search")),
    whenEngine,
    storage,
  });
  mountLanguage(root, embedded);

  mountStatusLine(byTestId("status"), hub);
  mountArticleList(byTestId("articles"), hub);
  mountStoryControls(byTestId("story-controls"), hub);
  mountFacets(byTestId("facets"), hub);
  mountResults(byTestId("results"), hub);
  mountPager(byTestId("results"), hub);
  mountReader(byTestId("reader"), hub);
  mountVariantForm(byTestId("variant-panel"), hub);
  // A page's explorer takes files dropped anywhere on it; a guest only on itself.
  mountFilePanel(byTestId("files"), hub, { dropTarget: embedded ? root.host : root });
  mountErrorBanner(byTestId("error-banner"), hub);
  mountCopyLink(byTestId("share"), hub, () => location.href);
  // A guest's state is not in its host page's address, so there is no link to copy.
  byTestId("share").hidden = embedded;
  const searchBox = mountSearchBox(byTestId("search-form"), hub);

  // "/" focuses the search box, as on most search sites — unless the reader is typing into
  // a field. A guest on someone else's page leaves the key to its host.
  if (!embedded) {
    root.addEventListener("keydown", (event) => {
      const target = event.target;
      const typing = target?.closest?.("input, textarea, select, [contenteditable]");
      if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      byTestId("search-input").focus();
    });
  }

  const corpus = createCorpus({
    engine,
    hub,
    documentsMoved: () => reader.documentsChanged(),
    afterChange: async () => {
      await search.run();
      if (!reader.isOpen) address.sync();
    },
    // Collapsed results follow the new grouping.
    afterRegrouping: async () => {
      if (search.shown.collapse && search.shown.query !== "") await search.run();
    },
  });
  // The panel goes after the file panel: index.html's markup stays as it is.
  const keepPanel = document.createElement("section");
  keepPanel.className = "ce-panel ce-keep";
  keepPanel.dataset.testid = "keep";
  byTestId("files").after(keepPanel);
  const persistence = createPersistence({
    engine,
    hub,
    container: keepPanel,
    storeKey,
    mayBeStored,
    reloadBundled: () => corpus.reloadBundled(manifestUrl),
    documentsChanged: (documents) => corpus.documentsChanged(documents),
    documentCount: () => corpus.documents.length,
    // The address's search, answered with the reopen of a stored corpus (not an embed's: it has no address).
    firstSearch: () => (embedded ? null : addressSearch(globalThis.location, pageSize)),
    firstAnswer: (answer) => search.showEarly(addressWish(globalThis.location), answer),
  });
  const search = createSearch({
    engine,
    hub,
    pageSize,
    afterResults: async () => {
      address.sync();
      await reader.refresh();
    },
  });
  const reader = createReader({
    engine,
    hub,
    documents: () => corpus.documents,
    shown: () => search.shown,
    readerText: byTestId("reader-text"),
    onShownInSearch: () => address.sync(),
    onScroll: () => address.scrolled(),
  });
  const variants = createVariants({
    engine,
    hub,
    storage,
    loaded: () => corpus.loaded,
    changed: () => {
      if (search.wanted.query !== "") search.run();
    },
  });
  const tabs = mountTabs(byTestId("tabs"), hub, { root, hash: !embedded });
  const address = createAddress({
    embedded,
    current: () => ({
      ...search.shown,
      view: tabs.current() ?? "search",
      doc: reader.nameInSearch,
      // Where the reader's scroll listener last saw it: reading scrollTop here would
      // lay out the whole page, thousands of list rows included, on every change.
      at: reader.isOpen ? reader.scrollTop : 0,
    }),
    restore,
  });

  analysis.start();
  const searchView = byTestId("view-search");
  const workspace = byTestId("workspace");
  hub.on("view:show", ({ view }) => {
    searchView.hidden = view !== "search";
    workspace.dataset.view = view;
    // Back on the search: its reader shows the article it had open.
    if (view === "search" && corpus.loaded) reader.returnToSearch();
    address.sync();
  });

  hub.on("query", (fields) => {
    search.want(fields);
    if (corpus.loaded) search.run();
  });

  // A shard of a sharded site that failed to arrive: the same search again.
  hub.on("search:retry", () => {
    if (corpus.loaded) search.run();
  });

  hub.on("page", ({ page }) => {
    search.turnTo(page);
    if (corpus.loaded) search.run();
  });

  hub.on("reader:open", (detail) => {
    if (!corpus.loaded) return;
    if (detail.view && detail.view !== "search") reader.open({ ...detail, scroll: true });
    else reader.showInSearch(detail.id, { scroll: true });
  });

  /** Puts the page in `state`: the form, the search and page, the view, the article and where it was read. */
  async function restore(state, { view = true } = {}) {
    if (view && state.view !== tabs.current()) tabs.show(state.view, { updateAddress: false });
    searchBox.write(state);
    const wanted = search.want(state);
    if (wanted.query !== "" || wanted.includeRemoved || search.shown.query !== "") await search.run();
    await reader.restore(state.doc, state.at);
  }

  async function start() {
    stateElement.dataset.state = "loading";
    // The address's search goes into the form before anything can run it.
    const fromAddress = address.read();
    searchBox.write(fromAddress);
    try {
      await corpus.load(manifestUrl, { fetched: download ?? undefined, opened, beforeLoaded: variants.applyStored, reopen: persistence.reopen });
      variants.said();
      corpusReady.resolve(engine);
    } catch (error) {
      corpusReady.reject(error);
      stateElement.dataset.state = "failed";
      throw error;
    }
    // Whatever the address asked for, or was typed, ticked or chosen while loading.
    await address.apply({ ...fromAddress, ...request(searchBox.read()), page: fromAddress.page }, { view: false });
    address.start();
    // Storing starts after the first answer: turning it on asks the worker to open the
    // browser's storage (and the page for its estimate), which the first search need not
    // wait for; nothing is stored before the reader changes something anyway.
    await persistence.start();
    stateElement.dataset.state = "ready";
  }

  // The tab in the address (#concordance) is shown at once; its analysis waits for the corpus.
  tabs.start();

  const ready = start();
  return { engine, hub, ready };
}
