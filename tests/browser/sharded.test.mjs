// A site written by `corpus-explorer build --sharded` in the page (issue 16): the page opens
// the root, fetches only the shards each search and the reader need, answers as the one-
// snapshot build of the same files does, says what it cannot do on a published archive, and
// says which part failed to download (with a Retry) or was not downloaded yet (offline).
//
// The corpus is generated here (seeded, so every run builds the same ~2.5 MB), then built
// twice with the native CLI (scripts/build.sh builds it): bundled and sharded with small
// shards. What the page should fetch is computed with the same wasm core in node, running
// the page's own fetching code (www/sharded.js) against the site folder.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { assertClean, DIST, launchBrowser, openPage, ROOT, searchFor } from "./harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { ShardedSearch } from "../../www/sharded.js";

const CLI = join(ROOT, "target", "release", "corpus-explorer");
/** The page's search options for page 1 (www/app/search.js): what the node run must ask too. */
const PAGE_SEARCH = { limit: 10, snippets: 3, includeRemoved: false, variants: false, sort: "relevance", offset: 0 };

let browser;
let work;
let bundled; // the one-snapshot site, served
let sharded; // the sharded site, served
let shardedDir;

/** A small seeded generator (mulberry32), so the corpus is the same on every run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["电商", "直播", "物流", "平台", "消费者", "商家", "仓库", "包裹", "市场", "用户", "增长", "规则", "服务", "价格", "品牌", "数据", "城市", "农村", "快递", "支付", "明月", "春风", "工厂", "订单", "主播", "流量", "补贴", "监管", "供应链", "零售"];
const NAMES = ["京东", "快手", "淘宝", "抖音", "拼多多"];
const SOURCES = ["新浪财经", "澎湃新闻", "界面新闻", "财新网"];
/** Simplified → Traditional for the characters above that differ (enough for these articles). */
const TRADITIONAL = new Map(Object.entries({ 电: "電", 东: "東", 商: "商", 播: "播", 物: "物", 流: "流", 台: "臺", 费: "費", 者: "者", 库: "庫", 裹: "裹", 场: "場", 户: "戶", 长: "長", 规: "規", 则: "則", 务: "務", 价: "價", 格: "格", 牌: "牌", 据: "據", 农: "農", 递: "遞", 支: "支", 付: "付", 厂: "廠", 订: "訂", 单: "單", 贴: "貼", 监: "監", 管: "管", 应: "應", 链: "鏈", 售: "售", 宝: "寶", 抖: "抖", 音: "音", 拼: "拼", 多: "多", 发: "發", 布: "佈", 时: "時", 间: "間", 来: "來", 源: "源", 标: "標", 题: "題", 经: "經", 闻: "聞", 财: "財", 网: "網", 新: "新", 这: "這", 个: "個", 们: "們", 说: "說", 为: "為", 会: "會", 进: "進", 对: "對" }));
const toTraditional = (text) => [...text].map((c) => TRADITIONAL.get(c) ?? c).join("");

/** ~2.5 MB of articles: 500 of about 1,700 characters, a fifth in Traditional script. */
function generate(dir) {
  const next = random(16);
  const pick = (list) => list[Math.floor(next() * list.length)];
  for (let i = 0; i < 500; i++) {
    const name = pick(NAMES);
    const paragraphs = [];
    for (let p = 0; p < 8; p++) {
      const sentences = [];
      for (let s = 0; s < 6; s++) {
        const words = Array.from({ length: 6 + Math.floor(next() * 6) }, () => (next() < 0.08 ? pick(NAMES) : pick(WORDS)));
        sentences.push(`${words.join("")}的${pick(WORDS)}这个月又有变化。`);
      }
      paragraphs.push(sentences.join(""));
    }
    const date = `${2018 + (i % 5)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    let text = `标题：${name}${pick(WORDS)}${pick(WORDS)}的新消息第${i}号\n发布时间：${date}\n来源：${pick(SOURCES)}\n\n${paragraphs.join("\n\n")}\n`;
    if (i % 5 === 3) text = toTraditional(text);
    writeFileSync(join(dir, `a${String(i).padStart(4, "0")}.txt`), text);
  }
}

before(async () => {
  if (!existsSync(CLI)) assert.fail(`${CLI} is missing: bash scripts/build.sh builds it`);
  work = mkdtempSync(join(tmpdir(), "ce-sharded-"));
  const input = join(work, "archive");
  mkdirSync(input);
  generate(input);
  const build = (out, ...flags) => execFileSync(CLI, ["build", input, "--out", out, "--site-assets", DIST, "--quiet", ...flags], { stdio: "pipe" });
  build(join(work, "bundled"), "--bundle");
  shardedDir = join(work, "sharded");
  build(shardedDir, "--sharded", "--max-shard-bytes", "8192");
  bundled = await serveFolder(join(work, "bundled"));
  sharded = await serveFolder(shardedDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await bundled?.stop();
  await sharded?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The corpus files (below seeds/) a page and its worker asked for, in order (not the service worker's). */
function corpusRequests(context) {
  const asked = [];
  context.on("request", (request) => {
    if (request.serviceWorker()) return;
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/seeds/") && !path.endsWith("/manifest.json")) asked.push(path.slice("/seeds/".length));
  });
  return asked;
}

/** The shards the page should fetch for `steps`, found by the same core and sharded.js in node. */
async function expectedShards(steps) {
  const { initSync, ShardedCorpus } = await import(join(DIST, "pkg", "corpus_explorer.js"));
  initSync({ module: readFileSync(join(DIST, "pkg", "corpus_explorer_bg.wasm")) });
  const fetched = [];
  const fetchFile = async (url) => {
    const path = new URL(url).pathname;
    fetched.push(path.replace(/^\/seeds\//, ""));
    return new Response(readFileSync(join(shardedDir, path)));
  };
  const root = readFileSync(join(shardedDir, "seeds", "corpus", "root.bin"));
  const archive = new ShardedSearch(ShardedCorpus.open(root), "http://site.test/seeds/corpus/root.bin", { fetch: fetchFile });
  for (const step of steps) await step(archive);
  return fetched;
}

/** What the status line says, and the hits' names in order. */
async function answer(page) {
  return {
    status: await page.getByTestId("status").textContent(),
    hits: await page.$$eval('[data-testid="hit"]', (hits) => hits.map((hit) => hit.dataset.docName)),
  };
}

async function answersOf(url, queries) {
  const session = await openPage(browser, url);
  try {
    const out = [];
    for (const query of queries) {
      await searchFor(session.page, query);
      out.push(await answer(session.page));
    }
    assertClean(session.problems);
    return out;
  } finally {
    await session.close();
  }
}

test("a-sharded-site-answers-as-the-bundled-build-fetching-only-the-root-and-the-shards-needed", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const asked = corpusRequests(context);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  const session = { close: () => context.close() };
  try {
    await page.goto(sharded.baseUrl);
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    assert.match(await page.getByTestId("status").textContent(), /500 篇文章.*Published archive/);
    assert.equal(await page.getByTestId("archive-note").isVisible(), true, "the article list says why it is empty");

    await searchFor(page, "京东");
    const simplified = await answer(page);
    assert.match(simplified.status, /^\d+ 篇文章/);
    assert.equal(simplified.hits.length, 10);
    // Traditional and Simplified match each other, as in the whole corpus.
    await searchFor(page, "京東");
    assert.deepEqual((await answer(page)).hits, simplified.hits);
    // A facet: the first year offered.
    const facet = page.locator('[data-testid="facet"][data-group="year"]').first();
    const filter = await facet.getAttribute("data-filter");
    await facet.click();
    const filtered = `京東 ${filter}`;
    await page.waitForSelector(`[data-testid="status"][data-query="${filtered}"]`);
    const faceted = await answer(page);
    assert.ok(faceted.hits.length > 0 && faceted.hits.length <= 10);

    // The same files built as one snapshot answer the same: counts and the hits in order.
    const whole = await answersOf(bundled.baseUrl, ["京东", "京東", filtered]);
    assert.deepEqual([simplified, whole[1], faceted], whole);

    // The reader: a hit's text, fetched with its text shard, the matches marked.
    const first = page.locator('[data-testid="hit"]').first();
    const title = await first.locator('[data-testid="hit-open"]').textContent();
    const id = Number(await first.getAttribute("data-doc-id"));
    await first.locator('[data-testid="hit-open"]').click();
    await page.waitForSelector(`[data-testid="reader"][data-doc-id="${id}"]:not([aria-busy="true"])`);
    assert.equal(await page.getByTestId("reader-title").textContent(), title);
    assert.ok((await page.locator('[data-testid="reader-text"] mark').count()) > 0, "the query is marked in the article");
    assert.ok((await page.getByTestId("reader-text").textContent()).length > 500);

    // The network: the root, then exactly the shards the core names for these steps.
    const want = await expectedShards([
      (a) => a.search("京东", PAGE_SEARCH),
      (a) => a.search("京東", PAGE_SEARCH),
      (a) => a.search(filtered, PAGE_SEARCH),
      (a) => a.document(id),
      (a) => a.reader(id, filtered, { includeRemoved: false, variants: false }),
    ]);
    // (The root may be asked twice: index.html's preload, then the page's fetch.)
    assert.ok(asked.includes("corpus/root.bin"), asked.join(" "));
    const shards = asked.filter((path) => path !== "corpus/root.bin");
    assert.deepEqual(new Set(shards), new Set(want), "only the shards needed");
    assert.equal(shards.length, want.length, "each once");
    const all = readdirSync(join(shardedDir, "seeds", "corpus"), { recursive: true }).filter((f) => f.endsWith(".bin") && f !== "root.bin");
    assert.ok(want.length < all.length / 2, `${want.length} of ${all.length} shards fetched`);
    assertClean(problems);
  } finally {
    await session.close();
  }
});

test("a-shard-that-fails-to-download-shows-which-with-a-retry-and-no-results", async () => {
  const session = await openPage(browser, sharded.baseUrl);
  const { page, context, problems } = session;
  try {
    // Every posting shard fails (the host drops them), three tries each.
    const block = (route) => route.abort();
    await context.route("**/seeds/corpus/p/*.bin", block);
    await page.getByLabel("搜索 / Search").fill("快手");
    const status = page.getByTestId("status");
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    assert.match(await status.textContent(), /A part of the archive \(p\/[0-9a-f]{16}\.bin\) could not be downloaded/);
    assert.equal(await page.locator('[data-testid="hit"]').count(), 0, "no partial results");
    // The host is back: Retry answers, as the bundled build does.
    await context.unroute("**/seeds/corpus/p/*.bin", block);
    await page.getByTestId("search-retry").click();
    await page.waitForSelector('[data-testid="status"][data-tone="info"][data-query="快手"]');
    const [whole] = await answersOf(bundled.baseUrl, ["快手"]);
    assert.deepEqual(await answer(page), whole);
    assertClean(problems.filter((p) => !/request failed: .*\/seeds\/corpus\/p\/.*ERR_FAILED|net::ERR_FAILED/.test(p)));
  } finally {
    await session.close();
  }
});

test("offline-a-sharded-site-answers-what-it-fetched-and-says-what-it-did-not", async () => {
  const session = await openPage(browser, sharded.baseUrl);
  const { page, context, problems } = session;
  try {
    await searchFor(page, "物流");
    const online = await answer(page);
    assert.ok(online.hits.length > 0);
    await context.setOffline(true);
    await searchFor(page, "明月");
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    assert.match(await page.getByTestId("status").textContent(), /was not downloaded yet; connect to search it/);
    await searchFor(page, "物流");
    assert.deepEqual(await answer(page), online, "the shards it fetched still answer");
    await context.setOffline(false);
    assertClean(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)));
  } finally {
    await session.close();
  }
});

test("offline-on-a-later-visit-the-shards-the-service-worker-kept-still-answer", async () => {
  const session = await openPage(browser, sharded.baseUrl);
  const { page, context, problems } = session;
  try {
    // The visit that registers the service worker stays with the network: reload under it.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.state), "activated");
    const cached = async () => page.evaluate(async () => {
      const names = await caches.keys();
      const keys = (await Promise.all(names.map(async (name) => (await caches.open(name)).keys()))).flat();
      return keys.map((request) => new URL(request.url).pathname).filter((path) => /\/[a-z]\/[0-9a-f]{16}\.bin$/.test(path));
    });
    assert.deepEqual(await cached(), [], "no shard is precached");
    await searchFor(page, "供应链");
    const online = await answer(page);
    assert.ok(online.hits.length > 0);
    assert.ok((await cached()).length > 0, "the shards that search fetched are kept");
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    await searchFor(page, "供应链");
    assert.deepEqual(await answer(page), online);
    await searchFor(page, "春风");
    await page.waitForSelector('[data-testid="status"][data-tone="error"]');
    assert.match(await page.getByTestId("status").textContent(), /was not downloaded yet; connect to search it/);
    await context.setOffline(false);
    assertClean(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(p)));
  } finally {
    await session.close();
  }
});

test("a-sharded-site-says-what-it-cannot-do-instead-of-failing", async () => {
  const session = await openPage(browser, sharded.baseUrl);
  const { page, problems } = session;
  try {
    // The analysis views need the whole corpus: the panel says so.
    await page.getByTestId("tab-concordance").click();
    const note = page.locator('#ce-view-concordance [data-testid="archive-analysis-note"]');
    await note.waitFor();
    assert.match(await note.textContent(), /need the whole corpus/);
    // Adding a file: read-only, said per file.
    await page.getByTestId("tab-search").click();
    await page.getByTestId("file-input").setInputFiles({ name: "mine.txt", mimeType: "text/plain", buffer: Buffer.from("我的文章，关于京东。") });
    await page.waitForFunction(() => /read-only/.test(document.querySelector('[data-testid="files"]')?.textContent ?? ""));
    await searchFor(page, "京东");
    assert.ok((await page.locator('[data-testid="hit"]').count()) > 0, "the archive still answers");
    assertClean(problems);
  } finally {
    await session.close();
  }
});

test("an-address-with-a-query-and-a-document-opens-that-article-on-a-sharded-site-on-the-archive-core", async () => {
  // The first visit finds an article and opens it; the address then names it by its id
  // (a sharded site is read-only, so ids never shift, and it lists no names).
  const context = await browser.newContext({ locale: "zh-CN" });
  const cores = [];
  context.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    // (The service worker's precache fetches every core, for offline use.)
    if (path.endsWith(".wasm") && !request.serviceWorker()) cores.push(path.slice(path.lastIndexOf("/") + 1));
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(`${sharded.baseUrl}index.html?q=${encodeURIComponent("快手")}`);
    await page.waitForSelector('[data-testid="status"][data-query="快手"]', { timeout: 15_000 });
    const hit = page.locator('[data-testid="hit"]').nth(2);
    const id = Number(await hit.getAttribute("data-doc-id"));
    const title = await hit.locator('[data-testid="hit-open"]').textContent();
    await hit.locator('[data-testid="hit-open"]').click();
    await page.waitForSelector(`[data-testid="reader"][data-doc-id="${id}"]:not([aria-busy="true"])`);
    await page.waitForFunction((want) => new URLSearchParams(location.search).get("doc") === want, String(id));
    const address = page.url();

    // A fresh visit of that address: the search and the article come back.
    const again = await context.newPage();
    again.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console: ${m.text()}`));
    again.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await again.goto(address);
    await again.waitForSelector(`[data-testid="reader"][data-doc-id="${id}"]:not([aria-busy="true"])`, { timeout: 15_000 });
    assert.equal(await again.getByTestId("reader-title").textContent(), title);
    assert.ok((await again.locator('[data-testid="reader-text"] mark').count()) > 0, "the query is marked in the article");
    assert.equal(await again.getByTestId("status").getAttribute("data-query"), "快手");

    // Search and reading never needed the full core: the page started on the archive core.
    assert.ok(cores.length > 0 && cores.every((name) => name === "corpus_explorer_archive_bg.wasm"), cores.join(" "));
    assertClean(problems);
  } finally {
    await context.close();
  }
});
