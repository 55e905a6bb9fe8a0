import assert from "node:assert/strict";
import { test } from "node:test";
import {
  documentMeta,
  documentMetaParts,
  documentTitle,
  FACET_GROUPS,
  facetLabel,
  facetValueLabel,
  formatNumber,
  lengthLabel,
  loadedMessage,
  loadErrorsMessage,
  noMatchesMessage,
  normalizeQuery,
  occurrencesLabel,
  pageCount,
  pageLabel,
  pageRangeLabel,
  queryErrorMessage,
  readerMatchesLabel,
  readerMetaFields,
  reasonLabel,
  removedBreakdown,
  removedBreakdownParts,
  removedCounts,
  removedSummary,
  resultsSummary,
  safeLink,
  scriptLabel,
  scriptLang,
  userVariantLabel,
  variantAddedMessage,
  variantForgottenMessage,
  variantNotRemovedMessage,
  variantLabel,
  variantRefusedMessage,
} from "../../www/format.js";
import { pick } from "../../www/i18n.js";

test("script labels name each script the core reports in both languages", () => {
  assert.equal(scriptLabel("traditional"), "繁體 / Traditional");
  assert.equal(scriptLabel("simplified"), "简体 / Simplified");
  assert.equal(scriptLabel("mixed"), "混合 / Mixed");
  assert.equal(scriptLabel("none"), "无汉字 / No Chinese");
  assert.equal(scriptLabel("klingon"), "未知 / Unknown");
});

test("each metadata label shows one language of itself in either interface", () => {
  const doc = { date: "2020-07-17", source: "www.heliu2.cn", script: "simplified", encoding: "UTF-8", keptChars: 2243 };
  const removed = [{ reason: "duplicate" }, { reason: "duplicate" }, { reason: "watermark" }];
  assert.deepEqual(documentMetaParts(doc).map((part) => pick(part, "en")), ["2020-07-17", "www.heliu2.cn", "Simplified", "UTF-8", "2,243 chars"]);
  assert.deepEqual(documentMetaParts(doc).map((part) => pick(part, "zh")), ["2020-07-17", "www.heliu2.cn", "简体", "UTF-8", "2,243 字"]);
  assert.deepEqual(readerMetaFields(doc).map(({ text }) => pick(text, "en")), ["2020-07-17", "www.heliu2.cn", "Simplified", "UTF-8", "2,243 chars"]);
  assert.deepEqual(removedBreakdownParts(removed).map((part) => pick(part, "en")), ["duplicate 2", "watermark 1"]);
  assert.deepEqual(removedBreakdownParts(removed).map((part) => pick(part, "zh")), ["重复 2", "watermark 1"]);
  for (const script of ["traditional", "simplified", "mixed", "none", "klingon"]) {
    assert.doesNotMatch(pick(scriptLabel(script), "en"), /[\u3400-\u9fff]/, script);
    assert.doesNotMatch(pick(scriptLabel(script), "zh"), /[A-Za-z]/, script);
  }
  assert.equal(pick(lengthLabel(1), "en"), "1 char");
  assert.equal(pick(lengthLabel(0), "zh"), "0 字");
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
  assert.equal(lengthLabel(6543), "6,543 字 / 6,543 chars");
  assert.equal(lengthLabel(1), "1 字 / 1 char");
});

test("document meta combines script and length", () => {
  assert.equal(documentMeta({ script: "traditional", chars: 6543 }), "繁體 / Traditional · 6,543 字 / 6,543 chars");
});

test("document meta shows date, source and encoding when the scrape has them, and the cleaned length", () => {
  assert.equal(
    documentMeta({
      date: "2020-07-17",
      source: "www.heliu2.cn",
      script: "simplified",
      encoding: "UTF-8",
      chars: 4710,
      keptChars: 2243,
    }),
    "2020-07-17 · www.heliu2.cn · 简体 / Simplified · UTF-8 · 2,243 字 / 2,243 chars",
  );
  assert.equal(
    documentMeta({ date: "2021-03", source: null, script: "mixed", encoding: "GB18030", chars: 10, keptChars: 10 }),
    "2021-03 · 混合 / Mixed · GB18030 · 10 字 / 10 chars",
  );
  assert.equal(
    documentMeta({ date: "  ", source: "", script: "traditional", encoding: "Big5", chars: 5, keptChars: 0 }),
    "繁體 / Traditional · Big5 · 0 字 / 0 chars",
  );
  assert.deepEqual(
    documentMetaParts({ date: "2021-03", script: "simplified", encoding: "UTF-16LE", chars: 7 }),
    ["2021-03", "简体 / Simplified", "UTF-16LE", "7 字 / 7 chars"],
  );
});

test("reader meta lists date, source, author, script, encoding and length in that order", () => {
  assert.deepEqual(
    readerMetaFields({
      date: null,
      source: "www.heliu2.cn",
      author: "新零售外国参考记者",
      script: "simplified",
      encoding: "UTF-8",
      chars: 2883,
      keptChars: 2717,
    }),
    [
      { field: "source", text: "www.heliu2.cn" },
      { field: "author", text: "新零售外国参考记者" },
      { field: "script", text: "简体 / Simplified" },
      { field: "encoding", text: "UTF-8" },
      { field: "length", text: "2,717 字 / 2,717 chars" },
    ],
  );
  assert.deepEqual(
    readerMetaFields({ date: "2020-07-17", script: "traditional", chars: 3 }).map((f) => f.field),
    ["date", "script", "length"],
  );
});

test("only http and https addresses become links", () => {
  assert.equal(safeLink("http://www.heliu2.cn/xw/7772.html"), "http://www.heliu2.cn/xw/7772.html");
  assert.equal(safeLink(" https://www.51kuaishou.cn/show-14-363.html "), "https://www.51kuaishou.cn/show-14-363.html");
  assert.equal(safeLink("javascript:alert(1)"), null);
  assert.equal(safeLink("data:text/html,<b>x</b>"), null);
  assert.equal(safeLink("www.heliu2.cn"), null);
  assert.equal(safeLink(null), null);
});

test("every removal reason has a Chinese and an English label", () => {
  assert.equal(reasonLabel("duplicate"), "重复 / duplicate");
  assert.equal(reasonLabel("boilerplate"), "页面杂项 / boilerplate");
  assert.equal(reasonLabel("promotion"), "广告推广 / promotion");
  assert.equal(reasonLabel("spam"), "垃圾词 / spam");
  assert.equal(reasonLabel("caption"), "图片说明 / caption");
  assert.equal(reasonLabel("footer"), "页脚声明 / footer");
  assert.equal(reasonLabel("navigation"), "导航 / navigation");
  assert.equal(reasonLabel("comments"), "评论 / comments");
  assert.equal(reasonLabel("related"), "相关推荐 / related");
  assert.equal(reasonLabel("header"), "页眉 / header");
  assert.equal(reasonLabel("sidebar"), "侧栏 / sidebar");
  assert.deepEqual(removedBreakdownParts([{ reason: "caption" }]), ["图片说明 1 / caption 1"]);
});

test("a reason the page does not know is still shown, as the core names it", () => {
  assert.equal(reasonLabel("watermark"), "其他 / watermark");
  assert.deepEqual(removedBreakdownParts([{ reason: "watermark" }]), ["watermark 1"]);
});

test("removed spans are counted per reason in a fixed order", () => {
  const removed = ["caption", "boilerplate", "duplicate", "boilerplate", "duplicate", "watermark"].map(
    (reason) => ({ start: 0, end: 1, reason, note: "" }),
  );
  assert.deepEqual(removedCounts(removed), [
    ["duplicate", 2],
    ["boilerplate", 2],
    ["caption", 1],
    ["watermark", 1],
  ]);
  assert.equal(
    removedBreakdown(removed.slice(0, 5)),
    "重复 2 / duplicate 2 · 页面杂项 2 / boilerplate 2 · 图片说明 1 / caption 1",
  );
  assert.deepEqual(removedBreakdownParts(removed.slice(0, 5)), ["重复 2 / duplicate 2", "页面杂项 2 / boilerplate 2", "图片说明 1 / caption 1"]);
  assert.deepEqual(removedBreakdownParts(removed), [
    "重复 2 / duplicate 2",
    "页面杂项 2 / boilerplate 2",
    "图片说明 1 / caption 1",
    "watermark 1",
  ]);
  assert.equal(removedBreakdown([]), "");
  assert.deepEqual(removedCounts(), []);
});

test("the removed count reads the same in both languages and is empty for none", () => {
  assert.equal(removedSummary(5), "已清理 5 处 / 5 removed");
  assert.equal(removedSummary(1234), "已清理 1,234 处 / 1,234 removed");
  assert.equal(removedSummary(0), "");
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

test("the reader's count says how many matches sit in removed text it does not show", () => {
  assert.equal(
    readerMatchesLabel(0, "快手号买卖", 2),
    "本文共 0 处“快手号买卖”（另有 2 处在已删除内容中） / 0 occurrences of “快手号买卖” (2 more in removed text)",
  );
  assert.equal(readerMatchesLabel(3, "京东", 0), "本文共 3 处“京东” / 3 occurrences of “京东”");
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

test("a refused query is shown with the core's own explanation", () => {
  assert.equal(
    queryErrorMessage('The quote " is never closed: add a closing " after the phrase. (at character 1)'),
    '查询写法有误 / The query has a problem: The quote " is never closed: add a closing " after the phrase. (at character 1)',
  );
});

test("pages are counted and their range said in both languages", () => {
  assert.equal(pageCount(0, 10), 1);
  assert.equal(pageCount(10, 10), 1);
  assert.equal(pageCount(23, 10), 3);
  assert.equal(pageRangeLabel(0, 10, 23), "第 1–10 篇，共 23 篇 / 1–10 of 23 articles");
  assert.equal(pageRangeLabel(20, 3, 23), "第 21–23 篇，共 23 篇 / 21–23 of 23 articles");
  assert.equal(pageRangeLabel(22, 1, 23), "第 23 篇，共 23 篇 / 23 of 23 articles");
  assert.equal(pageRangeLabel(0, 1, 1), "第 1 篇，共 1 篇 / 1 of 1 article");
  assert.equal(pageRangeLabel(0, 0, 0), "");
  assert.equal(pageRangeLabel(1000, 10, 1234), "第 1,001–1,010 篇，共 1,234 篇 / 1,001–1,010 of 1,234 articles");
  assert.equal(pageLabel(2, 3), "第 2 / 3 页 / Page 2 of 3");
});

test("a name variant found is said with its entity and count", () => {
  assert.equal(variantLabel({ variant: "颤音", of: "抖音", count: 40 }), "颤音 — 抖音的变体 / variant of 抖音 (40)");
});

test("facet groups and values have bilingual labels with counts", () => {
  assert.deepEqual(
    FACET_GROUPS.map((g) => [g.group, g.label]),
    [
      ["source", "来源 / Source"],
      ["script", "文字 / Script"],
      ["year", "年份 / Year"],
      ["entity", "实体 / Entities"],
    ],
  );
  assert.equal(facetLabel("script", "traditional", 1), "繁體 / Traditional (1)");
  assert.equal(facetLabel("script", "simplified", 1234), "简体 / Simplified (1,234)");
  assert.equal(facetLabel("script", "none", 2), "无汉字 / No Chinese (2)");
  assert.equal(facetLabel("script", "klingon", 1), "未知 / Unknown (1)");
  assert.equal(facetLabel("entity", "抖音", 3), "抖音 (3)");
  assert.equal(facetLabel("source", "www.heliu2.cn", 1), "www.heliu2.cn (1)");
  assert.equal(facetValueLabel("year", "2020"), "2020");
});

test("adding, refusing and forgetting a variant are said in both languages", () => {
  assert.equal(variantAddedMessage("抖音", "颤音"), "已添加：颤音 是 抖音 的变体 / Added 颤音 as a variant of 抖音");
  assert.equal(variantRefusedMessage("too short"), "无法添加 / Not added: too short");
  assert.equal(variantForgottenMessage("抖音", "颤音"), "已移除：颤音 不再是 抖音 的变体 / Removed 颤音 as a variant of 抖音");
  assert.equal(variantNotRemovedMessage("built in"), "未移除 / Not removed: built in");
  assert.equal(userVariantLabel("抖音", "颤音"), "颤音 → 抖音");
});

test("whole-numbers-are-grouped-exactly-as-intl-groups-them-for-zh-hans", () => {
  // formatNumber groups whole numbers itself (the first Intl object of a page is dear);
  // it must say what Intl.NumberFormat("zh-Hans") says, and leave the rest to it.
  const intl = new Intl.NumberFormat("zh-Hans");
  const numbers = [0, -0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 12345, 100000, 999999, 1000000, 1234567, 98765432, -1, -999, -1000, -1234567, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, 1234.5678, -0.25, NaN, Infinity];
  for (let n = 1; n < 1e15; n = n * 7 + 3) numbers.push(n);
  for (const n of numbers) assert.equal(formatNumber(n), intl.format(n), String(n));
});
