// Browser scenarios for refining a search: the query language's error
// messages, facets, name variants, sorting and paging. One sentence each.
// Run: bash scripts/build.sh && node --test tests/browser/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

const TRADITIONAL_ARTICLE = "000_160cb79cbc9dbeea.txt";
const DATED_ARTICLE = "001_309b811cfa3d92f8.txt"; // the only seed with a date (2020-07-17)
const SOURCED_ARTICLE = "003_85f297a51afbf37a.txt"; // source www.heliu2.cn
const GARBLED_ARTICLE = "003_85f297a51afbf37a.txt"; // machine-translated: 抖音 once (a heading), 颤音 ×40
const ALL = [
  "000_160cb79cbc9dbeea.txt",
  "001_309b811cfa3d92f8.txt",
  "002_8288d1e6a0cd6100.txt",
  "003_85f297a51afbf37a.txt",
  "004_43bb41bc52e1228d.txt",
];
const MATCH_VARIANTS = "匹配名称变体 / Match name variants";

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

function readHits(page) {
  return page.$$eval('[data-testid="hit"]', (hits) =>
    hits.map((hit) => ({
      name: hit.dataset.docName,
      count: Number(hit.dataset.count),
      variants: [...hit.querySelectorAll('[data-testid="hit-variant"]')].map((v) => v.textContent),
    })),
  );
}

const hitNames = async (page) => (await readHits(page)).map((h) => h.name);
const status = (page) => page.getByTestId("status");
const box = (page) => page.getByLabel("搜索 / Search");
const facet = (page, group, value) =>
  page.locator(`[data-testid="facet"][data-group="${group}"][data-value="${value}"]`);

/** Waits until the status line answers exactly this search. */
function answered(page, query, extra = "") {
  const q = query.replace(/["\\]/g, "\\$&");
  return page.waitForSelector(`[data-testid="status"][data-query="${q}"]${extra}`);
}

test("malformed-query-shows-a-message-instead-of-results", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    assert.equal((await hitNames(page)).length, 3);

    // An unclosed quote, as when typing a phrase: the message, not a stale list.
    await searchFor(page, '"京东');
    const message = await status(page).textContent();
    assert.match(message, /never closed/);
    assert.match(message, /^查询写法有误 \/ The query has a problem: /);
    assert.equal(await status(page).getAttribute("data-tone"), "error");
    assert.equal(await status(page).getAttribute("role"), "status");
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0);
    assert.equal(await page.getByTestId("results").isHidden(), true);
    assert.equal(await page.getByTestId("facets").isHidden(), true);
    assert.equal(await box(page).getAttribute("aria-invalid"), "true");
    // The page is not empty: the articles are still listed.
    assert.equal(await page.locator('[data-testid="article"]').count(), 5);

    // Closing the quote brings the results back.
    await box(page).press("End");
    await box(page).pressSequentially('"');
    await answered(page, '"京东"');
    assert.equal((await hitNames(page)).length, 3);
    assert.equal(await status(page).getAttribute("data-tone"), "info");
    assert.equal(await box(page).getAttribute("aria-invalid"), null);

    // Other mistakes are explained the same way.
    await searchFor(page, "抖音 OR");
    assert.match(await status(page).textContent(), /OR needs a term on each side/);
    await searchFor(page, "date:2020-13");
    assert.match(await status(page).textContent(), /is not a date/);
  }));

test("clicking-a-script-facet-narrows-to-traditional-articles", () =>
  scenario(async (page) => {
    await searchFor(page, "快手");
    assert.deepEqual((await hitNames(page)).sort(), ALL);

    const traditional = facet(page, "script", "traditional");
    assert.equal(await traditional.textContent(), "繁體 / Traditional (1)");
    assert.equal(await traditional.getAttribute("aria-pressed"), "false");
    assert.equal(await facet(page, "script", "simplified").textContent(), "简体 / Simplified (4)");

    await traditional.click();
    await answered(page, "快手 script:trad");
    assert.equal(await box(page).inputValue(), "快手 script:trad");
    assert.deepEqual(await hitNames(page), [TRADITIONAL_ARTICLE]);
    assert.equal(await traditional.getAttribute("aria-pressed"), "true");
    // Focus stays on the (re-drawn) button, so the keyboard can press it again.
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.value), "traditional");

    await page.keyboard.press("Space");
    await answered(page, "快手");
    assert.equal(await box(page).inputValue(), "快手");
    assert.equal((await hitNames(page)).length, 5);
    assert.equal(await traditional.getAttribute("aria-pressed"), "false");
  }));

test("facets-combine", () =>
  scenario(async (page) => {
    await searchFor(page, "快手");
    // Four groups, each value with its count.
    assert.deepEqual(
      await page.locator('[data-testid="facet-group"] h3').allTextContents(),
      ["来源 / Source", "文字 / Script", "年份 / Year", "实体 / Entities"],
    );
    assert.equal(await facet(page, "year", "2020").textContent(), "2020 (1)");
    assert.equal(await facet(page, "entity", "抖音").textContent(), "抖音 (3)");

    await facet(page, "script", "simplified").click();
    await answered(page, "快手 script:simp");
    assert.equal((await hitNames(page)).length, 4);

    await facet(page, "source", "www.heliu2.cn").click();
    await answered(page, "快手 script:simp source:www.heliu2.cn");
    assert.deepEqual(await hitNames(page), [SOURCED_ARTICLE]);
    assert.equal(await facet(page, "script", "simplified").getAttribute("aria-pressed"), "true");
    assert.equal(await facet(page, "source", "www.heliu2.cn").getAttribute("aria-pressed"), "true");
    assert.equal(await status(page).textContent(), "1 篇文章，共 4 处 / 1 article, 4 occurrences");

    // Taking one filter out keeps the other; typed filters count as pressed too.
    await facet(page, "script", "simplified").click();
    await answered(page, "快手 source:www.heliu2.cn");
    assert.deepEqual(await hitNames(page), [SOURCED_ARTICLE]);
    await searchFor(page, "快手 日期:2020");
    assert.deepEqual(await hitNames(page), [DATED_ARTICLE]);
    assert.equal(await facet(page, "year", "2020").getAttribute("aria-pressed"), "true");
    await facet(page, "entity", "抖音").click();
    await answered(page, "快手 日期:2020 entity:抖音");
    assert.deepEqual(await hitNames(page), [DATED_ARTICLE]);
    await facet(page, "year", "2020").click();
    await answered(page, "快手 entity:抖音");
    assert.equal((await hitNames(page)).length, 3);

    // A filter that empties the answer can still be switched off from the panel.
    await searchFor(page, "快手 date:2019");
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0);
    const empty = facet(page, "year", "2019");
    assert.equal(await empty.textContent(), "2019 (0)");
    assert.equal(await empty.getAttribute("aria-pressed"), "true");
    await empty.click();
    await answered(page, "快手");
    assert.equal((await hitNames(page)).length, 5);
  }));

test("variants-toggle-finds-颤音-for-抖音-and-says-so", () =>
  scenario(async (page) => {
    await searchFor(page, "抖音");
    let hits = await readHits(page);
    assert.deepEqual(hits.map((h) => h.name).sort(), [ALL[1], ALL[3], ALL[4]]);
    const garbled = () => hits.find((h) => h.name === GARBLED_ARTICLE);
    assert.equal(garbled().count, 1, "003 writes 抖音 once, in a heading");
    assert.deepEqual(garbled().variants, []);
    assert.equal(await page.getByLabel(MATCH_VARIANTS).isChecked(), false, "off by default");

    await page.getByLabel(MATCH_VARIANTS).check();
    await answered(page, "抖音", '[data-variants="true"]');
    hits = await readHits(page);
    assert.equal(hits.length, 3);
    assert.equal(garbled().count, 41);
    assert.deepEqual(garbled().variants, ["颤音 — 抖音的变体 / variant of 抖音 (40)"]);
    for (const hit of hits.filter((h) => h.name !== GARBLED_ARTICLE)) assert.deepEqual(hit.variants, []);

    // The reader marks what the result counted, 颤音 included.
    await page.locator(`[data-testid="hit"][data-doc-name="${GARBLED_ARTICLE}"] [data-testid="hit-open"]`).click();
    await page.getByTestId("reader").waitFor();
    const marks = await page.locator('[data-testid="reader-text"] mark').allTextContents();
    assert.equal(marks.length, 41);
    assert.deepEqual(new Set(marks), new Set(["抖音", "颤音"]));

    // Off again: back to the name as written.
    await page.getByLabel(MATCH_VARIANTS).uncheck();
    await answered(page, "抖音", '[data-variants="false"]');
    assert.equal((await readHits(page)).find((h) => h.name === GARBLED_ARTICLE).count, 1);
    assert.equal(await page.locator('[data-testid="reader-text"] mark').count(), 1);
  }));

test("a-name-variant-the-reader-adds-is-used-and-remembered-across-reload", () =>
  scenario(async (page) => {
    await page.getByText("添加名称变体").click();
    const canonical = page.getByTestId("variant-canonical");
    const variant = page.getByTestId("variant-name");
    const message = page.getByTestId("variant-message");

    // Refused: the name belongs to another entity; the reason is shown.
    await canonical.fill("快手");
    await variant.fill("颤音");
    await variant.press("Enter");
    await page.waitForSelector('[data-testid="variant-message"][data-tone="error"]');
    assert.match(await message.textContent(), /^无法添加 \/ Not added: .*already a name of 抖音/);
    await variant.fill("抖");
    await page.getByTestId("variant-add").click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="variant-message"]').textContent.includes("too short"),
    );

    // Accepted: "Aauto Speeter" in 003 is 快手 too.
    await variant.fill("Speeter");
    await page.getByTestId("variant-add").click();
    await page.waitForSelector('[data-testid="variant-message"][data-tone="info"]');
    assert.equal(
      await message.textContent(),
      "已添加：Speeter 是 快手 的变体 / Added Speeter as a variant of 快手",
    );
    assert.deepEqual(await page.getByTestId("user-variant").allTextContents(), ["Speeter → 快手 移除 / Remove"]);
    assert.equal(
      await page.evaluate(() => localStorage.getItem("corpus-explorer:variants")),
      '[["快手","Speeter"]]',
    );

    const speeter = async () => {
      await page.getByLabel(MATCH_VARIANTS).check();
      await searchFor(page, "快手");
      await answered(page, "快手", '[data-variants="true"]');
      const hit = (await readHits(page)).find((h) => h.name === GARBLED_ARTICLE);
      return hit.variants.filter((v) => v.startsWith("Speeter"));
    };
    assert.deepEqual(await speeter(), ["Speeter — 快手的变体 / variant of 快手 (1)"]);

    // A reload adds it to the corpus again.
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.equal(await page.getByTestId("user-variant").count(), 1);
    assert.deepEqual(await speeter(), ["Speeter — 快手的变体 / variant of 快手 (1)"]);

    // Removing it takes it out of the corpus at once (corpus.removeVariant) and out of storage.
    await page.getByText("添加名称变体").click();
    await page.getByTestId("user-variant-forget").click();
    await page.getByTestId("user-variant").waitFor({ state: "detached" }); // the worker answers first
    assert.equal(await page.getByTestId("user-variant").count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem("corpus-explorer:variants")), null);
    assert.equal(
      await message.textContent(),
      "已移除：Speeter 不再是 快手 的变体 / Removed Speeter as a variant of 快手",
    );
    assert.deepEqual(await speeter(), [], "no reload needed");
  }));

test("a-built-in-name-variant-cannot-be-removed-and-says-why", () =>
  scenario(async (page) => {
    // Stored by hand as if the reader had added 颤音, which the core's own table holds.
    await page.evaluate(() => localStorage.setItem("corpus-explorer:variants", '[["抖音","颤音"]]'));
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    await page.getByText("添加名称变体").click();
    assert.equal(await page.getByTestId("user-variant").count(), 1, "the core accepts a name it already has");
    await page.getByTestId("user-variant-forget").click();
    await page.waitForSelector('[data-testid="variant-message"][data-tone="error"]');
    assert.match(
      await page.getByTestId("variant-message").textContent(),
      /^未移除 \/ Not removed: “颤音” is not a name you added/,
    );
    // Gone from the reader's list, still a variant of 抖音.
    assert.equal(await page.getByTestId("user-variant").count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem("corpus-explorer:variants")), null);
    await page.getByLabel(MATCH_VARIANTS).check();
    await searchFor(page, "抖音");
    await answered(page, "抖音", '[data-variants="true"]');
    assert.deepEqual(
      (await readHits(page)).find((h) => h.name === GARBLED_ARTICLE).variants,
      ["颤音 — 抖音的变体 / variant of 抖音 (40)"],
    );
  }));

test("a-page-without-local-storage-still-adds-variants", () =>
  scenario(async (page) => {
    // As in a sandboxed embed, where touching localStorage throws.
    await page.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      });
    });
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.equal(await page.evaluate(() => { try { return typeof localStorage; } catch { return "refused"; } }), "refused");
    await page.getByText("添加名称变体").click();
    await page.getByTestId("variant-canonical").fill("快手");
    await page.getByTestId("variant-name").fill("Speeter");
    await page.getByTestId("variant-add").click();
    await page.waitForSelector('[data-testid="variant-message"][data-tone="info"]');
    assert.equal(await page.getByTestId("user-variant").count(), 1);
  }));

test("sort-by-date-and-paging", () =>
  scenario(
    async (page) => {
      await searchFor(page, "快手");
      const range = page.getByTestId("page-range");
      const prev = page.getByTestId("page-prev");
      const next = page.getByTestId("page-next");
      assert.equal(await range.textContent(), "第 1–2 篇，共 5 篇 / 1–2 of 5 articles");
      assert.equal(await page.getByTestId("page-label").textContent(), "第 1 / 3 页 / Page 1 of 3");
      assert.equal(await status(page).textContent(), "5 篇文章，共 201 处 / 5 articles, 201 occurrences");
      assert.equal(await prev.isDisabled(), true);
      const seen = await hitNames(page);

      await next.click();
      await answered(page, "快手", '[data-page="2"]');
      assert.equal(await range.textContent(), "第 3–4 篇，共 5 篇 / 3–4 of 5 articles");
      seen.push(...(await hitNames(page)));
      // Focus goes to the top of the new page.
      assert.equal(await page.evaluate(() => document.activeElement?.id), "ce-results-heading");

      await next.click();
      await answered(page, "快手", '[data-page="3"]');
      assert.equal(await range.textContent(), "第 5 篇，共 5 篇 / 5 of 5 articles");
      assert.equal(await next.isDisabled(), true);
      seen.push(...(await hitNames(page)));
      assert.deepEqual(seen.sort(), ALL, "every article once across the pages");

      // A new order starts again at page 1.
      await page.getByLabel("排序 / Sort").selectOption("order");
      await answered(page, "快手", '[data-sort="order"][data-page="1"]');
      assert.deepEqual(await hitNames(page), ALL.slice(0, 2));
      await page.getByLabel("排序 / Sort").selectOption("date");
      await answered(page, "快手", '[data-sort="date"][data-page="1"]');
      assert.equal((await hitNames(page))[0], DATED_ARTICLE, "the dated article first");
      assert.equal(await prev.isDisabled(), true);
    },
    { path: "?per=2" },
  ));

test("ten-articles-a-page-need-no-page-buttons", () =>
  scenario(async (page) => {
    await searchFor(page, "快手");
    assert.equal((await hitNames(page)).length, 5);
    assert.equal(await page.getByTestId("page-range").textContent(), "第 1–5 篇，共 5 篇 / 1–5 of 5 articles");
    assert.equal(await page.getByTestId("pager").isHidden(), true);
  }));

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

for (const colorScheme of ["light", "dark"]) {
  test(`refine-controls-pass-an-axe-accessibility-check-in-${colorScheme}-mode`, () =>
    scenario(
      async (page) => {
        await page.getByLabel(MATCH_VARIANTS).check();
        await searchFor(page, "抖音 script:simp");
        await answered(page, "抖音 script:simp", '[data-variants="true"]');
        await page.getByText("搜索语法").click();
        await page.getByText("添加名称变体").click();
        await page.evaluate(axeSource);
        const run = () =>
          page.evaluate(async () => {
            const result = await globalThis.axe.run(document, {
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            });
            return result.violations.map(
              (v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`,
            );
          });
        assert.deepEqual(await run(), []);

        // The error state too.
        await searchFor(page, '"抖音');
        assert.deepEqual(await run(), []);
      },
      { colorScheme, path: "?per=2" },
    ));
}
