#!/usr/bin/env node
// Puts www/ into dist/ as an optimised site: the ES modules bundled and minified
// by esbuild, everything else copied as it is.
//
//   node scripts/bundle.mjs [www] [dist]     (scripts/build.sh runs it)
//
// www/ itself stays plain ES modules that run unbundled; this is only the
// deployed form. What a cold start of index.html then costs: index.html, the
// stylesheet, main.js and the chunks it imports (announced in index.html by
// <link rel="modulepreload">, so they load in parallel rather than one after
// the other), worker.js, the wasm and the articles (preloaded as well). Before,
// 39 modules arrived as a waterfall, one level of imports after the other.
//
// The outputs, all at the top of dist/ beside index.html, because the modules
// resolve files against their own address (`new URL("./worker.js",
// import.meta.url)`, the wasm, the word list, corpus-explorer.js's markup and
// stylesheet) and esbuild leaves those URLs as written:
//   - main.js (index.html) and corpus-explorer.js (pages that embed it), built
//     together with code splitting: what both use goes into a shared chunk-*.js,
//     and every module loaded with import() — the analysis views (analysis.js) —
//     into its own chunk, fetched only when an analysis view is first shown;
//   - worker.js: the worker with the wasm package's JS, one file, so the worker
//     starts after one request;
//   - engine.js: the engine on its own, for page scripts that hold a Corpus of
//     their own (README, "JavaScript API");
//   - sw.js copied unminified (scripts/build.sh stamps its build id), style.css
//     minified, the rest of www/ (HTML, images, the embed example's corpus) as is.
//
// The wasm package itself (dist/pkg/, from wasm-bindgen) is not touched: the
// worker loads its .wasm, and page scripts may import its JS directly.

import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

/** Entry points sharing chunks: the page and the embeddable element. */
export const PAGE_ENTRIES = ["main.js", "corpus-explorer.js"];
/** Entry points built on their own, each one self-contained file. */
export const STANDALONE_ENTRIES = ["worker.js", "engine.js"];
/** The bundled corpus's manifest, as index.html preloads it (scripts/build.sh writes it). */
const SEEDS_MANIFEST = "seeds/manifest.json";
/** Scripts copied as they are: the service worker is a classic script that build.sh stamps. */
const COPIED_SCRIPTS = new Set(["sw.js"]);

const COMMON = {
  bundle: true,
  format: "esm",
  minify: true,
  // The sources are written for the browsers the page supports; nothing to lower.
  target: "esnext",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
  write: true,
};

/**
 * Resolves the modules' imports of the wasm package (`./pkg/corpus_explorer.js`
 * from worker.js) to dist/pkg/, where wasm-bindgen wrote it: www/ has no pkg/.
 */
function packageFromDist(www, dist) {
  return {
    name: "wasm-package-from-dist",
    setup(build) {
      build.onResolve({ filter: /\/pkg\// }, ({ path, resolveDir }) => {
        const rel = relative(www, join(resolveDir, path)).split("\\").join("/");
        if (!rel.startsWith("pkg/")) return undefined;
        return { path: resolve(dist, rel) };
      });
    },
  };
}

/** Copies every file of www/ that is not a module to bundle (keeping folders). */
function copyAssets(www, dist) {
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(www, path);
      if (rel === "pkg") continue; // a leftover of serving www/ directly; build.sh writes dist/pkg
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (!name.endsWith(".js") || COPIED_SCRIPTS.has(rel)) {
        mkdirSync(join(dist, relative(www, dir)), { recursive: true });
        cpSync(path, join(dist, rel));
      }
    }
  };
  walk(www);
}

/**
 * The chunks `entry` imports, directly or through other chunks, to preload:
 * `["chunk-AB12.js"]`, relative to dist/. What the entry itself loads with
 * import() is part of its start (main.js boots the engine, then imports the
 * interface: www/main.js); chunks loaded with import() further down (the
 * analysis views) are left out: they load when needed.
 */
export function startupChunks(metafile, dist, entry) {
  const key = Object.keys(metafile.outputs).find((out) => relative(dist, out) === entry);
  if (!key) throw new Error(`esbuild wrote no ${entry}`);
  const seen = new Set();
  const visit = (out, top) => {
    for (const { path, kind } of metafile.outputs[out].imports) {
      const startup = kind === "import-statement" || (top && kind === "dynamic-import");
      if (!startup || seen.has(path)) continue;
      seen.add(path);
      visit(path, false);
    }
  };
  visit(key, true);
  return [...seen].map((path) => relative(dist, path).split("\\").join("/")).sort();
}

/**
 * The chunks `entry` imports statically, directly or through other chunks:
 * what must arrive before the entry can run at all (for main.js, the engine:
 * www/main.js). A subset of startupChunks.
 */
export function bootChunks(metafile, dist, entry) {
  const key = Object.keys(metafile.outputs).find((out) => relative(dist, out) === entry);
  if (!key) throw new Error(`esbuild wrote no ${entry}`);
  const seen = new Set();
  const visit = (out) => {
    for (const { path, kind } of metafile.outputs[out].imports) {
      if (kind !== "import-statement" || seen.has(path)) continue;
      seen.add(path);
      visit(path);
    }
  };
  visit(key);
  return [...seen].map((path) => relative(dist, path).split("\\").join("/")).sort();
}

/**
 * Adds `<link rel="modulepreload">` for `chunks` right after the page's module
 * script for `entry`, so the browser fetches them with the entry instead of
 * after it, and for `later` (what the entry loads with import() once it runs:
 * the interface) at the end of the <head>, after the page's other preloads
 * (the wasm, the corpus). Over HTTP/1.1 a browser opens six connections per
 * host and hands them out in document order among equals: the interface's
 * chunks listed first once kept the boot's own chunk, the wasm and the
 * snapshot waiting (tests/bench/cold-start.mjs). Pages without that script are
 * returned unchanged.
 */
export function addModulePreloads(html, entry, chunks, later = []) {
  const script = new RegExp(`([ \\t]*)<script type="module" src="\\./${entry.replace(/\./g, "\\.")}"[^>]*></script>\\n?`);
  const match = script.exec(html);
  if (!match) return html;
  const indent = match[1];
  const links = (list) => list.map((chunk) => `${indent}<link rel="modulepreload" href="./${chunk}">\n`).join("");
  let out = html.slice(0, match.index + match[0].length) + links(chunks) + html.slice(match.index + match[0].length);
  const end = out.indexOf("</head>");
  if (later.length > 0 && end >= 0) {
    const lineStart = out.lastIndexOf("\n", end) + 1;
    const at = out.slice(lineStart, end).trim() === "" ? lineStart : end;
    out = out.slice(0, at) + links(later) + out.slice(at);
  }
  return out;
}

/** More articles than this are not preloaded: they would crowd out the code. */
export const MAX_PRELOADED_ARTICLES = 32;

/**
 * Adds a preload for each article of the bundled corpus after the page's
 * preload of its manifest, so the articles download with the code instead of
 * after the manifest has been read. The URLs are the ones engine.js's
 * fetchCorpus asks for (each name encoded, next to the manifest); the page
 * uses every one, or the browser would warn. Left alone when the page does
 * not preload `manifest` or the corpus is bigger than MAX_PRELOADED_ARTICLES.
 */
export function addArticlePreloads(html, manifest, names) {
  const escaped = manifest.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const line = new RegExp(`([ \\t]*)<link rel="preload" href="\\./${escaped}" as="fetch" crossorigin>\\n?`);
  const match = line.exec(html);
  if (!match || names.length === 0 || names.length > MAX_PRELOADED_ARTICLES) return html;
  const folder = manifest.slice(0, manifest.lastIndexOf("/") + 1);
  const links = names.map((name) => `${match[1]}<link rel="preload" href="./${folder}${encodeURIComponent(name)}" as="fetch" crossorigin>\n`).join("");
  const at = match.index + match[0].length;
  return html.slice(0, at) + links + html.slice(at);
}

/**
 * Moves what the page's first answer needs (www/first-answer.js) — a prebuilt snapshot's preload
 * and the core's JS (`corpus_explorer-*.js`, which the answer imports) — to right after the
 * preload of the search core's wasm, before the manifest and the interface's chunks. Over
 * HTTP/1.1 (six connections, handed out in document order) the snapshot came last of the 13
 * requests in a trace, and the page's thread waited for it idle; reordered by hand, the page
 * started answering 40–50 ms sooner (tests/bench/RESULTS.md, branch cold2). Left alone when
 * the page does not preload the wasm.
 * @param {string} html
 * @param {string | undefined} snapshot the manifest's `snapshot`, relative to it
 */
export function preloadFirstAnswerEarly(html, snapshot) {
  const wasm = /[ \t]*<link rel="preload" href="\.\/pkg\/corpus_explorer_search_bg\.wasm" as="fetch" crossorigin>\n/.exec(html);
  if (!wasm) return html;
  const folder = SEEDS_MANIFEST.slice(0, SEEDS_MANIFEST.lastIndexOf("/") + 1);
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const lines = [
    typeof snapshot === "string" ? new RegExp(`[ \\t]*<link rel="preload" href="\\./${escape(folder + encodeURIComponent(snapshot))}" as="fetch" crossorigin>\\n`) : null,
    /[ \t]*<link rel="modulepreload" href="\.\/corpus_explorer-[A-Za-z0-9]+\.js">\n/,
  ];
  let moved = "";
  let out = html;
  for (const line of lines) {
    const match = line && line.exec(out);
    if (!match || match.index < wasm.index) continue;
    moved += match[0];
    out = out.slice(0, match.index) + out.slice(match.index + match[0].length);
  }
  const at = out.indexOf(wasm[0]) + wasm[0].length;
  return out.slice(0, at) + moved + out.slice(at);
}

export async function bundle(www, dist) {
  mkdirSync(dist, { recursive: true });
  copyAssets(www, dist);
  const plugins = [packageFromDist(www, dist)];

  const page = await esbuild.build({
    ...COMMON,
    plugins,
    entryPoints: PAGE_ENTRIES.map((entry) => join(www, entry)),
    outdir: dist,
    splitting: true,
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
  });
  for (const entry of STANDALONE_ENTRIES) {
    await esbuild.build({ ...COMMON, plugins, entryPoints: [join(www, entry)], outfile: join(dist, entry) });
  }
  if (existsSync(join(www, "style.css"))) {
    await esbuild.build({ ...COMMON, bundle: false, metafile: false, entryPoints: [join(www, "style.css")], outfile: join(dist, "style.css") });
  }

  // Each page that loads an entry preloads the chunks that entry imports, and
  // index.html the bundled articles (when dist/seeds/ is there already).
  const seeds = join(dist, SEEDS_MANIFEST);
  // A manifest naming a prebuilt snapshot is opened from that one file: preload it, not the articles.
  const manifest = existsSync(seeds) ? JSON.parse(readFileSync(seeds, "utf8")) : {};
  const articles = typeof manifest.snapshot === "string" ? [manifest.snapshot] : manifest.documents ?? [];
  for (const name of readdirSync(dist).filter((file) => file.endsWith(".html"))) {
    const path = join(dist, name);
    let html = readFileSync(path, "utf8");
    for (const entry of PAGE_ENTRIES) {
      const boot = bootChunks(page.metafile, dist, entry);
      const later = startupChunks(page.metafile, dist, entry).filter((chunk) => !boot.includes(chunk));
      html = addModulePreloads(html, entry, boot, later);
    }
    html = addArticlePreloads(html, SEEDS_MANIFEST, articles.filter((article) => typeof article === "string"));
    html = preloadFirstAnswerEarly(html, manifest.snapshot);
    writeFileSync(path, html);
  }

  const report = [];
  for (const name of readdirSync(dist).filter((file) => file.endsWith(".js") || file === "style.css").sort()) {
    const bytes = readFileSync(join(dist, name));
    report.push(`${name} ${bytes.length}/${gzipSync(bytes, { level: 9 }).length}`);
  }
  console.log(`bundled ${www} → ${dist} (bytes raw/gzip -9): ${report.join(", ")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [www = "www", dist = "dist"] = process.argv.slice(2);
  bundle(www, dist).catch((error) => {
    console.error(`bundle: ${error.message}`);
    process.exit(1);
  });
}
