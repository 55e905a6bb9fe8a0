import assert from "node:assert/strict";
import { test } from "node:test";
import {
  collocateFilterLabel,
  compareValues,
  concordanceSummary,
  dateLabel,
  dictionaryLoadedLabel,
  dictionaryProgressLabel,
  dispersionSummary,
  dispersionTermLabel,
  docDateLabel,
  docLabel,
  figureKindLabel,
  figureSentence,
  figureValueText,
  formatBytes,
  formatDecimal,
  formatMs,
  frequencySummary,
  hashForView,
  itemQuery,
  keywordSummary,
  linesNearCollocate,
  parseTerms,
  recomputedLabel,
  rowRangeLabel,
  sortFigures,
  sortLevels,
  splitOnTerm,
  tickLabel,
  trendPointLabel,
  viewFromHash,
  viewLabel,
  VIEWS,
  wordAddedLabel,
  wordForgottenLabel,
  wordRefusedLabel,
} from "../../www/analysis-format.js";
import { pick } from "../../www/i18n.js";

test("eight views, search first; the address fragment names the others", () => {
  assert.deepEqual(
    VIEWS.map((v) => v.id),
    ["search", "concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures"],
  );
  assert.equal(viewFromHash("#collocates"), "collocates");
  assert.equal(viewFromHash("#Trends"), "trends");
  assert.equal(viewFromHash(""), "search");
  assert.equal(viewFromHash("#nonsense"), "search");
  assert.equal(hashForView("search"), "");
  assert.equal(hashForView("figures"), "#figures");
  assert.equal(viewLabel("concordance"), "索引行 / Concordance");
});

test("decimals, sizes and durations are formatted for people", () => {
  assert.equal(formatDecimal(12.3456), "12.35");
  assert.equal(formatDecimal(1234.5), "1,234.50");
  assert.equal(formatDecimal(-0.001), "0.00");
  assert.equal(formatDecimal(-3.14159, 1), "-3.1");
  assert.equal(formatDecimal(Number.NaN), "–");
  assert.equal(formatDecimal(Infinity), "–");
  assert.equal(formatBytes(695374), "695 KB");
  assert.equal(formatBytes(512), "512 B");
  assert.equal(formatBytes(1_234_567), "1.2 MB");
  assert.equal(formatMs(120.4), "120 ms");
  assert.equal(formatMs(3.44), "3.4 ms");
  assert.equal(formatMs(1234), "1,234 ms");
});

test("the word list's progress and load are said with size and time", () => {
  assert.equal(
    dictionaryProgressLabel(320_000, 695_374),
    "正在载入词表… 320 KB / 695 KB / Loading word list… 320 KB of 695 KB",
  );
  assert.equal(dictionaryProgressLabel(320_000, 0), "正在载入词表… 320 KB / Loading word list… 320 KB");
  assert.equal(
    dictionaryLoadedLabel({ bytes: 695_374, ms: 120 }),
    "词表 695 KB，载入 120 ms / word list 695 KB, loaded in 120 ms",
  );
  assert.equal(recomputedLabel(35.2), "重新计算 35 ms / recomputed in 35 ms");
});

test("row ranges and summaries read the same in both languages", () => {
  assert.equal(rowRangeLabel(0, 100, 1234), "第 1–100 行，共 1,234 行 / 1–100 of 1,234 lines");
  assert.equal(rowRangeLabel(100, 1, 101), "第 101 行，共 101 行 / 101 of 101 lines");
  assert.equal(rowRangeLabel(0, 1, 1, { zh: "项", en: "item" }), "第 1 项，共 1 项 / 1 of 1 item");
  assert.equal(rowRangeLabel(0, 0, 0), "");
  assert.equal(concordanceSummary(52, "京东"), "“京东”共 52 处 / 52 matches for “京东”");
  assert.equal(concordanceSummary(1, "京东"), "“京东”共 1 处 / 1 match for “京东”");
  assert.equal(frequencySummary(7990, 2020), "7,990 个词次，2,020 个类型 / 7,990 tokens, 2,020 types");
  assert.match(keywordSummary(1616, 7723, 12, 3.84), /G² ≥ 3\.84 的关键词 12 个 .* 12 keywords with G² ≥ 3\.84$/);
  assert.equal(dispersionTermLabel("京东", 52, 0.5247), "京东 — 52 处，DP 0.52 / 京东 — 52 matches, DP 0.52");
  assert.equal(
    dispersionSummary(["京东", "颤音"], [52, 1], [0.5247, 1]),
    "京东 — 52 处，DP 0.52；颤音 — 1 处，DP 1.00 / 京东 — 52 matches, DP 0.52; 颤音 — 1 match, DP 1.00",
  );
  assert.equal(tickLabel("京东", 2, 346, 2250), "京东 第 3 处，第 346 / 2,250 字 / 京东 match 3, character 346 of 2,250");
  assert.equal(dateLabel("2020-07-17"), "2020-07-17");
  assert.equal(dateLabel(null), "无日期 / undated");
  assert.equal(docLabel({ id: 3, title: " " }), "#3");
});

test("chart labels keep the term and the title in either language", () => {
  assert.equal(docDateLabel({ id: 1, title: "乘风破浪的快手", date: "2020-07-17" }), "乘风破浪的快手 · 2020-07-17");
  assert.equal(docDateLabel({ id: 0, title: "京東牽“快手”", date: null }), "京東牽“快手” · 无日期 / 京東牽“快手” · undated");
  assert.equal(pick(docDateLabel({ id: 0, title: "京東牽“快手”" }), "en"), "京東牽“快手” · undated");
  assert.equal(
    trendPointLabel("京东", { id: 1, title: "乘风破浪的快手", date: "2020-07-17" }, 62.4166),
    "京东：乘风破浪的快手（2020-07-17）每万字 62.42 次 / 京东: 乘风破浪的快手 (2020-07-17) 62.42 per 10k chars",
  );
  const undated = trendPointLabel("京东", { id: 0, title: "京東牽“快手”" }, 128.888);
  assert.equal(pick(undated, "en"), "京东: 京東牽“快手” (undated) 128.89 per 10k chars");
  assert.equal(pick(undated, "zh"), "京东：京東牽“快手”（无日期）每万字 128.89 次");
  const summary = dispersionSummary(["京东", "快手"], [52, 201], [0.52, 0.26]);
  assert.equal(pick(summary, "en"), "京东 — 52 matches, DP 0.52; 快手 — 201 matches, DP 0.26");
  assert.equal(pick(summary, "zh"), "京东 — 52 处，DP 0.52；快手 — 201 处，DP 0.26");
});

test("terms split at Chinese and Latin commas and new lines, at most four", () => {
  assert.deepEqual(parseTerms("京东, 颤音"), { terms: ["京东", "颤音"], dropped: 0 });
  assert.deepEqual(parseTerms("京东，颤音、快手\n抖音\r\n淘宝；拼多多"), {
    terms: ["京东", "颤音", "快手", "抖音"],
    dropped: 2,
  });
  assert.deepEqual(parseTerms(" 京东 ,, 京东 ,"), { terms: ["京东"], dropped: 0 });
  assert.deepEqual(parseTerms("直播 电商"), { terms: ["直播 电商"], dropped: 0 }, "a space is part of the query");
  assert.deepEqual(parseTerms(""), { terms: [], dropped: 0 });
});

test("sort levels drop none and repeats", () => {
  assert.deepEqual(sortLevels(["1R", "none", "1L"]), ["1R", "1L"]);
  assert.deepEqual(sortLevels(["1R", "1R", "2R"]), ["1R", "2R"]);
  assert.deepEqual(sortLevels(["none", "none", "none"]), []);
  assert.deepEqual(sortLevels(["bogus", "match"]), ["match"]);
});

test("an item from a list becomes a query that finds exactly it", () => {
  assert.equal(itemQuery("京东"), '"京东"');
  assert.equal(itemQuery("OR"), '"OR"');
  assert.equal(itemQuery("-淘宝"), '"-淘宝"');
  assert.equal(itemQuery('a"b'), 'a"b');
});

test("the collocate filter keeps lines whose context holds the collocate, by position", () => {
  const lines = [
    { id: 0, occurrence: 0, match: "京東" }, // 與 two characters to the left (a Traditional article)
    { id: 0, occurrence: 1, match: "京東" }, // collocate far away
    { id: 1, occurrence: 0, match: "京东" }, // collocate right after the node
    { id: 1, occurrence: 1, match: "京东" }, // collocate overlapping the node: not a co-occurrence
  ];
  const positions = {
    docs: [
      { id: 0, marks: [{ term: 0, at: 10, occurrence: 0 }, { term: 1, at: 7, occurrence: 0 }, { term: 0, at: 100, occurrence: 1 }, { term: 1, at: 300, occurrence: 1 }] },
      { id: 1, marks: [{ term: 0, at: 50, occurrence: 0 }, { term: 1, at: 52, occurrence: 0 }, { term: 0, at: 80, occurrence: 1 }, { term: 1, at: 81, occurrence: 1 }] },
    ],
  };
  const kept = (options) => linesNearCollocate(lines, positions, { width: 20, collocate: "与", ...options }).map((l) => `${l.id}:${l.occurrence}`);
  assert.deepEqual(kept({}), ["0:0", "1:0"]);
  assert.deepEqual(kept({ left: 0 }), ["1:0"], "right window only");
  assert.deepEqual(kept({ right: 0 }), ["0:0"], "left window only");
  assert.deepEqual(kept({ width: 3 }), ["0:0", "1:0"]);
  assert.deepEqual(kept({ width: 2 }), ["1:0"], "與 at 7 is three characters before the node at 10");
  // A context cut short at a paragraph's edge: the collocate beyond it is not in the line.
  const cut = [{ ...lines[0], left: "與京" }, { ...lines[2], right: "与" }];
  assert.deepEqual(linesNearCollocate(cut, positions, { width: 20, collocate: "与" }).map((l) => l.id), [1]);
  assert.equal(collocateFilterLabel("与", "京东", 17, 20), "只显示左右 20 字内有“与”的“京东”：17 行 / Only lines of “京东” with “与” within 20 characters: 17");
});

test("a context is cut at each literal occurrence of the collocate", () => {
  assert.deepEqual(splitOnTerm("京东与快手与", "与"), [
    { text: "京东", hit: false },
    { text: "与", hit: true },
    { text: "快手", hit: false },
    { text: "与", hit: true },
  ]);
  assert.deepEqual(splitOnTerm("訪問JD.com", "jd.com"), [
    { text: "訪問", hit: false },
    { text: "JD.com", hit: true },
  ]);
  assert.deepEqual(splitOnTerm("京東與快手", "与"), [{ text: "京東與快手", hit: false }]);
  assert.deepEqual(splitOnTerm("", "与"), []);
});

test("figures show their kind and value, and sort by any column with empty values last", () => {
  assert.equal(figureKindLabel("percent"), "百分比 / percent");
  assert.equal(figureKindLabel("other"), "other");
  assert.equal(figureValueText({ kind: "amount", value: 10_000_000_000 }), "10,000,000,000");
  assert.equal(figureValueText({ kind: "amount", value: 5, valueTo: 10 }), "5–10");
  assert.equal(figureValueText({ kind: "date", iso: "2020-05-27", value: null }), "2020-05-27");
  assert.equal(figureSentence({ sentence: "补贴100亿元。" }), "补贴100亿元。");
  assert.equal(figureSentence({ sentence: { start: 0, end: 9 }, sentenceText: "补贴100亿元。" }), "补贴100亿元。");
  assert.equal(figureSentence({}), "");

  const figures = [
    { id: 0, title: "乙", kind: "amount", text: "100亿元", value: 1e10 },
    { id: 1, title: "甲", kind: "percent", text: "30%", value: 30 },
    { id: 2, title: "丙", kind: "count", text: "若干", value: null },
    { id: 3, title: "丁", kind: "amount", text: "5亿", value: 5e8 },
  ];
  const texts = (key, dir) => sortFigures(figures, key, dir).map((f) => f.text);
  assert.deepEqual(texts("value", "ascending"), ["30%", "5亿", "100亿元", "若干"]);
  assert.deepEqual(texts("value", "descending"), ["100亿元", "5亿", "30%", "若干"]);
  assert.deepEqual(texts("kind", "ascending"), ["30%", "100亿元", "5亿", "若干"], "百 < 金 < 数, stable within a kind");
  assert.deepEqual(texts("nonsense"), figures.map((f) => f.text));
  assert.equal(compareValues(null, 1), 1);
  assert.equal(compareValues(1, null, "descending"), -1);
  assert.ok(compareValues("2", "10") < 0, "numeric collation for text with digits");
});

test("adding, refusing and forgetting a word are said in both languages, with the recompute time", () => {
  assert.equal(wordAddedLabel("直播电商"), "已添加“直播电商” / Added 直播电商");
  assert.equal(wordAddedLabel("直播电商", 35.2), "已添加“直播电商”，重新计算 35 ms / Added 直播电商, recomputed in 35 ms");
  assert.equal(wordRefusedLabel("“” is not a word"), "无法添加 / Not added: “” is not a word");
  assert.match(wordForgottenLabel("直播电商"), /^已移除“直播电商”，重新载入页面后生效 \/ Removed 直播电商; takes effect when the page is reloaded$/);
});
