// Where a cold start's time goes, on a built site (dist/ by default): N fresh browser contexts
// open index.html?q=京东 and report, from navigation start, the milestones the bench's
// "cold start" row sums up, split into what the page waits for: the worker created, the wasm
// compiled (WebAssembly.compileStreaming resolving), each call to the worker (sent → answered:
// opening the prebuilt snapshot or adding the articles, capabilities, entities, stories, the
// search) and the result on screen. Medians over the runs; one run's call list and resources.
//
//   node tests/bench/cold-start.mjs [site folder] [runs]
//
// A diagnostic, not a test: nothing is asserted, and a busy machine stretches every figure.
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

const dir = process.argv[2] ?? new URL("../../dist", import.meta.url).pathname;
const runs = Number(process.argv[3] ?? 7);

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
    if (b.marks.ready === undefined && document.documentElement?.dataset.state === "ready") b.marks.ready = now();
    if (b.marks.firstHit === undefined && document.querySelector('[data-testid="hit-list"] li')) {
      b.marks.firstHit = now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          b.marks.rendered = now();
          observer.disconnect();
        };
        channel.port2.postMessage(0);
      });
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

const site = await serveFolder(dir);
const browser = await launchBrowser();
const measured = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.goto(`${site.baseUrl}index.html?q=${encodeURIComponent("京东")}`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__bench?.marks.rendered !== undefined, null, { timeout: 30_000 });
    measured.push(
      await page.evaluate(() => ({
        ...window.__bench,
        domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
        // main.js marks when it starts (www/main.js): the gap to workerCreated is createEngine().
        boot: performance.getEntriesByName("corpus-explorer:boot")[0]?.startTime ?? NaN,
        resources: performance.getEntriesByType("resource").map((r) => [r.name.replace(location.origin, ""), r.startTime, r.responseEnd]),
      })),
    );
    await context.close();
  }
} finally {
  await browser.close();
  await site.stop();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;
const marks = ["workerCreated", "compileStart", "compiled", "firstHit", "ready", "rendered"];
console.log(`${dir}: ${runs} cold starts, medians from navigation start`);
console.log(`  DOMContentLoaded ${ms(median(measured.map((m) => m.domContentLoaded)))}`);
console.log(`  main.js boot ${ms(median(measured.map((m) => m.boot)))}`);
for (const mark of marks) console.log(`  ${mark} ${ms(median(measured.map((m) => m.marks[mark])))}`);
const byMethod = new Map();
for (const m of measured) for (const c of m.calls) if (c.answered) byMethod.set(c.method, [...(byMethod.get(c.method) ?? []), c.answered - c.sent]);
for (const [method, times] of byMethod) console.log(`  worker call ${method}: ${ms(median(times))} sent → answered`);
console.log(`  rendered per run: ${measured.map((m) => m.marks.rendered.toFixed(0)).join(", ")} ms`);
const one = measured[Math.floor(runs / 2)];
console.log("one run's calls:", one.calls.map((c) => `${c.method} ${c.sent.toFixed(0)}→${c.answered?.toFixed(0) ?? "–"}`).join(", "));
console.log("one run's resources:\n" + one.resources.map(([name, start, end]) => `  ${name} ${start.toFixed(0)}–${end.toFixed(0)} ms`).join("\n"));
