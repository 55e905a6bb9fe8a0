// The words API of the full core (issue 14) in Node, on the built package:
// corpus.segment() hands back pieces of the original text, foundWords() offers
// the seeds' new words, accepting them joins them, segmentedDocuments() and
// referenceKeywords() answer as README.md says. Run after scripts/build.sh.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "dist");
const { initSync, Corpus } = await import(join(DIST, "pkg", "corpus_explorer.js"));
initSync({ module: readFileSync(join(DIST, "pkg", "corpus_explorer_bg.wasm")) });

function seeded() {
  const corpus = new Corpus();
  for (const name of readdirSync(join(DIST, "seeds")).filter((n) => n.endsWith(".txt")).sort()) {
    corpus.addDocument(name, readFileSync(join(DIST, "seeds", name)));
  }
  corpus.loadDictionary(readFileSync(join(DIST, "dict", "words.txt")));
  return corpus;
}

test("segment-returns-pieces-of-the-original-traditional-text", () => {
  const corpus = new Corpus();
  assert.throws(() => corpus.segment("快手"), /word list/);
  corpus.loadDictionary(readFileSync(join(DIST, "dict", "words.txt")));
  const words = corpus.segment("京東與快手宣布合作，ＧＭＶ達到1758億元。");
  assert.equal(words.join(""), "京東與快手宣布合作，ＧＭＶ達到1758億元。");
  assert.ok(words.includes("京東") && words.includes("ＧＭＶ") && words.includes("億元"), `${words}`);
  corpus.addWord("直播間");
  assert.ok(corpus.segment("走進直播間看看").includes("直播間"));
});

test("found-words-on-the-seeds-include-the-new-words-and-accepting-them-joins-them", (t) => {
  const corpus = seeded();
  const started = performance.now();
  const found = corpus.foundWords({});
  const ms = performance.now() - started;
  const words = found.rows.map((r) => r.word);
  t.diagnostic(`${words.length} words in ${Math.round(ms)} ms over ${found.chars} characters: ${words.join(" ")}`);
  assert.equal(found.sampled, false);
  for (const word of ["电商", "短视频", "直播间"]) assert.ok(words.includes(word), `${word} in ${words}`);
  const row = found.rows[0];
  assert.deepEqual(Object.keys(row).sort(), ["cohesion", "count", "docs", "leftEntropy", "rightEntropy", "score", "word"]);
  for (const word of words) corpus.addWord(word);
  const list = corpus.frequencies({ unit: "word", limit: 100000 }).rows.map((r) => r.item);
  for (const word of ["电商", "带货", "主播", "短视频", "直播间", "选品"]) assert.ok(list.includes(word), `${word} whole`);
  assert.ok(list.indexOf("电") === -1 || list.indexOf("电") > 50);
  assert.equal(corpus.foundWords({}).rows.filter((r) => words.includes(r.word)).length, 0);
});

test("segmented-documents-and-reference-keywords-answer-as-documented", () => {
  const corpus = seeded();
  const rows = corpus.segmentedDocuments({});
  assert.equal(rows.length, 5);
  assert.deepEqual(Object.keys(rows[0]), ["id", "name", "title", "date", "source", "text"]);
  assert.equal(corpus.segmentedDocuments({ query: "script:trad" }).length, 1);
  assert.equal(corpus.hasReference(), false);
  assert.throws(() => corpus.referenceKeywords({}), /reference list/);
  assert.ok(corpus.loadReference(readFileSync(join(DIST, "dict", "reference.txt"))) > 10000);
  const answer = corpus.referenceKeywords({ query: "script:trad", limit: 10 });
  assert.deepEqual(answer.subset, { query: "script:trad", docs: 1 });
  assert.equal(answer.unit, "word");
  assert.ok(answer.tokens > 0 && answer.referenceTokens > answer.tokens);
  assert.deepEqual(Object.keys(answer.rows[0]), ["item", "freq", "freqReference", "docs", "logRatio", "g2"]);
  assert.throws(() => corpus.referenceKeywords({ query: "date:nonsense" }));
});
