// A sharded site in the page (issue 16): the bench's 10 MB set (or `BENCH_SHARDED_SET`), one
// `.txt` per document, built by `corpus-explorer build --sharded`, served on localhost; N fresh
// browser contexts open `index.html?q=<first query>` and report, from navigation start, the
// first result on screen and the bytes of corpus files fetched (root and shards, the network
// log's response bodies), then type a second query and report its time and bytes.
//
//   node tests/bench/sharded-page.mjs [runs]     (after bash scripts/build.sh and the bench's corpora)
//
// A diagnostic, not a test: nothing is asserted; a busy machine stretches every time (the
// bytes do not depend on load).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, ROOT, DIST } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { readCorpus } from "./corpus.mjs";

const runs = Number(process.argv[2] ?? 5);
const set = process.env.BENCH_SHARDED_SET ?? "10mb";
const queries = (process.env.BENCH_SHARDED_QUERIES ?? "明月,白日依山").split(",");
const CACHE = join(ROOT, ".bench-cache");
const CLI = join(ROOT, "target", "release", "corpus-explorer");
const work = join(CACHE, `sharded-page-${set}`);

function buildSite() {
  const docs = join(work, "docs");
  const site = join(work, "site");
  if (!existsSync(join(work, "done"))) {
    rmSync(work, { recursive: true, force: true });
    const corpus = readCorpus(join(CACHE, "www", "corpora"), set);
    for (let i = 0; i < corpus.meta.docs; i++) {
      const folder = join(docs, String(Math.floor(i / 1000)).padStart(4, "0"));
      if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${String(i).padStart(7, "0")}.txt`), corpus.text(i));
    }
    execFileSync(CLI, ["build", docs, "--out", site, "--sharded", "--site-assets", DIST, "--quiet", "--force"], { stdio: "inherit" });
    writeFileSync(join(work, "done"), "");
  }
  return site;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const site = buildSite();
  const server = await serveFolder(site);
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ locale: "zh-CN" });
      const page = await context.newPage();
      const fetched = [];
      page.on("response", async (response) => {
        const path = new URL(response.url()).pathname;
        if (!/\/seeds\/corpus\//.test(path)) return;
        try {
          fetched.push({ path, bytes: (await response.body()).length, at: Date.now() });
        } catch {
          // a body the page did not wait for
        }
      });
      const [first, second] = queries;
      await page.goto(`${server.baseUrl}index.html?q=${encodeURIComponent(first)}`, { waitUntil: "commit" });
      await page.waitForSelector('[data-testid="hit"]', { timeout: 60_000 });
      const firstMs = await page.evaluate(() => performance.now());
      await page.waitForTimeout(300);
      const firstBytes = fetched.reduce((s, f) => s + f.bytes, 0);
      const firstFiles = fetched.length;
      const before = fetched.length;
      const started = Date.now();
      await page.getByLabel("搜索 / Search").fill(second);
      await page.waitForSelector(`[data-testid="status"][data-query="${second}"]`, { timeout: 60_000 });
      const secondMs = Date.now() - started;
      await page.waitForTimeout(300);
      const later = fetched.slice(before);
      rows.push({ firstMs, firstBytes, firstFiles, secondMs, secondBytes: later.reduce((s, f) => s + f.bytes, 0), secondFiles: later.length });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const kib = (b) => (b / 1024).toFixed(1);
  for (const r of rows) console.log(JSON.stringify(r));
  console.log(
    `${set}, ${runs} runs: "${queries[0]}" first result ${median(rows.map((r) => r.firstMs)).toFixed(0)} ms after navigation, ` +
      `${kib(median(rows.map((r) => r.firstBytes)))} KiB of corpus files (${median(rows.map((r) => r.firstFiles))} files); ` +
      `then "${queries[1]}" ${median(rows.map((r) => r.secondMs)).toFixed(0)} ms, ${kib(median(rows.map((r) => r.secondBytes)))} KiB (${median(rows.map((r) => r.secondFiles))} files)`,
  );
}

await main();
