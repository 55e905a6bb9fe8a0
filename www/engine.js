// The only module that touches the wasm package. Everything else on the page
// gets plain objects from it: document lists, search answers, reader paragraphs.

import init, { Corpus } from "./pkg/corpus_explorer.js";

/**
 * Starts the wasm, fetches the manifest and every article it lists, and adds
 * them to a new Corpus in manifest order (so ids follow the file names).
 *
 * One bad file must not hide the other articles: a file that cannot be fetched
 * or that the core refuses (empty, binary, not decodable) is reported in
 * `errors` as `{ name, message }` and skipped. Only a missing wasm or manifest
 * throws.
 *
 * @param {string} manifestUrl URL of `{"documents": ["000_….txt", …]}`;
 *   article names are resolved relative to it.
 * @returns {Promise<{ corpus: Corpus, errors: { name: string, message: string }[] }>}
 */
export async function loadCorpus(manifestUrl = "seeds/manifest.json") {
  await init();

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

  const corpus = new Corpus();
  const errors = [];
  for (const [i, result] of fetched.entries()) {
    const name = names[i];
    if (result.status === "rejected") {
      errors.push({ name, message: messageOf(result.reason) });
      continue;
    }
    try {
      await addFile(corpus, name, result.value);
    } catch (error) {
      errors.push({ name, message: messageOf(error) });
    }
  }
  return { corpus, errors };
}

/** The GB18030/Big5 tables, next to index.html in dist/ (scripts/build.sh puts them there). */
export const ENCODING_TABLES_URL = "data/encodings.bin";

let encodingTables = null; // Promise<Uint8Array>: the one download in flight or done

/**
 * Adds a file, first fetching the GB18030/Big5 tables if its bytes need them
 * (most files are UTF-8 and never do). Throws like `addDocument`.
 */
export async function addFile(corpus, name, bytes) {
  if (corpus.needsEncodingTables(bytes)) {
    await ensureEncodingTables(corpus);
  }
  return corpus.addDocument(name, bytes);
}

/**
 * Gives `corpus` the legacy-encoding tables, downloading them once per page.
 * The bytes are cached, not the "loaded" state: each Corpus needs them given.
 * A failed download or a bad file is forgotten, so the next call retries.
 */
export async function ensureEncodingTables(corpus, { url = ENCODING_TABLES_URL } = {}) {
  encodingTables ??= fetch(new URL(url, globalThis.location?.href)).then(async (response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
  try {
    corpus.loadEncodingTables(await encodingTables);
  } catch (error) {
    encodingTables = null;
    throw error;
  }
}

/** The word list's address, next to index.html in dist/ (scripts/build.sh puts it there). */
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
export function ensureDictionary(corpus, { url = DICTIONARY_URL, onProgress = () => {} } = {}) {
  dictionaryLoad ??= loadDictionary(corpus, url, onProgress).catch((error) => {
    dictionaryLoad = null;
    throw error;
  });
  return dictionaryLoad;
}

async function loadDictionary(corpus, url, onProgress) {
  const started = performance.now();
  const href = new URL(url, globalThis.location?.href).href;
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
  const words = corpus.loadDictionary(bytes);
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
