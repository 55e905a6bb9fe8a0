// The corpus that lasts (issue 15, items 3–4): the reader's own corpus kept in
// the browser (the Origin Private File System, written by the worker) and
// reopened on the next visit with no file picked again; a crash after a
// write loses nothing; "Save corpus" downloads one .corpus file that "Open
// corpus" brings back, replacing or adding; damaged, truncated and foreign
// files are refused and the corpus stays; "Forget this corpus" goes back to
// the bundled articles; two tabs writing leave one sound stored copy; an
// embedded explorer keeps nothing unless it opts in.
//
// Each scenario has its own browser context, so its own empty storage; a
// reload or a second tab shares it.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { assertClean, openPage, searchFor, siteAndBrowser } from "./harness.mjs";

const shared = siteAndBrowser();

/** Opens the page in a new context; `body(session)`; fails if any of its pages logged anything bad. */
async function scenario(body, { path = "", ...options } = {}) {
  const session = await openPage(shared.browser, shared.site.baseUrl + path, options);
  try {
    await body(session);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

const SEED_COUNT = 5;

/** The names of the articles listed, in order. */
const names = (page) => page.getByTestId("article-list").evaluate((list) => [...list.children].map((item) => item.dataset.docName));

/** The names of the documents a search finds, in order. */
async function found(page, query) {
  await searchFor(page, query);
  return page.getByTestId("hit").evaluateAll((hits) => hits.map((hit) => hit.dataset.docName));
}

/** Adds files through the file picker and waits until the page says what became of them. */
async function addFiles(page, files) {
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
}

/** Waits until the page says a copy of `documents` articles is stored. */
async function storedCopy(page, documents) {
  await page.waitForSelector(`[data-testid="stored-summary"][data-documents="${documents}"]`, { timeout: 15_000 });
}

const text = (name, body) => ({ name, mimeType: "text/plain", buffer: Buffer.from(`${name}\n\n${body}`) });
const OWN = [
  text("蓝鲸一号.txt", "蓝鲸直播间宣布与京东达成合作，首场直播成交额突破一亿元。"),
  text("蓝鲸二号.txt", "快手主播在蓝鲸直播间带货，观看人数创下新高。"),
];

/** The bytes of the corpus "Save corpus" downloads. */
async function saveCorpus(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("save-corpus").click()]);
  assert.match(download.suggestedFilename(), /^corpus-\d{4}-\d\d-\d\d\.corpus$/);
  return readFileSync(await download.path());
}

/** Drops `buffer` on the page as the file `name` (a DataTransfer made in the page, as a drag from the desktop carries it). */
async function drop(page, name, buffer) {
  await page.evaluate(
    ({ name, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name));
      document.querySelector('[data-testid="article-list"]').dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    },
    { name, bytes: [...buffer] },
  );
}

/** Offers `buffer` as the corpus file `name` through "Open corpus" and waits for the page's answer. */
async function openCorpus(page, name, buffer, { add = false } = {}) {
  await page.getByTestId(add ? "open-add" : "open-replace").check();
  await page.evaluate(() => {
    document.querySelector('[data-testid="persist-message"]').textContent = "";
  });
  await page.getByTestId("corpus-file-input").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await page.waitForSelector('[data-testid="persist-message"]:not(:empty)');
  return page.getByTestId("persist-message").textContent();
}

/** Counts the page's requests for persistent storage (navigator.storage.persist()). */
function countPersistRequests() {
  const persist = navigator.storage.persist.bind(navigator.storage);
  globalThis.__persistAsked = 0;
  navigator.storage.persist = () => {
    globalThis.__persistAsked += 1;
    return persist();
  };
}

test("own-files-and-variants-come-back-after-a-reload-with-no-file-picked", () =>
  scenario(async ({ page }) => {
    // Nothing of the bundled articles is stored while the reader has changed nothing.
    assert.equal(await page.getByTestId("stored-summary").getAttribute("data-documents"), "");
    assert.equal(await page.evaluate(() => globalThis.__persistAsked), 0);
    await addFiles(page, OWN);
    // Files of the reader's own: the browser is asked to keep the site's storage.
    assert.equal(await page.evaluate(() => globalThis.__persistAsked), 1);
    await page.getByTestId("variant-panel").evaluate((details) => {
      details.open = true;
    });
    await page.getByTestId("variant-canonical").fill("蓝鲸");
    await page.getByTestId("variant-name").fill("Bluewhale");
    await page.getByTestId("variant-name").press("Enter");
    await page.waitForSelector('[data-testid="user-variant"]');
    await storedCopy(page, SEED_COUNT + 2);
    const before = { names: await names(page), hits: await found(page, "蓝鲸直播"), summary: await page.getByTestId("stored-summary").textContent() };
    assert.match(before.summary, /7 篇文章/);

    // The remembered variants (localStorage) are gone: what comes back comes from the stored corpus.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.deepEqual(await names(page), before.names);
    assert.deepEqual(await found(page, "蓝鲸直播"), before.hits);
    await page.getByTestId("match-variants").check();
    assert.deepEqual(await found(page, "Bluewhale"), before.hits);
    await storedCopy(page, SEED_COUNT + 2);
  }, { init: countPersistRequests }));

test("a-worker-crash-after-a-write-loses-nothing-on-reload", () =>
  scenario(async ({ page, problems }) => {
    await addFiles(page, OWN);
    await storedCopy(page, SEED_COUNT + 2);
    const before = { names: await names(page), hits: await found(page, "蓝鲸") };
    assert.equal(before.hits.length, 2);
    await page.evaluate(() => document.dispatchEvent(new Event("corpus-explorer:crash-for-testing")));
    await page.waitForSelector('[data-testid="error-banner"]:not([hidden])');
    // The new worker started from the stored copy: the same articles, found alike.
    await page.waitForFunction((n) => document.querySelector('[data-testid="article-list"]').children.length === n, before.names.length);
    assert.deepEqual(await found(page, "蓝鲸"), before.hits);
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.deepEqual(await names(page), before.names);
    assert.deepEqual(await found(page, "蓝鲸"), before.hits);
    // The one expected problem is the crash itself.
    problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("crash requested for testing")));
  }));

test("a-saved-corpus-file-opens-again-with-identical-results-after-forget", () =>
  scenario(async ({ page }) => {
    await addFiles(page, OWN);
    await storedCopy(page, SEED_COUNT + 2);
    const before = { names: await names(page), hits: await found(page, "京东"), own: await found(page, "蓝鲸") };
    const bytes = await saveCorpus(page);
    assert.ok(bytes.length > 1000);

    await page.getByTestId("forget-corpus").click();
    await page.waitForFunction(() => /已删除保存的语料/.test(document.querySelector('[data-testid="persist-message"]').textContent));
    assert.equal((await names(page)).length, SEED_COUNT);
    assert.deepEqual(await found(page, "蓝鲸"), []);
    assert.equal(await page.getByTestId("stored-summary").getAttribute("data-documents"), "");
    // Forgotten for good: a reload shows the bundled articles.
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.equal((await names(page)).length, SEED_COUNT);

    assert.match(await openCorpus(page, "mine.corpus", bytes), /已打开 mine\.corpus/);
    assert.deepEqual(await names(page), before.names);
    assert.deepEqual(await found(page, "京东"), before.hits);
    assert.deepEqual(await found(page, "蓝鲸"), before.own);
    await storedCopy(page, SEED_COUNT + 2);

    // Adding instead, the file dropped on the page: the file's articles after the current
    // ones (the list folds the copies under their lead, so the stored count says how many).
    await page.getByTestId("open-add").check();
    await drop(page, "again.corpus", bytes);
    await page.waitForFunction(() => /已添加/.test(document.querySelector('[data-testid="persist-message"]').textContent));
    assert.match(await page.getByTestId("persist-message").textContent(), /已添加 again\.corpus 中的 7 篇文章/);
    assert.equal((await found(page, "蓝鲸")).length, 4);
    await storedCopy(page, 2 * (SEED_COUNT + 2));
  }));

test("damaged-truncated-and-foreign-corpus-files-are-refused-and-the-corpus-stays", () =>
  scenario(async ({ page }) => {
    await addFiles(page, OWN);
    await storedCopy(page, SEED_COUNT + 2);
    const bytes = await saveCorpus(page);
    const before = { names: await names(page), hits: await found(page, "蓝鲸") };
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 10] ^= 0xff;
    const offers = [
      ["damaged.corpus", damaged, /damaged|损坏|checksum|CRC/i],
      ["truncated.corpus", bytes.subarray(0, Math.floor(bytes.length / 2)), /cut off|truncated|截断/i],
      ["foreign.corpus", Buffer.from("京东与快手宣布达成战略合作，这不是语料文件。"), /not a|snapshot/i],
    ];
    for (const add of [false, true]) {
      for (const [name, buffer, why] of offers) {
        const message = await openCorpus(page, name, buffer, { add });
        assert.match(message, new RegExp(`未能打开 ${name.replace(".", "\\.")}`));
        assert.match(message, why);
        assert.deepEqual(await names(page), before.names);
      }
    }
    // Dropped (or picked among articles): a .corpus file goes the same way, not in as an article.
    await page.evaluate(() => {
      document.querySelector('[data-testid="persist-message"]').textContent = "";
    });
    await page.getByTestId("file-input").setInputFiles({ name: "dropped.corpus", mimeType: "application/octet-stream", buffer: damaged });
    await page.waitForSelector('[data-testid="persist-message"]:not(:empty)');
    assert.match(await page.getByTestId("persist-message").textContent(), /未能打开 dropped\.corpus/);
    assert.deepEqual(await names(page), before.names);
    assert.deepEqual(await found(page, "蓝鲸"), before.hits);
    // And the stored copy is still the sound one.
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.deepEqual(await names(page), before.names);
  }));

test("two-tabs-writing-leave-one-sound-stored-corpus-and-the-other-tab-is-told", () =>
  scenario(async ({ page, context, problems }) => {
    const other = await context.newPage();
    other.on("pageerror", (error) => problems.push(`other tab: ${error.message}`));
    await other.goto(shared.site.baseUrl);
    await other.waitForSelector('html[data-state="ready"]');
    // Both at once: each tab's worker writes its own corpus under the same lock.
    await Promise.all([addFiles(page, [OWN[0]]), addFiles(other, [OWN[1]])]);
    await Promise.all([storedCopy(page, SEED_COUNT + 1), storedCopy(other, SEED_COUNT + 1)]);
    // Then one more change in the first tab: it wrote last, and the other tab hears it.
    await addFiles(page, [text("蓝鲸三号.txt", "蓝鲸直播间第三篇文章。")]);
    await storedCopy(page, SEED_COUNT + 2);
    await other.waitForFunction(() => /另一个标签页保存了它的语料/.test(document.querySelector('[data-testid="persist-message"]').textContent));

    const third = await context.newPage();
    await third.goto(shared.site.baseUrl);
    await third.waitForSelector('html[data-state="ready"]');
    assert.deepEqual(await names(third), await names(page));
    await third.close();
    await other.close();
  }));

test("an-embedded-explorer-stores-nothing-unless-it-opts-in", () =>
  scenario(
    async ({ page }) => {
      const host = '[data-testid="explorer-seeds"]';
      await page.locator(`${host} [data-testid="file-input"]`).setInputFiles([OWN[0]]);
      await page.waitForSelector(`${host} [data-testid="files-message"]:not(:empty)`);
      // "Save corpus" is there in an embed; the stored part is not shown.
      assert.equal(await page.locator(`${host} [data-testid="save-corpus"]`).isVisible(), true);
      assert.equal(await page.locator(`${host} [data-testid="forget-corpus"]`).isVisible(), false);
      // One that opts in (persist="mine"), given a file after the first one: once its
      // copy is stored, the only file in the site's storage is its own.
      await page.evaluate(() => {
        const element = document.createElement("corpus-explorer");
        element.setAttribute("src", "seeds/manifest.json");
        element.setAttribute("persist", "mine");
        element.dataset.testid = "explorer-kept";
        document.body.append(element);
      });
      const kept = '[data-testid="explorer-kept"]';
      await page.waitForSelector(`${kept}[data-state="ready"]`, { timeout: 15_000 });
      await page.locator(`${kept} [data-testid="file-input"]`).setInputFiles([OWN[1]]);
      await page.waitForSelector(`${kept} [data-testid="stored-summary"][data-documents="${SEED_COUNT + 1}"]`, { timeout: 15_000 });
      const entries = await page.evaluate(async () => {
        const dir = await navigator.storage.getDirectory();
        const names = [];
        for await (const name of dir.keys()) names.push(name);
        return names;
      });
      assert.deepEqual(entries, ["mine.snapshot"]);
    },
    { path: "embed-example.html", readySelector: '[data-testid="explorer-seeds"][data-state="ready"]' },
  ));

test("a-full-quota-is-said-and-the-copy-stored-before-is-kept", async () => {
  // A profile on disk: Chromium applies a quota override (DevTools protocol) to it, not to
  // an incognito context.
  const profile = mkdtempSync(join(tmpdir(), "ce-quota-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
    locale: "zh-CN",
  });
  const problems = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => message.type() === "error" && problems.push(`console.error: ${message.text()}`));
    await page.goto(shared.site.baseUrl);
    await page.waitForSelector('html[data-state="ready"]');
    await addFiles(page, OWN);
    await storedCopy(page, SEED_COUNT + 2);
    const before = await names(page);
    // The site's quota, set just above what it uses now.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(shared.site.baseUrl).origin;
    const { usage } = await page.evaluate(() => navigator.storage.estimate());
    await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 20_000 });
    await addFiles(page, [text("大文件.txt", "蓝鲸直播间的长篇报道。".repeat(20_000))]);
    await page.waitForFunction(() => /存储空间不足/.test(document.querySelector('[data-testid="persist-message"]').textContent), null, { timeout: 15_000 });
    // This tab keeps the new article; the stored copy is the one before.
    assert.equal((await found(page, "长篇报道")).length, 1);
    assert.equal(await page.getByTestId("stored-summary").getAttribute("data-documents"), String(SEED_COUNT + 2));
    await cdp.send("Storage.overrideQuotaForOrigin", { origin });
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]');
    assert.deepEqual(await names(page), before);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

/** Counts the calls the page posts to its workers, by method (an init script: every page of the context). */
function countWorkerCalls() {
  const post = Worker.prototype.postMessage;
  globalThis.__workerCalls = {};
  Worker.prototype.postMessage = function (message, ...rest) {
    const method = message?.method;
    if (typeof method === "string") globalThis.__workerCalls[method] = (globalThis.__workerCalls[method] ?? 0) + 1;
    return post.call(this, message, ...rest);
  };
}

test("a-stored-corpus-reopened-for-an-address-search-answers-it-with-the-reopen", () =>
  scenario(async ({ page }) => {
    await addFiles(page, OWN);
    await storedCopy(page, SEED_COUNT + 2);
    const before = await found(page, "蓝鲸直播");
    assert.equal(before.length, 2);
    // The reader comes back with a search in the address: the worker opens the stored
    // corpus and answers that search in the same trip, so the page sends no search of its own.
    await page.goto(`${shared.site.baseUrl}?q=${encodeURIComponent("蓝鲸直播")}`);
    await page.waitForSelector('html[data-state="ready"]');
    await page.waitForSelector('[data-testid="hit"]');
    assert.deepEqual(await page.getByTestId("hit").evaluateAll((hits) => hits.map((hit) => hit.dataset.docName)), before);
    const calls = await page.evaluate(() => globalThis.__workerCalls);
    assert.equal(calls.reopenStoredCorpus, 1);
    assert.equal(calls.search ?? 0, 0, `searches sent after the reopen: ${JSON.stringify(calls)}`);
    await storedCopy(page, SEED_COUNT + 2);
  }, { init: countWorkerCalls }));
