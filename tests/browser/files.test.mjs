// The reader's own files: added off the main thread with a progress bar,
// refused ones listed with the core's message, removable one by one, and able
// to replace the bundled articles. File names and contents never run as markup.
// Three ways in besides the file picker: files dropped on the page (a
// DataTransfer built in the page), the folder picker (a real folder on disk),
// and a folder dropped on the page (a real drag through the DevTools
// protocol: only the browser can make the directory entries a dropped folder
// is walked through). And many files at once: the list shows them without
// holding the page, building rows as they are scrolled or tabbed to.

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { test } from "node:test";
import { scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

// "京东与快手宣布达成战略合作，直播电商迎来新的发展。" in GBK (Python's codecs).
const GBK = Buffer.from([190, 169, 182, 171, 211, 235, 191, 236, 202, 214, 208, 251, 178, 188, 180, 239, 179, 201, 213, 189, 194, 212, 186, 207, 215, 247, 163, 172, 214, 177, 178, 165, 181, 231, 201, 204, 211, 173, 192, 180, 208, 194, 181, 196, 183, 162, 213, 185, 161, 163]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const HOSTILE = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

/** The names of the articles listed, in order: each item of the list names its article, built or not yet. */
const names = (page) =>
  page.getByTestId("article-list").evaluate((list) => [...list.children].map((item) => item.dataset.docName));

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

/** `count` short articles, many-0000.txt…, each titled with its number. */
function manyFiles(count) {
  return Array.from({ length: count }, (_, i) => ({
    name: `many-${String(i).padStart(4, "0")}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(`第${i}篇短文\n\n这是第${i}篇短文的正文，讲京东和快手的直播电商。`),
  }));
}

/** The list's items in order, [name, built] each: a built one holds its row's buttons. */
const listItems = (page) =>
  page.getByTestId("article-list").evaluate((list) =>
    [...list.children].map((item) => [item.dataset.docName, item.querySelector('[data-testid="article"]') !== null]),
  );

/** Where the focus is: [row, test id] inside the article list, else the test id of the focused element. */
const focusedRow = (page) =>
  page.evaluate(() => {
    const focused = document.activeElement;
    const item = focused.closest('[data-testid="article-list"] > li');
    return item ? [[...item.parentElement.children].indexOf(item), focused.dataset.testid] : focused.dataset.testid ?? focused.tagName;
  });

/** Whether every item of the list on the screen is built, once the page has had time to build them. */
const screenBuilt = (page) =>
  page.waitForFunction(() => {
    const items = [...document.querySelector('[data-testid="article-list"]').children];
    const seen = items.filter((item) => {
      const box = item.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    });
    return seen.length > 0 && seen.every((item) => item.querySelector('[data-testid="article"]'));
  });

// Issue 8: a folder of thousands of files. Every article is in the list at once
// (an <li> naming it), but only the rows near the screen are built, so showing
// them never holds the page; the rest are built as they are scrolled or tabbed to.
test("a-thousand-and-a-half-files-are-listed-without-holding-the-page-and-built-as-they-come-near", () =>
  scenario(
    async (page) => {
      const files = manyFiles(1500);
      await page.getByTestId("replace-corpus").check();
      await addFiles(page, files);
      await page.waitForFunction(() => document.querySelector('[data-testid="article-list"]').children.length === 1500);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const long = await page.evaluate(() =>
        globalThis.__longTasks.filter((task) => task.start >= globalThis.__changedAt).map((task) => Math.round(task.duration)),
      );
      assert.deepEqual(long.filter((ms) => ms > 200), [], "no long task on the main thread, showing the list included");

      let items = await listItems(page);
      assert.deepEqual(items.map(([name]) => name), files.map((f) => f.name), "every article, in order");
      const built = items.filter(([, isBuilt]) => isBuilt).length;
      assert.ok(built >= 30 && built < 200, `only the rows near the screen are built (${built})`);
      assert.equal(await page.getByTestId("status").textContent(), "已载入 1,500 篇文章 / 1,500 articles loaded");
      const aria = await page.getByTestId("article-list").evaluate((list) => ({
        first: [list.children[0].getAttribute("aria-posinset"), list.children[0].getAttribute("aria-setsize")],
        placeholder: list.querySelector("li:empty").getAttribute("aria-hidden"),
      }));
      assert.deepEqual(aria, { first: ["1", "1500"], placeholder: "true" }, "a screen reader hears “1 of 1,500”; placeholders are hidden");

      // Scrolled to the middle: the rows on the screen are built.
      await page.getByTestId("article-list").evaluate((list) => list.children[750].scrollIntoView({ block: "center" }));
      await screenBuilt(page);
      assert.equal((await listItems(page))[750][1], true);

      // Tab goes from row to row past the rows built at first: each is built as the focus comes near.
      items = await listItems(page);
      const next = items.findIndex(([, isBuilt]) => !isBuilt);
      await page.locator(`[data-testid="article-list"] > li:nth-child(${next}) [data-testid="article-remove"]`).focus();
      const visited = [];
      for (let i = 0; i < 24; i += 1) {
        await page.keyboard.press("Tab");
        visited.push(await focusedRow(page));
      }
      const expected = [];
      for (let row = next; expected.length < 24; row += 1) expected.push([row, "article"], [row, "article-remove"]);
      assert.deepEqual(visited, expected);
      // Shift+Tab from the file panel below reaches the last article first.
      await page.getByTestId("choose-files").focus();
      await page.keyboard.press("Shift+Tab");
      assert.deepEqual(await focusedRow(page), [1499, "article-remove"]);
      await page.keyboard.press("Shift+Tab");
      assert.deepEqual(await focusedRow(page), [1499, "article"]);

      // A row built by the keyboard opens its article, and is marked as the one open.
      const opened = page.locator(`[data-testid="article-list"] > li:nth-child(${next + 1}) [data-testid="article"]`);
      await opened.focus();
      await page.keyboard.press("Enter");
      await page.waitForSelector(`[data-testid="reader"][data-doc-id="${next}"]:not([aria-busy="true"])`);
      assert.match(await page.getByTestId("reader-text").textContent(), new RegExp(`第${next}篇短文的正文`));
      assert.equal(await opened.getAttribute("aria-current"), "true");

      // Removing a row above it: one row goes, the rows after it move up an id, the open one stays marked.
      await page.locator('[data-testid="article-list"] > li:nth-child(3) [data-testid="article-remove"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="article-list"]').children.length === 1499);
      assert.deepEqual((await listItems(page)).map(([name]) => name), files.map((f) => f.name).filter((_, i) => i !== 2));
      const moved = page.locator(`[data-testid="article"][data-doc-name="${files[next].name}"]`);
      assert.equal(await moved.getAttribute("data-doc-id"), String(next - 1));
      assert.equal(await moved.getAttribute("aria-current"), "true");
      assert.deepEqual(
        await page.getByTestId("article-list").evaluate((list) => [list.children[2].getAttribute("aria-posinset"), list.children[2].getAttribute("aria-setsize")]),
        ["3", "1499"],
      );
      await moved.click();
      await page.waitForSelector(`[data-testid="reader"][data-doc-id="${next - 1}"]:not([aria-busy="true"])`);
      assert.match(await page.getByTestId("reader-text").textContent(), new RegExp(`第${next}篇短文的正文`));
    },
    {
      init: () => {
        globalThis.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) globalThis.__longTasks.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: "longtask", buffered: true });
        globalThis.__changedAt = Infinity;
        document.addEventListener("change", () => (globalThis.__changedAt = performance.now()), true);
      },
    },
  ));

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

/** The refused files the panel lists: [[name, text]]. */
const fileErrors = (page) =>
  page.locator('[data-testid="file-error"]').evaluateAll((items) => items.map((i) => [i.dataset.name, i.textContent]));

const hitNames = (page) => page.locator('[data-testid="hit"]').evaluateAll((h) => h.map((x) => x.dataset.docName));

/** Waits until the page says what became of the files just added, and indexing is over. */
async function filesSettled(page) {
  await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
  await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
}

/**
 * A DataTransfer made in the page, as a drag from the desktop carries it:
 * `files` are File objects ({ name, type, bytes }), `text` a plain-text item.
 */
function dataTransfer(page, { files = [], text = null } = {}) {
  const plain = files.map(({ name, type = "", bytes }) => ({ name, type, bytes: [...bytes] }));
  return page.evaluateHandle(
    ({ plain, text }) => {
      const transfer = new DataTransfer();
      for (const { name, type, bytes } of plain) transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
      if (text !== null) transfer.setData("text/plain", text);
      return transfer;
    },
    { plain, text },
  );
}

/**
 * Fires a drag event carrying `transfer` at an element of the page, the way
 * the browser does (bubbling, cancelable). Returns whether the page took it
 * (preventDefault: the browser then drops instead of opening the file).
 */
function drag(page, type, transfer, selector = '[data-testid="article-list"]') {
  return page.evaluate(
    ({ type, transfer, selector }) => {
      const event = new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true });
      document.querySelector(selector).dispatchEvent(event);
      return { taken: event.defaultPrevented };
    },
    { type, transfer, selector },
  );
}

const zoneActive = (page) => page.getByTestId("drop-zone").evaluate((zone) => zone.dataset.active === "true");

/**
 * A folder on disk: `tree` maps relative paths to contents (string or
 * Buffer). Returns its path; the caller removes it.
 */
function folderOnDisk(name, tree) {
  const root = join(mkdtempSync(join(tmpdir(), "ce-files-")), name);
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The folder used by the folder scenarios: text files at three depths, and files that are not text. */
const FOLDER_TREE = {
  "top.txt": "顶层文章\n\n文件夹顶层的京东物流报道。",
  "notes/second.md": "# 第二层\n\n文件夹第二层的快手电商笔记。",
  "notes/deep/third.html": "<!doctype html><title>第三层</title><p>文件夹第三层的抖音直播网页。</p>",
  "notes/deep/empty.txt": "",
  "picture.png": PNG,
  "notes/data.json": '{"京东": 1}',
};

test("dropping-files-on-the-page-adds-them-and-lists-the-bad-ones", () =>
  scenario(async (page) => {
    const seeds = await names(page);
    assert.equal(seeds.length, 5);
    const transfer = await dataTransfer(page, {
      files: [
        { name: "a.txt", type: "text/plain", bytes: Buffer.from("拖入的文章\n\n拖放进来的京东快递新闻。") },
        { name: "b.md", type: "text/markdown", bytes: Buffer.from("# 拖入的笔记\n\n拖放进来的快手小店笔记。") },
        { name: "c.html", type: "text/html", bytes: Buffer.from("<!doctype html><title>拖入的网页</title><p>拖放进来的抖音直播网页。</p>") },
        { name: "empty.txt", type: "text/plain", bytes: Buffer.alloc(0) },
        { name: "picture.png", type: "image/png", bytes: PNG },
      ],
    });

    // The drag is seen anywhere on the page, and the zone says where it goes.
    assert.equal(await zoneActive(page), false);
    await drag(page, "dragenter", transfer);
    assert.equal(await zoneActive(page), true, "dragenter lights the drop zone");
    // Crossing into a child element enters it before leaving the parent: still lit.
    await drag(page, "dragenter", transfer, '[data-testid="status"]');
    await drag(page, "dragleave", transfer);
    assert.equal(await zoneActive(page), true, "still over the page");
    // (The drop effect the page asks for, "copy", cannot be read back here: a
    // DataTransfer made by a script ignores it outside a real drag.)
    const over = await drag(page, "dragover", transfer, '[data-testid="status"]');
    assert.equal(over.taken, true, "dragover lets the files be dropped");
    const dropped = await drag(page, "drop", transfer, '[data-testid="status"]');
    assert.equal(dropped.taken, true, "the drop is the page's, not the browser's (which would open the file)");
    assert.equal(await zoneActive(page), false, "the drop puts the zone out");
    await filesSettled(page);

    // Loose files are all sent to the core, which refuses the empty and the binary one.
    assert.deepEqual(await names(page), [...seeds, "a.txt", "b.md", "c.html"], "the bundled articles stay, the three follow");
    const errors = await fileErrors(page);
    assert.deepEqual(errors.map(([name]) => name), ["empty.txt", "picture.png"]);
    for (const [name, text] of errors) assert.ok(text.length > name.length + 10, `a message for ${name}: ${text}`);
    assert.match(await page.getByTestId("files-message").textContent(), /已添加 3 个文件，2 个无法添加/);
    await searchFor(page, "拖放进来的");
    assert.deepEqual((await hitNames(page)).sort(), ["a.txt", "b.md", "c.html"]);
    await searchFor(page, "抖音直播网页");
    assert.deepEqual(await hitNames(page), ["c.html"], "the HTML's text, not its markup");
  }));

test("the-drop-zone-goes-out-when-the-drag-leaves-and-ignores-drags-without-files", () =>
  scenario(async (page) => {
    const files = await dataTransfer(page, { files: [{ name: "a.txt", type: "text/plain", bytes: Buffer.from("不会放下的文章") }] });
    await drag(page, "dragenter", files);
    assert.equal(await zoneActive(page), true);
    await drag(page, "dragleave", files);
    assert.equal(await zoneActive(page), false, "dragleave off the page puts the zone out");

    // Selected text dragged about the page is no drop of files: no light, the browser keeps it.
    const text = await dataTransfer(page, { text: "京东" });
    await drag(page, "dragenter", text);
    assert.equal(await zoneActive(page), false);
    assert.equal((await drag(page, "dragover", text)).taken, false);
    assert.equal((await drag(page, "drop", text)).taken, false);
    assert.equal(await page.getByTestId("files-message").textContent(), "");
    assert.equal((await names(page)).length, 5, "nothing was added");
  }));

test("choosing-a-folder-adds-its-text-files-at-every-depth-and-skips-the-rest", async () => {
  const folder = folderOnDisk("my-corpus", FOLDER_TREE);
  try {
    await scenario(async (page) => {
      // The button opens the folder picker (a webkitdirectory input).
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByTestId("choose-folder").click()]);
      assert.equal(await chooser.element().evaluate((input) => input.webkitdirectory), true);
      await chooser.setFiles(folder);
      await filesSettled(page);

      // Named by their path in the folder; the .png and .json never reach the core.
      const added = (await names(page)).slice(5);
      assert.deepEqual(added.sort(), ["my-corpus/notes/deep/third.html", "my-corpus/notes/second.md", "my-corpus/top.txt"]);
      const errors = await fileErrors(page);
      assert.deepEqual(errors.map(([name]) => name), ["my-corpus/notes/deep/empty.txt"], "the empty text file is refused by name");
      assert.match(await page.getByTestId("files-message").textContent(), /已添加 3 个文件，1 个无法添加/);
      await searchFor(page, "文件夹");
      assert.equal((await hitNames(page)).length, 3);
      await searchFor(page, "抖音直播网页");
      assert.deepEqual(await hitNames(page), ["my-corpus/notes/deep/third.html"]);
      // The picker can choose the same folder again.
      assert.equal(await page.getByTestId("folder-input").evaluate((input) => input.value), "");
    });
  } finally {
    rmSync(dirname(folder), { recursive: true, force: true });
  }
});

test("dropping-a-folder-walks-it-and-keeps-its-text-files", async () => {
  // More files than one readEntries() batch (Chromium hands out 100 at a time).
  const tree = { ...FOLDER_TREE };
  for (let n = 0; n < 105; n += 1) tree[`many/${String(n).padStart(3, "0")}.txt`] = `批量文章 ${n}\n\n第${n}篇批量文章的正文。`;
  const folder = folderOnDisk("dropped", tree);
  const loose = join(dirname(folder), "loose.txt");
  writeFileSync(loose, "散放的文章\n\n和文件夹一起拖进来的单个文件。");
  try {
    await scenario(async (page) => {
      // A real drag from outside the browser: the page gets a directory entry, not a File.
      const cdp = await page.context().newCDPSession(page);
      const data = { items: [], files: [folder, loose], dragOperationsMask: 1 };
      for (const type of ["dragEnter", "dragOver", "drop"]) {
        await cdp.send("Input.dispatchDragEvent", { type, x: 200, y: 200, data });
      }
      await filesSettled(page);
      assert.equal(await zoneActive(page), false);

      const added = (await names(page)).slice(5);
      const fromFolder = added.filter((name) => name.startsWith("dropped/"));
      assert.deepEqual(
        fromFolder.filter((name) => !name.startsWith("dropped/many/")).sort(),
        ["dropped/notes/deep/third.html", "dropped/notes/second.md", "dropped/top.txt"],
        "text files at every depth, named by their path; no .png, no .json",
      );
      assert.equal(fromFolder.filter((name) => name.startsWith("dropped/many/")).length, 105, "every batch of the folder");
      assert.deepEqual(added.filter((name) => !name.startsWith("dropped/")), [basename(loose)], "the loose file beside it");
      assert.deepEqual((await fileErrors(page)).map(([name]) => name), ["dropped/notes/deep/empty.txt"]);
      await searchFor(page, "第104篇批量文章");
      assert.deepEqual(await hitNames(page), ["dropped/many/104.txt"]);
      await searchFor(page, "和文件夹一起拖进来");
      assert.deepEqual(await hitNames(page), ["loose.txt"]);
    });
  } finally {
    rmSync(dirname(folder), { recursive: true, force: true });
  }
});
