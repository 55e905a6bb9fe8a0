// Reopening a corpus file after a reload, in the browser (issue 15's "reopening
// a 50 MB own corpus after a reload ≤ 1 s to the first result"), on a `.corpus`
// written natively, for instance
//   cargo run --release --example open_profile -- save .bench-cache/www/corpora/50mb /tmp/50mb.corpus
//   bash scripts/build.sh
//   node tests/bench/reopen-file.mjs /tmp/50mb.corpus 12083 [runs]
// Prints one JSON line per run: openMs… see measureReopenFile in reopen.mjs.
import { statSync } from "node:fs";
import { basename } from "node:path";
import { launchBrowser, startSite } from "../browser/harness.mjs";
import { measureReopenFile } from "./reopen.mjs";

const [file, documents, runs = "1"] = process.argv.slice(2);
if (!file || !documents) {
  console.error("usage: node tests/bench/reopen-file.mjs <file.corpus> <documents> [runs]");
  process.exit(2);
}
const site = await startSite();
const browser = await launchBrowser();
try {
  for (let i = 0; i < Number(runs); i++) {
    const r = await measureReopenFile(browser, site.baseUrl, { name: basename(file), file, bytes: statSync(file).size, documents: Number(documents) });
    console.log(JSON.stringify(r));
  }
} finally {
  await browser.close();
  await site.stop();
}
