import { test } from "node:test";
import assert from "node:assert/strict";
import { archiveCall, leavesArchive, ShardedSearch, ShardFetchError, fetchWithRetry, openSharded, SHARD_FILE } from "../../www/sharded.js";

/** A core that needs `a` then `b` for any query, and answers with what it holds. */
function fakeCore() {
  const held = new Set();
  return {
    held,
    len: () => 2,
    needed: () => (!held.has("p/a.bin") ? ["p/a.bin"] : !held.has("m/b.bin") ? ["m/b.bin"] : []),
    addShard(name, bytes) {
      if (bytes[0] !== name.charCodeAt(2)) throw new Error("its bytes are not those of any part of this corpus");
      held.add(name);
    },
    search: (query) => ({ query, total: held.size }),
  };
}

/** A fetch serving `files` (name → bytes), logging every URL; `fail` makes names fail. */
function fakeFetch(files, log, fail = new Map()) {
  return async (url) => {
    const name = new URL(url).pathname.replace(/^\/site\/corpus\//, "");
    log.push(name);
    const failing = fail.get(name);
    if (failing === "network") throw new TypeError("Failed to fetch");
    if (failing) return { ok: false, status: failing, arrayBuffer: async () => new ArrayBuffer(0) };
    const bytes = files[name];
    if (!bytes) return { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) };
    return { ok: true, status: 200, arrayBuffer: async () => bytes.buffer };
  };
}

const files = { "root.bin": new Uint8Array([1]), "p/a.bin": new Uint8Array([97]), "m/b.bin": new Uint8Array([98]) };
const root = "http://localhost/site/corpus/root.bin";

test("a search fetches the root, then only the shards the core asks for, once each", async () => {
  const log = [];
  const core = fakeCore();
  const sharded = await openSharded({ open: () => core }, root, { fetch: fakeFetch(files, log) });
  assert.deepEqual(await sharded.search("京东"), { query: "京东", total: 2 });
  await sharded.search("快手");
  assert.deepEqual(log, ["root.bin", "p/a.bin", "m/b.bin"]);
  assert.equal(sharded.fetchedBytes, 2);
});

test("a shard that fails to download rejects with its name, and the next search retries it", async () => {
  const log = [];
  const fail = new Map([["m/b.bin", "network"]]);
  const sharded = new ShardedSearch(fakeCore(), root, { fetch: fakeFetch(files, log, fail), retries: 1, delay: 1 });
  await assert.rejects(sharded.search("京东"), (error) => error instanceof ShardFetchError && error.shard === "m/b.bin" && /Failed to fetch/.test(error.message));
  assert.deepEqual(log, ["p/a.bin", "m/b.bin", "m/b.bin"]);
  fail.clear();
  assert.equal((await sharded.search("京东")).total, 2);
});

test("bytes that are not the shard named (a host's HTML page) are refused, never added", async () => {
  const core = fakeCore();
  const sharded = new ShardedSearch(core, root, { fetch: fakeFetch({ ...files, "p/a.bin": new Uint8Array([60]) }, []), retries: 0 });
  await assert.rejects(sharded.search("京东"), /p\/a\.bin.*not those of any part/);
  assert.equal(core.held.size, 0);
});

test("fetchWithRetry retries a 503 but not a 404", async () => {
  const log = [];
  await assert.rejects(fetchWithRetry("http://localhost/site/corpus/x.bin", { fetch: fakeFetch({}, log), retries: 2, delay: 1 }), /HTTP 404/);
  assert.equal(log.length, 1);
  const fail = new Map([["y.bin", 503]]);
  await assert.rejects(fetchWithRetry("http://localhost/site/corpus/y.bin", { fetch: fakeFetch({}, log, fail), retries: 2, delay: 1 }), /HTTP 503/);
  assert.equal(log.length, 4);
});

/** A core whose reader needs its text shard `t/d.bin`, and that answers with what it holds. */
function readerCore() {
  const core = fakeCore();
  return Object.assign(core, {
    readerNeeded: () => (core.held.has("t/d.bin") ? [] : ["t/d.bin"]),
    reader: (id, query) => [{ pieces: [{ text: `${id}:${query}`, match: true }] }],
    document: (id) => ({ id, name: `${id}.txt` }),
  });
}

test("the reader and a document's fields fetch the document's shard first", async () => {
  const log = [];
  const sharded = new ShardedSearch(readerCore(), root, { fetch: fakeFetch({ ...files, "t/d.bin": new Uint8Array([100]) }, log) });
  assert.deepEqual(await archiveCall(sharded, "document", [3]), { id: 3, name: "3.txt" });
  assert.deepEqual(await archiveCall(sharded, "reader", [3, "京东", {}]), [{ pieces: [{ text: "3:京东", match: true }] }]);
  assert.deepEqual(log, ["t/d.bin"], "fetched once");
});

test("offline, a shard not yet downloaded says so instead of blaming the host", async (t) => {
  const before = Object.getOwnPropertyDescriptor(globalThis, "navigator");
  Object.defineProperty(globalThis, "navigator", { value: { onLine: false }, configurable: true });
  t.after(() => (before ? Object.defineProperty(globalThis, "navigator", before) : delete globalThis.navigator));
  const sharded = new ShardedSearch(fakeCore(), root, { fetch: fakeFetch(files, [], new Map([["p/a.bin", "network"]])), retries: 0 });
  await assert.rejects(sharded.search("京东"), (error) => error.shard === "p/a.bin" && error.offline && /not downloaded yet; connect to search it/.test(error.message));
});

test("a sharded site refuses every change with a read-only message and lists no documents", async () => {
  const sharded = new ShardedSearch(fakeCore(), root, { fetch: fakeFetch(files, []) });
  for (const [method, args] of [["addFiles", [[]]], ["removeDocument", [0]], ["addVariant", ["抖音", "斗音"]], ["openCorpus", [new Uint8Array(), { add: true }]], ["save", []]]) {
    assert.throws(() => archiveCall(sharded, method, args), /read-only/, method);
  }
  assert.deepEqual(archiveCall(sharded, "documents", []), []);
  assert.equal(archiveCall(sharded, "stories", []), null);
  assert.equal(archiveCall(sharded, "entities", []), undefined, "left to the core: the built-in table");
  assert.deepEqual(archiveCall(sharded, "archive", []), { documentCount: 2, fetchedBytes: 0 });
  // Replacing it is possible: files with "replace", a corpus file opened in its place.
  assert.ok(leavesArchive("addFiles", [[], { replace: true }]));
  assert.ok(leavesArchive("openCorpus", [new Uint8Array(), { add: false }]));
  assert.ok(!leavesArchive("addFiles", [[]]));
  assert.ok(!leavesArchive("search", ["京东"]));
});

test("shard file names are recognised, the root and other files are not", () => {
  assert.ok(SHARD_FILE.test("/site/seeds/corpus/p/0123456789abcdef.bin"));
  assert.ok(!SHARD_FILE.test("/site/seeds/corpus/root.bin"));
  assert.ok(!SHARD_FILE.test("/site/pkg/corpus_explorer_bg.wasm"));
});
