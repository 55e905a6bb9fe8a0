import assert from "node:assert/strict";
import { test } from "node:test";
import { loadWords, parseWords, saveWords, withoutWord, withWord, WORDS_KEY } from "../../www/user-words.js";

function memoryStorage(entries = {}) {
  const map = new Map(Object.entries(entries));
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
    removeItem: (key) => map.delete(key),
  };
}

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

test("stored words round-trip as a JSON list", () => {
  const storage = memoryStorage();
  assert.equal(saveWords(storage, ["直播电商", "老铁"]), true);
  assert.equal(storage.map.get(WORDS_KEY), '["直播电商","老铁"]');
  assert.deepEqual(loadWords(storage), ["直播电商", "老铁"]);
  saveWords(storage, []);
  assert.equal(storage.map.has(WORDS_KEY), false, "an empty lexicon leaves nothing behind");
});

test("a damaged stored value gives no words, or only the sound ones", () => {
  assert.deepEqual(parseWords(null), []);
  assert.deepEqual(parseWords("{not json"), []);
  assert.deepEqual(parseWords('{"a":1}'), []);
  assert.deepEqual(parseWords('[" 直播电商 ", 3, "", "直播电商", null, "老铁"]'), ["直播电商", "老铁"]);
});

test("adding keeps the order and no repeats or blanks; forgetting removes one", () => {
  let words = withWord([], "直播电商");
  words = withWord(words, " 直播电商 ");
  words = withWord(words, "  ");
  words = withWord(words, "老铁");
  assert.deepEqual(words, ["直播电商", "老铁"]);
  assert.deepEqual(withoutWord(words, "直播电商"), ["老铁"]);
});

test("storage that throws or is missing never stops the page", () => {
  assert.deepEqual(loadWords(refusing), []);
  assert.equal(saveWords(refusing, ["直播电商"]), false);
  assert.deepEqual(loadWords(null), []);
  assert.equal(saveWords(null, ["直播电商"]), false);
});
