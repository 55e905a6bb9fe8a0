// The address holds the page's state (www/url-state.js): reload, back/forward
// and a copied link bring back the search, its options, the view and the open
// article where it was being read.

import assert from "node:assert/strict";
import { test } from "node:test";
import { scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

const ARTICLE = "001_309b811cfa3d92f8.txt";

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

const address = (page) => new URL(page.url());
const readerOpen = (page, name) =>
  page.waitForSelector(`[data-testid="reader"]:not([hidden]):not([aria-busy="true"])[data-doc-id]`).then(async () => {
    const id = await page.getByTestId("reader").getAttribute("data-doc-id");
    const doc = await page.locator(`[data-testid="article"][data-doc-id="${id}"]`).getAttribute("data-doc-name");
    assert.equal(doc, name);
  });

test("url-state-survives-reload-and-back-forward", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    await page.getByLabel("匹配名称变体 / Match name variants").check();
    await page.waitForSelector('[data-testid="status"][data-variants="true"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get("variants") === "1");
    assert.equal(address(page).searchParams.get("q"), "京东");

    await page.locator(`[data-testid="article"][data-doc-name="${ARTICLE}"]`).click();
    await readerOpen(page, ARTICLE);
    await page.waitForFunction((name) => new URL(location.href).searchParams.get("doc") === name, ARTICLE);
    await page.getByTestId("reader-text").evaluate((text) => (text.scrollTop = 300));
    await page.waitForFunction(() => new URL(location.href).searchParams.get("at") === "300");

    // Reload: the same search, options, article and place in it. First let the
    // requests in flight finish: each address change makes Chromium fetch the
    // favicon again, and a reload aborting that fetch is no fault of the page.
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.equal(await page.getByLabel("搜索 / Search").inputValue(), "京东");
    assert.equal(await page.getByLabel("匹配名称变体 / Match name variants").isChecked(), true);
    assert.equal(await page.getByTestId("status").getAttribute("data-query"), "京东");
    await readerOpen(page, ARTICLE);
    // The place is restored once the article has come from the worker and been laid out.
    await page.waitForFunction(() => document.querySelector('[data-testid="reader-text"]').scrollTop === 300);

    // A view is a history entry of its own; back and forward walk them.
    await page.getByTestId("tab-concordance").click();
    await page.waitForFunction(() => location.hash === "#concordance");
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('[data-testid="tab-search"]').getAttribute("aria-selected") === "true");
    assert.equal(address(page).hash, "");
    await page.getByLabel("搜索 / Search").fill("快手");
    await page.waitForSelector('[data-testid="status"][data-query="快手"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "快手");
    await page.goBack();
    await page.waitForSelector('[data-testid="status"][data-query="京东"]');
    assert.equal(await page.getByLabel("搜索 / Search").inputValue(), "京东");
    await page.goForward();
    await page.waitForSelector('[data-testid="status"][data-query="快手"]');
    assert.equal(await page.getByLabel("搜索 / Search").inputValue(), "快手");
  }));

test("copy-link-button-copies-the-current-state", () =>
  scenario(
    async (page) => {
      await searchFor(page, "京东");
      await page.getByLabel("排序 / Sort").selectOption("date");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "date");
      await page.getByTestId("copy-link").click();
      await page.waitForSelector('[data-testid="copy-link-message"]:not(:empty)');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, page.url());
      assert.equal(new URL(copied).searchParams.get("q"), "京东");

      // The link opens the same search.
      await page.goto(copied);
      await page.waitForSelector('html[data-state="ready"]');
      await page.waitForSelector('[data-testid="status"][data-query="京东"][data-sort="date"]');
    },
    { contextOptions: { permissions: ["clipboard-read", "clipboard-write"] } },
  ));
