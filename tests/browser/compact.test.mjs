// Wasm memory given back (issue 15, item 5): wasm memory never shrinks, so once the reader's
// files are indexed and stored the engine moves the corpus into a fresh worker that opens the
// stored copy (engine.compact, www/engine.js), keeping the old one answering until then. These
// scenarios drive an engine of their own on the site's page (key "compact-test", apart from the
// page's own "corpus"), with automatic compaction off so that each one says when it happens.
// And `Corpus.open`, which reads a snapshot's sections out of the JS array one at a time, still
// refuses damaged, cut-off and foreign bytes with a message and leaves the corpus as it was.

import assert from "node:assert/strict";
import { test } from "node:test";
import { scenarioOn, siteAndBrowser } from "./harness.mjs";

const shared = siteAndBrowser();
const scenario = scenarioOn(shared);

/**
 * In the page: an engine on the full core storing under "compact-test", the site's prebuilt
 * `.corpus` (the 5 seed articles) opened as a corpus file, then `documents` own texts (each a
 * few kilobytes, made from the seeds' articles, numbered so no two are alike) added after it,
 * and waited for until stored. Leaves it as `globalThis.__engine`; answers how many documents.
 */
async function engineWithOwnFiles(page, documents) {
  return page.evaluate(async (own) => {
    const documents = own + 5;
    const { createEngine } = await import("./engine.js");
    const engine = createEngine({ core: "full", compactWhen: () => false });
    globalThis.__engine = engine;
    await engine.store("compact-test");
    const file = new Uint8Array(await (await fetch("seeds/corpus.corpus")).arrayBuffer());
    assert((await engine.openCorpus(file)).length === 5);
    const seeds = await Promise.all(
      ["000_160cb79cbc9dbeea.txt", "001_309b811cfa3d92f8.txt", "002_8288d1e6a0cd6100.txt"].map((name) => fetch(`seeds/${name}`).then((r) => r.text())),
    );
    const stored = new Promise((resolve) => engine.onStore((s) => s.kind === "stored" && s.documents === documents && resolve(s)));
    const encoder = new TextEncoder();
    const list = Array.from({ length: own }, (_, i) => ({
      name: `own-${i}.txt`,
      bytes: encoder.encode(`第${i}篇 蓝鲸${i % 7}号\n\n${seeds[i % 3].slice((i * 37) % 200)}\n编号${i}：京东与快手${i}次合作。`),
    }));
    await engine.addFiles(list);
    await stored;
    return (await engine.call("documents")).length;

    function assert(ok) {
      if (!ok) throw new Error("the seeds' .corpus did not open");
    }
  }, documents);
}

/** What the engine answers to the same questions: searches, the list, an article, its reader. */
function answers(page) {
  return page.evaluate(async () => {
    const engine = globalThis.__engine;
    const search = (q, o = {}) => engine.call("search", q, { limit: 20, ...o });
    return {
      documents: (await engine.call("documents")).map((d) => [d.name, d.title, d.chars]),
      jd: await search("京东"),
      whale: await search("蓝鲸3号"),
      trad: await search("電商", { sort: "date" }),
      text: await engine.call("text", 7),
      reader: await engine.call("reader", 7, "京东"),
      stories: await engine.call("stories"),
    };
  });
}

test("compaction-moves-the-corpus-to-a-fresh-worker-with-identical-answers-and-less-memory", () =>
  scenario(async (page) => {
    assert.equal(await engineWithOwnFiles(page, 400), 405);
    const before = await answers(page);
    assert.ok(before.jd.total > 0 && before.whale.total > 0);
    // A search asked while the new worker opens the stored copy is answered (by the old one).
    const [done, during] = await page.evaluate(() => Promise.all([globalThis.__engine.compact(), globalThis.__engine.call("search", "京东", { limit: 20 })]));
    assert.deepEqual(during, before.jd);
    assert.ok(done, "the compaction happened");
    assert.ok(done.after < done.before, `wasm memory ${done.before} → ${done.after} bytes`);
    assert.equal((await page.evaluate(() => globalThis.__engine.memory())).wasm, done.after);
    assert.deepEqual(await answers(page), before);
    // The new worker stores the next change as the old one did.
    await page.evaluate(async () => {
      const engine = globalThis.__engine;
      const stored = new Promise((resolve) => engine.onStore((s) => s.kind === "stored" && s.documents === 406 && resolve(s)));
      await engine.addFiles([{ name: "after.txt", bytes: new TextEncoder().encode("压缩之后\n\n蓝鲸直播间在压缩之后又添了一篇。") }]);
      await stored;
    });
    assert.equal((await page.evaluate(() => globalThis.__engine.call("search", "压缩之后"))).total, 1);
  }));

test("a-change-made-while-compacting-drops-the-new-worker-and-is-kept", () =>
  scenario(async (page) => {
    await engineWithOwnFiles(page, 20);
    const [done, total] = await page.evaluate(async () => {
      const engine = globalThis.__engine;
      const compaction = engine.compact();
      await engine.call("addVariant", "蓝鲸", "Bluewhale");
      const found = await engine.call("search", "Bluewhale", { variants: true });
      return [await compaction, found.total];
    });
    assert.equal(done, null, "dropped: the stored copy lacks the new variant");
    assert.ok(total > 0);
    assert.ok((await page.evaluate(() => globalThis.__engine.call("search", "Bluewhale", { variants: true }))).total > 0);
    // Once that change is stored, a compaction goes through and keeps it.
    const again = await page.evaluate(async () => {
      const engine = globalThis.__engine;
      for (let i = 0; i < 50 && !(await engine.compact()); i++) await new Promise((r) => setTimeout(r, 200));
      return engine.call("search", "Bluewhale", { variants: true });
    });
    assert.equal(again.total, total);
  }));

test("corpus-open-refuses-damaged-cut-off-and-foreign-bytes-and-the-corpus-stays", () =>
  scenario(async (page) => {
    const result = await page.evaluate(async () => {
      const pkg = await import("./pkg/corpus_explorer.js");
      await pkg.default({ module_or_path: "./pkg/corpus_explorer_bg.wasm" });
      const bytes = new Uint8Array(await (await fetch("seeds/corpus.corpus")).arrayBuffer());
      const message = (f) => {
        try {
          f();
          return null;
        } catch (error) {
          return error.message;
        }
      };
      let corpus = pkg.Corpus.open(bytes.buffer.slice(0)); // an ArrayBuffer is taken too
      const total = corpus.search("京东", {}).total;
      const damaged = bytes.slice();
      damaged[damaged.length - 10] ^= 0xff;
      const refused = {
        damaged: message(() => pkg.Corpus.open(damaged)),
        cut: message(() => pkg.Corpus.open(bytes.subarray(0, bytes.length >> 1))),
        foreign: message(() => pkg.Corpus.open(new TextEncoder().encode("京东与快手宣布达成战略合作，这不是语料文件。"))),
        notBytes: message(() => pkg.Corpus.open("seeds/corpus.corpus")),
      };
      // The worker's way: a refused file leaves the corpus in place (worker.js replaceCorpus).
      for (const bad of [damaged, bytes.subarray(0, 100)]) {
        try {
          corpus = pkg.Corpus.open(bad);
        } catch {}
      }
      return { total, after: corpus.search("京东", {}).total, docs: corpus.documents().length, refused };
    });
    assert.ok(result.total > 0);
    assert.equal(result.after, result.total);
    assert.equal(result.docs, 5);
    assert.match(result.refused.damaged, /damaged.*checksum/);
    assert.match(result.refused.cut, /cut off: it should be \d+ bytes long but has only \d+/);
    assert.match(result.refused.foreign, /not a saved corpus/);
    assert.match(result.refused.notBytes, /Uint8Array or an ArrayBuffer/);
  }));
