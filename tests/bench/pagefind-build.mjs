// Builds a Pagefind index over a benchmark corpus with the pagefind npm
// package's Node API (the indexer is pagefind's own binary, run as a service
// by the package). One HTML record per document, <html lang="zh">, each
// paragraph a <p>; the document's URL is /d/<id>/ so results map back to ids.
//
//   node tests/bench/pagefind-build.mjs <corpusDir> <name> <outputDir> [pagefind module]
// (the module defaults to the bare specifier "pagefind"; run.mjs passes the
// copy scripts/bench.sh installed in .bench-cache/npm)
// prints one JSON line: { ok, ms, addMs, writeMs, binaryPeakBytes, nodePeakBytes,
//                        files, bytes, error? }

import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { readCorpus } from "./corpus.mjs";
import { peak, processesNamed } from "./procfs.mjs";

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function html(text) {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const [header, ...rest] = lines;
  return (
    `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>${escape(header)}</title></head>` +
    `<body><h1>${escape(header)}</h1>${rest.map((l) => `<p>${escape(l)}</p>`).join("")}</body></html>`
  );
}

function du(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = du(path);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

async function main() {
  const [corpusDir, name, outputPath, module = "pagefind"] = process.argv.slice(2);
  const corpus = readCorpus(corpusDir, name);
  // The HTML is prepared before the clock starts: it is the site, not the index.
  const pages = [];
  for (let i = 0; i < corpus.meta.docs; i++) pages.push(html(corpus.text(i)));
  rmSync(outputPath, { recursive: true, force: true });

  let pagefind;
  try {
    pagefind = await import(module.startsWith("/") ? pathToFileURL(module).href : module);
  } catch (error) {
    console.log(JSON.stringify({ ok: false, error: `import pagefind: ${error.message}` }));
    return;
  }
  const t0 = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" });
  if (!index) {
    console.log(JSON.stringify({ ok: false, error: `createIndex: ${errors.join("; ")}` }));
    await pagefind.close();
    return;
  }
  // The service answers requests in order; keep a bounded number in flight.
  const WINDOW = 64;
  const failures = [];
  for (let i = 0; i < pages.length; i += WINDOW) {
    const batch = pages.slice(i, i + WINDOW).map((content, k) =>
      index.addHTMLFile({ url: `/d/${i + k}/`, content }),
    );
    for (const answer of await Promise.all(batch)) {
      if (answer.errors?.length) failures.push(...answer.errors);
    }
  }
  const t1 = performance.now();
  const written = await index.writeFiles({ outputPath });
  const t2 = performance.now();
  // The indexer's own peak resident size (the binary is this process's child).
  const binaryPeak = processesNamed("pagefind").map(peak).filter(Boolean);
  await pagefind.close();
  if (failures.length || written.errors?.length) {
    console.log(JSON.stringify({ ok: false, error: [...failures, ...(written.errors ?? [])].slice(0, 5).join("; ") }));
    return;
  }
  console.log(
    JSON.stringify({
      ok: true,
      ms: t2 - t0,
      addMs: t1 - t0,
      writeMs: t2 - t1,
      binaryPeakBytes: binaryPeak.length ? Math.max(...binaryPeak) : null,
      nodePeakBytes: process.resourceUsage().maxRSS * 1024,
      ...du(outputPath),
    }),
  );
}

main().catch((error) => {
  console.log(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }));
  process.exitCode = 1;
});
