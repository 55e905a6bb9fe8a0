// The cold-start probe, installed in a page before any of its scripts (playwright's
// addInitScript) by tests/bench/cold-start.mjs and tests/bench/sharded-page.mjs: timestamps
// from performance.now() in `window.__bench` — the worker created, the wasm compile started
// and done, each call posted to the worker (sent → answered), the first hit in the DOM, the
// frame after it ("rendered") and data-state="ready" — and `cold-start:measured` said on the
// console once the first result is on screen, which the harness waits for.

/** Installed before any page script: timestamps from performance.now(). */
export function probe() {
  const b = (window.__bench = { calls: [], marks: {} });
  const now = () => performance.now();
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = function (...args) {
    b.marks.compileStart ??= now();
    return compileStreaming.apply(this, args).then((module) => {
      b.marks.compiled ??= now();
      return module;
    });
  };
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args);
      b.marks.workerCreated ??= now();
      this.sent = new Map();
      this.addEventListener("message", ({ data }) => {
        const call = data?.id && !data.progress ? this.sent.get(data.id) : null;
        if (call) call.answered = now();
      });
    }
    postMessage(message, ...rest) {
      if (message?.method) {
        const call = { method: message.method, sent: now() };
        b.calls.push(call);
        if (message.id) this.sent.set(message.id, call);
      }
      return super.postMessage(message, ...rest);
    }
  };
  const observer = new MutationObserver(() => {
    // The page says "ready" once storing is on too, which may come after the first result.
    if (b.marks.ready === undefined && document.documentElement?.dataset.state === "ready") b.marks.ready = now();
    if (b.marks.firstHit === undefined && document.querySelector('[data-testid="hit-list"] li')) {
      b.marks.firstHit = now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          b.marks.rendered = now();
          if (b.marks.ready !== undefined || b.floor) done();
        };
        channel.port2.postMessage(0);
      });
    }
    if (b.marks.ready !== undefined && b.marks.rendered !== undefined) done();
  });
  // Said on the console, which the harness waits for: waiting with page.waitForFunction would
  // have playwright inject its script into the page at once, 100–300 ms of the main thread in
  // the middle of the boot under load (traced), and that was in the figures.
  const done = () => {
    observer.disconnect();
    console.debug("cold-start:measured");
  };
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
}

/**
 * A fresh browser context (empty HTTP and code caches) with one page, ready to be navigated:
 * what every cold-start run opens. Chromium (new headless, 156) gives every new window its own
 * WebUI renderer for the omnibox popup (chrome://omnibox-popup.top-chrome), which loads ~40
 * modules and keeps a core busy for 200–250 ms right after the window opens (traced with
 * tests/bench/page-trace.mjs: 211 ms of that renderer's main thread in the first 212 ms of a
 * one-line page's load); on a 2-core machine that ran beside every cold start measured until
 * 2026-12-07 evening. A reader's browser window exists before they open the page, so the
 * window's own start is let finish (`settleMs`, default 1500, COLD_START_SETTLE_MS) before the
 * navigation whose time is measured. No disable-features switch removes it in this build.
 * @param {import("playwright-core").Browser} browser
 * @param {object} [contextOptions]
 */
export async function freshPage(browser, contextOptions = {}, settleMs = Number(process.env.COLD_START_SETTLE_MS ?? 1500)) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  return { context, page };
}
