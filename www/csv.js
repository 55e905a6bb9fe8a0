// CSV export: the text of a file a spreadsheet opens correctly, and the rows
// each analysis view exports. Pure functions: no DOM, no wasm; the download
// itself is in components/view-kit.js.
//
// The format is RFC 4180: fields separated by commas, records by CRLF, a field
// quoted when it holds a comma, a quote, a line break or white space at either
// end, quotes inside doubled. The text starts with a UTF-8 byte order mark
// (U+FEFF), without which Excel reads the file as the system code page and
// turns every Chinese character into mojibake.
//
// Corpus text is scraped from the web, so a cell could start with "=" and be
// run as a formula when the file is opened in a spreadsheet (CSV injection,
// OWASP). Text cells starting with = + - @ or a tab / carriage return get a
// leading apostrophe, which spreadsheets hide and which keeps them text.
// Numbers are written as numbers, so a negative Log Ratio stays a number.

import { figureSentence } from "./analysis-format.js";

export const BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/u;

/** One field as written to the file. `null`/`undefined` → empty; numbers as they are (NaN → empty). */
export function csvCell(value, { guardFormulas = true } = {}) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = String(value);
  if (guardFormulas && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = /[",\r\n]/u.test(text) || /^\s|\s$/u.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The file's text: a header row and data rows (arrays of cells), CRLF after
 * every record, a BOM first unless `{ bom: false }`.
 */
export function toCsv(rows, { bom = true, guardFormulas = true } = {}) {
  const body = rows.map((row) => row.map((cell) => csvCell(cell, { guardFormulas })).join(",")).join("\r\n");
  return `${bom ? BOM : ""}${body}${rows.length > 0 ? "\r\n" : ""}`;
}

/**
 * A file name for an export: "concordance-京东.csv". Characters file systems
 * refuse (/ \ : * ? " < > |, control characters) and white space become "_";
 * the query part is cut to 40 characters.
 */
export function csvFileName(view, query = "") {
  const clean = (text) =>
    [...String(text).trim()]
      .map((c) => (/[\\/:*?"<>|\u0000-\u001f\s]/u.test(c) ? "_" : c))
      .join("")
      .replace(/_+/g, "_")
      .replace(/^[_.]+|[_.]+$/g, "");
  const part = [...clean(query)].slice(0, 40).join("");
  return `${clean(view) || "export"}${part ? `-${part}` : ""}.csv`;
}

// ---- the rows each view exports: a header, then one row per item ----

/** Concordance lines: doc, title, left, match, right, occurrence (0-based, per document). */
export function concordanceCsvRows(lines) {
  return [
    ["doc", "title", "left", "match", "right", "occurrence"],
    ...lines.map((l) => [l.id, l.title, l.left, l.match, l.right, l.occurrence]),
  ];
}

/** Dispersion: one row per match — term, doc, title, at (character offset), chars, occurrence. */
export function dispersionCsvRows(answer) {
  const rows = [["term", "doc", "title", "at", "chars", "occurrence"]];
  for (const doc of answer.docs) {
    for (const mark of doc.marks) {
      rows.push([answer.terms[mark.term], doc.id, doc.title, mark.at, doc.chars, mark.occurrence]);
    }
  }
  return rows;
}

/** A frequency list: rank, item, freq, per10k, docs, dp; ranks count from `offset` + 1. */
export function frequencyCsvRows(rows, offset = 0) {
  return [
    ["rank", "item", "freq", "per10k", "docs", "dp"],
    ...rows.map((r, i) => [offset + i + 1, r.item, r.freq, r.per10k, r.docs, r.dp]),
  ];
}

/** Collocates: item, freq, left, right, total, logDice, g2, mi. */
export function collocateCsvRows(rows) {
  return [
    ["item", "freq", "left", "right", "total", "logDice", "g2", "mi"],
    ...rows.map((r) => [r.item, r.freq, r.left, r.right, r.total, r.logDice, r.g2, r.mi]),
  ];
}

/** Keywords: item, freq in the document, freq in the rest, docs, logRatio, g2. */
export function keywordCsvRows(rows) {
  return [
    ["item", "freq", "freqRest", "docs", "logRatio", "g2"],
    ...rows.map((r) => [r.item, r.freq, r.freqRest, r.docs, r.logRatio, r.g2]),
  ];
}

/** Trends: one row per document and term, in the answer's (date) order. */
export function trendCsvRows(answer) {
  const rows = [["doc", "title", "date", "chars", "term", "count", "per10k"]];
  for (const doc of answer.docs) {
    answer.terms.forEach((term, t) => {
      rows.push([doc.id, doc.title, doc.date ?? "", doc.chars, term, doc.counts[t], doc.per10k[t]]);
    });
  }
  return rows;
}

/** Figures: doc, title, kind, text, value, valueTo, unit, iso, sentence. */
export function figureCsvRows(figures) {
  return [
    ["doc", "title", "kind", "text", "value", "valueTo", "unit", "iso", "sentence"],
    ...figures.map((f) => [f.id, f.title, f.kind, f.text, f.value, f.valueTo, f.unit, f.iso, figureSentence(f)]),
  ];
}

/** Keywords against general Chinese: every row shown. */
export function referenceKeywordCsvRows(rows) {
  return [
    ["item", "freq", "freqReference", "docs", "logRatio", "g2"],
    ...rows.map((r) => [r.item, r.freq, r.freqReference, r.docs, r.logRatio, r.g2]),
  ];
}
