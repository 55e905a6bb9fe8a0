// The bundled corpus: its manifest and articles downloaded (fetchCorpus, which
// main.js starts before the interface is built) and added to an engine in
// manifest order (loadCorpus). No state of its own: each call downloads, and
// each engine is given what its own call fetched.
//
// A manifest may name a prebuilt corpus, `{"snapshot": "corpus.corpus", …}`
// (scripts/build.sh for the seeds, `corpus-explorer build` for a site owner's
// corpus): then only that file is downloaded and the core opens it as it is
// (openBundledCorpus), with no decoding, cleaning or indexing in the browser.
// The articles a manifest also lists are the fallback when the snapshot
// cannot be fetched or opened (say, one written by a newer core).
//
// A manifest may instead name the root of a sharded site, `{"sharded":
// "corpus/root.bin", "documentCount": …}` (`corpus-explorer build --sharded`):
// only the root is downloaded here, and the engine opens it (openShardedCorpus);
// the shards come later, as searches need them (sharded.js, in the worker).
import { messageOf } from "./message.js";

/**
 * Downloads the manifest and every article it lists, in parallel; nothing is
 * added yet. Start it early (main.js does, before building the interface) and
 * give the promise to loadCorpus.
 *
 * @param {string} manifestUrl URL of `{"documents": ["000_….txt", …]}`;
 *   article names are resolved relative to it.
 * @param {{ snapshot?: boolean }} options `snapshot: false` ignores a
 *   manifest's prebuilt corpus and fetches its articles
 * @returns {Promise<{ names: string[], files: { name: string, bytes: Uint8Array }[], problems: Map<string, string>,
 *   snapshot?: { name: string, bytes: Uint8Array }, fallback?: false | (() => ReturnType<typeof fetchCorpus>) }>}
 *   rejects only when the manifest (or a snapshot it names without listing articles) cannot be read
 */
export async function fetchCorpus(manifestUrl = "seeds/manifest.json", { snapshot = true } = {}) {
  const manifestHref = new URL(manifestUrl, globalThis.location?.href).href;
  const response = await fetch(manifestHref);
  if (!response.ok) {
    throw new Error(`${manifestUrl}: HTTP ${response.status}`);
  }
  const manifest = { ...(await response.json()) };
  if (!snapshot) delete manifest.snapshot;
  const listed = Array.isArray(manifest?.documents);
  if (typeof manifest?.sharded === "string") {
    const url = new URL(manifest.sharded, manifestHref).href;
    try {
      return { names: [], files: [], problems: new Map(), sharded: { name: manifest.sharded, url, root: await fetchBytes(manifest.sharded, manifestHref, { path: true }) } };
    } catch (error) {
      throw new Error(`${manifestUrl}: ${manifest.sharded}: ${messageOf(error)}`);
    }
  }
  if (typeof manifest?.snapshot === "string") {
    try {
      // The fallback fetches the articles this manifest lists: the manifest itself is not fetched again.
      return { names: [], files: [], problems: new Map(), snapshot: { name: manifest.snapshot, bytes: await fetchBytes(manifest.snapshot, manifestHref) }, fallback: listed && (() => fetchArticles(manifest.documents, manifestHref)) };
    } catch (error) {
      if (!listed) throw new Error(`${manifestUrl}: ${manifest.snapshot}: ${messageOf(error)}`);
    }
  }
  if (!listed) {
    throw new Error(`${manifestUrl}: expected {"documents": [...]} or {"snapshot": "…"}`);
  }
  return fetchArticles(manifest.documents, manifestHref);
}

/** The articles `documents` names (relative to `manifestHref`), in parallel; what failed in `problems`. */
async function fetchArticles(documents, manifestHref) {
  const names = documents.filter((name) => typeof name === "string");
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
  let download = await (fetched ?? fetchCorpus(manifestUrl));
  if (download.sharded) return openShardedCorpus(engine, download.sharded);
  if (download.snapshot) {
    try {
      return await openBundledCorpus(engine, download.snapshot);
    } catch (error) {
      if (!download.fallback) throw error;
      console.info(`${download.snapshot.name}: ${messageOf(error)}; indexing the articles instead`);
      download = await download.fallback();
    }
  }
  const { names, files, problems } = download;
  const answer = await engine.addFiles(files, { onProgress });
  for (const { name, message } of answer.errors) problems.set(name, message);
  const errors = names.filter((name) => problems.has(name)).map((name) => ({ name, message: problems.get(name) }));
  return { documents: answer.documents, errors };
}

/**
 * Opens a prebuilt corpus (a snapshot written by `Corpus.save()`, the CLI or
 * scripts/build.sh) in the engine in place of what it holds: nothing is
 * decoded, cleaned or indexed. Throws an Error naming the file when the core
 * refuses the bytes (not a snapshot, damaged, newer); the corpus is then left
 * as it was.
 *
 * @returns {Promise<{ documents: object[], errors: never[] }>}
 */
export async function openBundledCorpus(engine, { name, bytes }) {
  try {
    const { documents } = await engine.openSnapshot(bytes);
    return { documents, errors: [] };
  } catch (error) {
    throw new Error(`${name}: ${messageOf(error)}`);
  }
}

/**
 * Opens a sharded site's root (fetchCorpus's `sharded`) in the engine: `{ documents: [],
 * errors: [], archive: { documentCount } }` — no document list, which would be the whole
 * archive. Throws an Error naming the root when the core refuses it.
 */
export async function openShardedCorpus(engine, { name, url, root }) {
  try {
    const { documentCount } = await engine.openSharded(url, root);
    return { documents: [], errors: [], archive: { documentCount } };
  } catch (error) {
    throw new Error(`${name}: ${messageOf(error)}`);
  }
}

/**
 * Opens the prebuilt corpus of a download (fetchCorpus's promise: a snapshot, or a
 * sharded site's root) as soon as the engine can take it, before the interface has loaded
 * (main.js), unless `skip` has already said true by then (a corpus the reader kept replaces
 * it: stored-corpus.js's mayBeStored). It does not wait for `skip`: that look at the
 * browser's storage needs the page's main thread three times, which the interface's code and
 * first layout hold for hundreds of milliseconds under load (tests/bench/sharded-page.mjs),
 * and a kept corpus found later replaces this one anyway (the interface asks the worker to
 * reopen it before anything is shown). Resolves `{ documents, errors }` (and `archive` for a
 * sharded site), or null when it opened nothing — no snapshot or root, skipped, a download
 * that failed, or bytes the core refused — and loadCorpus then does the work as before (the
 * refusal said again, the articles as the fallback, with progress).
 *
 * @returns {Promise<{ documents: object[], errors: never[], archive?: { documentCount: number } } | null>}
 */
export async function openBundledEarly(engine, fetched, skip = false) {
  let kept = false;
  Promise.resolve(skip).then((value) => (kept = Boolean(value)), () => {});
  try {
    const download = await fetched;
    if (kept) return null;
    // A sharded site's root too: its first search can then start before the interface is there.
    if (download.sharded) return await openShardedCorpus(engine, download.sharded);
    if (!download.snapshot) return null;
    return await openBundledCorpus(engine, download.snapshot);
  } catch {
    return null;
  }
}

async function fetchBytes(name, base, { path = false } = {}) {
  // encodeURIComponent keeps a name like "../x" inside the seeds folder; a sharded root's
  // name is a path below it ("corpus/root.bin"), each segment encoded, no "..".
  const encoded = path ? name.split("/").filter((part) => part !== ".." && part !== ".").map(encodeURIComponent).join("/") : encodeURIComponent(name);
  const response = await fetch(new URL(encoded, base));
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return new Uint8Array(await response.arrayBuffer());
}
