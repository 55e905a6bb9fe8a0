// Browser scenarios against the built site (dist/), one sentence each.
// Run: bash scripts/build.sh && node --test tests/browser/

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { assertClean, launchBrowser, openPage, SEEDS, searchFor, startSite } from "./harness.mjs";

// The bundled articles and which spelling of 京东 each one uses, read from the
// seed files themselves so the expectations follow the data.
const seeds = readdirSync(SEEDS)
  .filter((name) => name.endsWith(".txt"))
  .sort()
  .map((name) => {
    const text = readFileSync(join(SEEDS, name), "utf8");
    return { name, simplified: text.includes("京东"), traditional: text.includes("京東") };
  });
const TRADITIONAL_ARTICLE = "000_160cb79cbc9dbeea.txt";
const writingJingdong = seeds.filter((s) => s.simplified || s.traditional).map((s) => s.name);

let site;
let browser;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

/** Opens the site, runs the scenario, and fails if the page logged anything bad. */
async function scenario(body, options) {
  const session = await openPage(browser, site.baseUrl, options);
  try {
    await body(session.page);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

/** For every result: its file name and the text of each of its <mark>s. */
function readHits(page) {
  return page.$$eval('[data-testid="hit"]', (hits) =>
    hits.map((hit) => ({
      name: hit.dataset.docName,
      count: Number(hit.dataset.count),
      marks: [...hit.querySelectorAll("mark")].map((mark) => mark.textContent),
    })),
  );
}

test("page-lists-the-five-bundled-articles", () =>
  scenario(async (page) => {
    assert.equal(seeds.length, 5);
    const articles = page.locator('[data-testid="article"]');
    assert.deepEqual(
      await articles.evaluateAll((buttons) => buttons.map((b) => b.dataset.docName)),
      seeds.map((s) => s.name),
    );
    const meta = await page
      .locator(`[data-testid="article"][data-doc-name="${TRADITIONAL_ARTICLE}"] [data-testid="article-meta"]`)
      .textContent();
    assert.match(meta, /^繁體 · [\d,]+ 字$/);
    assert.equal(
      await page.getByTestId("status").textContent(),
      "已载入 5 篇文章 / 5 articles loaded",
    );
    assert.equal(await page.getByTestId("results").isHidden(), true);
  }));

test("search-for-simplified-京东-finds-the-traditional-article-highlighted-as-京東", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    const hits = await readHits(page);
    assert.deepEqual(hits.map((h) => h.name).sort(), writingJingdong);

    const traditional = hits.find((h) => h.name === TRADITIONAL_ARTICLE);
    assert.ok(traditional, `${TRADITIONAL_ARTICLE} is among the results`);
    assert.ok(traditional.marks.length > 0, "its snippets show the match");
    for (const mark of traditional.marks) assert.equal(mark, "京東");
  }));

test("search-for-traditional-京東-finds-the-simplified-articles-that-write-京东", () =>
  scenario(async (page) => {
    await searchFor(page, "京東");
    const hits = await readHits(page);
    assert.deepEqual(hits.map((h) => h.name).sort(), writingJingdong);

    const simplifiedOnly = seeds.filter((s) => s.simplified && !s.traditional).map((s) => s.name);
    assert.ok(simplifiedOnly.length > 0, "some seed writes only 京东");
    for (const name of simplifiedOnly) {
      const hit = hits.find((h) => h.name === name);
      assert.ok(hit.marks.length > 0, `${name} shows snippets`);
      for (const mark of hit.marks) assert.equal(mark, "京东", `${name} is shown as written`);
    }

    const total = hits.reduce((sum, h) => sum + h.count, 0);
    const n = hits.length;
    assert.equal(
      await page.getByTestId("status").textContent(),
      `${n} 篇文章，共 ${total} 处 / ${n} article${n === 1 ? "" : "s"}, ${total} occurrence${total === 1 ? "" : "s"}`,
    );
  }));

test("query-with-no-match-says-so-plainly", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    await searchFor(page, "xyzzy");
    assert.equal(
      await page.getByTestId("status").textContent(),
      "没有找到“xyzzy” / No matches for “xyzzy”",
    );
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0);
    assert.equal(await page.getByTestId("results").isHidden(), true);
  }));

test("opening-an-article-highlights-every-match-in-the-reader", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    const first = page.locator('[data-testid="hit"]').first();
    const name = await first.getAttribute("data-doc-name");
    const count = Number(await first.getAttribute("data-count"));
    assert.ok(count > 0);
    assert.match(await first.getByTestId("hit-count").textContent(), new RegExp(`^${count} 处 / `));

    await first.getByTestId("hit-open").click();
    const reader = page.getByTestId("reader");
    await reader.waitFor();
    const marks = page.locator('[data-testid="reader-text"] mark');
    assert.equal(await marks.count(), count);
    const expected = name === TRADITIONAL_ARTICLE ? "京東" : null;
    for (const text of await marks.allTextContents()) {
      assert.ok(text === "京东" || text === "京東", `reader mark ${text}`);
      if (expected) assert.equal(text, expected);
    }
    await assertInViewport(marks.first());

    // Opening from the article list highlights the current query too.
    const article = page.locator(`[data-testid="article"][data-doc-name="${TRADITIONAL_ARTICLE}"]`);
    await article.click();
    await page.waitForSelector(`[data-testid="reader"][data-doc-id="${await article.getAttribute("data-doc-id")}"]`);
    const traditionalCount = Number(
      await page.locator(`[data-testid="hit"][data-doc-name="${TRADITIONAL_ARTICLE}"]`).getAttribute("data-count"),
    );
    assert.equal(await marks.count(), traditionalCount);
    assert.deepEqual(new Set(await marks.allTextContents()), new Set(["京東"]));
    assert.equal(await article.getAttribute("aria-current"), "true");

    // The reader shows the whole article: its text is the corpus text, pieces joined.
    const readerText = await page.getByTestId("reader-text").textContent();
    assert.ok(readerText.length > 1000, "the whole article, not a snippet");
  }));

test("console-stays-free-of-errors-and-warnings", () =>
  scenario(async (page) => {
    const box = page.getByLabel("搜索 / Search");
    // Type key by key (each keystroke restarts the debounce), then submit.
    await box.pressSequentially("京東牽", { delay: 20 });
    await box.press("Enter");
    await page.waitForSelector('[data-testid="status"][data-query="京東牽"]');
    await searchFor(page, "快手");
    await page.locator('[data-testid="hit-open"]').first().click();
    await searchFor(page, "");
    await page.locator('[data-testid="article"]').last().click();
    await page.getByTestId("reader").waitFor();
    assert.equal(await page.locator('[data-testid="reader-text"] mark').count(), 0);
  }));

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

for (const colorScheme of ["light", "dark"]) {
  test(`page-passes-an-axe-accessibility-check-in-${colorScheme}-mode`, () =>
    scenario(
      async (page) => {
        await searchFor(page, "京东");
        await page.locator('[data-testid="hit-open"]').first().click();
        await page.getByTestId("reader").waitFor();
        // Evaluated through the DevTools protocol, which the page's CSP does not govern.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const result = await globalThis.axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          });
          return result.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
          );
        });
        assert.deepEqual(violations, []);
      },
      { colorScheme },
    ));
}

async function assertInViewport(locator) {
  const inView = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
  assert.ok(inView, "the first match is scrolled into view");
}
