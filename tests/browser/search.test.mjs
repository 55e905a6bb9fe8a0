// Browser scenarios against the built site (dist/), one sentence each.
// Run: bash scripts/build.sh && node --test tests/browser/

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { SEEDS, scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

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
const DATED_ARTICLE = "001_309b811cfa3d92f8.txt"; // dated 2020-07-17 in its text
const SPAMMED_ARTICLE = "002_8288d1e6a0cd6100.txt"; // 快手号买卖 injected, an account-sale widget
const SOURCED_ARTICLE = "003_85f297a51afbf37a.txt"; // source URL on www.heliu2.cn
const writingJingdong = seeds.filter((s) => s.simplified || s.traditional).map((s) => s.name);

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

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
    assert.match(meta, /^繁體 \/ Traditional · UTF-8 · [\d,]+ 字 \/ [\d,]+ chars$/);
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

/** What the core reports for every article, asked in the page through engine.js. */
function documentsInPage(page) {
  return page.evaluate(async () => {
    const { createEngine, loadCorpus } = await import("./engine.js");
    const { documents } = await loadCorpus(createEngine(), "seeds/manifest.json");
    return documents;
  });
}

/** Ticks or unticks a checkbox by its label, like a user. */
async function setCheckbox(page, label, checked) {
  const box = page.getByLabel(label);
  if (checked) await box.check();
  else await box.uncheck();
}

const SHOW_REMOVED = "显示已删除内容 / Show removed";
const INCLUDE_REMOVED = "包括已删除内容 / Include removed text";

test("article-list-shows-date-source-encoding-and-removed-count", () =>
  scenario(async (page) => {
    const documents = await documentsInPage(page);
    assert.equal(documents.length, seeds.length);
    const entry = (name) => page.locator(`[data-testid="article"][data-doc-name="${name}"]`);

    // Stated in the seeds themselves.
    assert.match(await entry(DATED_ARTICLE).getByTestId("article-meta").textContent(), /^2020-07-17 · /);
    assert.match(await entry(SOURCED_ARTICLE).getByTestId("article-meta").textContent(), /www\.heliu2\.cn/);
    const spammed = entry(SPAMMED_ARTICLE).getByTestId("article-removed");
    assert.ok(Number(await spammed.getAttribute("data-count")) > 0, `${SPAMMED_ARTICLE} had text removed`);

    // Everything else as the core reports it.
    for (const doc of documents) {
      const meta = await entry(doc.name).getByTestId("article-meta").textContent();
      assert.match(meta, /· UTF-8 · /, `${doc.name} shows its encoding`);
      assert.equal(doc.encoding, "UTF-8");
      if (doc.date) assert.ok(meta.startsWith(`${doc.date} · `), `${doc.name} shows its date`);
      if (doc.source) assert.ok(meta.includes(` ${doc.source} · `) || meta.startsWith(`${doc.source} · `));
      assert.match(meta, /(繁體|简体|混合) \/ (Traditional|Simplified|Mixed) · /, `${doc.name} shows its script`);
      assert.match(meta, /[\d,]+ 字 \/ [\d,]+ chars?$/, `${doc.name} shows its length`);

      const removed = entry(doc.name).getByTestId("article-removed");
      if (doc.removed.length === 0) {
        assert.equal(await removed.count(), 0);
        continue;
      }
      assert.equal(Number(await removed.getAttribute("data-count")), doc.removed.length);
      const n = doc.removed.length.toLocaleString("en-US");
      assert.ok(
        (await removed.textContent()).startsWith(`已清理 ${n} 处 / ${n} removed · `),
        `${doc.name} says how much was removed`,
      );
      // The breakdown names each reason with its count, and the counts add up.
      const breakdown = await removed.getByTestId("article-removed-breakdown").textContent();
      const parts = breakdown.split(" · ").map((part) => part.match(/^(\S+) (\d+) \/ [a-z]+ \2$/));
      assert.ok(parts.every(Boolean), `breakdown “${breakdown}” is “理由 count / reason count · …”`);
      assert.equal(parts.reduce((sum, part) => sum + Number(part[2]), 0), doc.removed.length);
      const reasons = new Set(doc.removed.map((r) => r.reason));
      assert.equal(parts.length, reasons.size);
    }
    // 002 loses a widget, a disclaimer and injected phrases: at least two reasons.
    assert.match(
      await entry(SPAMMED_ARTICLE).getByTestId("article-removed-breakdown").textContent(),
      /广告推广 \d+.*垃圾词 \d+/,
    );
  }));

test("reader-hides-removed-spans-and-reveals-them-with-reasons", () =>
  scenario(async (page) => {
    const article = page.locator(`[data-testid="article"][data-doc-name="${SPAMMED_ARTICLE}"]`);
    await article.click();
    const reader = page.getByTestId("reader");
    const id = await article.getAttribute("data-doc-id");
    await page.waitForSelector(`[data-testid="reader"][data-doc-id="${id}"][data-show-removed="false"]`);

    const text = page.getByTestId("reader-text");
    const cleaned = await text.innerText();
    assert.ok(cleaned.length > 1000, "the article is shown");
    assert.ok(!cleaned.includes("快手号买卖"), "the injected spam phrase is gone");
    assert.ok(!cleaned.includes("已服务500+客户"), "the account-sale widget is gone");
    assert.equal(await text.locator("[data-removed]").count(), 0);
    assert.equal(await page.getByLabel(SHOW_REMOVED).isChecked(), false);
    // The reader keeps its header.
    assert.ok((await page.getByTestId("reader-title").textContent()).length > 0);
    assert.match(await page.getByTestId("reader-meta").textContent(), /www\.51kuaishou\.cn · .* · UTF-8 · [\d,]+ 字 \/ [\d,]+ chars$/);

    await setCheckbox(page, SHOW_REMOVED, true);
    await page.waitForSelector(`[data-testid="reader"][data-show-removed="true"]`);
    const revealed = await text.innerText();
    assert.ok(revealed.includes("快手号买卖"));
    assert.ok(revealed.includes("已服务500+客户"));

    for (const [phrase, reason, badge] of [
      ["快手号买卖", "spam", "垃圾词 / spam"],
      ["已服务500+客户", "promotion", "广告推广 / promotion"],
    ]) {
      const spans = text.locator(`[data-removed="${reason}"]`, { hasText: phrase });
      assert.ok((await spans.count()) > 0, `“${phrase}” is marked data-removed="${reason}"`);
      const first = spans.first();
      // The badge shows the reason and is read out as removed text.
      assert.equal(await first.getByTestId("removed-badge").first().textContent(), `已删除 / removed: ${badge}`);
      assert.ok((await first.getByTestId("removed-note").count()) > 0, "the cleaner's note is there");
      assert.ok(await first.isVisible());
      // Set apart from the article: a dashed border.
      assert.equal(await first.evaluate((el) => getComputedStyle(el).borderTopStyle), "dashed");
    }
    // Every shown removal has its badge, and nothing unremoved is marked.
    const removedCount = await text.locator("[data-removed]").count();
    assert.equal(await text.locator("[data-removed] > [data-testid=removed-badge], [data-removed] > .ce-removed-head > [data-testid=removed-badge]").count(), removedCount);

    // Unticking brings back the cleaned article exactly.
    await setCheckbox(page, SHOW_REMOVED, false);
    await page.waitForSelector(`[data-testid="reader"][data-show-removed="false"]`);
    assert.equal(await text.innerText(), cleaned);
  }));

test("search-ignores-removed-text-unless-asked", () =>
  scenario(async (page) => {
    await searchFor(page, "快手号买卖");
    assert.equal(
      await page.getByTestId("status").textContent(),
      "没有找到“快手号买卖” / No matches for “快手号买卖”",
    );
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0);

    await setCheckbox(page, INCLUDE_REMOVED, true);
    await page.waitForSelector('[data-testid="status"][data-query="快手号买卖"][data-include-removed="true"]');
    const hits = await readHits(page);
    assert.deepEqual(hits.map((h) => [h.name, h.count]), [[SPAMMED_ARTICLE, 2]]);
    assert.equal(
      await page.getByTestId("status").textContent(),
      "1 篇文章，共 2 处 / 1 article, 2 occurrences",
    );

    // The reader follows: both matches marked, inside the removed spam.
    await page.locator('[data-testid="hit-open"]').first().click();
    await page.getByTestId("reader").waitFor();
    assert.equal(await page.getByLabel(SHOW_REMOVED).isChecked(), true);
    const marks = page.locator('[data-testid="reader-text"] mark');
    assert.equal(await marks.count(), 2);
    assert.equal(await page.locator('[data-testid="reader-text"] [data-removed="spam"] mark').count(), 2);
    assert.match(await page.getByTestId("reader-count").textContent(), /^本文共 2 处“快手号买卖”/);

    // Hiding removed text hides the matches, and the count line says where they went.
    await setCheckbox(page, SHOW_REMOVED, false);
    await page.waitForSelector(`[data-testid="reader"][data-show-removed="false"]`);
    assert.equal(await marks.count(), 0);
    assert.match(await page.getByTestId("reader-count").textContent(), /另有 2 处在已删除内容中/);

    // Unticking brings the plain answer back.
    await setCheckbox(page, INCLUDE_REMOVED, false);
    await page.waitForSelector('[data-testid="status"][data-query="快手号买卖"][data-include-removed="false"]');
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0);
    assert.equal(await marks.count(), 0);
  }));

test("checkboxes-are-reachable-and-work-from-the-keyboard", () =>
  scenario(async (page) => {
    await searchFor(page, "快手号买卖");
    // Tab from the search box reaches "include removed", with a visible focus ring.
    await page.getByLabel("搜索 / Search").focus();
    let active = null;
    for (let i = 0; i < 4 && active !== "include-removed"; i++) {
      await page.keyboard.press("Tab");
      active = await page.evaluate(() => document.activeElement?.dataset.testid ?? null);
    }
    assert.equal(active, "include-removed");
    const include = page.getByLabel(INCLUDE_REMOVED);
    assert.equal(await include.evaluate((el) => getComputedStyle(el).outlineStyle), "solid");
    await page.keyboard.press("Space");
    await page.waitForSelector('[data-testid="status"][data-include-removed="true"]');
    assert.equal(await page.locator('[data-testid="hit"]').count(), 1);

    // Open the hit with Enter; Tab on from the reader's title reaches "show removed".
    await page.locator('[data-testid="hit-open"]').first().focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("reader").waitFor();
    await page.getByTestId("reader-title").focus();
    active = null;
    for (let i = 0; i < 4 && active !== "show-removed"; i++) {
      await page.keyboard.press("Tab");
      active = await page.evaluate(() => document.activeElement?.dataset.testid ?? null);
    }
    assert.equal(active, "show-removed");
    assert.equal(await page.getByLabel(SHOW_REMOVED).isChecked(), true);
    await page.keyboard.press("Space");
    await page.waitForSelector('[data-testid="reader"][data-show-removed="false"]');
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

        // Removed text on show, badges and all, must pass too.
        await page.locator(`[data-testid="article"][data-doc-name="${SPAMMED_ARTICLE}"]`).click();
        await setCheckbox(page, SHOW_REMOVED, true);
        await page.waitForSelector('[data-testid="reader"][data-show-removed="true"]');
        const removedViolations = await page.evaluate(async () => {
          const result = await globalThis.axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          });
          return result.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`,
          );
        });
        assert.deepEqual(removedViolations, []);
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

test("slash-focuses-the-search-box-but-not-while-typing", () =>
  scenario(async (page) => {
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "search-input");
    await page.keyboard.type("京东/快手");
    assert.equal(await page.getByTestId("search-input").inputValue(), "京东/快手", "a slash typed in the box stays in it");
  }));
