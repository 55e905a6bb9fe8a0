// The site outside the happy path of one server at one root: a second visit
// with no network at all (www/sw.js keeps the app shell), the site served
// under a sub-path of a bigger one, and the single-file build opened straight
// from disk (dist/corpus-explorer.html, scripts/single-file.py).

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { assertClean, DIST, launchBrowser, openPage, SEEDS, searchFor } from "./harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

// The seeds that write 京东 or 京東, read from the files so the count follows the data.
const JINGDONG = readdirSync(SEEDS)
  .filter((name) => name.endsWith(".txt"))
  .filter((name) => /京[东東]/.test(readFileSync(join(SEEDS, name), "utf8")));
const SEED_COUNT = readdirSync(SEEDS).filter((name) => name.endsWith(".txt")).length;

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/**
 * A server of our own (the harness's is shared and has no prefix): these
 * scenarios stop it halfway or serve the site under `prefix`.
 */
function serve({ prefix = "/" } = {}) {
  return serveFolder(DIST, { prefix });
}

/**
 * Waits until the service worker is active and controls the page. The visit
 * that registers it stays with the network (sw.js does not claim it), so that
 * one is reloaded.
 */
async function waitForController(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) {
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
  }
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.state), "activated");
}

/** The cache sw.js filled: its name and the paths it holds, relative to the page's folder. */
function cachedShell(page) {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith("corpus-explorer-"));
    const base = new URL("./", location.href).href;
    const paths = [];
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) paths.push(request.url.replace(base, ""));
    }
    return { names, paths };
  });
}

async function hitNames(page) {
  return (await page.$$eval('[data-testid="hit"]', (hits) => hits.map((hit) => hit.dataset.docName))).sort();
}

test("works-offline-after-the-first-visit", async () => {
  const site = await serve();
  const precache = JSON.parse(readFileSync(join(DIST, "precache.json"), "utf8"));
  const session = await openPage(browser, site.baseUrl);
  const { page, context, problems } = session;
  try {
    await waitForController(page);
    const shell = await cachedShell(page);
    assert.deepEqual(shell.names, [`corpus-explorer-${precache.build}`], "one cache, named after the build");
    for (const file of [...precache.files, "index.html", "main.js", "worker.js", "pkg/corpus_explorer_bg.wasm", "seeds/manifest.json", "seeds/corpus.corpus"]) {
      assert.ok(shell.paths.includes(file), `${file} is cached`);
    }

    // The word list is not part of the shell: it is kept once a word view fetches it.
    const words = await page.evaluate(async () => (await (await fetch("dict/words.txt")).arrayBuffer()).byteLength);
    for (let tries = 0; !(await page.evaluate(async () => Boolean(await caches.match("dict/words.txt")))); tries += 1) {
      assert.ok(tries < 100, "dict/words.txt is cached within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // No network at all: the browser is offline and the server is gone.
    await site.stop();
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    assert.equal(await page.locator('[data-testid="article"]').count(), SEED_COUNT);
    await searchFor(page, "京东");
    assert.equal(JINGDONG.length, 3);
    assert.deepEqual(await hitNames(page), JINGDONG);

    const offlineWords = await page.evaluate(async () => (await (await fetch("dict/words.txt")).arrayBuffer()).byteLength);
    assert.equal(offlineWords, words, "the word list comes from the cache");

    // An address with a search in it is the cached index.html too.
    await page.goto(`${site.baseUrl}index.html?q=${encodeURIComponent("京東")}`);
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    await page.waitForSelector(`[data-testid="status"][data-query="京東"]`);
    assert.deepEqual(await hitNames(page), JINGDONG);
    assertClean(problems);
  } finally {
    await session.close();
    await site.stop();
  }
});

test("site-works-under-a-sub-path", async () => {
  const site = await serve({ prefix: "/some/sub/path/" });
  const session = await openPage(browser, site.baseUrl);
  const { page, problems } = session;
  try {
    assert.equal(await page.locator('[data-testid="article"]').count(), SEED_COUNT);
    await searchFor(page, "京东");
    assert.deepEqual(await hitNames(page), JINGDONG);
    // The service worker lives in the sub-path too, and controls the page.
    await waitForController(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, site.baseUrl);
    assertClean(problems);
  } finally {
    await session.close();
    await site.stop();
  }
});

test("single-file-build-works-from-file-url", async () => {
  const file = join(DIST, "corpus-explorer.html");
  assert.ok(existsSync(file), "dist/corpus-explorer.html is missing: run `bash scripts/build.sh` first");
  const session = await openPage(browser, pathToFileURL(file).href);
  const { page, problems } = session;
  try {
    assert.equal(await page.locator('[data-testid="article"]').count(), SEED_COUNT);
    await searchFor(page, "京东");
    assert.deepEqual(await hitNames(page), JINGDONG);
    // Traditional finds Simplified here too: the same core, on the page's thread.
    await searchFor(page, "京東");
    assert.deepEqual(await hitNames(page), JINGDONG);
    // Nothing left the file: no requests but the page itself and data: URLs.
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name));
    assert.deepEqual(loaded.filter((url) => !url.startsWith("data:")), []);
    assertClean(problems);
  } finally {
    await session.close();
  }
});
