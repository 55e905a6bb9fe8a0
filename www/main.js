// The page index.html: one explorer on the whole document (app.js), its state
// in the address, offline use through a service worker. Pages that embed the
// explorer use corpus-explorer.js instead (no address, no service worker).

import { mountApp } from "./app.js";

// ---- Offline ------------------------------------------------------------------
// sw.js keeps the app shell so a second visit opens with no network. Only over
// http(s): a service worker cannot exist on file:// (the single-file build).
// Relative, so the site works under any sub-path. A registration that fails
// (say, www/ served without a build, so no precache.json) only costs offline use.
if (/^https?:$/.test(globalThis.location?.protocol ?? "") && globalThis.navigator?.serviceWorker) {
  navigator.serviceWorker.register("./sw.js").catch((error) => {
    console.info(`offline use unavailable: ${error instanceof Error ? error.message : String(error)}`);
  });
}

const app = mountApp(document, { manifestUrl: "seeds/manifest.json" });
// A failed load is shown by the status line and <html data-state="failed">.
app.ready.catch(() => {});

// A crash on request, for the browser test that pins the recovery (a panic in the core
// behaves the same way): nothing else dispatches this event.
document.addEventListener("corpus-explorer:crash-for-testing", () => app.engine.crashForTesting());
