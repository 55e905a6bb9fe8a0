// The article list's bookkeeping that needs no DOM: which rows stay when the
// documents change (keptPositions), and when a built row still shows a
// document as it is (sameRow). The rows themselves are tested in the browser
// (tests/browser/files.test.mjs).

import assert from "node:assert/strict";
import { test } from "node:test";
import { keptPositions, sameRow } from "../../www/components/article-list.js";

test("removing one document keeps every other row", () => {
  assert.deepEqual(keptPositions(["a", "b", "c", "d"], ["a", "c", "d"]), [0, 2, 3]);
  assert.deepEqual(keptPositions(["a", "b", "c"], ["b", "c"]), [1, 2]);
  assert.deepEqual(keptPositions(["a", "b", "c"], ["a", "b"]), [0, 1]);
});

test("adding files keeps the rows and adds new ones after them", () => {
  assert.deepEqual(keptPositions(["a", "b"], ["a", "b", "x", "y"]), [0, 1, -1, -1]);
  assert.deepEqual(keptPositions([], ["x"]), [-1]);
});

test("replacing the corpus keeps no row", () => {
  assert.deepEqual(keptPositions(["a", "b"], ["x", "y", "z"]), [-1, -1, -1]);
  assert.deepEqual(keptPositions(["a", "b"], []), []);
});

test("a name listed twice keeps its rows in order", () => {
  // Two files of the same name (from two folders, or added twice).
  assert.deepEqual(keptPositions(["a", "a", "b"], ["a", "b"]), [0, 2]);
  assert.deepEqual(keptPositions(["a", "b", "a"], ["a", "b", "a", "a"]), [0, 1, 2, -1]);
});

test("documents in another order keep no row", () => {
  // Adding and removing never reorder; anything else is shown anew.
  assert.deepEqual(keptPositions(["a", "b", "c"], ["b", "a", "c"]), [-1, -1, -1]);
});

// How long this takes is the benchmark's business (tests/bench/app-load.mjs loads 12,083
// files through the page): a timed assertion here failed on a busy 2-core machine.
test("keeping the rows of twelve thousand documents keeps every row after the removed one", () => {
  const names = Array.from({ length: 12_083 }, (_, i) => `poetry/${String(i).padStart(5, "0")}.txt`);
  const fewer = names.filter((_, i) => i !== 6000);
  const kept = keptPositions(names, fewer);
  assert.equal(kept[5999], 5999);
  assert.equal(kept[6000], 6001);
  assert.equal(kept.at(-1), 12_082);
});

const doc = {
  id: 3,
  name: "a.txt",
  title: "京东与快手",
  date: "2020-07-17",
  source: "www.heliu2.cn",
  script: "simplified",
  encoding: "UTF-8",
  chars: 120,
  keptChars: 100,
  removed: [{ reason: "duplicate" }, { reason: "caption" }],
};

test("a row still shows its document when only the id moved", () => {
  assert.ok(sameRow(doc, { ...doc, id: 2, removed: doc.removed.map((span) => ({ ...span })) }));
});

test("a row is rebuilt when what it shows changed", () => {
  for (const change of [
    { name: "b.txt" },
    { title: "另一篇" },
    { date: null },
    { source: "example.cn" },
    { script: "traditional" },
    { encoding: "GB18030" },
    { chars: 121 },
    { keptChars: 99 },
    { decodeWarning: "3 bytes could not be decoded" },
    { removed: [{ reason: "duplicate" }] },
    { removed: [{ reason: "duplicate" }, { reason: "footer" }] },
  ]) {
    assert.ok(!sameRow(doc, { ...doc, ...change }), JSON.stringify(change));
  }
  assert.ok(!sameRow(doc, undefined));
});
