// The page's side of tables and containers: which names the folder picker
// keeps, which are tables whose columns are shown before loading, and the
// mapping form's words in both languages.

import assert from "node:assert/strict";
import { test } from "node:test";
import { isTableFileName, isTextFileName, TABLE_FIELDS, tableMappingTitle } from "../../www/format.js";
import { pick } from "../../www/i18n.js";

test("the-folder-picker-keeps-tables-archives-and-word-files-and-leaves-images-and-json", () => {
  for (const name of ["a.txt", "b.MD", "c.html", "d.csv", "e.tsv", "f.jsonl", "h.zip", "i.docx", "j.pdf"]) {
    assert.ok(isTextFileName(name), name);
  }
  // A .json in a folder is mostly settings, not articles: only chosen or dropped by itself is it read.
  for (const name of ["a.png", "b.exe", "csv", "c.csv.png", "notes/data.json"]) assert.ok(!isTextFileName(name), name);
});

test("tables-are-csv-tsv-json-lines-and-json-but-not-archives", () => {
  for (const name of ["export.csv", "x.TSV", "a.jsonl", "a.ndjson", "a.json"]) assert.ok(isTableFileName(name), name);
  for (const name of ["a.zip", "a.docx", "a.txt", "csv"]) assert.ok(!isTableFileName(name), name);
});

test("the-mapping-form-names-every-field-in-both-languages", () => {
  assert.deepEqual(TABLE_FIELDS.map((f) => f.field), ["content", "title", "date", "source", "url", "author"]);
  for (const { label } of TABLE_FIELDS) {
    assert.notEqual(pick(label, "zh"), pick(label, "en"), label);
  }
  const title = tableMappingTitle("export.csv", "gb18030");
  assert.equal(pick(title, "en"), "Columns of export.csv (gb18030)");
  assert.equal(pick(title, "zh"), "export.csv 的列（gb18030）");
});
