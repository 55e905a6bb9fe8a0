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
  fetched.forEach((result, i) => {
    const name = names[i];
    if (result.status === "rejected") {
      errors.push({ name, message: messageOf(result.reason) });
      return;
    }
    try {
      corpus.addDocument(name, result.value);
    } catch (error) {
      errors.push({ name, message: messageOf(error) });
    }
  });
  return { corpus, errors };
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
