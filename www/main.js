// Wires the page: mounts each component on its container, loads the corpus
// through engine.js, and answers the components' requests over the hub.

import { loadCorpus } from "./engine.js";
import { normalizeQuery, pageCount } from "./format.js";
import { createHub } from "./hub.js";
import { latestOnly } from "./latest.js";
import { withVariantTerms } from "./query-text.js";
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
let openId = null;

const storage = browserStorage();
// The name variants the reader added that the core accepted, as [canonical, variant].
let userVariants = [];

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
  if (openId !== null) showReader(openId, { scroll: false });
}

/**
 * The query the reader marks for article `id`. The reader takes no variants
 * option, so with name variants on, the names the search found in this
 * article are added to each term (抖音 → 抖音 OR "颤音"), and the reader marks
 * what the results counted.
 */
function readerQuery(id) {
  if (!shown.variants || shown.query === "") return shown.query;
  const answer = corpus.search(shown.query, {
    limit: Math.max(1, documents.length),
    snippets: 0,
    includeRemoved: shown.includeRemoved,
    variants: true,
  });
  const hit = answer.hits.find((h) => h.id === id);
  return withVariantTerms(shown.query, hit?.variants);
}

function showReader(id, { scroll }) {
  const doc = documents.find((d) => d.id === id);
  if (!doc) return;
  openId = id;
  const options = { includeRemoved: shown.includeRemoved, variants: shown.variants };
  // One entry per paragraph of the original; the reader decides what of the
  // removed text to show, so toggling "show removed" needs no new answer.
  let paragraphs;
  try {
    paragraphs = corpus.reader(id, readerQuery(id), options);
  } catch (error) {
    // Only a query the search accepted gets here, so this is not expected;
    // the article is still worth showing, unmarked.
    console.info(`reader: ${messageOf(error)}`);
    paragraphs = corpus.reader(id, "", options);
  }
  hub.emit("reader:show", { doc, paragraphs, ...shown, scroll });
}

hub.on("query", (fields) => {
  wanted = request(fields);
  if (corpus) runSearch(wanted);
});

hub.on("page", ({ page }) => {
  wanted = { ...wanted, page };
  if (corpus) runSearch(wanted);
});

hub.on("reader:open", ({ id }) => {
  if (corpus) showReader(id, { scroll: true });
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
  // The core has no way to take a name back; it is gone on the next visit.
  userVariants = withoutVariant(userVariants, canonical, variant);
  saveVariants(storage, userVariants);
  hub.emit("variant:forgotten", { canonical, variant });
  hub.emit("variants:user", { pairs: userVariants });
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
    hub.emit("corpus:loaded", { documents, errors: loaded.errors, entities: corpus.entities() });
    hub.emit("variants:user", { pairs: userVariants });
    root.dataset.state = "ready";
  } catch (error) {
    hub.emit("corpus:failed", { message: messageOf(error) });
    root.dataset.state = "failed";
    return;
  }
  // Whatever was typed, ticked or chosen while loading (or restored by the browser).
  wanted = request(searchBox.read());
  if (wanted.query !== "" || wanted.includeRemoved) runSearch(wanted);
}

function pageSizeFrom(search) {
  const per = Number(new URLSearchParams(search).get("per"));
  return Number.isInteger(per) && per >= 1 && per <= 100 ? per : 10;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

start();
