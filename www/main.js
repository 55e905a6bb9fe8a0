// Wires the page: mounts each component on its container, loads the corpus
// through engine.js, and answers the components' requests over the hub.

import { loadCorpus } from "./engine.js";
import { normalizeQuery } from "./format.js";
import { createHub } from "./hub.js";
import { latestOnly } from "./latest.js";
import { mountArticleList } from "./components/article-list.js";
import { mountReader } from "./components/reader.js";
import { mountResults } from "./components/results.js";
import { mountSearchBox } from "./components/search-box.js";
import { mountStatusLine } from "./components/status-line.js";

/** Most articles listed per search; the summary says when more matched. */
const RESULT_LIMIT = 50;
const NO_RESULTS = Object.freeze({ total: 0, occurrences: 0, hits: [] });

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const root = document.documentElement;
const hub = createHub();

mountStatusLine(byTestId("status"), hub);
mountArticleList(byTestId("articles"), hub);
mountResults(byTestId("results"), hub);
mountReader(byTestId("reader"), hub);
const { input } = mountSearchBox(byTestId("search-form"), hub);

let corpus = null;
let documents = [];
let wantedQuery = ""; // what the search box asks for
let shownQuery = ""; // what the results on screen answer
let openId = null;

// The core answers synchronously today; going through latestOnly keeps the
// page correct when it moves to a worker and answers arrive out of order.
const search = latestOnly(async (query) =>
  query === "" ? NO_RESULTS : corpus.search(query, { limit: RESULT_LIMIT }),
);

async function runSearch(query) {
  let outcome;
  try {
    outcome = await search(query);
  } catch (error) {
    hub.emit("search:failed", { query, message: error.message ?? String(error) });
    return;
  }
  if (outcome.stale) return;
  shownQuery = query;
  hub.emit("search:results", { query, answer: outcome.value });
  if (openId !== null) showReader(openId, { scroll: false });
}

function showReader(id, { scroll }) {
  const doc = documents.find((d) => d.id === id);
  if (!doc) return;
  openId = id;
  const pieces = shownQuery === ""
    ? [{ text: corpus.text(id), match: false }]
    : corpus.highlight(id, shownQuery);
  hub.emit("reader:show", { doc, pieces, query: shownQuery, scroll });
}

hub.on("query", ({ query }) => {
  wantedQuery = normalizeQuery(query);
  if (corpus) runSearch(wantedQuery);
});

hub.on("reader:open", ({ id }) => {
  if (corpus) showReader(id, { scroll: true });
});

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
    hub.emit("corpus:loaded", { documents, errors: loaded.errors });
    root.dataset.state = "ready";
  } catch (error) {
    hub.emit("corpus:failed", { message: error.message ?? String(error) });
    root.dataset.state = "failed";
    return;
  }
  // Whatever was typed while loading.
  wantedQuery = normalizeQuery(input.value);
  if (wantedQuery !== "") runSearch(wantedQuery);
}

start();
