// The first result of a cold start answered on the page (www/first-answer.js): with the small
// prebuilt seeds and an address that asks a search, the page opens the snapshot with the
// search core it compiled and answers the interface's first calls itself; the worker opens the
// same snapshot meanwhile and answers everything after. One corpus is ever visible: the same
// documents, the same hits, whichever side answered.

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertClean, openPage, SEEDS, searchFor, siteAndBrowser } from "./harness.mjs";

const SEED_NAMES = readdirSync(SEEDS).filter((name) => name.endsWith(".txt")).sort();
const containing = (pattern) => SEED_NAMES.filter((name) => pattern.test(readFileSync(join(SEEDS, name), "utf8")));

const shared = siteAndBrowser();

/** Installed before the page's scripts: each call posted to a worker, by method, in `window.__posted`. */
function recordWorkerCalls() {
  const posted = (window.__posted = []);
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    postMessage(message, ...rest) {
      if (message?.method) posted.push(message.method);
      return super.postMessage(message, ...rest);
    }
  };
}

const hitNames = (page) => page.$$eval('[data-testid="hit"]', (hits) => hits.map((hit) => hit.dataset.docName).sort());

test("the-first-result-is-answered-on-the-page-and-later-searches-by-the-worker", async () => {
  const { page, problems, close } = await openPage(shared.browser, `${shared.site.baseUrl}?q=${encodeURIComponent("京东")}`, { init: recordWorkerCalls });
  try {
    assert.deepEqual(await hitNames(page), containing(/京[东東]/));
    assert.equal(await page.evaluate(() => performance.getEntriesByName("corpus-explorer:page-answered").length), 1, "the page answered");
    const posted = await page.evaluate(() => window.__posted);
    assert.ok(posted.includes("openSnapshot"), "the worker opened the snapshot too");
    assert.ok(!posted.includes("search") && !posted.includes("entities"), `the worker was not asked the first calls: ${posted}`);
    // The same corpus in the list, and the next search is the worker's, with the same semantics.
    const listed = await page.locator('[data-testid="article"]').evaluateAll((items) => items.map((item) => item.dataset.docName).sort());
    assert.deepEqual(listed, SEED_NAMES);
    await searchFor(page, "直播");
    assert.deepEqual(await hitNames(page), containing(/直播/));
    assert.ok((await page.evaluate(() => window.__posted)).includes("search"), "the worker answered the second search");
    assertClean(problems);
  } finally {
    await close();
  }
});

test("the-page-shows-nothing-until-the-interface-has-mounted-with-its-first-result", async () => {
  const { page, problems, close } = await openPage(shared.browser, `${shared.site.baseUrl}?q=${encodeURIComponent("京东")}`);
  try {
    // Once mounted, the boot's hiding is gone and the header and results are laid out.
    assert.equal(await page.evaluate(() => "booting" in document.documentElement.dataset), false);
    assert.ok(await page.getByTestId("hit-list").isVisible());
    assertClean(problems);
  } finally {
    await close();
  }
});
