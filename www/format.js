// Words and numbers shown on the page. Pure functions: no DOM, no wasm, so
// `node --test tests/node/` pins every string the interface shows.
//
// Every sentence is bilingual, Chinese first: "中文 / English".

// The first Intl object of a fresh page costs 55–185 ms of its main thread (V8 starting ICU,
// whatever the locale: measured in Chromium with `new Intl.NumberFormat("en")` first), and the
// first result's counts would pay it on the way to the screen (tests/bench/cold-start.mjs).
// Whole numbers, which is what the page counts, are grouped here exactly as zh-Hans groups
// them (threes, ","; tests/node/format.test.mjs compares with Intl); anything else still goes
// to Intl, made the first time it is needed.
let numberFormat = null;

/** 12345 → "12,345". */
export function formatNumber(n) {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",");
    return n < 0 ? `-${digits}` : digits;
  }
  numberFormat ??= new Intl.NumberFormat("zh-Hans");
  return numberFormat.format(n);
}

/** English noun with its number: plural("article", 2) → "2 articles". */
function plural(noun, n) {
  return `${formatNumber(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** The scripts the core reports, named in both languages. */
const SCRIPT_NAMES = {
  traditional: { zh: "繁體", en: "Traditional" },
  simplified: { zh: "简体", en: "Simplified" },
  mixed: { zh: "混合", en: "Mixed" },
  none: { zh: "无汉字", en: "No Chinese" },
};
const UNKNOWN_SCRIPT = { zh: "未知", en: "Unknown" };

/** The script the core detected, as the short label shown next to a title: "繁體 / Traditional". */
export function scriptLabel(script) {
  const { zh, en } = SCRIPT_NAMES[script] ?? UNKNOWN_SCRIPT;
  return `${zh} / ${en}`;
}

/**
 * The language tag for text in that script, so the browser picks Traditional
 * or Simplified glyph shapes (e.g. for 骨, 直, 户) from CJK fonts that carry both.
 */
export function scriptLang(script) {
  return script === "traditional" ? "zh-Hant" : "zh-Hans";
}

/** Length of an article: "6,543 字 / 6,543 chars". */
export function lengthLabel(chars) {
  return `${formatNumber(chars)} 字 / ${plural("char", chars)}`;
}

/** The length of the cleaned article, falling back to the raw length. */
function articleChars(doc) {
  return Number.isFinite(doc.keptChars) ? doc.keptChars : doc.chars;
}

/** A metadata field worth showing: a non-empty string, trimmed; otherwise null. */
function field(value) {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/**
 * The metadata line under a title in the article list, fields the scrape did
 * not carry left out: "2020-07-17 · www.heliu2.cn · 简体 / Simplified · UTF-8 ·
 * 2,243 字 / 2,243 chars". The length is the cleaned article's, which is what
 * the reader shows. The script and the length are bilingual, each on its own
 * (documentMetaParts), so the page can show one language of each.
 */
export function documentMeta(doc) {
  return documentMetaParts(doc).join(" · ");
}

/** documentMeta's fields before joining, so the list can keep each on one line. */
export function documentMetaParts(doc) {
  return [
    field(doc.date),
    field(doc.source),
    scriptLabel(doc.script),
    field(doc.encoding),
    lengthLabel(articleChars(doc)),
  ].filter(Boolean);
}

/**
 * The reader's metadata line as separate fields, so the reader can make the
 * date a <time> and the source a link: [{ field, text }] in the order
 * date · source · author · script · encoding · length, absent fields left out.
 */
export function readerMetaFields(doc) {
  return [
    { field: "date", text: field(doc.date) },
    { field: "source", text: field(doc.source) },
    { field: "author", text: field(doc.author) },
    { field: "script", text: scriptLabel(doc.script) },
    { field: "encoding", text: field(doc.encoding) },
    { field: "length", text: lengthLabel(articleChars(doc)) },
  ].filter((f) => f.text !== null);
}

/**
 * The article's address if it is safe to link to (http or https only: a
 * scraped `javascript:` or `data:` address never becomes a link), else null.
 */
export function safeLink(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Why the cleaner removed a span, in the order the article list counts them.
 * Chinese first, as everywhere on the page.
 */
const REMOVAL_REASONS = {
  duplicate: { zh: "重复", en: "duplicate" },
  boilerplate: { zh: "页面杂项", en: "boilerplate" },
  promotion: { zh: "广告推广", en: "promotion" },
  spam: { zh: "垃圾词", en: "spam" },
  caption: { zh: "图片说明", en: "caption" },
  footer: { zh: "页脚声明", en: "footer" },
  // The parts of a web page around its article (HTML extraction in the core).
  navigation: { zh: "导航", en: "navigation" },
  comments: { zh: "评论", en: "comments" },
  related: { zh: "相关推荐", en: "related" },
  header: { zh: "页眉", en: "header" },
  sidebar: { zh: "侧栏", en: "sidebar" },
};

/** The badge before removed text: "垃圾词 / spam". */
export function reasonLabel(reason) {
  const known = REMOVAL_REASONS[reason];
  return known ? `${known.zh} / ${known.en}` : `其他 / ${reason}`;
}

/**
 * How many spans were removed for each reason, known reasons in their fixed
 * order, then any others in order of first appearance: [["duplicate", 2], …].
 */
export function removedCounts(removed = []) {
  const counts = new Map(Object.keys(REMOVAL_REASONS).map((reason) => [reason, 0]));
  for (const { reason } of removed) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 0);
}

/** "已清理 5 处 / 5 removed"; empty when the cleaner removed nothing. */
export function removedSummary(count) {
  if (!count) return "";
  return `已清理 ${formatNumber(count)} 处 / ${formatNumber(count)} removed`;
}

/** The per-reason breakdown: "重复 2 / duplicate 2 · 页面杂项 2 / boilerplate 2". */
export function removedBreakdown(removed = []) {
  return removedBreakdownParts(removed).join(" · ");
}

/**
 * removedBreakdown's items before joining, each bilingual on its own:
 * ["重复 2 / duplicate 2", "图片说明 1 / caption 1"]; a reason the page does
 * not know is named as the core names it, once: "watermark 1".
 */
export function removedBreakdownParts(removed = []) {
  return removedCounts(removed).map(([reason, n]) => {
    const known = REMOVAL_REASONS[reason];
    const count = formatNumber(n);
    return known ? `${known.zh} ${count} / ${known.en} ${count}` : `${reason} ${count}`;
  });
}

/** Read out before each badge, so a screen reader says the text was removed. */
export const REMOVED_PREFIX = "已删除 / removed: ";

/** A title to show even when the core found none (an empty first line). */
export function documentTitle(doc) {
  const title = typeof doc.title === "string" ? doc.title.trim() : "";
  return title || doc.name;
}

/** Per-article count in results: "12 处 / 12 occurrences". */
export function occurrencesLabel(count) {
  return `${formatNumber(count)} 处 / ${plural("occurrence", count)}`;
}

/**
 * The status line after a search with results:
 * "3 篇文章，共 57 处 / 3 articles, 57 occurrences".
 * When the result list was cut at `shown` articles, says so.
 */
export function resultsSummary(total, occurrences, shown = total) {
  let zh = `${formatNumber(total)} 篇文章，共 ${formatNumber(occurrences)} 处`;
  let en = `${plural("article", total)}, ${plural("occurrence", occurrences)}`;
  if (shown < total) {
    zh += `（显示前 ${formatNumber(shown)} 篇）`;
    en += ` (showing the first ${formatNumber(shown)})`;
  }
  return `${zh} / ${en}`;
}

/** The status line when nothing matched: "没有找到“xyz” / No matches for “xyz”". */
export function noMatchesMessage(query) {
  return `没有找到“${query}” / No matches for “${query}”`;
}

/** Shown while the wasm and the articles load. */
export const LOADING_MESSAGE = "正在载入语料… / Loading the corpus…";

/** The status line once the corpus is ready and no query is typed. */
export function loadedMessage(count) {
  return `已载入 ${formatNumber(count)} 篇文章 / ${plural("article", count)} loaded`;
}

/**
 * The status line once a sharded site (a published archive fetched part by part) is open:
 * its articles are not listed, so the line says how many there are and how they come.
 */
export function archiveLoadedMessage(count) {
  return `公开档案：${formatNumber(count)} 篇文章，搜索时按需下载 / Published archive: ${plural("article", count)}, downloaded part by part as you search`;
}

/** Appended to the status line when some bundled files were refused. */
export function loadErrorsMessage(count) {
  return `${formatNumber(count)} 个文件无法载入 / ${plural("file", count)} could not be loaded`;
}

/** The status line when the corpus could not be loaded at all. */
export function loadFailedMessage(reason) {
  return `语料载入失败：${reason} / Could not load the corpus: ${reason}`;
}

/**
 * The reader's match line: "本文共 12 处“京东” / 12 occurrences of “京东”".
 * `hidden` counts matches inside removed text the reader is not showing; when
 * there are any, the line says so, so the count never disagrees with the results.
 */
export function readerMatchesLabel(count, query, hidden = 0) {
  if (!query) return "";
  let zh = `本文共 ${formatNumber(count)} 处“${query}”`;
  let en = `${plural("occurrence", count)} of “${query}”`;
  if (hidden > 0) {
    zh += `（另有 ${formatNumber(hidden)} 处在已删除内容中）`;
    en += ` (${formatNumber(hidden)} more in removed text)`;
  }
  return `${zh} / ${en}`;
}

/** The query the core should see: surrounding white space never matters. */
export function normalizeQuery(raw) {
  return String(raw ?? "").trim();
}

/**
 * The status line when the core refused a malformed query. The core's message
 * says what is wrong and where: 'The quote " is never closed: … (at character 1)'.
 */
export function queryErrorMessage(reason) {
  return `查询写法有误 / The query has a problem: ${reason}`;
}

/** How many pages `total` articles fill at `size` a page (at least one). */
export function pageCount(total, size) {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * Which articles a page shows, for the line above the results:
 * "第 11–20 篇，共 23 篇 / 11–20 of 23 articles"; one article: "第 23 篇，共 23 篇 / 23 of 23 articles".
 * `offset` is how many come before the page, `shown` how many it holds.
 */
export function pageRangeLabel(offset, shown, total) {
  if (shown <= 0 || total <= 0) return "";
  const first = formatNumber(offset + 1);
  const last = formatNumber(offset + shown);
  const range = shown === 1 ? first : `${first}–${last}`;
  return `第 ${range} 篇，共 ${formatNumber(total)} 篇 / ${range} of ${plural("article", total)}`;
}

/** Between the page buttons: "第 2 / 3 页 / Page 2 of 3". */
export function pageLabel(page, pages) {
  return `第 ${formatNumber(page)} / ${formatNumber(pages)} 页 / Page ${formatNumber(page)} of ${formatNumber(pages)}`;
}

/** Under a hit found through a name variant: "颤音 — 抖音的变体 / variant of 抖音 (40)". */
export function variantLabel({ variant, of, count }) {
  return `${variant} — ${of}的变体 / variant of ${of} (${formatNumber(count)})`;
}

/** The four facet groups, in the order the panel shows them. */
export const FACET_GROUPS = Object.freeze([
  { group: "source", label: "来源 / Source" },
  { group: "script", label: "文字 / Script" },
  { group: "year", label: "年份 / Year" },
  { group: "entity", label: "实体 / Entities" },
]);

/** A facet value as shown: scripts by name ("繁體 / Traditional"), everything else as it is. */
export function facetValueLabel(group, value) {
  return group === "script" ? scriptLabel(value) : String(value);
}

/** A facet button's text: "繁體 / Traditional (1)", "抖音 (3)". */
export function facetLabel(group, value, count) {
  return `${facetValueLabel(group, value)} (${formatNumber(count)})`;
}

/** After the reader added a name: "已添加：颤音 是 抖音 的变体 / Added 颤音 as a variant of 抖音". */
export function variantAddedMessage(canonical, variant) {
  return `已添加：${variant} 是 ${canonical} 的变体 / Added ${variant} as a variant of ${canonical}`;
}

/** When the core refused a name: "无法添加 / Not added: “抖” is too short …". */
export function variantRefusedMessage(reason) {
  return `无法添加 / Not added: ${reason}`;
}

/** When the core would not remove a name (one of its own): "未移除 / Not removed: …". */
export function variantNotRemovedMessage(reason) {
  return `未移除 / Not removed: ${reason}`;
}

/** After removing a name: the search no longer finds it. */
export function variantForgottenMessage(canonical, variant) {
  return `已移除：${variant} 不再是 ${canonical} 的变体 / Removed ${variant} as a variant of ${canonical}`;
}

/** One remembered variant in the list: "颤音 → 抖音". */
export function userVariantLabel(canonical, variant) {
  return `${variant} → ${canonical}`;
}

/** "1.2 MB", "340 KB", "12 B": sizes of the files a reader adds. */
export function formatBytes(bytes) {
  const n = Math.max(0, Number(bytes) || 0);
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** "正在索引第 2/5 个文件 · 1.0 MB / 5.0 MB / Indexing file 2 of 5"; file 0 is still reading. */
export function indexProgressLabel(file, files, bytes, totalBytes) {
  if (!file) return `正在读取 ${files} 个文件… / Reading ${files} file${files === 1 ? "" : "s"}…`;
  const size = totalBytes > 0 ? ` · ${formatBytes(bytes)} / ${formatBytes(totalBytes)}` : "";
  return `正在索引第 ${file}/${files} 个文件${size} / Indexing file ${file} of ${files}`;
}

/** What became of the files a reader added: "已添加 3 个文件，2 个无法添加 / 3 added, 2 could not be added". */
export function filesAddedMessage(added, failed) {
  const zh = `已添加 ${added} 个文件${failed > 0 ? `，${failed} 个无法添加` : ""}`;
  const en = `${added} file${added === 1 ? "" : "s"} added${failed > 0 ? `, ${failed} could not be added` : ""}`;
  return `${zh} / ${en}`;
}

/** The banner when the worker or the core failed. */
export function errorBannerMessage(reason) {
  return `出错了 / Something went wrong: ${reason}`;
}

/**
 * True for names the folder picker and a dropped folder keep: text, Markdown,
 * HTML, and what the core reads as tables or containers (CSV, TSV, JSON Lines,
 * ZIP, DOCX, PDF). Not .json: in a folder it is far more often a settings or
 * metadata file than an export of articles (chosen or dropped by itself, a
 * .json file is read as a table).
 */
export function isTextFileName(name) {
  return /\.(txt|text|md|markdown|html?|csv|tsv|jsonl|ndjson|zip|docx|pdf)$/i.test(String(name ?? ""));
}

// Kept in message.js (no imports, nothing run on load) for the boot and the worker.
export { messageOf } from "./message.js";

/** The document fields a table column can fill, as the mapping form names them. */
export const TABLE_FIELDS = Object.freeze([
  { field: "content", label: "正文 / Text" },
  { field: "title", label: "标题 / Title" },
  { field: "date", label: "日期 / Date" },
  { field: "source", label: "来源 / Source" },
  { field: "url", label: "链接 / URL" },
  { field: "author", label: "作者 / Author" },
]);

/** Files read as tables (one article per row), whose columns the reader maps before loading. */
export function isTableFileName(name) {
  return /\.(csv|tsv|tab|jsonl|ndjson|json)$/i.test(String(name ?? ""));
}

/** The mapping form's heading: "export.csv 的列（gb18030） / Columns of export.csv (gb18030)". */
export function tableMappingTitle(name, encoding) {
  return `${name} 的列（${encoding}） / Columns of ${name} (${encoding})`;
}
