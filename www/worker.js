// The worker that owns the wasm core. engine.js is its only correspondent:
// each message is { id, method, args } and gets one answer { id, ok, value }
// or { id, ok: false, error: { message, fatal } }; adding files also sends
// { id, progress } after each file. Everything slow (decoding, cleaning,
// indexing, analysis) happens here, so the page never freezes.
//
// A panic in the core (a wasm trap: "RuntimeError: unreachable") leaves the
// instance unusable; the answer says `fatal: true` and engine.js starts a new
// worker.

import init, { Corpus } from "./pkg/corpus_explorer.js";
import { addFile } from "./encoding-tables.js";
import { htmlBytesToText, isHtmlName } from "./html-text.js";

let corpus = null;
const ready = init().then(() => {
  corpus = new Corpus();
});

/** Calls the page may make besides the Corpus methods themselves. */
const SPECIAL = {
  /** The Corpus methods this build has, so the page can tell what it offers. */
  methods: () => Object.getOwnPropertyNames(Corpus.prototype).filter((name) => name !== "constructor" && !name.startsWith("__")),

  /**
   * Adds files in order: `[{ name, bytes }]`. HTML is reduced to its text
   * first. One bad file does not stop the rest: it is listed in `errors`.
   * With `replace`, the corpus is cleared first.
   */
  async addFiles(id, files, { replace = false } = {}) {
    if (replace) corpus.clear();
    const total = files.reduce((sum, file) => sum + file.bytes.length, 0);
    const added = [];
    const errors = [];
    let done = 0;
    for (const [i, { name, bytes }] of files.entries()) {
      postMessage({ id, progress: { file: i + 1, files: files.length, name, bytes: done, totalBytes: total } });
      try {
        const text = isHtmlName(name) ? htmlBytesToText(bytes) : bytes;
        added.push({ name, index: i, id: await addFile(corpus, name, text) });
      } catch (error) {
        if (isPanic(error)) throw error;
        errors.push({ name, message: messageOf(error) });
      }
      done += bytes.length;
    }
    postMessage({ id, progress: { file: files.length, files: files.length, name: null, bytes: done, totalBytes: total } });
    return { added, errors, documents: corpus.documents() };
  },
};

self.addEventListener("message", async (event) => {
  const { id, method, args = [] } = event.data ?? {};
  if (method === "__crash") {
    // engine.crashForTesting(): an uncaught error, as a real crash would be.
    setTimeout(() => {
      throw new Error("crash requested for testing");
    });
    return;
  }
  try {
    await ready;
    let value;
    if (Object.hasOwn(SPECIAL, method)) {
      value = await SPECIAL[method](id, ...args);
    } else if (typeof Corpus.prototype[method] === "function" && !method.startsWith("__") && method !== "free") {
      value = corpus[method](...args);
    } else {
      throw new Error(`the core has no ${method}()`);
    }
    postMessage({ id, ok: true, value });
  } catch (error) {
    postMessage({ id, ok: false, error: { message: messageOf(error), fatal: isPanic(error) } });
  }
});

function isPanic(error) {
  return error instanceof WebAssembly.RuntimeError;
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
