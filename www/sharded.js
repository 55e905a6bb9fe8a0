// The page's side of a sharded corpus (issue 16, src/shard/): fetches the root, then for
// each query the shards the core says it needs (`ShardedCorpus.needed`), until it can
// answer. Shards are content-addressed and immutable, so each is fetched once per page
// (kept in the corpus) and the browser's HTTP cache keeps them across visits.
//
// The worker opens a site's root with openSharded and hands every call to archiveCall while
// it is open: search, the reader and document(id) fetch what they need; the document list
// is empty (it would be the whole archive) and every change is refused as read-only
// (readOnlyMessage); leavesArchive says which calls put another corpus in its place.
//
// No DOM here: the worker runs it, and `tests/node/sharded.test.mjs` tests it with a fake
// corpus and a fake fetch. A shard that cannot be fetched after the retries rejects the
// search with a `ShardFetchError` (message and the file's name) and never an answer from
// part of the data; calling `search` again retries it.

/**
 * A part of the corpus that could not be downloaded, or arrived damaged. Offline
 * (`navigator.onLine` false), the message says that this part was not downloaded
 * yet, rather than blaming the host.
 */
export class ShardFetchError extends Error {
  /** @param {string} name @param {string} reason @param {{ offline?: boolean }} [options] */
  constructor(name, reason, { offline = false } = {}) {
    super(
      offline
        ? `这部分档案尚未下载，联网后才能搜索 / This part of the archive (${name}) was not downloaded yet; connect to search it.`
        : `档案的一部分无法下载 / A part of the archive (${name}) could not be downloaded: ${reason}. Check the connection and retry.`,
    );
    this.name = "ShardFetchError";
    this.shard = name;
    this.offline = offline;
  }
}

/** Whether the browser says it is offline (a worker's navigator too). */
const offlineNow = () => globalThis.navigator?.onLine === false;

/**
 * The message a page shows when a sharded site is asked to change: it is read-only.
 * @param {string} what what was asked, as a phrase ("adding files")
 */
export function readOnlyMessage(what) {
  return `这个公开档案是只读的，不能${what.zh} / This published archive is read-only (${what.en} is not possible here): open a corpus of your own, or replace this one with your files, to edit.`;
}

/** The shard file names of a sharded site (p/, r/, m/, t/, e/ + 16 hex digits), as sw.js also knows them. */
export const SHARD_FILE = /\/[a-z]\/[0-9a-f]{16}\.bin$/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fetches `url` as bytes, retrying network errors and 5xx answers (`retries` more times,
 * waiting `delay` ms, doubled each time); a 4xx answer is not retried.
 * @param {string} url
 * @param {{ fetch?: typeof fetch, retries?: number, delay?: number }} [options]
 * @returns {Promise<Uint8Array>}
 */
export async function fetchWithRetry(url, { fetch = globalThis.fetch, retries = 2, delay = 250 } = {}) {
  let reason = "";
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(delay * 2 ** (attempt - 1));
    try {
      const response = await fetch(url);
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      reason = `HTTP ${response.status}`;
      if (response.status < 500) break;
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    }
  }
  throw new Error(reason || "no answer");
}

/**
 * A sharded corpus that fetches what each search needs.
 * @param {{ open(root: Uint8Array): ShardedCore }} ShardedCorpus the wasm class
 * @param {string} rootUrl the root's URL (`seeds/corpus/root.bin`); shard names resolve against it
 * @param {{ fetch?: typeof fetch, retries?: number, delay?: number, onFetch?: (name: string, bytes: number) => void }} [options]
 */
export async function openSharded(ShardedCorpus, rootUrl, options = {}) {
  // The page may have fetched it already (index.html preloads it): its bytes come along.
  const root = options.root ?? (await fetchWithRetry(rootUrl, options));
  const corpus = ShardedCorpus.open(root);
  if (!options.root) options.onFetch?.("root.bin", root.length);
  return new ShardedSearch(corpus, rootUrl, options);
}

/** @typedef {{ needed(q: string, o: object): string[], addShard(name: string, bytes: Uint8Array): void, search(q: string, o: object): any, len(): number }} ShardedCore */

export class ShardedSearch {
  /** @param {ShardedCore} corpus @param {string} rootUrl @param {object} options */
  constructor(corpus, rootUrl, options = {}) {
    this.corpus = corpus;
    this.base = new URL(".", new URL(rootUrl, globalThis.location?.href ?? "http://localhost/"));
    this.options = options;
    /** Shards being fetched, by name (so two searches never fetch one twice). */
    this.pending = new Map();
    /** Bytes fetched, shards included (for the status line and the benchmark). */
    this.fetchedBytes = 0;
  }

  /** Fetches and adds one shard; a failure forgets it, so the next search retries it. */
  load(name) {
    let promise = this.pending.get(name);
    if (!promise) {
      promise = (async () => {
        let bytes;
        try {
          bytes = await fetchWithRetry(new URL(name, this.base).href, this.options);
        } catch (error) {
          throw new ShardFetchError(name, error instanceof Error ? error.message : String(error), { offline: offlineNow() });
        }
        try {
          this.corpus.addShard(name, bytes);
        } catch (error) {
          throw new ShardFetchError(name, error instanceof Error ? error.message : String(error));
        }
        this.fetchedBytes += bytes.length;
        this.options.onFetch?.(name, bytes.length);
      })();
      this.pending.set(name, promise);
      promise.catch(() => this.pending.delete(name));
    }
    return promise;
  }

  /**
   * Searches, fetching first what the query needs (at most seven rounds with paged fences,
   * src/shard/'s module doc; three without: postings, the
   * matching documents' fields, the shown hits' texts).
   * @param {string} query @param {object} [searchOptions]
   */
  async search(query, searchOptions = {}) {
    await this.fetchUntil(() => this.corpus.needed(query, searchOptions), query);
    return this.corpus.search(query, searchOptions);
  }

  /**
   * The reader's paragraphs of document `id`, the matches of `query` marked, once its
   * fields, its text and the query's postings are fetched.
   * @param {number} id @param {string} query @param {object} [readerOptions] `{ includeRemoved, variants }`
   */
  async reader(id, query, readerOptions = {}) {
    await this.fetchUntil(() => this.corpus.readerNeeded(id, query, readerOptions), query);
    return this.corpus.reader(id, query, readerOptions);
  }

  /** Document `id`'s fields (`{ id, name, title, date, source, url, chars, keptChars, script }`), fetched with its text. */
  async document(id) {
    await this.fetchUntil(() => this.corpus.readerNeeded(id, "", {}), `#${id}`);
    return this.corpus.document(id);
  }

  /** Fetches what `needed()` names until it names nothing (at most eight rounds). */
  async fetchUntil(needed, what) {
    for (let round = 0; round < 8; round++) {
      const names = needed();
      if (names.length === 0) return;
      await Promise.all(names.map((name) => this.load(name)));
    }
    throw new Error(`“${what}” still needs parts of the corpus after eight rounds; reload the page.`);
  }
}

/**
 * The worker's answers for a sharded site (worker.js hands it every call while one is open):
 * search and the reader fetch what they need; the document list is not downloaded (it is
 * the whole archive) and the stories are not kept; every call that would change the corpus
 * is refused with `readOnlyMessage`. Returns undefined for a call it leaves to the core
 * (`entities`: the built-in table, the one the site was built with).
 * @param {ShardedSearch} archive
 */
export function archiveCall(archive, method, args) {
  switch (method) {
    case "search":
      return archive.search(args[0], args[1] ?? {});
    case "reader":
      return archive.reader(args[0], args[1] ?? "", args[2] ?? {});
    case "document":
      return archive.document(args[0]);
    case "documents":
      return [];
    case "stories":
      return null;
    case "archive":
      return { documentCount: archive.corpus.len(), fetchedBytes: archive.fetchedBytes };
    case "addVariant":
    case "removeVariant":
      throw new Error(readOnlyMessage({ zh: "添加或删除名称变体", en: "changing name variants" }));
    case "addDocument":
    case "addFile":
    case "addFiles":
    case "addSnapshot":
    case "openCorpus": // with `add` (opened in place of the archive, it leaves it: leavesArchive)
      throw new Error(readOnlyMessage({ zh: "添加文件", en: "adding files" }));
    case "removeDocument":
      throw new Error(readOnlyMessage({ zh: "删除文章", en: "removing articles" }));
    case "save":
      throw new Error(readOnlyMessage({ zh: "另存为语料文件", en: "saving it as one corpus file" }));
    default:
      return undefined;
  }
}

/**
 * Whether `method(...args)` replaces the sharded site with another corpus (the reader's own
 * files with "replace", a corpus file opened in its place, a snapshot, a clear): the worker
 * then drops the archive and the core's own corpus answers from there on.
 */
export function leavesArchive(method, args) {
  if (method === "clear" || method === "openSnapshot" || method === "reopenStoredCorpus") return true;
  if (method === "openCorpus") return !args[1]?.add;
  if (method === "addFiles") return Boolean(args[1]?.replace);
  return false;
}
