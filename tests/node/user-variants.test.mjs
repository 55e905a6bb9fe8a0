import assert from "node:assert/strict";
import { test } from "node:test";
import {
  loadVariants,
  parseVariants,
  saveVariants,
  serializeVariants,
  STORAGE_KEY,
  withoutVariant,
  withVariant,
} from "../../www/user-variants.js";

/** A Storage-like object over a Map. */
function memoryStorage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
    removeItem: (key) => map.delete(key),
  };
}

/** Storage that throws on every access, as in a sandboxed embed. */
const refusing = {
  getItem() {
    throw new Error("SecurityError");
  },
  setItem() {
    throw new Error("QuotaExceededError");
  },
  removeItem() {
    throw new Error("SecurityError");
  },
};

test("stored variants round-trip as a JSON list of [canonical, variant]", () => {
  const pairs = [["抖音", "颤音"], ["快手", "Speeter"]];
  assert.equal(serializeVariants(pairs), '[["抖音","颤音"],["快手","Speeter"]]');
  assert.deepEqual(parseVariants(serializeVariants(pairs)), pairs);
});

test("a damaged stored value gives no variants, or only the sound ones", () => {
  assert.deepEqual(parseVariants(null), []);
  assert.deepEqual(parseVariants(""), []);
  assert.deepEqual(parseVariants("{not json"), []);
  assert.deepEqual(parseVariants('{"抖音":"颤音"}'), []);
  assert.deepEqual(
    parseVariants('[["抖音","颤音"],["抖音"],[1,2],"x",[" 快手 "," Kwai "],["",""],["抖音","颤音"]]'),
    [["抖音", "颤音"], ["快手", "Kwai"]],
  );
});

test("adding keeps the order and no duplicates; forgetting removes one", () => {
  let pairs = withVariant([], "抖音", "颤音");
  pairs = withVariant(pairs, "快手", " Speeter ");
  pairs = withVariant(pairs, "抖音", "颤音");
  assert.deepEqual(pairs, [["抖音", "颤音"], ["快手", "Speeter"]]);
  assert.deepEqual(withoutVariant(pairs, "抖音", "颤音"), [["快手", "Speeter"]]);
});

test("variants are saved under the page's key and loaded back", () => {
  const storage = memoryStorage();
  assert.equal(saveVariants(storage, [["抖音", "颤音"]]), true);
  assert.equal(storage.map.get(STORAGE_KEY), '[["抖音","颤音"]]');
  assert.equal(STORAGE_KEY, "corpus-explorer:variants");
  assert.deepEqual(loadVariants(storage), [["抖音", "颤音"]]);
  saveVariants(storage, []);
  assert.equal(storage.map.has(STORAGE_KEY), false, "an empty list leaves nothing behind");
});

test("storage that throws or is missing never stops the page", () => {
  assert.deepEqual(loadVariants(refusing), []);
  assert.equal(saveVariants(refusing, [["抖音", "颤音"]]), false);
  assert.deepEqual(loadVariants(null), []);
  assert.equal(saveVariants(null, [["抖音", "颤音"]]), false);
});
