// Words of the corpus kept in the browser and of corpus files (issue 15): pure
// functions, no DOM, pinned by tests/node/persistence-format.test.mjs. Every
// sentence is bilingual, Chinese first, as in format.js.

import { formatBytes, formatNumber } from "./format.js";

/** The file name ending of a saved corpus (Corpus.save()'s bytes). */
export const CORPUS_EXTENSION = ".corpus";

/** Whether a file offered (picked or dropped) is meant as a corpus file rather than an article. */
export function isCorpusFileName(name) {
  return typeof name === "string" && name.toLowerCase().endsWith(CORPUS_EXTENSION);
}

/** "corpus-2026-12-07.corpus": the name a saved corpus is downloaded under, by the day it was saved. */
export function corpusFileName(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `corpus-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}${CORPUS_EXTENSION}`;
}

/** "01:23:45": when, in the reader's local time. */
function clock(at) {
  const d = new Date(at);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * What the page says about the stored copy: `stored` is `{ documents, bytes, at }`
 * (null: nothing stored), `estimate` navigator.storage.estimate()'s `{ usage, quota }`
 * when the browser told it.
 */
export function storedSummary(stored, estimate = null) {
  const space =
    estimate && Number.isFinite(estimate.usage) && Number.isFinite(estimate.quota) && estimate.quota > 0
      ? { zh: `；本网站共用 ${formatBytes(estimate.usage)}，可用 ${formatBytes(estimate.quota)}`, en: `; this site uses ${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)}` }
      : { zh: "", en: "" };
  if (!stored) {
    return `本浏览器未保存语料：添加或删除文章后，你的语料会自动保存在这里${space.zh}。 / No corpus is stored in this browser: once you add or remove articles, your corpus is kept here${space.en}.`;
  }
  const when = stored.at ? { zh: `，保存于 ${clock(stored.at)}`, en: `, saved at ${clock(stored.at)}` } : { zh: "", en: "" };
  const n = stored.documents ?? 0;
  return `已保存在本浏览器：${formatNumber(n)} 篇文章，${formatBytes(stored.bytes)}${when.zh}${space.zh}。 / Stored in this browser: ${formatNumber(n)} article${n === 1 ? "" : "s"}, ${formatBytes(stored.bytes)}${when.en}${space.en}.`;
}

/** Said once, under the summary: two tabs share one stored copy. */
export const LAST_WRITER_NOTE =
  "在多个标签页中打开时，最后一次更改的标签页的语料会被保存。 / With the explorer open in several tabs, the tab that changed its corpus last is the one stored.";

/** Another tab wrote (or forgot) the stored copy: this tab's corpus is no longer what is stored. */
export function staleMessage(other) {
  return other === "forgotten"
    ? "另一个标签页删除了保存的语料；本页的语料在下次更改时会重新保存。 / Another tab forgot the stored corpus; this tab's corpus is stored again at its next change."
    : "另一个标签页保存了它的语料，取代了本页的语料；重新载入本页可查看它，或在本页做一次更改以保存本页的语料。 / Another tab stored its corpus in place of this one; reload to see it, or change something here to store this tab's corpus instead.";
}

/** A write that failed: the copy stored before is kept (a full quota says so). */
export function storeFailedMessage({ quota, message }) {
  return quota
    ? "存储空间不足：之前保存的语料保持不变，此后的更改只在本页中。请“保存语料”到文件以保留它们。 / Not enough storage space: the corpus stored before is kept as it was, and the changes since are only in this tab. Use “Save corpus” to keep them in a file."
    : `未能保存语料，之前保存的语料保持不变 / Could not store the corpus; the copy stored before is kept: ${message}`;
}

/** The stored copy could not be opened on this visit. */
export function reopenFailedMessage(reason) {
  return `无法打开本浏览器中保存的语料，显示示例语料 / The corpus stored in this browser could not be opened; showing the bundled corpus: ${reason}`;
}

/** After "Forget this corpus". */
export const FORGOTTEN_MESSAGE = "已删除保存的语料，已恢复示例语料。 / The stored corpus is forgotten; the bundled corpus is back.";

/** A corpus file opened: replaced or added. */
export function openedMessage(name, documents, add) {
  return add
    ? `已添加 ${name} 中的 ${formatNumber(documents)} 篇文章 / Added ${formatNumber(documents)} article${documents === 1 ? "" : "s"} from ${name}`
    : `已打开 ${name}：${formatNumber(documents)} 篇文章 / Opened ${name}: ${formatNumber(documents)} article${documents === 1 ? "" : "s"}`;
}

/** A file refused as a corpus: the current corpus stays. */
export function openRefusedMessage(name, reason) {
  return `未能打开 ${name}，当前语料保持不变 / ${name} was not opened; the current corpus is unchanged: ${reason}`;
}

/** After "Save corpus": the download. */
export function savedFileMessage(name, bytes) {
  return `已保存为 ${name}（${formatBytes(bytes)}） / Saved as ${name} (${formatBytes(bytes)})`;
}
