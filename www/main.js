// The page index.html: one explorer on the whole document (app.js), its state
// in the address, offline use through a service worker. Pages that embed the
// explorer use corpus-explorer.js instead (no address, no service worker).
//
// A cold start waits on slow things that do not depend on each other — the
// worker starting, the wasm downloading and compiling, the corpus
// downloading — so this module is only a boot: it imports just the engine
// (engine.js, corpus-download.js) and starts all three, and only then asks for
// the interface (app.js and its components) with import(), which the build
// preloads beside it (scripts/bundle.mjs). Before, main.js imported app.js
// statically, so the worker was created only after every chunk of the
// interface had been downloaded, parsed and run (tests/bench/cold-start.mjs:
// DOMContentLoaded → workerCreated). index.html loads it `async` (it runs as
// soon as it has arrived, even while the page is still being parsed) and
// preloads the wasm, the manifest and the corpus.
//
// Nothing the first answer does not need runs before it: the boot looks for a
// corpus the reader kept (one look at the storage, no worker call) and, when
// there is none, has the worker open the prebuilt seeds while the interface
// loads; the interface turns storing on and registers the service worker only
// after the first result. Its own imports stay small (no format.js). Where the time goes:
// tests/bench/cold-start.mjs, tests/bench/RESULTS.md.

import { fetchCorpus } from "./corpus-download.js";
import { createEngine } from "./engine.js";
import { mountWhen, openFirst } from "./first-answer.js";
import { mayBeStored } from "./stored-corpus.js";

const MANIFEST = "seeds/manifest.json";
/** The name the reader's own corpus is kept under in this browser (app/persistence.js). */
const STORE_KEY = "corpus";

// When the boot ran, for tests/bench/cold-start.mjs (a User Timing mark: no cost, no output).
performance.mark?.("corpus-explorer:boot");
// Nothing is laid out until the interface mounts (style.css, html[data-booting]).
document.documentElement.dataset.booting = "";
// A sharded site (corpus-explorer build writes <html data-core="archive"> and preloads that
// core) starts on the search core with the sharded reader: half the full core's bytes to
// download and compile before the first answer, and no second core.
const engine = createEngine({ core: document.documentElement.dataset.core ?? "search" });
const corpus = fetchCorpus(MANIFEST);
// Whether the reader kept a corpus of their own: one look at the storage, at once, so a
// visitor with nothing stored never waits for the worker to look (app/persistence.js).
const stored = mayBeStored(STORE_KEY);
stored.then(() => performance.mark?.("corpus-explorer:stored-looked"));
// The prebuilt seeds (or a sharded site's root) opened as soon as the worker can take them,
// while the interface's code still loads, without waiting for that look (a kept corpus found
// later replaces them): the worker's first answer no longer waits for the interface to be
// mounted and to ask. The address's search (?q=…) is sent as soon as the corpus is open (a
// sharded site's shards are on their way while the interface loads, which then takes this
// answer for its own first search: engine.early). A small snapshot is opened on the page too,
// and the first calls' answers come from there, before the worker has started
// (first-answer.js).
const first = openFirst(engine, corpus, stored, location);
const opened = first.opened;
opened.then(() => performance.mark?.("corpus-explorer:opened"));
// A literal path: esbuild gives it a chunk and scripts/single-file.mjs inlines it.
const app = import("./app.js");

// The interface needs the whole document, and is mounted once the page has answered the first
// calls (at once when it does not; not much later when that answer still waits for a
// download: first-answer.js's mountWhen), so its first frame shows the result.
app.then((loaded) => mountWhen(first).then(() => loaded)).then(({ mountApp }) => {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => start(mountApp), { once: true });
  } else {
    start(mountApp);
  }
}, (error) => {
  // The interface's code could not be fetched (a host missing a chunk, the network gone):
  // nothing can show a message but the console and the page's state.
  document.documentElement.dataset.state = "failed";
  delete document.documentElement.dataset.booting;
  console.error(`the explorer could not start: ${error instanceof Error ? error.message : String(error)}`);
});

function start(mountApp) {
  performance.mark?.("corpus-explorer:mount");
  delete document.documentElement.dataset.booting;
  const app = mountApp(document, { manifestUrl: MANIFEST, engine, corpus, storeKey: STORE_KEY, mayBeStored: stored, opened });
  // A failed load is shown by the status line and <html data-state="failed">.
  app.ready.catch(() => {});

  // A crash on request, for the browser test that pins the recovery (a panic in the core
  // behaves the same way): nothing else dispatches this event.
  document.addEventListener("corpus-explorer:crash-for-testing", () => app.engine.crashForTesting());

  // ---- Offline ----------------------------------------------------------------
  // sw.js keeps the app shell so a second visit opens with no network. Only over
  // http(s): a service worker cannot exist on file:// (the single-file build).
  // Relative, so the site works under any sub-path. A registration that fails
  // (say, www/ served without a build, so no precache.json) only costs offline use.
  // Registered once the corpus has loaded (or failed to): installing it downloads
  // the whole app shell, which must not compete with the first search.
  if (/^https?:$/.test(globalThis.location?.protocol ?? "") && globalThis.navigator?.serviceWorker) {
    const register = () =>
      navigator.serviceWorker.register("./sw.js").catch((error) => {
        console.info(`offline use unavailable: ${error instanceof Error ? error.message : String(error)}`);
      });
    app.ready.then(register, register);
  }
}
