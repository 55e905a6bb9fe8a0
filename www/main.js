// The page index.html: one explorer on the whole document (app.js), its state
// in the address, offline use through a service worker. Pages that embed the
// explorer use corpus-explorer.js instead (no address, no service worker).
//
// A cold start waits on slow things that do not depend on each other — the
// worker starting, the wasm downloading and compiling, the articles
// downloading — so this module starts them all at once, before it builds the
// interface: index.html loads it `async` (it runs as soon as it has arrived,
// even while the page is still being parsed) and render-blocking (the page is
// laid out once, with the interface mounted), and preloads the wasm, the
// manifest and the articles.

import { mountApp } from "./app.js";
import { fetchCorpus } from "./corpus-download.js";
import { createEngine } from "./engine.js";

const MANIFEST = "seeds/manifest.json";

const engine = createEngine();
const corpus = fetchCorpus(MANIFEST);

// The interface needs the whole document.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start, { once: true });
} else {
  start();
}

function start() {
  const app = mountApp(document, { manifestUrl: MANIFEST, engine, corpus });
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
