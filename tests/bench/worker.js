// One search engine in a module Web Worker, driven by bench.js with
// { id, cmd, ...args } messages; each answer is { id, ok, result | error }.
// A worker holds one engine over one corpus: load → build → queries → ids →
// concordance → memory, then it is terminated.
//
// What is timed is only the engine's own work: fetching the corpus, decoding
// it to strings and importing modules happen in `load`, before the clock.

import { bigrams } from "./tokenize.js";

const state = {
  engine: null,
  meta: null,
  bytes: null, // Uint8Array of all documents back to back
  texts: null, // strings, for the JS engines and the JS concordance
  impl: null, // the engine's search index
  t2s: null, // opencc-js converter (MiniSearch)
  wasmMemory: null, // our wasm's WebAssembly.Memory
};

const now = () => performance.now();

const handlers = {
  async load({ engine, corpusUrl, modules, pagefindBase }) {
    state.engine = engine;
    const [meta, buffer] = await Promise.all([
      fetch(`${corpusUrl}.json`).then((r) => r.json()),
      fetch(`${corpusUrl}.txt`).then((r) => r.arrayBuffer()),
    ]);
    state.meta = meta;
    state.bytes = new Uint8Array(buffer);
    const t0 = now();
    if (engine === "ours") {
      const pkg = await import(modules.ours);
      const wasm = await pkg.default();
      state.pkg = pkg;
      state.wasmMemory = wasm.memory;
    } else if (engine === "flexsearch") {
      state.FlexSearch = (await import(modules.flexsearch)).default;
    } else if (engine === "minisearch") {
      state.MiniSearch = (await import(modules.minisearch)).default;
      const OpenCC = (await import(modules.opencc)).default;
      state.t2s = OpenCC.Converter({ from: "t", to: "cn" });
    } else if (engine === "pagefind") {
      const pagefind = await import(`${pagefindBase}pagefind.js`);
      await pagefind.options({ basePath: pagefindBase, excerptLength: 30 });
      await pagefind.init();
      state.impl = pagefind;
    } else {
      throw new Error(`unknown engine ${engine}`);
    }
    const initMs = now() - t0;
    // Strings for the JS engines and the JS-side concordance (not for ours,
    // whose API takes bytes and keeps its own copy).
    if (engine !== "ours") {
      const decoder = new TextDecoder();
      state.texts = new Array(meta.docs);
      for (let i = 0; i < meta.docs; i++) {
        state.texts[i] = decoder.decode(state.bytes.subarray(meta.offsets[i], meta.offsets[i + 1]));
      }
      state.bytes = null;
    }
    return { initMs, docs: meta.docs, bytes: meta.bytes };
  },

  build() {
    const { meta } = state;
    if (state.engine === "ours") {
      const t0 = now();
      const corpus = new state.pkg.Corpus();
      for (let i = 0; i < meta.docs; i++) {
        corpus.addDocument(`d${String(i).padStart(5, "0")}.txt`, state.bytes.subarray(meta.offsets[i], meta.offsets[i + 1]));
      }
      const t1 = now();
      // The character-pair arrays are built on the first search: count it.
      corpus.search("𪚥", { limit: 1 });
      const t2 = now();
      state.impl = corpus;
      // Stories (issue 17): their signatures are computed inside addDocument (native share:
      // examples/stories_eval.rs); regrouping every document from the kept signatures, as
      // setStoryThreshold does, is timed apart and not counted in the build.
      const parts = { addDocumentMs: t1 - t0, firstSearchMs: t2 - t1 };
      if (typeof corpus.setStoryThreshold === "function") {
        const t3 = now();
        corpus.setStoryThreshold(0.6);
        parts.regroupStoriesMs = now() - t3;
      }
      return { buildMs: t2 - t0, parts };
    }
    if (state.engine === "flexsearch") {
      const t0 = now();
      const index = new state.FlexSearch.Index({ encode: bigrams });
      state.texts.forEach((text, i) => index.add(i, text));
      state.impl = index;
      return { buildMs: now() - t0, parts: {} };
    }
    if (state.engine === "minisearch") {
      const t0 = now();
      const folded = state.texts.map((text) => state.t2s(text));
      const t1 = now();
      const index = new state.MiniSearch({ fields: ["text"], tokenize: bigrams, processTerm: (term) => term });
      index.addAll(folded.map((text, id) => ({ id, text })));
      const t2 = now();
      state.impl = index;
      return { buildMs: t2 - t0, parts: { t2sMs: t1 - t0, indexMs: t2 - t1 } };
    }
    return { buildMs: null, parts: {} }; // pagefind: built in Node by run.mjs
  },

  /**
   * Latency: one cold pass (each query once, timed alone), then `passes`
   * passes in which each sample is the mean of `batch` back-to-back calls,
   * so the 0.1 ms clock of a non-isolated page does not decide sub-millisecond
   * figures. Also returns each query's counts.
   */
  async queries({ queries, passes, options, minSampleMs = 2, maxBatch = 50 }) {
    const query = (q) => runQuery(q, options);
    const first = [];
    const counts = [];
    for (const q of queries) {
      const t0 = now();
      const answer = await query(q);
      first.push(now() - t0);
      counts.push(answer);
    }
    const batches = first.map((ms) => Math.max(1, Math.min(maxBatch, Math.ceil(minSampleMs / Math.max(ms, 0.01)))));
    const samples = queries.map(() => []);
    for (let pass = 0; pass < passes; pass++) {
      for (let k = 0; k < queries.length; k++) {
        const t0 = now();
        for (let b = 0; b < batches[k]; b++) await query(queries[k]);
        samples[k].push((now() - t0) / batches[k]);
      }
    }
    return { first, samples, batches, counts };
  },

  /** Matching document ids per query (untimed), for recall and precision. */
  async ids({ queries }) {
    const out = [];
    for (const q of queries) out.push(await matchingIds(q));
    return out;
  },

  /** First page of a concordance, twice (first call, then warm). */
  async concordance({ term, limit, width }) {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const t0 = now();
      const answer = await concordance(term, limit, width);
      runs.push({ ms: now() - t0, ...answer });
    }
    return runs;
  },

  /**
   * Ours only (issue 15): the corpus as one snapshot. `save()` timed, its size
   * raw and gzipped (CompressionStream, as a server or a zip would send it),
   * then `Corpus.open()` of those bytes timed, and the opened corpus's first
   * search (京东, a page of results): what a reader reopening a stored corpus
   * waits for inside the core. The opened copy is freed again.
   */
  async snapshot({ query = "京东" } = {}) {
    const corpus = state.impl;
    if (typeof corpus?.save !== "function") return null;
    const t0 = now();
    const bytes = corpus.save();
    const saveMs = now() - t0;
    const gzipBytes = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer().then((b) => b.byteLength);
    const t1 = now();
    const opened = state.pkg.Corpus.open(bytes);
    const openMs = now() - t1;
    const t2 = now();
    const first = opened.search(query, { limit: 10 });
    const firstSearchMs = now() - t2;
    const same = first.total === corpus.search(query, { limit: 10 }).total;
    opened.free();
    return { bytes: bytes.length, gzipBytes, saveMs, openMs, firstSearchMs, same };
  },

  /** What the worker holds after a full GC (needs --js-flags=--expose-gc). */
  memory() {
    if (typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    return {
      jsHeapUsed: performance.memory?.usedJSHeapSize ?? null,
      wasmMemory: state.wasmMemory ? state.wasmMemory.buffer.byteLength : null,
    };
  },

  /** Ours only: how much of the text cleaning kept (search and concordance see only that). */
  stats() {
    let chars = 0;
    let keptChars = 0;
    const removed = {};
    const scripts = {};
    for (const doc of state.impl.documents()) {
      chars += doc.chars;
      keptChars += doc.keptChars;
      scripts[doc.script] = (scripts[doc.script] ?? 0) + 1;
      for (const span of doc.removed) removed[span.reason] = (removed[span.reason] ?? 0) + (span.end - span.start);
    }
    return { chars, keptChars, removed, scripts };
  },
};

/** One query with full hit counts: { docs, occurrences? }. */
async function runQuery(q, options = { limit: 10 }) {
  switch (state.engine) {
    case "ours": {
      const r = state.impl.search(q, options);
      return { docs: r.total, occurrences: r.occurrences };
    }
    case "flexsearch":
      return { docs: state.impl.search(q, { limit: 1e7 }).length };
    case "minisearch":
      return { docs: state.impl.search(state.t2s(q), { combineWith: "AND" }).length };
    case "pagefind": {
      const r = await state.impl.search(q);
      return { docs: r.results.length };
    }
  }
  throw new Error(state.engine);
}

async function matchingIds(q) {
  switch (state.engine) {
    case "ours":
      return state.impl.search(q, { limit: 1e7, snippets: 0 }).hits.map((h) => h.id);
    case "flexsearch":
      return state.impl.search(q, { limit: 1e7 }).map(Number);
    case "minisearch":
      return state.impl.search(state.t2s(q), { combineWith: "AND" }).map((r) => r.id);
    case "pagefind":
      // Fragment ids; run.mjs maps them to document ids from the fragment files.
      return (await state.impl.search(q)).results.map((r) => r.id);
  }
  throw new Error(state.engine);
}

/**
 * Ours: the core's concordance. The others have no concordance and no
 * single-character postings (bigram tokens, Pagefind's words), so their first
 * page is cut in JS the way a page on top of them would: FlexSearch and
 * MiniSearch scan the stored texts in document order (all of them, to count
 * the total as ours does); Pagefind searches the term and loads result
 * fragments until the page is full (its total is the number of pages matched).
 */
async function concordance(term, limit, width) {
  if (state.engine === "ours") {
    const r = state.impl.concordance(term, { limit, width });
    return { total: r.total, lines: r.lines.length };
  }
  const lines = [];
  let total = 0;
  const cut = (text) => {
    for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) {
      total += 1;
      if (lines.length < limit) {
        lines.push({
          before: text.slice(Math.max(0, at - width), at),
          match: term,
          after: text.slice(at + term.length, at + term.length + width),
        });
      }
    }
  };
  if (state.engine === "pagefind") {
    const { results } = await state.impl.search(term);
    for (const result of results) {
      if (lines.length >= limit) break;
      cut((await result.data()).content);
    }
    return { total: null, pagesMatched: results.length, lines: lines.length };
  }
  for (const text of state.texts) cut(text);
  return { total, lines: lines.length };
}

self.onmessage = async ({ data }) => {
  const { id, cmd, ...args } = data;
  try {
    const result = await handlers[cmd](args);
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error?.stack ?? error) });
  }
};
self.postMessage({ id: 0, ok: true, result: "ready" });
