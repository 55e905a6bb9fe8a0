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

import { addFile, ensureEncodingTables, ENCODING_TABLES_URL } from "./encoding-tables.js";

// Kept here for anyone holding a Corpus of their own (tests, embedding pages).
export { addFile, ensureEncodingTables, ENCODING_TABLES_URL };

/** Calls that change the corpus in ways a new worker must be told again. */
const JOURNALLED = new Set(["addVariant", "removeVariant", "addWord"]);

/**
 * Starts the worker and returns the proxy.
 *
 * @param {{ onCrash?: (message: string) => void }} options `onCrash` is
 *   called when the worker died and was replaced (its documents re-added)
 */
export function createEngine({ onCrash = () => {} } = {}) {
  let worker = null;
  let nextId = 1;
  const pending = new Map(); // id → { resolve, reject, onProgress }
  let files = []; // [{ name, bytes }] in id order: what the worker's corpus holds
  let journal = []; // [{ method, args }] of JOURNALLED calls that succeeded
  let dictionary = null; // the word list's bytes once loaded
  let ready = null; // resolves when the worker can take calls
  let methods = null; // Promise<Set<string>>

  function start() {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      crashed(`the worker stopped: ${event.message || "unknown error"}`);
    });
    worker.addEventListener("messageerror", () => crashed("the worker sent an unreadable message"));
  }

  function onMessage(event) {
    const { id, ok, value, error, progress } = event.data ?? {};
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
      crashed(`the core stopped (${error.message})`);
    } else call.reject(new Error(error?.message ?? "unknown error"));
  }

  /** Posts one call now, without waiting for a restart to finish. */
  function post(method, args, onProgress) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      try {
        worker.postMessage({ id, method, args });
      } catch (error) {
        pending.delete(id);
        reject(error);
      }
    });
  }

  let replaying = false;
  /** Replaces a dead worker and gives the new one what the old one held. */
  function crashed(message) {
    const calls = [...pending.values()];
    pending.clear();
    worker?.terminate();
    for (const call of calls) call.reject(new Error(message));
    // A crash while putting things back: start empty rather than crash forever.
    if (replaying) {
      files = [];
      journal = [];
      dictionary = null;
    }
    start();
    const old = { files, journal, dictionary };
    ready = (async () => {
      replaying = true;
      try {
        if (old.dictionary) await post("loadDictionary", [old.dictionary]);
        if (old.files.length > 0) await post("addFiles", [old.files]);
        for (const { method, args } of old.journal) {
          await post(method, args).catch(() => {});
        }
      } catch {
        // Reported below as the crash; the page stays usable with what came back.
      } finally {
        replaying = false;
      }
    })();
    onCrash(message);
  }

  start();
  ready = Promise.resolve();

  const engine = {
    /** Any Corpus method by name: `await engine.call("search", "京东", { limit: 10 })`. */
    async call(method, ...args) {
      await ready;
      const value = await post(method, args);
      if (JOURNALLED.has(method)) journal.push({ method, args });
      else if (method === "loadDictionary") dictionary = args[0];
      else if (method === "removeDocument") files.splice(args[0], 1);
      else if (method === "clear") files = [];
      return value;
    },

    /** The Corpus methods this build of the core has. */
    methods() {
      methods ??= engine.call("methods").then((names) => new Set(names));
      return methods;
    },

    /**
     * Adds files in order (`[{ name, bytes: Uint8Array }]`), each one's
     * problem listed rather than thrown. `onProgress({ file, files, name,
     * bytes, totalBytes })` hears before each file and once at the end.
     * With `replace`, the corpus is emptied first.
     *
     * @returns {Promise<{ added: {name, id}[], errors: {name, message}[], documents: object[] }>}
     */
    async addFiles(list, { replace = false, onProgress } = {}) {
      await ready;
      const answer = await post("addFiles", [list, { replace }], onProgress);
      if (replace) files = [];
      for (const { name, id, index } of answer.added) files[id] = { name, bytes: list[index].bytes };
      return answer;
    },

    /** Removes document `id`; later documents move up one. Returns the new list. */
    async removeDocument(id) {
      await engine.call("removeDocument", id);
      return engine.call("documents");
    },

    /** For tests: makes the worker throw, as a crash would. */
    crashForTesting() {
      worker.postMessage({ id: 0, method: "__crash" });
    },
  };
  return engine;
}

/**
 * Fetches the manifest and every article it lists, and adds them in manifest
 * order (so ids follow the file names).
 *
 * One bad file must not hide the other articles: a file that cannot be fetched
 * or that the core refuses (empty, binary, not decodable) is reported in
 * `errors` as `{ name, message }` and skipped. Only a missing wasm or manifest
 * throws.
 *
 * @param {ReturnType<typeof createEngine>} engine
 * @param {string} manifestUrl URL of `{"documents": ["000_….txt", …]}`;
 *   article names are resolved relative to it.
 * @returns {Promise<{ documents: object[], errors: { name: string, message: string }[] }>}
 */
export async function loadCorpus(engine, manifestUrl = "seeds/manifest.json", { onProgress } = {}) {
  const manifestHref = new URL(manifestUrl, globalThis.location?.href).href;
  const response = await fetch(manifestHref);
  if (!response.ok) {
    throw new Error(`${manifestUrl}: HTTP ${response.status}`);
  }
  const manifest = await response.json();
  if (!Array.isArray(manifest?.documents)) {
    throw new Error(`${manifestUrl}: expected {"documents": [...]}`);
  }
  const names = manifest.documents.filter((name) => typeof name === "string");

  // Fetch in parallel, add in order.
  const fetched = await Promise.allSettled(names.map((name) => fetchBytes(name, manifestHref)));
  const files = [];
  const problems = new Map();
  for (const [i, result] of fetched.entries()) {
    if (result.status === "rejected") problems.set(names[i], messageOf(result.reason));
    else files.push({ name: names[i], bytes: result.value });
  }
  const answer = await engine.addFiles(files, { onProgress });
  for (const { name, message } of answer.errors) problems.set(name, message);
  const errors = names.filter((name) => problems.has(name)).map((name) => ({ name, message: problems.get(name) }));
  return { documents: answer.documents, errors };
}

/** The word list's address, next to index.html in dist/ (scripts/build.sh puts it there). */
// Resolved against this module, not the page: an embedding page may live elsewhere.
export const DICTIONARY_URL = "dict/words.txt";

let dictionaryLoad = null; // the one download in flight or done: Promise<info>

/**
 * Makes sure the core has its word list, fetching `dict/words.txt` the first
 * time a word-level view needs it (≈700 KB, so search never waits for it).
 * Later calls get the same answer without a request. A failed load is
 * forgotten, so the next call tries again.
 *
 * `onProgress({ received, total })` is called as bytes arrive (`total` is 0
 * when the server sends no Content-Length).
 *
 * @returns {Promise<{ bytes: number, received: number, ms: number, words: number }>}
 *   `bytes` is what went over the wire (the resource timing's transfer size,
 *   or the bytes received when the browser does not say), `ms` the time from
 *   request to the core having loaded it.
 */
export function ensureDictionary(engine, { url = DICTIONARY_URL, onProgress = () => {} } = {}) {
  dictionaryLoad ??= loadDictionary(engine, url, onProgress).catch((error) => {
    dictionaryLoad = null;
    throw error;
  });
  return dictionaryLoad;
}

async function loadDictionary(engine, url, onProgress) {
  const started = performance.now();
  const href = new URL(url, import.meta.url).href;
  const response = await fetch(href);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("Content-Length")) || 0;
  const chunks = [];
  let received = 0;
  if (response.body?.getReader) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress({ received, total });
    }
  } else {
    const whole = new Uint8Array(await response.arrayBuffer());
    chunks.push(whole);
    received = whole.length;
    onProgress({ received, total });
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const words = await engine.call("loadDictionary", bytes);
  const ms = performance.now() - started;
  const timing = performance.getEntriesByName?.(href)?.at?.(-1);
  return { bytes: timing?.transferSize || timing?.encodedBodySize || received, received, ms, words };
}

async function fetchBytes(name, base) {
  // encodeURIComponent keeps a name like "../x" inside the seeds folder.
  const response = await fetch(new URL(encodeURIComponent(name), base));
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
