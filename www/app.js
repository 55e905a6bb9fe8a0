// The explorer as one call, mountApp(root, options): mounts each component on
// its container (looked up in `root`, a Document or a ShadowRoot), loads the corpus
// through engine.js (whose worker holds the core, so every corpus call is
// async), and answers the components' requests over the hub. The analysis
// views (analysis.js, which also holds the word list and the user lexicon)
// are loaded with import() when one is first shown, so search never waits
// for them. The address follows the search, the view and the open article
// (url-state.js), so reload, back/forward and a copied link restore them —
// except when embedded (corpus-explorer.js), where the host page owns the address.
// main.js mounts it on index.html; corpus-explorer.js in a shadow root.

import { loadCorpus } from "./corpus-download.js";
import { createEngine } from "./engine.js";
import { normalizeQuery, pageCount } from "./format.js";
import { createHub } from "./hub.js";
import { initialLanguage, saveLanguage, toggleLabel } from "./i18n.js";
import { localize } from "./localize.js";
import { latestOnly } from "./latest.js";
import { readUrlState, sameButScroll, urlForState } from "./url-state.js";
import {
  browserStorage,
  loadVariants,
  saveVariants,
  withoutVariant,
  withVariant,
} from "./user-variants.js";
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
import { mountVariantForm } from "./components/variant-form.js";
import { mountTabs } from "./components/tabs.js";

/**
 * Articles per page: 10, or `?per=N` in the address (1–100), which suits a
 * small corpus or an embedding page with little room.
 */
const PAGE_SIZE = pageSizeFrom(globalThis.location?.search ?? "");
/** Snippets per article: several, so a reader sees how the article uses the term. */
const SNIPPETS = 3;
const SORTS = new Set(["relevance", "date", "order"]);
const NO_RESULTS = Object.freeze({
  total: 0,
  occurrences: 0,
  hits: [],
  facets: { source: [], script: [], year: [], entity: [] },
});


/**
 * Events whose last detail a view mounted late still needs (see lateHub):
 * the documents, and the last search that had a query (what the views offer
 * to analyse; they ignore an empty one).
 */
const REPLAYED = ["corpus:loaded", "search:results"];

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
 * @returns {{ engine: ReturnType<typeof createEngine>, hub: ReturnType<typeof createHub>, ready: Promise<void> }}
 *   `ready` settles once the corpus is loaded (rejects when it could not be)
 */
export function mountApp(
  root,
  { manifestUrl = "seeds/manifest.json", embedded = false, pageSize = PAGE_SIZE, engine = createEngine(), corpus = null } = {},
) {
  const byTestId = (id) => root.querySelector(`[data-testid="${id}"]`);
  // Where the page's state shows (data-state="loading|ready|failed"): <html>,
  // or the <corpus-explorer> element.
  const stateElement = root.documentElement ?? root.host;
  const hub = createHub();
  // The last detail of each REPLAYED event, for views mounted after it.
  const lastSaid = new Map();
  for (const type of REPLAYED) {
    hub.on(type, (detail) => {
      if (type !== "search:results" || detail.query !== "") lastSaid.set(type, detail);
    });
  }
  mountLanguage(root, embedded);

  mountStatusLine(byTestId("status"), hub);
  mountArticleList(byTestId("articles"), hub);
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

  // The core, in its worker. When the worker dies it is replaced (with the
  // same documents) and the page says so; whatever was asked is asked again.
  engine.onCrash((message) => {
    hub.emit("app:error", { message });
    if (loaded) refreshAfterCrash();
  });
  let loaded = false; // the bundled corpus is in the worker
  let documents = [];
  let loadErrors = [];
  // What the search box asks for, and what the results on screen answer:
  // { query, includeRemoved, variants, sort, page }. The reader follows what is shown.
  let wanted = request({});
  let shown = wanted;
  let openId = null; // the article the search view's reader shows
  let readerScroll = 0; // the reader's scrollTop as last seen
  let openName = null; // …and its name, which survives ids shifting
  let readerView = "search"; // the view the reader belongs to now

  const storage = browserStorage();
  // The name variants the reader added that the core accepted, as [canonical, variant].
  let userVariants = [];

  // The analysis views wait for the corpus through this promise.
  let corpusReady;
  const whenEngine = new Promise((resolve, reject) => {
    corpusReady = { resolve, reject };
  });
  whenEngine.catch(() => {}); // a failed load is reported by the status line; views say it too

  const tabs = mountTabs(byTestId("tabs"), hub, { root, hash: !embedded });

  // ---- The analysis views, loaded when one is first shown ------------------------

  const analysisPanels = [...root.querySelectorAll('[role="tabpanel"]')].filter((panel) => panel !== byTestId("view-search"));
  let analysis = null; // Promise: analysis.js loading, or loaded
  let mounted = false; // its views are mounted
  let lastShown = null; // the newest "view:show", for views mounted after it
  hub.on("view:show", (detail) => {
    lastShown = detail;
    if (mounted) return; // the views show and hide themselves
    // Until the views exist, the chosen tab's panel shows that its view is coming.
    for (const panel of analysisPanels) {
      panel.hidden = panel.id !== `ce-view-${detail.view}`;
      if (panel.hidden) panel.removeAttribute("aria-busy");
      else panel.setAttribute("aria-busy", "true");
    }
    if (detail.view !== "search") analysis ??= loadAnalysis();
  });

  async function loadAnalysis() {
    let module;
    try {
      module = await import("./analysis.js");
    } catch (error) {
      analysis = null; // the next tab chosen tries again
      for (const panel of analysisPanels) panel.removeAttribute("aria-busy");
      hub.emit("app:error", { message: `the analysis views could not be loaded: ${messageOf(error)}` });
      return;
    }
    const late = lateHub(hub);
    module.mountAnalysis(byTestId, late, { whenEngine, storage });
    mounted = true;
    for (const panel of analysisPanels) panel.removeAttribute("aria-busy");
    late.replay([...REPLAYED.map((type) => [type, lastSaid.get(type)]), ["view:show", lastShown]]);
  }

  const searchView = byTestId("view-search");
  const workspace = byTestId("workspace");
  hub.on("view:show", ({ view }) => {
    searchView.hidden = view !== "search";
    workspace.dataset.view = view;
    // Back on the search: its reader shows the article it had open.
    if (view === "search" && readerView !== "search" && openId !== null && loaded) {
      showReader(openId, { scroll: false });
    }
    syncAddress();
  });
  hub.on("reader:show", ({ view = "search" }) => {
    readerView = view;
  });

  /** A complete search request from the form's fields; page 1 unless told. */
  function request({ query = "", includeRemoved = false, variants = false, sort = "relevance", page = 1 }) {
    return {
      query: normalizeQuery(query),
      includeRemoved: Boolean(includeRemoved),
      variants: Boolean(variants),
      sort: SORTS.has(sort) ? sort : "relevance",
      page: Math.max(1, Math.floor(page) || 1),
    };
  }

  // The worker answers in order, but a newer search may be asked before an
  // older one is answered: latestOnly shows only the newest.
  const search = latestOnly(async ({ query, includeRemoved, variants, sort, page }) => {
    if (query === "") return NO_RESULTS;
    const options = { limit: pageSize, snippets: SNIPPETS, includeRemoved, variants, sort };
    let answer = await engine.call("search", query, { ...options, offset: (page - 1) * pageSize });
    // Past the end (the answer shrank under a page turn): the last page instead.
    const last = pageCount(answer.total, pageSize);
    if (page > last) {
      answer = await engine.call("search", query, { ...options, offset: (last - 1) * pageSize });
      answer.page = last;
    }
    return answer;
  });

  async function runSearch(wish) {
    let outcome;
    try {
      outcome = await search(wish);
    } catch (error) {
      // A malformed query: the core's message says what is wrong and where.
      hub.emit("search:failed", { ...wish, message: messageOf(error) });
      return;
    }
    if (outcome.stale) return;
    const answer = outcome.value;
    shown = { ...wish, page: answer.page ?? wish.page };
    wanted = shown;
    hub.emit("search:results", { ...shown, pageSize, answer });
    syncAddress();
    if (openId !== null && readerView === "search") await showReader(openId, { scroll: false });
  }

  /** The search view's reader: article `id` with the shown search's matches marked. */
  function showReader(id, { scroll }) {
    openId = id;
    openName = documents.find((d) => d.id === id)?.name ?? null;
    return openReader({ id, query: shown.query, includeRemoved: shown.includeRemoved, variants: shown.variants, scroll, view: "search" });
  }

  /**
   * Any view's reader: article `id`, the matches of `query` marked (with the
   * same name-variant and removed-text options the view searched with), opened
   * at match number `occurrence` when given.
   */
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

  async function openReader({ id, query, includeRemoved = false, variants = false, scroll = true, occurrence, view }) {
    const doc = documents.find((d) => d.id === id);
    if (!doc) return;
    const options = { includeRemoved: Boolean(includeRemoved), variants: Boolean(variants) };
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
    const label = view !== "search" && /^"[^"]+"$/.test(query) ? query.slice(1, -1) : query;
    hub.emit("reader:show", { doc, paragraphs, ...shown, query, label, ...options, scroll, occurrence, view });
    // Read once here, where the reader has just been laid out anyway.
    readerScroll = readerText.scrollTop;
    if (view === "search") syncAddress();
  }

  hub.on("query", (fields) => {
    wanted = request(fields);
    if (loaded) runSearch(wanted);
  });

  hub.on("page", ({ page }) => {
    wanted = { ...wanted, page };
    if (loaded) runSearch(wanted);
  });

  hub.on("reader:open", (detail) => {
    if (!loaded) return;
    if (detail.view && detail.view !== "search") openReader({ ...detail, scroll: true });
    else showReader(detail.id, { scroll: true });
  });

  hub.on("variant:add", async ({ canonical, variant }) => {
    if (!loaded) return;
    try {
      await engine.call("addVariant", canonical, variant);
    } catch (error) {
      hub.emit("variant:refused", { canonical, variant, message: messageOf(error) });
      return;
    }
    userVariants = withVariant(userVariants, canonical, variant);
    saveVariants(storage, userVariants);
    hub.emit("variant:added", { canonical, variant });
    hub.emit("variants:user", { pairs: userVariants });
    // The new name counts for name-variant search and the entity facet at once.
    if (wanted.query !== "") runSearch(wanted);
  });

  hub.on("variant:forget", async ({ canonical, variant }) => {
    if (!loaded) return;
    let refusal = null;
    try {
      await engine.call("removeVariant", variant);
    } catch (error) {
      // A built-in name (the list held it from an older visit): it stays in the
      // corpus, but it is not the reader's to keep in their list either.
      refusal = messageOf(error);
    }
    userVariants = withoutVariant(userVariants, canonical, variant);
    saveVariants(storage, userVariants);
    if (refusal) hub.emit("variant:refused", { canonical, variant, message: refusal, removing: true });
    else hub.emit("variant:forgotten", { canonical, variant });
    hub.emit("variants:user", { pairs: userVariants });
    if (!refusal && wanted.query !== "") runSearch(wanted);
  });

  /** Adds the remembered variants to the corpus; one the core now refuses is left out. */
  async function applyStoredVariants() {
    for (const [canonical, variant] of loadVariants(storage)) {
      try {
        await engine.call("addVariant", canonical, variant);
        userVariants = withVariant(userVariants, canonical, variant);
      } catch (error) {
        console.info(`variant ${variant} of ${canonical} not added again: ${messageOf(error)}`);
      }
    }
  }

  async function start() {
    stateElement.dataset.state = "loading";
    // The address's search goes into the form before anything can run it.
    const fromAddress = embedded ? readUrlState() : readUrlState(location.search, location.hash);
    searchBox.write(fromAddress);
    try {
      const answer = await loadCorpus(engine, manifestUrl, { onProgress: indexProgress, fetched: corpus ?? undefined });
      documents = answer.documents;
      loadErrors = answer.errors;
      for (const { name, message } of answer.errors) {
        // Logged for whoever maintains the seeds; the page lists them too.
        console.info(`skipped ${name}: ${message}`);
      }
      hub.emit("index:done", {});
      await applyStoredVariants();
      loaded = true;
      hub.emit("corpus:loaded", { documents, errors: answer.errors, entities: await engine.call("entities") });
      hub.emit("variants:user", { pairs: userVariants });
      corpusReady.resolve(engine);
    } catch (error) {
      hub.emit("index:done", {});
      hub.emit("corpus:failed", { message: messageOf(error) });
      corpusReady.reject(error);
      stateElement.dataset.state = "failed";
      throw error;
    }
    // Whatever the address asked for, or was typed, ticked or chosen while loading.
    await restore({ ...fromAddress, ...request(searchBox.read()), page: fromAddress.page }, { view: false });
    addressReady = true;
    syncAddress();
    stateElement.dataset.state = "ready";
  }

  // ---- Adding and removing documents -------------------------------------------

  function indexProgress(progress) {
    hub.emit("index:progress", progress);
  }

  /** Files the reader chose or dropped: [{ name, file }] (File objects). */
  hub.on("files:add", async ({ files, replace = false }) => {
    if (!loaded) return;
    hub.emit("index:progress", { file: 0, files: files.length, name: null, bytes: 0, totalBytes: 0 });
    // The File objects go to the worker, which reads them: the page never holds
    // or copies their bytes (engine.addFiles sends them in small batches).
    let answer;
    try {
      answer = await engine.addFiles(files, { replace, onProgress: indexProgress });
    } catch (error) {
      hub.emit("index:done", {});
      hub.emit("files:added", { added: [], errors: files.map(({ name }) => ({ name, message: messageOf(error) })) });
      return;
    }
    hub.emit("index:done", {});
    if (replace) loadErrors = [];
    hub.emit("files:added", { added: answer.added, errors: answer.errors, replace });
    await documentsChanged(answer.documents);
  });

  hub.on("document:remove", async ({ id, name }) => {
    if (!loaded) return;
    // The list may be stale by a click: remove by name, where it is now.
    const doc = documents.find((d) => d.name === name && d.id === id) ?? documents.find((d) => d.name === name);
    if (!doc) return;
    let list;
    try {
      list = await engine.removeDocument(doc.id);
    } catch (error) {
      hub.emit("app:error", { message: messageOf(error) });
      return;
    }
    hub.emit("document:removed", { name });
    await documentsChanged(list);
  });

  /** After documents were added or removed: new ids everywhere, the search again. */
  async function documentsChanged(list) {
    documents = list;
    const open = openName === null ? null : documents.find((d) => d.name === openName);
    openId = open ? open.id : null;
    if (!open) {
      openName = null;
      if (readerView === "search") hub.emit("reader:close", {});
    }
    hub.emit("corpus:loaded", { documents, errors: loadErrors, entities: await engine.call("entities") });
    await runSearch(wanted);
    if (openId === null) syncAddress();
  }

  async function refreshAfterCrash() {
    try {
      await documentsChanged(await engine.call("documents"));
    } catch (error) {
      console.info(`after the crash: ${messageOf(error)}`);
    }
  }

  // ---- The address --------------------------------------------------------------

  let addressReady = false; // false until the address has been applied once
  let restoring = false; // applying the address: do not write it back
  let lastPush = { at: 0, query: null };
  const readerText = byTestId("reader-text");

  /** What the page shows now, as url-state.js describes it. */
  function currentState() {
    return {
      ...shown,
      view: tabs.current() ?? "search",
      doc: readerView === "search" ? openName : null,
      // Where the reader's scroll listener last saw it: reading scrollTop here would
      // lay out the whole page, thousands of list rows included, on every change.
      at: openId === null ? 0 : readerScroll,
    };
  }

  /**
   * Writes the address: a new history entry for a new search, page, view or
   * article; the same entry for a scroll, or for more typing of the same query.
   */
  function syncAddress() {
    if (embedded || !addressReady || restoring || !globalThis.history?.pushState) return;
    const state = currentState();
    const url = `${location.pathname}${urlForState(state, location.search)}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    const before = readUrlState(location.search, location.hash);
    const typing = before.query !== state.query && Date.now() - lastPush.at < 1000 && lastPush.query !== null;
    if (sameButScroll(before, state) || typing) {
      history.replaceState(null, "", url);
    } else {
      history.pushState(null, "", url);
    }
    if (before.query !== state.query) lastPush = { at: Date.now(), query: state.query };
  }

  let scrollTimer = 0;
  readerText.addEventListener("scroll", () => {
    readerScroll = readerText.scrollTop;
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(syncAddress, 150);
  });

  /** Puts the page in `state`: the form, the search and page, the view, the article and where it was read. */
  async function restore(state, { view = true } = {}) {
    restoring = true;
    try {
      if (view && state.view !== tabs.current()) tabs.show(state.view, { updateAddress: false });
      searchBox.write(state);
      wanted = request(state);
      if (wanted.query !== "" || wanted.includeRemoved || shown.query !== "") await runSearch(wanted);
      const doc = state.doc === null ? null : documents.find((d) => d.name === state.doc);
      if (doc) {
        readerView = "search";
        await showReader(doc.id, { scroll: false });
        readerText.scrollTop = state.at;
      } else if (openName !== null) {
        openId = null;
        openName = null;
        hub.emit("reader:close", {});
      }
    } finally {
      restoring = false;
    }
  }

  globalThis.addEventListener?.("popstate", () => {
    if (embedded || !addressReady) return;
    restore(readUrlState(location.search, location.hash));
  });

  // The tab in the address (#concordance) is shown at once; its analysis waits for the corpus.
  tabs.start();

  const ready = start();
  return { engine, hub, ready };
}

/**
 * The hub as seen by components mounted late: `on` as usual, and
 * `replay([[type, detail], …])` hands each listener added so far the detail of
 * its type (skipping undefined ones), in that order — once every late
 * component is mounted, so none is called before its own set-up has finished.
 * Only the late listeners hear it; the rest of the page is not told twice.
 */
function lateHub(hub) {
  const listeners = [];
  return {
    ...hub,
    on(type, listener) {
      listeners.push([type, listener]);
      return hub.on(type, listener);
    },
    replay(events) {
      for (const [type, detail] of events) {
        if (detail === undefined || detail === null) continue;
        for (const [wanted, listener] of listeners) if (wanted === type) listener(detail);
      }
    },
  };
}

/**
 * One interface language at a time (i18n.js, localize.js): the saved choice or
 * the browser's, switched by the toggle in the header (an embed gets its own
 * toggle at the top of its markup).
 */
function mountLanguage(root, embedded) {
  const storage = browserStorage();
  let lang = initialLanguage(storage, globalThis.navigator?.languages ?? []);
  const markup = root.querySelector("main");
  const container = embedded ? root : root.body;
  const langElements = embedded ? [root.host, markup].filter(Boolean) : [root.documentElement];
  let toggle = root.querySelector('[data-testid="language-toggle"]');
  if (!toggle && markup) {
    toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "ce-button ce-button-quiet ce-lang-toggle";
    toggle.dataset.testid = "language-toggle";
    markup.prepend(toggle);
  }
  const label = () => {
    if (!toggle) return;
    toggle.textContent = toggleLabel(lang);
    toggle.lang = lang === "en" ? "zh-Hans" : "en";
  };
  label();
  const switchTo = localize(container, langElements, lang);
  toggle?.addEventListener("click", () => {
    lang = lang === "en" ? "zh" : "en";
    saveLanguage(storage, lang);
    label();
    switchTo(lang);
  });
}

function pageSizeFrom(search) {
  const per = Number(new URLSearchParams(search).get("per"));
  return Number.isInteger(per) && per >= 1 && per <= 100 ? per : 10;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
