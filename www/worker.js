// The worker that owns the wasm core. engine.js is its only correspondent:
// each message is { id, method, args } and gets one answer { id, ok, value }
// or { id, ok: false, error: { message, fatal } }; adding files also sends
// { id, progress } after each file. Everything slow (decoding, cleaning,
// indexing, analysis) happens here, so the page never freezes.
//
// A panic in the core (a wasm trap: "RuntimeError: unreachable") leaves the
// instance unusable; the answer says `fatal: true` and engine.js starts a new
// worker.
//
// The first message is { method: "__core", args: [module] }: the wasm already
// compiled by the page (engine.js's compileCore), so this worker only
// instantiates it. With null instead, or when a call comes first, it fetches
// and compiles the file itself.

import init, { Corpus, capabilities } from "./pkg/corpus_explorer.js";
import { addFile } from "./encoding-tables.js";
import { htmlBytesToText, isHtmlName } from "./html-text.js";
import { messageOf } from "./format.js";
import { createKeeper, readSnapshot, storageWorks } from "./stored-corpus.js";

/** The core, next to this file (dist/pkg/, as scripts/build.sh lays it out). */
const WASM_URL = new URL("./pkg/corpus_explorer_bg.wasm", import.meta.url);

let corpus = null;
let offers = null; // the core's own account of itself: { version, analysis, methods: Set }
let ready = null; // Promise: the core is instantiated and `corpus` exists
let keeper = null; // stored-corpus.js: the reader's corpus kept in the browser, once the page asks

/** Calls that change what a snapshot holds: each one, once storing is on, is stored (debounced). */
const CHANGES = new Set(["addFiles", "removeDocument", "clear", "addVariant", "removeVariant", "addWord", "openCorpus"]);

/** Puts `next` (a Corpus) in the place of the current one. */
function replaceCorpus(next) {
  const old = corpus;
  corpus = next;
  old?.free();
}

/**
 * Instantiates the core once: from the page's compiled `module` (the full
 * core or the search-only one, which this JS drives as well: its imports and
 * exports are a subset), or from the full core's file.
 */
function start(module = null) {
  ready ??= init({ module_or_path: module ?? WASM_URL }).then(() => {
    const { version, analysis, methods } = capabilities();
    offers = { version, analysis, methods: new Set(methods) };
    corpus = new Corpus();
  });
  return ready;
}

/**
 * Whether this core has the Corpus method `name`, as the core itself says
 * (capabilities(): the search-only core leaves out the analysis API).
 */
function has(name) {
  return offers.methods.has(name) && typeof Corpus.prototype[name] === "function";
}

/** Progress messages while adding files: at most one per this many ms. */
const PROGRESS_MS = 50;
/** Bytes of the reader's files read at once before they are indexed. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

/** Calls the page may make besides the Corpus methods themselves. */
const SPECIAL = {
  /** What this core offers, so the page can tell: `{ version, analysis, methods: string[] }`. */
  capabilities: () => ({ ...offers, methods: [...offers.methods] }),

  /**
   * Adds files in order: `[{ name, bytes }]`, or `[{ name, file }]` with a
   * File (Blob) that is read here, off the page's thread. HTML is reduced to
   * its text first. One bad file does not stop the rest: it is listed in
   * `errors`. With `replace`, the corpus is cleared first; with `documents:
   * false` the answer leaves out the document list (engine.js asks for it
   * with the last batch only).
   */
  async addFiles(id, files, { replace = false, documents = true } = {}) {
    if (replace) corpus.clear();
    // Files are read several at once, up to READ_AHEAD_BYTES: one by one, each
    // read's round trip to the browser would cost more than indexing the file.
    const contents = [];
    const readFrom = async (from) => {
      let to = from;
      let bytes = 0;
      while (to < files.length && (to === from || bytes + (files[to].file?.size ?? 0) <= READ_AHEAD_BYTES)) {
        bytes += files[to].file?.size ?? 0;
        to += 1;
      }
      const reads = await Promise.allSettled(files.slice(from, to).map(({ bytes, file }) => (bytes ? bytes : file.arrayBuffer().then((buffer) => new Uint8Array(buffer)))));
      contents.splice(from, reads.length, ...reads);
    };
    const length = (read) => (read?.status === "fulfilled" ? read.value.length : 0);
    const total = files.reduce((sum, { bytes, file }) => sum + (bytes?.length ?? file?.size ?? 0), 0);
    const added = [];
    const errors = [];
    let done = 0;
    let told = 0; // when progress was last posted: at most every PROGRESS_MS, so the page is not flooded
    for (const [i, { name }] of files.entries()) {
      if (i === 0 || performance.now() - told >= PROGRESS_MS) {
        told = performance.now();
        postMessage({ id, progress: { file: i + 1, files: files.length, name, bytes: done, totalBytes: total } });
      }
      if (contents[i] === undefined) await readFrom(i);
      try {
        const read = contents[i];
        if (read.status === "rejected") throw new Error(`could not be read: ${messageOf(read.reason)}`);
        const bytes = read.value;
        const text = isHtmlName(name) ? htmlBytesToText(bytes) : bytes;
        added.push({ name, index: i, id: await addFile(corpus, name, text) });
      } catch (error) {
        if (isPanic(error)) throw error;
        errors.push({ name, message: messageOf(error) });
      }
      done += length(contents[i]);
      contents[i] = null;
    }
    postMessage({ id, progress: { file: files.length, files: files.length, name: null, bytes: done, totalBytes: total } });
    return { added, errors, documents: documents ? corpus.documents() : [] };
  },
};

/**
 * Calls about the corpus kept in the browser (stored-corpus.js) and corpus
 * files (issue 15): the page's start-up asks reopenStoredCorpus before it
 * loads the bundled articles.
 */
Object.assign(SPECIAL, {
  /**
   * Opens the corpus stored under `key` in place of the current one:
   * `{ documents, bytes }`, or null when nothing is stored (or this browser
   * cannot store). Throws the core's message when the stored copy is refused.
   */
  async reopenStoredCorpus(id, key) {
    if (!(await storageWorks())) return null;
    const found = await readSnapshot(key, (bytes) => Corpus.open(bytes));
    if (!found) return null;
    replaceCorpus(found.value);
    return { documents: corpus.documents(), bytes: found.bytes };
  },

  /**
   * From now on every change is stored under `key`; with `changed`, the corpus
   * as it is now is stored too (a new worker given changes the stored copy
   * lacks). Says whether this browser can store.
   */
  async storeCorpus(id, key, { changed = false } = {}) {
    if (!(await storageWorks())) return { canStore: false };
    keeper ??= createKeeper({ key, save: () => corpus.save(), count: () => corpus.documents().length, tell: (store) => postMessage({ id: 0, store }) });
    keeper.enable();
    if (changed) keeper.changed();
    return { canStore: true };
  },

  /** Writes a change still waiting for its debounce now (before this worker is replaced). */
  async flushStoredCorpus() {
    await keeper?.flush();
    return null;
  },

  /** Deletes the stored copy and stops storing until storeCorpus is asked again. */
  async forgetStoredCorpus(id, key) {
    if (keeper) await keeper.forget();
    else if (await storageWorks()) await createKeeper({ key, save: () => corpus.save(), count: () => 0, tell: () => {} }).forget();
    return null;
  },

  /**
   * A corpus file (a snapshot): with `add`, its documents join the current
   * ones (Corpus.addSnapshot); else it replaces the corpus. A refused file
   * throws the core's message and the corpus stays as it was.
   */
  openCorpus(id, bytes, { add = false } = {}) {
    if (add) corpus.addSnapshot(bytes);
    else replaceCorpus(Corpus.open(bytes));
    return corpus.documents();
  },
});

self.addEventListener("message", async (event) => {
  const { id, method, args = [] } = event.data ?? {};
  if (method === "__core") {
    start(args[0]).catch(() => {}); // a failure is every call's answer, below
    return;
  }
  if (method === "__crash") {
    // engine.crashForTesting(): an uncaught error, as a real crash would be.
    setTimeout(() => {
      throw new Error("crash requested for testing");
    });
    return;
  }
  try {
    await start();
    let value;
    // A word the lexicon has already (the remembered ones, added again on each visit) changes nothing.
    const wordsBefore = method === "addWord" ? corpus.userWords().length : 0;
    if (CHANGES.has(method)) keeper?.postpone();
    if (Object.hasOwn(SPECIAL, method)) {
      value = await SPECIAL[method](id, ...args);
    } else if (has(method)) {
      value = corpus[method](...args);
    } else {
      throw new Error(`the core has no ${method}()`);
    }
    if (CHANGES.has(method) && (method !== "addWord" || corpus.userWords().length > wordsBefore)) keeper?.changed();
    else if (CHANGES.has(method)) keeper?.resume();
    postMessage({ id, ok: true, value });
  } catch (error) {
    keeper?.resume(); // a change before this failed one is still written
    postMessage({ id, ok: false, error: { message: messageOf(error), fatal: isPanic(error) } });
  }
});

function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}
