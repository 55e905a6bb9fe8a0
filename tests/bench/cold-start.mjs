// Where a cold start's time goes, on a built site (dist/ by default): N fresh browser contexts
// open index.html?q=京东 and report, from navigation start, the milestones the bench's
// "cold start" row sums up, split into what the page waits for: the worker created, the wasm
// compiled (WebAssembly.compileStreaming resolving), each call to the worker (sent → answered:
// opening the prebuilt snapshot or adding the articles, capabilities, entities, stories, the
// search) and the result on screen. Medians over the runs; one run's call list and resources.
//
//   node tests/bench/cold-start.mjs [site folder] [runs] [--floor]
//
// --floor measures the floor instead: cold-start-floor.html, copied beside the site's files,
// does only what the first result cannot do without (the site's worker.js, the search core
// compiled, the snapshot opened, one search, its hits as list items on an empty page), so
// the page's own figure can be read against what this machine needs at the least.
//
// A diagnostic, not a test: nothing is asserted, and a busy machine stretches every figure
// (say the load average with the figures: `uptime`).
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

const args = process.argv.slice(2).filter((arg) => arg !== "--floor");
const floor = process.argv.includes("--floor");
const dir = args[0] ?? new URL("../../dist", import.meta.url).pathname;
const runs = Number(args[1] ?? 7);

/** Installed before any page script: timestamps from performance.now(). */
function probe() {
  const b = (window.__bench = { calls: [], marks: {} });
  const now = () => performance.now();
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = function (...args) {
    b.marks.compileStart ??= now();
    return compileStreaming.apply(this, args).then((module) => {
      b.marks.compiled ??= now();
      return module;
    });
  };
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      b.marks.workerCreated ??= now();
      this.sent = new Map();
      this.addEventListener("message", ({ data }) => {
        const call = data?.id && !data.progress ? this.sent.get(data.id) : null;
        if (call) call.answered = now();
      });
    }
    postMessage(message, ...rest) {
      if (message?.method) {
        const call = { method: message.method, sent: now() };
        b.calls.push(call);
        if (message.id) this.sent.set(message.id, call);
      }
      return super.postMessage(message, ...rest);
    }
  };
  const observer = new MutationObserver(() => {
    // The page says "ready" once storing is on too, which may come after the first result.
    if (b.marks.ready === undefined && document.documentElement?.dataset.state === "ready") b.marks.ready = now();
    if (b.marks.firstHit === undefined && document.querySelector('[data-testid="hit-list"] li')) {
      b.marks.firstHit = now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          b.marks.rendered = now();
          if (b.marks.ready !== undefined || b.floor) done();
        };
        channel.port2.postMessage(0);
      });
    }
    if (b.marks.ready !== undefined && b.marks.rendered !== undefined) done();
  });
  // Said on the console, which the harness waits for: waiting with page.waitForFunction would
  // have playwright inject its script into the page at once, 100–300 ms of the main thread in
  // the middle of the boot under load (traced), and that was in the figures.
  const done = () => {
    observer.disconnect();
    console.debug("cold-start:measured");
  };
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

// The floor page needs the site's worker, wasm and snapshot beside it: a copy of the site.
const served = floor ? mkdtempSync(join(tmpdir(), "cold-start-floor-")) : dir;
if (floor) {
  cpSync(dir, served, { recursive: true });
  for (const name of ["cold-start-floor.html", "cold-start-floor.js"]) cpSync(new URL(name, import.meta.url), join(served, name));
}
const page = floor ? "cold-start-floor.html" : "index.html";
const site = await serveFolder(served);
const browser = await launchBrowser();
const measured = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.addInitScript(probe);
    if (floor) await tab.addInitScript(() => (window.__bench.floor = true)); // no "ready" to wait for
    const measuredNow = tab.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 30_000 });
    await tab.goto(`${site.baseUrl}${page}?q=${encodeURIComponent("京东")}`, { waitUntil: "commit" });
    await measuredNow;
    measured.push(
      await tab.evaluate(() => ({
        ...window.__bench,
        domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
        // main.js marks when it starts (www/main.js): the gap to workerCreated is createEngine().
        boot: performance.getEntriesByName("corpus-explorer:boot")[0]?.startTime,
        // main.js asks for the interface (app.js) to be mounted: its chunks have been run.
        mount: performance.getEntriesByName("corpus-explorer:mount")[0]?.startTime,
        resources: performance.getEntriesByType("resource").map((r) => [r.name.replace(location.origin, ""), r.startTime, r.responseEnd]),
      })),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await site.stop();
  if (floor) rmSync(served, { recursive: true, force: true });
}

const median = (values) => {
  const known = values.filter((value) => typeof value === "number" && !Number.isNaN(value)).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)] : undefined;
};
const ms = (value) => (value === undefined ? "–" : `${value.toFixed(0)} ms`);
const marks = ["workerCreated", "compileStart", "compiled", "firstHit", "rendered", "ready"];
console.log(`${dir}${floor ? " (floor page)" : ""}: ${runs} cold starts, medians from navigation start; load average ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
console.log(`  DOMContentLoaded ${ms(median(measured.map((m) => m.domContentLoaded)))}`);
console.log(`  main.js boot ${ms(median(measured.map((m) => m.boot)))}`);
console.log(`  interface mounted ${ms(median(measured.map((m) => m.mount)))}`);
for (const mark of marks) console.log(`  ${mark} ${ms(median(measured.map((m) => m.marks[mark])))}`);
const byMethod = new Map();
for (const m of measured) for (const c of m.calls) if (c.answered) byMethod.set(c.method, [...(byMethod.get(c.method) ?? []), c.answered - c.sent]);
for (const [method, times] of byMethod) console.log(`  worker call ${method}: ${ms(median(times))} sent → answered`);
console.log(`  rendered per run: ${measured.map((m) => m.marks.rendered.toFixed(0)).join(", ")} ms`);
console.log(`RESULT rendered median ${ms(median(measured.map((m) => m.marks.rendered)))}`);
const one = measured[Math.floor(runs / 2)];
console.log("one run's calls:", one.calls.map((c) => `${c.method} ${c.sent.toFixed(0)}→${c.answered?.toFixed(0) ?? "–"}`).join(", "));
console.log("one run's resources:\n" + one.resources.map(([name, start, end]) => `  ${name} ${start.toFixed(0)}–${end.toFixed(0)} ms`).join("\n"));
