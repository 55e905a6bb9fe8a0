// The first answer of a cold start computed on the page itself, for a small prebuilt corpus
// (the bundled seeds' snapshot), while the worker starts for everything else.
//
// Why (tests/bench/RESULTS.md, "Cold start … on the page"; a Chromium trace of one run with
// tests/bench/cold-start-trace.mjs): the worker's thread starts only once the page's main
// thread has handled the browser's word that worker.js has arrived, which it cannot do while
// it runs the boot, lays out the page or mounts the interface; then the worker builds its
// isolate, compiles worker.js and instantiates the core. Every call before the first result
// (capabilities, the snapshot opened, entities, stories, the search) waited for that, about
// 150–250 ms after the core was compiled. The page holds the compiled search core already
// (engine.js's compileCore) and the snapshot's bytes (corpus-download.js): instantiating it
// here, opening the snapshot and asking those calls is a few tens of ms for a snapshot of
// this size (PAGE_ANSWER_MAX_BYTES), so the interface's first calls take these answers
// (engine.answered) and the worker opens the same bytes meanwhile for every later call.
//
// One corpus is visible: the page's copy is the same snapshot opened by the same core, so its
// documents, ids, entities, stories and hits are the worker's; it is freed as soon as the
// answers are taken (its wasm memory stays with the page: 1.5 MiB for the seeds, measured in
// node). Anything that fails here — no compiled module (file://, a host page's CSP), bytes the
// core refuses, a panic — leaves the boot to do what it did before (corpus-download.js's
// openBundledEarly and first-search.js's sendFirstSearch), so the worker's answer is shown.

import { openBundledCorpus, openBundledEarly } from "./corpus-download.js";
import { compileCore, SEARCH_WASM_URL } from "./engine.js";
import { pageSizeFrom, request, searchArgs, sendFirstSearch } from "./first-search.js";
import { readUrlState } from "./url-state.js";

/**
 * The largest snapshot opened on the page for the first answer. Opening folds every
 * document's cleaned text once (snapshot/), on the page's main thread, which must not freeze:
 * the seeds' 56 KB opened in 15–29 ms at load 9–11 (tests/bench/cold-start.mjs, marks
 * page-core → page-opened; most of it the core's functions compiled on first use, a fixed
 * cost), and the part that grows with the text is the folding. 256 KiB (an estimate, not a
 * measurement: a few times the seeds) keeps that to tens of ms; anything larger (a site
 * owner's bundle) opens in the worker only, as before.
 */
export const PAGE_ANSWER_MAX_BYTES = 256 * 1024;

/**
 * Opens the bundled corpus for the boot (main.js): the worker is asked to open it at once
 * (openBundledCorpus), and for a small snapshot on the search core the page opens it too and
 * gives the engine the answers of the first calls — capabilities, entities, stories and the
 * address's search (`?q=`) — without waiting for the worker. Otherwise it is
 * openBundledEarly and sendFirstSearch, as before.
 *
 * `opened` resolves like openBundledEarly's promise (`{ documents, errors }`, or null when
 * nothing was opened early); `answered` once the page's answers are in the engine, or at once
 * when the page does not answer: the boot mounts the interface after it, so that the
 * interface's first frame carries the first result (one layout of the page, not one without
 * the hits and one with them), and the main thread does not mount while it answers
 * (mountWhen). When `arrived` says something is still downloading, the boot waits for
 * `answered` no longer than MOUNT_WAIT_MS: on a slow network (or with a snapshot too large for
 * the page, which is known only once downloaded) the interface mounts and says it is loading,
 * and the answer comes when it comes.
 *
 * @param {ReturnType<import("./engine.js").createEngine>} engine
 * @param {ReturnType<import("./corpus-download.js").fetchCorpus>} fetched
 * @param {Promise<boolean>} kept stored-corpus.js's mayBeStored (a kept corpus replaces this one)
 * @param {{ search: string, hash: string }} address `location`
 * @param {() => Promise<object>} [loadCore] imports the core's JS (tests give dist/pkg's)
 * @returns {{ opened: Promise<object | null>, answered: Promise<void>, arrived: boolean }}
 */
export function openFirst(engine, fetched, kept, address, loadCore = () => import("./pkg/corpus_explorer.js")) {
  // Started now, beside the worker and the download: the page's copy of the core's JS.
  const glue = engine.core === "search" ? loadCore() : null;
  glue?.catch(() => {});
  let answered;
  const whenAnswered = new Promise((resolve) => (answered = resolve));
  // Whether everything the page's answer needs from the network is in (the snapshot, the
  // compiled core, its JS): from then on the answer is the page's own short work.
  let arrived = false;
  Promise.allSettled([fetched, glue]).then(() => (arrived = true));
  // The core: downloaded (its resource timing is there once the last byte is in; compiling
  // it is the page's own work, tens of ms) or compiled.
  let compiled = false;
  if (glue) compileCore(SEARCH_WASM_URL).finally(() => (compiled = true));
  const core = new URL(SEARCH_WASM_URL, import.meta.url).href;
  const downloaded = () => compiled || globalThis.performance?.getEntriesByName?.(core, "resource").some((entry) => entry.responseEnd > 0);
  const opened = (async () => {
    try {
      return await openEarly();
    } finally {
      answered(); // whatever happened, the interface is not held back any longer
    }
  })();
  return {
    opened,
    answered: whenAnswered,
    /** Whether waiting for `answered` now waits for no download (mountWhen caps the wait if it would). */
    get arrived() {
      return arrived && (!glue || downloaded());
    },
  };

  async function openEarly() {
    if (!glue) answered(); // a sharded site's page: the interface mounts at once, as before
    // The look at the browser's storage (mayBeStored) is not awaited before answering: on a
    // fresh profile it answered 100–650 ms after the boot (traced), as long as the answer
    // itself. When it has said by now that the reader kept a corpus, the page answers nothing
    // (the kept corpus replaces the seeds); when it says so later, reopening it drops these
    // answers (engine.reopenStored), as it drops the worker's early ones.
    let stored = false;
    const looked = Promise.resolve(kept).then((value) => (stored = Boolean(value)), () => (stored = true));
    const download = await fetched.catch(() => null);
    const snapshot = download?.snapshot;
    if (!glue || stored || !snapshot || snapshot.bytes.length > PAGE_ANSWER_MAX_BYTES) {
      answered(); // the interface mounts now, as it did before this module
      const early = openBundledEarly(engine, fetched, kept);
      sendFirstSearch(engine, early, address, kept);
      return early;
    }
    const wish = request(readUrlState(address.search ?? "", address.hash ?? ""));
    const search = wish.query === "" ? null : searchArgs(wish, pageSizeFrom(address.search ?? ""), wish.page);
    // The worker is asked to open the same bytes only once the page has answered: on a busy
    // machine the two opens of one snapshot, at once, took turns on the cores (traced), and
    // the worker's is needed only for the calls after the first result.
    const before = engine.generation;
    performance.mark?.("corpus-explorer:page-answering");
    const page = await answerOnPage(glue, snapshot.bytes, search);
    // The corpus changed meanwhile (the interface, mounted already, reopened the reader's
    // stored corpus), or the look says one is kept: the seeds are not opened over it, and the
    // page's answers are for a corpus that is not there. Null: app/corpus.js loads the seeds
    // itself if the reopen found nothing after all.
    if (engine.generation !== before || stored) return null;
    const inWorker = openBundledCorpus(engine, snapshot);
    // The corpus as the worker will hold it once that open is done: the page's answers are
    // for it, and for nothing that replaces it later (engine.answered drops them then).
    const since = engine.generation;
    inWorker.catch((error) => console.error(`the worker could not open what the page opened: ${error.message}`));
    if (!page) {
      // The worker's answers, as before this module.
      const early = inWorker.catch(() => null);
      sendFirstSearch(engine, early, address, kept);
      return early;
    }
    engine.answered(page.answers, page.offers, since);
    // The interface mounts once the look has said too: it reopens a kept corpus first
    // (app/persistence.js), and its first frame should carry the first result.
    await looked;
    return { documents: page.documents, errors: [] };
  }
}

/**
 * The longest the interface's mount waits for the page's answer when something it needs was
 * still downloading as the interface's code arrived (`arrived` false). Mounting first and
 * answering after cost a second layout of the whole page: the seeds' cold start rendered at
 * 382 ms that way, at 357 with the mount after the answer (tests/bench/RESULTS.md, branch
 * cold2, 9 runs in turns, load 1.4–3.4). On localhost the answer comes 60–100 ms after the
 * interface's code (the same runs); the wait is capped so that on a slow network the interface
 * still shows "loading" soon (a few tenths of a second later than mounting at once, while the
 * core's download takes seconds there).
 */
export const MOUNT_WAIT_MS = 400;

/**
 * When the interface should mount (main.js): once the page has answered the first calls, so
 * its first frame carries the first result in one layout — at once when nothing is still
 * downloading (`arrived`: the answer is the page's own short work), otherwise at the latest
 * when `timeout` resolves (a slow network: the interface mounts and says it is loading).
 * @param {{ answered: Promise<void>, arrived: boolean }} first openFirst's answer
 * @param {() => Promise<void>} [timeout] resolves when waiting longer is not worth it
 * @returns {Promise<void>}
 */
export function mountWhen(first, timeout = () => new Promise((resolve) => setTimeout(resolve, MOUNT_WAIT_MS))) {
  return first.arrived ? first.answered : Promise.race([first.answered, timeout()]);
}

/**
 * Instantiates the compiled search core here, opens `bytes` and asks what the interface's
 * first calls ask: `{ documents, offers, answers: [[method, args, value]] }`, or null when
 * anything on the way fails (the worker then answers, as it would have).
 * @param {Promise<object>} loading the import() of the core's JS (pkg/corpus_explorer.js)
 * @param {Uint8Array} bytes
 * @param {[string, object] | null} search the address's search, as searchArgs builds it
 */
export async function answerOnPage(loading, bytes, search) {
  let corpus = null;
  try {
    const [module, glue] = await Promise.all([compileCore(SEARCH_WASM_URL), loading]);
    performance.mark?.("corpus-explorer:page-glue");
    if (!module) return null;
    await glue.default({ module_or_path: module });
    performance.mark?.("corpus-explorer:page-core");
    const { version, analysis, sharded = analysis, methods } = glue.capabilities();
    corpus = glue.Corpus.open(bytes);
    performance.mark?.("corpus-explorer:page-opened");
    // The page's thread is let go between the steps (each of them tens of ms on this machine,
    // most of it the core's functions compiled on first use): the answers to the look at the
    // storage, which the interface waits for as well, are taken in between.
    await yieldToPage();
    const answers = [["entities", [], corpus.entities()]];
    if (methods.includes("stories")) answers.push(["stories", [], corpus.stories()]);
    performance.mark?.("corpus-explorer:page-stories");
    await yieldToPage();
    if (search) {
      // A query the core refuses (a malformed address) is the worker's to answer, with its message.
      try {
        answers.push(["search", search, corpus.search(...search)]);
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw error;
      }
    }
    performance.mark?.("corpus-explorer:page-answered");
    return { documents: corpus.documents(), offers: { version, analysis, sharded, methods }, answers };
  } catch (error) {
    console.info(`the first answer comes from the worker: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  } finally {
    try {
      corpus?.free();
    } catch {
      // a core that panicked: nothing left to free
    }
  }
}

/** Lets the page's thread take the tasks waiting for it, then goes on. */
function yieldToPage() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
