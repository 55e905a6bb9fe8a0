// corpus-download.js with a manifest that names a prebuilt snapshot: opened as it is, and the
// articles as the fallback when it cannot be fetched or opened (no browser: fetch is stubbed).
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { fetchCorpus, loadCorpus, openBundledEarly } from "../../www/corpus-download.js";

const BASE = "http://site.test/seeds/";
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Serves `files` (path below BASE → string, or a number for an HTTP error); logs each URL. */
function serve(files) {
  const asked = [];
  globalThis.fetch = async (url) => {
    const path = String(url).slice(BASE.length);
    asked.push(decodeURIComponent(path));
    const body = files[decodeURIComponent(path)];
    if (body === undefined || typeof body === "number") return new Response("", { status: body ?? 404 });
    return new Response(body);
  };
  return asked;
}

/** An engine that records calls; `refuse` makes openSnapshot throw as the core does. */
function fakeEngine({ refuse = false } = {}) {
  const calls = [];
  return {
    calls,
    async openSnapshot(bytes) {
      calls.push(["openSnapshot", new TextDecoder().decode(bytes)]);
      if (refuse) throw new Error("this snapshot was written by a newer version");
      return { documents: [{ id: 0, name: "from-snapshot" }] };
    },
    async addFiles(files) {
      calls.push(["addFiles", files.map((f) => f.name)]);
      return { added: [], errors: [], documents: files.map((f, id) => ({ id, name: f.name })) };
    },
  };
}

test("a-manifest-naming-a-snapshot-opens-it-and-fetches-no-article", async () => {
  const asked = serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus", documents: ["a.txt"] }), "corpus.corpus": "SNAP", "a.txt": "文章" });
  const engine = fakeEngine();
  const answer = await loadCorpus(engine, `${BASE}manifest.json`);
  assert.deepEqual(engine.calls, [["openSnapshot", "SNAP"]]);
  assert.deepEqual(answer, { documents: [{ id: 0, name: "from-snapshot" }], errors: [] });
  assert.deepEqual(asked, ["manifest.json", "corpus.corpus"]);
});

test("a-snapshot-the-core-refuses-falls-back-to-the-articles", async () => {
  const asked = serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus", documents: ["a.txt", "b.txt"] }), "corpus.corpus": "NEWER", "a.txt": "甲", "b.txt": "乙" });
  const engine = fakeEngine({ refuse: true });
  const info = console.info;
  console.info = () => {};
  try {
    const answer = await loadCorpus(engine, `${BASE}manifest.json`);
    assert.deepEqual(engine.calls, [["openSnapshot", "NEWER"], ["addFiles", ["a.txt", "b.txt"]]]);
    assert.deepEqual(answer.documents.map((d) => d.name), ["a.txt", "b.txt"]);
    // Regression (issue 16 follow-up): the fallback fetched the manifest a second time.
    assert.deepEqual(asked, ["manifest.json", "corpus.corpus", "a.txt", "b.txt"]);
  } finally {
    console.info = info;
  }
});

test("a-snapshot-that-cannot-be-fetched-falls-back-to-the-articles", async () => {
  const asked = serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus", documents: ["a.txt"] }), "corpus.corpus": 503, "a.txt": "甲" });
  const engine = fakeEngine();
  await loadCorpus(engine, `${BASE}manifest.json`);
  assert.deepEqual(engine.calls, [["addFiles", ["a.txt"]]]);
  assert.deepEqual(asked, ["manifest.json", "corpus.corpus", "a.txt"]);
});

test("a-snapshot-alone-that-cannot-be-fetched-or-opened-is-an-error-naming-it", async () => {
  serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus" }), "corpus.corpus": 404 });
  await assert.rejects(loadCorpus(fakeEngine(), `${BASE}manifest.json`), /manifest\.json: corpus\.corpus: HTTP 404/);
  serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus" }), "corpus.corpus": "BAD" });
  await assert.rejects(loadCorpus(fakeEngine({ refuse: true }), `${BASE}manifest.json`), /corpus\.corpus: this snapshot was written by a newer version/);
});

test("a-manifest-naming-a-sharded-root-fetches-only-the-root-and-opens-it", async () => {
  const asked = serve({ "manifest.json": JSON.stringify({ sharded: "corpus/root.bin", documentCount: 3 }), "corpus/root.bin": "ROOT" });
  const calls = [];
  const engine = {
    async openSharded(url, root) {
      calls.push([url, new TextDecoder().decode(root)]);
      return { documentCount: 3 };
    },
  };
  const answer = await loadCorpus(engine, `${BASE}manifest.json`);
  assert.deepEqual(calls, [[`${BASE}corpus/root.bin`, "ROOT"]]);
  assert.deepEqual(answer, { documents: [], errors: [], archive: { documentCount: 3 } });
  assert.deepEqual(asked, ["manifest.json", "corpus/root.bin"]);
});

test("a-sharded-root-that-cannot-be-fetched-fails-naming-it", async () => {
  serve({ "manifest.json": JSON.stringify({ sharded: "corpus/root.bin" }), "corpus/root.bin": 404 });
  await assert.rejects(loadCorpus({ openSharded: async () => assert.fail("not opened") }, `${BASE}manifest.json`), /corpus\/root\.bin: HTTP 404/);
});

test("the-boot-opens-a-sharded-root-early-without-waiting-for-the-look-at-the-storage", async () => {
  serve({ "manifest.json": JSON.stringify({ sharded: "corpus/root.bin", documentCount: 3 }), "corpus/root.bin": "ROOT" });
  const calls = [];
  const engine = {
    async openSharded(url, root) {
      calls.push(new TextDecoder().decode(root));
      return { documentCount: 3 };
    },
  };
  // The look at the storage never answers here: the opening must not wait for it.
  const never = new Promise(() => {});
  const opened = await openBundledEarly(engine, fetchCorpus(`${BASE}manifest.json`), never);
  assert.deepEqual(calls, ["ROOT"]);
  assert.deepEqual(opened, { documents: [], errors: [], archive: { documentCount: 3 } });
});

test("the-boot-opens-nothing-when-a-kept-corpus-was-found-before-the-download-arrived", async () => {
  serve({ "manifest.json": JSON.stringify({ snapshot: "corpus.corpus" }), "corpus.corpus": "SNAP" });
  const engine = fakeEngine();
  const opened = await openBundledEarly(engine, fetchCorpus(`${BASE}manifest.json`), Promise.resolve(true));
  assert.equal(opened, null);
  assert.deepEqual(engine.calls, []);
});
