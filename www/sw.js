// The service worker that lets the explorer open with no network once it has
// been visited. On install it caches the app shell — every file the first load
// fetches, listed at build time in precache.json (scripts/build.sh) — in a
// cache named after the build; on activate it deletes the caches of older
// builds. Same-origin GETs are answered from the cache first, from the network
// otherwise; the files the page loads only on demand (the word list, the
// reference list and the GB18030/Big5 tables) are kept in the cache the first time they come.
//
// A sharded site (`corpus-explorer build --sharded`, issue 16) lists its shards in
// precache.json too, but they are never precached: a visitor downloads only what their
// searches need. Each shard is kept the first time it comes instead (its name is the hash
// of its bytes, so a kept copy is never stale), so a sharded site offline answers the
// searches whose shards came before and says so for the rest (www/sharded.js).
//
// A classic script rather than a module, so it registers in every browser that
// has service workers. Every path is relative to this file, so the site works
// under any sub-path.
//
// Updates: build.sh writes the build id into BUILD below, so a new build is a
// new sw.js byte for byte, which is what makes the browser install it. The new
// worker waits until no tab runs the old build (no skipWaiting): a page never
// mixes the JS of one build with the wasm of another.

/* global self, caches, fetch, URL, Response */

/** The build this worker serves; build.sh replaces the placeholder. */
const BUILD = "__BUILD_ID__";
const CACHE_PREFIX = "corpus-explorer-";
/** Loaded on demand, not at start-up: cached when first fetched. */
const ON_DEMAND = ["dict/words.txt", "dict/reference.txt", "data/encodings.bin"];
/** A sharded site's content-addressed shards (www/sharded.js's SHARD_FILE): kept when they come, never precached. */
const SHARD_FILE = /\/[a-z]\/[0-9a-f]{16}\.bin$/;

const scope = () => new URL("./", self.location.href);

/** The cache name for build `id`. */
function cacheName(id) {
  return `${CACHE_PREFIX}${id}`;
}

/**
 * Reads precache.json: `{ build, files: ["index.html", …] }` with paths
 * relative to this file. Throws (failing the install) when it is missing or
 * belongs to another build than this sw.js — a deploy half done.
 */
async function readPrecache() {
  const response = await fetch(new URL("precache.json", scope()), { cache: "no-store" });
  if (!response.ok) throw new Error(`precache.json: HTTP ${response.status}`);
  const list = await response.json();
  if (typeof list?.build !== "string" || !Array.isArray(list.files)) {
    throw new Error('precache.json: expected { "build": "…", "files": […] }');
  }
  if (BUILD !== "__BUILD_ID__" && list.build !== BUILD) {
    throw new Error(`precache.json is for build ${list.build}, this sw.js for ${BUILD}`);
  }
  return list;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const { build, files } = await readPrecache();
      const cache = await caches.open(cacheName(build));
      // cache: "reload" skips the HTTP cache, so the shell is this build's files.
      const shell = files.filter((file) => !SHARD_FILE.test(new URL(file, scope()).pathname));
      await cache.addAll(shell.map((file) => new Request(new URL(file, scope()), { cache: "reload" })));
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = cacheName(BUILD);
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== keep) await caches.delete(name);
      }
      // No clients.claim(): the page that registered us keeps going to the
      // network, and the next visit or reload is ours. Claiming it would move
      // its later requests (the word list) under this worker mid-visit, where
      // page-level request interception (tests, extensions) no longer sees them.
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith(respond(event, request, url));
});

/**
 * Cache first, then the network. A navigation (`index.html?q=京东`, or the
 * folder itself) is answered with the cached index.html whatever its query.
 */
async function respond(event, request, url) {
  const cache = await caches.open(cacheName(BUILD));
  const navigation = request.mode === "navigate";
  const key = navigation && url.pathname.endsWith("/") ? new URL("index.html", url).href : request;
  const cached = await cache.match(key, { ignoreSearch: navigation });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && isOnDemand(url)) {
    // Stored while the page reads its copy, so its progress bar still moves.
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
}

function isOnDemand(url) {
  const base = scope().href;
  return SHARD_FILE.test(url.pathname) || ON_DEMAND.some((path) => url.href === new URL(path, base).href);
}
