#!/usr/bin/env bash
# Compiles the crate to wasm, generates the JS bindings and assembles the static
# site in dist/: www/ bundled and minified (scripts/bundle.mjs), the wasm package
# in dist/pkg/, and the bundled articles in dist/seeds/ with a manifest the page
# reads at start-up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules # esbuild, for scripts/bundle.mjs

log "cargo build (wasm32-unknown-unknown, release)"
cargo build --release --target wasm32-unknown-unknown --lib
# The same crate without its "analysis" feature: the core the page starts on, which
# answers searches with less to download and compile (www/engine.js, SEARCH_WASM_URL).
# Its own target directory, so the two builds never overwrite each other's output.
log "cargo build --no-default-features (the search-only core)"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features \
    --target-dir target/search-core
# The search-only core with a sharded site's reader (the `sharded` feature): the core a site
# written by `corpus-explorer build --sharded` starts on (<html data-core="archive">), about
# half the full core to download and compile before its first answer. Its own target directory
# too: a cdylib's file carries no hash of its features, so two feature sets in one directory
# would rebuild each other every time (the first build compiles its dependencies: ~6 min here).
log "cargo build --no-default-features --features sharded (the archive core)"
cargo build --release --target wasm32-unknown-unknown --lib --no-default-features --features sharded \
    --target-dir target/archive-core

# Start from an empty dist/ so files deleted from www/ or seeds/ do not linger.
rm -rf dist
mkdir -p dist/pkg dist/seeds

log "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir dist/pkg \
    --remove-name-section --remove-producers-section \
    target/wasm32-unknown-unknown/release/corpus_explorer.wasm
# Only its .wasm ships: the full core's JS drives it (its imports and exports are a
# subset of the full core's; tests/node/cores.test.mjs checks that on every build).
search_pkg=target/search-core/pkg
for core in search archive; do
  rm -rf "$search_pkg"
  wasm-bindgen --target web --out-dir "$search_pkg" \
      --remove-name-section --remove-producers-section \
      "target/$core-core/wasm32-unknown-unknown/release/corpus_explorer.wasm"
  cp "$search_pkg/corpus_explorer_bg.wasm" "dist/pkg/corpus_explorer_${core}_bg.wasm"
done

shopt -s nullglob
seeds=(seeds/*.txt)
shopt -u nullglob
[ "${#seeds[@]}" -gt 0 ] || die "no seeds/*.txt to bundle"
cp "${seeds[@]}" dist/seeds/
# The seeds prebuilt: read, cleaned and indexed natively by the CLI (src/bin/corpus-explorer/,
# the same code as the page), so the page opens one snapshot instead of indexing the articles
# (www/corpus-download.js, openBundledCorpus). The articles stay beside it, listed in the
# manifest: the single-file build inlines them, and the page falls back to them when the
# snapshot cannot be opened.
log "corpus-explorer snapshot seeds → dist/seeds/corpus.corpus"
cargo run --quiet --release --bin corpus-explorer -- snapshot --quiet "${seeds[@]}" --out dist/seeds/corpus.corpus
python3 - "${seeds[@]##*/}" > dist/seeds/manifest.json <<'PY'
import json, sys
print(json.dumps({"snapshot": "corpus.corpus", "documents": sorted(sys.argv[1:])}, ensure_ascii=False, indent=2))
PY

# www/ → dist/: the modules bundled and minified by esbuild (main.js and its
# chunks, the analysis views' chunk loaded on demand, worker.js, engine.js,
# corpus-explorer.js), the stylesheet minified, the rest copied as it is; see
# the script's header. After the seeds, which index.html then preloads. www/pkg
# (ignored by git, a leftover from serving www/ directly) is skipped so it
# cannot shadow the package just generated.
log "scripts/bundle.mjs www → dist"
node scripts/bundle.mjs www dist

wasm=dist/pkg/corpus_explorer_bg.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
log "built dist/ with ${#seeds[@]} articles"
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$wasm" "$raw" "$gz"
for search_wasm in dist/pkg/corpus_explorer_search_bg.wasm dist/pkg/corpus_explorer_archive_bg.wasm; do
  printf '%s: %d bytes raw, %d bytes gzip -9\n' "$search_wasm" "$(wc -c < "$search_wasm")" "$(gzip -9 -c "$search_wasm" | wc -c)"
done

# --- segmenter dictionary (src/segment/) ------------------------------------------
# The word list the page fetches only when a word-level view first opens, so search
# never waits for it: the most frequent entries of jieba's dict.txt, read from the
# jieba-rs crate source that cargo fetched (a dev-dependency), followed by jieba's HMM
# tables for new words (a %hmm section, from the jieba-macros crate; src/segment/hmm.rs).
# Format and size: the module docs of src/segment/mod.rs.
words=dist/dict/words.txt
log "scripts/dict.py → $words"
python3 scripts/dict.py --out "$words"
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$words" "$(wc -c < "$words")" "$(gzip -9 -c "$words" | wc -c)"
# The reference frequency list of general Chinese for keywords of the corpus against it
# (src/analyse/reference.rs), fetched only when such keywords are asked for.
reference=dist/dict/reference.txt
log "scripts/dict.py --reference → $reference"
python3 scripts/dict.py --reference --out "$reference"
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$reference" "$(wc -c < "$reference")" "$(gzip -9 -c "$reference" | wc -c)"

# --- GB18030/Big5 tables (src/decode/) --------------------------------------------
# The decoders' index tables, which the wasm leaves out: the page fetches this file
# only when someone adds a file that is neither UTF-8 nor UTF-16 (needsEncodingTables,
# then loadEncodingTables). Written by a native binary from the tables build.rs
# generates; format and checks: src/decode/tables.rs.
tables=dist/data/encodings.bin
log "cargo run --bin encoding_tables → $tables"
cargo run --quiet --release --bin encoding_tables -- "$tables" > /dev/null
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$tables" "$(wc -c < "$tables")" "$(gzip -9 -c "$tables" | wc -c)"

# --- pdf.js (www/pdf-text.js) ------------------------------------------------------
# The PDF reader, fetched by the worker only when a PDF is added: pdfjs-dist's two
# modules and its packed CMaps, under data/ so the service worker leaves them out of
# the app shell (npm devDependency, Apache-2.0).
pdf=dist/data/pdf
log "pdfjs-dist → $pdf"
mkdir -p "$pdf"
cp node_modules/pdfjs-dist/build/pdf.min.mjs node_modules/pdfjs-dist/build/pdf.worker.min.mjs "$pdf/"
cp -r node_modules/pdfjs-dist/cmaps node_modules/pdfjs-dist/standard_fonts "$pdf/"
cp node_modules/pdfjs-dist/LICENSE "$pdf/LICENSE"
for f in pdf.min.mjs pdf.worker.min.mjs; do
  printf '%s: %d bytes raw, %d bytes gzip -9\n' "$pdf/$f" "$(wc -c < "$pdf/$f")" "$(gzip -9 -c "$pdf/$f" | wc -c)"
done

# === Offline and single-file builds (www/sw.js, scripts/single-file.py) ==========
# dist/precache.json lists the app shell sw.js caches on install: every file in
# dist/ except the on-demand data (dict/, data/), type declarations nobody
# fetches (*.d.ts), the single-file build and itself, with a build id that is a
# hash of their contents. The id is also written into dist/sw.js, so each build
# is a new service worker byte for byte and browsers install it.
log "precache list → dist/precache.json"
python3 - dist <<'PY'
import hashlib, json, os, sys
root = sys.argv[1]
skip_dirs = {"dict", "data"}
# The archive core is for sites written by `corpus-explorer build --sharded` (whose own list
# the CLI writes): the seeds' page never loads it.
skip_files = {"precache.json", "corpus-explorer.html", "pkg/corpus_explorer_archive_bg.wasm"}
files = []
for folder, dirs, names in os.walk(root):
    rel = os.path.relpath(folder, root)
    if rel == ".":
        dirs[:] = [d for d in dirs if d not in skip_dirs]
    for name in names:
        path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
        if path in skip_files or path.endswith(".d.ts"):
            continue
        files.append(path)
files.sort()
digest = hashlib.sha256()
for path in files:
    with open(os.path.join(root, path), "rb") as f:
        data = f.read()
    digest.update(path.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
build = digest.hexdigest()[:16]
with open(os.path.join(root, "precache.json"), "w") as f:
    json.dump({"build": build, "files": files}, f, indent=2)
    f.write("\n")
sw = os.path.join(root, "sw.js")
with open(sw, encoding="utf-8") as f:
    text = f.read()
if '"__BUILD_ID__";' not in text:
    sys.exit("build.sh: www/sw.js has no BUILD placeholder to stamp")
text = text.replace('const BUILD = "__BUILD_ID__";', f'const BUILD = "{build}";', 1)
with open(sw, "w", encoding="utf-8") as f:
    f.write(text)
print(f"precache: {len(files)} files, build {build}")
PY

# dist/corpus-explorer.html: the whole explorer in one file that opens from disk
# (wasm, articles, style and a bundle of the modules inlined; strict CSP with
# hashes). Node's standard library only; see the script's header.
log "scripts/single-file.mjs → dist/corpus-explorer.html"
command -v node > /dev/null || die "node is needed for the single-file build"
node scripts/single-file.mjs dist dist/corpus-explorer.html www
# === end of offline and single-file builds =======================================
