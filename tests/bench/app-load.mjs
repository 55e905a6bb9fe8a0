// The real app's main thread while a reader loads a big corpus as their own
// files (issue 8: indexing happens in a Web Worker with progress, and "the main
// thread never blocks for more than 50 ms").
//
// The corpus (<name>.txt, cut at the offsets of <name>.json) is written as one
// .txt file per document into a folder, and the folder is given to the app's
// "choose a folder" input (`[data-testid=folder-input]`, webkitdirectory) with
// playwright's setInputFiles: disk-backed File objects named with their folder,
// as when a reader picks (or drops) a folder — several thousand files. "Replace
// the bundled corpus" is ticked, so the app ends up with exactly these documents.
//
// Measured run: a monitor installed before the load records long tasks
// (PerformanceObserver "longtask", buffered), every animation frame, a 10 ms
// timer chain, the progress bar (each DOM update, and what each frame showed),
// and the milestones: `change` on the input (the load starts), the first
// progress from the worker, the progress bar hidden (indexed), and the article
// list and status line showing the new count, then the next frame (done).
// Everything is counted from `change`: what the browser does before it (making
// thousands of File objects for setInputFiles) is its own work, reported apart.
//
// Traced run (only when the measured run had long tasks): the same load again
// under a Chrome trace (devtools timeline + V8 sampling profiler), to say what
// each long task was: script by function (file:line of the function, DOM calls
// and forced layout included), layout and style (forced by script or in the
// frame), paint, GC, and the deserialisation of messages from the worker.
// Tracing slows the page, so its durations are not the reported figures.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A task longer than this blocks the page (the Long Tasks API's threshold, and the issue's). */
export const LONG_TASK_MS = 50;
/** Kept watching after the list is on screen, for the rendering and clean-up that follow. */
const SETTLE_MS = 1500;
/** The timer chain's interval: a gap in it is a task that held the thread. */
const TICK_MS = 10;
const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-v8.cpu_profiler",
  "v8.execute",
  "blink.user_timing",
];

/**
 * Writes corpus `name` as one file per document, `<outDir>/<name>/00000.txt`…
 * @returns {{ dir: string, files: number, bytes: number }}
 */
export function writeDocumentFiles(corporaDir, name, outDir) {
  const meta = JSON.parse(readFileSync(join(corporaDir, `${name}.json`), "utf8"));
  const data = readFileSync(join(corporaDir, `${name}.txt`));
  const dir = join(outDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const width = String(meta.docs).length;
  for (let i = 0; i < meta.docs; i++) {
    writeFileSync(join(dir, `${String(i).padStart(width, "0")}.txt`), data.subarray(meta.offsets[i], meta.offsets[i + 1]));
  }
  return { dir, files: meta.docs, bytes: meta.offsets[meta.docs] };
}

/** Installed in the page before the load (page.evaluate): see the header. */
function monitor({ expected, tickMs }) {
  const m = (window.__appLoad = { longTasks: [], frames: [], ticks: [], marks: {}, progressDom: 0, painted: 0 });
  const pick = (id) => document.querySelector(`[data-testid="${id}"]`);
  const box = pick("index-progress");
  const bar = pick("index-progress-bar");
  const text = pick("index-progress-text");
  const list = pick("article-list");
  const status = pick("status");
  const mark = (name) => {
    if (m.marks[name] !== undefined) return;
    m.marks[name] = performance.now();
    performance.mark(`app-load:${name}`);
  };

  new PerformanceObserver((entries) => {
    for (const e of entries.getEntries()) m.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });

  // Progress: every distinct label written, and every distinct label a frame showed.
  const written = new Set();
  const shown = new Set();
  const label = () => `${bar.value}/${bar.max} ${text.textContent}`;
  new MutationObserver(() => {
    if (box.hidden) {
      if (m.marks.shown !== undefined) mark("indexed");
    } else {
      mark("shown");
      if (bar.max > 1) mark("indexing"); // the worker's first progress (the app's own says 0 of 0 bytes)
      written.add(label());
      m.progressDom = written.size;
    }
    check();
  }).observe(box, { subtree: true, childList: true, attributes: true, characterData: true });

  const frame = () => {
    m.frames.push(performance.now());
    if (!box.hidden) {
      shown.add(label());
      m.painted = shown.size;
    }
    if (!m.stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const tick = () => {
    m.ticks.push(performance.now());
    if (!m.stopped) setTimeout(tick, tickMs);
  };
  setTimeout(tick, tickMs);

  // The load starts when the input says so (capture: before the app's own listener).
  document.addEventListener("change", () => mark("change"), true);

  const rowsBefore = list.children.length;
  // Done: ready, the progress gone, the list and the status line at the new count; then the next frame.
  const count = new RegExp(`(^|\\D)${expected}(\\D|$)`);
  // Half a second without a change to the list once it is the new one (see check).
  const quietMs = 500;
  let quiet = null;
  function check() {
    if (m.marks.listed !== undefined || m.marks.indexed === undefined) return;
    if (document.documentElement.dataset.state !== "ready") return;
    if (!count.test(status.textContent.replace(/[,\s\u00a0\u202f]/g, ""))) return;
    // A row per article, but a story's copies are folded under its lead (issue 17), and rows
    // far from view are placeholders that do not say how many copies they fold; the list is
    // also put in place in slices. So the list is the new one once its rows changed from
    // the bundled corpus's, are no more than the new count (at 50 MB of poetry: 12,079 rows
    // for 12,083 articles, 4 stories), and stayed so for `quietMs`: listed is the last
    // change, done the frame after it.
    if (list.children.length === rowsBefore || list.children.length > expected) return;
    const at = performance.now();
    clearTimeout(quiet);
    quiet = setTimeout(() => {
      m.marks.listed = at;
      m.status = status.textContent;
      m.listed = list.children.length;
      m.marks.done = m.frames.find((t) => t > at) ?? at;
    }, quietMs);
  }
  new MutationObserver(check).observe(list, { childList: true });
  new MutationObserver(check).observe(status, { childList: true, characterData: true, subtree: true });
}

/** Longest gap between consecutive times, counting only from `from` to `to`. */
function longestGap(times, from, to) {
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i] <= from || times[i - 1] >= to) continue;
    longest = Math.max(longest, Math.min(times[i], to) - Math.max(times[i - 1], from));
  }
  return longest;
}

/** Figures from the monitor's record (times relative to `change`). */
function figures(m) {
  const { change, indexing, indexed, done } = m.marks;
  const end = done + SETTLE_MS;
  let browserSetFilesMs = 0;
  const longTasks = [];
  for (const t of m.longTasks) {
    const stop = t.start + t.duration;
    if (stop <= change || t.start >= end) continue;
    // The task that dispatched `change` began with the browser making the File objects.
    if (t.start < change) browserSetFilesMs = change - t.start;
    const ms = stop - Math.max(t.start, change);
    if (ms > LONG_TASK_MS) longTasks.push({ at: Math.max(t.start, change) - change, ms });
  }
  const frameTimes = m.frames.filter((t) => t >= change && t <= done);
  return {
    loadMs: done - change,
    phases: { readAndSendMs: indexing - change, indexMs: indexed - indexing, showMs: done - indexed },
    browserSetFilesMs,
    longTasks,
    longTaskCount: longTasks.length,
    longestTaskMs: longTasks.reduce((n, t) => Math.max(n, t.ms), 0),
    totalBlockingMs: longTasks.reduce((n, t) => n + t.ms - LONG_TASK_MS, 0),
    longestFrameGapMs: longestGap(m.frames, change, end),
    frames: frameTimes.length,
    longestTimerGapMs: longestGap(m.ticks, change, end),
    progress: { dom: m.progressDom, painted: m.painted },
    listed: m.listed,
    status: m.status,
  };
}

/**
 * One load of `dir` into a fresh app (and, when it blocked, a traced one).
 * @returns the figures, `causes` (per long task of the traced run) and page problems
 */
export async function measureAppLoad(browser, base, { name, dir, files, bytes, servedDir, trace = true, tracePath = null, log = () => {} }) {
  const out = { name, files, bytes };
  const first = await loadOnce(browser, base, { dir, files, bytes, trace: false });
  Object.assign(out, first.result, { problems: first.problems });
  if (first.error) {
    out.error = first.error;
    return out;
  }
  log(`  app ${name}: loaded in ${(out.loadMs / 1000).toFixed(1)} s, ${out.longTaskCount} long tasks, longest ${out.longestTaskMs.toFixed(0)} ms`);
  if (trace && out.longTaskCount > 0) {
    log(`  app ${name}: traced run, to find what the long tasks are…`);
    const traced = await loadOnce(browser, base, { dir, files, bytes, trace: true });
    if (traced.error) out.causesError = traced.error;
    else {
      if (tracePath) writeFileSync(tracePath, traced.trace);
      try {
        out.causes = causes(JSON.parse(traced.trace.toString("utf8")), { servedDir });
        out.tracedLoadMs = traced.result.loadMs;
        out.tracePath = tracePath;
      } catch (error) {
        out.causesError = `trace not understood: ${String(error?.message ?? error).slice(0, 200)}`;
      }
    }
  }
  return out;
}

async function loadOnce(browser, base, { dir, files, bytes, trace }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = new Set();
  page.on("console", (m) => m.type() === "error" && problems.add(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.add(`page error: ${e.message}`));
  page.on("crash", () => problems.add("renderer crashed"));
  let tracing = false;
  try {
    await page.goto(`${base}dist/index.html`);
    await page.waitForFunction(() => document.documentElement.dataset.state === "ready", null, { timeout: 30_000 });
    await page.locator('[data-testid="replace-corpus"]').check();
    await page.evaluate(monitor, { expected: files, tickMs: TICK_MS });
    await page.waitForTimeout(300); // a few quiet frames first
    if (trace) {
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      tracing = true;
    }
    await page.locator('[data-testid="folder-input"]').setInputFiles(dir);
    // Generous: a minute plus 10 s per MB, for a slow shared machine.
    await page.waitForFunction(() => window.__appLoad.marks.done !== undefined, null, {
      timeout: 60_000 + (bytes / 1e6) * 10_000,
      polling: 250,
    });
    await page.waitForTimeout(SETTLE_MS);
    const m = await page.evaluate(() => {
      window.__appLoad.stopped = true;
      return window.__appLoad;
    });
    const traceBuffer = tracing ? await browser.stopTracing() : null;
    tracing = false;
    return { result: figures(m), trace: traceBuffer, problems: [...problems] };
  } catch (error) {
    const marks = await page.evaluate(() => window.__appLoad?.marks).catch(() => null);
    const message = String(error?.message ?? error).split("\n")[0].slice(0, 300);
    return { error: `${message} (milestones reached: ${Object.keys(marks ?? {}).join(", ") || "none"})`, problems: [...problems] };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// The trace: what each long task of the page's main thread was

/**
 * Where a profile node's function starts, `{ fn, at: "app.js:352", code }` with
 * the first characters of its source (which also places it in a minified
 * bundle, where names are mangled and everything is on line 1), or null for
 * native code.
 */
function placer(servedDir) {
  const lines = new Map();
  const sourceLines = (path) => {
    if (!lines.has(path)) {
      let text = null;
      try {
        text = servedDir ? readFileSync(join(servedDir, decodeURIComponent(path))).toString("utf8").split("\n") : null;
      } catch {
        // not one of the served files
      }
      lines.set(path, text);
    }
    return lines.get(path);
  };
  return (frame) => {
    if (!frame?.url || !/^https?:/.test(frame.url)) return null;
    const path = new URL(frame.url).pathname;
    const line = sourceLines(path)?.[frame.lineNumber] ?? "";
    const long = line.length > 400; // minified: the column says where
    return {
      fn: frame.functionName || "(anonymous)",
      at: `${path.replace(/^\/dist\//, "")}:${frame.lineNumber + 1}${long ? `:${frame.columnNumber + 1}` : ""}`,
      code: (long ? line.slice(frame.columnNumber, frame.columnNumber + 60) : line.trim().slice(0, 80)).replace(/\s+/g, " ") || null,
    };
  };
}

/** The main thread's V8 profile from the trace: nodes, samples and their times (µs). */
function mainProfile(events, pid, tid) {
  const profiles = new Map();
  for (const e of events) {
    if (e.name === "Profile" && e.pid === pid && e.tid === tid) {
      profiles.set(e.id, { start: e.args.data.startTime, nodes: new Map(), samples: [], times: [] });
    }
  }
  for (const e of events) {
    const p = e.name === "ProfileChunk" && e.pid === pid ? profiles.get(e.id) : null;
    if (!p) continue;
    const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
    for (const node of cpuProfile.nodes ?? []) p.nodes.set(node.id, node);
    let at = p.times.at(-1) ?? p.start;
    (cpuProfile.samples ?? []).forEach((sample, i) => {
      at += timeDeltas[i] ?? 0;
      p.samples.push(sample);
      p.times.push(at);
    });
  }
  return [...profiles.values()].sort((a, b) => b.samples.length - a.samples.length)[0] ?? null;
}

/**
 * Per long task of the renderer's main thread between `change` and the end
 * of the run: when (ms after `change`), how long, and what it was.
 */
export function causes(trace, { servedDir = null } = {}) {
  const place = placer(servedDir);
  const events = trace.traceEvents ?? trace;
  const marks = {};
  let pid = null;
  let tid = null;
  for (const e of events) {
    const name = e.name?.match(/^app-load:(\w+)$/)?.[1];
    if (!name || e.cat !== "blink.user_timing") continue;
    marks[name] = e.ts;
    pid = e.pid;
    tid = e.tid;
  }
  if (marks.change === undefined) throw new Error("no app-load:change mark in the trace");
  const thread = events
    .filter((e) => e.ph === "X" && e.pid === pid && e.tid === tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Nesting: each event's parent and its own time (dur minus its children's).
  const stack = [];
  for (const e of thread) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    e.parent = stack.at(-1) ?? null;
    e.self = e.dur;
    if (e.parent) e.parent.self -= e.dur;
    stack.push(e);
  }
  // Layout or style asked for by script (reading scrollTop, offsetHeight…), not by the next frame.
  const underScript = (e) => {
    for (let p = e.parent; p; p = p.parent) {
      if (/^(FunctionCall|RunMicrotasks|EventDispatch|TimerFire|FireAnimationFrame|HandlePostMessage|v8\.)/.test(p.name)) return true;
    }
    return false;
  };
  const profile = mainProfile(events, pid, tid);
  const parentOf = new Map();
  for (const node of profile?.nodes.values() ?? []) {
    if (node.parent !== undefined) parentOf.set(node.id, node.parent);
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const end = (marks.done ?? Infinity) + SETTLE_MS * 1000;
  const phase = (ts) =>
    ts < (marks.indexing ?? Infinity) ? "reading the files, sending them to the worker"
      : ts < (marks.indexed ?? Infinity) ? "while the worker indexes"
        : "showing the new corpus";
  const out = [];
  for (const task of thread) {
    if (task.name !== "RunTask" || task.parent) continue;
    const from = Math.max(task.ts, marks.change);
    const to = task.ts + task.dur;
    if (to <= marks.change || task.ts >= end || to - from <= LONG_TASK_MS * 1000) continue;
    const inside = thread.filter((e) => e.ts >= from && e.ts < to && e !== task);
    const sum = (test) => inside.filter(test).reduce((n, e) => n + e.dur, 0) / 1000;
    const layouts = inside.filter((e) => e.name === "Layout" || e.name === "UpdateLayoutTree");
    // Script, by the innermost function of ours on the stack (DOM calls and forced layout count for it).
    const scripts = new Map();
    let gc = 0;
    let native = 0;
    if (profile) {
      for (let i = 0; i < profile.samples.length; i++) {
        const at = profile.times[i];
        if (at < from || at >= to) continue;
        const next = profile.times[i + 1];
        const dt = Math.min(next === undefined ? 0 : next - at, to - at) / 1000;
        let where = null;
        for (let id = profile.samples[i]; id !== undefined && !where; id = parentOf.get(id)) {
          where = place(profile.nodes.get(id)?.callFrame);
        }
        const key = where && JSON.stringify(where);
        const leaf = profile.nodes.get(profile.samples[i])?.callFrame?.functionName;
        if (key) scripts.set(key, (scripts.get(key) ?? 0) + dt);
        else if (leaf === "(garbage collector)") gc += dt;
        else if (leaf !== "(idle)") native += dt;
      }
    }
    out.push({
      atMs: (from - marks.change) / 1000,
      ms: (to - from) / 1000,
      // The thread's own CPU time in it (a share of it when the task began before `change`):
      // far below the wall time means the thread was waiting for a core, not working.
      cpuMs: task.tdur === undefined ? null : ((task.tdur / 1000) * (to - from)) / task.dur,
      beforeChangeMs: task.ts < marks.change ? (marks.change - task.ts) / 1000 : 0,
      phase: phase(from),
      scripts: [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([key, ms]) => ({ ...JSON.parse(key), ms })),
      forcedLayoutMs: layouts.filter(underScript).reduce((n, e) => n + e.dur, 0) / 1000,
      layoutMs: sum((e) => e.name === "Layout"),
      styleMs: sum((e) => e.name === "UpdateLayoutTree"),
      paintMs: sum((e) => e.name === "PrePaint" || e.name === "Paint" || e.name === "Layerize"),
      // A message from the worker: its own time, outside the listeners it runs, is deserialising it.
      deserializeMs: inside.filter((e) => e.name === "HandlePostMessage").reduce((n, e) => n + e.self, 0) / 1000,
      gcMs: gc,
      nativeMs: native, // outside any script of ours: rendering, the browser's own work
      events: Object.fromEntries(
        Object.entries(
          inside.reduce((acc, e) => ((acc[e.name] = (acc[e.name] ?? 0) + e.self / 1000), acc), {}),
        )
          .filter(([, ms]) => ms >= 5)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8),
      ),
    });
  }
  return out;
}
