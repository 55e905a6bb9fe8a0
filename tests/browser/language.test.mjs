// One interface language at a time: the browser's (zh* → Chinese, else
// English), switched by the header's toggle and remembered. Corpus text stays
// visible in either. Screenshots at 360 and 1280 px, and axe on the file panel
// and in the English interface.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { assertClean, launchBrowser, openPage, ROOT, searchFor, startSite } from "./harness.mjs";

const ARTIFACTS = join(ROOT, "tests", "browser", "artifacts");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let site;
let browser;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

async function scenario(body, options = {}) {
  const session = await openPage(browser, site.baseUrl, options);
  try {
    await body(session.page, session);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

const visibleText = (page, testId) => page.getByTestId(testId).innerText();

async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
  });
}

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
