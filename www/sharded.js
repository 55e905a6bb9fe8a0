// The page's side of a sharded corpus (issue 16, src/shard/): fetches the root, then for
// each query the shards the core says it needs (`ShardedCorpus.needed`), until it can
// answer. Shards are content-addressed and immutable, so each is fetched once per page
// (kept in the corpus) and the browser's HTTP cache keeps them across visits.
//
// No DOM here: the worker runs it, and `tests/node/sharded.test.mjs` tests it with a fake
// corpus and a fake fetch. A shard that cannot be fetched after the retries rejects the
// search with a `ShardFetchError` (message and the file's name) and never an answer from
// part of the data; calling `search` again retries it.

/** A part of the corpus that could not be downloaded, or arrived damaged. */
export class ShardFetchError extends Error {
  /** @param {string} name @param {string} reason */
  constructor(name, reason) {
    super(`A part of the corpus (${name}) could not be downloaded: ${reason}. Check the connection and retry the search.`);
    this.name = "ShardFetchError";
    this.shard = name;
  }
}

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
  const root = await fetchWithRetry(rootUrl, options);
  const corpus = ShardedCorpus.open(root);
  options.onFetch?.("root.bin", root.length);
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
          throw new ShardFetchError(name, error instanceof Error ? error.message : String(error));
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
    for (let round = 0; round < 8; round++) {
      const names = this.corpus.needed(query, searchOptions);
      if (names.length === 0) return this.corpus.search(query, searchOptions);
      await Promise.all(names.map((name) => this.load(name)));
    }
    throw new Error(`“${query}” still needs parts of the corpus after eight rounds; reload the page.`);
  }
}
