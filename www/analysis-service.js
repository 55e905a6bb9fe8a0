// Answers the analysis views' requests over the hub: runs one corpus call,
// loading the word list first when the call is word-level, and keeps the
// user lexicon (added to the core, remembered in localStorage).
//
// The views never hold the engine; they ask "analyse" with the call's name and
// arguments. Every answer says how long the core took (`ms`), which is what
// the views show after a recompute, and whether it counted one article per
// story (`storiesOnce`): with "count reposts once" ticked ("stories:once"),
// every statistic is asked with `onePerStory` (stories.js, withOnePerStory).

import { ensureDictionary, ensureReference } from "./word-list.js";
import { loadWords, saveWords, withoutWord, withWord } from "./user-words.js";
import { storiesOnceOf, withOnePerStory } from "./stories.js";

/** The corpus calls a view may ask for. */
const CALLS = new Set([
  "concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures",
  "segment", "foundWords", "segmentedDocuments", "referenceKeywords",
]);
/** Calls that compare with general Chinese: the reference list is loaded first. */
const NEEDS_REFERENCE = new Set(["referenceKeywords"]);

/**
 * @param {{ on: Function, emit: Function, provide: Function }} hub
 * @param {() => Promise<object>} whenReady resolves to the engine (engine.js) once the corpus is loaded
 * @param {Storage | null} storage where the user lexicon is remembered
 */
export function provideAnalysis(hub, whenReady, storage) {
  let dictionary = null; // { bytes, ms, words } once loaded
  let stored = loadWords(storage);
  let onePerStory = false; // "count reposts once", shared by every view

  hub.on("stories:once", ({ onePerStory: on }) => {
    onePerStory = Boolean(on);
  });

  hub.provide("analyse", async ({ call, args = [], words = false }) => {
    const engine = await whenReady();
    if (!CALLS.has(call)) throw new Error(`unknown analysis “${call}”`);
    if (!(await engine.methods()).has(call)) {
      throw new Error(`this build of the core has no ${call}()`);
    }
    if (words) {
      let info;
      try {
        info = await ensureDictionary(engine, {
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
    if (NEEDS_REFERENCE.has(call)) await ensureReference(engine);
    const once = onePerStory;
    const started = performance.now();
    const value = await engine.call(call, ...withOnePerStory(call, args, once));
    return { value, ms: performance.now() - started, dictionary: words ? dictionary : null, storiesOnce: storiesOnceOf(value, once) };
  });

  hub.provide("capabilities", async () => {
    const engine = await whenReady();
    return { figures: (await engine.methods()).has("figures") };
  });

  hub.provide("word:add", async ({ word }) => {
    const engine = await whenReady();
    const text = String(word ?? "").trim();
    await engine.call("addWord", text); // throws with the core's reason for a word it refuses
    stored = withWord(stored, text);
    saveWords(storage, stored);
    const list = await remembered(engine);
    hub.emit("words:changed", { words: list, added: text });
    return { words: list };
  });

  // Several words at once (the found words' "accept all"): added one by one, one
  // recompute. Words the core refuses are reported, the others kept.
  hub.provide("words:accept", async ({ words }) => {
    const engine = await whenReady();
    const added = [];
    const refused = [];
    for (const word of words ?? []) {
      const text = String(word ?? "").trim();
      try {
        await engine.call("addWord", text);
        added.push(text);
        stored = withWord(stored, text);
      } catch (error) {
        refused.push({ word: text, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    saveWords(storage, stored);
    const list = await remembered(engine);
    if (added.length > 0) hub.emit("words:changed", { words: list, added: added.join(" ") });
    return { words: list, added, refused };
  });

  hub.provide("word:forget", async ({ word }) => {
    // The core has no way to take a word back: it is gone on the next visit.
    stored = withoutWord(stored, word);
    saveWords(storage, stored);
    return { words: stored };
  });

  /** Adds the remembered words to a freshly loaded corpus; returns the lexicon. */
  return async function restoreWords(engine) {
    for (const word of stored) {
      try {
        await engine.call("addWord", word);
      } catch (error) {
        console.info(`word ${word} not added again: ${error instanceof Error ? error.message : error}`);
      }
    }
    return remembered(engine);
  };

  /** The stored words the core holds (one it refused on a reload is left out). */
  async function remembered(engine) {
    const known = new Set(await engine.call("userWords"));
    return stored.filter((w) => known.has(w));
  }
}
