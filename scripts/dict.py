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

and then, unless `--no-hmm`, jieba's new-word model (its `finalseg` HMM, MIT licence, the
`hmm.model` file of the `jieba-macros` crate that jieba-rs depends on) as a `%hmm` section:
start and transition log probabilities, and per character its four emission log
probabilities, negated and multiplied by `--hmm-scale` (default 10), rounded. Only characters
that folding leaves alone are kept (`cargo run --example folded_away` lists the others): the
segmenter sees folded text only. The format is described in src/segment/hmm.rs.

`--reference` writes the reference frequency list of general Chinese instead
(`corpus_explorer::analyse::reference::Reference::parse` reads it; build.sh puts it at
dist/dict/reference.txt): the same most frequent entries, no HMM, and a `%total` line with the sum
of the frequencies of all entries of dict.txt, the size of the corpus they were counted on.

Usage:
    scripts/dict.py [--entries N] [--out FILE] [--no-hmm] [--hmm-scale S]
    scripts/dict.py --reference [--entries N] [--out FILE]
    scripts/dict.py --fixture TEXT_FILE [--entries N] [--out FILE]

`--fixture` writes a test dictionary instead: only the entries that occur somewhere in
TEXT_FILE (and HMM rows only for the characters of TEXT_FILE), plus one entry that can never match carrying the frequency of everything left out,
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

# Emission log probabilities are written in tenths of a nat: on ../shared/wordseg-dev the
# word F1 with the HMM is 0.8403 at 10, 0.8396 at 20 and 0.8397 at 100 (src/segment/mod.rs,
# "The dictionary file"), and the section is 69 KB gzip at 10 against 83 KB at 100.
HMM_SCALE = 10

# The word that carries the left-out frequency in a fixture: U+E000 is a private-use character,
# which folds to itself, is no word character and so can never be part of a matched word.
FILLER = "\ue000"


def crate_dir(name):
    """The source folder of crate `name`, which cargo fetched for this project."""
    try:
        out = subprocess.run(
            ["cargo", "metadata", "--format-version", "1"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        sys.exit(f"dict.py: `cargo metadata` failed, so jieba-rs cannot be found: {err}")
    for package in json.loads(out)["packages"]:
        if package["name"] == name:
            return os.path.dirname(package["manifest_path"])
    sys.exit(f"dict.py: {name} is not among the crate's dependencies (jieba-rs should be a "
             "dev-dependency in Cargo.toml, and jieba-macros comes with it)")


def jieba_dict_path():
    """Finds dict.txt inside the jieba-rs crate that cargo fetched for this project."""
    path = os.path.join(crate_dir("jieba-rs"), "src", "data", "dict.txt")
    if os.path.isfile(path):
        return path
    sys.exit(f"dict.py: jieba-rs has no {path}")


def hmm_model_path():
    """Finds jieba's HMM tables (hmm.model) inside the jieba-macros crate."""
    path = os.path.join(crate_dir("jieba-macros"), "src", "hmm.model")
    if os.path.isfile(path):
        return path
    sys.exit(f"dict.py: jieba-macros has no {path}")


def folded_away():
    """The characters folding changes, from our own fold_char (examples/folded_away.rs)."""
    try:
        out = subprocess.run(
            ["cargo", "run", "--quiet", "--example", "folded_away"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as err:
        sys.exit(f"dict.py: `cargo run --example folded_away` failed: {err}")
    return set(out.strip())


def hmm_section(path, scale, keep, exact=False):
    """The `%hmm` lines for jieba's hmm.model at `path`: emission rows for the characters
    `keep(c)` accepts, values -ln(p) * scale rounded (unrounded if `exact`), `x` where jieba has
    none (-3.14e100)."""
    def is_min(v):
        return float(v) < -1e99
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    if len(lines) != 9:
        sys.exit(f"dict.py: {path} has {len(lines)} data lines, not 9 (start, 4 transitions, 4 emissions)")
    def floats(line):
        return " ".join("x" if is_min(v) else v for v in line.split())
    out = [
        f"%hmm {scale:g}",
        "# jieba's new-word model (finalseg, https://github.com/fxsjy/jieba, MIT licence), from",
        "# hmm.model in the jieba-macros crate: %start and %trans are natural logs for the states",
        f"# B E M S; each character row is its emission log probability in B E M S times -{scale:g},",
        "# rounded; x = impossible. Characters that folding changes are left out.",
        "%start " + floats(lines[0]),
    ] + ["%trans " + floats(l) for l in lines[1:5]]
    emit = {}
    for state, line in enumerate(lines[5:9]):
        for pair in line.split(","):
            ch, _, value = pair.rpartition(":")
            if len(ch) != 1:
                sys.exit(f"dict.py: {path}: bad emission {pair!r}")
            v = -float(value) * scale
            emit.setdefault(ch, ["x"] * 4)[state] = repr(v) if exact else str(round(v))
    for ch in sorted(emit):
        if keep(ch):
            out.append(ch + " " + " ".join(emit[ch]))
    return out


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
    parser.add_argument("--no-hmm", action="store_true",
                        help="leave out the %%hmm section (jieba's new-word model)")
    parser.add_argument("--hmm-scale", type=float, default=HMM_SCALE,
                        help=f"emission log probabilities are stored times this, rounded (default {HMM_SCALE:g})")
    parser.add_argument("--hmm-exact", action="store_true",
                        help="write jieba's emission log probabilities unrounded (for checking "
                             "against jieba-rs: examples/hmm_agreement.rs)")
    parser.add_argument("--reference", action="store_true",
                        help="write the reference frequency list for keywords against general Chinese")
    parser.add_argument("--fixture", metavar="TEXT_FILE",
                        help="write a test fixture: only entries occurring in TEXT_FILE")
    args = parser.parse_args()

    source = args.source or jieba_dict_path()
    entries = read_entries(source)
    kept = top(entries, args.entries)
    if args.reference:
        body = "\n".join([
            f"# Reference frequency list of general Chinese for corpus-explorer's keywords: the",
            f"# {len(kept)} most frequent entries of jieba's dict.txt (https://github.com/fxsjy/jieba,",
            "# MIT licence), as `word frequency`. jieba does not document how they were counted;",
            "# users on its issue tracker say from segmented text, the People's Daily 1998 corpus and",
            "# novels of the author's own (fxsjy/jieba issue #896), i.e. mostly 1990s-2000s",
            f"# written Chinese. %total is the sum over all {len(entries)} entries: the reference size.",
            "# Made by scripts/dict.py --reference; lines starting with # are comments.",
            f"%total {sum(freq for _, freq in entries)}",
        ] + [f"{w} {freq}" for w, freq in sorted(kept)]) + "\n"
        write(body, args.out)
        return
    header = [
        f"# Word list for corpus-explorer's segmenter: the {len(kept)} most frequent entries of",
        "# jieba's dict.txt (https://github.com/fxsjy/jieba, MIT licence), as `word frequency`.",
        "# Made by scripts/dict.py; lines starting with # are comments.",
    ]
    text = None
    if args.fixture:
        with open(args.fixture, encoding="utf-8") as f:
            text = f.read().lower()
        total = sum(freq for _, freq in kept)
        kept = [(w, freq) for w, freq in kept if w.lower() in text]
        left_out = total - sum(freq for _, freq in kept)
        header += [
            f"# Test fixture: only the words that occur in {os.path.basename(args.fixture)}. The last",
            "# word line's word is U+E000, a private-use character no text holds; its frequency is that",
            "# of all the words left out, so the total, and every path's probability, is unchanged.",
        ]
        lines = [f"{w} {freq}" for w, freq in sorted(kept)] + [f"{FILLER} {left_out}"]
    else:
        lines = [f"{w} {freq}" for w, freq in sorted(kept)]

    if not args.no_hmm:
        away = folded_away()
        lines += hmm_section(
            hmm_model_path(), 1 if args.hmm_exact else args.hmm_scale,
            lambda c: c not in away and (text is None or c in text), exact=args.hmm_exact)
    write("\n".join(header + lines) + "\n", args.out)


def write(body, out):
    """Writes `body` to the file `out` (its folder made if needed), or to stdout without one."""
    if out:
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            f.write(body)
    else:
        sys.stdout.write(body)


if __name__ == "__main__":
    main()
