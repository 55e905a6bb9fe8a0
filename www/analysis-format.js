// Words, numbers and small decisions of the analysis views (concordance,
// dispersion, frequencies, collocates, keywords, trends, figures). Pure
// functions: no DOM, no wasm, unit-tested with `node --test`.
//
// As everywhere on the page, every sentence is bilingual, Chinese first.

import { formatNumber } from "./format.js";

// The views and their address fragments live in views.js, which search needs
// at start-up without the rest of this file; kept importable from here too.
export { hashForView, viewFromHash, viewLabel, VIEWS } from "./views.js";

// ---- numbers ----

const decimalFormats = new Map();

/** 12.3456 → "12.35"; NaN and ±Infinity → "–" (a statistic that could not be computed). */
export function formatDecimal(n, digits = 2) {
  if (typeof n !== "number" || !Number.isFinite(n)) return "–";
  if (!decimalFormats.has(digits)) {
    decimalFormats.set(
      digits,
      new Intl.NumberFormat("zh-Hans", { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    );
  }
  // -0.001 rounds to "-0.00": show it as the zero it is.
  const text = decimalFormats.get(digits).format(n);
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** A size in decimal units, as a download dialog says it: "695 KB", "1.2 MB", "512 B". */
export function formatBytes(bytes) {
  if (!(bytes >= 0)) return "–";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  if (bytes < 1_000_000) return `${formatNumber(Math.round(bytes / 1000))} KB`;
  return `${formatDecimal(bytes / 1_000_000, 1)} MB`;
}

/** A duration: "120 ms"; under 10 ms with one decimal ("3.4 ms"), since those are the interesting ones. */
export function formatMs(ms) {
  if (!(ms >= 0)) return "–";
  return ms < 10 ? `${formatDecimal(ms, 1)} ms` : `${formatNumber(Math.round(ms))} ms`;
}

// ---- status lines ----

/** While the word list downloads: "正在载入词表… 320 KB / 695 KB / Loading word list… 320 KB of 695 KB". */
export function dictionaryProgressLabel(received, total) {
  const got = formatBytes(received);
  if (total > 0) {
    const all = formatBytes(total);
    return `正在载入词表… ${got} / ${all} / Loading word list… ${got} of ${all}`;
  }
  return `正在载入词表… ${got} / Loading word list… ${got}`;
}

/** Once it is in: "词表 695 KB，载入 120 ms / word list 695 KB, loaded in 120 ms". */
export function dictionaryLoadedLabel({ bytes, ms }) {
  return `词表 ${formatBytes(bytes)}，载入 ${formatMs(ms)} / word list ${formatBytes(bytes)}, loaded in ${formatMs(ms)}`;
}

/** When it could not be loaded; characters still work. */
export function dictionaryFailedLabel(reason) {
  return `词表载入失败：${reason}。可改用“字” / Could not load the word list: ${reason}. Characters still work.`;
}

/** After the user lexicon changed: "重新计算 35 ms / recomputed in 35 ms". */
export function recomputedLabel(ms) {
  return `重新计算 ${formatMs(ms)} / recomputed in ${formatMs(ms)}`;
}

/**
 * After a word was added to the lexicon: "已添加“直播电商” / Added 直播电商", and once
 * the open view recomputed, "已添加“直播电商”，重新计算 35 ms / Added 直播电商, recomputed in 35 ms".
 */
export function wordAddedLabel(word, ms) {
  if (!(ms >= 0)) return `已添加“${word}” / Added ${word}`;
  return `已添加“${word}”，重新计算 ${formatMs(ms)} / Added ${word}, recomputed in ${formatMs(ms)}`;
}

/** When the core refused a word, with its reason. */
export function wordRefusedLabel(reason) {
  return `无法添加 / Not added: ${reason}`;
}

/** After forgetting a word: the core keeps it until the page is loaded again. */
export function wordForgottenLabel(word) {
  return `已移除“${word}”，重新载入页面后生效 / Removed ${word}; takes effect when the page is reloaded`;
}

/** How long an analysis took: "用时 12 ms / took 12 ms". */
export function tookLabel(ms) {
  return `用时 ${formatMs(ms)} / took ${formatMs(ms)}`;
}

/** Shown while an analysis runs. */
export const WORKING_MESSAGE = "正在计算… / Working…";

/** A view that needs a query and has none. */
export const NEED_QUERY_MESSAGE = "请输入检索词 / Type a query";

/** A view that needs terms and has none. */
export const NEED_TERMS_MESSAGE = "请输入一个或多个检索词，用逗号或换行分隔 / Type one or more terms, separated by commas or new lines";

/** An analysis the core refused: its own message says what is wrong. */
export function analysisErrorMessage(reason) {
  return `无法计算 / Could not compute: ${reason}`;
}

/**
 * Which rows a page shows: "第 1–100 行，共 1,234 行 / 1–100 of 1,234 lines".
 * `noun` names the rows: { zh: "行", en: "line" } (the default) or { zh: "项", en: "item" }.
 */
export function rowRangeLabel(offset, shown, total, noun = { zh: "行", en: "line" }) {
  if (shown <= 0 || total <= 0) return "";
  const first = formatNumber(offset + 1);
  const last = formatNumber(offset + shown);
  const range = shown === 1 ? first : `${first}–${last}`;
  const en = `${formatNumber(total)} ${noun.en}${total === 1 ? "" : "s"}`;
  return `第 ${range} ${noun.zh}，共 ${formatNumber(total)} ${noun.zh} / ${range} of ${en}`;
}

export const LINES = Object.freeze({ zh: "行", en: "line" });
export const ITEMS = Object.freeze({ zh: "项", en: "item" });

// ---- units, terms, sort levels ----

/** What a statistic counts. */
export const UNIT_LABELS = Object.freeze({
  word: "词 / words",
  char: "字 / characters",
  ngram: "n 元组 / n-grams",
});

/**
 * The terms of a dispersion or trends input: split at commas (, ， 、),
 * semicolons and new lines, trimmed, empty ones and repeats left out, at most
 * `max`. Returns `{ terms, dropped }`, `dropped` counting the terms past `max`.
 */
export function parseTerms(text, max = 4) {
  const all = [];
  for (const part of String(text ?? "").split(/[,，、;；\n\r]+/u)) {
    const term = part.trim();
    if (term !== "" && !all.includes(term)) all.push(term);
  }
  return { terms: all.slice(0, max), dropped: Math.max(0, all.length - max) };
}

/** The concordance's sort keys, with their labels; "none" ends the sort. */
export const SORT_KEYS = Object.freeze([
  { value: "none", label: "不排序 / none" },
  { value: "1R", label: "右 1 / 1R" },
  { value: "2R", label: "右 2 / 2R" },
  { value: "3R", label: "右 3 / 3R" },
  { value: "1L", label: "左 1 / 1L" },
  { value: "2L", label: "左 2 / 2L" },
  { value: "3L", label: "左 3 / 3L" },
  { value: "match", label: "检索词 / match" },
]);

/**
 * The sort the core is asked for, from the three level selects: keys in
 * order, "none" and repeats left out (a repeated key cannot break a tie).
 * An empty list means document order.
 */
export function sortLevels(levels) {
  const known = new Set(SORT_KEYS.map((k) => k.value));
  const out = [];
  for (const level of levels ?? []) {
    if (level === "none" || !known.has(level) || out.includes(level)) continue;
    out.push(level);
  }
  return out;
}

/**
 * A corpus item (a word, character or n-gram from a list) as a query that
 * finds exactly it: quoted, so "OR", a leading "-" or a colon are not read
 * as query syntax. The core has no escape inside quotes, so an item holding
 * `"` goes in bare.
 */
export function itemQuery(item) {
  const text = String(item ?? "");
  return text.includes('"') ? text : `"${text}"`;
}

const UNDATED = Object.freeze({ zh: "无日期", en: "undated" });

/** A document's date, or null. */
function dateOf(date) {
  return typeof date === "string" && date.trim() !== "" ? date.trim() : null;
}

/** A document's date on an axis or in a table, or "无日期 / undated". */
export function dateLabel(date) {
  return dateOf(date) ?? `${UNDATED.zh} / ${UNDATED.en}`;
}

/** "《title》" is not added: titles are shown as the article gives them. A title or the id. */
export function docLabel(doc) {
  const title = typeof doc?.title === "string" ? doc.title.trim() : "";
  return title || `#${doc?.id ?? "?"}`;
}

/**
 * A chart's name for an article: "标题 · 2020-07-17"; undated, the title in
 * both halves so either language keeps it: "标题 · 无日期 / 标题 · undated".
 */
export function docDateLabel(doc) {
  const date = dateOf(doc?.date);
  const title = docLabel(doc);
  return date ? `${title} · ${date}` : `${title} · ${UNDATED.zh} / ${title} · ${UNDATED.en}`;
}

/**
 * A trends point's name, whole in either language:
 * "京东：标题（2020-07-17）每万字 62.42 次 / 京东: 标题 (2020-07-17) 62.42 per 10k chars".
 */
export function trendPointLabel(term, doc, per10k) {
  const date = dateOf(doc?.date);
  const title = docLabel(doc);
  const value = formatDecimal(per10k);
  return (
    `${term}：${title}（${date ?? UNDATED.zh}）每万字 ${value} 次` +
    ` / ${term}: ${title} (${date ?? UNDATED.en}) ${value} per 10k chars`
  );
}

// ---- summaries ----

/** "“京东”共 52 处 / 52 matches for “京东”". */
export function concordanceSummary(total, query) {
  return `“${query}”共 ${formatNumber(total)} 处 / ${formatNumber(total)} match${total === 1 ? "" : "es"} for “${query}”`;
}

/** "7,990 词次，2,020 词型 / 7,990 tokens, 2,020 types". */
export function frequencySummary(tokens, types) {
  return `${formatNumber(tokens)} 个词次，${formatNumber(types)} 个类型 / ${formatNumber(tokens)} tokens, ${formatNumber(types)} types`;
}

/** "节点词 52 次，共 9,339 词次 / node 52 times in 9,339 tokens". */
export function collocateSummary(node, tokens, rows) {
  return `节点 ${formatNumber(node)} 次，${formatNumber(tokens)} 个词次，${formatNumber(rows)} 个搭配 / node ${formatNumber(node)} times in ${formatNumber(tokens)} tokens, ${formatNumber(rows)} collocates`;
}

/** "本文 1,616 词次，其余 7,723 词次；G² ≥ 3.84 的关键词 12 个 / …". */
export function keywordSummary(tokens, tokensRest, rows, minG2) {
  const g2 = formatDecimal(minG2, 2);
  return (
    `本文 ${formatNumber(tokens)} 个词次，其余 ${formatNumber(tokensRest)} 个；G² ≥ ${g2} 的关键词 ${formatNumber(rows)} 个` +
    ` / ${formatNumber(tokens)} tokens here, ${formatNumber(tokensRest)} in the rest; ${formatNumber(rows)} keywords with G² ≥ ${g2}`
  );
}

/** A dispersion term's halves: { zh: "京东 — 52 处，DP 0.52", en: "京东 — 52 matches, DP 0.52" }. */
function dispersionTermHalves(term, count, dp) {
  const d = formatDecimal(dp, 2);
  const n = formatNumber(count);
  return { zh: `${term} — ${n} 处，DP ${d}`, en: `${term} — ${n} match${count === 1 ? "" : "es"}, DP ${d}` };
}

/** A dispersion legend entry, the term in both halves: "京东 — 52 处，DP 0.52 / 京东 — 52 matches, DP 0.52". */
export function dispersionTermLabel(term, count, dp) {
  const { zh, en } = dispersionTermHalves(term, count, dp);
  return `${zh} / ${en}`;
}

/**
 * The dispersion status line, every term in each language:
 * "京东 — 52 处，DP 0.52；快手 — 201 处，DP 0.26 / 京东 — 52 matches, DP 0.52; 快手 — 201 matches, DP 0.26".
 */
export function dispersionSummary(terms, counts, dp) {
  const halves = terms.map((term, t) => dispersionTermHalves(term, counts[t], dp[t]));
  return `${halves.map((x) => x.zh).join("；")} / ${halves.map((x) => x.en).join("; ")}`;
}

/** A tick's accessible name: "京东 第 3 处，第 346 / 2,250 字 / 京东 match 3, character 346 of 2,250". */
export function tickLabel(term, occurrence, at, chars) {
  const n = formatNumber(occurrence + 1);
  return `${term} 第 ${n} 处，第 ${formatNumber(at)} / ${formatNumber(chars)} 字 / ${term} match ${n}, character ${formatNumber(at)} of ${formatNumber(chars)}`;
}

/** When more terms were typed than the plot shows. */
export function droppedTermsMessage(dropped, max) {
  return `最多 ${max} 个词，其余 ${formatNumber(dropped)} 个未显示 / At most ${max} terms; ${formatNumber(dropped)} left out`;
}

// ---- the collocate filter of the concordance ----

/**
 * The concordance lines that have the collocate near the node, decided by
 * position, not by text: `positions` is the core's dispersion answer for
 * `[node, collocate]` (term 0 the node, term 1 the collocate), whose matches
 * are found the way search finds them (京東 = 京东), so a Traditional article
 * counts too. A line is kept when a collocate match lies wholly within
 * `width` characters left of the node (if `left` > 0) or right of it (if
 * `right` > 0) and does not overlap it.
 *
 * `width` is the concordance's context width in characters, and a line's
 * context can stop short of it at a paragraph's edge, so a line is kept
 * exactly when the collocate is in the context the line shows. The windows of
 * the collocates table count tokens; 20 characters hold about 10 words, so
 * the filter finds at least the co-occurrences the table counted.
 */
export function linesNearCollocate(lines, positions, { width, left = 1, right = 1, collocate }) {
  const nodeAt = new Map();
  const collocateAt = new Map();
  for (const doc of positions?.docs ?? []) {
    const near = [];
    for (const mark of doc.marks) {
      if (mark.term === 0) nodeAt.set(`${doc.id}:${mark.occurrence}`, mark.at);
      else if (mark.term === 1) near.push(mark.at);
    }
    collocateAt.set(doc.id, near);
  }
  const lc = [...String(collocate)].length;
  // The context a line shows can be shorter than `width` (the core stops at a
  // paragraph's edge): only what is shown counts.
  const shown = (text) => (typeof text === "string" ? Math.min(width, [...text].length) : width);
  return lines.filter((line) => {
    const a = nodeAt.get(`${line.id}:${line.occurrence}`);
    if (a === undefined) return false;
    const ln = [...String(line.match)].length;
    const lw = shown(line.left);
    const rw = shown(line.right);
    return (collocateAt.get(line.id) ?? []).some(
      (b) => (left > 0 && b >= a - lw && b + lc <= a) || (right > 0 && b >= a + ln && b + lc <= a + ln + rw),
    );
  });
}

/**
 * A line's context cut at each literal occurrence of `term` (case-insensitive
 * for Latin letters), so the collocate can be marked: [{ text, hit }]. Only
 * literal matches: a Traditional article writing 與 for the collocate 与 keeps
 * its line (see linesNearCollocate) without the mark.
 */
export function splitOnTerm(text, term) {
  const source = String(text ?? "");
  const needle = String(term ?? "");
  if (needle === "" || source === "") return source === "" ? [] : [{ text: source, hit: false }];
  const lower = source.toLowerCase();
  const find = needle.toLowerCase();
  // Lower-casing that changes lengths (rare letters) would misplace the cut: match exactly then.
  const [hay, pin] = lower.length === source.length && find.length === needle.length ? [lower, find] : [source, needle];
  const pieces = [];
  let from = 0;
  for (let at = hay.indexOf(pin); at !== -1; at = hay.indexOf(pin, at + pin.length)) {
    if (at > from) pieces.push({ text: source.slice(from, at), hit: false });
    pieces.push({ text: source.slice(at, at + pin.length), hit: true });
    from = at + pin.length;
  }
  if (from < source.length) pieces.push({ text: source.slice(from), hit: false });
  return pieces;
}

/** The banner over a filtered concordance. */
export function collocateFilterLabel(collocate, node, shown, width) {
  return (
    `只显示左右 ${width} 字内有“${collocate}”的“${node}”：${formatNumber(shown)} 行` +
    ` / Only lines of “${node}” with “${collocate}” within ${width} characters: ${formatNumber(shown)}`
  );
}

// ---- figures ----

export const FIGURE_KINDS = Object.freeze({
  amount: "金额 / amount",
  percent: "百分比 / percent",
  date: "日期 / date",
  count: "数量 / count",
});

/** A figure's kind as shown; an unknown kind as the core named it. */
export function figureKindLabel(kind) {
  return FIGURE_KINDS[kind] ?? String(kind ?? "");
}

/** A figure's value as shown: the ISO date for dates, "a–b" for a range, else the number. */
export function figureValueText(figure) {
  if (figure.kind === "date" && figure.iso) return String(figure.iso);
  const value = typeof figure.value === "number" ? formatNumber(figure.value) : "";
  if (typeof figure.valueTo === "number" && figure.valueTo !== figure.value) {
    return `${value}–${formatNumber(figure.valueTo)}`;
  }
  return value;
}

/**
 * A figure's sentence as text. The brief promised `sentence` as a string; the
 * core in progress hands `sentence` as a range and the text as `sentenceText`:
 * either works.
 */
export function figureSentence(figure) {
  if (typeof figure?.sentence === "string") return figure.sentence;
  return typeof figure?.sentenceText === "string" ? figure.sentenceText : "";
}

/** The figures table's columns: key, header, and what a row is sorted by. */
export const FIGURE_COLUMNS = Object.freeze([
  { key: "kind", label: "类型 / Kind", sortValue: (f) => figureKindLabel(f.kind) },
  { key: "text", label: "数字 / Figure", sortValue: (f) => f.text },
  {
    key: "value",
    label: "数值 / Value",
    numeric: true,
    sortValue: (f) => (f.kind === "date" ? (f.iso ?? null) : typeof f.value === "number" ? f.value : null),
  },
  { key: "unit", label: "单位 / Unit", sortValue: (f) => f.unit ?? null },
  { key: "doc", label: "文章 / Document", sortValue: (f) => docLabel(f) },
  { key: "sentence", label: "句子 / Sentence", sortValue: (f) => figureSentence(f) || null },
]);

const collator = new Intl.Collator("zh-Hans", { numeric: true });

/**
 * Compares two sort values: numbers numerically, anything else as text in
 * Chinese collation; empty values (null, undefined, "") last in both directions.
 */
export function compareValues(a, b, direction = "ascending") {
  const empty = (v) => v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  const sign = direction === "descending" ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  return sign * collator.compare(String(a), String(b));
}

/** The rows sorted by one column (a stable sort: equal rows keep their order). */
export function sortFigures(figures, key, direction = "ascending") {
  const column = FIGURE_COLUMNS.find((c) => c.key === key);
  if (!column) return [...figures];
  return figures
    .map((figure, i) => ({ figure, i, value: column.sortValue(figure) }))
    .sort((x, y) => compareValues(x.value, y.value, direction) || x.i - y.i)
    .map((x) => x.figure);
}

// --- Words of issue 14: found words, the segmented export, reference keywords ---

/** The segmented export as JSONL: one `{ id, name, title, date, source, text }` object a line. */
export function segmentedJsonl(rows) {
  return rows
    .map(({ id, name, title, date, source, text }) =>
      JSON.stringify({ id, name, title, date: date ?? null, source: source ?? null, text }))
    .map((line) => `${line}\n`)
    .join("");
}

/** The export's file name: corpus-segmented.jsonl, or with the query that chose the documents. */
export function segmentedFileName(query = "") {
  const tag = String(query).trim().replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 40);
  return tag === "" ? "corpus-segmented.jsonl" : `corpus-segmented-${tag}.jsonl`;
}

/** "找到 31 个新词（读了 20,120 字）…" for the found-words panel; says when a sample was read. */
export function foundWordsSummary(count, chars, sampled, ms) {
  const n = formatNumber(count);
  const c = formatNumber(chars);
  const took = ms === undefined ? "" : `，${formatMs(ms)}`;
  const tookEn = ms === undefined ? "" : `, ${formatMs(ms)}`;
  const zh = `找到 ${n} 个词表没有的词（${sampled ? "抽样" : "读了"} ${c} 字${took}）`;
  const en = `${n} words the word list lacks (${sampled ? "a sample of" : "read"} ${c} characters${tookEn})`;
  return `${zh} / ${en}`;
}

/** "已接受 3 个词 / 3 words accepted". */
export function wordsAcceptedLabel(count) {
  return `已接受 ${formatNumber(count)} 个词 / ${formatNumber(count)} word${count === 1 ? "" : "s"} accepted`;
}

/** The reference keywords' status line: target size, reference size, rows. */
export function referenceKeywordSummary(tokens, referenceTokens, docs, rows, minG2) {
  const g2 = formatDecimal(minG2, 2);
  return (
    `${formatNumber(docs)} 篇文章 ${formatNumber(tokens)} 个词次，参照语料 ${formatNumber(referenceTokens)} 个；G² ≥ ${g2} 的关键词 ${formatNumber(rows)} 个` +
    ` / ${formatNumber(tokens)} tokens in ${formatNumber(docs)} articles, ${formatNumber(referenceTokens)} in the reference; ${formatNumber(rows)} keywords with G² ≥ ${g2}`
  );
}

/** Where the reference list comes from, one line for the keywords view. */
export const REFERENCE_SOURCE =
  "参照：jieba 词典（MIT）的词频，主要为 1990—2000 年代的书面语 / Reference: word frequencies of jieba's dictionary (MIT), mostly written Chinese of the 1990s–2000s";

/**
 * The subsets a reference comparison can take, from the corpus's documents:
 * `[{ value: query, label }]` — the whole corpus, each source, year and script.
 */
export function subsetChoices(documents) {
  const count = (key) => {
    const seen = new Map();
    for (const d of documents) {
      const value = key(d);
      if (value) seen.set(value, (seen.get(value) ?? 0) + 1);
    }
    return [...seen.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  };
  const SCRIPTS = { traditional: ["trad", "繁体", "Traditional"], simplified: ["simp", "简体", "Simplified"], mixed: ["mixed", "繁简混合", "Mixed"] };
  return [
    { value: "", label: `全部文章 / Whole corpus (${formatNumber(documents.length)})` },
    ...count((d) => d.source).map(([s, n]) => ({ value: `source:${s}`, label: `来源 / Source: ${s} (${formatNumber(n)})` })),
    ...count((d) => (d.date ? d.date.slice(0, 4) : null)).map(([y, n]) => ({ value: `date:${y}`, label: `年份 / Year: ${y} (${formatNumber(n)})` })),
    ...count((d) => (SCRIPTS[d.script] ? d.script : null)).map(([s, n]) => {
      const [q, zh, en] = SCRIPTS[s];
      return { value: `script:${q}`, label: `${zh} / ${en} (${formatNumber(n)})` };
    }),
  ];
}
