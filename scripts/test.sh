#!/usr/bin/env bash
# Everything CI runs: native Rust tests, the wasm build, the pure JS unit tests
# and the browser scenarios against the built site. Exits non-zero on the first
# failure and always reports how long it took.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

started=$SECONDS
trap 'log "wall time: $((SECONDS - started)) s"' EXIT

ensure_wasm_target
ensure_wasm_bindgen
ensure_chromium
ensure_node_modules

log "module graph (no import from a later pipeline step)"
python3 scripts/module-graph.py --check >/dev/null

log "cargo test"
cargo test --locked

bash scripts/build.sh

log "node unit tests"
node --test tests/node/

log "browser tests"
node --test tests/browser/
