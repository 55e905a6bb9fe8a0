// The boot's first search (www/first-search.js) and the engine's early answers (engine.js's
// `early`): the search the address asks for is sent once the corpus is open, and the
// interface's own first search — the same call — takes that answer instead of asking again,
// unless the corpus changed in between. The worker is a fake that answers every call.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { createEngine } from "../../www/engine.js";
import { pageSizeFrom, request, searchArgs, sendFirstSearch } from "../../www/first-search.js";

const realWorker = globalThis.Worker;
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.Worker = realWorker;
  globalThis.fetch = realFetch;
});

/** A worker that answers each call with its method and a serial number; `posted` lists the calls. */
function fakeWorker() {
  const posted = [];
  let serial = 0;
  globalThis.fetch = async () => new Response("", { status: 404 }); // no core to compile: the worker's own
  globalThis.Worker = class {
    constructor() {
      this.listeners = [];
    }
    addEventListener(type, listener) {
      if (type === "message") this.listeners.push(listener);
    }
    postMessage({ id, method, args }) {
      if (method === "__core") return;
      posted.push([method, ...args]);
      const value = method === "capabilities" ? { version: "0", analysis: false, methods: ["search", "addVariant"] } : { method, serial: ++serial };
      setTimeout(() => this.listeners.forEach((listener) => listener({ data: { id, ok: true, value } })));
    }
    terminate() {}
  };
  return posted;
}

const searches = (posted) => posted.filter(([method]) => method === "search");

test("the-interface-s-first-search-takes-the-answer-the-boot-asked-for", async () => {
  const posted = fakeWorker();
  const engine = createEngine();
  const address = { search: "?q=%E4%BA%AC%E4%B8%9C&sort=date", hash: "" };
  await sendFirstSearch(engine, Promise.resolve({ documents: [] }), address);
  // What app/search.js asks for the same address.
  const wish = request({ query: "京东", sort: "date" });
  const answer = await engine.call("search", ...searchArgs(wish, pageSizeFrom(address.search), 1));
  assert.equal(answer.method, "search");
  assert.deepEqual(searches(posted), [["search", "京东", { limit: 10, snippets: 3, includeRemoved: false, variants: false, sort: "date", offset: 0 }]]);
  // Taken once: the same call again is asked again.
  await engine.call("search", ...searchArgs(wish, 10, 1));
  assert.equal(searches(posted).length, 2);
});

test("a-change-of-the-corpus-before-the-interface-asks-drops-the-early-answer", async () => {
  const posted = fakeWorker();
  const engine = createEngine();
  await sendFirstSearch(engine, Promise.resolve({ documents: [] }), { search: "?q=快手", hash: "" });
  await engine.call("addVariant", "快手", "快快");
  await engine.call("search", ...searchArgs(request({ query: "快手" }), 10, 1));
  assert.equal(searches(posted).length, 2, "asked again after the change");
});

test("no-early-search-without-a-query-an-opened-corpus-or-with-a-kept-one", async () => {
  const posted = fakeWorker();
  const engine = createEngine();
  await sendFirstSearch(engine, Promise.resolve({ documents: [] }), { search: "?sort=date", hash: "" });
  await sendFirstSearch(engine, Promise.resolve(null), { search: "?q=京东", hash: "" });
  await sendFirstSearch(engine, Promise.resolve({ documents: [] }), { search: "?q=京东", hash: "" }, Promise.resolve(true));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(searches(posted), []);
});
