import assert from "node:assert/strict";
import { test } from "node:test";
import { pick } from "../../www/i18n.js";
import {
  corpusFileName,
  isCorpusFileName,
  openedMessage,
  openRefusedMessage,
  staleMessage,
  storedSummary,
  storeFailedMessage,
} from "../../www/persistence-format.js";

test("corpus-files-are-told-from-articles-by-their-ending", () => {
  assert.equal(isCorpusFileName("mine.corpus"), true);
  assert.equal(isCorpusFileName("MINE.CORPUS"), true);
  assert.equal(isCorpusFileName("corpus.txt"), false);
  assert.equal(isCorpusFileName("a.corpus.txt"), false);
  assert.equal(isCorpusFileName(undefined), false);
});

test("a-saved-corpus-is-named-by-the-day", () => {
  assert.equal(corpusFileName(new Date(2026, 0, 5, 23, 59)), "corpus-2026-01-05.corpus");
});

test("the-summary-says-what-is-stored-and-the-space-in-both-languages", () => {
  const text = storedSummary({ documents: 7, bytes: 3 * 1024 * 1024, at: 0 }, { usage: 4 * 1024 * 1024, quota: 100 * 1024 * 1024 });
  assert.equal(pick(text, "en"), "Stored in this browser: 7 articles, 3.0 MB; this site uses 4.0 MB of 100.0 MB.");
  assert.equal(pick(text, "zh"), "已保存在本浏览器：7 篇文章，3.0 MB；本网站共用 4.0 MB，可用 100.0 MB。");
  assert.match(pick(storedSummary(null), "en"), /^No corpus is stored in this browser/);
  // A browser that does not tell the space: the summary leaves it out.
  assert.doesNotMatch(storedSummary({ documents: 1, bytes: 10, at: 0 }, { usage: undefined }), /uses/);
  assert.match(pick(storedSummary({ documents: 1, bytes: 10, at: 0 }), "en"), /1 article, 10 B/);
});

test("a-full-quota-says-the-stored-copy-is-kept-and-how-to-keep-the-rest", () => {
  const en = pick(storeFailedMessage({ quota: true, message: "x" }), "en");
  assert.match(en, /stored before is kept/);
  assert.match(en, /Save corpus/);
  assert.match(pick(storeFailedMessage({ quota: false, message: "disk gone" }), "zh"), /disk gone$/);
});

test("opening-says-replaced-or-added-and-a-refusal-keeps-the-core-reason-in-both-languages", () => {
  assert.equal(pick(openedMessage("a.corpus", 7, false), "en"), "Opened a.corpus: 7 articles");
  assert.equal(pick(openedMessage("a.corpus", 1, true), "en"), "Added 1 article from a.corpus");
  const refused = openRefusedMessage("x.corpus", "this is not a corpus snapshot");
  assert.match(pick(refused, "zh"), /^未能打开 x\.corpus.*this is not a corpus snapshot$/);
  assert.match(pick(refused, "en"), /^x\.corpus was not opened; the current corpus is unchanged: this is not a corpus snapshot$/);
  assert.notEqual(pick(staleMessage("stored"), "en"), pick(staleMessage("forgotten"), "en"));
});
