#!/usr/bin/env python3
"""Writes the word list that `corpus_explorer::segment::Segmenter::from_dictionary` reads.

The source is jieba's `dict.txt` (MIT licence, 349,045 entries of `word frequency POS-tag`), as
shipped inside the `jieba-rs` crate. The crate is a dev-dependency of ours for this reason (and
for a property test that checks our segmenter against it), so on a fresh clone the file is found
with nothing but crates.io: `cargo metadata` fetches the crate if needed and names its manifest.

The output keeps the most frequent entries, drops the POS tags and sorts the lines by word (so
that gzip finds the shared prefixes):

    # comment lines, then
    word frequency

Usage:
    scripts/dict.py [--entries N] [--out FILE]
    scripts/dict.py --fixture TEXT_FILE [--entries N] [--out FILE]

`--fixture` writes a test dictionary instead: only the entries that occur somewhere in
TEXT_FILE, plus one entry that can never match carrying the frequency of everything left out,
so that the total (and with it every path probability) is exactly that of the full list. The
segmentation snapshots in src/segment/ use such a fixture.

The default size, 60,000 entries (695 KB raw, 331 KB gzip, 95.4% of the tokens of the full
list on the seed articles), and the measurements behind it are in the module docs of
src/segment/mod.rs, "The dictionary file".
"""

import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The default size of the list; see the table in src/segment/mod.rs.
DEFAULT_ENTRIES = 60_000

# The word that carries the left-out frequency in a fixture: U+E000 is a private-use character,
# which folds to itself, is no word character and so can never be part of a matched word.
FILLER = "\ue000"


def jieba_dict_path():
    """Finds dict.txt inside the jieba-rs crate that cargo fetched for this project."""
    try:
        out = subprocess.run(
            ["cargo", "metadata", "--format-version", "1"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        sys.exit(f"dict.py: `cargo metadata` failed, so jieba-rs cannot be found: {err}")
    for package in json.loads(out)["packages"]:
        if package["name"] == "jieba-rs":
            path = os.path.join(os.path.dirname(package["manifest_path"]), "src", "data", "dict.txt")
            if os.path.isfile(path):
                return path
            sys.exit(f"dict.py: jieba-rs {package['version']} has no {path}")
    sys.exit("dict.py: jieba-rs is not among the crate's dependencies (it should be a "
             "dev-dependency in Cargo.toml)")


def read_entries(path):
    """Returns [(word, frequency)] from a jieba dictionary (`word freq [tag]` lines)."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) < 2 or not fields[1].isdigit():
                sys.exit(f"dict.py: {path}:{number} is not `word frequency [tag]`: {line!r}")
            entries.append((fields[0], int(fields[1])))
    return entries


def top(entries, n):
    """The n most frequent entries; ties are broken by the word so the cut is reproducible."""
    return sorted(entries, key=lambda e: (-e[1], e[0]))[:n]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=DEFAULT_ENTRIES,
                        help=f"how many of the most frequent words to keep (default {DEFAULT_ENTRIES})")
    parser.add_argument("--out", help="file to write (default: standard output)")
    parser.add_argument("--source", help="a jieba dict.txt to read instead of the one in jieba-rs")
    parser.add_argument("--fixture", metavar="TEXT_FILE",
                        help="write a test fixture: only entries occurring in TEXT_FILE")
    args = parser.parse_args()

    source = args.source or jieba_dict_path()
    kept = top(read_entries(source), args.entries)
    header = [
        f"# Word list for corpus-explorer's segmenter: the {len(kept)} most frequent entries of",
        "# jieba's dict.txt (https://github.com/fxsjy/jieba, MIT licence), as `word frequency`.",
        "# Made by scripts/dict.py; lines starting with # are comments.",
    ]
    if args.fixture:
        with open(args.fixture, encoding="utf-8") as f:
            text = f.read().lower()
        total = sum(freq for _, freq in kept)
        kept = [(w, freq) for w, freq in kept if w.lower() in text]
        left_out = total - sum(freq for _, freq in kept)
        header += [
            f"# Test fixture: only the words that occur in {os.path.basename(args.fixture)}. The last",
            "# line's word is U+E000, a private-use character no text holds; its frequency is that",
            "# of all the words left out, so the total, and every path's probability, is unchanged.",
        ]
        lines = [f"{w} {freq}" for w, freq in sorted(kept)] + [f"{FILLER} {left_out}"]
    else:
        lines = [f"{w} {freq}" for w, freq in sorted(kept)]

    body = "\n".join(header + lines) + "\n"
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
    else:
        sys.stdout.write(body)


if __name__ == "__main__":
    main()
