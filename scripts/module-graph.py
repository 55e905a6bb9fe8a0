#!/usr/bin/env python3
"""The Rust core's module graph, read from the code, and a check that it runs one way.

    python3 scripts/module-graph.py          # print what each top-level module of src/ imports
    python3 scripts/module-graph.py --check  # also fail when a module imports a later step

An import is any `crate::<module>` path outside comments and test code (`#[cfg(test)]` blocks
at the end of a file, and files named `tests.rs`). Each module may use only the modules of an
earlier step in PIPELINE below; test code may reach further on purpose (a unit test of search
builds a whole corpus). scripts/test.sh runs the check.
"""
import os
import re
import sys
from collections import defaultdict

# The pipeline, one step per line; a module may import any module of an earlier step.
PIPELINE = [
    ["error", "date", "fold", "index"],  # the shared tools: fold is the one analyser
    ["decode"],
    ["extract"],  # HTML pages: visible text, article vs furniture, page metadata
    ["document"],
    ["clean"],
    ["meta"],
    ["formats"],  # files as they come (tables, ZIP, DOCX) → texts with stated metadata
    ["query", "segment"],
    ["store"],
    ["stories"],
    ["search", "snapshot"],  # snapshot: the store (and the variant table) as bytes
    ["analyse"],
    ["session"],
    ["shard"],  # the corpus cut into files fetched on demand (issue 16)
    ["wasm", "testing"],
]
STEP = {module: i for i, step in enumerate(PIPELINE) for module in step}
ROOT_ITEMS = {"Error", "Result", "Corpus"}  # re-exported at the crate root by lib.rs


def imports(src_dir):
    graph = defaultdict(set)
    for folder, _, files in os.walk(src_dir):
        for name in files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, src_dir).split(os.sep)
            top = rel[0].removesuffix(".rs")
            if not name.endswith(".rs") or top in ("lib", "bin") or name == "tests.rs":
                continue
            if "tests" in rel[1:-1] or "testdata" in rel:
                continue
            text = open(path, encoding="utf-8").read()
            text = re.split(r"\n#\[cfg\(test\)\]", text)[0]
            code = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("//"))
            used = set(re.findall(r"crate::([a-z_0-9]+)", code))
            for group in re.findall(r"use crate::\{([^}]*)\}", code):
                used |= set(re.findall(r"\b([a-z_0-9]+)::", group))
            graph[top] |= {m for m in used if m != top and m not in ROOT_ITEMS}
            graph.setdefault(top, set())
    return graph


def main():
    src_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    graph = imports(src_dir)
    problems = []
    for module in sorted(graph, key=lambda m: (STEP.get(m, 99), m)):
        print(f"{module:9} -> {', '.join(sorted(graph[module], key=lambda m: (STEP.get(m, 99), m))) or '(nothing)'}")
        if module not in STEP:
            problems.append(f"{module} is in no step of PIPELINE (scripts/module-graph.py)")
            continue
        for used in graph[module]:
            if STEP.get(used, 99) >= STEP[module]:
                problems.append(f"{module} imports {used}, which is not an earlier step")
    if "--check" in sys.argv[1:]:
        for problem in problems:
            print(f"module graph: {problem}", file=sys.stderr)
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
