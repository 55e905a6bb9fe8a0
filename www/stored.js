// A list kept in localStorage under one key, read and written so that a storage
// which throws (private modes, some embeds) or is missing never breaks the page.

/** The JSON array a stored value holds; [] for none, broken JSON or anything but an array. */
export function storedArray(stored) {
  if (typeof stored !== "string" || stored === "") return [];
  let value;
  try {
    value = JSON.parse(stored);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value : [];
}

/** The stored value parsed by `parse`; `fallback` when there is none or it cannot be read. */
export function loadStored(storage, key, parse, fallback = []) {
  try {
    return parse(storage?.getItem(key) ?? null);
  } catch {
    return fallback;
  }
}

/**
 * Stores `list` serialised by `serialize` (an empty list removes the key);
 * returns false when the storage refused (the page goes on without it).
 */
export function saveStored(storage, key, list, serialize) {
  if (!storage) return false;
  try {
    if (list.length === 0) storage.removeItem(key);
    else storage.setItem(key, serialize(list));
    return true;
  } catch {
    return false;
  }
}
