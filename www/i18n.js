// The interface language. Every label and sentence is written once, bilingual,
// Chinese first ("3 篇文章，共 57 处 / 3 articles, 57 occurrences"; format.js,
// analysis-format.js, index.html); the page shows one side of it. Pure
// functions: no DOM, unit-tested in tests/node/i18n.test.mjs. The DOM side is
// localize.js.

export const LANGS = Object.freeze(["zh", "en"]);
export const STORAGE_KEY = "corpus-explorer:ui-lang";

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const SEPARATOR = " / ";
const SIZE_BEFORE = /\d(?:\.\d+)? [KM]?B$/;
const SIZE_AFTER = /^\d+(?:\.\d+)? [KM]?B\b/;

/** How many CJK characters `text` has outside “…” quotes (a quoted query may be Chinese in the English half). */
function cjkOutsideQuotes(text) {
  return (text.replace(/“[^”]*”/g, "").match(new RegExp(CJK.source, "g")) ?? []).length;
}

/**
 * Where the English half starts in a bilingual "中文 / English" string: among
 * the " / " outside “…” quotes with Chinese before and Latin letters after
 * (and not between two sizes, "1.0 MB / 5.0 MB"), the one leaving the least
 * Chinese after it outside quotes ("第 2 / 3 页 / Page 2 of 3"), the first on a tie.
 * @returns {{ zh: string, en: string, tail: string } | null} null when `text` is not
 *   bilingual; `tail` is a count shown in both languages, not part of `en`
 */
export function splitBilingual(text) {
  if (typeof text !== "string") return null;
  let depth = 0;
  let best = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "“") depth++;
    else if (c === "”") depth = Math.max(0, depth - 1);
    else if (depth === 0 && text.startsWith(SEPARATOR, i)) {
      const zh = text.slice(0, i);
      const en = text.slice(i + SEPARATOR.length);
      if (!CJK.test(zh) || !/[A-Za-z]/.test(en)) continue;
      if (SIZE_BEFORE.test(zh) && SIZE_AFTER.test(en)) continue;
      const score = cjkOutsideQuotes(en);
      if (best === null || score < best.score) best = { zh, en, score };
    }
  }
  if (!best) return null;
  // A reason only the English half carries ("出错了 / Something went wrong: <reason>")
  // is shown in both: the core's message is the same in either language.
  const reason = /^([A-Za-z][^:“”]*)(: .+)$/s.exec(best.en);
  if (reason && !/[:：]/.test(best.zh)) return { zh: best.zh, en: reason[1], tail: reason[2] };
  // A count both halves share is written once, at the end: "繁體 / Traditional (1)".
  const tail = /\s\(\d[\d,]*\)$/.exec(best.en)?.[0] ?? "";
  if (tail && !/\(\d[\d,]*\)$/.test(best.zh)) return { zh: best.zh, en: best.en.slice(0, -tail.length), tail };
  return { zh: best.zh, en: best.en, tail: "" };
}

/** The side of a bilingual string for `lang` ("zh" | "en"); any other text as it is. */
export function pick(text, lang) {
  const parts = splitBilingual(text);
  if (!parts) return text;
  return (lang === "en" ? parts.en : parts.zh) + parts.tail;
}

/** The interface language for the browser's `navigator.languages`: any zh* → "zh", else "en". */
export function languageFor(languages) {
  const list = Array.isArray(languages) ? languages : [];
  return list.some((tag) => typeof tag === "string" && /^zh\b/i.test(tag)) ? "zh" : "en";
}

/** The `lang` attribute for the interface language. */
export function htmlLang(lang) {
  return lang === "en" ? "en" : "zh-Hans";
}

/** The toggle's text: the other language, named in itself. */
export function toggleLabel(lang) {
  return lang === "en" ? "中文" : "English";
}

/** The reader's saved choice, or null (no storage, nothing saved, storage refusing). */
export function savedLanguage(storage) {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return LANGS.includes(value) ? value : null;
  } catch {
    return null;
  }
}

/** Remembers the choice; a storage that refuses costs only the memory. */
export function saveLanguage(storage, lang) {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode, quota: the choice lasts this visit
  }
}

/** The language to start in: the saved choice, else the browser's. */
export function initialLanguage(storage, languages) {
  return savedLanguage(storage) ?? languageFor(languages);
}
