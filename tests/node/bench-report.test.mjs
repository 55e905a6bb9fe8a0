// The benchmark's RESULTS.md (tests/bench/report.mjs): a new run keeps the sections measured
// by hand (tests/bench/cold-start.mjs's breakdown) instead of wiping them.

import assert from "node:assert/strict";
import { test } from "node:test";
import { keepHandWritten } from "../bench/report.mjs";

test("a-new-benchmark-run-keeps-the-hand-written-sections-after-the-seeds", () => {
  const previous = "# Old\n\n## Bundled seeds\n\nold figures\n\n<!-- hand-written -->\n### By hand\n\n| a |\n<!-- /hand-written -->\n\n## 10 MB\n\nold\n";
  const fresh = "# New\n\n## Bundled seeds\n\nnew figures\n\n## 10 MB\n\nnew\n";
  assert.equal(
    keepHandWritten(previous, fresh),
    "# New\n\n## Bundled seeds\n\nnew figures\n\n<!-- hand-written -->\n### By hand\n\n| a |\n<!-- /hand-written -->\n\n## 10 MB\n\nnew\n",
  );
  assert.equal(keepHandWritten("no marks here", fresh), fresh, "nothing to keep: the new run as it is");
  assert.equal(keepHandWritten(previous, "# New\n"), "# New\n\n<!-- hand-written -->\n### By hand\n\n| a |\n<!-- /hand-written -->\n", "no seeds section: at the end");
});
