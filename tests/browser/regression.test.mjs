// Browser regression tests: each scenario names the page bug it pins, so that
// it cannot come back unnoticed. Like every scenario, each fails if the page
// logged an error or warning.
// Run: bash scripts/build.sh && node --test tests/browser/regression.test.mjs

import assert from "node:assert/strict";
import { test } from "node:test";
import { assertClean, openPage, siteAndBrowser } from "./harness.mjs";

const SEEDS = '[data-testid="explorer-seeds"]';
const OTHER = '[data-testid="explorer-other"]';

const shared = siteAndBrowser();

/** Opens `path`, waits for `readySelectors`, runs the scenario, and fails if the page logged anything bad. */
async function scenario(path, readySelectors, body) {
  const [first, ...rest] = readySelectors;
  const session = await openPage(shared.browser, `${shared.site.baseUrl}${path}`, { readySelector: first });
  try {
    for (const selector of rest) await session.page.waitForSelector(selector, { timeout: 15_000 });
    await body(session.page);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

/**
 * Opens analysis view `view` of the explorer under `host` (a selector; "" for the page's own)
 * and waits for its first answer; returns its status line's state and text.
 */
async function openViewIn(page, host, view) {
  const inHost = (selector) => `${host} ${selector}`.trim();
  await page.locator(inHost(`[data-testid="tab-${view}"]`)).click();
  const status = page.locator(inHost(`[data-testid="${view}-status"][data-run]:not([data-state="busy"])`));
  await status.waitFor({ timeout: 30_000 });
  return { state: await status.getAttribute("data-state"), text: await status.textContent() };
}

/** Types `query` into the search box of the explorer under `host` and waits for its answer. */
async function searchIn(page, host, query) {
  await page.locator(`${host} [data-testid="search-input"]`).fill(query);
  await page.waitForSelector(`${host} [data-testid="status"][data-query="${query}"]`);
}

test("bug: a second <corpus-explorer> never got the word list (one page-wide word-list cache), so its word-level views failed", async () => {
  await scenario("embed-example.html", [`${SEEDS}[data-state="ready"]`, `${OTHER}[data-state="ready"]`], async (page) => {
    // Word frequencies in each explorer, one after the other: the second must load the list
    // into its own core, not take the first one's answer for its own.
    for (const host of [SEEDS, OTHER]) {
      const { state, text } = await openViewIn(page, host, "frequencies");
      assert.equal(state, "ready", `${host}: ${text}`);
      assert.match(text, /^[\d,]+ 个词次/, `${host} counted words`);
      assert.ok((await page.locator(`${host} [data-testid="frequency-row"]`).count()) > 0, `${host} lists words`);
      // Its own core was given the list (from the browser's cache the second time: a few bytes).
      assert.match(await page.locator(`${host} [data-testid="frequencies-dictionary"]`).textContent(), /^词表 [\d,.]+ K?B，载入/);
    }
    // Collocates are word-level too: of the second explorer's last search, in its own corpus.
    await page.locator(`${OTHER} [data-testid="tab-search"]`).click();
    await searchIn(page, OTHER, "茶馆");
    const { state, text } = await openViewIn(page, OTHER, "collocates");
    assert.equal(state, "ready", text);
  });
});

/** Runs view `view` of the page's own explorer on `terms` (dispersion, trends) and waits for its answer. */
async function runTerms(page, view, terms) {
  await page.getByTestId(`tab-${view}`).click();
  const status = page.getByTestId(`${view}-status`);
  await status.waitFor({ state: "attached" });
  const before = Number((await status.getAttribute("data-run")) ?? 0);
  await page.getByTestId(`${view}-terms`).fill(terms);
  await page.getByTestId(`${view}-run`).click();
  await page.waitForFunction(
    ([id, n]) => {
      const line = document.querySelector(`[data-testid="${id}-status"]`);
      return Number(line?.dataset.run) > n && line.dataset.state !== "busy";
    },
    [view, before],
  );
  assert.equal(await status.getAttribute("data-state"), "ready");
}

test("bug: SVG chart labels were not drawn (localize.js split their bilingual text into HTML spans inside <svg>)", async () => {
  await scenario("", ['html[data-state="ready"]'], async (page) => {
    await runTerms(page, "trends", "京东, 颤音");
    const chart = page.getByTestId("trends-chart");
    const labels = await chart.evaluate((element) => {
      const svg = element instanceof SVGSVGElement ? element : element.querySelector("svg");
      return {
        foreign: [...svg.querySelectorAll("*")].filter((node) => node.namespaceURI !== svg.namespaceURI).map((node) => node.tagName),
        texts: [...svg.querySelectorAll("text")].map((text) => ({ text: text.textContent, width: text.getBBox().width })),
      };
    });
    assert.deepEqual(labels.foreign, [], "nothing but SVG inside the chart");
    assert.ok(labels.texts.length > 0);
    for (const { text, width } of labels.texts) assert.ok(text !== "" && width > 0, `label “${text}” is drawn`);
    // One language at a time, as everywhere: the Chinese side in the Chinese interface.
    const axisTitles = labels.texts.map(({ text }) => text).filter((text) => text.includes("每万字") || text.includes("per 10k"));
    assert.deepEqual(axisTitles, ["每万字"]);
  });
});

test("bug: the dispersion status line swapped languages between terms (each term's “中文 / English” was joined, so the English side held the next term's Chinese)", async () => {
  await scenario("", ['html[data-state="ready"]'], async (page) => {
    await runTerms(page, "dispersion", "京东, 颤音");
    const status = page.getByTestId("dispersion-status");
    await status.locator('span[lang="en"]').first().waitFor({ state: "attached" });
    const zh = await status.locator('span[lang="zh-Hans"]').allTextContents();
    const en = await status.locator('span[lang="en"]').allTextContents();
    assert.ok(zh.some((text) => /^京东 — 52 处，DP 0\.\d\d；颤音 — 40 处，DP 0\.\d\d$/.test(text)), `Chinese side: ${zh}`);
    assert.ok(en.some((text) => /^京东 — 52 matches, DP 0\.\d\d; 颤音 — 40 matches, DP 0\.\d\d$/.test(text)), `English side: ${en}`);
    // What the Chinese interface shows of it is the Chinese side.
    const shown = await status.innerText();
    assert.match(shown, /京东 — 52 处/);
    assert.doesNotMatch(shown, /matches/);
  });
});
