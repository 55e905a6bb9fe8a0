#!/usr/bin/env bash
# Builds the site and serves dist/ at http://127.0.0.1:${PORT:-8000}/.
# Needs only the wasm target and wasm-bindgen, which build.sh ensures.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

bash scripts/build.sh
exec python3 scripts/serve.py --dir dist --port "${PORT:-8000}" --host 127.0.0.1
