// One cold start of a built site under a Chromium trace: where the main thread's and the
// worker's time goes before the first result (tests/bench/cold-start.mjs gives the medians,
// this the why). Opens index.html?q=… in a fresh context with the cold-start probe
// (boot-probe.mjs), traces until the probe says the result is on screen, and prints every
// task of at least --min ms (default 4) on the page's main thread and on the worker's thread,
// from navigation start, with what ran in it (the script's URL, a parse, a layout, a compile).
//
//   node tests/bench/cold-start-trace.mjs [site folder] [--q=QUERY] [--min=MS] [--out=trace.json]
//
// --out keeps the whole trace (open it in chrome://tracing or Perfetto). A diagnostic: one run,
// nothing asserted; say the load average (`uptime`) with what it shows.
import { writeFileSync } from "node:fs";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { freshPage, probe } from "./boot-probe.mjs";

const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const dir = process.argv.slice(2).find((arg) => !arg.startsWith("--")) ?? new URL("../../dist", import.meta.url).pathname;
const query = option("q") ?? "京东";
const min = Number(option("min") ?? 4);
const out = option("out");

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "loading",
  "v8",
  "v8.execute",
  "toplevel",
  "blink",
  "disabled-by-default-v8.compile",
  "v8.wasm",
  "disabled-by-default-v8.wasm.detailed",
];

const server = await serveFolder(dir);
const browser = await launchBrowser();
let events;
let bench;
try {
  const { context, page: tab } = await freshPage(browser);
  await tab.addInitScript(probe);
  const session = await context.newCDPSession(tab);
  const collected = [];
  session.on("Tracing.dataCollected", ({ value }) => collected.push(...value));
  const complete = new Promise((resolve) => session.once("Tracing.tracingComplete", resolve));
  await session.send("Tracing.start", { traceConfig: { includedCategories: CATEGORIES }, transferMode: "ReportEvents" });
  const measured = tab.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 30_000 });
  await tab.goto(`${server.baseUrl}index.html?q=${encodeURIComponent(query)}`, { waitUntil: "commit" });
  await measured;
  bench = await tab.evaluate(() => ({ ...window.__bench, boot: performance.getEntriesByName("corpus-explorer:boot")[0]?.startTime }));
  await session.send("Tracing.end");
  await complete;
  events = collected;
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));

// Thread names, and the renderer's main thread and the worker's thread.
const threadName = new Map();
for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args.name);
const navigation = events.find((e) => e.name === "navigationStart" && e.args?.data?.isLoadingMainFrame && e.args?.data?.documentLoaderURL?.includes("index.html"))
  ?? events.find((e) => e.name === "navigationStart");
const renderer = navigation ? navigation.pid : undefined;
const t0 = navigation.ts;
const at = (ts) => ((ts - t0) / 1000).toFixed(1);
const threads = [...threadName].filter(([key, name]) => key.startsWith(`${renderer}:`) && /CrRendererMain|DedicatedWorker/.test(name));

console.log(`${dir}: one cold start of ?q=${query}; probe: worker ${bench.marks.workerCreated?.toFixed(0)}, compiled ${bench.marks.compiled?.toFixed(0)}, first hit ${bench.marks.firstHit?.toFixed(0)}, rendered ${bench.marks.rendered?.toFixed(0)} ms`);
console.log("calls:", bench.calls.map((c) => `${c.method} ${c.sent.toFixed(0)}→${c.answered?.toFixed(0) ?? "–"}`).join(", "));

/** What ran inside a task: its longest children (script URLs, parses, layouts, compiles). */
function inside(task, list) {
  const end = task.ts + task.dur;
  const children = list.filter((e) => e !== task && e.ts >= task.ts && e.ts < end && e.dur >= 1000 && e.name !== "RunTask" && e.name !== "ThreadControllerImpl::RunTask");
  children.sort((a, b) => b.dur - a.dur);
  return children.slice(0, 4).map((e) => {
    const data = e.args?.data ?? e.args?.beginData ?? {};
    const what = data.url || data.functionName || data.fileName || data.stackTrace?.[0]?.url || data.type || "";
    return `${e.name}${what ? ` ${String(what).replace(/^https?:\/\/[^/]+\//, "")}` : ""} ${(e.dur / 1000).toFixed(1)}`;
  });
}

for (const [key, name] of threads) {
  const list = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === "X" && typeof e.dur === "number");
  // A task is traced twice (RunTask inside ThreadControllerImpl::RunTask): the outer one only.
  const tasks = [];
  for (const e of list.filter((e) => (e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask") && e.dur >= min * 1000 && e.ts >= t0).sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    const last = tasks.at(-1);
    if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
  }
  console.log(`\n${name} (${key}): ${tasks.length} tasks of ≥ ${min} ms, busy ${(tasks.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(0)} ms`);
  for (const task of tasks) console.log(`  ${at(task.ts)} +${(task.dur / 1000).toFixed(1)}  ${inside(task, list).join(" | ")}`);
}
