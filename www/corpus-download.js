// The bundled corpus: its manifest and articles downloaded (fetchCorpus, which
// main.js starts before the interface is built) and added to an engine in
// manifest order (loadCorpus). No state of its own: each call downloads, and
// each engine is given what its own call fetched.
import { messageOf } from "./format.js";

/**
 * Downloads the manifest and every article it lists, in parallel; nothing is
 * added yet. Start it early (main.js does, before building the interface) and
 * give the promise to loadCorpus.
 *
 * @param {string} manifestUrl URL of `{"documents": ["000_….txt", …]}`;
 *   article names are resolved relative to it.
 * @returns {Promise<{ names: string[], files: { name: string, bytes: Uint8Array }[], problems: Map<string, string> }>}
 *   rejects only when the manifest cannot be read
 */
export async function fetchCorpus(manifestUrl = "seeds/manifest.json") {
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

  const fetched = await Promise.allSettled(names.map((name) => fetchBytes(name, manifestHref)));
  const files = [];
  const problems = new Map();
  for (const [i, result] of fetched.entries()) {
    if (result.status === "rejected") problems.set(names[i], messageOf(result.reason));
    else files.push({ name: names[i], bytes: result.value });
  }
  return { names, files, problems };
}

/**
 * Fetches the manifest and every article it lists (or takes what
 * fetchCorpus already fetched), and adds them in manifest order (so ids
 * follow the file names).
 *
 * One bad file must not hide the other articles: a file that cannot be fetched
 * or that the core refuses (empty, binary, not decodable) is reported in
 * `errors` as `{ name, message }` and skipped. Only a missing wasm or manifest
 * throws.
 *
 * @param {ReturnType<typeof createEngine>} engine
 * @param {string} manifestUrl URL of `{"documents": ["000_….txt", …]}`;
 *   article names are resolved relative to it.
 * @param {{ onProgress?: Function, fetched?: ReturnType<typeof fetchCorpus> }} options
 * @returns {Promise<{ documents: object[], errors: { name: string, message: string }[] }>}
 */
export async function loadCorpus(engine, manifestUrl = "seeds/manifest.json", { onProgress, fetched } = {}) {
  const { names, files, problems } = await (fetched ?? fetchCorpus(manifestUrl));
  const answer = await engine.addFiles(files, { onProgress });
  for (const { name, message } of answer.errors) problems.set(name, message);
  const errors = names.filter((name) => problems.has(name)).map((name) => ({ name, message: problems.get(name) }));
  return { documents: answer.documents, errors };
}

async function fetchBytes(name, base) {
  // encodeURIComponent keeps a name like "../x" inside the seeds folder.
  const response = await fetch(new URL(encodeURIComponent(name), base));
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
