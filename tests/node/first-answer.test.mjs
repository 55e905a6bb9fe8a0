// The first answer computed on the page (www/first-answer.js): for the small prebuilt seeds the
// page instantiates the real search core (dist/pkg, after scripts/build.sh), opens the snapshot
// and answers the interface's first calls itself, while the worker — a fake here that records
// what it is asked — is asked only to open the same snapshot; whenever the page cannot answer
// (a kept corpus, bytes the core refuses, a snapshot too large) the worker answers, as before.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createEngine } from "../../www/engine.js";
import { mountWhen, openFirst, PAGE_ANSWER_MAX_BYTES } from "../../www/first-answer.js";
import { pageSizeFrom, request, searchArgs } from "../../www/first-search.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "dist");
const SEEDS = join(ROOT, "seeds");
const SNAPSHOT = new Uint8Array(readFileSync(join(DIST, "seeds", "corpus.corpus")));
const SEED_NAMES = readdirSync(SEEDS).filter((name) => name.endsWith(".txt")).sort();
/** The seeds that contain 京东 in either script: what a search for it must find (a scan, not the index). */
const JINGDONG = SEED_NAMES.filter((name) => /京[东東]/.test(readFileSync(join(SEEDS, name), "utf8")));
const loadCore = () => import(join(DIST, "pkg", "corpus_explorer.js"));

const realWorker = globalThis.Worker;
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.Worker = realWorker;
  globalThis.fetch = realFetch;
});

/**
 * The page's fetch of a core (engine.js's compileCore) answered from dist/pkg, and a worker
 * that answers every call (openSnapshot and reopenStoredCorpus with no documents, capabilities as
 * the search core);
 * `posted` lists the calls by method.
 */
function fakePage() {
  const posted = [];
  globalThis.fetch = async (url) => {
    const name = new URL(url).pathname.split("/").pop();
    return new Response(readFileSync(join(DIST, "pkg", name)), { headers: { "Content-Type": "application/wasm" } });
  };
  globalThis.Worker = class {
    constructor() {
      this.listeners = [];
    }
    addEventListener(type, listener) {
      if (type === "message") this.listeners.push(listener);
    }
    postMessage({ id, method }) {
      if (method === "__core") return;
      posted.push(method);
      const value = method === "openSnapshot" || method === "reopenStoredCorpus" ? { documents: [] } : method === "capabilities" ? { version: "0", analysis: false, methods: ["search", "entities", "stories"] } : { fromWorker: method };
      setTimeout(() => this.listeners.forEach((listener) => listener({ data: { id, ok: true, value } })));
    }
    terminate() {}
  };
  return posted;
}

const ADDRESS = { search: "?q=%E4%BA%AC%E4%B8%9C", hash: "" };
/** What app/search.js asks for ADDRESS. */
const FIRST_SEARCH = searchArgs(request({ query: "京东" }), pageSizeFrom(ADDRESS.search), 1);
const download = (bytes = SNAPSHOT) => Promise.resolve({ names: [], files: [], problems: new Map(), snapshot: { name: "corpus.corpus", bytes } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test("the-page-answers-the-interface-s-first-calls-and-the-worker-only-opens-the-snapshot", async () => {
  const posted = fakePage();
  const engine = createEngine();
  const { opened, answered } = openFirst(engine, download(), Promise.resolve(false), ADDRESS, loadCore);
  const { documents } = await opened;
  await answered;
  assert.deepEqual(documents.map((doc) => doc.name).sort(), SEED_NAMES, "the page opened the seeds' snapshot");
  // What the interface asks before its first result (app/corpus.js's said(), app/search.js).
  assert.ok(Array.isArray(await engine.call("entities")));
  assert.equal(await engine.offers("stories"), true);
  assert.ok((await engine.call("stories")).stories);
  const answer = await engine.call("search", ...FIRST_SEARCH);
  assert.deepEqual(answer.hits.map((hit) => hit.name).sort(), JINGDONG);
  await settle();
  assert.deepEqual(posted.filter((method) => method !== "capabilities"), ["openSnapshot"], "the worker opened the same snapshot and answered nothing else");
  // Taken once: a later identical search is the worker's.
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
});

test("a-kept-corpus-leaves-the-first-answer-to-the-worker", async () => {
  const posted = fakePage();
  const engine = createEngine();
  const { opened, answered } = openFirst(engine, download(), Promise.resolve(true), ADDRESS, loadCore);
  assert.equal(await opened, null, "the kept corpus replaces the seeds: nothing is opened early");
  await answered;
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
  assert.ok(!posted.includes("openSnapshot"));
});

test("bytes-the-page-core-refuses-leave-the-answers-to-the-worker", async () => {
  const posted = fakePage();
  const engine = createEngine();
  const { opened } = openFirst(engine, download(new TextEncoder().encode("not a snapshot")), Promise.resolve(false), ADDRESS, loadCore);
  assert.deepEqual(await opened, { documents: [], errors: [] }, "the worker's answer to openSnapshot");
  await settle();
  // The boot sent the address's search to the worker, as before (first-search.js).
  assert.deepEqual(posted.filter((method) => method !== "capabilities"), ["openSnapshot", "search"]);
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
});

test("a-snapshot-too-large-for-the-page-opens-in-the-worker-only", async () => {
  const posted = fakePage();
  const engine = createEngine();
  const large = new Uint8Array(PAGE_ANSWER_MAX_BYTES + 1);
  const { opened } = openFirst(engine, download(large), Promise.resolve(false), ADDRESS, loadCore);
  assert.deepEqual(await opened, { documents: [], errors: [] });
  await settle();
  assert.deepEqual(posted.filter((method) => method !== "capabilities"), ["openSnapshot", "search"]);
});

test("a-kept-corpus-found-after-the-page-answered-drops-the-page-s-answers", async () => {
  const posted = fakePage();
  const engine = createEngine();
  let look;
  const kept = new Promise((resolve) => (look = resolve));
  const { opened, answered } = openFirst(engine, download(), kept, ADDRESS, loadCore);
  // The page answers while the look is still out; it says "kept" afterwards.
  await new Promise((resolve) => setTimeout(resolve, 200));
  look(true);
  await answered;
  assert.ok(await opened);
  // What app/persistence.js does then: the kept corpus replaces the seeds, and what the page
  // answered about the seeds is not given for it.
  await engine.reopenStored("corpus");
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
  assert.ok(posted.includes("reopenStoredCorpus"));
});

test("a-kept-corpus-reopened-while-the-page-still-answers-gets-none-of-the-page-s-answers", async () => {
  // The race behind the revert of coldstart2 (tests/browser/stored-boot.test.mjs): the
  // interface mounted before the page's answer (a download still out), reopened the reader's
  // stored corpus, and the page's answers about the seeds, given after that, answered the
  // address's search with the seeds' hits. Here the look has not even said "kept" yet: the
  // reopen alone (a change of the corpus) must be enough.
  const posted = fakePage();
  const engine = createEngine();
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const { opened, answered } = openFirst(engine, download(), new Promise(() => {}), ADDRESS, () => gate.then(loadCore));
  await settle();
  await engine.reopenStored("corpus"); // app/persistence.js
  release();
  await answered;
  assert.equal(await opened, null, "nothing of the seeds was opened over the reopened corpus");
  assert.ok(!posted.includes("openSnapshot"), `the worker was not asked to open the seeds over it: ${posted}`);
  assert.deepEqual(await engine.call("entities"), { fromWorker: "entities" });
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
});

test("a-kept-corpus-said-while-the-page-answers-leaves-the-worker-to-reopen-it", async () => {
  const posted = fakePage();
  const engine = createEngine();
  let look;
  const kept = new Promise((resolve) => (look = resolve));
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  const { opened, answered } = openFirst(engine, download(), kept, ADDRESS, () => gate.then(loadCore));
  await settle();
  look(true);
  release();
  await answered;
  assert.equal(await opened, null);
  assert.ok(!posted.includes("openSnapshot"), `${posted}`);
  assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
});

test("a-snapshot-the-worker-refuses-drops-the-page-s-answers", async () => {
  const posted = fakePage();
  // This worker refuses the snapshot the page's core opened.
  const Fake = globalThis.Worker;
  globalThis.Worker = class extends Fake {
    postMessage(message) {
      if (message.method !== "openSnapshot") return super.postMessage(message);
      posted.push(message.method);
      setTimeout(() => this.listeners.forEach((listener) => listener({ data: { id: message.id, ok: false, error: { message: "refused" } } })));
    }
  };
  const errors = [];
  const error = console.error;
  console.error = (message) => errors.push(message);
  try {
    const engine = createEngine();
    const { answered } = openFirst(engine, download(), Promise.resolve(false), ADDRESS, loadCore);
    await answered;
    await settle();
    assert.deepEqual(await engine.call("search", ...FIRST_SEARCH), { fromWorker: "search" });
    assert.match(errors.join("\n"), /the worker could not open what the page opened/);
  } finally {
    console.error = error;
  }
});

/** A promise and the function that resolves it, and whether it has resolved yet. */
function deferred() {
  let resolve;
  const state = { done: false };
  state.promise = new Promise((r) => (resolve = r));
  state.resolve = () => resolve();
  return state;
}
const watch = (promise) => {
  const seen = { done: false };
  promise.then(() => (seen.done = true));
  return seen;
};

test("the-interface-mounts-after-the-page-s-answer-when-everything-has-arrived", async () => {
  const answered = deferred();
  const timeout = deferred();
  const mounted = watch(mountWhen({ answered: answered.promise, arrived: true }, () => timeout.promise));
  timeout.resolve(); // not consulted: nothing is downloading, the answer is the page's own work
  await settle();
  assert.equal(mounted.done, false, "the mount waits for the answer");
  answered.resolve();
  await settle();
  assert.equal(mounted.done, true);
});

test("the-interface-mounts-after-the-page-s-answer-while-a-download-is-still-on-its-way", async () => {
  const answered = deferred();
  const timeout = deferred();
  const mounted = watch(mountWhen({ answered: answered.promise, arrived: false }, () => timeout.promise));
  await settle();
  assert.equal(mounted.done, false, "the mount waits for the answer (the core and the snapshot are due soon)");
  answered.resolve();
  await settle();
  assert.equal(mounted.done, true);
});

test("a-slow-download-lets-the-interface-mount-before-the-page-s-answer", async () => {
  const answered = deferred();
  const timeout = deferred();
  const mounted = watch(mountWhen({ answered: answered.promise, arrived: false }, () => timeout.promise));
  await settle();
  assert.equal(mounted.done, false);
  timeout.resolve();
  await settle();
  assert.equal(mounted.done, true, "the interface mounts and says it is loading");
});
