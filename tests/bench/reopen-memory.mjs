// Wasm memory of an opened or built corpus, in the browser (issue 15, item 5: "at most 1.5×
// its UTF-8 text bytes in wasm memory"). What is measured is the core's
// WebAssembly.Memory.buffer.byteLength: its high-water mark, since wasm memory never shrinks.
//
//   cargo run --release --example open_profile -- save .bench-cache/www/corpora/10mb /tmp/10mb.corpus
//   bash scripts/build.sh
//   node tests/bench/reopen-memory.mjs /tmp/10mb.corpus --build=.bench-cache/www/corpora/10mb [--site=DIR]
//
// Each figure in a fresh browser context, so a fresh wasm instance:
// - `open FILE.corpus`: the core instantiated on a blank page of the site, `Corpus.open(bytes)`
//   of the file (its bytes in a JS Uint8Array): memory before and after, and the time.
// - `--build=BASE` (a benchmark corpus: BASE.txt + BASE.json with the documents' offsets): the
//   documents added one by one (`addDocument`) to an empty corpus: memory after the build; then
//   `save()`: memory after it.
// - the same documents through the engine (www/engine.js, full core) as the page adds the
//   reader's files, stored in the Origin Private File System, and — when the engine has it — the
//   compaction that follows the write (engine.compact): memory before and after, and its time.
// One JSON line per figure on stdout; nothing asserted.
import { readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

const args = process.argv.slice(2);
const site = resolve(args.find((a) => a.startsWith("--site="))?.slice(7) ?? "dist");
const builds = args.filter((a) => a.startsWith("--build=")).map((a) => a.slice(8));
const files = args.filter((a) => !a.startsWith("--"));
if (files.length + builds.length === 0) {
  console.error("usage: node tests/bench/reopen-memory.mjs [FILE.corpus…] [--build=BASE…] [--site=DIR]");
  process.exit(2);
}

const MiB = (n) => (n === null || n === undefined ? null : Math.round((n / 2 ** 20) * 100) / 100);

/** Runs `body(page)` on a blank page of the site (no app: only what the measure loads), the given files served beside it. */
async function onBlankPage(browser, base, served, body) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route(`${base}__bench/**`, (route) => {
      const name = decodeURIComponent(new URL(route.request().url()).pathname.split("/").pop());
      if (name === "blank.html") return route.fulfill({ contentType: "text/html", body: "<!doctype html><meta charset=utf-8><title>bench</title>" });
      return route.fulfill({ contentType: "application/octet-stream", body: readFileSync(served[name]) });
    });
    await page.goto(`${base}__bench/blank.html`);
    return await body(page);
  } finally {
    await context.close().catch(() => {});
  }
}

async function measureOpen(browser, base, file) {
  const out = await onBlankPage(browser, base, { "file.corpus": file }, (page) =>
    page.evaluate(async (base) => {
      const pkg = await import(`${base}pkg/corpus_explorer.js`);
      const wasm = await pkg.default({ module_or_path: `${base}pkg/corpus_explorer_bg.wasm` });
      const bytes = new Uint8Array(await (await fetch("file.corpus")).arrayBuffer());
      const initial = wasm.memory.buffer.byteLength;
      const t0 = performance.now();
      const corpus = pkg.Corpus.open(bytes);
      const openMs = performance.now() - t0;
      const afterOpen = wasm.memory.buffer.byteLength;
      const documents = corpus.documents().length;
      return { initial, afterOpen, openMs: Math.round(openMs), documents };
    }, base),
  );
  const bytes = statSync(file).size;
  return { figure: "open", file: basename(file), snapshotMiB: MiB(bytes), ...out, initial: MiB(out.initial), afterOpen: MiB(out.afterOpen) };
}

async function measureBuild(browser, base, corpus) {
  const meta = JSON.parse(readFileSync(`${corpus}.json`, "utf8"));
  const served = { "corpus.txt": `${corpus}.txt` };
  const direct = await onBlankPage(browser, base, served, (page) =>
    page.evaluate(
      async ({ base, offsets }) => {
        const pkg = await import(`${base}pkg/corpus_explorer.js`);
        const wasm = await pkg.default({ module_or_path: `${base}pkg/corpus_explorer_bg.wasm` });
        const text = new Uint8Array(await (await fetch("corpus.txt")).arrayBuffer());
        const corpus = new pkg.Corpus();
        const t0 = performance.now();
        for (let i = 0; i + 1 < offsets.length; i++) corpus.addDocument(`${i}.txt`, text.subarray(offsets[i], offsets[i + 1]));
        const buildMs = performance.now() - t0;
        const afterBuild = wasm.memory.buffer.byteLength;
        const saved = corpus.save().length;
        return { buildMs: Math.round(buildMs), afterBuild, afterSave: wasm.memory.buffer.byteLength, saved };
      },
      { base, offsets: meta.offsets },
    ),
  );
  const textBytes = meta.bytes;
  const ratio = (n) => Math.round((n / textBytes) * 100) / 100;
  const lines = [{ figure: "build (addDocument, one instance)", corpus: basename(corpus), textMiB: MiB(textBytes), buildMs: direct.buildMs, afterBuild: MiB(direct.afterBuild), afterBuildX: ratio(direct.afterBuild), afterSave: MiB(direct.afterSave), afterSaveX: ratio(direct.afterSave), snapshotMiB: MiB(direct.saved) }];
  const timeout = 120_000 + (textBytes / 1e6) * 20_000;
  const viaEngine = await onBlankPage(browser, base, served, (page) =>
    page.evaluate(
      async ({ base, offsets, timeout }) => {
        const { createEngine } = await import(`${base}engine.js`);
        const engine = createEngine({ core: "full" });
        if (typeof engine.memory !== "function") return { skipped: "this engine reports no memory (before compaction)" };
        const text = new Uint8Array(await (await fetch("corpus.txt")).arrayBuffer());
        await engine.store("bench-memory");
        const compacted = new Promise((resolve) => engine.onCompact(resolve));
        const stored = new Promise((resolve) => engine.onStore((s) => s.kind === "stored" && resolve(s)));
        const list = [];
        for (let i = 0; i + 1 < offsets.length; i++) list.push({ name: `${i}.txt`, bytes: text.slice(offsets[i], offsets[i + 1]) });
        const t0 = performance.now();
        await engine.addFiles(list);
        const addMs = performance.now() - t0;
        const afterBuild = (await engine.memory()).wasm;
        const store = await stored;
        const storedMs = performance.now() - t0;
        const done = await Promise.race([compacted, new Promise((resolve) => setTimeout(() => resolve(null), timeout))]);
        const after = (await engine.memory()).wasm;
        const hits = (await engine.call("search", "明月", { limit: 10 })).total;
        return { addMs: Math.round(addMs), storedMs: Math.round(storedMs), afterBuild, storedBytes: store.bytes, memoryAtWrite: store.memory, compaction: done, afterCompaction: after, hits };
      },
      { base, offsets: meta.offsets, timeout },
    ),
  );
  if (viaEngine.skipped) lines.push({ figure: "engine", skipped: viaEngine.skipped });
  else {
    lines.push({
      figure: "engine: own files added, stored, compacted",
      corpus: basename(corpus),
      addMs: viaEngine.addMs,
      storedMs: viaEngine.storedMs,
      afterBuild: MiB(viaEngine.afterBuild),
      afterBuildX: ratio(viaEngine.afterBuild),
      memoryAtWrite: MiB(viaEngine.memoryAtWrite),
      compactionMs: viaEngine.compaction?.ms ?? null,
      afterCompaction: MiB(viaEngine.afterCompaction),
      afterCompactionX: ratio(viaEngine.afterCompaction),
      snapshotMiB: MiB(viaEngine.storedBytes),
      hits: viaEngine.hits,
    });
  }
  return lines;
}

const server = await serveFolder(site);
const browser = await launchBrowser();
try {
  for (const file of files) console.log(JSON.stringify(await measureOpen(browser, server.baseUrl, file)));
  for (const corpus of builds) for (const line of await measureBuild(browser, server.baseUrl, corpus)) console.log(JSON.stringify(line));
} finally {
  await browser.close();
  await server.stop();
}
