// The pure helpers of the words features (issue 14): the segmented export's
// JSONL, its file name, the subset choices of keywords against general
// Chinese, and their status lines.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  foundWordsSummary,
  referenceKeywordSummary,
  segmentedFileName,
  segmentedJsonl,
  subsetChoices,
  wordsAcceptedLabel,
} from "../../www/analysis-format.js";
import { referenceKeywordCsvRows } from "../../www/csv.js";

test("segmented-jsonl-is-one-object-a-line-with-the-export-fields-only", () => {
  const rows = [
    { id: 0, name: "tw.txt", title: "京東", date: "2020-07-17", source: "news.example", text: "京東 與 快手\n合作", extra: 1 },
    { id: 1, name: "b.txt", title: "“引号”", date: null, source: undefined, text: "a \"b\"" },
  ];
  const jsonl = segmentedJsonl(rows);
  const lines = jsonl.split("\n");
  assert.equal(lines.length, 3, "two lines and a final newline");
  assert.equal(lines[2], "");
  assert.deepEqual(JSON.parse(lines[0]), { id: 0, name: "tw.txt", title: "京東", date: "2020-07-17", source: "news.example", text: "京東 與 快手\n合作" });
  assert.deepEqual(JSON.parse(lines[1]), { id: 1, name: "b.txt", title: "“引号”", date: null, source: null, text: 'a "b"' });
  assert.ok(!lines[0].includes("\n"), "a paragraph break inside the text is escaped");
  assert.equal(segmentedJsonl([]), "");
});

test("segmented-file-name-says-the-subset", () => {
  assert.equal(segmentedFileName(), "corpus-segmented.jsonl");
  assert.equal(segmentedFileName("source:news.example a/b"), "corpus-segmented-source_news.example_a_b.jsonl");
});

test("subset-choices-offer-the-whole-corpus-and-each-source-year-and-script", () => {
  const docs = [
    { source: "sina.com.cn", date: "2020-07-17", script: "simplified" },
    { source: "udn.com", date: "2021", script: "traditional" },
    { source: "sina.com.cn", date: null, script: "none" },
  ];
  const choices = subsetChoices(docs);
  assert.deepEqual(choices.map((c) => c.value), ["", "source:sina.com.cn", "source:udn.com", "date:2020", "date:2021", "script:simp", "script:trad"]);
  assert.match(choices[0].label, /Whole corpus \(3\)/);
  assert.match(choices[1].label, /sina\.com\.cn \(2\)/);
  assert.deepEqual(subsetChoices([]).map((c) => c.value), [""]);
});

test("words-status-lines-are-bilingual-and-say-a-sample", () => {
  assert.equal(foundWordsSummary(31, 20120, false), "找到 31 个词表没有的词（读了 20,120 字） / 31 words the word list lacks (read 20,120 characters)");
  assert.match(foundWordsSummary(2, 2000000, true, 1500), /抽样 2,000,000 字.*a sample of 2,000,000 characters/);
  assert.equal(wordsAcceptedLabel(1), "已接受 1 个词 / 1 word accepted");
  assert.match(referenceKeywordSummary(1000, 5000000, 2, 7, 3.84), /^2 篇文章 1,000 个词次.* 7 keywords with G² ≥ 3\.84$/);
});

test("reference-keyword-csv-has-the-reference-column", () => {
  assert.deepEqual(referenceKeywordCsvRows([{ item: "直播", freq: 3, freqReference: 10, docs: 2, logRatio: 5.5, g2: 20 }]), [
    ["item", "freq", "freqReference", "docs", "logRatio", "g2"],
    ["直播", 3, 10, 2, 5.5, 20],
  ]);
});
