// Browser scenarios for <corpus-explorer> (www/corpus-explorer.js) on the
// example blog post www/embed-example.html: two explorers in Shadow DOMs, the
// bundled seeds and a corpus of two short articles (www/embed-corpus/).
// Run: bash scripts/build.sh && node --test tests/browser/

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClean, openPage, siteAndBrowser } from "./harness.mjs";

const SEEDS = '[data-testid="explorer-seeds"]';
const OTHER = '[data-testid="explorer-other"]';

const shared = siteAndBrowser();

/** Opens the blog post, waits for both explorers, runs the scenario, and fails if the page logged anything bad. */
async function scenario(body) {
  const session = await openPage(shared.browser, `${shared.site.baseUrl}embed-example.html`, {
    readySelector: `${SEEDS}[data-state="ready"]`,
  });
  try {
    await session.page.waitForSelector(`${OTHER}[data-state="ready"]`, { timeout: 15_000 });
    await body(session.page);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

/** Types `query` into one explorer's search box and waits for its answer (locators pierce open shadow roots). */
async function searchIn(page, host, query) {
  await page.locator(`${host} [data-testid="search-input"]`).fill(query);
  await page.waitForSelector(`${host} [data-testid="status"][data-query="${query}"]`);
}

/** One explorer's article list, the file names in order. */
function articles(page, host) {
  return page.locator(`${host} [data-testid="article"]`).evaluateAll((buttons) => buttons.map((b) => b.dataset.docName));
}

test("embedded-explorer-runs-in-a-blog-post", async () => {
  await scenario(async (page) => {
    // The explorer lives in a shadow root, not in the blog's own document.
    const inShadow = await page.$eval(SEEDS, (el) => el.shadowRoot?.querySelector('[data-testid="search-input"]') !== null);
    assert.equal(inShadow, true);
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="search-input"]')), null);
    await searchIn(page, SEEDS, "京东");
    assert.equal(await page.locator(`${SEEDS} [data-testid="hit"]`).count(), 3);
    // The host page's address is left alone.
    assert.equal(new URL(page.url()).search, "");
    assert.equal(new URL(page.url()).hash, "");
  });
});

test("two-instances-work-independently", async () => {
  await scenario(async (page) => {
    const seedArticles = await articles(page, SEEDS);
    const otherArticles = await articles(page, OTHER);
    assert.equal(seedArticles.length, 5);
    assert.equal(otherArticles.length, 2);
    assert.notDeepEqual(seedArticles, otherArticles);

    const otherStatus = await page.locator(`${OTHER} [data-testid="status"]`).textContent();
    await searchIn(page, SEEDS, "京东");
    assert.equal(await page.locator(`${OTHER} [data-testid="search-input"]`).inputValue(), "");
    assert.equal(await page.locator(`${OTHER} [data-testid="status"]`).textContent(), otherStatus);
    assert.equal(await page.locator(`${OTHER} [data-testid="hit"]`).count(), 0);

    // …and the other way round: its own corpus answers its own search.
    await searchIn(page, OTHER, "茶馆");
    assert.equal(await page.locator(`${OTHER} [data-testid="hit"]`).count(), 1);
    assert.equal(await page.locator(`${SEEDS} [data-testid="search-input"]`).inputValue(), "京东");
    assert.equal(await page.locator(`${SEEDS} [data-testid="hit"]`).count(), 3);
  });
});

test("host-page-css-does-not-leak-in-or-out", async () => {
  await scenario(async (page) => {
    const styles = await page.evaluate((selector) => {
      const pick = (el) => {
        const style = getComputedStyle(el);
        return { color: style.color, background: style.backgroundColor, font: style.fontFamily, size: style.fontSize };
      };
      const shadow = document.querySelector(selector).shadowRoot;
      return {
        hostP: pick(document.querySelector("article > p")),
        innerP: pick(shadow.querySelector("p.ce-help-note")),
        hostButton: pick(document.querySelector("article button")),
        innerButton: pick(shadow.querySelector('[data-testid="choose-files"]')),
        hostMark: pick(document.querySelector("article mark")),
      };
    }, SEEDS);
    // The blog's loud rules hold outside…
    assert.equal(styles.hostP.color, "rgb(255, 0, 255)");
    assert.equal(styles.hostButton.background, "rgb(0, 255, 0)");
    // …do not reach inside…
    assert.notEqual(styles.innerP.color, styles.hostP.color);
    assert.notEqual(styles.innerP.font, styles.hostP.font);
    assert.notEqual(styles.innerButton.background, styles.hostButton.background);
    assert.notEqual(styles.innerButton.size, styles.hostButton.size);
    // …and the explorer's own mark style does not reach out.
    assert.equal(styles.hostMark.background, "rgb(0, 0, 0)");
    assert.equal(styles.hostMark.color, "rgb(255, 255, 0)");
    await searchIn(page, SEEDS, "京东");
    const innerMark = await page.$eval(SEEDS, (el) => getComputedStyle(el.shadowRoot.querySelector('[data-testid="hit"] mark')).backgroundColor);
    assert.notEqual(innerMark, "rgb(0, 0, 0)");
  });
});

test("the-element-exposes-its-corpus", async () => {
  await scenario(async (page) => {
    const answer = await page.evaluate(async (selector) => {
      const el = document.querySelector(selector);
      await el.ready;
      const result = await el.corpus.search("快手");
      return { total: result.total, hits: result.hits.length, documents: (await el.corpus.documents()).length };
    }, SEEDS);
    assert.equal(answer.total, 5);
    assert.equal(answer.hits, 5);
    assert.equal(answer.documents, 5);
    // The ready event fires on the element, after which corpus is set; a late listener can use `ready`.
    const other = await page.evaluate(async (selector) => {
      const el = document.querySelector(selector);
      await el.ready;
      return (await el.corpus.search("京东")).total;
    }, OTHER);
    assert.equal(other, 0);
  });
});

test("the-ready-event-is-dispatched", async () => {
  const session = await openPage(shared.browser, `${shared.site.baseUrl}embed-example.html`, {
    readySelector: "body",
    init: () => {
      globalThis.__readyEvents = [];
      document.addEventListener("corpus-explorer:ready", (event) => {
        globalThis.__readyEvents.push({ id: event.target.id, documents: event.detail.documents.length, hasCorpus: event.target.corpus !== null });
      });
    },
  });
  try {
    await session.page.waitForFunction(() => globalThis.__readyEvents.length === 2, null, { timeout: 15_000 });
    const events = await session.page.evaluate(() => globalThis.__readyEvents.sort((a, b) => a.id.localeCompare(b.id)));
    assert.deepEqual(events, [
      { id: "other-corpus", documents: 2, hasCorpus: true },
      { id: "seed-corpus", documents: 5, hasCorpus: true },
    ]);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
});
