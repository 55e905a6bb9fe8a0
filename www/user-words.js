// The words a reader added to the lexicon (直播电商, …), kept in localStorage
// so they are added to the corpus again on the next visit. Stored as a JSON
// list of strings under WORDS_KEY. Like user-variants.js: the storage is
// passed in, and every access is wrapped, since localStorage can throw.

import { loadStored, saveStored, storedArray } from "./stored.js";

export const WORDS_KEY = "corpus-explorer:words";

/** The words in a stored value, trimmed, without repeats; anything malformed is skipped. */
export function parseWords(stored) {
  return storedArray(stored).reduce((words, entry) => withWord(words, entry), []);
}

/** The list with the word added at the end (trimmed), unless it is there or blank. */
export function withWord(words, word) {
  if (typeof word !== "string") return [...words];
  const text = word.trim();
  return text === "" || words.includes(text) ? [...words] : [...words, text];
}

/** The list without the word. */
export function withoutWord(words, word) {
  return words.filter((w) => w !== word);
}

/** The stored words; [] when there are none or the storage cannot be read. */
export function loadWords(storage) {
  return loadStored(storage, WORDS_KEY, parseWords);
}

/** Stores the words; false when the storage refused (the page goes on without it). */
export function saveWords(storage, words) {
  return saveStored(storage, WORDS_KEY, words, JSON.stringify);
}
