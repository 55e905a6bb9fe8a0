// The service worker (www/sw.js) against fake caches and network: install
// caches precache.json's files under the build's name, activate drops older
// builds, fetches are cache-first, navigations with a query get index.html,
// and the on-demand files are kept once fetched.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const SOURCE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "www", "sw.js"), "utf8");
const BASE = "https://example.org/sub/path/";

/** Caches keyed by URL, with ignoreSearch, as the Cache API does it. */
function fakeCaches() {
  const stores = new Map();
  const keyOf = (request) => (typeof request === "string" ? request : request.url);
  const open = async (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name);
    return {
      async addAll(requests) {
        for (const request of requests) store.set(keyOf(request), await network(keyOf(request)));
      },
      async put(request, response) {
        store.set(keyOf(request), response);
      },
      async match(request, { ignoreSearch = false } = {}) {
        const url = keyOf(request);
        if (store.has(url)) return store.get(url);
        if (ignoreSearch) {
          const bare = url.split("?")[0];
          for (const [key, value] of store) if (key.split("?")[0] === bare) return value;
        }
        return undefined;
      },
    };
  };
  let network = async () => undefined;
  return {
    stores,
    api: { open, keys: async () => [...stores.keys()], delete: async (name) => stores.delete(name) },
    setNetwork(fn) {
      network = fn;
    },
  };
}

/** Loads sw.js (stamped with `build`) with fakes; returns its listeners and the fakes. */
function load({ build = "abc123", files = ["index.html", "main.js"] } = {}) {
  const listeners = {};
  const caches = fakeCaches();
  const fetched = [];
  const network = async (url) => {
    fetched.push(url);
    if (url === `${BASE}precache.json`) return { ok: true, json: async () => ({ build, files }) };
    return { ok: true, body: `network ${url}`, clone() { return { ...this, cloned: true }; } };
  };
  caches.setNetwork(network);
  const context = vm.createContext({
    URL,
    Request: class {
      constructor(url, init) {
        this.url = String(url);
        this.init = init;
      }
    },
    caches: caches.api,
    fetch: async (request) => network(typeof request === "string" ? request : request.url ?? String(request)),
    self: {
      location: { href: `${BASE}sw.js`, origin: "https://example.org" },
      addEventListener: (type, fn) => (listeners[type] = fn),
      clients: { claim: async () => {} },
    },
  });
  vm.runInContext(SOURCE.replace('const BUILD = "__BUILD_ID__";', `const BUILD = "${build}";`), context);
  return { listeners, caches, fetched };
}

async function dispatch(listener, extra = {}) {
  const waits = [];
  let answer = null;
  listener({ waitUntil: (p) => waits.push(p), respondWith: (p) => (answer = p), ...extra });
  await Promise.all(waits);
  return answer ? await answer : null;
}

test("install-caches-the-precache-list-under-the-builds-name", async () => {
  const sw = load({ build: "b1", files: ["index.html", "pkg/corpus_explorer_bg.wasm"] });
  await dispatch(sw.listeners.install);
  assert.deepEqual([...sw.caches.stores.keys()], ["corpus-explorer-b1"]);
  assert.deepEqual([...sw.caches.stores.get("corpus-explorer-b1").keys()], [`${BASE}index.html`, `${BASE}pkg/corpus_explorer_bg.wasm`]);
});

test("install-fails-when-precache-json-belongs-to-another-build", async () => {
  const sw = load({ build: "b1" });
  // Stamped "b2", but the server's precache.json says "b1": a deploy half done.
  const listeners = {};
  const context = vm.createContext({
    URL,
    Request: class {},
    caches: sw.caches.api,
    fetch: async () => ({ ok: true, json: async () => ({ build: "b1", files: [] }) }),
    self: { location: { href: `${BASE}sw.js`, origin: "https://example.org" }, addEventListener: (t, f) => (listeners[t] = f) },
  });
  vm.runInContext(SOURCE.replace('const BUILD = "__BUILD_ID__";', 'const BUILD = "b2";'), context);
  await assert.rejects(dispatch(listeners.install), /precache\.json is for build b1, this sw\.js for b2/);
});

test("activate-deletes-older-builds-and-keeps-other-caches", async () => {
  const sw = load({ build: "new" });
  await sw.caches.api.open("corpus-explorer-old");
  await sw.caches.api.open("someone-elses-cache");
  await dispatch(sw.listeners.install);
  await dispatch(sw.listeners.activate);
  assert.deepEqual((await sw.caches.api.keys()).sort(), ["corpus-explorer-new", "someone-elses-cache"]);
});

test("fetches-are-cache-first-and-navigations-ignore-the-query", async () => {
  const sw = load({ files: ["index.html", "main.js"] });
  await dispatch(sw.listeners.install);
  const get = (url, mode = "cors") => dispatch(sw.listeners.fetch, { request: { method: "GET", url, mode } });
  sw.fetched.length = 0;
  assert.equal((await get(`${BASE}main.js`)).body, `network ${BASE}main.js`);
  assert.equal((await get(`${BASE}index.html?q=%E4%BA%AC%E4%B8%9C`, "navigate")).body, `network ${BASE}index.html`);
  assert.equal((await get(`${BASE}?q=x`, "navigate")).body, `network ${BASE}index.html`, "the folder is index.html");
  assert.deepEqual(sw.fetched, [], "nothing went to the network");
});

test("the-word-list-is-cached-when-first-fetched-other-files-are-not", async () => {
  const sw = load();
  await dispatch(sw.listeners.install);
  const get = (url) => dispatch(sw.listeners.fetch, { request: { method: "GET", url, mode: "cors" } });
  await get(`${BASE}dict/words.txt`);
  await get(`${BASE}data/encodings.bin`);
  await get(`${BASE}something-else.txt`);
  const store = sw.caches.stores.get("corpus-explorer-abc123");
  assert.ok(store.has(`${BASE}dict/words.txt`));
  assert.ok(store.has(`${BASE}data/encodings.bin`));
  assert.ok(!store.has(`${BASE}something-else.txt`));
  sw.fetched.length = 0;
  await get(`${BASE}dict/words.txt`);
  assert.deepEqual(sw.fetched, [], "the second time comes from the cache");
});

test("other-origins-and-non-get-requests-are-left-to-the-browser", async () => {
  const sw = load();
  for (const request of [
    { method: "GET", url: "https://elsewhere.example/x.js", mode: "cors" },
    { method: "POST", url: `${BASE}main.js`, mode: "cors" },
  ]) {
    let answered = false;
    sw.listeners.fetch({ request, respondWith: () => (answered = true), waitUntil() {} });
    assert.equal(answered, false);
  }
});

test("a-sharded-sites-shards-are-never-precached-but-kept-once-fetched", async () => {
  const shard = "seeds/corpus/p/0123456789abcdef.bin";
  const sw = load({ files: ["index.html", "seeds/manifest.json", "seeds/corpus/root.bin", shard, "seeds/corpus/t/fedcba9876543210.bin"] });
  await dispatch(sw.listeners.install);
  const store = sw.caches.stores.get("corpus-explorer-abc123");
  assert.deepEqual([...store.keys()], [`${BASE}index.html`, `${BASE}seeds/manifest.json`, `${BASE}seeds/corpus/root.bin`], "the root is the shell's; no shard is");
  const get = (url) => dispatch(sw.listeners.fetch, { request: { method: "GET", url, mode: "cors" } });
  await get(`${BASE}${shard}`);
  assert.ok(store.has(`${BASE}${shard}`), "a shard a search fetched is kept for offline use");
  sw.fetched.length = 0;
  await get(`${BASE}${shard}`);
  assert.deepEqual(sw.fetched, [], "the second time comes from the cache");
});
