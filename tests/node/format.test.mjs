import assert from "node:assert/strict";
import { test } from "node:test";
import {
  documentMeta,
  documentTitle,
  formatNumber,
  lengthLabel,
  loadedMessage,
  loadErrorsMessage,
  noMatchesMessage,
  normalizeQuery,
  occurrencesLabel,
  readerMatchesLabel,
  resultsSummary,
  scriptLabel,
  scriptLang,
} from "../../www/format.js";

test("script labels name each script the core reports", () => {
  assert.equal(scriptLabel("traditional"), "繁體");
  assert.equal(scriptLabel("simplified"), "简体");
  assert.equal(scriptLabel("mixed"), "混合");
  assert.equal(scriptLabel("none"), "无汉字");
  assert.equal(scriptLabel("klingon"), "未知");
});

test("only traditional articles are tagged zh-Hant", () => {
  assert.equal(scriptLang("traditional"), "zh-Hant");
  assert.equal(scriptLang("simplified"), "zh-Hans");
  assert.equal(scriptLang("mixed"), "zh-Hans");
});

test("numbers are grouped by thousands", () => {
  assert.equal(formatNumber(0), "0");
  assert.equal(formatNumber(999), "999");
  assert.equal(formatNumber(12345), "12,345");
  assert.equal(lengthLabel(6543), "6,543 字");
});

test("document meta combines script and length", () => {
  assert.equal(documentMeta({ script: "traditional", chars: 6543 }), "繁體 · 6,543 字");
});

test("a document without a title falls back to its file name", () => {
  assert.equal(documentTitle({ title: "  京東牽“快手”  ", name: "000.txt" }), "京東牽“快手”");
  assert.equal(documentTitle({ title: "", name: "000.txt" }), "000.txt");
  assert.equal(documentTitle({ title: "   ", name: "000.txt" }), "000.txt");
  assert.equal(documentTitle({ name: "000.txt" }), "000.txt");
});

test("results summary counts articles and occurrences in both languages", () => {
  assert.equal(resultsSummary(3, 57), "3 篇文章，共 57 处 / 3 articles, 57 occurrences");
  assert.equal(resultsSummary(1, 1), "1 篇文章，共 1 处 / 1 article, 1 occurrence");
  assert.equal(
    resultsSummary(1200, 34567),
    "1,200 篇文章，共 34,567 处 / 1,200 articles, 34,567 occurrences",
  );
});

test("results summary says when the list was cut short", () => {
  assert.equal(
    resultsSummary(80, 300, 50),
    "80 篇文章，共 300 处（显示前 50 篇） / 80 articles, 300 occurrences (showing the first 50)",
  );
});

test("no matches is said plainly, quoting the query", () => {
  assert.equal(noMatchesMessage("xyz"), "没有找到“xyz” / No matches for “xyz”");
});

test("per-article and reader counts use singular for one", () => {
  assert.equal(occurrencesLabel(1), "1 处 / 1 occurrence");
  assert.equal(occurrencesLabel(32), "32 处 / 32 occurrences");
  assert.equal(readerMatchesLabel(32, "京东"), "本文共 32 处“京东” / 32 occurrences of “京东”");
  assert.equal(readerMatchesLabel(0, ""), "");
});

test("load messages count articles and refused files", () => {
  assert.equal(loadedMessage(5), "已载入 5 篇文章 / 5 articles loaded");
  assert.equal(loadErrorsMessage(1), "1 个文件无法载入 / 1 file could not be loaded");
});

test("queries are trimmed, including full-width spaces", () => {
  assert.equal(normalizeQuery("  京东\n"), "京东");
  assert.equal(normalizeQuery("\u3000京东\u3000"), "京东");
  assert.equal(normalizeQuery(undefined), "");
});
