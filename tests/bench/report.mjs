// Turns one benchmark run (run.mjs) into the Markdown of tests/bench/RESULTS.md.

const ENGINE_NAMES = {
  ours: "ours (wasm)",
  flexsearch: "FlexSearch",
  minisearch: "MiniSearch",
  pagefind: "Pagefind",
};
const THEIRS = ["flexsearch", "minisearch", "pagefind"];

const KiB = 1024;
const MiB = 1024 * 1024;

function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
const median = (values) => percentile(values, 50);

const ms = (v, digits) => {
  if (v == null || !Number.isFinite(v)) return "–";
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 1) return `${v.toFixed(digits ?? 1)} ms`;
  return `${v.toFixed(digits ?? 3)} ms`;
};
const mb = (bytes) => (bytes == null || !Number.isFinite(bytes) ? "–" : `${(bytes / MiB).toFixed(1)} MiB`);
const kib = (bytes) => (bytes == null ? "–" : `${(bytes / KiB).toFixed(1)} KiB`);
const pct = (v) => (v == null ? "–" : `${(v * 100).toFixed(1)} %`);
const ratio = (v) => (v == null || !Number.isFinite(v) ? "–" : v >= 10 ? `${v.toFixed(0)}×` : `${v.toFixed(2)}×`);

function table(head, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Per-engine figures for one corpus. */
function figures(r, naive) {
  if (!r || r.error || !r.queries) return null;
  const samples = r.queries.samples.flat();
  const build = r.engine === "pagefind" ? r.build?.ms : r.build?.buildMs;
  let hit = 0;
  let expected = 0;
  let returned = 0;
  const perQuery = naive.map((truth, k) => {
    const got = new Set(r.ids?.[k] ?? []);
    const want = new Set(truth);
    let both = 0;
    for (const id of got) if (want.has(id)) both++;
    hit += both;
    expected += want.size;
    returned += got.size;
    return { got: got.size, both };
  });
  const heapDelta = r.heapAfter && r.heapBefore ? r.heapAfter.used - r.heapBefore.used : null;
  const externalDelta =
    r.heapAfter?.external != null && r.heapBefore?.external != null ? r.heapAfter.external - r.heapBefore.external : null;
  const noSnippets = r.queriesNoSnippets?.samples.flat();
  return {
    heapDelta,
    externalDelta,
    residentAfter: r.residentAfter,
    noSnippetsP50: noSnippets ? percentile(noSnippets, 50) : null,
    noSnippetsP95: noSnippets ? percentile(noSnippets, 95) : null,
    stats: r.stats,
    build,
    parts: r.build?.parts ?? {},
    peakBuild: r.engine === "pagefind" ? r.build?.binaryPeakBytes : r.peakBuild,
    peakAll: r.peakAll,
    wasm: r.memAfter?.wasmMemory ?? null,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    firstMax: Math.max(...r.queries.first),
    firstMedian: median(r.queries.first),
    counts: r.queries.counts,
    conc: r.concordance,
    recall: expected ? hit / expected : null,
    precision: returned ? hit / returned : null,
    perQuery,
    initMs: r.load?.initMs,
  };
}

export function report({ env, seeds, corpora, results, pagefind, appLoad = {}, reopen = {}, queries, elapsedS }) {
  const out = [];
  const { machine, versions, date, config } = env;
  out.push("# Benchmark results");
  out.push("");
  out.push(
    "Written by `bash scripts/bench.sh` (tests/bench/run.mjs); how each figure is measured: " +
      "[`tests/bench/README.md`](README.md). Targets are reported, not asserted.",
  );
  out.push("");
  out.push("## Machine and versions");
  out.push("");
  out.push(
    table(
      ["what", "value"],
      [
        ["date", date],
        ["cores (nproc)", String(machine.nproc)],
        ["CPU", machine.cpu],
        ["RAM", `${(machine.ramBytes / 2 ** 30).toFixed(1)} GiB`],
        ...Object.entries(versions).map(([k, v]) => [k, v ?? "not installed"]),
        ["load average (1/5/15 min) at start / end", `${env.loadStart} / ${env.loadEnd}`],
        ["run took", `${(elapsedS / 60).toFixed(1)} min`],
        ["settings", `sizes ${config.sizes.join(", ")} MB; ${config.passes} timed passes; ${config.coldRuns} cold starts; skip a larger build predicted over ${config.maxBuildS} s; site measured: \`${config.site ?? "dist"}\``],
      ],
    ),
  );
  out.push("");

  // ---- seeds ---------------------------------------------------------------------------------
  const targets = [];
  if (seeds?.error) {
    out.push("## Bundled seeds: cold start and first-load transfer");
    out.push("");
    out.push(`Not measured: ${seeds.error}`);
    out.push("");
  } else if (seeds) {
    out.push("## Bundled seeds: cold start and first-load transfer");
    out.push("");
    const r = seeds.runs;
    const col = (key) => r.map((x) => x[key]);
    out.push(
      `${r.length} runs, each in a fresh browser context (empty cache): \`dist/index.html?q=京东\`` +
        (seeds.qParam
          ? ", which the page searches on start."
          : "; the page reads no `q` parameter, so the query is put in the search box as soon as " +
            "the box exists (as if typed while loading), and the page searches what the box holds once the corpus is ready.") +
        " Times from navigation start; \"rendered\" is the first task after the next animation frame following the first `[data-testid=hit-list] li`.",
    );
    out.push("");
    out.push(
      table(
        ["milestone", "median", "min", "max"],
        [
          ["DOMContentLoaded", ...["domContentLoaded"].flatMap((k) => [median(col(k)), Math.min(...col(k)), Math.max(...col(k))].map((v) => ms(v)))],
          // The boot's marks (www/main.js); a build from before them has none: the rows are left out.
          ...[
            ["boot runs (main.js: worker and wasm started)", "boot"],
            ["interface mounted (app.js)", "mount"],
          ]
            .filter(([, k]) => col(k).every((v) => typeof v === "number"))
            .map(([label, k]) => [label, ...[median(col(k)), Math.min(...col(k)), Math.max(...col(k))].map((v) => ms(v))]),
          ["first hit in the DOM", ...[median(col("firstHit")), Math.min(...col("firstHit")), Math.max(...col("firstHit"))].map((v) => ms(v))],
          ["**first result rendered** (next frame)", ...[median(col("rendered")), Math.min(...col("rendered")), Math.max(...col("rendered"))].map((v) => `**${ms(v)}**`)],
          ["page ready (`data-state=ready`: storing on, after the first result)", ...[median(col("ready")), Math.min(...col("ready")), Math.max(...col("ready"))].map((v) => ms(v))],
        ],
      ),
    );
    out.push("");
    const kinds = ["wasm", "JS", "CSS/HTML", "data"];
    const sum = (files, key) => files.reduce((n, f) => n + (f[key] ?? 0), 0);
    const rows = kinds.map((kind) => {
      const files = seeds.transfer.filter((f) => f.kind === kind);
      return [kind, String(files.length), kib(sum(files, "raw")), kib(sum(files, "gzip"))];
    });
    const code = seeds.transfer.filter((f) => f.kind !== "data");
    rows.push(["**code (wasm + JS + CSS/HTML)**", String(code.length), kib(sum(code, "raw")), `**${kib(sum(code, "gzip"))}**`]);
    rows.push(["everything", String(seeds.transfer.length), kib(sum(seeds.transfer, "raw")), kib(sum(seeds.transfer, "gzip"))]);
    out.push(
      "Everything the first load fetched until the first result was rendered, the page's and its workers' requests " +
        "(playwright `requestfinished`); `serve.py` does not compress, so raw is what the wire carried (without headers); " +
        "gzip is `gzip -9` of the same files, what a compressing host would send:",
    );
    out.push("");
    out.push(table(["kind", "files", "raw", "gzip -9"], rows));
    out.push("");
    out.push("<details><summary>files</summary>\n");
    out.push(table(["file", "kind", "raw", "gzip -9"], seeds.transfer.map((f) => [`\`${f.path}\``, f.kind, kib(f.raw), kib(f.gzip)])));
    out.push("\n</details>");
    out.push("");
    if (seeds.problems.length) out.push(`Page problems: ${seeds.problems.map((p) => `\`${p}\``).join("; ")}\n`);
    const rendered = median(col("rendered"));
    targets.push(["seeds: cold start to first rendered result", "< 150 ms", ms(rendered), rendered < 150]);
    const codeGzip = sum(code, "gzip");
    targets.push(["seeds: first-load transfer for search (code, gzip)", "< 250 KiB", kib(codeGzip), codeGzip < 250 * KiB]);
    const allGzip = sum(seeds.transfer, "gzip");
    targets.push(["seeds: first-load transfer incl. the articles (gzip)", "(for reference)", kib(allGzip), null]);
  }

  // ---- corpora -------------------------------------------------------------------------------
  for (const [name, corpus] of Object.entries(corpora)) {
    const meta = corpus.meta;
    const res = results[name] ?? {};
    const f = Object.fromEntries(Object.entries(res).map(([engine, r]) => [engine, figures(r, corpus.naive)]));
    out.push(`## ${corpus.size} MB of real Chinese text`);
    out.push("");
    out.push(
      `chinese-poetry ${env.versions["chinese-poetry"]}: ${meta.docs} documents, ${(meta.bytes / 1e6).toFixed(1)} MB UTF-8 ` +
        `(${((meta.traditionalBytes / meta.bytes) * 100).toFixed(0)} % Traditional: 全唐詩 then 全宋詩; ` +
        `${((meta.simplifiedBytes / meta.bytes) * 100).toFixed(0)} % Simplified: 宋词, 元曲), ` +
        `${queries.length} queries, ${config.passes} timed passes. Each engine in a Web Worker of a fresh page.`,
    );
    out.push("");
    const rows = [];
    for (const engine of Object.keys(ENGINE_NAMES)) {
      const r = res[engine];
      if (!r) continue;
      const x = f[engine];
      if (!x) {
        rows.push([ENGINE_NAMES[engine], `not measured: ${r.error ?? "?"}`, "", "", "", "", "", "", "", ""]);
        continue;
      }
      const parts = Object.entries(x.parts)
        .map(([k, v]) => `${k.replace(/Ms$/, "")} ${ms(v)}`)
        .join(", ");
      const buildCell = engine === "pagefind" ? `${ms(x.build)} (in Node)` : ms(x.build);
      const times = (bytes) => (bytes == null ? "" : ` (${(bytes / meta.bytes).toFixed(2)}×)`);
      const peakCell =
        engine === "pagefind"
          ? `indexer ${mb(x.peakBuild)}${times(x.peakBuild)}; page ${mb(x.peakAll)}`
          : `${mb(x.peakBuild)}${times(x.peakBuild)}`;
      const afterCell =
        engine === "pagefind"
          ? "–"
          : `${mb(x.residentAfter)} / ${mb(x.heapDelta)}` + (engine === "ours" ? ` / ${mb(x.wasm)}` : "");
      const conc = x.conc?.[0];
      const concCell = conc
        ? `${ms(conc.ms)} / ${ms(x.conc[1].ms)} (${conc.total ?? `${conc.pagesMatched} pages`})`
        : "–";
      rows.push([
        ENGINE_NAMES[engine],
        parts ? `${buildCell} (${parts})` : buildCell,
        peakCell,
        afterCell,
        ms(x.p50),
        ms(x.p95),
        ms(x.firstMax),
        concCell,
        pct(x.recall),
        pct(x.precision),
      ]);
    }
    out.push(
      table(
        [
          "engine",
          "index build",
          "peak memory in build (ΔRSS, × corpus)",
          "after build: ΔRSS / V8 heap Δ / wasm memory",
          "query p50",
          "query p95",
          "slowest first query",
          `concordance ${"之"} first page: first / again (total)`,
          "recall",
          "precision",
        ],
        rows,
      ),
    );
    out.push("");
    const ours0 = f.ours;
    if (ours0?.noSnippetsP50 != null) {
      out.push(
        `Ours without snippets (\`{ limit: 10, snippets: 0 }\`): query p50 ${ms(ours0.noSnippetsP50)}, p95 ${ms(ours0.noSnippetsP95)}.`,
      );
    }
    if (ours0?.stats) {
      const st = ours0.stats;
      const removed = Object.entries(st.removed)
        .map(([k, v]) => `${k} ${((v / st.chars) * 100).toFixed(1)} %`)
        .join(", ");
      out.push(
        `Ours searches the cleaned text: cleaning kept ${((st.keptChars / st.chars) * 100).toFixed(1)} % of the characters (removed: ${removed || "nothing"}), ` +
          "which is why its counts can fall short of the naive scan over the raw documents. " +
          `Scripts detected: ${Object.entries(st.scripts).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
      );
    }
    out.push("");

    // Ratios
    const ours = f.ours;
    if (ours) {
      const ratioRows = [];
      for (const engine of THEIRS) {
        const x = f[engine];
        if (!x) continue;
        ratioRows.push([
          ENGINE_NAMES[engine],
          x.build && ours.build ? `${ratio(x.build / ours.build)} (ours ${x.build >= ours.build ? "faster" : "slower"})` : "–",
          x.p50 && ours.p50 ? ratio(ours.p50 / x.p50) : "–",
          x.p95 && ours.p95 ? ratio(ours.p95 / x.p95) : "–",
          engine === "pagefind" ? "–" : x.peakBuild && ours.peakBuild ? ratio(ours.peakBuild / x.peakBuild) : "–",
          x.conc?.[0]?.ms && ours.conc?.[0]?.ms ? ratio(ours.conc[0].ms / x.conc[0].ms) : "–",
        ]);
      }
      if (ratioRows.length) {
        out.push("Ours as a ratio to theirs (build: their time ÷ ours, so > 1× means ours builds faster; the rest: ours ÷ theirs, so < 1× means ours is faster or smaller):");
        out.push("");
        out.push(table(["vs", "build speed", "query p50", "query p95", "peak memory", "concordance (first)"], ratioRows));
        out.push("");
      }
      const fx = f.flexsearch;
      const mini = f.minisearch;
      targets.push([`${corpus.size} MB: build ≥ 10× faster than MiniSearch`, "≥ 10×", mini ? ratio(mini.build / ours.build) : res.minisearch?.error ?? "–", mini ? mini.build / ours.build >= 10 : null]);
      targets.push([`${corpus.size} MB: build ≥ 2× faster than FlexSearch`, "≥ 2×", fx ? ratio(fx.build / ours.build) : res.flexsearch?.error ?? "–", fx ? fx.build / ours.build >= 2 : null]);
      targets.push([`${corpus.size} MB: query p95 ≤ FlexSearch's`, fx ? `≤ ${ms(fx.p95)}` : "–", ms(ours.p95), fx ? ours.p95 <= fx.p95 : null]);
      if (corpus.size <= 10) targets.push([`${corpus.size} MB: query p95 < 1 ms`, "< 1 ms", ms(ours.p95), ours.p95 < 1]);
      targets.push([`${corpus.size} MB: peak memory ≤ 3× corpus bytes`, `≤ ${mb(3 * meta.bytes)}`, `${mb(ours.peakBuild)} (${(ours.peakBuild / meta.bytes).toFixed(2)}×)`, ours.peakBuild <= 3 * meta.bytes]);
    }

    // Per query
    out.push("<details><summary>per query: matching documents (and ours: occurrences, p50)</summary>\n");
    const engines = Object.keys(ENGINE_NAMES).filter((e) => f[e]);
    const qRows = queries.map(({ q, kind }, k) => {
      const cells = [`\`${q}\``, kind, String(corpus.naive[k].length)];
      for (const e of engines) {
        const x = f[e];
        const c = x.counts[k];
        const pq = x.perQuery[k];
        const mark = pq.got === corpus.naive[k].length && pq.both === pq.got ? "" : ` (${pq.both}✓)`;
        const samples = res[e]?.queries?.samples?.[k] ?? [];
        cells.push(e === "ours" ? `${c.docs}${mark} · ${c.occurrences} occ · ${ms(median(samples))}` : `${c.docs}${mark}`);
      }
      return cells;
    });
    out.push(
      table(["query", "kind", "naive scan", ...engines.map((e) => ENGINE_NAMES[e])], qRows),
    );
    out.push(
      "\nCounts are matching documents; `(n✓)` is how many of them the naive scan also finds, shown when the sets differ.",
    );
    out.push("\n</details>");
    out.push("");
    const probs = Object.values(res).flatMap((r) => (r.problems ?? []).map((p) => `${r.engine}: ${p}`));
    if (probs.length) out.push(`Page problems: ${[...new Set(probs)].map((p) => `\`${p}\``).join("; ")}\n`);
  }

  // ---- the app loading the reader's own files ---------------------------------------------------
  if (Object.keys(appLoad).length) out.push(...appLoadSection(appLoad, corpora, targets));

  // ---- the corpus as one snapshot: saved, opened, kept in the browser and reopened ------------
  out.push(...snapshotSection(results, reopen, corpora, targets));

  // ---- targets ---------------------------------------------------------------------------------
  out.push("## Targets (reported, not asserted)");
  out.push("");
  out.push(
    table(
      ["target", "goal", "measured", "met"],
      targets.map(([what, goal, got, met]) => [what, goal, got, met == null ? "–" : met ? "yes" : "**no**"]),
    ),
  );
  out.push("");
  const notes = [];
  for (const [name, res] of Object.entries(results)) {
    for (const r of Object.values(res)) {
      if (r.error) notes.push(`${name} ${ENGINE_NAMES[r.engine]}: ${r.error}`);
    }
  }
  for (const [name, a] of Object.entries(appLoad)) {
    if (a.error) notes.push(`${name} app, own files: ${a.error}`);
    else if (a.causesError) notes.push(`${name} app, own files: what the long tasks were: ${a.causesError}`);
  }
  for (const [name, r] of Object.entries(reopen)) {
    if (r.error) notes.push(`${name} app, own corpus reopened after a reload: ${r.error}`);
  }
  for (const [name, p] of Object.entries(pagefind ?? {})) {
    if (!p.ok && !p.skipped && !notes.some((n) => n.startsWith(`${name} Pagefind`))) notes.push(`${name} Pagefind: ${p.error}`);
  }
  if (notes.length) {
    out.push("## Not measured");
    out.push("");
    for (const n of [...new Set(notes)]) out.push(`- ${n}`);
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/**
 * Issue 15: the snapshot's size against the text, save() and open() in the
 * bench worker, and the app reopening a stored own corpus after a reload
 * (reopen.mjs) against adding its files again.
 */
function snapshotSection(results, reopen, corpora, targets) {
  const out = [];
  const rows = [];
  for (const [name, corpus] of Object.entries(corpora)) {
    const snap = results[name]?.ours?.snapshot;
    if (!snap) continue;
    const text = corpus.meta.bytes;
    rows.push([
      `${corpus.size} MB`,
      mb(text),
      `${mb(snap.bytes)} (${(snap.bytes / text).toFixed(2)}×)`,
      `${mb(snap.gzipBytes)} (${(snap.gzipBytes / text).toFixed(2)}×)`,
      ms(snap.saveMs),
      ms(snap.openMs),
      ms(snap.firstSearchMs),
      snap.same ? "yes" : "**no**",
    ]);
  }
  const reopened = Object.entries(reopen).filter(([, r]) => !r.error);
  if (rows.length === 0 && reopened.length === 0) return out;
  out.push("## The corpus as one snapshot: saved, opened, kept in the browser");
  out.push("");
  if (rows.length) {
    out.push(
      "In the bench worker (ours, after the queries): `corpus.save()` timed, its bytes raw and gzipped (`CompressionStream`), " +
        "`Corpus.open(bytes)` timed, and the opened corpus's first search (京东, 10 results); \"same\": it finds as many documents as the saved one.",
    );
    out.push("");
    out.push(table(["corpus", "text (UTF-8)", "snapshot", "gzip", "save()", "open()", "first search after open", "same"], rows));
    out.push("");
  }
  if (reopened.length || Object.keys(reopen).length) {
    out.push(
      "The app (`dist/index.html`) in one browser context: the corpus given as the reader's own files (a folder, \"replace the " +
        "bundled corpus\" ticked), timed to the list showing them (**re-adding the files**) and to the page saying the worker " +
        "stored it (Origin Private File System); then the address opened again with `?q=京东`, as a reader coming back, timed " +
        "from navigation start to `data-state=ready` and to the **first result** in the list (init-script MutationObserver). " +
        "**Target: ≤ 1 s to the first result for a 50 MB own corpus.**",
    );
    out.push("");
    const rowsApp = Object.entries(reopen).map(([name, r]) =>
      r.error
        ? [`${corpora[name]?.size ?? name} MB`, `not measured: ${r.error}`, "", "", "", ""]
        : [`${corpora[name]?.size ?? name} MB`, `${r.files} (${mb(r.bytes)})`, `**${ms(r.addMs)}**`, `${ms(r.storedMs)} (${mb(r.storedBytes)})`, ms(r.readyMs), `**${ms(r.firstResultMs)}**`],
    );
    out.push(table(["corpus", "files", "re-adding the files", "stored after", "reload: ready", "reload: first result"], rowsApp));
    out.push("");
    for (const [name, r] of reopened) {
      if (corpora[name]?.size >= 50) targets.push([`${corpora[name].size} MB own corpus: first result after a reload`, "≤ 1 s", `${ms(r.firstResultMs)} (re-adding: ${ms(r.addMs)})`, r.firstResultMs <= 1000]);
    }
    const probs = Object.values(reopen).flatMap((r) => r.problems ?? []);
    if (probs.length) out.push(`Page problems: ${[...new Set(probs)].map((p) => `\`${p}\``).join("; ")}\n`);
  }
  return out;
}

/**
 * The app's main thread while the reader loads each corpus as their own files
 * (app-load.mjs): the figures, then what the long tasks were (traced run).
 */
function appLoadSection(appLoad, corpora, targets) {
  const out = [];
  const size = (name) => corpora[name]?.size ?? name;
  out.push("## Loading your own files in the app: the main thread");
  out.push("");
  out.push(
    "The app (`dist/index.html`, bundled corpus loaded) gets each corpus as the reader's own files: one `.txt` per " +
      "document, a folder of them given to its \"choose a folder\" input (playwright `setInputFiles`: disk-backed " +
      "files, as when a reader picks or drops a folder), \"replace the bundled corpus\" ticked. Timed from the input's " +
      "`change` until `data-state=ready`, the progress bar gone, the article list and the status line at the new count, " +
      "and the next frame drawn (read + send: to the worker's first progress; index: until the progress bar hides; " +
      "show: the rest), then watched 1.5 s more. Long tasks: `PerformanceObserver` `longtask` (> 50 ms), counted from " +
      "`change`; total blocking time is the sum of their excess over 50 ms; the gaps are between consecutive " +
      "`requestAnimationFrame` callbacks and in a 10 ms `setTimeout` chain. Progress: distinct progress-bar labels " +
      "written to the DOM, and distinct ones on drawn frames. **Target: the main thread never blocks for more than " +
      "50 ms** (no long task).",
  );
  out.push("");
  const rows = [];
  for (const [name, a] of Object.entries(appLoad)) {
    if (a.error) {
      rows.push([`${size(name)} MB`, a.files == null ? "–" : String(a.files), `not measured: ${a.error}`, "", "", "", "", "", "", ""]);
      continue;
    }
    const p = a.phases;
    rows.push([
      `${size(name)} MB`,
      `${a.files} (${mb(a.bytes)})`,
      `**${ms(a.loadMs)}** (${ms(p.readAndSendMs)} / ${ms(p.indexMs)} / ${ms(p.showMs)})`,
      String(a.longTaskCount),
      `**${ms(a.longestTaskMs)}**`,
      ms(a.totalBlockingMs),
      ms(a.longestFrameGapMs),
      ms(a.longestTimerGapMs),
      `${a.progress.dom} / ${a.progress.painted}`,
      a.longestTaskMs <= 50 ? "yes" : "**no**",
    ]);
    targets.push([
      `${size(name)} MB as own files: longest main-thread task while loading`,
      "≤ 50 ms",
      `${ms(a.longestTaskMs)} (${a.longTaskCount} long tasks, blocking ${ms(a.totalBlockingMs)})`,
      a.longestTaskMs <= 50,
    ]);
  }
  out.push(
    table(
      [
        "corpus",
        "files",
        "load: total (read + send / index / show)",
        "long tasks",
        "longest task",
        "total blocking time",
        "longest frame gap",
        "longest timer gap",
        "progress updates: DOM / drawn",
        "≤ 50 ms",
      ],
      rows,
    ),
  );
  out.push("");
  const before = Object.entries(appLoad).filter(([, a]) => a.browserSetFilesMs > 0);
  if (before.length) {
    out.push(
      "Not counted: before `change`, in the same task, the browser making the File objects for `setInputFiles` " +
        `(${before.map(([name, a]) => `${size(name)} MB: ${ms(a.browserSetFilesMs)}`).join(", ")}).`,
    );
    out.push("");
  }
  const explained = Object.entries(appLoad).filter(([, a]) => a.causes?.length);
  if (explained.length) {
    out.push(
      "What the long tasks were, from a second load under a Chrome trace (devtools timeline and V8's sampling " +
        "profiler; tracing slows the page, so these durations run higher than the figures above). Script is charged " +
        "to the innermost function of the app on the stack (where it starts: file and line), DOM calls and layout it " +
        "forces included; layout and style are marked forced when script asked for them; \"worker message\" is " +
        "deserialising a message from the worker; \"browser\" is work outside any script (rendering, the browser's own).",
    );
    out.push("");
    const causeRows = [];
    const idle = [];
    for (const [name, a] of explained) {
      for (const c of a.causes) {
        if (c.cpuMs != null && c.cpuMs <= 50) {
          idle.push(`${size(name)} MB`);
          continue;
        }
        const scripts = c.scripts
          .filter((x) => x.ms >= 1)
          .slice(0, 4)
          .map((x) => `${ms(x.ms)} \`${x.fn}\` ${x.at}${x.code ? ` (\`${x.code.replace(/`/g, "'")}\`)` : ""}`)
          .join("; ");
        const layout = c.layoutMs + c.styleMs;
        causeRows.push([
          `${size(name)} MB`,
          c.atMs < 1 ? "0 ms" : ms(c.atMs),
          `${ms(c.ms)}${c.cpuMs == null ? "" : ` / ${ms(c.cpuMs)}`}`,
          c.phase,
          scripts || "–",
          layout >= 1 ? `${ms(c.layoutMs)} / ${ms(c.styleMs)}${c.forcedLayoutMs >= 1 ? ` (forced: ${ms(c.forcedLayoutMs)})` : ""}` : "–",
          c.paintMs >= 1 ? ms(c.paintMs) : "–",
          c.deserializeMs >= 1 ? ms(c.deserializeMs) : "–",
          c.gcMs >= 1 ? ms(c.gcMs) : "–",
          c.nativeMs >= 1 ? ms(c.nativeMs) : "–",
        ]);
      }
    }
    out.push(
      table(
        ["corpus", "at (after `change`)", "task: wall / CPU", "while", "script (function where it starts)", "layout / style", "paint", "worker message", "GC", "browser"],
        causeRows,
      ),
    );
    out.push("");
    if (idle.length) {
      const counts = Object.entries(idle.reduce((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {}));
      out.push(
        `Left out: ${counts.map(([k, n]) => `${k}: ${n}`).join(", ")} traced tasks over 50 ms of wall time that used at most ` +
          "50 ms of the thread's CPU: it was waiting for a core (a busy machine; see the load average above), not working.",
      );
      out.push("");
    }
    const traces = explained.map(([, a]) => a.tracePath).filter(Boolean);
    if (traces.length) {
      const names = traces.map((t) => `\`${t.split("/").pop()}\``).join(", ");
      out.push(`The traces stay in the bench cache (\`.bench-cache/\` unless \`BENCH_CACHE\` says otherwise) for Chrome DevTools' Performance panel: ${names}.`);
      out.push("");
    }
  }
  const problems = Object.entries(appLoad).flatMap(([name, a]) => (a.problems ?? []).map((p) => `${size(name)} MB: ${p}`));
  if (problems.length) out.push(`Page problems: ${problems.map((p) => `\`${p}\``).join("; ")}\n`);
  return out;
}

/** Marks around a section of RESULTS.md written by hand, which a new run keeps (keepHandWritten). */
export const HAND_WRITTEN = /<!-- hand-written -->[\s\S]*?<!-- \/hand-written -->\n?/g;

/**
 * `markdown` of a new run with the hand-written sections of the file it replaces
 * (`previous`, between HAND_WRITTEN's marks: measurements made by hand, such as
 * tests/bench/cold-start.mjs's breakdown) put back after the section on the bundled
 * seeds, or at the end when there is none: a benchmark run must not wipe them.
 */
export function keepHandWritten(previous, markdown) {
  const kept = (previous ?? "").match(HAND_WRITTEN) ?? [];
  if (kept.length === 0) return markdown;
  const block = kept.map((section) => (section.endsWith("\n") ? section : `${section}\n`)).join("\n");
  const seeds = markdown.indexOf("## Bundled seeds");
  const next = seeds < 0 ? -1 : markdown.indexOf("\n## ", seeds + 1);
  if (next < 0) return `${markdown.replace(/\n*$/, "\n\n")}${block}`;
  return `${markdown.slice(0, next + 1)}${block}\n${markdown.slice(next + 1)}`;
}
