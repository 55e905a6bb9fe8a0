// The page starts on the search-only core (dist/pkg/corpus_explorer_search_bg.wasm,
// the crate without its "analysis" feature) and moves to the full core only
// when something needs it: an analysis view, or the reader's own files. The
// move must lose nothing: documents, the open search, added name variants.

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClean, openPage, searchFor, siteAndBrowser } from "./harness.mjs";

const FULL = "pkg/corpus_explorer_bg.wasm";
const SEARCH = "pkg/corpus_explorer_search_bg.wasm";

const shared = siteAndBrowser();

/** Opens the site recording which core files were requested, runs `body`, checks the page stayed clean. */
async function scenario(body) {
  const requested = [];
  const session = await openPage(shared.browser, shared.site.baseUrl);
  // Requests before the page was ready are in the resource timings; later ones are seen live.
  const earlier = await session.page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  requested.push(...earlier);
  // The service worker's precache fetches every file for offline use once the page is
  // up; that is not the page asking for a core, so its requests are left out.
  session.context.on("request", (request) => {
    if (!request.serviceWorker()) requested.push(request.url());
  });
  const fetched = (file) => requested.some((url) => new URL(url).pathname.endsWith(`/${file}`));
  try {
    await body(session.page, fetched);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

async function hitCount(page) {
  return page.$$eval('[data-testid="hit-list"] li', (items) => items.length);
}

test("search-runs-on-the-search-core-and-the-full-core-is-not-fetched", () =>
  scenario(async (page, fetched) => {
    await searchFor(page, "京东");
    assert.ok((await hitCount(page)) > 0);
    assert.ok(fetched(SEARCH), "the search core was loaded");
    assert.ok(!fetched(FULL), "the full core waits until something needs it");
  }));

test("opening-an-analysis-view-moves-to-the-full-core-and-keeps-the-corpus", () =>
  scenario(async (page, fetched) => {
    await searchFor(page, "京东");
    const before = await hitCount(page);
    await page.getByTestId("tab-concordance").click();
    await page.waitForFunction(() => {
      const line = document.querySelector('[data-testid="concordance-status"]');
      return Number(line?.dataset.run) > 0 && line.dataset.state !== "busy";
    });
    assert.ok(fetched(FULL), "the full core was loaded for the analysis view");
    assert.equal(await page.getByTestId("concordance-status").getAttribute("data-state"), "ready");
    assert.ok((await page.$$('[data-testid="kwic-line"]')).length > 0, "the concordance found the search term's lines");
    // Back to search: the same documents answer on the new core.
    await page.getByTestId("tab-search").click();
    await searchFor(page, "京東");
    assert.equal(await hitCount(page), before);
  }));
