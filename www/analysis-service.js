// Answers the analysis views' requests over the hub: runs one corpus call,
// loading the word list first when the call is word-level, and keeps the
// user lexicon (added to the core, remembered in localStorage).
//
// The views never hold the corpus; they ask "analyse" with the call's name and
// arguments. Every answer says how long the core took (`ms`), which is what
// the views show after a recompute.

import { ensureDictionary } from "./engine.js";
import { loadWords, saveWords, withoutWord, withWord } from "./user-words.js";

/** The corpus calls a view may ask for. */
const CALLS = new Set(["concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures"]);

/**
 * @param {{ on: Function, emit: Function, provide: Function }} hub
 * @param {() => Promise<object>} whenReady resolves to the loaded corpus
 * @param {Storage | null} storage where the user lexicon is remembered
 */
export function provideAnalysis(hub, whenReady, storage) {
  let dictionary = null; // { bytes, ms, words } once loaded
  let stored = loadWords(storage);

  hub.provide("analyse", async ({ call, args = [], words = false }) => {
    const corpus = await whenReady();
    if (!CALLS.has(call)) throw new Error(`unknown analysis “${call}”`);
    if (typeof corpus[call] !== "function") {
      throw new Error(`this build of the core has no ${call}()`);
    }
    if (words) {
      let info;
      try {
        info = await ensureDictionary(corpus, {
          onProgress: (progress) => hub.emit("dictionary:progress", progress),
        });
      } catch (error) {
        // Said as a word-list problem, since characters still work without it.
        throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { dictionary: true });
      }
      if (dictionary !== info) {
        dictionary = info;
        hub.emit("dictionary:loaded", info);
      }
    }
    const started = performance.now();
    const value = corpus[call](...args);
    return { value, ms: performance.now() - started, dictionary: words ? dictionary : null };
  });

  hub.provide("capabilities", async () => {
    const corpus = await whenReady();
    return { figures: typeof corpus.figures === "function" };
  });

  hub.provide("word:add", async ({ word }) => {
    const corpus = await whenReady();
    const text = String(word ?? "").trim();
    corpus.addWord(text); // throws with the core's reason for a word it refuses
    stored = withWord(stored, text);
    saveWords(storage, stored);
    const list = remembered(corpus);
    hub.emit("words:changed", { words: list, added: text });
    return { words: list };
  });

  hub.provide("word:forget", async ({ word }) => {
    // The core has no way to take a word back: it is gone on the next visit.
    stored = withoutWord(stored, word);
    saveWords(storage, stored);
    return { words: stored };
  });

  /** Adds the remembered words to a freshly loaded corpus; returns the lexicon. */
  return function restoreWords(corpus) {
    for (const word of stored) {
      try {
        corpus.addWord(word);
      } catch (error) {
        console.info(`word ${word} not added again: ${error instanceof Error ? error.message : error}`);
      }
    }
    return remembered(corpus);
  };

  /** The stored words the core holds (one it refused on a reload is left out). */
  function remembered(corpus) {
    const known = new Set(corpus.userWords());
    return stored.filter((w) => known.has(w));
  }
}
