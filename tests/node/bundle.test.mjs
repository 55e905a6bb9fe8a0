// The optimised build of www/ (scripts/bundle.mjs): which chunks a page
// preloads, how the preload links go into the HTML, and a real bundle of www/
// whose first load holds no analysis view.

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { addArticlePreloads, addModulePreloads, bootChunks, bundle, MAX_PRELOADED_ARTICLES, preloadFirstAnswerEarly, startupChunks } from "../../scripts/bundle.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("a-page-preloads-what-its-entry-imports-but-not-the-analysis-views", () => {
  // main.js imports app-X.js, which imports chunk-B and loads analysis-Y.js
  // with import() only when a view is first shown.
  const metafile = {
    outputs: {
      "dist/main.js": { imports: [{ path: "dist/chunk-A.js", kind: "import-statement" }, { path: "dist/app-X.js", kind: "import-statement" }] },
      "dist/app-X.js": { imports: [{ path: "dist/chunk-B.js", kind: "import-statement" }, { path: "dist/analysis-Y.js", kind: "dynamic-import" }] },
      "dist/chunk-A.js": { imports: [] },
      "dist/chunk-B.js": { imports: [{ path: "dist/chunk-A.js", kind: "import-statement" }] },
      "dist/analysis-Y.js": { imports: [{ path: "dist/chunk-B.js", kind: "import-statement" }] },
    },
  };
  assert.deepEqual(startupChunks(metafile, "dist", "main.js"), ["app-X.js", "chunk-A.js", "chunk-B.js"]);
  assert.throws(() => startupChunks(metafile, "dist", "other.js"), /esbuild wrote no other\.js/);
});

test("a-boot-entry-preloads-the-interface-it-imports-dynamically-but-not-the-analysis-views", () => {
  // main.js imports the engine (chunk-E), starts it, then import()s app-X.js; app-X.js
  // import()s analysis-Y.js only when a view is first shown.
  const metafile = {
    outputs: {
      "dist/main.js": { imports: [{ path: "dist/chunk-E.js", kind: "import-statement" }, { path: "dist/app-X.js", kind: "dynamic-import" }] },
      "dist/app-X.js": { imports: [{ path: "dist/chunk-E.js", kind: "import-statement" }, { path: "dist/analysis-Y.js", kind: "dynamic-import" }] },
      "dist/chunk-E.js": { imports: [] },
      "dist/analysis-Y.js": { imports: [{ path: "dist/chunk-E.js", kind: "import-statement" }] },
    },
  };
  assert.deepEqual(startupChunks(metafile, "dist", "main.js"), ["app-X.js", "chunk-E.js"]);
});

test("the-boot-entry-s-own-chunks-are-preloaded-before-the-data-and-the-interface-after-it", () => {
  // main.js imports the engine (chunk-E) statically and import()s the interface (app-X.js):
  // only chunk-E holds main.js back; the interface may come after the wasm and the corpus.
  const metafile = {
    outputs: {
      "dist/main.js": { imports: [{ path: "dist/chunk-E.js", kind: "import-statement" }, { path: "dist/app-X.js", kind: "dynamic-import" }] },
      "dist/app-X.js": { imports: [{ path: "dist/chunk-E.js", kind: "import-statement" }, { path: "dist/chunk-U.js", kind: "import-statement" }] },
      "dist/chunk-E.js": { imports: [{ path: "dist/chunk-F.js", kind: "import-statement" }] },
      "dist/chunk-F.js": { imports: [] },
      "dist/chunk-U.js": { imports: [] },
    },
  };
  assert.deepEqual(bootChunks(metafile, "dist", "main.js"), ["chunk-E.js", "chunk-F.js"]);
  const html = '<head>\n  <script type="module" src="./main.js" async></script>\n  <link rel="preload" href="./pkg/core.wasm" as="fetch" crossorigin>\n</head>';
  assert.equal(
    addModulePreloads(html, "main.js", ["chunk-E.js"], ["app-X.js", "chunk-U.js"]),
    '<head>\n  <script type="module" src="./main.js" async></script>\n  <link rel="modulepreload" href="./chunk-E.js">\n' +
      '  <link rel="preload" href="./pkg/core.wasm" as="fetch" crossorigin>\n  <link rel="modulepreload" href="./app-X.js">\n  <link rel="modulepreload" href="./chunk-U.js">\n</head>',
  );
});

test("modulepreload-links-follow-the-pages-module-script", () => {
  const html = '<head>\n  <script type="module" src="./main.js" async></script>\n  <link rel="stylesheet" href="./style.css">\n</head>';
  const out = addModulePreloads(html, "main.js", ["app-X.js", "chunk-A.js"]);
  assert.equal(
    out,
    '<head>\n  <script type="module" src="./main.js" async></script>\n  <link rel="modulepreload" href="./app-X.js">\n  <link rel="modulepreload" href="./chunk-A.js">\n  <link rel="stylesheet" href="./style.css">\n</head>',
  );
  assert.equal(addModulePreloads(html, "corpus-explorer.js", ["chunk-A.js"]), html, "a page without that entry is left alone");
});

test("the-bundled-articles-are-preloaded-by-the-urls-the-page-fetches", () => {
  const html = '  <link rel="preload" href="./seeds/manifest.json" as="fetch" crossorigin>\n</head>';
  const out = addArticlePreloads(html, "seeds/manifest.json", ["000_a.txt", "京东 b.txt"]);
  assert.match(out, /href="\.\/seeds\/000_a\.txt" as="fetch" crossorigin>/);
  assert.match(out, /href="\.\/seeds\/%E4%BA%AC%E4%B8%9C%20b\.txt" as="fetch" crossorigin>/, "encoded as engine.js encodes names");
  const many = Array.from({ length: MAX_PRELOADED_ARTICLES + 1 }, (_, i) => `${i}.txt`);
  assert.equal(addArticlePreloads(html, "seeds/manifest.json", many), html, "a big corpus is not preloaded");
  assert.equal(addArticlePreloads("<head></head>", "seeds/manifest.json", ["a.txt"]), "<head></head>", "nor on a page without the manifest's preload");
});

test("the-snapshot-and-the-core-s-js-are-preloaded-right-after-the-wasm", () => {
  const html =
    '<head>\n  <link rel="preload" href="./pkg/corpus_explorer_search_bg.wasm" as="fetch" crossorigin>\n  <link rel="preload" href="./seeds/manifest.json" as="fetch" crossorigin>\n' +
    '  <link rel="preload" href="./seeds/corpus.corpus" as="fetch" crossorigin>\n  <link rel="modulepreload" href="./app-X.js">\n  <link rel="modulepreload" href="./corpus_explorer-AB12.js">\n</head>';
  assert.equal(
    preloadFirstAnswerEarly(html, "corpus.corpus"),
    '<head>\n  <link rel="preload" href="./pkg/corpus_explorer_search_bg.wasm" as="fetch" crossorigin>\n  <link rel="preload" href="./seeds/corpus.corpus" as="fetch" crossorigin>\n' +
      '  <link rel="modulepreload" href="./corpus_explorer-AB12.js">\n  <link rel="preload" href="./seeds/manifest.json" as="fetch" crossorigin>\n  <link rel="modulepreload" href="./app-X.js">\n</head>',
  );
  assert.equal(preloadFirstAnswerEarly(html.replace("corpus_explorer_search_bg", "corpus_explorer_archive_bg"), "corpus.corpus"), html.replace("corpus_explorer_search_bg", "corpus_explorer_archive_bg"), "no search core preloaded: left alone");
  assert.match(preloadFirstAnswerEarly(html, undefined), /search_bg\.wasm" as="fetch" crossorigin>\n  <link rel="modulepreload" href="\.\/corpus_explorer-AB12\.js">\n  <link rel="preload" href="\.\/seeds\/manifest/, "articles: only the core's JS moves");
});

test("bundling-www-keeps-the-analysis-views-out-of-the-first-load", async () => {
  const dist = mkdtempSync(join(tmpdir(), "ce-bundle-"));
  try {
    // The wasm package as wasm-bindgen writes it (a stand-in: only its JS is bundled).
    mkdirSync(join(dist, "pkg"));
    writeFileSync(join(dist, "pkg", "corpus_explorer.js"), "export class Corpus {}\nexport class ShardedCorpus {}\nexport function capabilities() {}\nexport default async function init() {}\n");
    await bundle(join(ROOT, "www"), dist);
    const files = readdirSync(dist);
    for (const name of ["index.html", "main.js", "worker.js", "engine.js", "corpus-explorer.js", "sw.js", "style.css", "embed-example.html"]) {
      assert.ok(files.includes(name), `${name} is in dist/`);
    }
    assert.ok(!files.includes("components"), "the components are bundled, not copied");
    assert.ok(!files.includes("app.js") && !files.includes("format.js"), "nor the helpers");
    assert.match(readFileSync(join(dist, "sw.js"), "utf8"), /const BUILD = "__BUILD_ID__";/, "sw.js is copied as it is, for build.sh to stamp");

    const html = readFileSync(join(dist, "index.html"), "utf8");
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]);
    const analysis = files.find((name) => /^analysis-.*\.js$/.test(name));
    assert.ok(analysis, "the analysis views are a chunk of their own");
    assert.ok(!preloaded.includes(analysis), "which the page does not preload");
    const firstLoad = ["main.js", ...preloaded].map((name) => readFileSync(join(dist, name), "utf8")).join("\n");
    // The concordance view's test ids live only in the analysis chunk.
    assert.ok(!firstLoad.includes("concordance-query"), "no analysis view in the first load");
    assert.ok(readFileSync(join(dist, analysis), "utf8").includes("concordance-query"));
    // Every chunk a page loads resolves its files against itself: all at the top of dist/.
    for (const name of preloaded) assert.ok(!name.includes("/"), `${name} sits beside index.html`);
    // The worker is one file: it starts after a single request. Its only imports are
    // pdf.js's two modules, from computed addresses, when the first PDF is added.
    const worker = readFileSync(join(dist, "worker.js"), "utf8");
    assert.doesNotMatch(worker, /\bfrom\s*["']|\bimport\s*\((?!new URL\("pdf)/, "worker.js imports nothing at start");
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
});
