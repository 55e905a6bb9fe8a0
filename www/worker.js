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

import init, { Corpus, ShardedCorpus, capabilities } from "./pkg/corpus_explorer.js";
import { addFile, ensureEncodingTables } from "./encoding-tables.js";
import { messageOf } from "./message.js";
import { archiveCall, leavesArchive, openSharded, ShardedSearch } from "./sharded.js";
import { createKeeper, measureSince, readSnapshot, storageWorks } from "./stored-corpus.js";

/** The core, next to this file (dist/pkg/, as scripts/build.sh lays it out). */
const WASM_URL = new URL("./pkg/corpus_explorer_bg.wasm", import.meta.url);

let corpus = null;
let offers = null; // the core's own account of itself: { version, analysis, sharded, methods: Set }
let ready = null; // Promise: the core is instantiated and `corpus` exists
let keeper = null; // stored-corpus.js: the reader's corpus kept in the browser, once the page asks
let archive = null; // sharded.js's ShardedSearch while the corpus is a sharded site (issue 16)
let memory = null; // the core's WebAssembly.Memory: its byteLength is the high-water mark (it never shrinks)
// Changes of the corpus made here, and how many of them the stored copy holds (engine.js
// moves the corpus to a fresh worker only when the stored copy holds every change).
let changes = 0;
let stored = 0;

/** Bytes of wasm memory this worker's core holds (engine.js compacts when far above the corpus's need). */
const wasmBytes = () => memory?.buffer.byteLength ?? null;

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
  ready ??= init({ module_or_path: module ?? WASM_URL }).then((exports) => {
    memory = exports.memory ?? null;
    const { version, analysis, sharded = analysis, methods } = capabilities();
    offers = { version, analysis, sharded, methods: new Set(methods) };
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
/** A large table is read in slices of this many bytes, each added before the next is read. */
const TABLE_SLICE_BYTES = 4 * 1024 * 1024;

/** Files the core reads as containers or tables (corpus.addFile) rather than one text. */
const CONTAINER = /\.(csv|tsv|tab|jsonl|ndjson|json|zip|docx|pdf)$/i;
/** Tables that are streamed from their File in slices (JSON arrays are one value: not these). */
const STREAMED = /\.(csv|tsv|tab|jsonl|ndjson)$/i;

/** Whether `entry` ({ name, file }) is a table read slice by slice instead of whole. */
function streamed({ name, file }) {
  return Boolean(file) && STREAMED.test(name) && has("beginTable");
}

/**
 * Adds a table from its File slice by slice (File.slice), so a 200 MB export is
 * never in memory whole: the core's table reader keeps only the row it is in.
 * `report(bytesRead)` after each slice. Answers `{ ids, problems }`.
 */
async function addTable({ name, file, options }, report) {
  corpus.beginTable(name, options ?? null);
  const ids = [];
  const problems = [];
  const take = ({ ids: more, problems: refused }) => {
    for (const id of more) ids.push(id);
    problems.push(...refused);
  };
  for (let at = 0; at < file.size; at += TABLE_SLICE_BYTES) {
    const chunk = new Uint8Array(await file.slice(at, at + TABLE_SLICE_BYTES).arrayBuffer());
    // The encoding is decided on the first slice: GBK/Big5 need the tables then.
    if (at === 0 && corpus.needsEncodingTables(chunk)) await ensureEncodingTables(corpus);
    take(corpus.pushTable(chunk));
    report(at + chunk.length);
  }
  take(corpus.finishTable());
  return { ids, problems };
}

/** Adds a container or table given whole (`corpus.addFile`): `{ ids, problems }`. */
async function addContainer(name, bytes, options) {
  // Entries and rows in GBK/Big5 need the tables; a ZIP's entries cannot be asked one by one.
  const head = bytes.subarray(0, 1 << 20);
  if (/\.(zip|docx)$/i.test(name) || corpus.needsEncodingTables(head)) {
    await ensureEncodingTables(corpus).catch(() => {});
  }
  return corpus.addFile(name, bytes, options ?? null);
}

/** Calls the page may make besides the Corpus methods themselves. */
const SPECIAL = {
  /**
   * Opens a prebuilt corpus (`Corpus.open`, a snapshot) in place of the
   * current one: `{ documents }`. Bytes the core refuses throw, and the
   * current corpus stays.
   */
  openSnapshot(id, bytes) {
    replaceCorpus(Corpus.open(bytes));
    return { documents: corpus.documents() };
  },

  /** What this core offers, so the page can tell: `{ version, analysis, methods: string[] }`. */
  capabilities: () => ({ ...offers, methods: [...offers.methods] }),

  /** `{ wasm }`: the bytes of wasm memory the core holds (its high-water mark). */
  wasmMemory: () => ({ wasm: wasmBytes(), changes, stored }),

  /** corpus.inspectTable, with the GB18030/Big5 tables fetched first when the bytes need them. */
  async inspectTable(id, name, bytes) {
    if (corpus.needsEncodingTables(bytes)) await ensureEncodingTables(corpus);
    return corpus.inspectTable(name, bytes);
  },

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
      const size = (entry) => (streamed(entry) ? 0 : (entry.file?.size ?? 0));
      while (to < files.length && (to === from || bytes + size(files[to]) <= READ_AHEAD_BYTES)) {
        bytes += size(files[to]);
        to += 1;
      }
      const reads = await Promise.allSettled(files.slice(from, to).map((entry) => (entry.bytes ? entry.bytes : streamed(entry) ? null : entry.file.arrayBuffer().then((buffer) => new Uint8Array(buffer)))));
      contents.splice(from, reads.length, ...reads);
    };
    const length = (read) => (read?.status === "fulfilled" ? (read.value?.length ?? 0) : 0);
    const total = files.reduce((sum, { bytes, file }) => sum + (bytes?.length ?? file?.size ?? 0), 0);
    const added = [];
    const errors = [];
    let done = 0;
    let told = 0; // when progress was last posted: at most every PROGRESS_MS, so the page is not flooded
    const progress = (i, name, bytes, force = false) => {
      if (force || performance.now() - told >= PROGRESS_MS) {
        told = performance.now();
        postMessage({ id, progress: { file: i + 1, files: files.length, name, bytes, totalBytes: total } });
      }
    };
    for (const [i, { name }] of files.entries()) {
      progress(i, name, done, i === 0);
      if (contents[i] === undefined) await readFrom(i);
      try {
        const read = contents[i];
        if (read.status === "rejected") throw new Error(`could not be read: ${messageOf(read.reason)}`);
        const bytes = read.value;
        if (bytes !== null && /\.pdf$/i.test(name)) {
          // The text layer, read by pdf.js (loaded now, the first time).
          const { pdfText } = await import("./pdf-text.js");
          const text = await pdfText(bytes);
          if (!text.trim()) {
            throw new Error("has no text layer: it is a scanned image or a drawing, so there is no text to add. Run OCR on it first (or add its text as .txt).");
          }
          added.push({ name, index: i, id: corpus.addDocument(name, new TextEncoder().encode(text)) });
        } else if (bytes === null || (CONTAINER.test(name) && has("addFile"))) {
          const answer = bytes === null
            ? await addTable(files[i], (at) => progress(i, name, done + at))
            : await addContainer(name, bytes, files[i].options);
          for (const docId of answer.ids) added.push({ name, index: i, id: docId });
          for (const { file, message } of answer.problems) errors.push({ name: file, message });
          if (bytes === null) done += files[i].file.size;
        } else {
          // HTML pages go to the core as bytes too: it decodes them, extracts the article and
          // marks the page's furniture (Store::add_html, chosen by name or by the bytes).
          added.push({ name, index: i, id: await addFile(corpus, name, bytes) });
        }
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
 * A sharded site (issue 16): `openSharded(rootUrl, rootBytes)` opens its root (on the archive
 * or the full core, which have ShardedCorpus: capabilities().sharded); from then on
 * sharded.js's archiveCall answers search, the
 * reader and the document list, fetching the shards each needs, and refuses changes.
 */
SPECIAL.openSharded = async (id, rootUrl, root) => {
  if (typeof ShardedCorpus?.open !== "function" || !offers.sharded) {
    throw new Error("this core cannot read a sharded site (the page must move to the full core first)");
  }
  // With the root's bytes at hand, opened without an await: a call posted right after this
  // one (the boot's first search) must find the archive open (worker.js's handlers run
  // concurrently from their first await on).
  const next = root ? new ShardedSearch(ShardedCorpus.open(root), rootUrl) : await openSharded(ShardedCorpus, rootUrl);
  archive?.corpus.free();
  archive = next;
  corpus.clear();
  return { documentCount: archive.corpus.len() };
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
   * With `search` (`[query, options]`, the page's first search), that search is
   * answered too, first, as `search` (or `searchError`: the page asks again and
   * hears the error then): the page shows it without another round trip. With `list`
   * false, `documents` stays null: the page shows the search before asking for the list.
   */
  async reopenStoredCorpus(id, key, { search = null, list = true } = {}) {
    if (!(await storageWorks())) return null;
    const found = await readSnapshot(key, (bytes) => Corpus.open(bytes));
    if (!found) return null;
    replaceCorpus(found.value);
    const answer = { documents: null, bytes: found.bytes };
    if (search) {
      const searching = performance.now();
      try {
        answer.search = corpus.search(...search);
      } catch (error) {
        if (isPanic(error)) throw error;
      }
      measureSince("reopen-search", searching);
    }
    // Without `list` the page asks for the list next (`documents`), once it has shown the search.
    if (!list) return answer;
    const listing = performance.now();
    answer.documents = corpus.documents();
    measureSince("reopen-documents", listing);
    return answer;
  },

  /**
   * From now on every change is stored under `key`; with `changed`, the corpus
   * as it is now is stored too (a new worker given changes the stored copy
   * lacks). Says whether this browser can store.
   */
  async storeCorpus(id, key, { changed = false } = {}) {
    if (!(await storageWorks())) return { canStore: false };
    let saved = 0;
    const save = () => {
      saved = changes;
      return corpus.save();
    };
    const tell = (store) => {
      if (store.kind === "stored") stored = saved;
      postMessage({ id: 0, store: store.kind === "stored" ? { ...store, memory: wasmBytes() } : store });
    };
    keeper ??= createKeeper({ key, save, count: () => corpus.documents().length, tell });
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
    // A call that puts another corpus in the archive's place goes to the core, and the
    // archive is dropped once it succeeded (a refused corpus file leaves the archive open).
    const leaving = archive !== null && leavesArchive(method, args);
    const fromArchive = archive && !leaving ? archiveCall(archive, method, args) : undefined;
    if (fromArchive !== undefined) {
      value = await fromArchive;
    } else if (Object.hasOwn(SPECIAL, method)) {
      value = await SPECIAL[method](id, ...args);
    } else if (has(method)) {
      value = corpus[method](...args);
    } else {
      throw new Error(`the core has no ${method}()`);
    }
    if (leaving && value !== null) {
      // (null: reopenStoredCorpus found nothing stored, so nothing took the archive's place)
      archive.corpus.free();
      archive = null;
    }
    if (CHANGES.has(method) && (method !== "addWord" || corpus.userWords().length > wordsBefore)) {
      changes += 1;
      keeper?.changed();
    }
    else if (CHANGES.has(method)) keeper?.resume();
    postMessage({ id, ok: true, value });
  } catch (error) {
    keeper?.resume(); // a change before this failed one is still written
    // `shard`: a part of a sharded site that could not be fetched (the page offers a retry).
    postMessage({ id, ok: false, error: { message: messageOf(error), fatal: isPanic(error), shard: error?.shard ?? null } });
  }
});

function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}
