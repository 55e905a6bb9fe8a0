// A sharded site in the page (issue 16): the bench's 10 MB set (or `BENCH_SHARDED_SET`), one
// `.txt` per document, built by `corpus-explorer build --sharded`, served on localhost; N fresh
// browser contexts open `index.html?q=<first query>` and report, from navigation start, the
// first result on screen and the bytes of corpus files fetched (root and shards, the network
// log's response bodies), then type a second query and report its time and bytes.
//
//   node tests/bench/sharded-page.mjs [runs] [--site=FOLDER]   (after bash scripts/build.sh and the bench's corpora)
//
// --serve=SERVE.PY serves it with that copy of scripts/serve.py (one kept from before a change).
// --site measures a site already built (say, one kept from before a change, to compare in
// the same minutes) instead of building the set. The first result is timed by the cold-start
// probe (boot-probe.mjs: the frame after the first hit, said on the console), not by
// playwright's waitForSelector, whose script injected into the page at once costs 100–300 ms
// of its main thread during the boot under load. One run's corpus files are listed with
// their request start and end (ms from navigation): the fetch rounds.
//
// A diagnostic, not a test: nothing is asserted; a busy machine stretches every time (the
// bytes do not depend on load).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, ROOT, DIST } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { freshPage, probe } from "./boot-probe.mjs";
import { readCorpus } from "./corpus.mjs";

const runs = Number(process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? 5);
const givenSite = process.argv.find((arg) => arg.startsWith("--site="))?.slice("--site=".length);
const set = process.env.BENCH_SHARDED_SET ?? "10mb";
const queries = (process.env.BENCH_SHARDED_QUERIES ?? "明月,白日依山").split(",");
const CACHE = join(ROOT, ".bench-cache");
const CLI = join(ROOT, "target", "release", "corpus-explorer");
const work = join(CACHE, `sharded-page-${set}`);

function buildSite() {
  const docs = join(work, "docs");
  const site = join(work, "site");
  // A site built by an older CLI may be in a format the page now refuses: rebuild it then.
  const done = join(work, "done");
  if (!existsSync(done) || (existsSync(CLI) && statSync(done).mtimeMs < statSync(CLI).mtimeMs)) {
    rmSync(work, { recursive: true, force: true });
    const corpus = readCorpus(join(CACHE, "www", "corpora"), set);
    for (let i = 0; i < corpus.meta.docs; i++) {
      const folder = join(docs, String(Math.floor(i / 1000)).padStart(4, "0"));
      if (i % 1000 === 0) mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `${String(i).padStart(7, "0")}.txt`), corpus.text(i));
    }
    execFileSync(CLI, ["build", docs, "--out", site, "--sharded", "--site-assets", DIST, "--quiet", "--force"], { stdio: "inherit" });
    writeFileSync(done, "");
  }
  return site;
}

const median = (xs) => {
  const known = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return known[Math.floor(known.length / 2)];
};

async function main() {
  const site = givenSite ?? buildSite();
  const servePy = process.argv.find((arg) => arg.startsWith("--serve="))?.slice("--serve=".length);
  const server = await serveFolder(site, servePy ? { servePy } : {});
  const browser = await launchBrowser();
  const rows = [];
  try {
    for (let run = 0; run < runs; run++) {
      const { context, page } = await freshPage(browser, { locale: "zh-CN" });
      const fetched = [];
      page.on("requestfinished", async (request) => {
        const path = new URL(request.url()).pathname;
        if (!/\/seeds\/corpus\//.test(path) || request.serviceWorker()) return;
        try {
          const { startTime, responseEnd } = request.timing();
          const response = await request.response();
          const bytes = response ? (await response.body()).length : 0;
          fetched.push({ path: path.replace(/^.*\/seeds\/corpus\//, ""), bytes, start: startTime, end: startTime + responseEnd });
        } catch {
          // a body the page did not wait for
        }
      });
      await page.addInitScript(probe);
      const measured = page.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 60_000 });
      const [first, second] = queries;
      await page.goto(`${server.baseUrl}index.html?q=${encodeURIComponent(first)}`, { waitUntil: "commit" });
      await measured;
      const probed = await page.evaluate(() => ({ ...window.__bench, origin: performance.timeOrigin, ...Object.fromEntries(["boot", "mount", "stored-looked", "opened"].map((name) => [name, performance.getEntriesByName(`corpus-explorer:${name}`)[0]?.startTime])) }));
      const firstMs = probed.marks.rendered;
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
      const since = (t) => Math.round(t - probed.origin);
      const rounds = fetched.slice(0, before).map((f) => `${f.path} ${since(f.start)}–${since(f.end)}`);
      const search = probed.calls.find((c) => c.method === "search" && c.answered !== undefined);
      const searchMs = search ? search.answered - search.sent : NaN;
      const calls = probed.calls.map((c) => `${c.method} ${Math.round(c.sent)}→${c.answered === undefined ? "–" : Math.round(c.answered)}`);
      const marks = Object.fromEntries(["boot", "mount", "stored-looked", "opened"].map((k) => [k, Math.round(probed[k] ?? NaN)]).concat(Object.entries(probed.marks).map(([k, v]) => [k, Math.round(v)])));
      rows.push({ firstMs, searchMs, firstBytes, firstFiles, secondMs, secondBytes: later.reduce((s, f) => s + f.bytes, 0), secondFiles: later.length, marks, calls, rounds });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const kib = (b) => (b / 1024).toFixed(1);
  for (const { marks, calls, rounds, ...r } of rows) console.log(JSON.stringify({ ...r, firstMs: Math.round(r.firstMs), marks }));
  const one = rows[Math.floor(rows.length / 2)];
  console.log(`one run's calls: ${one.calls.join(", ")}\none run's corpus files (ms from navigation):\n  ${one.rounds.join("\n  ")}`);
  for (const mark of ["boot", "workerCreated", "compiled", "stored-looked", "opened", "mount", "firstHit", "rendered", "ready"]) {
    console.log(`  ${mark} median ${median(rows.map((r) => r.marks[mark] ?? NaN))} ms`);
  }
  console.log(
    `${givenSite ?? set}, ${runs} runs (load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}): "${queries[0]}" first result ${median(rows.map((r) => r.firstMs)).toFixed(0)} ms after navigation, ` +
      `${kib(median(rows.map((r) => r.firstBytes)))} KiB of corpus files (${median(rows.map((r) => r.firstFiles))} files; the worker's search, shard rounds included, ${median(rows.map((r) => r.searchMs))?.toFixed(0)} ms sent → answered); ` +
      `then "${queries[1]}" ${median(rows.map((r) => r.secondMs)).toFixed(0)} ms, ${kib(median(rows.map((r) => r.secondBytes)))} KiB (${median(rows.map((r) => r.secondFiles))} files)`,
  );
}

await main();
