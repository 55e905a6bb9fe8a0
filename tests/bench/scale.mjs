// The sharded layout at scale (issue 16): 200 MB and 1 GB of chinese-poetry text, built by
// the CLI, and what a visitor downloads per query. Run by `BENCH_SCALE=1 bash scripts/bench.sh`
// (after the normal run), or alone once the 50 MB set exists:
//
//   node tests/bench/scale.mjs            # BENCH_SCALE_SIZES=200,1000 (MB)
//
// Per size: the 50 MB benchmark set repeated with distinct document ids (a copy number in each
// document's first line; every batch of the build sees copies of nothing else: 50 MB apart,
// 32 MB batches) as one .txt per document in folders of 1,000; `corpus-explorer build` under
// /usr/bin/time -v (wall time, peak RSS); the corpus folder's files and bytes by kind; then
// examples/shard_replay.rs over the written files: bytes of the first query (root included)
// and of a later one, rounds, p95 warm latency, for 明月 and a rare 4-character phrase
// (BENCH_SCALE_RARE). With BENCH_SCALE_PAGEFIND=1, Pagefind 1.6 builds the same text (≤ 200 MB;
// tests/bench/pagefind-build.mjs): its build time, peak memory and size.
// Prints one JSON object per size and writes them to .bench-cache/scale-results.json.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readCorpus } from "./corpus.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const CACHE = join(ROOT, process.env.BENCH_CACHE ?? ".bench-cache");
const CORPORA = join(CACHE, "www", "corpora");
const SCALE = join(CACHE, "scale");
const sizes = (process.env.BENCH_SCALE_SIZES ?? "200,1000").split(",").map(Number).filter((n) => n > 0);
// A frequent 2-character term, a rare 4-character phrase, and a phrase whose every pair is
// frequent (明月光: no precomputed answer, positional intersection of two frequent pairs).
const queries = ["明月", process.env.BENCH_SCALE_RARE ?? "白日依山", "明月光"];
const log = (...a) => console.error("[scale]", ...a);

function du(dir) {
  const out = { files: 0, bytes: 0, byKind: {} };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = du(path);
      out.files += sub.files;
      out.bytes += sub.bytes;
      out.byKind[entry.name] = { files: sub.files, bytes: sub.bytes };
    } else {
      out.files += 1;
      out.bytes += statSync(path).size;
    }
  }
  return out;
}

/** The 50 MB set (the 10 MB one for a size under 50) repeated `copies` times, one file per
 * document; returns the folder. */
function documents(copies, set = "50mb") {
  const dir = join(SCALE, `${copies}x${set}-docs`);
  if (existsSync(join(dir, "done"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const base = readCorpus(CORPORA, set);
  let id = 0;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < base.meta.docs; i++, id++) {
      const folder = join(dir, String(Math.floor(id / 1000)).padStart(4, "0"));
      if (id % 1000 === 0) mkdirSync(folder, { recursive: true });
      const text = base.text(i);
      const nl = text.indexOf("\n");
      writeFileSync(join(folder, `${String(id).padStart(7, "0")}.txt`), `${text.slice(0, nl)} copy ${c}${text.slice(nl)}`);
    }
  }
  writeFileSync(join(dir, "done"), "");
  return dir;
}

/** The same text as one corpus in the bench's .txt + .json form (for Pagefind). */
function asBenchCorpus(copies) {
  const name = `scale-${copies}x50mb`;
  if (existsSync(join(CORPORA, `${name}.json`))) return name;
  const base = readCorpus(CORPORA, "50mb");
  const fd = openSync(join(CORPORA, `${name}.txt`), "w");
  const offsets = [0];
  let bytes = 0;
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < base.meta.docs; i++) {
      const text = base.text(i);
      const nl = text.indexOf("\n");
      const buf = Buffer.from(`${text.slice(0, nl)} copy ${c}${text.slice(nl)}`, "utf8");
      writeSync(fd, buf);
      bytes += buf.length;
      offsets.push(bytes);
    }
  }
  closeSync(fd);
  writeFileSync(join(CORPORA, `${name}.json`), JSON.stringify({ name, bytes, docs: offsets.length - 1, offsets }));
  return name;
}

function timeV(stderr) {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(stderr)?.[1] ?? "";
  const parts = wall.split(":").map(Number);
  const seconds = parts.reduce((s, p) => s * 60 + p, 0);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0);
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? 0);
  return { seconds, cpuSeconds: cpu, peakRssBytes: rssKb * 1024 };
}

const assets = existsSync(join(ROOT, "dist", "index.html")) ? join(ROOT, "dist") : join(CACHE, "www", "dist");
const cli = join(ROOT, "target", "release", "corpus-explorer");
const replay = join(ROOT, "target", "release", "examples", "shard_replay");
if (process.env.BENCH_SCALE_DOCS_ONLY === "1") {
  // Only write the document folders (to start them early), nothing else.
  for (const size of sizes) log(documents(Math.max(1, Math.round(size / 50))));
  process.exit(0);
}
if (!existsSync(cli) || !existsSync(replay) || process.env.BENCH_SCALE_CARGO === "1") {
  log("cargo build --release --bin corpus-explorer --example shard_replay");
  execFileSync("cargo", ["build", "--release", "--quiet", "--bin", "corpus-explorer", "--example", "shard_replay"], { cwd: ROOT, stdio: "inherit" });
}

const all = [];
for (const size of sizes) {
  const set = size < 50 ? "10mb" : "50mb";
  const copies = Math.max(1, Math.round(size / (size < 50 ? 10 : 50)));
  log(`${size} MB: ${copies} copies of the ${set} set`);
  const docs = documents(copies, set);
  const site = join(SCALE, `site-${copies}x${set}`);
  rmSync(site, { recursive: true, force: true });
  log(`${size} MB: corpus-explorer build`);
  const run = spawnSync("/usr/bin/time", ["-v", cli, "build", docs, "--out", site, "--site-assets", assets, "--sharded", "--quiet"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) {
    const result = { size, ok: false, error: run.stderr.slice(-2000) };
    log(JSON.stringify(result));
    all.push(result);
    continue;
  }
  const build = timeV(run.stderr);
  const summary = run.stderr.split("\n").filter((l) => /documents:|bytes read|characters:|sharded:/.test(l)).map((l) => l.trim());
  const corpusDir = join(site, "seeds", "corpus");
  const disk = du(corpusDir);
  log(`${size} MB: built in ${build.seconds} s, peak ${(build.peakRssBytes / 2 ** 20).toFixed(0)} MiB; replaying`);
  const lines = execFileSync(replay, [corpusDir, ...queries], { encoding: "utf8", maxBuffer: 1 << 26 })
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const result = { size, ok: true, copies, build, summary, disk, queries: lines };
  if (process.env.BENCH_SCALE_PAGEFIND === "1" && size <= 200) {
    const name = asBenchCorpus(copies);
    const out = join(SCALE, `pagefind-${name}`);
    log(`${size} MB: pagefind build`);
    const pf = spawnSync(process.execPath, [join(HERE, "pagefind-build.mjs"), CORPORA, name, out, join(CACHE, "npm", "node_modules", "pagefind", "lib", "index.js")], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    try {
      result.pagefind = JSON.parse(pf.stdout.trim().split("\n").pop());
    } catch {
      result.pagefind = { ok: false, error: (pf.stderr || pf.stdout).slice(-1000) };
    }
  }
  console.log(JSON.stringify(result));
  all.push(result);
  writeFileSync(join(CACHE, "scale-results.json"), JSON.stringify(all, null, 1));
}
