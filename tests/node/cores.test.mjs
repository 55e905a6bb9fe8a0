// The three builds of the core in dist/pkg/ (scripts/build.sh): the full one,
// the search-only one (the crate without its "analysis" feature) that the page
// starts on, and the archive one (search-only plus the "sharded" reader) that a
// sharded site starts on. worker.js drives both with the full core's JS, which works only
// while the search core imports nothing the full one does not and exports
// nothing it does not, and while each core's capabilities() names the methods it
// has. Run after scripts/build.sh (scripts/test.sh does).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const PKG = join(fileURLToPath(new URL("../..", import.meta.url)), "dist", "pkg");

function module(name) {
  return new WebAssembly.Module(readFileSync(join(PKG, name)));
}

const full = module("corpus_explorer_bg.wasm");
const search = module("corpus_explorer_search_bg.wasm");
// The search core with a sharded site's reader, which such a site starts on.
const archive = module("corpus_explorer_archive_bg.wasm");
const names = (list) => new Set(list.map((entry) => `${entry.module ?? ""}/${entry.name}`));

test("the-search-core-imports-only-what-the-full-core-imports", () => {
  const fullImports = names(WebAssembly.Module.imports(full));
  const extra = [...names(WebAssembly.Module.imports(search))].filter((name) => !fullImports.has(name));
  assert.deepEqual(extra, []);
});

test("the-search-core-exports-a-subset-of-the-full-core-with-search-but-no-analysis", () => {
  const fullExports = names(WebAssembly.Module.exports(full));
  const searchExports = names(WebAssembly.Module.exports(search));
  assert.deepEqual([...searchExports].filter((name) => !fullExports.has(name)), []);
  for (const name of ["corpus_search", "corpus_addDocument", "corpus_reader", "corpus_documents"]) {
    assert.ok(searchExports.has(`/${name}`), name);
  }
  for (const name of ["corpus_concordance", "corpus_collocates", "corpus_loadDictionary", "corpus_figures"]) {
    assert.ok(fullExports.has(`/${name}`), name);
    assert.ok(!searchExports.has(`/${name}`), name);
  }
});

test("the-archive-core-is-the-search-core-with-the-sharded-reader-and-a-subset-of-the-full-core", () => {
  const fullImports = names(WebAssembly.Module.imports(full));
  assert.deepEqual([...names(WebAssembly.Module.imports(archive))].filter((name) => !fullImports.has(name)), []);
  const fullExports = names(WebAssembly.Module.exports(full));
  const archiveExports = names(WebAssembly.Module.exports(archive));
  const searchExports = names(WebAssembly.Module.exports(search));
  assert.deepEqual([...archiveExports].filter((name) => !fullExports.has(name)), []);
  assert.deepEqual([...searchExports].filter((name) => !archiveExports.has(name)), [], "everything the search core has");
  for (const name of ["shardedcorpus_open", "shardedcorpus_needed", "shardedcorpus_addShard", "shardedcorpus_search"]) {
    assert.ok(archiveExports.has(`/${name}`), name);
    assert.ok(!searchExports.has(`/${name}`), name);
  }
  assert.ok(!archiveExports.has("/corpus_concordance"), "no analysis");
  const size = (name) => readFileSync(join(PKG, name)).length;
  assert.ok(size("corpus_explorer_archive_bg.wasm") < size("corpus_explorer_bg.wasm") * 0.7);
});

test("the-search-core-is-the-smaller-download", () => {
  const size = (name) => readFileSync(join(PKG, name)).length;
  assert.ok(size("corpus_explorer_search_bg.wasm") < size("corpus_explorer_bg.wasm") * 0.85);
});

/** Each core's own capabilities(), through the one JS package (imported once per core). */
async function capabilitiesOf(wasmName, copy) {
  const glue = await import(`${new URL(`file://${join(PKG, "corpus_explorer.js")}`).href}?core=${copy}`);
  glue.initSync({ module: readFileSync(join(PKG, wasmName)) });
  return glue.capabilities();
}

test("each-core-says-what-it-offers-and-its-methods-are-its-exports", async () => {
  for (const [wasmName, copy, analysis, sharded] of [
    ["corpus_explorer_bg.wasm", "full", true, true],
    ["corpus_explorer_search_bg.wasm", "search", false, false],
    ["corpus_explorer_archive_bg.wasm", "archive", false, true],
  ]) {
    const offers = await capabilitiesOf(wasmName, copy);
    assert.equal(offers.analysis, analysis, wasmName);
    assert.equal(offers.sharded, sharded, wasmName);
    assert.match(offers.version, /^\d+\.\d+\.\d+/);
    // The methods it names are exactly the Corpus methods it exports (the worker trusts the list).
    const exported = [...names(WebAssembly.Module.exports(module(wasmName)))]
      .map((name) => /^\/corpus_(?!new$|free$)(\w+)$/.exec(name)?.[1])
      .filter(Boolean);
    assert.deepEqual([...offers.methods].sort(), exported.sort(), wasmName);
  }
});
