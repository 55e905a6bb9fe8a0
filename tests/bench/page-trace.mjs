// One load of a page under a Chromium trace, every thread of the page's renderer and the
// browser's main and IO threads, from navigation start: the slices of at least --min ms
// (default 2), nested ones indented. For the floor of a cold start (boot-floor.mjs): where a
// blank page's time goes on this machine.
//
//   node tests/bench/page-trace.mjs FOLDER PAGE [--min=MS] [--wait=MS] [--settle=MS] [--warm] [--out=trace.json]
//
// Found with it: every new window of Chromium 156's new headless mode starts its own WebUI
// renderer (chrome://omnibox-popup.top-chrome), ~200 ms of a core right when the page loads
// (boot-probe.mjs's freshPage lets it finish first: --settle=1500 here).
import { writeFileSync } from "node:fs";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const [dir, page] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const min = Number(option("min") ?? 2);
const wait = Number(option("wait") ?? 1500);
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "loading", "navigation", "v8", "v8.execute", "toplevel", "blink", "browser", "content", "renderer", "fonts", "disabled-by-default-v8.compile", "v8.wasm", "net", "startup"];

const server = await serveFolder(dir);
const browser = await launchBrowser();
let events;
try {
  // --warm: one page opened and closed first in another context (what a browser does once).
  if (process.argv.includes("--warm")) {
    const first = await browser.newContext();
    await (await first.newPage()).goto(server.baseUrl + page, { waitUntil: "load" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await first.close();
  }
  const context = await browser.newContext();
  const tab = await context.newPage();
  // --settle=MS: the new window's own start (its WebUI omnibox popup renderer) let finish first.
  await new Promise((resolve) => setTimeout(resolve, Number(option("settle") ?? 0)));
  const cdp = await browser.newBrowserCDPSession();
  const collected = [];
  cdp.on("Tracing.dataCollected", ({ value }) => collected.push(...value));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: CATEGORIES }, transferMode: "ReportEvents" });
  await tab.goto(server.baseUrl + page, { waitUntil: "load" });
  await tab.waitForTimeout(wait);
  const timing = await tab.evaluate(() => ({ nav: performance.getEntriesByType("navigation")[0].toJSON(), paints: performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]) }));
  console.log(JSON.stringify({ responseEnd: timing.nav.responseEnd, dcl: timing.nav.domContentLoadedEventEnd, load: timing.nav.loadEventEnd, paints: timing.paints }));
  await cdp.send("Tracing.end");
  await complete;
  events = collected;
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
if (option("out")) writeFileSync(option("out"), JSON.stringify({ traceEvents: events }));
const names = new Map();
for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
const pnames = new Map();
for (const e of events) if (e.ph === "M" && e.name === "process_name") pnames.set(e.pid, e.args.name);
const nav = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && String(e.args?.data?.documentLoaderURL ?? "").includes(page));
const t0 = nav ? nav.ts : Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
console.log(`navigationStart found: ${Boolean(nav)}`);
const byThread = new Map();
for (const e of events) {
  if (e.ph !== "X" || e.dur < min * 1000 || e.ts + e.dur < t0 - 50_000) continue;
  const key = `${e.pid}:${e.tid}`;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(e);
}
// Instant marks worth seeing.
const marks = events.filter((e) => (e.ph === "I" || e.ph === "R" || e.ph === "n" || e.ph === "b") && /navigationStart|firstPaint|firstContentfulPaint|domContentLoaded|commitNavigationEnd|MarkDOMContent|MarkLoad|MarkFirstPaint|RenderFrameImpl::didCommit|Paint|FCP|ResourceSendRequest|ResourceFinish/.test(e.name) && e.ts >= t0 - 1000);
for (const m of marks.sort((a, b) => a.ts - b.ts).slice(0, 60)) console.log(`mark ${((m.ts - t0) / 1000).toFixed(1)} ${pnames.get(m.pid) ?? m.pid}/${names.get(`${m.pid}:${m.tid}`) ?? m.tid} ${m.name} ${m.args?.data?.url ?? ""}`);
for (const [key, list] of byThread) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const pid = Number(key.split(":")[0]);
  console.log(`\n${pnames.get(pid) ?? pid} / ${names.get(key) ?? key}`);
  const stack = [];
  for (const e of list) {
    while (stack.length && e.ts >= stack.at(-1)) stack.pop();
    if (stack.length > 3) continue;
    const data = e.args?.data ?? e.args?.beginData ?? {};
    const what = data.url || data.functionName || data.type || data.frame || "";
    console.log(`  ${"  ".repeat(stack.length)}${((e.ts - t0) / 1000).toFixed(1)} +${(e.dur / 1000).toFixed(1)} ${e.name} ${String(what).replace(/^https?:\/\/[^/]+\//, "").slice(0, 60)}`);
    stack.push(e.ts + e.dur);
  }
}
