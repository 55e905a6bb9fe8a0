// Words and numbers shown on the page. Pure functions: no DOM, no wasm, so
// `node --test tests/node/` pins every string the interface shows.
//
// Every sentence is bilingual, Chinese first: "中文 / English".

const numberFormat = new Intl.NumberFormat("zh-Hans");

/** 12345 → "12,345". */
export function formatNumber(n) {
  return numberFormat.format(n);
}

/** English noun with its number: plural("article", 2) → "2 articles". */
function plural(noun, n) {
  return `${formatNumber(n)} ${noun}${n === 1 ? "" : "s"}`;
}

const SCRIPT_LABELS = {
  traditional: "繁體",
  simplified: "简体",
  mixed: "混合",
  none: "无汉字",
};

/** The script the core detected, as the short label shown next to a title. */
export function scriptLabel(script) {
  return SCRIPT_LABELS[script] ?? "未知";
}

/**
 * The language tag for text in that script, so the browser picks Traditional
 * or Simplified glyph shapes (e.g. for 骨, 直, 户) from CJK fonts that carry both.
 */
export function scriptLang(script) {
  return script === "traditional" ? "zh-Hant" : "zh-Hans";
}

/** Length of an article: "6,543 字". */
export function lengthLabel(chars) {
  return `${formatNumber(chars)} 字`;
}

/** The metadata line under a title: "繁體 · 6,543 字". */
export function documentMeta(doc) {
  return `${scriptLabel(doc.script)} · ${lengthLabel(doc.chars)}`;
}

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

/** Appended to the status line when some bundled files were refused. */
export function loadErrorsMessage(count) {
  return `${formatNumber(count)} 个文件无法载入 / ${plural("file", count)} could not be loaded`;
}

/** The status line when the corpus could not be loaded at all. */
export function loadFailedMessage(reason) {
  return `语料载入失败：${reason} / Could not load the corpus: ${reason}`;
}

/** The status line when the core refused a query. */
export function searchFailedMessage(query, reason) {
  return `无法搜索“${query}”：${reason} / Cannot search for “${query}”: ${reason}`;
}

/** The reader's match line: "本文共 12 处“京东” / 12 occurrences of “京东”". */
export function readerMatchesLabel(count, query) {
  if (!query) return "";
  return `本文共 ${formatNumber(count)} 处“${query}” / ${plural("occurrence", count)} of “${query}”`;
}

/** The query the core should see: surrounding white space never matters. */
export function normalizeQuery(raw) {
  return String(raw ?? "").trim();
}
