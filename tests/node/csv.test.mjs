import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BOM,
  collocateCsvRows,
  concordanceCsvRows,
  csvCell,
  csvFileName,
  dispersionCsvRows,
  figureCsvRows,
  frequencyCsvRows,
  keywordCsvRows,
  toCsv,
  trendCsvRows,
} from "../../www/csv.js";

test("plain cells are written as they are, numbers as numbers", () => {
  assert.equal(csvCell("京东"), "京东");
  assert.equal(csvCell(12.5), "12.5");
  assert.equal(csvCell(-3.2), "-3.2", "a negative number is not a formula");
  assert.equal(csvCell(0), "0");
  assert.equal(csvCell(null), "");
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell(Number.NaN), "");
  assert.equal(csvCell(true), "true");
});

test("cells with commas, quotes, line breaks or outer spaces are quoted, quotes doubled", () => {
  assert.equal(csvCell("京东,快手"), '"京东,快手"');
  assert.equal(csvCell('他说"好"'), '"他说""好"""');
  assert.equal(csvCell("一行\n两行"), '"一行\n两行"');
  assert.equal(csvCell("a\r\nb"), '"a\r\nb"');
  assert.equal(csvCell(" 前面有空格"), '" 前面有空格"');
  assert.equal(csvCell("，全角逗号不用引号"), "，全角逗号不用引号");
});

test("text that a spreadsheet would run as a formula is kept as text", () => {
  assert.equal(csvCell("=HYPERLINK(\"x\")"), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvCell("+86 10"), "'+86 10");
  assert.equal(csvCell("-淘宝"), "'-淘宝");
  assert.equal(csvCell("@user"), "'@user");
  assert.equal(csvCell("=1", { guardFormulas: false }), "=1");
});

test("a file starts with a UTF-8 BOM for Excel and ends every record with CRLF", () => {
  const text = toCsv([
    ["item", "freq"],
    ["京东", 52],
    ["与,和", 17],
  ]);
  assert.equal(text, `${BOM}item,freq\r\n京东,52\r\n"与,和",17\r\n`);
  assert.equal(text.charCodeAt(0), 0xfeff);
  assert.equal(toCsv([["a"]], { bom: false }), "a\r\n");
  assert.equal(toCsv([]), BOM);
});

test("file names keep Chinese and lose what file systems refuse", () => {
  assert.equal(csvFileName("concordance", "京东"), "concordance-京东.csv");
  assert.equal(csvFileName("concordance", 'title:"直播 电商"/x'), "concordance-title_直播_电商_x.csv");
  assert.equal(csvFileName("frequencies"), "frequencies.csv");
  assert.equal(csvFileName("trends", "京东, 快手"), "trends-京东,_快手.csv");
  assert.equal([...csvFileName("x", "长".repeat(100))].length, "x-".length + 40 + ".csv".length);
});

test("each view's rows start with a header and carry every field", () => {
  const line = { id: 0, title: "京東牽“快手”", left: "与", match: "京東", right: "牽", occurrence: 3 };
  assert.deepEqual(concordanceCsvRows([line]), [
    ["doc", "title", "left", "match", "right", "occurrence"],
    [0, "京東牽“快手”", "与", "京東", "牽", 3],
  ]);

  const dispersion = {
    terms: ["京东", "颤音"],
    docs: [
      { id: 0, title: "甲", chars: 100, marks: [{ term: 0, at: 5, occurrence: 0 }] },
      { id: 3, title: "乙", chars: 50, marks: [{ term: 1, at: 7, occurrence: 0 }, { term: 1, at: 9, occurrence: 1 }] },
    ],
  };
  assert.deepEqual(dispersionCsvRows(dispersion), [
    ["term", "doc", "title", "at", "chars", "occurrence"],
    ["京东", 0, "甲", 5, 100, 0],
    ["颤音", 3, "乙", 7, 50, 0],
    ["颤音", 3, "乙", 9, 50, 1],
  ]);

  const freq = [{ item: "的", freq: 510, per10k: 638.3, docs: 5, dp: 0.08 }];
  assert.deepEqual(frequencyCsvRows(freq, 100)[1], [101, "的", 510, 638.3, 5, 0.08]);

  const colloc = [{ item: "与", freq: 17, left: 15, right: 2, total: 38, logDice: 12.6, g2: 130.6, mi: 6.3 }];
  assert.deepEqual(collocateCsvRows(colloc)[1], ["与", 17, 15, 2, 38, 12.6, 130.6, 6.3]);

  const kw = [{ item: "颤音", freq: 40, freqRest: 0, docs: 1, logRatio: 8.58, g2: 140.3 }];
  assert.deepEqual(keywordCsvRows(kw)[1], ["颤音", 40, 0, 1, 8.58, 140.3]);

  const trends = {
    terms: ["京东", "颤音"],
    docs: [{ id: 1, title: "丙", date: "2020-07-17", chars: 2243, counts: [14, 0], per10k: [62.4, 0] }, { id: 0, title: "丁", date: null, chars: 10, counts: [1, 2], per10k: [1000, 2000] }],
  };
  assert.deepEqual(trendCsvRows(trends), [
    ["doc", "title", "date", "chars", "term", "count", "per10k"],
    [1, "丙", "2020-07-17", 2243, "京东", 14, 62.4],
    [1, "丙", "2020-07-17", 2243, "颤音", 0, 0],
    [0, "丁", "", 10, "京东", 1, 1000],
    [0, "丁", "", 10, "颤音", 2, 2000],
  ]);

  const figure = { id: 2, title: "戊", kind: "amount", text: "100亿元", value: 1e10, valueTo: null, unit: "元", iso: null, sentence: "补贴100亿元。" };
  assert.deepEqual(figureCsvRows([figure])[1], [2, "戊", "amount", "100亿元", 1e10, null, "元", null, "补贴100亿元。"]);
  const inProgress = { ...figure, sentence: { start: 0, end: 9 }, sentenceText: "补贴100亿元。" };
  assert.deepEqual(figureCsvRows([inProgress])[1].at(-1), "补贴100亿元。", "the core's sentenceText when sentence is a range");
});
