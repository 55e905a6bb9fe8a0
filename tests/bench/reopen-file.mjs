// Reopening a corpus file after a reload, in the browser (issue 15's "reopening
// a 50 MB own corpus after a reload ≤ 1 s to the first result"), on a `.corpus`
// written natively, for instance
//   cargo run --release --example open_profile -- save .bench-cache/www/corpora/50mb /tmp/50mb.corpus
//   bash scripts/build.sh
//   node tests/bench/reopen-file.mjs /tmp/50mb.corpus 12083 [runs] [--site=DIR…] [--trace=FILE]
// Prints one JSON line per run: openMs… see measureReopenFile in reopen.mjs.
//
// Several `--site=DIR` (a build kept from before a change, and `dist`) are measured in
// turns, run by run, so a load that drifts stretches both alike; each line names its site.
// `--trace=FILE` records one more reopen (of the first site) under a Chrome trace, writes it
// to FILE (for DevTools' Performance panel) and prints its timeline: the page's and the
// worker's User Timing marks and measures, and every task over 5 ms of the page's main thread
// and of the worker, from the reload's navigation start. Tracing slows the page: its times
// run higher than the untraced runs'.
// By default each reload waits until the page has settled (one worker for 2 s: a compaction
// after the store, and its second store, are over), as a reader's next visit would find it;
// `--no-settle` reloads as soon as the store is reported, the old page's worker still busy.
import { statSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { measureReopenFile, reopenTimeline } from "./reopen.mjs";

const args = process.argv.slice(2);
const sites = args.filter((a) => a.startsWith("--site=")).map((a) => resolve(a.slice(7)));
if (sites.length === 0) sites.push(resolve("dist"));
const settle = !args.includes("--no-settle");
const tracePath = args.find((a) => a.startsWith("--trace="))?.slice(8) ?? null;
const [file, documents, runs = "1"] = args.filter((a) => !a.startsWith("--"));
if (!file || !documents) {
  console.error("usage: node tests/bench/reopen-file.mjs <file.corpus> <documents> [runs] [--site=DIR…] [--trace=FILE] [--no-settle]");
  process.exit(2);
}
const served = [];
for (const dir of sites) served.push({ dir, ...(await serveFolder(dir)) });
const browser = await launchBrowser();
const corpus = { name: basename(file), file, bytes: statSync(file).size, documents: Number(documents) };
try {
  for (let i = 0; i < Number(runs); i++) {
    for (const { dir, baseUrl } of served) {
      const r = await measureReopenFile(browser, baseUrl, { ...corpus, settle });
      console.log(JSON.stringify({ site: dir, ...r }));
    }
  }
  if (tracePath) {
    const r = await measureReopenFile(browser, served[0].baseUrl, { ...corpus, settle, trace: true });
    if (r.trace) {
      writeFileSync(tracePath, r.trace);
      const timeline = reopenTimeline(JSON.parse(r.trace.toString("utf8")));
      delete r.trace;
      console.log(JSON.stringify({ site: served[0].dir, traced: true, ...r }));
      for (const line of timeline) console.log(line);
    } else {
      console.log(JSON.stringify({ site: served[0].dir, traced: true, ...r }));
    }
  }
} finally {
  await browser.close();
  for (const { stop } of served) await stop();
}
