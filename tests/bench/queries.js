// The fixed query list: 2–4-character words, longer phrases, the same words in
// Traditional and Simplified form, and Latin/number tokens (from the header line
// every benchmark document starts with, see corpus.mjs). Each is one term for
// every engine; ours treats it as an exact substring.

export const QUERIES = [
  // two characters
  { q: "明月", kind: "word" },
  { q: "長安", kind: "word, Trad" },
  { q: "长安", kind: "word, Simp" },
  { q: "白雲", kind: "word, Trad" },
  { q: "白云", kind: "word, Simp" },
  { q: "故人", kind: "word" },
  { q: "江南", kind: "word" },
  { q: "春風", kind: "word, Trad" },
  { q: "春风", kind: "word, Simp" },
  { q: "萬里", kind: "word, Trad" },
  { q: "相思", kind: "word" },
  { q: "不知", kind: "word" },
  // three and four characters
  { q: "明月光", kind: "3 chars" },
  { q: "一片冰心", kind: "4 chars" },
  { q: "千山萬水", kind: "4 chars, Trad" },
  { q: "人生如夢", kind: "4 chars, Trad" },
  { q: "人生如梦", kind: "4 chars, Simp" },
  { q: "大江东去", kind: "4 chars, Simp" },
  // phrases
  { q: "春眠不覺曉", kind: "phrase, Trad" },
  { q: "独在异乡为异客", kind: "phrase, Simp" },
  { q: "問君能有幾多愁", kind: "phrase, Trad" },
  { q: "黃河遠上白雲間", kind: "phrase, Trad" },
  // Latin and numbers
  { q: "songci", kind: "Latin" },
  { q: "01234", kind: "number" },
  { q: "poet.tang.3000.json", kind: "Latin+number" },
];

/** The concordance term: the most frequent function character of classical Chinese. */
export const CONCORDANCE_TERM = "之";
export const CONCORDANCE_LIMIT = 100;
export const CONCORDANCE_WIDTH = 20;
