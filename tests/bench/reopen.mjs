// The reader's own corpus after a reload (issue 15: "reopening a 50 MB own
// corpus after a reload ≤ 1 s to the first result"; before, the files were
// gone and had to be added again).
//
// In one browser context (one origin's storage): the app loads, the corpus is
// given to "choose a folder" as the reader's own files with "Replace the
// bundled corpus" ticked (as app-load.mjs does) — timed to the list showing
// them (re-adding the files, the figure to compare with) — and the worker
// stores it in the Origin Private File System (timed to the page saying so,
// with the stored size). Then the address is opened again with ?q=京东, as a
// reader coming back: an init script records, from navigation start, when
// the page is ready and when the first result is in the list. The article
// count after the reload is checked against the files given.

/** Recorded on every navigation of the context (performance.now(), from navigation start). */
function watchFirstResult() {
  const m = (window.__reopen = {});
  const seen = () => {
    if (m.ready === undefined && document.documentElement.dataset.state === "ready") m.ready = performance.now();
    if (m.firstResult === undefined && document.querySelector('[data-testid="hit-list"] li')) m.firstResult = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

/**
 * @returns {{ name, files, bytes, addMs, storedMs, storedBytes, readyMs, firstResultMs, listed, problems } | { name, error }}
 */
export async function measureReopen(browser, base, { name, dir, files, bytes, query = "京东" }) {
  const timeout = 60_000 + (bytes / 1e6) * 10_000;
  return inFreshPage(browser, { name, files, bytes }, async (page, out, at) => {
    await openReady(page, `${base}dist/index.html`);
    await page.locator('[data-testid="replace-corpus"]').check();
    const t0 = Date.now();
    at("adding the files");
    await page.locator('[data-testid="folder-input"]').setInputFiles(dir);
    // Indexing done and every document in the status line. (Not the list's rows: whole copies
    // of an article are listed once, under their story — at 50 MB 12,079 rows for 12,083
    // documents, which kept this waiting for ever.)
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="index-progress"]').hidden &&
        document.querySelector('[data-testid="article-list"]').children.length > 0 &&
        document.querySelector('[data-testid="status"]').textContent.replace(/[^0-9 ]/g, "").split(" ").includes(String(n)),
      files,
      { timeout, polling: 100 },
    );
    out.addMs = Date.now() - t0;
    at("storing them");
    const summary = page.locator(`[data-testid="stored-summary"][data-documents="${files}"]`);
    await summary.waitFor({ state: "attached", timeout });
    out.storedMs = Date.now() - t0;
    out.storedBytes = Number(await summary.getAttribute("data-bytes"));
    at("reopening after the reload");
    await firstResultAfterReload(page, `${base}dist/index.html`, query, timeout, out);
    out.listed = await page.evaluate(() => document.querySelector('[data-testid="article-list"]').children.length);
    // The list fills a thousand rows a frame, so its length now says little; the stored
    // corpus the page reopened must hold every document.
    at("checking the reopened corpus");
    await page.locator(`[data-testid="stored-summary"][data-documents="${files}"]`).waitFor({ state: "attached", timeout: 30_000 });
  });
}

/**
 * The same figure for a corpus made natively as one `.corpus` file (adding
 * 12,083 files through the page took over 570 s under load): the file is
 * given to "Open corpus" (replacing the bundled articles; the worker opens it
 * and stores it in the Origin Private File System), then the address is opened
 * again with ?q=…, as a reader coming back: from navigation start to the page
 * ready and to the first result in the list. With `settle` (the default) the reload waits
 * for the page's background work to end (settled(): a compaction and its second store);
 * `settleMs` says how long that was.
 * @returns {{ name, bytes, openMs, storedMs, settleMs, storedBytes, readyMs, firstResultMs, listed, problems } | { name, error }}
 */
export async function measureReopenFile(browser, base, { name, file, bytes, documents, query = "京东", trace = false, settle = true }) {
  const timeout = 60_000 + (bytes / 1e6) * 10_000;
  return inFreshPage(browser, { name, bytes, documents }, async (page, out, at) => {
    await openReady(page, `${base}index.html`);
    const t0 = Date.now();
    at("opening the corpus file");
    await page.locator('[data-testid="corpus-file-input"]').setInputFiles(file);
    await page.waitForFunction((n) => document.querySelector('[data-testid="article-list"]').children.length > 0 && document.querySelector('[data-testid="stored-summary"]')?.dataset.documents === String(n), documents, { timeout, polling: 100 });
    out.storedMs = Date.now() - t0;
    out.storedBytes = Number(await page.locator('[data-testid="stored-summary"]').getAttribute("data-bytes"));
    at("reopening after the reload");
    if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    try {
      await firstResultAfterReload(page, `${base}index.html`, query, timeout, out, settle);
    } finally {
      if (trace) out.trace = await browser.stopTracing();
    }
    out.listed = await page.evaluate(() => document.querySelector('[data-testid="status"]')?.textContent ?? "");
  });
}

/**
 * Runs `steps(page, out, at)` in a fresh context that watches for the first result, with the
 * page's console errors, page errors and crashes collected into `out.problems`; `at(step)`
 * names the step under way, so that a failure says where (and what the page said about
 * storing).
 */
async function inFreshPage(browser, out, steps) {
  const context = await browser.newContext();
  await context.addInitScript(watchFirstResult);
  const page = await context.newPage();
  const problems = new Set();
  page.on("console", (m) => m.type() === "error" && problems.add(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.add(`page error: ${e.message}`));
  page.on("crash", () => problems.add("renderer crashed"));
  let step = "loading the app";
  try {
    await steps(page, out, (name) => { step = name; });
  } catch (error) {
    const message = await page.locator('[data-testid="persist-message"]').textContent().catch(() => "");
    out.error = `${step}: ${String(error?.message ?? error).split("\n")[0].slice(0, 200)}${message ? ` (page: ${message.slice(0, 200)})` : ""}`;
  } finally {
    out.problems = [...problems];
    await context.close().catch(() => {});
  }
  return out;
}

/** Opens `url` and waits for the page to say it is ready. */
async function openReady(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.state === "ready", null, { timeout: 30_000 });
}

/** The reader comes back: `url?q=query` opened again, ready and first-result times into `out`. */
async function firstResultAfterReload(page, url, query, timeout, out, settle = true) {
  if (settle) out.settleMs = await settled(page, timeout);
  await page.goto(`${url}?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() => window.__reopen.firstResult !== undefined, null, { timeout, polling: 50 });
  Object.assign(out, await page.evaluate(() => ({ readyMs: window.__reopen.ready, firstResultMs: window.__reopen.firstResult })));
}

/**
 * Waits until the page's background work is over, as a reader's next visit finds it: after a
 * store worth compacting (engine.js's compactWhen), the engine opens the stored copy in a
 * second worker, swaps and stores again, for a second or more at 50 MB; a reload in the middle
 * has the old page's worker competing with the new page's boot for the two cores. Settled:
 * one worker for SETTLE_QUIET_MS on end. Resolves the ms waited.
 */
async function settled(page, timeout) {
  const t0 = Date.now();
  let quietSince = null;
  while (Date.now() - t0 < timeout) {
    if (page.workers().length <= 1) {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= SETTLE_QUIET_MS) break;
    } else quietSince = null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - t0;
}

/** How long the page must run one worker to count as settled (settled()). */
const SETTLE_QUIET_MS = 2_000;

/** What a traced reopen records (reopen-file.mjs --trace). */
const TRACE_CATEGORIES = ["toplevel", "devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "v8"];

/**
 * The timeline of a traced reopen, as lines of text: from the reload's navigation start (the
 * last `navigationStart` of the page's main thread that names an address), the User Timing marks and measures of the
 * page and of its workers, and each task over 5 ms of those threads with what took most of it.
 */
export function reopenTimeline(trace, { minMs = 5 } = {}) {
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const thread = (e) => names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
  // The reload's own navigation (the one naming its address; blank documents start later).
  const navs = events.filter((e) => e.name === "navigationStart" && thread(e) === "CrRendererMain" && e.args?.data?.documentLoaderURL);
  const nav = navs.length ? navs[navs.length - 1] : null;
  if (!nav) return ["no navigationStart in the trace"];
  const page = `${nav.pid}`;
  const ms = (ts) => ((ts - nav.ts) / 1000).toFixed(1).padStart(7);
  const ours = (e) => `${e.pid}` === page && /CrRendererMain|Worker/.test(thread(e)) && e.ts >= nav.ts;
  const lines = [];
  for (const e of events) {
    if (!ours(e) || !String(e.cat).includes("blink.user_timing")) continue;
    if (e.ph === "R" || e.ph === "I" || e.ph === "n") lines.push({ ts: e.ts, text: `${ms(e.ts)} ms  ${thread(e).padEnd(16)} mark ${e.name}` });
    else if (e.ph === "b") {
      const end = events.find((x) => x.ph === "e" && x.id2?.local === e.id2?.local && x.id === e.id && x.name === e.name && x.ts >= e.ts);
      lines.push({ ts: e.ts, text: `${ms(e.ts)} ms  ${thread(e).padEnd(16)} measure ${e.name}${end ? ` ${((end.ts - e.ts) / 1000).toFixed(1)} ms` : ""}` });
    }
  }
  const tasks = events.filter((e) => ours(e) && e.name === "RunTask" && e.ph === "X" && e.dur >= minMs * 1000);
  for (const t of tasks) {
    const inside = events.filter((e) => e.ph === "X" && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t && e.dur >= 1000);
    const what = inside
      .sort((a, b) => b.dur - a.dur)
      .slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.url ? `(${String(e.args.data.url).split("/").pop()}:${e.args.data.lineNumber ?? ""})` : e.args?.data?.functionName ? `(${e.args.data.functionName})` : ""} ${(e.dur / 1000).toFixed(1)}`)
      .join(", ");
    lines.push({ ts: t.ts, text: `${ms(t.ts)} ms  ${thread(t).padEnd(16)} task ${(t.dur / 1000).toFixed(1)} ms: ${what}` });
  }
  return lines.sort((a, b) => a.ts - b.ts).map((l) => l.text);
}
