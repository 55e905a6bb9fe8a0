// The CJK tokenizer given to FlexSearch and MiniSearch: each run of Han
// characters becomes its overlapping character bigrams (a lone character stays
// a unigram), each run of Latin letters/digits one lower-cased word. Queries go
// through the same function, and every engine is asked for documents holding
// all of a query's tokens (AND), which is the closest a token index gets to
// substring search. Shared by the worker (browser) and run.mjs (Node).

const TOKENS = /(\p{Script=Han}+)|([\p{Script=Latin}\p{Nd}]+)/gu;

/** @param {string} text @returns {string[]} */
export function bigrams(text) {
  const out = [];
  for (const m of text.toLowerCase().matchAll(TOKENS)) {
    if (m[1]) {
      const chars = Array.from(m[1]);
      if (chars.length === 1) out.push(chars[0]);
      else for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    } else {
      out.push(m[2]);
    }
  }
  return out;
}

/** Full-width ASCII → half-width, then lower case: the non-OpenCC part of our folding. */
export function widthCase(text) {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}
