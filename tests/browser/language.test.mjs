// One interface language at a time: the browser's (zh* → Chinese, else
// English), switched by the header's toggle and remembered. Corpus text stays
// visible in either. Screenshots at 360 and 1280 px, and axe on the file panel
// and in the English interface.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, axeViolations, scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "tests", "browser", "artifacts");

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

const visibleText = (page, testId) => page.getByTestId(testId).innerText();


test("interface-follows-the-browser-language", async () => {
  await scenario(
    async (page) => {
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal(await page.getAttribute("html", "data-ui-lang"), "en");
      assert.equal((await page.locator(".ce-search-label").innerText()).trim(), "Search");
      assert.equal((await page.locator("#ce-articles-heading").innerText()).trim(), "Articles");
      assert.equal((await page.getByTestId("language-toggle").innerText()).trim(), "中文");
      await searchFor(page, "京东");
      const status = await visibleText(page, "status");
      assert.match(status, /^\d+ articles?, \d+ occurrences?/);
      assert.doesNotMatch(status, /篇/);
      // Corpus text is Chinese in any interface language, and shown.
      assert.match(await page.locator('[data-testid="hit-list"]').innerText(), /京东|京東/);
      assert.match(await page.getByTestId("article-list").innerText(), /[\u4e00-\u9fff]/);
    },
    { contextOptions: { locale: "en-US" } },
  );
  await scenario(
    async (page) => {
      assert.equal(await page.getAttribute("html", "lang"), "zh-Hans");
      assert.equal((await page.locator(".ce-search-label").innerText()).trim(), "搜索");
      assert.equal((await page.locator("#ce-articles-heading").innerText()).trim(), "文章");
      assert.equal((await page.getByTestId("language-toggle").innerText()).trim(), "English");
      await searchFor(page, "京东");
      const status = await visibleText(page, "status");
      assert.match(status, /篇文章/);
      assert.doesNotMatch(status, /articles|occurrences/);
      // Article metadata in Chinese only: "繁體 · UTF-8 · 2,250 字", "已清理 5 处 · 重复 2 · …".
      const list = await page.getByTestId("article-list").innerText();
      assert.match(list, /(繁體|简体|混合) · UTF-8 · [\d,]+ 字/);
      assert.match(list, /已清理 \d+ 处 · (重复|页面杂项|广告推广|垃圾词|图片说明|页脚声明) \d+/);
      assert.doesNotMatch(list, /Traditional|Simplified|chars|removed|duplicate/);
    },
    { contextOptions: { locale: "zh-CN" } },
  );
});

test("language-toggle-switches-and-persists", () =>
  scenario(
    async (page) => {
      await searchFor(page, "京东");
      const toggle = page.getByTestId("language-toggle");
      await toggle.click();
      assert.equal(await page.getAttribute("html", "data-ui-lang"), "en");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      assert.equal((await page.locator(".ce-search-label").innerText()).trim(), "Search");
      assert.doesNotMatch(await visibleText(page, "status"), /篇/);
      assert.equal((await toggle.innerText()).trim(), "中文");
      // The text is unchanged underneath: only the other side is hidden.
      assert.match(await page.getByTestId("status").textContent(), /篇文章.* \/ .*articles?/);

      await page.reload();
      await page.waitForSelector('html[data-state="ready"]');
      assert.equal(await page.getAttribute("html", "data-ui-lang"), "en", "the choice survives a reload");
      assert.equal((await page.locator("#ce-articles-heading").innerText()).trim(), "Articles");

      await page.getByTestId("language-toggle").click();
      assert.equal(await page.getAttribute("html", "data-ui-lang"), "zh");
      assert.equal((await page.locator("#ce-articles-heading").innerText()).trim(), "文章");
      assert.equal(await page.evaluate(() => localStorage.getItem("corpus-explorer:ui-lang")), "zh");
    },
    { contextOptions: { locale: "zh-CN" } },
  ));

test("screenshots-at-360-and-1280", async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [360, 1280]) {
    for (const locale of ["zh-CN", "en-US"]) {
      await scenario(
        async (page) => {
          const lang = locale.slice(0, 2);
          const noOverflow = async (what) => {
            const { scroll, client } = await page.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              client: document.documentElement.clientWidth,
            }));
            assert.ok(scroll <= client, `${what} at ${width} px (${lang}): scrollWidth ${scroll} > clientWidth ${client}`);
          };
          await searchFor(page, "京东");
          await noOverflow("search results");
          await page.screenshot({ path: join(ARTIFACTS, `search-${width}-${lang}.png`), fullPage: true });

          await page.locator('[data-testid="hit-open"]').first().click();
          await page.getByTestId("reader").waitFor();
          await noOverflow("reader");
          await page.screenshot({ path: join(ARTIFACTS, `reader-${width}-${lang}.png`), fullPage: true });

          await page.getByTestId("tab-concordance").click();
          await page.getByTestId("view-concordance").waitFor();
          await page.waitForSelector('[data-testid="view-concordance"] tr', { timeout: 15_000 });
          await noOverflow("concordance");
          await page.screenshot({ path: join(ARTIFACTS, `concordance-${width}-${lang}.png`), fullPage: true });
        },
        { viewport: { width, height: 800 }, contextOptions: { locale } },
      );
    }
  }
});

test("file-panel-and-english-interface-pass-an-axe-accessibility-check", async () => {
  for (const locale of ["zh-CN", "en-US"]) {
    await scenario(
      async (page) => {
        await page.getByTestId("files").scrollIntoViewIfNeeded();
        assert.deepEqual(await axeViolations(page), [], `file panel open (${locale})`);
        await page.getByTestId("file-input").setInputFiles([
          { name: "added.txt", mimeType: "text/plain", buffer: Buffer.from("新加的文章\n\n京东与快手宣布达成战略合作。") },
        ]);
        await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
        await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
        await searchFor(page, "京东");
        assert.deepEqual(await axeViolations(page), [], `after adding a file (${locale})`);
      },
      { contextOptions: { locale } },
    );
  }
});

/**
 * Where corpus text is shown: titles, snippets, the article, concordance
 * lines, words and figures found in the articles, entity and source facet
 * values. It is Chinese in either interface language; everything else is chrome.
 */
const CORPUS_TEXT = [
  ".ce-article-title",
  ".ce-hit-title",
  ".ce-snippets",
  ".ce-reader-title",
  ".ce-reader-text",
  ".ce-kwic-line",
  "mark",
  ".ce-item",
  ".ce-dispersion-title",
  '[data-testid="dispersion-table"] tbody th',
  '[data-testid="trends-row"] > th',
  '[data-testid="facet"][data-group="entity"]',
  '[data-testid="facet"][data-group="source"]',
  ".ce-figure-doc",
  ".ce-figure-sentence",
  ".ce-figure-unit",
  // The toggle names the other language in itself.
  '[data-testid="language-toggle"]',
].join(", ");

/**
 * Visible chrome text with Chinese in it: text nodes outside corpus text that
 * the reader can see, less “quoted” queries and titles and the terms the
 * scenario typed (the page shows what the reader typed as typed).
 */
function chineseChrome(page, terms) {
  return page.evaluate(
    ({ corpus, terms }) => {
      const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
      const unquoted = (text) => {
        let depth = 0;
        let out = "";
        for (const c of text) {
          if (c === "“") depth += 1;
          else if (c === "”") depth = Math.max(0, depth - 1);
          else if (depth === 0) out += c;
        }
        return out;
      };
      const found = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest(corpus)) continue;
        if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (range.getClientRects().length === 0) continue;
        let text = unquoted(node.nodeValue);
        for (const term of terms) text = text.split(term).join("");
        if (CJK.test(text)) found.push(`${parent.closest("[data-testid]")?.dataset.testid ?? parent.tagName}: ${node.nodeValue.trim()}`);
      }
      return [...new Set(found)];
    },
    { corpus: CORPUS_TEXT, terms },
  );
}

test("english-interface-shows-no-chinese-chrome-on-search-reader-and-analysis-views", () =>
  scenario(
    async (page) => {
      const terms = ["京东", "快手"];
      const views = {};
      views.start = await chineseChrome(page, terms);
      await searchFor(page, "京东");
      views.search = await chineseChrome(page, terms);
      // Metadata in the list, in English: "Traditional · UTF-8 · 2,250 chars", "5 removed · duplicate 2 · …".
      const list = await page.getByTestId("article-list").innerText();
      assert.match(list, /(Traditional|Simplified|Mixed) · UTF-8 · [\d,]+ chars/);
      assert.match(list, /\d+ removed · (duplicate|boilerplate|promotion|spam|caption|footer) \d+/);

      await page.locator('[data-testid="hit-open"]').first().click();
      await page.waitForSelector('[data-testid="reader"]:not([hidden]):not([aria-busy="true"])');
      assert.match(await page.getByTestId("reader-meta").innerText(), /(Traditional|Simplified|Mixed) · UTF-8 · [\d,]+ chars$/);
      await page.getByTestId("show-removed").check();
      await page.waitForSelector('[data-testid="reader"][data-show-removed="true"]');
      // Read out as "removed: duplicate"; inside the article, yet chrome.
      assert.match(await page.getByTestId("removed-badge").first().innerText(), /^removed:\s+(duplicate|boilerplate|promotion|spam|caption|footer)$/);
      views.reader = await chineseChrome(page, terms);

      for (const view of ["concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures"]) {
        await page.getByTestId(`tab-${view}`).click();
        const panel = page.getByTestId(`view-${view}`);
        if (view === "dispersion" || view === "trends") {
          await panel.getByTestId(`${view}-terms`).fill(terms.join(", "));
          await panel.getByTestId(`${view}-run`).click();
          await page.waitForSelector(`[data-testid="view-${view}"][data-terms="${terms.join(",")}"]`);
        }
        await page.waitForSelector(`[data-testid="view-${view}"] table tbody tr`, { timeout: 15_000 });
        views[view] = await chineseChrome(page, terms);
      }
      // The charts' SVG labels too (they can hold no spans: one side of each is shown).
      assert.match(await page.getByTestId("trends-chart").evaluate((chart) => chart.textContent), /per 10k chars.*undated/s);

      const offending = Object.entries(views).filter(([, found]) => found.length > 0);
      assert.deepEqual(offending, [], "Chinese-only chrome in the English interface");
    },
    { contextOptions: { locale: "en-US" } },
  ));

// The article list builds its rows as they come near the screen (issue 8), each
// with its labels already split by language: rows built after a switch, and
// before it, show the interface's language, their remove buttons included.
test("a-long-article-list-shows-the-interface-language-in-rows-built-later-and-passes-axe", () =>
  scenario(
    async (page) => {
      await page.getByTestId("replace-corpus").check();
      await page.getByTestId("file-input").setInputFiles(
        Array.from({ length: 400 }, (_, i) => ({
          name: `long-${String(i).padStart(3, "0")}.txt`,
          mimeType: "text/plain",
          buffer: Buffer.from(`第${i}篇\n\n第${i}篇的正文：京东与快手的直播电商。\n第${i}篇的正文：京东与快手的直播电商。`),
        })),
      );
      await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
      await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
      await page.waitForFunction(() => document.querySelector('[data-testid="article-list"]').children.length === 400);
      const row = (n) => page.locator(`[data-testid="article-list"] > li:nth-child(${n + 1})`);
      const shown = async (n) => {
        await row(n).scrollIntoViewIfNeeded();
        await row(n).locator('[data-testid="article"]').waitFor();
        return {
          text: (await row(n).innerText()).replace(/\s+/g, " ").trim(),
          label: await row(n).getByTestId("article-remove").getAttribute("aria-label"),
        };
      };
      assert.equal(await row(200).getByTestId("article").count(), 0, "row 200 is not built yet");
      const english = await shown(200);
      assert.match(english.text, /^第200篇\S* Simplified · UTF-8 · [\d,]+ chars 1 removed · duplicate 1 Remove$/);
      assert.match(english.label, /^Remove: 第200篇/);
      assert.deepEqual(await axeViolations(page), [], "with a long list, partly built (English)");

      await page.getByTestId("language-toggle").click();
      const before = await shown(200);
      assert.match(before.text, /^第200篇\S* 简体 · UTF-8 · [\d,]+ 字 已清理 1 处 · 重复 1 移除$/, "built before the switch");
      assert.match(before.label, /^移除: 第200篇/);
      assert.equal(await row(330).getByTestId("article").count(), 0, "row 330 is not built yet");
      const later = await shown(330);
      assert.match(later.text, /^第330篇\S* 简体 · UTF-8 · [\d,]+ 字 已清理 1 处 · 重复 1 移除$/, "built after the switch");
      assert.match(later.label, /^移除: 第330篇/);
      assert.deepEqual(await axeViolations(page), [], "with a long list, partly built (Chinese)");
    },
    { contextOptions: { locale: "en-US" } },
  ));
