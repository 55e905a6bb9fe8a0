// Wires the page: mounts each component on its container, loads the corpus
// through engine.js, and answers the components' requests over the hub. The
// analysis views ask analysis-service.js, which holds the word list and the
// user lexicon.

import { provideAnalysis } from "./analysis-service.js";
import { loadCorpus } from "./engine.js";
import { normalizeQuery, pageCount } from "./format.js";
import { createHub } from "./hub.js";
import { latestOnly } from "./latest.js";
import {
  browserStorage,
  loadVariants,
  saveVariants,
  withoutVariant,
  withVariant,
} from "./user-variants.js";
import { mountArticleList } from "./components/article-list.js";
import { mountFacets } from "./components/facets.js";
import { mountPager } from "./components/pager.js";
import { mountReader } from "./components/reader.js";
import { mountResults } from "./components/results.js";
import { mountSearchBox } from "./components/search-box.js";
import { mountStatusLine } from "./components/status-line.js";
import { mountVariantForm } from "./components/variant-form.js";
import { mountCollocatesView } from "./components/collocates-view.js";
import { mountConcordanceView } from "./components/concordance-view.js";
import { mountDispersionView } from "./components/dispersion-view.js";
import { mountFiguresView } from "./components/figures-view.js";
import { mountFrequencyView } from "./components/frequency-view.js";
import { mountKeywordsView } from "./components/keywords-view.js";
import { mountLexiconForm } from "./components/lexicon-form.js";
import { mountTabs } from "./components/tabs.js";
import { mountTrendsView } from "./components/trends-view.js";

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

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const root = document.documentElement;
const hub = createHub();

mountStatusLine(byTestId("status"), hub);
mountArticleList(byTestId("articles"), hub);
mountFacets(byTestId("facets"), hub);
mountResults(byTestId("results"), hub);
mountPager(byTestId("results"), hub);
mountReader(byTestId("reader"), hub);
mountVariantForm(byTestId("variant-panel"), hub);
const searchBox = mountSearchBox(byTestId("search-form"), hub);

let corpus = null;
let documents = [];
// What the search box asks for, and what the results on screen answer:
// { query, includeRemoved, variants, sort, page }. The reader follows what is shown.
let wanted = request({});
let shown = wanted;
let openId = null; // the article the search view's reader shows
let readerView = "search"; // the view the reader belongs to now

const storage = browserStorage();
// The name variants the reader added that the core accepted, as [canonical, variant].
let userVariants = [];

// The analysis views wait for the corpus through this promise.
let corpusReady;
const whenCorpus = new Promise((resolve, reject) => {
  corpusReady = { resolve, reject };
});
whenCorpus.catch(() => {}); // a failed load is reported by the status line; views say it too
const restoreWords = provideAnalysis(hub, () => whenCorpus, storage);

// The views are mounted before the tabs, so a view hears "view:open" (its
// settings) before the tabs show it.
mountConcordanceView(byTestId("view-concordance"), hub);
mountDispersionView(byTestId("view-dispersion"), hub);
mountFrequencyView(byTestId("view-frequencies"), hub);
mountCollocatesView(byTestId("view-collocates"), hub);
mountKeywordsView(byTestId("view-keywords"), hub);
mountTrendsView(byTestId("view-trends"), hub);
mountFiguresView(byTestId("view-figures"), hub);
mountLexiconForm(byTestId("lexicon"), hub);
const tabs = mountTabs(byTestId("tabs"), hub);

const searchView = byTestId("view-search");
const workspace = byTestId("workspace");
hub.on("view:show", ({ view }) => {
  searchView.hidden = view !== "search";
  workspace.dataset.view = view;
  // Back on the search: its reader shows the article it had open.
  if (view === "search" && readerView !== "search" && openId !== null && corpus) {
    showReader(openId, { scroll: false });
  }
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

// The core answers synchronously today; going through latestOnly keeps the
// page correct when it moves to a worker and answers arrive out of order.
const search = latestOnly(async ({ query, includeRemoved, variants, sort, page }) => {
  if (query === "") return NO_RESULTS;
  const options = { limit: PAGE_SIZE, snippets: SNIPPETS, includeRemoved, variants, sort };
  let answer = corpus.search(query, { ...options, offset: (page - 1) * PAGE_SIZE });
  // Past the end (the answer shrank under a page turn): the last page instead.
  const last = pageCount(answer.total, PAGE_SIZE);
  if (page > last) {
    answer = corpus.search(query, { ...options, offset: (last - 1) * PAGE_SIZE });
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
  hub.emit("search:results", { ...shown, pageSize: PAGE_SIZE, answer });
  if (openId !== null && readerView === "search") showReader(openId, { scroll: false });
}

/** The search view's reader: article `id` with the shown search's matches marked. */
function showReader(id, { scroll }) {
  openId = id;
  openReader({ id, query: shown.query, includeRemoved: shown.includeRemoved, variants: shown.variants, scroll, view: "search" });
}

/**
 * Any view's reader: article `id`, the matches of `query` marked (with the
 * same name-variant and removed-text options the view searched with), opened
 * at match number `occurrence` when given.
 */
function openReader({ id, query, includeRemoved = false, variants = false, scroll = true, occurrence, view }) {
  const doc = documents.find((d) => d.id === id);
  if (!doc) return;
  const options = { includeRemoved: Boolean(includeRemoved), variants: Boolean(variants) };
  // One entry per paragraph of the original; the reader decides what of the
  // removed text to show, so toggling "show removed" needs no new answer.
  let paragraphs;
  try {
    paragraphs = corpus.reader(id, query, options);
  } catch (error) {
    // Only a query the search or an analysis accepted gets here, so this is
    // not expected; the article is still worth showing, unmarked.
    console.info(`reader: ${messageOf(error)}`);
    paragraphs = corpus.reader(id, "", options);
  }
  // An item an analysis view quoted to find it exactly ("5月27日") is named without the quotes.
  const label = view !== "search" && /^"[^"]+"$/.test(query) ? query.slice(1, -1) : query;
  hub.emit("reader:show", { doc, paragraphs, ...shown, query, label, ...options, scroll, occurrence, view });
}

hub.on("query", (fields) => {
  wanted = request(fields);
  if (corpus) runSearch(wanted);
});

hub.on("page", ({ page }) => {
  wanted = { ...wanted, page };
  if (corpus) runSearch(wanted);
});

hub.on("reader:open", (detail) => {
  if (!corpus) return;
  if (detail.view && detail.view !== "search") openReader({ ...detail, scroll: true });
  else showReader(detail.id, { scroll: true });
});

hub.on("variant:add", ({ canonical, variant }) => {
  if (!corpus) return;
  try {
    corpus.addVariant(canonical, variant);
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

hub.on("variant:forget", ({ canonical, variant }) => {
  if (!corpus) return;
  let refusal = null;
  try {
    corpus.removeVariant(variant);
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
function applyStoredVariants() {
  for (const [canonical, variant] of loadVariants(storage)) {
    try {
      corpus.addVariant(canonical, variant);
      userVariants = withVariant(userVariants, canonical, variant);
    } catch (error) {
      console.info(`variant ${variant} of ${canonical} not added again: ${messageOf(error)}`);
    }
  }
}

async function start() {
  root.dataset.state = "loading";
  try {
    const loaded = await loadCorpus("seeds/manifest.json");
    corpus = loaded.corpus;
    documents = corpus.documents();
    for (const { name, message } of loaded.errors) {
      // Logged for whoever maintains the seeds; the page lists them too.
      console.info(`skipped ${name}: ${message}`);
    }
    applyStoredVariants();
    const words = restoreWords(corpus);
    hub.emit("corpus:loaded", { documents, errors: loaded.errors, entities: corpus.entities() });
    hub.emit("variants:user", { pairs: userVariants });
    hub.emit("words:user", { words });
    corpusReady.resolve(corpus);
    root.dataset.state = "ready";
  } catch (error) {
    hub.emit("corpus:failed", { message: messageOf(error) });
    corpusReady.reject(error);
    root.dataset.state = "failed";
    return;
  }
  // Whatever was typed, ticked or chosen while loading (or restored by the browser).
  wanted = request(searchBox.read());
  if (wanted.query !== "" || wanted.includeRemoved) runSearch(wanted);
}

// The tab in the address (#concordance) is shown at once; its analysis waits for the corpus.
tabs.start();

function pageSizeFrom(search) {
  const per = Number(new URLSearchParams(search).get("per"));
  return Number.isInteger(per) && per >= 1 && per <= 100 ? per : 10;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

start();
