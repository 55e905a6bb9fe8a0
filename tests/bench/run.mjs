// The benchmark driver (run it through `bash scripts/bench.sh`, which installs
// and builds what this needs). Not part of the test suite.
//
// 1. Seeds: cold start of dist/index.html to the first rendered result for 京东,
//    and what the first load transfers (raw and gzip -9, by kind).
// 2. Real Chinese text (chinese-poetry, ~10 MB and ~50 MB): for ours,
//    FlexSearch, MiniSearch and Pagefind, each in a Web Worker of
//    tests/bench/bench.html: index build time, peak memory, query latency
//    p50/p95 with full hit counts, first concordance page for 之, and
//    recall/precision of each engine's matching documents against a naive scan.
// 3. The app (dist/index.html) loading each corpus as the reader's own files,
//    one file per document through the folder input: load time, long tasks
//    of the main thread, frame and timer gaps, progress updates; and, when it
//    blocked, what the long tasks were (app-load.mjs).
// 4. Prints the tables and writes tests/bench/RESULTS.md.
//
// Environment (all optional):
//   BENCH_SIZES=10,50        corpus sizes in MB
//   BENCH_ENGINES=ours,flexsearch,minisearch,pagefind
//   BENCH_PASSES=5           timed passes over the query list
//   BENCH_COLD_RUNS=5        cold starts on the seeds
//   BENCH_MAX_BUILD_S=240    skip a larger corpus for an engine whose build,
//                            extrapolated linearly from the smaller one, would exceed this
//   BENCH_APP_LOAD=1         0: skip the app's own-files load (it runs only with "ours")
//   BENCH_APP_LOAD_TRACE=1   0: no traced second load to explain long tasks
//   BENCH_REOPEN=1           0: skip the own corpus stored and reopened after a reload (reopen.mjs; "ours" only)
//   BENCH_CACHE=.bench-cache where chinese-poetry, the corpora and the served tree live
//   BENCH_DIST=dist          the built site to measure (another build's dist/, to compare)
//   BENCH_RESULTS=tests/bench/RESULTS.md  ("-" to write nothing)
//   CHROMIUM_PATH=/usr/bin/chromium

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import OpenCC from "opencc-js/t2cn";

import { measureAppLoad, writeDocumentFiles } from "./app-load.mjs";
import { measureReopen } from "./reopen.mjs";
import { freshPage } from "./boot-probe.mjs";
import { buildCorpus, readCorpus } from "./corpus.mjs";
import { peak, renderers, resetPeak, rss } from "./procfs.mjs";
import { CONCORDANCE_LIMIT, CONCORDANCE_TERM, CONCORDANCE_WIDTH, QUERIES } from "./queries.js";
import { keepHandWritten, report } from "./report.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { widthCase } from "./tokenize.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const env = process.env;
const CACHE = env.BENCH_CACHE ? join(ROOT, env.BENCH_CACHE) : join(ROOT, ".bench-cache");
const CONFIG = {
  sizes: (env.BENCH_SIZES ?? "10,50").split(",").map(Number).filter((n) => n > 0).sort((a, b) => a - b),
  engines: (env.BENCH_ENGINES ?? "ours,flexsearch,minisearch,pagefind").split(",").map((s) => s.trim()),
  passes: Number(env.BENCH_PASSES ?? 5),
  coldRuns: Number(env.BENCH_COLD_RUNS ?? 5),
  maxBuildS: Number(env.BENCH_MAX_BUILD_S ?? 240),
  appLoad: env.BENCH_APP_LOAD !== "0",
  appLoadTrace: env.BENCH_APP_LOAD_TRACE !== "0",
  reopen: env.BENCH_REOPEN !== "0",
  dist: resolve(ROOT, env.BENCH_DIST ?? "dist"),
  site: env.BENCH_DIST ?? "dist",
  results: env.BENCH_RESULTS ?? join(HERE, "RESULTS.md"),
  chromium: env.CHROMIUM_PATH ?? "/usr/bin/chromium",
};
const POETRY = join(CACHE, "npm", "node_modules", "chinese-poetry");
const PAGEFIND = join(CACHE, "npm", "node_modules", "pagefind");
const WWW = join(CACHE, "www");
const SEED_QUERY = "京东";

const started = Date.now();
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const log = (line) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}\n`);

// ---------------------------------------------------------------------------------------------
// Environment: machine, versions, the served tree

function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? "unknown";
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout.trim() || String(cpus().length);
  return { nproc: Number(nproc), cpu: model.trim(), ramBytes: totalmem() };
}

const packageVersion = (dir) => {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
};

/** The platform package that carries Pagefind's indexer binary, if npm could install it. */
function pagefindBinary() {
  const dir = join(CACHE, "npm", "node_modules", "@pagefind");
  if (!existsSync(dir)) return null;
  return readdirSync(dir).map((p) => `@pagefind/${p} ${packageVersion(join(dir, p))}`).join(", ") || null;
}

function versions(browserVersion) {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const nm = join(ROOT, "node_modules");
  return {
    chromium: browserVersion,
    node: process.version,
    crate: `${cargo.match(/^name\s*=\s*"([^"]+)"/m)?.[1]} ${cargo.match(/^version\s*=\s*"([^"]+)"/m)?.[1]}`,
    flexsearch: packageVersion(join(nm, "flexsearch")),
    minisearch: packageVersion(join(nm, "minisearch")),
    "opencc-js": packageVersion(join(nm, "opencc-js")),
    pagefind: packageVersion(PAGEFIND),
    "pagefind binary": pagefindBinary(),
    "playwright-core": packageVersion(join(nm, "playwright-core")),
    "chinese-poetry": packageVersion(POETRY),
  };
}

/** The tree serve.py serves: a snapshot of dist/, the bench page, node_modules, corpora, Pagefind indexes. */
function prepareWww() {
  if (!existsSync(join(CONFIG.dist, "pkg", "corpus_explorer_bg.wasm"))) {
    throw new Error(`${CONFIG.dist} is not built: run \`bash scripts/bench.sh\` (it builds first)`);
  }
  if (!existsSync(POETRY)) {
    throw new Error(`${POETRY} is missing: run \`bash scripts/bench.sh\` (it installs chinese-poetry there)`);
  }
  rmSync(WWW, { recursive: true, force: true });
  mkdirSync(join(WWW, "bench"), { recursive: true });
  // A copy, so a rebuild of dist/ during the run cannot change what is measured.
  cpSync(CONFIG.dist, join(WWW, "dist"), { recursive: true });
  for (const file of ["bench.html", "bench.js", "worker.js", "tokenize.js", "queries.js"]) {
    cpSync(join(HERE, file), join(WWW, "bench", file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(WWW, "node_modules"), "dir");
}

/** serve.py over the served tree, once the bench page answers. */
function startServer() {
  return serveFolder(WWW, { probe: "bench/bench.html" });
}

// ---------------------------------------------------------------------------------------------
// Naive reference: fold with opencc-js t2s (+ width and case) and `includes`

function naiveScan(corpus) {
  const t2s = OpenCC.Converter({ from: "t", to: "cn" });
  const fold = (text) => widthCase(t2s(text));
  const folded = [];
  for (let i = 0; i < corpus.meta.docs; i++) folded.push(fold(corpus.text(i)));
  return QUERIES.map(({ q }) => {
    const needle = fold(q);
    const ids = [];
    folded.forEach((text, i) => {
      if (text.includes(needle)) ids.push(i);
    });
    return ids;
  });
}

// ---------------------------------------------------------------------------------------------
// Pagefind: built in Node

function buildPagefind(name) {
  const out = join(WWW, `pagefind-${name}`);
  const child = spawnSync(
    process.execPath,
    [join(HERE, "pagefind-build.mjs"), join(WWW, "corpora"), name, out, join(PAGEFIND, "lib", "index.js")],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  const line = child.stdout.trim().split("\n").pop() ?? "";
  let result;
  try {
    result = JSON.parse(line);
  } catch {
    result = { ok: false, error: `pagefind-build.mjs: ${(child.stderr || child.stdout).trim().slice(0, 500)}` };
  }
  if (result.ok) {
    // Fragment file → document id, to turn Pagefind's result ids into ours.
    result.fragmentIds = {};
    for (const dir of readdirSync(out).filter((d) => d === "fragment")) {
      for (const file of readdirSync(join(out, dir))) {
        const raw = gunzipSync(readFileSync(join(out, dir, file))).toString("utf8");
        const json = JSON.parse(raw.slice(raw.indexOf("{")));
        const id = Number(json.url.match(/\/d\/(\d+)\//)?.[1]);
        const stem = file.replace(/\.pf_fragment$/, "");
        result.fragmentIds[stem] = id;
        result.fragmentIds[stem.replace(/^[a-z-]+_/, "")] = id;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Browser

async function launch() {
  if (!existsSync(CONFIG.chromium)) throw new Error(`${CONFIG.chromium} is missing: apt-get install chromium`);
  return chromium.launch({
    executablePath: CONFIG.chromium,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      // Measurement aids: a full GC on request and unquantised performance.memory.
      "--js-flags=--expose-gc",
      "--enable-precise-memory-info",
    ],
  });
}

/** Installed before any page script: puts the query in the box and times the first result. */
function coldStartProbe({ query, fill }) {
  const b = (window.__bench = {});
  if (!fill) b.typed = null;
  const observer = new MutationObserver(() => {
    if (b.typed === undefined) {
      const input = document.querySelector('[data-testid="search-input"]');
      if (input) {
        input.value = query;
        b.typed = performance.now();
      }
    }
    if (b.ready === undefined && document.documentElement?.dataset.state === "ready") b.ready = performance.now();
    if (b.firstHit === undefined && document.querySelector('[data-testid="hit-list"] li')) {
      b.firstHit = performance.now();
      b.hits = document.querySelectorAll('[data-testid="hit-list"] li').length;
      // After the next frame is produced: the result is on screen.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          b.rendered = performance.now();
          if (b.ready !== undefined) done();
        };
        channel.port2.postMessage(0);
      });
    }
    // The page says "ready" once storing is on as well, which comes after the first result.
    if (b.ready !== undefined && b.rendered !== undefined) done();
  });
  // Said on the console, which the harness waits for: page.waitForFunction would have
  // playwright inject its script into the page at once, 100–300 ms of the main thread in the
  // middle of the boot under load (traced with tests/bench/cold-start.mjs), in the figure.
  const done = () => {
    observer.disconnect();
    console.debug("cold-start:measured");
  };
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

function kindOf(path) {
  const ext = extname(path).toLowerCase();
  if (ext === ".wasm") return "wasm";
  if (ext === ".js" || ext === ".mjs") return "JS";
  if (ext === ".css" || ext === ".html" || ext === ".svg" || ext === ".ico" || path.endsWith("/")) return "CSS/HTML";
  return "data";
}

/** Whether the page reads a `q` URL parameter (www/main.js had none when this was written). */
function pageReadsQ() {
  const dir = join(WWW, "dist");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .some((f) => /\.get\(\s*["']q["']\s*\)/.test(readFileSync(join(dir, f), "utf8")));
}

async function coldStart(browser, base) {
  const qParam = pageReadsQ();
  const runs = [];
  let transfer = null;
  const problems = new Set();
  const errors = [];
  for (let i = 0; i < CONFIG.coldRuns; i++) {
    // The new window's own WebUI renderer let finish first (boot-probe.mjs's freshPage).
    const { context, page } = await freshPage(browser);
    page.on("console", (m) => m.type() === "error" && problems.add(`console: ${m.text()}`));
    page.on("pageerror", (e) => problems.add(`page error: ${e.message}`));
    page.on("response", (r) => r.status() >= 400 && problems.add(`HTTP ${r.status()}: ${new URL(r.url()).pathname}`));
    // Every request of the page and of its workers (resource timing would miss the workers').
    const fetched = [];
    context.on("requestfinished", (request) => fetched.push(request.url()));
    let m;
    let firstLoad;
    try {
      await page.addInitScript(coldStartProbe, { query: SEED_QUERY, fill: !qParam });
      const measured = page.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 30_000 });
      await page.goto(`${base}dist/index.html?q=${encodeURIComponent(SEED_QUERY)}`, { waitUntil: "commit" });
      await measured;
      firstLoad = [...new Set(fetched)];
      m = await page.evaluate(() => ({
        ...window.__bench,
        nav: performance.getEntriesByType("navigation")[0].toJSON(),
        // The boot's User Timing marks (www/main.js): it runs, then mounts the interface.
        boot: performance.getEntriesByName("corpus-explorer:boot")[0]?.startTime ?? null,
        mount: performance.getEntriesByName("corpus-explorer:mount")[0]?.startTime ?? null,
      }));
    } catch (error) {
      errors.push(String(error?.message ?? error).split("\n")[0]);
      log(`seeds: cold start ${i + 1} failed: ${errors.at(-1)}; ${[...problems].join("; ")}`);
      if (errors.length >= 2) break; // a broken page: do not wait out every run
      continue;
    } finally {
      await context.close();
    }
    runs.push({
      rendered: m.rendered,
      firstHit: m.firstHit,
      ready: m.ready,
      domContentLoaded: m.nav.domContentLoadedEventEnd,
      boot: m.boot,
      mount: m.mount,
      hits: m.hits,
    });
    if (!transfer) {
      // serve.py sends files as they are on disk (no compression): raw = the file's size.
      transfer = firstLoad.map((url) => {
        const path = decodeURIComponent(new URL(url).pathname);
        const onDisk = join(WWW, path.endsWith("/") ? `${path}index.html` : path);
        const bytes = existsSync(onDisk) ? readFileSync(onDisk) : null;
        return {
          path: path.replace(/^\/dist\//, ""),
          kind: kindOf(path),
          raw: bytes?.length ?? null,
          gzip: bytes ? gzipSync(bytes, { level: 9 }).length : null,
        };
      });
    }
  }
  if (!runs.length) {
    return { error: `no result appeared within 30 s (${errors[0]}); ${[...problems].slice(0, 5).join("; ")}`, qParam };
  }
  return { runs, transfer, problems: [...problems], qParam };
}

/**
 * A DevTools session into the page's dedicated worker (auto-attach, not
 * flattened, so commands go through Target.sendMessageToTarget): V8 heap
 * figures and a full GC from outside the worker.
 */
async function workerDevtools(context, page) {
  const cdp = await context.newCDPSession(page);
  let sessionId = null;
  let nextId = 1;
  const waiting = new Map();
  const attached = new Promise((resolve) => {
    cdp.on("Target.attachedToTarget", (event) => {
      if (event.targetInfo.type === "worker" && !sessionId) {
        sessionId = event.sessionId;
        resolve();
      }
    });
  });
  cdp.on("Target.receivedMessageFromTarget", (event) => {
    const message = JSON.parse(event.message);
    const entry = waiting.get(message.id);
    if (!entry) return;
    waiting.delete(message.id);
    if (message.error) entry.reject(new Error(message.error.message));
    else entry.resolve(message.result);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, flatten: false, waitForDebuggerOnStart: false });
  await Promise.race([attached, new Promise((resolve) => setTimeout(resolve, 5000))]);
  const send = (method, params = {}) => {
    if (!sessionId) return Promise.resolve(null);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  };
  return {
    /** Full GC, then { used, total, external } bytes of the worker's V8 heap. */
    async heap() {
      if (!sessionId) return null;
      await send("HeapProfiler.collectGarbage");
      const usage = await send("Runtime.getHeapUsage");
      return { used: usage.usedSize, total: usage.totalSize, external: usage.backingStorageSize ?? null };
    },
  };
}

async function runEngine(browser, base, name, engine, extra) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("crash", () => problems.push("renderer crashed"));
  const call = (cmd, args = {}) => page.evaluate(([c, a]) => window.bench.call(c, a), [cmd, { engine, ...args }]);
  const out = { engine, problems };
  try {
    await page.goto(`${base}bench/bench.html`);
    await page.evaluate(() => window.bench.start());
    const devtools = await workerDevtools(context, page);
    out.load = await call("load", {
      corpusUrl: `../corpora/${name}`,
      pagefindBase: `/pagefind-${name}/`,
      modules: {
        ours: "../dist/pkg/corpus_explorer.js",
        flexsearch: "../node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs",
        minisearch: "../node_modules/minisearch/dist/es/index.js",
        opencc: "../node_modules/opencc-js/dist/esm/t2cn.js",
      },
    });
    // The renderer holding this page and its worker: the largest of ours,
    // now that the corpus sits in the worker (earlier contexts are closed).
    const pid = renderers().sort((a, b) => (rss(b) ?? 0) - (rss(a) ?? 0))[0];
    out.rendererPid = pid;
    out.heapBefore = await devtools.heap();
    const rss0 = rss(pid);
    out.rssBefore = rss0;
    out.peakResettable = resetPeak(pid);
    log(`  ${engine} ${name}: build…`);
    out.build = await call("build");
    if (engine === "pagefind") out.build = { ...out.build, ...extra.pagefindBuild, fragmentIds: undefined };
    out.peakBuild = out.peakResettable ? peak(pid) - rss0 : null;
    out.heapAfter = await devtools.heap();
    out.memAfter = await call("memory");
    out.residentAfter = rss(pid) - rss0;
    log(`  ${engine} ${name}: built in ${fmtMs(out.build.buildMs ?? out.build.ms)}; queries…`);
    out.queries = await call("queries", { queries: QUERIES.map((x) => x.q), passes: CONFIG.passes });
    if (engine === "ours") {
      // Where the time goes: the same queries without snippets.
      out.queriesNoSnippets = await call("queries", {
        queries: QUERIES.map((x) => x.q),
        passes: CONFIG.passes,
        options: { limit: 10, snippets: 0 },
      });
      out.stats = await call("stats");
    }
    out.ids = await call("ids", { queries: QUERIES.map((x) => x.q) });
    if (engine === "pagefind") {
      out.ids = out.ids.map((list) => list.map((fragment) => extra.pagefindBuild.fragmentIds?.[fragment] ?? fragment));
    }
    out.concordance = await call("concordance", {
      term: CONCORDANCE_TERM,
      limit: CONCORDANCE_LIMIT,
      width: CONCORDANCE_WIDTH,
    });
    out.peakAll = out.peakResettable ? peak(pid) - rss0 : null;
    // After the peak: opening a snapshot holds a second copy of the corpus for a moment.
    if (engine === "ours") out.snapshot = await call("snapshot");
  } catch (error) {
    out.error = String(error?.message ?? error).split("\n")[0].slice(0, 300);
    log(`  ${engine} ${name}: FAILED ${out.error}`);
  } finally {
    await context.close().catch(() => {});
  }
  return out;
}

function memAvailable() {
  const match = readFileSync("/proc/meminfo", "utf8").match(/^MemAvailable:\s+(\d+) kB/m);
  return match ? Number(match[1]) * 1024 : totalmem();
}

function readIfExists(path) {
  try {
    return readFileSync(path, "utf8").trim().replace(/\s+/g, " ").slice(0, 300);
  } catch {
    return "";
  }
}

const fmtMs = (ms) => (ms == null ? "–" : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`);

// ---------------------------------------------------------------------------------------------

async function main() {
  log(`config ${JSON.stringify({ ...CONFIG, results: undefined })}`);
  const loadStart = loadavg();
  prepareWww();
  const corpora = {};
  for (const size of CONFIG.sizes) {
    const name = `${size}mb`;
    const meta = buildCorpus({ poetryDir: POETRY, outDir: join(WWW, "corpora"), name, totalBytes: size * 1e6 });
    const corpus = readCorpus(join(WWW, "corpora"), name);
    log(`corpus ${name}: ${meta.bytes} bytes, ${meta.docs} documents; naive scan…`);
    const { offsets: _offsets, ...summary } = meta;
    corpora[name] = { size, meta: summary, naive: naiveScan(corpus) };
  }

  // Pagefind indexes in Node, before the browser starts (so they do not compete).
  const pagefind = {};
  const pagefindMissing = existsSync(join(PAGEFIND, "lib", "index.js"))
    ? null
    : `not available: npm could not install pagefind (${readIfExists(join(CACHE, "pagefind-install-error.txt")) || "see scripts/bench.sh's output"})`;
  if (pagefindMissing) {
    for (const name of Object.keys(corpora)) pagefind[name] = { ok: false, error: pagefindMissing };
  } else if (CONFIG.engines.includes("pagefind")) {
    let first = null;
    for (const [name, c] of Object.entries(corpora)) {
      const predicted = first ? (first.ms * c.size) / first.size : 0;
      if (predicted > CONFIG.maxBuildS * 1000) {
        pagefind[name] = { ok: false, skipped: true, error: `skipped: the ${first.size} MB build took ${fmtMs(first.ms)}, so ${c.size} MB would take about ${fmtMs(predicted)} (> BENCH_MAX_BUILD_S=${CONFIG.maxBuildS})` };
        log(`pagefind ${name}: ${pagefind[name].error}`);
        continue;
      }
      // Its indexer needs about 200 bytes of RAM per corpus byte: leave the machine room.
      const predictedPeak = first?.peak ? (first.peak * c.size) / first.size : 0;
      const available = memAvailable();
      if (predictedPeak > 0.6 * available) {
        pagefind[name] = { ok: false, skipped: true, error: `skipped: the ${first.size} MB build peaked at ${(first.peak / 2 ** 30).toFixed(1)} GiB, so ${c.size} MB would need about ${(predictedPeak / 2 ** 30).toFixed(1)} GiB (> 60 % of the ${(available / 2 ** 30).toFixed(1)} GiB available)` };
        log(`pagefind ${name}: ${pagefind[name].error}`);
        continue;
      }
      log(`pagefind ${name}: building in Node…`);
      pagefind[name] = buildPagefind(name);
      log(`pagefind ${name}: ${pagefind[name].ok ? fmtMs(pagefind[name].ms) : pagefind[name].error}`);
      if (pagefind[name].ok && !first) first = { ms: pagefind[name].ms, size: c.size, peak: pagefind[name].binaryPeakBytes };
    }
  }

  const server = await startServer();
  const browser = await launch();
  const env = {
    machine: machine(),
    versions: versions(browser.version()),
    date: new Date().toISOString(),
    config: CONFIG,
    loadStart,
  };
  let seeds;
  const results = {};
  const appLoad = {};
  const reopen = {};
  try {
    log(`seeds: ${CONFIG.coldRuns} cold starts`);
    seeds = await coldStart(browser, server.baseUrl);
    const firstBuild = {};
    for (const [name, c] of Object.entries(corpora)) {
      results[name] = {};
      for (const engine of CONFIG.engines) {
        if (engine === "pagefind" && !pagefind[name]?.ok) {
          results[name][engine] = { engine, skipped: pagefind[name]?.skipped, error: pagefind[name]?.error ?? "not built" };
          continue;
        }
        const prior = firstBuild[engine];
        if (engine !== "pagefind" && prior) {
          const predicted = (prior.ms * c.size) / prior.size;
          if (predicted > CONFIG.maxBuildS * 1000) {
            results[name][engine] = {
              engine,
              skipped: true,
              error: `skipped: the ${prior.size} MB build took ${fmtMs(prior.ms)}, so ${c.size} MB would take about ${fmtMs(predicted)} (> BENCH_MAX_BUILD_S=${CONFIG.maxBuildS})`,
            };
            log(`${engine} ${name}: ${results[name][engine].error}`);
            continue;
          }
        }
        const r = await runEngine(browser, server.baseUrl, name, engine, { pagefindBuild: pagefind[name] });
        results[name][engine] = r;
        const ms = r.build?.buildMs;
        if (ms != null && !firstBuild[engine]) firstBuild[engine] = { ms, size: c.size };
      }
    }
    if (CONFIG.appLoad && CONFIG.engines.includes("ours")) {
      for (const name of Object.keys(corpora)) {
        try {
          const files = writeDocumentFiles(join(WWW, "corpora"), name, join(CACHE, "app-load"));
          log(`app ${name}: loading ${files.files} files as the reader's own (folder input)…`);
          appLoad[name] = await measureAppLoad(browser, server.baseUrl, {
            name,
            ...files,
            servedDir: WWW,
            trace: CONFIG.appLoadTrace,
            tracePath: join(CACHE, `app-load-${name}.trace.json`),
            log,
          });
        } catch (error) {
          appLoad[name] = { name, error: String(error?.message ?? error).split("\n")[0].slice(0, 300) };
        }
        if (appLoad[name].error) log(`  app ${name}: FAILED ${appLoad[name].error}`);
      }
    }
    if (CONFIG.reopen && CONFIG.engines.includes("ours")) {
      for (const name of Object.keys(corpora)) {
        try {
          const files = writeDocumentFiles(join(WWW, "corpora"), name, join(CACHE, "app-load"));
          log(`app ${name}: own files stored, then the page reloaded…`);
          reopen[name] = await measureReopen(browser, server.baseUrl, { name, ...files });
        } catch (error) {
          reopen[name] = { name, error: String(error?.message ?? error).split("\n")[0].slice(0, 300) };
        }
        const r = reopen[name];
        log(r.error ? `  app ${name}: FAILED ${r.error}` : `  app ${name}: added in ${fmtMs(r.addMs)}, first result after the reload at ${fmtMs(r.firstResultMs)}`);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  env.loadEnd = loadavg();
  const markdown = report({ env, seeds, corpora, results, pagefind, appLoad, reopen, queries: QUERIES, elapsedS: (Date.now() - started) / 1000 });
  process.stdout.write(markdown);
  if (CONFIG.results !== "-") {
    // Sections kept by hand (between hand-written marks, and the scale stage's "Sharded at
    // scale" written by scale.mjs, BENCH_SCALE=1) outlive a run.
    const previous = existsSync(CONFIG.results) ? readFileSync(CONFIG.results, "utf8") : "";
    let next = keepHandWritten(previous, markdown);
    const kept = /\n## Sharded at scale[^]*?(?=\n## |$)/.exec(previous)?.[0] ?? "";
    if (kept && !next.includes(kept.trim())) next = `${next.trimEnd()}\n${kept}\n`;
    writeFileSync(CONFIG.results, next);
    log(`wrote ${CONFIG.results}`);
  }
  writeFileSync(join(CACHE, "last-run.json"), JSON.stringify({ env, seeds, corpora, results, appLoad, reopen, pagefind: Object.fromEntries(Object.entries(pagefind).map(([k, v]) => [k, { ...v, fragmentIds: undefined }])) }, null, 1));
}

main().catch((error) => {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
});
