import assert from "node:assert/strict";
import { test } from "node:test";
import * as a from "../../www/analysis-format.js";
import * as f from "../../www/format.js";
import { htmlLang, initialLanguage, languageFor, pick, saveLanguage, savedLanguage, splitBilingual, STORAGE_KEY, toggleLabel } from "../../www/i18n.js";

const both = (text) => [pick(text, "zh"), pick(text, "en")];

test("pick shows one side of every kind of bilingual string", () => {
  assert.deepEqual(both("搜索 / Search"), ["搜索", "Search"]);
  assert.deepEqual(both(f.resultsSummary(3, 57)), ["3 篇文章，共 57 处", "3 articles, 57 occurrences"]);
  assert.deepEqual(both(f.occurrencesLabel(12)), ["12 处", "12 occurrences"]);
  assert.deepEqual(both(f.pageLabel(2, 3)), ["第 2 / 3 页", "Page 2 of 3"]);
  assert.deepEqual(both(f.pageRangeLabel(10, 10, 23)), ["第 11–20 篇，共 23 篇", "11–20 of 23 articles"]);
  assert.deepEqual(both(f.noMatchesMessage("a / b")), ["没有找到“a / b”", "No matches for “a / b”"]);
  assert.deepEqual(both(f.readerMatchesLabel(12, "京东")), ["本文共 12 处“京东”", "12 occurrences of “京东”"]);
  assert.deepEqual(both(f.queryErrorMessage("x / y")), ["查询写法有误: x / y", "The query has a problem: x / y"]);
  assert.deepEqual(both(f.variantLabel({ variant: "颤音", of: "抖音", count: 40 })), ["颤音 — 抖音的变体 (40)", "variant of 抖音 (40)"]);
  assert.deepEqual(both(f.facetLabel("script", "traditional", 1)), ["繁體 (1)", "Traditional (1)"]);
  assert.deepEqual(both(f.REMOVED_PREFIX), ["已删除", "removed: "]);
  assert.deepEqual(both(f.LOADING_MESSAGE), ["正在载入语料…", "Loading the corpus…"]);
  const progress = f.indexProgressLabel(2, 5, 1024 * 1024, 5 * 1024 * 1024);
  assert.deepEqual(both(progress), ["正在索引第 2/5 个文件 · 1.0 MB / 5.0 MB", "Indexing file 2 of 5"]);
  assert.deepEqual(both(f.variantAddedMessage("抖音", "颤音")), ["已添加：颤音 是 抖音 的变体", "Added 颤音 as a variant of 抖音"]);
  assert.deepEqual(both(a.analysisErrorMessage("boom")), ["无法计算: boom", "Could not compute: boom"]);
  assert.deepEqual(both(a.recomputedLabel(35)), ["重新计算 35 ms", "recomputed in 35 ms"]);
});

test("pick leaves text that is not bilingual as it is, corpus text included", () => {
  for (const text of ["抖音 (3)", "京东与快手宣布合作", "heliu2.com / news", "", "a / b", "京东 / 快手"]) {
    assert.equal(pick(text, "en"), text);
    assert.equal(pick(text, "zh"), text);
  }
  assert.equal(splitBilingual(null), null);
});

test("the halves and the shared count add up to the original", () => {
  for (const text of [f.resultsSummary(3, 57), f.errorBannerMessage("boom"), f.facetLabel("script", "traditional", 1), f.pageLabel(2, 3)]) {
    const { zh, en, tail } = splitBilingual(text);
    assert.equal(`${zh} / ${en}${tail}`, text);
  }
});

test("the browser language chooses: any zh* is Chinese, anything else English", () => {
  assert.equal(languageFor(["zh-CN"]), "zh");
  assert.equal(languageFor(["en-US", "zh-TW"]), "zh");
  assert.equal(languageFor(["zh"]), "zh");
  assert.equal(languageFor(["en-US"]), "en");
  assert.equal(languageFor(["fr", "de"]), "en");
  assert.equal(languageFor([]), "en");
  assert.equal(languageFor(undefined), "en");
  assert.equal(htmlLang("en"), "en");
  assert.equal(htmlLang("zh"), "zh-Hans");
  assert.equal(toggleLabel("zh"), "English");
  assert.equal(toggleLabel("en"), "中文");
});

test("the choice is saved and read back; a refusing storage costs only the memory", () => {
  const map = new Map();
  const storage = { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v) };
  assert.equal(initialLanguage(storage, ["zh-CN"]), "zh");
  saveLanguage(storage, "en");
  assert.equal(map.get(STORAGE_KEY), "en");
  assert.equal(initialLanguage(storage, ["zh-CN"]), "en");
  map.set(STORAGE_KEY, "klingon");
  assert.equal(savedLanguage(storage), null);
  const refusing = { getItem() { throw new Error("denied"); }, setItem() { throw new Error("quota"); } };
  assert.doesNotThrow(() => saveLanguage(refusing, "en"));
  assert.equal(initialLanguage(refusing, ["en"]), "en");
  assert.equal(initialLanguage(null, ["zh-HK"]), "zh");
});
