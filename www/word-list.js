// The word list (dict/words.txt) that word-level views need, downloaded the
// first time an engine needs it and handed to that engine's core. Its cache is
// per engine: every <corpus-explorer> on a page has its own worker and core,
// and each core must be given the list (a page-wide cache once left a second
// explorer without it, so its word-level views failed).

/** The word list's address, next to index.html in dist/ (scripts/build.sh puts it there). */
// Resolved against this module, not the page: an embedding page may live elsewhere.
export const DICTIONARY_URL = "dict/words.txt";

/** engine → its one load in flight or done: Promise<info>. Weak, so a discarded explorer's engine goes. */
const loads = new WeakMap();

/**
 * Makes sure `engine`'s core has its word list, fetching `dict/words.txt` the
 * first time one of its word-level views needs it (≈700 KB, so search never
 * waits for it). Later calls for the same engine get the same answer without
 * a request; another engine loads its own. A failed load is forgotten, so the
 * next call tries again. (The engine itself gives the list to a worker that
 * replaces a crashed one.)
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
  return oncePerEngine(loads, engine, () => loadDictionary(engine, url, onProgress));
}

/**
 * `cache`'s entry for `engine`, started with `start()` when there is none: one
 * load per engine, shared by every caller while in flight and after; a failed
 * load is forgotten so that the next call tries again.
 */
function oncePerEngine(cache, engine, start) {
  if (!cache.has(engine)) {
    const load = start().catch((error) => {
      if (cache.get(engine) === load) cache.delete(engine);
      throw error;
    });
    cache.set(engine, load);
  }
  return cache.get(engine);
}

async function loadDictionary(engine, url, onProgress) {
  const started = performance.now();
  const { bytes, received, href } = await fetchBytes(url, onProgress);
  const words = await engine.call("loadDictionary", bytes);
  const ms = performance.now() - started;
  const timing = performance.getEntriesByName?.(href)?.at?.(-1);
  return { bytes: timing?.transferSize || timing?.encodedBodySize || received, received, ms, words };
}

/** The reference list of general Chinese (scripts/dict.py --reference), next to the word list. */
export const REFERENCE_URL = "dict/reference.txt";

/** engine → its reference load in flight or done, as for the word list. */
const referenceLoads = new WeakMap();

/**
 * Makes sure `engine`'s core has the reference list that keywords against
 * general Chinese compare with, fetching `dict/reference.txt` (≈700 KB) the
 * first time; per engine and retried after a failure, like ensureDictionary.
 *
 * @returns {Promise<{ ms: number, words: number }>}
 */
export function ensureReference(engine, { url = REFERENCE_URL } = {}) {
  return oncePerEngine(referenceLoads, engine, async () => {
    const started = performance.now();
    const { bytes } = await fetchBytes(url, () => {});
    const words = await engine.call("loadReference", bytes);
    return { ms: performance.now() - started, words };
  });
}

/** Fetches `url` (relative to this module) as bytes, reporting progress. */
async function fetchBytes(url, onProgress) {
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
  return { bytes, received, href };
}

