// The document list after reopening a snapshot, in node on the built core (issue 15's reload:
// `documents()` of 12,083 entries is on the way to the first result after `Corpus.open`):
//   node tests/bench/reopen-documents.mjs <file.corpus> [runs] [--site=DIR…]
// Each site's pkg/ (a build kept from before a change, and `dist`) is measured in turns, run
// by run, each run in a process of its own (one wasm instance); a line per run: `Corpus.open`
// ms and three `documents()` calls' ms. Each site's first list is compared as JSON with the
// first site's: "identical" or "DIFFERS".
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1], args[2]);
else main();

async function child(dir, file) {
  const pkg = await import(`${dir}/pkg/corpus_explorer.js`);
  pkg.initSync({ module: readFileSync(`${dir}/pkg/corpus_explorer_bg.wasm`) });
  const bytes = new Uint8Array(readFileSync(file));
  let t = performance.now();
  const corpus = pkg.Corpus.open(bytes);
  const openMs = Math.round(performance.now() - t);
  const documentsMs = [];
  let list;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    list = corpus.documents();
    documentsMs.push(Math.round(performance.now() - t));
  }
  // No process.exit: it would cut a piped write of megabytes short.
  process.stdout.write(`${JSON.stringify({ openMs, documentsMs, documents: list.length })}\n${JSON.stringify(list)}`);
}

function main() {
  const sites = args.filter((a) => a.startsWith("--site=")).map((a) => resolve(a.slice(7)));
  if (sites.length === 0) sites.push(resolve("dist"));
  const [file, runs = "3"] = args.filter((a) => !a.startsWith("--"));
  if (!file) {
    console.error("usage: node tests/bench/reopen-documents.mjs <file.corpus> [runs] [--site=DIR…]");
    process.exit(2);
  }
  const firstLists = new Map();
  for (let run = 0; run < Number(runs); run++) {
    for (const site of sites) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", site, resolve(file)], { maxBuffer: 1 << 30 }).toString("utf8");
      const cut = out.indexOf("\n");
      if (!firstLists.has(site)) firstLists.set(site, out.slice(cut + 1));
      console.log(JSON.stringify({ site, ...JSON.parse(out.slice(0, cut)) }));
    }
  }
  const reference = firstLists.get(sites[0]);
  for (const [site, list] of firstLists) console.log(`${site}: list ${list === reference ? "identical" : "DIFFERS"} (${list.length} characters of JSON)`);
}
