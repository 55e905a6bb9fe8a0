// Files in legacy encodings: the GB18030/Big5 tables are a separate file that
// the page fetches only when a file needs them, once.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClean, openPage, siteAndBrowser } from "./harness.mjs";

// "京东与快手宣布达成战略合作，直播电商迎来新的发展。" encoded as GBK, and
// "快手與京東的合作，讓用戶在快手小店購買京東自營商品。" as Big5 (made with
// Python's codecs). Different sentences: the same one in both would be removed
// from the second file as a cross-document duplicate.
const GBK = [190, 169, 182, 171, 211, 235, 191, 236, 202, 214, 208, 251, 178, 188, 180, 239, 179, 201, 213, 189, 194, 212, 186, 207, 215, 247, 163, 172, 214, 177, 178, 165, 181, 231, 201, 204, 211, 173, 192, 180, 208, 194, 181, 196, 183, 162, 213, 185, 161, 163];
const BIG5 = [167, 214, 164, 226, 187, 80, 168, 202, 170, 70, 170, 186, 166, 88, 167, 64, 161, 65, 197, 253, 165, 206, 164, 225, 166, 98, 167, 214, 164, 226, 164, 112, 169, 177, 193, 202, 182, 82, 168, 202, 170, 70, 166, 219, 192, 231, 176, 211, 171, 126, 161, 67];

const shared = siteAndBrowser();

test("gbk-and-big5-files-fetch-the-encoding-tables-once-and-decode", async () => {
  const session = await openPage(shared.browser, shared.site.baseUrl);
  const { page, problems } = session;
  try {
    const requests = [];
    page.on("request", (request) => {
      if (request.url().endsWith("data/encodings.bin")) requests.push(request.url());
    });
    assert.equal(requests.length, 0, "the UTF-8 seeds need no tables");
    const docs = await page.evaluate(async ([gbk, big5]) => {
      const { addFile } = await import("./engine.js");
      // The page's own corpus lives in a worker; this one is built here.
      const { default: init, Corpus } = await import("./pkg/corpus_explorer.js");
      await init();
      const corpus = new Corpus();
      await addFile(corpus, "gbk.txt", new Uint8Array(gbk));
      await addFile(corpus, "big5.txt", new Uint8Array(big5));
      const found = corpus.search("京东", {}).total;
      return { docs: corpus.documents().map((d) => [d.encoding, d.title]), found };
    }, [GBK, BIG5]);
    assert.deepEqual(docs.docs, [
      ["gb18030", "京东与快手宣布达成战略合作，直播电商迎来新的发展。"],
      ["Big5", "快手與京東的合作，讓用戶在快手小店購買京東自營商品。"],
    ]);
    assert.equal(docs.found, 2);
    assert.equal(requests.length, 1, "the tables are fetched once");
    assertClean(problems);
  } finally {
    await session.close();
  }
});
