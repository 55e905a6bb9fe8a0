#!/usr/bin/env bash
# Performance and scale benchmark (not part of the test suite; see tests/bench/README.md).
#
#   bash scripts/bench.sh            # everything: seeds, ~10 MB and ~50 MB, all engines
#   BENCH_SIZES=10 BENCH_ENGINES=ours,flexsearch bash scripts/bench.sh
#   BENCH_SKIP_BUILD=1 bash scripts/bench.sh   # measure the dist/ already built
#
# Installs what it needs (npm packages from package-lock.json, Debian's chromium,
# the chinese-poetry and pagefind npm packages into .bench-cache/npm/), builds the site, and
# runs tests/bench/run.mjs: prints the results as Markdown on stdout and writes
# tests/bench/RESULTS.md. Takes about 10–15 minutes on 2 cores.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

# Installed into the bench cache, pinned, and kept out of the project's lockfile:
# the real Chinese text (350 MB unpacked), and Pagefind, whose platform binaries
# other than linux-x64 are not all published at this version, so a lockfile
# naming them would break `npm ci` elsewhere.
POETRY_VERSION=2.0.1
PAGEFIND_VERSION=1.6.0
CACHE="$ROOT/${BENCH_CACHE:-.bench-cache}"

# Only the results go to stdout; installs and the build report on stderr.
exec 3>&1 1>&2

ensure_node_modules
ensure_chromium

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    bash scripts/build.sh
fi

# Both in one command: `npm install --no-save` prunes what it was not asked for.
installed() { # name version
    local manifest="$CACHE/npm/node_modules/$1/package.json"
    [ -f "$manifest" ] && grep -q "\"version\": *\"$2\"" "$manifest"
}
if ! installed chinese-poetry "$POETRY_VERSION" || ! installed pagefind "$PAGEFIND_VERSION"; then
    log "npm install chinese-poetry@$POETRY_VERSION pagefind@$PAGEFIND_VERSION into ${CACHE#"$ROOT"/}/npm"
    mkdir -p "$CACHE/npm"
    [ -f "$CACHE/npm/package.json" ] || printf '{ "private": true }\n' > "$CACHE/npm/package.json"
    # Pagefind's binary comes from its platform package (an optional dependency). If
    # npm cannot install Pagefind, the text alone is installed and run.mjs records
    # Pagefind as not available, with npm's error from pagefind-install-error.txt.
    rm -f "$CACHE/pagefind-install-error.txt"
    if ! npm install --prefix "$CACHE/npm" --no-save --no-package-lock --no-audit --no-fund \
        "chinese-poetry@$POETRY_VERSION" "pagefind@$PAGEFIND_VERSION" 2> "$CACHE/npm-install.log"; then
        cat "$CACHE/npm-install.log" >&2
        grep -i 'error' "$CACHE/npm-install.log" | head -n 5 > "$CACHE/pagefind-install-error.txt" || true
        log "pagefind@$PAGEFIND_VERSION could not be installed; benchmarking without it"
        npm install --prefix "$CACHE/npm" --no-save --no-package-lock --no-audit --no-fund \
            "chinese-poetry@$POETRY_VERSION"
    fi
fi

if [ "${BENCH_SCALE_ONLY:-0}" != 1 ]; then
    log "node tests/bench/run.mjs"
    node tests/bench/run.mjs >&3
fi

# The sharded layout at scale (issue 16), opt-in: BENCH_SCALE=1 (BENCH_SCALE_ONLY=1 skips the
# run above; it needs its 50 MB set once). The 50 MB set repeated to 200 MB and 1 GB
# (BENCH_SCALE_SIZES=200,1000), built by the CLI, replayed natively (examples/shard_replay.rs);
# BENCH_SCALE_PAGEFIND=1 builds Pagefind on the 200 MB text too. One JSON line per size on
# stdout; the hand-kept table is in tests/bench/RESULTS.md ("Sharded at scale").
if [ "${BENCH_SCALE:-0}" = 1 ]; then
    log "node tests/bench/scale.mjs"
    node tests/bench/scale.mjs >&3
fi

# Main-content extraction on saved web pages (issue 13), when the dev pages are at hand: the
# evaluation's summary is appended to the results run.mjs just wrote.
# A sharded site in the page (issue 16): first result from navigation and the bytes fetched,
# the bench's 10 MB set built --sharded (hand-kept in RESULTS.md, "Sharded at scale").
if [ "${BENCH_SHARDED_PAGE:-0}" = 1 ]; then
    log "node tests/bench/sharded-page.mjs 7"
    node tests/bench/sharded-page.mjs 7 >&3
fi

if [ -d ../shared/pages-dev ]; then
    log "cargo run --release --example extract_eval"
    mkdir -p "$CACHE"
    {
        printf '\n## Saved web pages: main-content extraction (issue 13)\n\n'
        printf 'cargo run --release --example extract_eval over ../shared/pages-dev/ '
        printf '(per-page table in tests/extract/RESULTS.txt):\n\n```\n'
        cargo run --quiet --release --example extract_eval | sed -n '/^pages:/,$p'
        printf '```\n'
    } > "$CACHE/extract-eval.md"
    cat "$CACHE/extract-eval.md" >&3
    results="${BENCH_RESULTS:-tests/bench/RESULTS.md}"
    if [ "$results" != - ]; then cat "$CACHE/extract-eval.md" >> "$results"; fi
fi
