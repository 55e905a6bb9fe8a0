// When the engine moves the corpus into a fresh worker to give back wasm memory
// (www/engine.js, worthCompacting): only when that gives back a real share of it.
// The figures are the browser's, measured by tests/bench/reopen-memory.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { worthCompacting } from "../../www/engine.js";

const MiB = 2 ** 20;

test("a-corpus-just-built-is-compacted-at-10-and-50-mb", () => {
  // After adding the 10 MB benchmark corpus as files and storing it (46.3 MiB measured), or
  // building it and saving it with the whole-file save of before (64.7 MiB); 50 MB built.
  assert.equal(worthCompacting(46.3 * MiB, 13.4 * MiB), true);
  assert.equal(worthCompacting(64.7 * MiB, 13.4 * MiB), true);
  assert.equal(worthCompacting(143.4 * MiB, 66.5 * MiB), true);
});

test("a-corpus-opened-from-its-snapshot-is-left-alone", () => {
  // What a fresh worker holds after opening those snapshots: compacting again gives nothing.
  assert.equal(worthCompacting(22.3 * MiB, 13.4 * MiB), false);
  assert.equal(worthCompacting(109.8 * MiB, 66.5 * MiB), false);
});

test("a-small-corpus-is-never-worth-a-new-worker", () => {
  // The seeds and a few own files: a few MiB at most, whatever the ratio.
  assert.equal(worthCompacting(6 * MiB, 0.1 * MiB), false);
  assert.equal(worthCompacting(9 * MiB, 0.05 * MiB), false);
});
