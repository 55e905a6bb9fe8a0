// The name variants a reader added (颤音 for 抖音, …), kept in localStorage so
// they are added to the corpus again on the next visit. Stored as a JSON list
// of [canonical, variant] pairs under STORAGE_KEY.
//
// The storage is passed in, so `node --test` runs all of this with a fake.
// Reading or writing localStorage can throw (blocked cookies, a sandboxed
// embed, a full quota): every access is wrapped, and the page then works
// without remembering.

import { loadStored, saveStored, storedArray } from "./stored.js";

export const STORAGE_KEY = "corpus-explorer:variants";

/** The page's localStorage, or null when the browser refuses access to it. */
export function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const isName = (value) => typeof value === "string" && value.trim() !== "";

/**
 * The pairs in a stored value: `[[canonical, variant], …]`, names trimmed.
 * Anything else (null, broken JSON, wrong shapes) gives [] or is skipped, so a
 * damaged entry never stops the page.
 */
export function parseVariants(stored) {
  const pairs = [];
  for (const entry of storedArray(stored)) {
    if (!Array.isArray(entry) || entry.length !== 2 || !entry.every(isName)) continue;
    addPair(pairs, [entry[0].trim(), entry[1].trim()]);
  }
  return pairs;
}

/** The stored form of the pairs. */
export function serializeVariants(pairs) {
  return JSON.stringify(pairs.map(([canonical, variant]) => [canonical, variant]));
}

/** The list with the pair added at the end, unless an equal pair is in it already. */
export function withVariant(pairs, canonical, variant) {
  const out = pairs.map((pair) => [...pair]);
  addPair(out, [String(canonical).trim(), String(variant).trim()]);
  return out;
}

/** The list without the pair. */
export function withoutVariant(pairs, canonical, variant) {
  return pairs.filter(([c, v]) => !(c === canonical && v === variant));
}

function addPair(pairs, [canonical, variant]) {
  if (!pairs.some(([c, v]) => c === canonical && v === variant)) pairs.push([canonical, variant]);
}

/** The stored pairs; [] when there are none or the storage cannot be read. */
export function loadVariants(storage) {
  return loadStored(storage, STORAGE_KEY, parseVariants);
}

/** Stores the pairs; returns false when the storage refused (the page goes on without it). */
export function saveVariants(storage, pairs) {
  return saveStored(storage, STORAGE_KEY, pairs, serializeVariants);
}
