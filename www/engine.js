// The only module that talks to the core. The core (wasm) lives in a module
// worker (worker.js), so decoding, cleaning, indexing and analysis never block
// the page; this module is its async proxy: `await engine.call("search",
// query, options)` posts { id, method, args } and resolves with the answer,
// or rejects with an Error carrying the core's message.
//
// The engine keeps what the worker holds — each document's name and bytes,
// the word list, the variants and words the reader added — so that when the
// worker dies (an uncaught error, or a panic in the core) it can start a new
// one and put everything back. The page hears about it through `onCrash`.
//
// A cold start waits on three slow things: the worker starting, the wasm
// downloading and compiling, and the articles downloading. They do not depend
// on each other, so they run at once: createEngine() starts the worker and
// compiles the wasm here on the page's thread (compileCore; index.html
// preloads the file, and compilation runs off the main thread), then hands the
// compiled module to the worker; fetchCorpus() (corpus-download.js) downloads
// the articles meanwhile. main.js calls both before it builds the interface.

import { addFile, ensureEncodingTables, ENCODING_TABLES_URL } from "./encoding-tables.js";
import { fetchCorpus, loadCorpus } from "./corpus-download.js";
import { DICTIONARY_URL, ensureDictionary } from "./word-list.js";

// Kept here for anyone holding a Corpus of their own (tests, embedding pages),
// and for page scripts that load dist/engine.js alone: the corpus download
// (corpus-download.js) and the word list (word-list.js) with the engine.
export { addFile, ensureEncodingTables, ENCODING_TABLES_URL };
export { DICTIONARY_URL, ensureDictionary, fetchCorpus, loadCorpus };

/** Files and bytes per "addFiles" message (engine.addFiles sends longer lists in batches). */
const BATCH_FILES = 64;
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Calls that change the corpus in ways a new worker must be told again (the
 * stories' threshold too: moving to the full core is a new worker).
 */
const JOURNALLED = new Set(["addVariant", "removeVariant", "addWord", "loadReference", "setStoryThreshold"]);

/** Calls a sharded site's reader answers in the worker (www/sharded.js's archiveCall) that are no Corpus method. */
const ARCHIVE_CALLS = new Set(["document", "archive"]);

/** Calls that change what a stored snapshot holds (the worker stores after each: stored-corpus.js). */
const CHANGING = new Set(["addFiles", "removeDocument", "clear", "addVariant", "removeVariant", "addWord", "openCorpus"]);

/**
 * Compaction (issue 15, "memory"): wasm memory never shrinks, so after the
 * reader's files are cleaned and indexed the worker keeps the high-water mark
 * of that work (3.3× the text at 10 MB) for as long as the page lives. Once
 * the corpus is stored, a fresh worker opening the stored copy needs about
 * OPENED_PER_BYTE × its bytes plus OPENED_BASE (measured: tests/bench/RESULTS.md,
 * "Wasm memory after open"); when that would give back at least
 * COMPACT_MIN_SAVED and a quarter of the memory, the engine moves the corpus
 * there (engine.compact). Small corpora are left alone: a new worker is not
 * worth a few MiB.
 */
const OPENED_PER_BYTE = 1.5;
const OPENED_BASE = 2 * 1024 * 1024;
const COMPACT_MIN_SAVED = 8 * 1024 * 1024;

/** Calls that change nothing a new worker would lack: a compaction under way survives them. */
const READS = new Set(["search", "documents", "text", "reader", "highlight", "entities", "stories", "capabilities", "save", "wasmMemory", "flushStoredCorpus", "needsEncodingTables", "hasDictionary", "hasReference", "userWords", "inspectTable", "concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures", "segment", "foundWords", "segmentedDocuments", "referenceKeywords", "document", "archive"]);

/**
 * The core's wasm, next to index.html in dist/ (scripts/build.sh puts it there).
 * Resolved against this module, not the page: an embedding page may live elsewhere.
 */
export const WASM_URL = "pkg/corpus_explorer_bg.wasm";

/**
 * The same core without the analysis API (the crate built without its
 * "analysis" feature): about 70 KB less to download and compile before the
 * first search. The engine starts on it and moves to WASM_URL's full core
 * when something needs more than searching (engine.upgrade()). Where it is
 * missing (www/ served as is), the engine starts on the full core.
 */
export const SEARCH_WASM_URL = "pkg/corpus_explorer_search_bg.wasm";

/**
 * The search-only core with the reader of a sharded site (`ShardedCorpus`): what a sharded
 * site's page starts on (`<html data-core="archive">`, written by corpus-explorer build), about
 * half the full core's bytes to download and compile before the first answer. It moves to the
 * full core, as the search core does, when something needs more.
 */
export const ARCHIVE_WASM_URL = "pkg/corpus_explorer_archive_bg.wasm";

/** Each core's file. */
const CORE_URL = { search: SEARCH_WASM_URL, archive: ARCHIVE_WASM_URL, full: WASM_URL };

const compiled = new Map(); // url → Promise<WebAssembly.Module | null>, shared by every engine of the page

/**
 * Downloads and compiles a core once per page; every worker gets the same
 * compiled module (another explorer on the page, a worker replacing a crashed
 * one). Streaming compilation works while the bytes arrive and off the main
 * thread. Null when the page cannot compile it (a server that does not send
 * the file, a host page whose CSP lacks 'wasm-unsafe-eval'): the worker then
 * loads the full core itself and reports what is wrong if it cannot either.
 *
 * @param {string} url WASM_URL or SEARCH_WASM_URL
 * @returns {Promise<WebAssembly.Module | null>}
 */
export function compileCore(url = WASM_URL) {
  if (!compiled.has(url)) {
    compiled.set(
      url,
      (async () => {
        const response = await fetch(new URL(url, import.meta.url));
        if (!response.ok) return null;
        // compileStreaming insists on the application/wasm type, which not every static host sends.
        const streaming = typeof WebAssembly.compileStreaming === "function" && /^application\/wasm\b/.test(response.headers.get("Content-Type") ?? "");
        return streaming ? WebAssembly.compileStreaming(response) : WebAssembly.compile(await response.arrayBuffer());
      })().catch(() => null),
    );
  }
  return compiled.get(url);
}

/**
 * Whether a worker holding `memory` bytes of wasm memory for a corpus whose stored
 * snapshot has `bytes` bytes gives enough back when the corpus moves to a fresh one.
 */
export function worthCompacting(memory, bytes) {
  const saved = memory - (OPENED_PER_BYTE * bytes + OPENED_BASE);
  return saved >= COMPACT_MIN_SAVED && saved >= memory / 4;
}

/**
 * Starts the worker (and the core's compilation) and returns the proxy.
 *
 * @param {{ onCrash?: (message: string) => void, core?: "search" | "archive" | "full" }} options `onCrash` is
 *   called when the worker died and was replaced (its documents re-added);
 *   `engine.onCrash(listener)` adds a listener later. `core: "archive"` starts on the
 *   search core with a sharded site's reader (a page that knows it is one), `core: "full"`
 *   on the full core at once, instead of the search core and a move later.
 */
export function createEngine({ onCrash, core: startCore = "search", compactWhen = worthCompacting } = {}) {
  const crashListeners = onCrash ? [onCrash] : [];
  let worker = null;
  let nextId = 1;
  const pending = new Map(); // id → { resolve, reject, onProgress }
  let files = []; // [{ name, bytes }] in id order: what the worker's corpus holds (after `base`'s documents)
  let journal = []; // [{ method, args }] of JOURNALLED calls that succeeded
  let dictionary = null; // the word list's bytes once loaded
  let ready = null; // resolves when the worker can take calls
  let offers = null; // Promise: the full core's capabilities()
  // What the corpus started from before `files` (issue 15): null (an empty core),
  // "stored" (the copy kept in the browser under `storedKey`, stored-corpus.js), or
  // the bytes of a corpus file opened. A new worker opens it first.
  let base = null;
  let baseDocuments = 0; // how many documents `base` holds (they have no entry in `files`)
  let storedKey = null;
  // A sharded site (issue 16): `{ url, root }` (the root's URL and bytes) while the corpus is
  // one; a new worker opens it again (its shards are fetched again, from the HTTP cache).
  let sharded = null;
  let storing = false; // every change is stored under storedKey (engine.store)
  let unstored = false; // a change made while storing that no write has reported yet
  const storeListeners = [];
  // Calls sent before anyone asked for them (engine.early: the boot's search of the address,
  // first-search.js), by their method and arguments: the first identical call takes the answer.
  // Any change of the corpus drops them (dropEarly), so an answer is never older than the corpus.
  const early = new Map();
  // Counts those changes: answers computed elsewhere for the corpus as it was at one count
  // (engine.answered's `since`) are taken only while it still is.
  let generation = 0;
  const dropEarly = () => {
    early.clear();
    generation += 1;
  };

  // Which core the worker runs: "search" (no analysis API) or "archive" (the same with a
  // sharded site's reader) until something needs more, then "full" for good, crashes included.
  let core = Object.hasOwn(CORE_URL, startCore) ? startCore : "search";

  /** Starts a worker; resolves once it has been given the compiled core (or told to load it). */
  function start() {
    worker = spawn();
    const own = worker;
    // The first message, before any call: null makes the worker fetch the full core itself.
    return compileCore(CORE_URL[core]).then((module) => {
      if (!module) core = "full";
      if (own === worker) own.postMessage({ id: 0, method: "__core", args: [module] });
    });
  }

  /**
   * A new worker whose answers come to onMessage; its death is a crash only while it is the
   * current one (a compaction's worker that dies is dropped: `onLost`).
   */
  function spawn(onLost = null) {
    const own = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const lost = (message) => (own === worker ? crashed(message) : onLost?.(message));
    own.addEventListener("message", (event) => onMessage(event, own, lost));
    own.addEventListener("error", (event) => {
      event.preventDefault();
      lost(`the worker stopped: ${event.message || "unknown error"}`);
    });
    own.addEventListener("messageerror", () => lost("the worker sent an unreadable message"));
    return own;
  }

  function onMessage(event, from = worker, lost = crashed) {
    if (retired.has(from)) return;
    const { id, ok, value, error, progress, store } = event.data ?? {};
    if (store) {
      if (from !== worker) return; // a compaction's worker stores nothing before it takes over
      // Once the stored copy holds everything, a new worker starts from it.
      // (Unless a change is in flight: it may or may not be in what was written.)
      if (store.kind === "stored" && ![...pending.values()].some((call) => CHANGING.has(call.method))) {
        base = "stored";
        baseDocuments = store.documents;
        files = [];
        unstored = false;
      }
      for (const listener of storeListeners) listener(store);
      if (store.kind === "stored" && store.memory && compactWhen(store.memory, store.bytes)) engine.compact().catch(() => {});
      return;
    }
    const call = pending.get(id);
    if (!call) return;
    if (progress) {
      call.onProgress?.(progress);
      return;
    }
    pending.delete(id);
    if (ok) call.resolve(value);
    else if (error?.fatal) {
      call.reject(new Error(error.message));
      lost(`the core stopped (${error.message})`);
    } else call.reject(Object.assign(new Error(error?.message ?? "unknown error"), error?.shard ? { shard: error.shard } : {}));
  }

  /** Posts one call now, without waiting for a restart to finish (to `to`: the current worker). */
  function post(method, args, onProgress, to = worker) {
    const id = nextId++;
    if (to === worker && !READS.has(method)) changes += 1;
    const answer = new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, method, to });
      try {
        to.postMessage({ id, method, args });
      } catch (error) {
        pending.delete(id);
        reject(error);
      }
    });
    const call = pending.get(id);
    if (call) call.settled = answer;
    return answer;
  }

  /**
   * Adds `list` ([{ name, bytes } or { name, file }]) through a few "addFiles"
   * calls of at most BATCH_FILES files or BATCH_BYTES bytes each: a postMessage
   * of thousands of files, or of one 50 MB copy, blocks the page for seconds.
   * Bytes are copied to the worker (the engine keeps them for a restart);
   * File objects are read by the worker itself. Progress and the answer are for
   * the whole list; `index` in `added` is into `list`.
   */
  async function addInBatches(list, { replace = false, onProgress } = {}) {
    // A File's size is not asked here: for a file on disk each `size` is a trip to
    // the browser, and thousands of them block the page. Files are batched by
    // count, and progress then counts files, not bytes.
    const size = ({ bytes }) => bytes?.length ?? 0;
    const sized = list.every(({ bytes }) => bytes);
    const totalBytes = sized ? list.reduce((sum, item) => sum + size(item), 0) : 0;
    const added = [];
    const errors = [];
    let documents = [];
    if (list.length === 0) return post("addFiles", [[], { replace }], onProgress);
    let bytesBefore = 0;
    for (let from = 0; from < list.length; ) {
      let to = from + 1;
      let batchBytes = size(list[from]);
      while (to < list.length && to - from < BATCH_FILES && batchBytes + size(list[to]) <= BATCH_BYTES) {
        batchBytes += size(list[to]);
        to += 1;
      }
      const [offset, before, last] = [from, bytesBefore, to === list.length];
      // Files in one batch: the worker knows their sizes (it reads them), so a single large
      // table streamed in slices shows its progress by bytes.
      const whole = !sized && list.length <= BATCH_FILES;
      const progress = onProgress && ((p) => onProgress({ ...p, file: offset + p.file, files: list.length, bytes: sized ? before + p.bytes : whole ? p.bytes : 0, totalBytes: whole ? p.totalBytes : totalBytes }));
      const answer = await post("addFiles", [list.slice(from, to), { replace: replace && from === 0, documents: last }], progress);
      for (const entry of answer.added) added.push({ ...entry, index: offset + entry.index });
      errors.push(...answer.errors);
      if (last) documents = answer.documents;
      bytesBefore += batchBytes;
      from = to;
    }
    return { added, errors, documents };
  }

  /** Starts a new worker and gives it what the old one held (documents, word list, variants, words). */
  function restart() {
    const started = start();
    const old = { files, journal, dictionary };
    return (async () => {
      replaying = true;
      try {
        await started;
        if (base === "stored") await post("reopenStoredCorpus", [storedKey]);
        else if (base) await post("openSnapshot", [base]);
        else if (sharded) await post("openSharded", [sharded.url, sharded.root]);
        if (old.dictionary) await post("loadDictionary", [old.dictionary]);
        if (old.files.length > 0) await addInBatches(old.files.filter(Boolean));
        for (const { method, args } of old.journal) {
          await post(method, args).catch(() => {});
        }
        // Storing again once everything is back (replaying is no change of the reader's),
        // and at once if the old worker had changes it had not written.
        if (storing) await post("storeCorpus", [storedKey, { changed: unstored }]);
      } finally {
        replaying = false;
      }
    })();
  }

  let replaying = false;
  /** Replaces a dead worker and gives the new one what the old one held. */
  function crashed(message) {
    dropEarly();
    const calls = [...pending.values()];
    pending.clear();
    changes += 1; // a compaction under way started from the dead worker's state: dropped
    worker?.terminate();
    for (const call of calls) call.reject(new Error(message));
    // A crash while putting things back: start empty rather than crash forever.
    if (replaying) {
      files = [];
      journal = [];
      dictionary = null;
      base = null;
      baseDocuments = 0;
    }
    // Reported below as the crash; the page stays usable with what came back.
    ready = restart().catch(() => {});
    for (const listener of crashListeners) listener(message);
  }

  /** Rejects the calls in flight to `target`, a worker that is going (not the current one). */
  function dropCalls(target, message) {
    for (const [id, call] of pending) {
      if (call.to === target) {
        pending.delete(id);
        call.reject(new Error(message));
      }
    }
  }

  let changes = 0; // calls that changed the current worker's state (a compaction is dropped when it moves)
  let compacting = null; // Promise of the compaction under way
  const retired = new Set(); // workers replaced by a compaction, answering their last calls
  const compactListeners = [];

  /**
   * Moves the corpus into a fresh worker to give back the wasm memory the old one holds for
   * good (see OPENED_PER_BYTE): the new worker opens the stored copy, gets the word list and
   * the journalled calls, while the old one keeps answering; then calls wait only while the
   * old one's calls in flight are answered, and the new one takes over. Anything that
   * changed the corpus meanwhile (or a crash) drops the new worker instead, nothing lost.
   * Resolves `{ before, after, ms }` (bytes of wasm memory), or null when it did not happen.
   */
  function compact() {
    if (compacting) return compacting;
    if (base !== "stored" || !storing || upgrading || replaying || sharded) return Promise.resolve(null);
    const started = performance.now();
    const seen = changes;
    const old = worker;
    let lostWhy = null;
    const fresh = spawn((message) => {
      lostWhy = message;
      dropCalls(fresh, message);
    });
    const still = () => lostWhy === null && changes === seen && worker === old && base === "stored" && storing;
    const job = (async () => {
      // Only from a stored copy that holds every change (none waiting for its write).
      const first = await post("wasmMemory", []);
      if (first.changes !== first.stored) return null;
      const before = first.wasm;
      const module = await compileCore(CORE_URL[core]);
      fresh.postMessage({ id: 0, method: "__core", args: [module] });
      const opened = await post("reopenStoredCorpus", [storedKey], null, fresh);
      if (!opened || !still()) return null;
      if (dictionary) await post("loadDictionary", [dictionary], null, fresh);
      for (const { method, args } of journal) await post(method, args, null, fresh).catch(() => {});
      if (!still()) return null;
      // The swap: calls wait from here until the new worker stores as the old one did.
      let release;
      const waiting = ready;
      ready = new Promise((resolve) => {
        release = resolve;
      });
      try {
        await waiting;
        const inFlight = () => [...pending.values()].filter((call) => call.to === old);
        for (;;) {
          while (inFlight().length > 0) await Promise.allSettled(inFlight().map((call) => call.settled));
          const last = await post("wasmMemory", [], null, old);
          if (!still() || last.changes !== first.changes || last.stored !== first.stored) return null;
          // A call that had passed `ready` before it was held went to the old worker: answered first.
          if (inFlight().length === 0) break;
        }
        worker = fresh;
        retired.add(old);
        old.terminate();
        await post("storeCorpus", [storedKey]);
        const after = (await post("wasmMemory", [])).wasm;
        return { before, after, ms: Math.round(performance.now() - started) };
      } finally {
        release();
      }
    })()
      .catch(() => null)
      .then((done) => {
        if (worker !== fresh) {
          fresh.terminate();
          dropCalls(fresh, "the compaction was dropped");
        } else if (done) {
          for (const listener of compactListeners) listener(done);
        }
        return worker === fresh ? done : null;
      })
      .finally(() => {
        compacting = null;
      });
    compacting = job;
    return job;
  }

  let upgrading = null;
  /**
   * Moves to the full core: once the calls in flight are answered, a new
   * worker with the full core gets the documents again and takes over. Calls
   * made meanwhile wait for it. Does nothing on the full core.
   */
  function upgrade() {
    if (core === "full") return ready;
    upgrading ??= (async () => {
      await ready;
      while (pending.size > 0) await Promise.allSettled([...pending.values()].map((call) => call.settled));
      if (core === "full") return;
      core = "full";
      offers = null;
      // A change still waiting to be stored is written before its worker goes.
      if (storing) await post("flushStoredCorpus", []).catch(() => {});
      const old = worker;
      retired.add(old);
      old.terminate();
      await restart();
    })().finally(() => {
      upgrading = null;
    });
    ready = upgrading.catch(() => {});
    return upgrading;
  }

  /**
   * Whether `method` needs the full core (the search core's capabilities, asked once). On a
   * sharded site the worker's sharded.js answers some calls itself (`document`, `archive`):
   * the archive core has them.
   */
  async function needsFullCore(method) {
    if (core === "full" || method === "capabilities") return false;
    if (sharded !== null && ARCHIVE_CALLS.has(method)) return false;
    searchOffers ??= post("capabilities", []);
    return !(await searchOffers).methods.includes(method);
  }
  let searchOffers = null;

  /**
   * Keeps the restart record in step with a removal: a document of the base
   * (the prebuilt, stored or opened corpus) cannot be left out of it, so the
   * worker's corpus becomes the new base (save(); one call, only when such a
   * document is removed).
   */
  async function forget(id) {
    if (id >= baseDocuments) {
      files.splice(id, 1);
      return;
    }
    base = await post("save", []);
    baseDocuments = Math.max(baseDocuments, files.length) - 1;
    files = [];
  }

  ready = start();
  // Asked at once, while the corpus downloads: the first calls ask which core has them, and
  // the answer is then at hand instead of one more round trip before the first search.
  ready.then(() => {
    if (core !== "search" || searchOffers) return;
    searchOffers = post("capabilities", []);
    searchOffers.catch(() => {}); // a crash's rejection is for whoever awaits it
  });

  const engine = {
    /** Adds a listener for the worker dying and being replaced: `listener(message)`. */
    onCrash(listener) {
      crashListeners.push(listener);
    },

    /**
     * Any Corpus method by name: `await engine.call("search", "京东", { limit: 10 })`.
     * A method only the full core has moves the engine to it first.
     */
    async call(method, ...args) {
      if (early.size > 0) {
        const key = JSON.stringify([method, args]);
        const sent = early.get(key);
        if (sent) {
          early.delete(key);
          return sent;
        }
      }
      if (JOURNALLED.has(method) || CHANGING.has(method)) dropEarly();
      await ready;
      if (await needsFullCore(method)) await upgrade();
      await ready;
      const value = await post(method, args);
      if (storing && (JOURNALLED.has(method) || method === "removeDocument" || method === "clear")) unstored = true;
      if (JOURNALLED.has(method)) journal.push({ method, args });
      else if (method === "loadDictionary") dictionary = args[0];
      else if (method === "removeDocument") await forget(args[0]);
      else if (method === "clear") [files, base, baseDocuments, sharded] = [[], null, 0, null];
      return value;
    },

    /**
     * Sends `method(...args)` now, before anyone asks for it (the boot's search of the
     * address, first-search.js): the first `call` with the same method and arguments (as
     * JSON) gets this answer instead of asking again, unless the corpus changed in between.
     * Nothing is returned; a failure is that later call's.
     */
    early(method, ...args) {
      const answer = engine.call(method, ...args);
      answer.catch(() => {});
      early.set(JSON.stringify([method, args]), answer);
    },

    /**
     * Answers given before the worker could give them (the boot's first answer, computed on
     * the page by the same core from the same snapshot: first-answer.js), `[[method, args,
     * value]]`: the first identical call takes its answer, as after early(). `offers` is that
     * core's capabilities(), so asking which core has a method needs no round trip either.
     * `since` is `engine.generation` read just after openSnapshot was asked for the snapshot
     * the answers come from: if the corpus changed since (a stored corpus reopened, files
     * added, the worker's open refused, a crash), the answers are for a corpus no longer
     * there and are dropped. Returns whether they were taken.
     */
    answered(answers, offers, since) {
      if (offers && core === "search") searchOffers = Promise.resolve(offers);
      if (since !== generation) return false;
      for (const [method, args, value] of answers) early.set(JSON.stringify([method, args]), Promise.resolve(value));
      return true;
    },

    /** How many times the corpus changed (see answered). */
    get generation() {
      return generation;
    },

    /**
     * What the full core offers, as it says itself (moving to it if need be):
     * `{ version, analysis, methods: string[] }`.
     */
    async capabilities() {
      await upgrade();
      offers ??= post("capabilities", []);
      return offers;
    },

    /**
     * Whether the core the worker runs now has Corpus method `method`, as it says
     * itself — without moving to the full core (for a call worth making only where
     * it is at hand, such as stories() from a core built before it).
     */
    async offers(method) {
      await ready;
      if (core === "full") return (await engine.capabilities()).methods.includes(method);
      searchOffers ??= post("capabilities", []);
      return (await searchOffers).methods.includes(method);
    },

    /** The Corpus methods this engine offers: the full core's (moving to it if need be). */
    async methods() {
      return new Set((await engine.capabilities()).methods);
    },

    /**
     * Moves to the full core (with the analysis API) now rather than on the
     * first call that needs it; resolves when it has taken over.
     */
    upgrade,

    /** "search", "archive" or "full": which build of the core the worker runs. */
    get core() {
      return core;
    },

    /**
     * Adds files in order (`[{ name, bytes: Uint8Array }]` or `[{ name, file:
     * File }]`, which the worker reads), each one's
     * problem listed rather than thrown. `onProgress({ file, files, name,
     * bytes, totalBytes })` hears before each file and once at the end.
     * With `replace`, the corpus is emptied first. Files after the first
     * load (the reader's own) go to the full core: whoever brings a corpus
     * of their own analyses it, and moving later would index it twice.
     *
     * @returns {Promise<{ added: {name, id}[], errors: {name, message}[], documents: object[] }>}
     */
    async addFiles(list, { replace = false, onProgress } = {}) {
      dropEarly();
      await ready;
      // Web pages too: the search core is built without HTML extraction (the `html` feature).
      const pages = list.some(({ name }) => /\.(x?html?|shtml)$/i.test(name ?? ""));
      if (files.length > 0 || base !== null || replace || pages) await upgrade();
      await ready;
      const answer = await addInBatches(list, { replace, onProgress });
      if (storing) unstored = true;
      if (replace) [files, base, baseDocuments, sharded] = [[], null, 0, null];
      // Kept for a restart: the bytes, or the File to read again (no copy of its bytes here).
      // A table or archive gives many documents: it is kept once, at its first one.
      const kept = new Set();
      for (const { id, index } of answer.added) {
        const { name, bytes, file, options } = list[index];
        files[id] = kept.has(index) ? null : file ? { name, file, options } : { name, bytes, options };
        kept.add(index);
      }
      return answer;
    },

    /**
     * Opens a prebuilt corpus (a snapshot's bytes) in place of the current
     * one: `{ documents }`. The engine keeps the bytes to give a new worker
     * (a crash, the move to the full core). Throws, leaving the corpus as it
     * was, when the core refuses them.
     */
    async openSnapshot(bytes) {
      dropEarly();
      const mine = generation;
      await ready;
      const answer = await post("openSnapshot", [bytes]).catch((error) => {
        // Answers given for these bytes (engine.answered) are not the worker's corpus.
        if (generation === mine) dropEarly();
        throw error;
      });
      [files, base, baseDocuments, sharded] = [[], bytes, answer.documents.length, null];
      return answer;
    },

    /**
     * Opens a sharded site (its root's URL and bytes) in place of the corpus, on the archive
     * or the full core (the search-only core leaves the sharded reader out): `{ documentCount }`.
     * Search, the reader and `document(id)` then fetch the shards they need; calls that
     * would change the corpus are refused (www/sharded.js).
     */
    async openSharded(url, root) {
      dropEarly();
      if (core === "search") await upgrade();
      await ready;
      const answer = await post("openSharded", [url, root]);
      [files, base, baseDocuments, sharded] = [[], null, 0, { url, root }];
      return answer;
    },

    /** Whether the corpus is a sharded site (read-only, fetched as it is searched). */
    get sharded() {
      return sharded !== null;
    },

    /** Removes document `id`; later documents move up one. Returns the new list. */
    async removeDocument(id) {
      await engine.call("removeDocument", id);
      return engine.call("documents");
    },

    /**
     * Opens the corpus kept in the browser under `key` (stored-corpus.js) in place
     * of the current one: `{ documents, bytes }`, or null when none is stored.
     * Throws the core's message when the stored copy is refused. `search`: the
     * page's first search (`[query, options]`), answered in the same trip before
     * the document list is made; the first identical engine.call("search") gets it.
     * `onSearch(answer)`: hears that answer as soon as it comes, before the list is asked for.
     */
    async reopenStored(key, { search = null, onSearch = null } = {}) {
      dropEarly();
      await ready;
      const list = !(search && onSearch);
      const answer = await post("reopenStoredCorpus", search ? [key, { search, list }] : [key]);
      // The first search, answered by the worker right after opening: the same call made
      // now takes it (as engine.early's do).
      if (answer?.search) early.set(JSON.stringify(["search", search]), Promise.resolve(answer.search));
      if (answer && !list) {
        // Shown before the list is made and handed over (at 50 MB ~0.3 s of the two threads).
        if (answer.search) onSearch(answer.search);
        answer.documents = await post("documents", []);
      }
      if (answer) {
        sharded = null;
        base = "stored";
        baseDocuments = answer.documents.length;
        storedKey = key;
        files = [];
      }
      return answer;
    },

    /**
     * From now on the worker stores every change of the corpus under `key`
     * (debounced; `onStore` hears each write). Resolves `{ canStore }`.
     */
    async store(key) {
      await ready;
      storedKey = key;
      storing = true;
      return post("storeCorpus", [key]);
    },

    /** Stops storing and deletes the stored copy; the corpus in the worker stays. */
    async forgetStored() {
      await ready;
      storing = false;
      await post("forgetStoredCorpus", [storedKey]);
      if (base === "stored") base = null;
    },

    /** Adds a listener for the stored copy's news: `listener({ kind, … })` (stored-corpus.js). */
    onStore(listener) {
      storeListeners.push(listener);
    },

    /**
     * Opens a corpus file (Corpus.save()'s bytes): with `add`, its documents
     * join the current ones; else it replaces the corpus. Refused bytes throw
     * the core's message and change nothing. Returns the documents.
     */
    async openCorpus(bytes, { add = false } = {}) {
      dropEarly();
      await ready;
      await upgrade(); // a corpus brought to be read is analysed too, as with own files
      await ready;
      const documents = await post("openCorpus", [bytes, { add }]);
      if (storing) unstored = true;
      if (!add) {
        files = [];
        sharded = null;
        base = bytes;
        baseDocuments = documents.length;
      } else if (!storing) {
        // Kept for a new worker as one snapshot (stored, the stored copy does that).
        base = await post("save", []);
        baseDocuments = documents.length;
        files = [];
      }
      if (!add && dictionary) await post("loadDictionary", [dictionary]);
      return documents;
    },

    /**
     * Moves the corpus into a fresh worker now, if it is stored and nothing is under way
     * (it happens by itself after a write when worth it: compactWhen). Resolves `{ before,
     * after, ms }` (wasm memory in bytes before and after, time to the swap), or null.
     */
    compact,

    /** Adds a listener for each compaction done: `listener({ before, after, ms })`. */
    onCompact(listener) {
      compactListeners.push(listener);
    },

    /** `{ wasm }`: the bytes of wasm memory the worker's core holds now (never shrinks). */
    async memory() {
      await ready;
      return post("wasmMemory", []);
    },

    /** For tests: makes the worker throw, as a crash would. */
    crashForTesting() {
      worker.postMessage({ id: 0, method: "__crash" });
    },
  };
  return engine;
}
