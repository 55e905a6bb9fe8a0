#!/usr/bin/env bash
# Scores word segmentation on the hand-segmented Weibo sentences in ../shared/wordseg-dev/
# (NLPCC 2016; read its README for the scoring convention and its terms: the data is read
# where it lies, never copied into this repository). Prints P, R, F1, OOV recall and OOV-Han
# recall for our Segmenter without and with its HMM, and for jieba-rs with and without HMM on
# the same word list (examples/wordseg_score.rs).
#
# Usage: scripts/wordseg-score.sh [--entries N]... [GOLD]
#   --entries N   score a word list of the N most frequent entries (repeatable; default: the
#                 size scripts/dict.py writes by default). The first list is the one jieba-rs
#                 gets.
#   GOLD          default ../shared/wordseg-dev/dev.txt (relative to the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

entries=()
gold=../shared/wordseg-dev/dev.txt
while (($#)); do
  case "$1" in
    --entries) entries+=("$2"); shift 2 ;;
    *) gold="$1"; shift ;;
  esac
done
[[ -f "$gold" ]] || { echo "wordseg-score.sh: no gold file at $gold" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lists=()
if ((${#entries[@]} == 0)); then
  python3 scripts/dict.py --out "$tmp/words.txt"
  lists+=("$tmp/words.txt")
else
  for n in "${entries[@]}"; do
    python3 scripts/dict.py --entries "$n" --out "$tmp/words-$n.txt"
    lists+=("$tmp/words-$n.txt")
  done
fi
for list in "${lists[@]}"; do
  printf '%s: %d bytes raw, %d bytes gzip -9\n' "$(basename "$list")" "$(wc -c < "$list")" "$(gzip -9 -c "$list" | wc -c)"
done
# jieba's full dict.txt decides what is out of vocabulary.
full=$(python3 - <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("dict", "scripts/dict.py")
d = importlib.util.module_from_spec(spec); spec.loader.exec_module(d)
print(d.jieba_dict_path())
PY
)
# A release build without LTO: the numbers are the same, the build much quicker.
CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo run --quiet --release --example wordseg_score -- "$gold" "$full" "${lists[@]}"
