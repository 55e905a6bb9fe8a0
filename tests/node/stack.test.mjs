// The wasm stack is set by the link (`-z stack-size`, .cargo/config.toml) far below the
// linker's default 1 MiB: wasm memory never shrinks, and the stack is part of every instance's
// memory before any corpus is loaded (issue 15 item 5: at most 1.5× the text). These scenarios
// run the deepest inputs each core accepts — the longest query, a regex at its nesting limit,
// HTML nested past the tree's cap, JSON at serde_json's recursion limit, a Word file, a ZIP,
// a saved and reopened corpus, the analyses — and measure the deepest the stack went (its
// unused room is painted between calls; the lowest byte changed is the high-water mark), and
// check that inputs past each limit are refused with a message, the corpus kept. The stack is
// laid first in memory (wasm-ld `--stack-first`, Rust's default for wasm32): an overflow would
// fault below address 0, never write over data, but would end the instance. Run after
// scripts/build.sh.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { zip } from "../zip.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PKG = join(ROOT, "dist", "pkg");

/** The initial value of a wasm module's first global: Rust's `__stack_pointer`, the stack's top. */
function stackTop(bytes) {
  let p = 8;
  const leb = () => {
    let r = 0, s = 0, x;
    do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    return r;
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const len = leb();
    if (id === 6) {
      leb(); // count
      p += 2; // i32, mutable
      assert.equal(bytes[p++], 0x41, "the stack pointer starts as an i32.const");
      return leb();
    }
    p += len;
  }
  throw new Error("no global section");
}

/** Loads a core (the full core's JS drives all three, as worker.js does) in a fresh module instance. */
async function load(core) {
  const bytes = readFileSync(join(PKG, core));
  const pkg = await import(`${join(PKG, "corpus_explorer.js")}?${core}`);
  const wasm = await pkg.default({ module_or_path: bytes });
  return { pkg, wasm, top: stackTop(bytes) };
}

/** Runs `body` and says how deep the stack went during it, in bytes: the room below the top is
 * painted first (between calls nothing lives there) and read back after. */
function depth({ wasm, top }, body) {
  const PAINT = 0xa5;
  new Uint8Array(wasm.memory.buffer, 0, top).fill(PAINT);
  body();
  const stack = new Uint8Array(wasm.memory.buffer, 0, top);
  let low = 0;
  while (low < top && stack[low] === PAINT) low++;
  return top - low;
}

const utf8 = (s) => new TextEncoder().encode(s);
const ARTICLE = "京東與快手宣布達成戰略合作，雙方將在供應鏈、品牌營銷和數字化運營方面展開深度合作。".repeat(20);
const seeds = () =>
  ["000_160cb79cbc9dbeea.txt", "001_309b811cfa3d92f8.txt"].map((name) => [name, readFileSync(join(ROOT, "seeds", name))]);

/** JSON nested `levels` deep (arrays), as one value. */
const nested = (levels) => "[".repeat(levels) + "1" + "]".repeat(levels);

/** The deepest inputs every core accepts, each as [name, body(corpus, pkg)]. */
function searchWorkloads() {
  return [
    ["seeds added, searched", (c) => {
      for (const [name, bytes] of seeds()) c.addDocument(name, bytes);
      c.addDocument("trad.txt", utf8(ARTICLE));
      assert.ok(c.search("京东", { limit: 10 }).total >= 1);
    }],
    ["the longest query: 1000 characters of terms, ORs, phrases, exclusions and filters", (c) => {
      const parts = [];
      while (parts.join(" ").length < 990) parts.push("京东 OR 快手", '"电商 直播"', "-淘宝", "title:快手", "date:2020..2021");
      const q = parts.join(" ").slice(0, 1000);
      c.search(q, { limit: 10 });
    }],
    ["a regex at the nesting limit (50 groups) and one of 200 characters", (c) => {
      c.search(`/${"(".repeat(50)}京${")".repeat(50)}/`, { limit: 10 });
      c.search(`/${"(?:a|".repeat(30)}b${")".repeat(30)}/`, { limit: 10 });
      c.search(`/${"[京东]*快?".repeat(25)}/`, { limit: 10 });
    }],
    ["reader, highlight, stories, documents", (c) => {
      c.reader(0, "京东", {});
      c.highlight(0, "京东 OR 快手");
      c.stories();
      c.documents();
    }],
    ["saved and opened again", (c, pkg) => {
      const bytes = c.save();
      const again = pkg.Corpus.open(bytes);
      assert.ok(again.search("快手", { limit: 10 }).total >= 1);
      again.free();
    }],
  ];
}

/** What only the full core reads: tables, archives, Word files; and the analyses. */
function fullWorkloads() {
  return [
    ["HTML nested 100,000 elements deep", (c) => {
      const html = `<html><body>${"<div><span>".repeat(50_000)}京东与快手合作${"</span></div>".repeat(50_000)}</body></html>`;
      c.addDocument("deep.html", utf8(html));
    }],
    ["JSON rows nested at serde_json's limit (128 levels with the row and the array)", (c) => {
      const rows = `[{"content":"京东与快手合作的新闻","extra":${nested(125)}}]`;
      const out = c.addFile("deep.json", utf8(rows), {});
      assert.equal(out.ids.length, 1, JSON.stringify(out.problems));
      c.addFile("deep.jsonl", utf8(`{"content":"京东与快手","extra":${nested(125)}}\n`), {});
    }],
    ["a ZIP holding a Word file, HTML and a ZIP", (c) => {
      const docx = zip([{ path: "word/document.xml", data: `<w:document><w:body>${"<w:p><w:r><w:t>京东与快手合作</w:t></w:r></w:p>".repeat(200)}</w:body></w:document>` }], { deflate: true });
      const inner = zip([{ path: "a.txt", data: ARTICLE }], { deflate: true });
      const out = c.addFile("all.zip", new Uint8Array(zip([{ path: "a.docx", data: docx }, { path: "b.html", data: `<p>${"<b>".repeat(300)}快手` }, { path: "c.zip", data: inner }], { deflate: true })), {});
      assert.ok(out.ids.length >= 2, JSON.stringify(out));
    }],
    ["the analyses", (c) => {
      c.concordance("快手", {});
      c.frequencies({ unit: "char" });
      c.frequencies({ unit: "ngram", n: 5 });
      c.collocates("快手", { unit: "char" });
      c.figures({});
      c.trends("快手", {});
      c.dispersion("快手", {});
    }],
    ["the word-level views with the dictionary and the reference list", (c) => {
      c.loadDictionary(readFileSync(join(ROOT, "dist", "dict", "words.txt")));
      c.loadReference(readFileSync(join(ROOT, "dist", "dict", "reference.txt")));
      c.addWord("快手电商");
      c.segment(ARTICLE);
      c.frequencies({ unit: "word" });
      c.collocates("快手", { unit: "word" });
      c.keywords(0, {});
      c.referenceKeywords({});
      c.foundWords({});
      c.segmentedDocuments({});
    }],
  ];
}

/** Inputs past a limit: each refused with a message, and the corpus still answers. */
function refusals(full) {
  const list = [
    ["a query of 1001 characters", (c) => c.search("京".repeat(1001), {}), /at most 1000/],
    ["a regex nested 51 deep", (c) => c.search(`/${"(".repeat(51)}京${")".repeat(51)}/`, {}), /regular expression/],
    ["a regex of 201 characters", (c) => c.search(`/${"京".repeat(201)}/`, {}), /longer than 200/],
  ];
  if (full) {
    list.push(["JSON nested past serde_json's limit", (c) => {
      const out = c.addFile("deeper.json", utf8(`[{"content":"京东","extra":${nested(200)}}]`), {});
      throw new Error(JSON.stringify(out.problems));
    }, /recursion limit/]);
  }
  return list;
}

const LIMIT_SHARE = 0.5; // the deepest input may use at most half the stack

for (const [core, full] of [["corpus_explorer_bg.wasm", true], ["corpus_explorer_search_bg.wasm", false], ["corpus_explorer_archive_bg.wasm", false]]) {
  test(`the-deepest-inputs-use-at-most-half-the-stack-of-${core.replace(/_bg\.wasm$/, "")}`, async (t) => {
    const loaded = await load(core);
    const corpus = new loaded.pkg.Corpus();
    const deepest = [];
    for (const [name, body] of [...searchWorkloads(), ...(full ? fullWorkloads() : [])]) {
      const used = depth(loaded, () => body(corpus, loaded.pkg));
      deepest.push([used, name]);
    }
    deepest.sort((a, b) => b[0] - a[0]);
    t.diagnostic(`stack ${loaded.top} bytes; deepest: ${deepest.map(([u, n]) => `${u} (${n})`).join("; ")}`);
    assert.ok(deepest[0][0] > 0, "the paint was read back");
    assert.ok(deepest[0][0] <= loaded.top * LIMIT_SHARE, `${deepest[0][1]} used ${deepest[0][0]} of ${loaded.top} bytes`);
  });

  test(`inputs-past-a-limit-are-refused-with-a-message-and-the-corpus-stays-in-${core.replace(/_bg\.wasm$/, "")}`, async () => {
    const { pkg } = await load(core);
    const corpus = new pkg.Corpus();
    corpus.addDocument("a.txt", utf8(ARTICLE));
    for (const [name, call, message] of refusals(full)) {
      assert.throws(() => call(corpus), message, name);
      assert.equal(corpus.search("快手", { limit: 10 }).total, 1, name);
    }
  });
}
