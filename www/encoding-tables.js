// Adding a file to a Corpus, fetching the GB18030/Big5 tables first when the
// file needs them. Used by the worker (which owns the page's corpus) and by
// anyone holding a Corpus of their own; no wasm import, so it loads anywhere.

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
 * Gives `corpus` the legacy-encoding tables, downloading them once per page
 * (or worker). The bytes are cached, not the "loaded" state: each Corpus needs
 * them given. A failed download or a bad file is forgotten, so the next call retries.
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
