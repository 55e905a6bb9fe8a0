#!/usr/bin/env bash
# Tool checks shared by build.sh, serve.sh and test.sh. Source it, then call the
# ensure_* functions you need. Each one only looks when the tool is already
# there, so a second run costs well under a second.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
#   ensure_wasm_target
#   ensure_wasm_bindgen

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly when we are root (CI containers), else via sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
    command -v rustup >/dev/null || die "rustup not found; install Rust from https://rustup.rs"
    if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        log "adding rustup target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
}

# The wasm-bindgen version the crate links against. The CLI must match it
# exactly: the generated JS glue and the wasm's custom section are versioned
# together and wasm-bindgen refuses a mismatch. Cargo.lock is the truth; before
# the first build there is none, so fall back to the exact pin in Cargo.toml.
wasm_bindgen_version() {
    local version=""
    if [ -f "$ROOT/Cargo.lock" ]; then
        version="$(awk '
            $0 == "name = \"wasm-bindgen\"" { found = 1; next }
            found && /^version = / { gsub(/"/, "", $3); print $3; exit }
            /^\[\[package\]\]/ { found = 0 }
        ' "$ROOT/Cargo.lock")"
    fi
    if [ -z "$version" ]; then
        version="$(sed -nE 's/^wasm-bindgen[[:space:]]*=.*"=?([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
    fi
    [ -n "$version" ] || die "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"
    printf '%s\n' "$version"
}

ensure_wasm_bindgen() {
    local want have=""
    want="$(wasm_bindgen_version)"
    if command -v wasm-bindgen >/dev/null; then
        have="$(wasm-bindgen --version | awk '{ print $2 }')"
    fi
    if [ "$have" = "$want" ]; then
        return
    fi
    log "installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes"
    if ! cargo install wasm-bindgen-cli --version "$want" --locked; then
        # The CLI's own lockfile can pin a dependency release that the reachable
        # registry does not offer (seen with webpki-roots 1.0.11); resolving
        # afresh within the same semver ranges still builds the same CLI version.
        log "locked install failed; retrying without --locked"
        cargo install wasm-bindgen-cli --version "$want"
    fi
}

ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return
    fi
    log "installing chromium and chromium-driver from apt"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
}

# node_modules is rebuilt from the committed package-lock.json whenever the lock
# (or package.json) is newer than the stamp left by the last successful `npm ci`.
ensure_node_modules() {
    local stamp="$ROOT/node_modules/.ce-npm-ci-stamp"
    command -v npm >/dev/null || die "npm not found; install Node.js 20 or newer"
    if [ -f "$stamp" ] \
        && [ ! "$ROOT/package-lock.json" -nt "$stamp" ] \
        && [ ! "$ROOT/package.json" -nt "$stamp" ]; then
        return
    fi
    log "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund)
    touch "$stamp"
}
