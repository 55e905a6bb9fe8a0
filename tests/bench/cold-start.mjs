// Where a cold start's time goes, on a built site (dist/ by default): N fresh browser contexts
// open index.html?q=京东 and report, from navigation start, the milestones the bench's
// "cold start" row sums up, split into what the page waits for: the worker created, the wasm
// compiled (WebAssembly.compileStreaming resolving), each call to the worker (sent → answered:
// opening the prebuilt snapshot or adding the articles, capabilities, entities, stories, the
// search) and the result on screen. Medians over the runs; one run's call list and resources.
//
//   node tests/bench/cold-start.mjs [site folder…] [runs] [--floor | --floor-page] [--q=QUERY]
//
// Several site folders (a build kept from before a change, and the one after it) are measured
// in turns, run by run, so a machine whose load drifts within the minute stretches each alike;
// each gets its own medians. A sharded site of chinese-poetry: --q=明月.
//
// --floor measures the floor instead: cold-start-floor.html, copied beside the site's files,
// does only what the first result cannot do without (the site's worker.js, the search core
// compiled, the snapshot opened, one search, its hits as list items on an empty page), so
// the page's own figure can be read against what this machine needs at the least.
// --floor-page: the same floor answered on the page's thread (the core instantiated there, as
// www/first-answer.js does for the seeds).
//
// A diagnostic, not a test: nothing is asserted, and a busy machine stretches every figure
// (say the load average with the figures: `uptime`). COLD_START_RESOURCES=1 also lists one
// run's resources (start–end, ms from navigation).
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser } from "../browser/harness.mjs";
import { freshPage, probe } from "./boot-probe.mjs";
import { serveFolder } from "../serve-folder.mjs";

const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const floorOnPage = process.argv.includes("--floor-page");
const floor = floorOnPage || process.argv.includes("--floor");
const query = process.argv.find((arg) => arg.startsWith("--q="))?.slice(4) || "京东";
const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 7);
// A site given as FOLDER::SERVE.PY is served by that copy of serve.py (say, a kept one from
// before a change of the server), the others by scripts/serve.py.
const dirs = args.filter((arg) => !/^\d+$/.test(arg));
if (dirs.length === 0) dirs.push(new URL("../../dist", import.meta.url).pathname);

// The floor page needs the site's worker, wasm and snapshot beside it: a copy of the site.
const page = floor ? "cold-start-floor.html" : "index.html";
const sites = [];
for (const dir of dirs) {
  const served = floor ? mkdtempSync(join(tmpdir(), "cold-start-floor-")) : dir;
  if (floor) {
    cpSync(dir.split("::")[0], served, { recursive: true });
    for (const name of ["cold-start-floor.html", "cold-start-floor.js"]) cpSync(new URL(name, import.meta.url), join(served, name));
  }
  const [, servePy] = dir.split("::");
  sites.push({ dir, served, server: await serveFolder(served.split("::")[0], servePy ? { servePy } : {}), measured: [] });
}
const browser = await launchBrowser();
const loadBefore = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
try {
  for (let i = 0; i < runs; i++) {
    // In turns, each round starting with the next site.
    for (let k = 0; k < sites.length; k++) {
      const site = sites[(i + k) % sites.length];
      const { context, page: tab } = await freshPage(browser);
      await tab.addInitScript(probe);
      if (floor) await tab.addInitScript(() => (window.__bench.floor = true)); // no "ready" to wait for
      const measuredNow = tab.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 30_000 });
      await tab.goto(`${site.server.baseUrl}${page}?q=${encodeURIComponent(query)}${floorOnPage ? "&page" : ""}`, { waitUntil: "commit" });
      await measuredNow;
      site.measured.push(
        await tab.evaluate(() => ({
          ...window.__bench,
          domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
          // main.js marks when it starts (www/main.js): the gap to workerCreated is createEngine().
          boot: performance.getEntriesByName("corpus-explorer:boot")[0]?.startTime,
          // main.js asks for the interface (app.js) to be mounted: its chunks have been run.
          mount: performance.getEntriesByName("corpus-explorer:mount")[0]?.startTime,
          // main.js: the prebuilt corpus opened in the worker (or found not to be openable early).
          opened: performance.getEntriesByName("corpus-explorer:opened")[0]?.startTime,
          // Every mark the page set (main.js, first-answer.js), by name: the median of each is listed.
          pageMarks: Object.fromEntries(performance.getEntriesByType("mark").filter((m) => m.name.startsWith("corpus-explorer:")).map((m) => [m.name.slice("corpus-explorer:".length), m.startTime])),
          resources: performance.getEntriesByType("resource").map((r) => [r.name.replace(location.origin, ""), r.startTime, r.responseEnd]),
        })),
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const site of sites) {
    await site.server.stop();
    if (floor) rmSync(site.served, { recursive: true, force: true });
  }
}

const median = (values) => {
  const known = values.filter((value) => typeof value === "number" && !Number.isNaN(value)).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)] : undefined;
};
const ms = (value) => (value === undefined ? "–" : `${value.toFixed(0)} ms`);
const marks = ["workerCreated", "compileStart", "compiled", "firstHit", "rendered", "ready"];
const loadAfter = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
for (const { dir, measured } of sites) {
  console.log(`${dir}${floor ? " (floor page)" : ""}: ${runs} cold starts${sites.length > 1 ? ` (in turns with ${sites.length - 1} other)` : ""}, medians from navigation start; load average ${loadBefore} → ${loadAfter}`);
  console.log(`  DOMContentLoaded ${ms(median(measured.map((m) => m.domContentLoaded)))}`);
  console.log(`  main.js boot ${ms(median(measured.map((m) => m.boot)))}`);
  console.log(`  interface mounted ${ms(median(measured.map((m) => m.mount)))}`);
  console.log(`  corpus opened early ${ms(median(measured.map((m) => m.opened)))}`);
  const named = [...new Set(measured.flatMap((m) => Object.keys(m.pageMarks)))].filter((name) => !["boot", "mount", "opened"].includes(name));
  for (const name of named) console.log(`  mark ${name} ${ms(median(measured.map((m) => m.pageMarks[name])))}`);
  for (const mark of marks) console.log(`  ${mark} ${ms(median(measured.map((m) => m.marks[mark])))}`);
  const byMethod = new Map();
  for (const m of measured) for (const c of m.calls) if (c.answered) byMethod.set(c.method, [...(byMethod.get(c.method) ?? []), c.answered - c.sent]);
  for (const [method, times] of byMethod) console.log(`  worker call ${method}: ${ms(median(times))} sent → answered`);
  console.log(`  rendered per run: ${measured.map((m) => m.marks.rendered.toFixed(0)).join(", ")} ms`);
  console.log(`RESULT ${dir} rendered median ${ms(median(measured.map((m) => m.marks.rendered)))}`);
  const one = measured[Math.floor(runs / 2)];
  console.log("one run's calls:", one.calls.map((c) => `${c.method} ${c.sent.toFixed(0)}→${c.answered?.toFixed(0) ?? "–"}`).join(", "));
  if (process.env.COLD_START_RESOURCES) console.log("one run's resources:\n" + one.resources.map(([name, start, end]) => `  ${name} ${start.toFixed(0)}–${end.toFixed(0)} ms`).join("\n"));
}
