#!/usr/bin/env bash
# Compiles the crate to wasm, generates the JS bindings and assembles the static
# site in dist/: www/ as it is, the wasm package in dist/pkg/, and the bundled
# articles in dist/seeds/ with a manifest the page reads at start-up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

ensure_wasm_target
ensure_wasm_bindgen

log "cargo build (wasm32-unknown-unknown, release)"
cargo build --release --target wasm32-unknown-unknown --lib

# Start from an empty dist/ so files deleted from www/ or seeds/ do not linger.
rm -rf dist
mkdir -p dist/pkg dist/seeds

log "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir dist/pkg \
    --remove-name-section --remove-producers-section \
    target/wasm32-unknown-unknown/release/corpus_explorer.wasm

# www/pkg is ignored by git: a leftover from serving www/ directly must not
# shadow the package just generated.
for entry in www/*; do
    [ "$entry" = "www/pkg" ] && continue
    cp -R "$entry" dist/
done

shopt -s nullglob
seeds=(seeds/*.txt)
shopt -u nullglob
[ "${#seeds[@]}" -gt 0 ] || die "no seeds/*.txt to bundle"
cp "${seeds[@]}" dist/seeds/
python3 - "${seeds[@]##*/}" > dist/seeds/manifest.json <<'PY'
import json, sys
print(json.dumps({"documents": sorted(sys.argv[1:])}, ensure_ascii=False, indent=2))
PY

wasm=dist/pkg/corpus_explorer_bg.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
log "built dist/ with ${#seeds[@]} articles"
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$wasm" "$raw" "$gz"

# --- segmenter dictionary (src/segment/) ------------------------------------------
# The word list the page fetches only when a word-level view first opens, so search
# never waits for it: the most frequent entries of jieba's dict.txt, read from the
# jieba-rs crate source that cargo fetched (a dev-dependency). Format and size: the
# module docs of src/segment/mod.rs.
words=dist/dict/words.txt
log "scripts/dict.py → $words"
python3 scripts/dict.py --out "$words"
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$words" "$(wc -c < "$words")" "$(gzip -9 -c "$words" | wc -c)"

# --- GB18030/Big5 tables (src/decode/) --------------------------------------------
# The decoders' index tables, which the wasm leaves out: the page fetches this file
# only when someone adds a file that is neither UTF-8 nor UTF-16 (needsEncodingTables,
# then loadEncodingTables). Written by a native binary from the tables build.rs
# generates; format and checks: src/decode/tables.rs.
tables=dist/data/encodings.bin
log "cargo run --bin encoding_tables → $tables"
cargo run --quiet --release --bin encoding_tables -- "$tables" > /dev/null
printf '%s: %d bytes raw, %d bytes gzip -9\n' "$tables" "$(wc -c < "$tables")" "$(gzip -9 -c "$tables" | wc -c)"
