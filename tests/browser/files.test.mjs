// The reader's own files: added off the main thread with a progress bar,
// refused ones listed with the core's message, removable one by one, and able
// to replace the bundled articles. File names and contents never run as markup.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertClean, launchBrowser, openPage, searchFor, startSite } from "./harness.mjs";

// "京东与快手宣布达成战略合作，直播电商迎来新的发展。" in GBK (Python's codecs).
const GBK = Buffer.from([190, 169, 182, 171, 211, 235, 191, 236, 202, 214, 208, 251, 178, 188, 180, 239, 179, 201, 213, 189, 194, 212, 186, 207, 215, 247, 163, 172, 214, 177, 178, 165, 181, 231, 201, 204, 211, 173, 192, 180, 208, 194, 181, 196, 183, 162, 213, 185, 161, 163]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

let site;
let browser;

before(async () => {
  [site, browser] = await Promise.all([startSite(), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await site?.stop();
});

async function scenario(body, { init } = {}) {
  const session = await openPage(browser, site.baseUrl, { init });
  try {
    await body(session.page, session);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

const names = (page) =>
  page.locator('[data-testid="article"]').evaluateAll((buttons) => buttons.map((b) => b.dataset.docName));

/** Adds files through the file picker and waits until the page says what became of them. */
async function addFiles(page, files) {
  await page.getByTestId("file-input").setInputFiles(files);
  await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
}

/** Varied Chinese text: sentences built from a small vocabulary, numbered so no two repeat. */
function generatedText(seed, bytes) {
  const words = ["直播", "电商", "京东", "快手", "平台", "用户", "商品", "主播", "市场", "消费", "增长", "品牌", "流量", "供应链", "数据"];
  const lines = [`生成的文章 ${seed}`, ""];
  let size = 0;
  for (let i = 0; size < bytes; i += 1) {
    let sentence = "";
    for (let j = 0; j < 12; j += 1) sentence += words[(i * 7 + j * 3 + seed) % words.length];
    const line = `第${seed}篇第${i}段：${sentence}，数字${i * 31 + seed}。`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join("\n");
}

test("indexing-runs-in-a-worker-and-shows-progress", () =>
  scenario(
    async (page) => {
      const files = [1, 2, 3, 4, 5].map((n) => ({
        name: `big-${n}.txt`,
        mimeType: "text/plain",
        buffer: Buffer.from(generatedText(n, 1_000_000)),
      }));
      await page.evaluate(() => {
        globalThis.__longTasks.length = 0;
      });
      await addFiles(page, files);
      const seen = await page.evaluate(() => ({
        progress: globalThis.__progressSeen,
        // From the change event on: before it, Playwright itself is busy
        // turning the 5 MB buffers into File objects inside the page.
        long: globalThis.__longTasks.filter((task) => task.start >= globalThis.__changedAt).map((task) => task.duration),
      }));
      assert.equal(seen.progress, true, "a progress bar showed while indexing");
      assert.deepEqual(seen.long.filter((ms) => ms > 200), [], "no long task on the main thread");
      assert.deepEqual((await names(page)).slice(-5), files.map((f) => f.name));
      await searchFor(page, "第3篇第1000段");
      assert.deepEqual(await page.locator('[data-testid="hit"]').evaluateAll((h) => h.map((x) => x.dataset.docName)), ["big-3.txt"]);
    },
    {
      init: () => {
        globalThis.__longTasks = [];
        globalThis.__progressSeen = false;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) globalThis.__longTasks.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: "longtask", buffered: true });
        globalThis.__changedAt = Infinity;
        document.addEventListener("change", () => (globalThis.__changedAt = performance.now()), true);
        new MutationObserver(() => {
          const bar = document.querySelector('[data-testid="index-progress"]');
          if (bar && !bar.hidden && document.documentElement.dataset.state === "ready") globalThis.__progressSeen = true;
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
      },
    },
  ));

test("own-files-are-added-and-bad-ones-listed", () =>
  scenario(async (page) => {
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      dialog.dismiss();
    });
    const html = `<!doctype html><html><head><title>快手新闻 ${HOSTILE}</title><style>p{color:red}</style></head>
<body><h1>快手与京东的合作 ${HOSTILE}</h1><p>快手小店接入京东自营商品&nbsp;&amp;&#20140;东物流。</p>${HOSTILE}</body></html>`;
    await addFiles(page, [
      { name: "mine.txt", mimeType: "text/plain", buffer: Buffer.from("我的文章\n\n直播电商的一个例子：淘宝直播和抖音直播。") },
      { name: "gbk.txt", mimeType: "text/plain", buffer: GBK },
      { name: `page${HOSTILE}.html`, mimeType: "text/html", buffer: Buffer.from(html) },
      { name: "empty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) },
      { name: "picture.txt", mimeType: "text/plain", buffer: PNG },
    ]);
    const list = await names(page);
    assert.equal(list.length, 8, "five seeds and three good files");
    assert.deepEqual(list.slice(-3), ["mine.txt", "gbk.txt", `page${HOSTILE}.html`]);
    const errors = await page.locator('[data-testid="file-error"]').evaluateAll((items) => items.map((i) => [i.dataset.name, i.textContent]));
    assert.equal(errors.length, 2);
    assert.equal(errors[0][0], "empty.txt");
    assert.equal(errors[1][0], "picture.txt");
    for (const [name, text] of errors) assert.ok(text.length > name.length + 10, `a message for ${name}: ${text}`);
    assert.match(await page.getByTestId("files-message").textContent(), /已添加 3 个文件，2 个无法添加/);

    // The HTML's text is searchable, its markup is gone, and nothing ran.
    await searchFor(page, "京东物流");
    const hit = page.locator(`[data-testid="hit"][data-doc-name="page${HOSTILE.replace(/"/g, '\\"')}.html"]`);
    assert.equal(await hit.count(), 1);
    await hit.locator("button, a").first().click();
    await page.waitForSelector('[data-testid="reader"]:not([hidden]):not([aria-busy="true"])');
    const text = await page.getByTestId("reader-text").textContent();
    assert.doesNotMatch(text, /<p>|color:red|<h1>/);
    assert.match(text, /快手小店接入京东自营商品/);
    await searchFor(page, "京东与快手宣布");
    assert.equal(await page.locator('[data-testid="hit"][data-doc-name="gbk.txt"]').count(), 1, "GBK decoded");
    assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
    assert.equal(await page.locator("img").count(), 0);
    assert.equal(dialogs, 0);
  }));

test("removing-a-document-keeps-the-rest", () =>
  scenario(async (page) => {
    await addFiles(page, [{ name: "mine.txt", mimeType: "text/plain", buffer: Buffer.from("我的文章\n\n直播电商的一个例子：淘宝直播和抖音直播。") }]);
    const before = await names(page);
    assert.equal(before.length, 6);
    // Remove the second seed: the later ones move up an id, and all still open and search.
    await page.locator('[data-testid="article-remove"]').nth(1).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="article"]').length === 5);
    const afterRemoval = await names(page);
    assert.deepEqual(afterRemoval, before.filter((_, i) => i !== 1));
    assert.deepEqual(
      await page.locator('[data-testid="article"]').evaluateAll((b) => b.map((x) => Number(x.dataset.docId))),
      [0, 1, 2, 3, 4],
    );
    assert.equal(await page.getByTestId("status").textContent(), "已载入 5 篇文章 / 5 articles loaded");
    await searchFor(page, "淘宝直播和抖音直播");
    assert.deepEqual(await page.locator('[data-testid="hit"]').evaluateAll((h) => h.map((x) => x.dataset.docName)), ["mine.txt"]);
    await page.locator('[data-testid="article"][data-doc-name="mine.txt"]').click();
    await page.waitForSelector('[data-testid="reader"][data-doc-id="4"]:not([aria-busy="true"])');
    assert.match(await page.getByTestId("reader-text").textContent(), /淘宝直播和抖音直播/);
  }));

test("replacing-the-bundled-corpus", () =>
  scenario(async (page) => {
    await page.getByTestId("replace-corpus").check();
    await addFiles(page, [
      { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("第一篇\n\n京东物流的新闻。") },
      { name: "b.md", mimeType: "text/markdown", buffer: Buffer.from("# 第二篇\n\n快手电商的新闻。") },
    ]);
    assert.deepEqual(await names(page), ["a.txt", "b.md"]);
    assert.equal(await page.getByTestId("status").textContent(), "已载入 2 篇文章 / 2 articles loaded");
    await searchFor(page, "京东");
    assert.deepEqual(await page.locator('[data-testid="hit"]').evaluateAll((h) => h.map((x) => x.dataset.docName)), ["a.txt"]);
  }));
