// <corpus-explorer>: the explorer as an element any page can embed.
//
//   <script type="module" src="/path/to/corpus-explorer.js"></script>
//   <corpus-explorer src="corpus/manifest.json"></corpus-explorer>
//
// Each element is an independent explorer (app.js's mountApp): its own worker,
// hub and state. It lives in a Shadow DOM, so the host page's CSS does not
// reach in and ours does not reach out; the stylesheet is style.css, linked
// from inside the shadow root (allowed by a CSP of `style-src 'self'`). The
// markup is index.html's <main>, fetched once and cloned for every element,
// so the page and the element never drift apart (our own markup: no corpus
// text, no script). Embedded, the explorer leaves the address alone (two of
// them would fight over it), registers no service worker, and takes only
// files dropped on itself.
//
// Attributes:
//   src    URL of the manifest, {"documents": ["a.txt", …]}, relative to the
//          page; article names are relative to the manifest. Default
//          "seeds/manifest.json".
//   per    results per page, 1–100 (default 10).
//   persist  keep the reader's own corpus in this site's browser storage
//          (Origin Private File System) and reopen it on the next visit, as
//          the full page does. Off unless present: an explorer embedded in a
//          blog post must not write the blog's storage unasked. Its value
//          names the stored copy (default "embed"), so two persisting
//          explorers on one site can keep one each.
//
// For page scripts:
//   element.corpus   the async engine calls, once ready:
//                    `await el.corpus.search("京东")` → { total, occurrences, hits, facets },
//                    documents(), reader(id, query, options), entities(),
//                    and call(method, …args) for any other Corpus method
//   element.ready    a Promise that settles when the corpus has loaded
//   "corpus-explorer:ready"  dispatched on the element (bubbling, composed)
//                    when the corpus has loaded; detail: { documents }
//   "corpus-explorer:error"  …when it could not be; detail: { message }
//   data-state       "loading", "ready" or "failed" on the element
//
// Theming: set any of these custom properties on the element (or an ancestor);
// a rule in the host page such as `corpus-explorer { --ce-accent: teal; }`
// wins over the defaults, which style.css sets on :host.
//   --ce-bg, --ce-surface, --ce-text, --ce-muted, --ce-border   page, panels, text, rules
//   --ce-accent, --ce-accent-text          buttons and links, text on them
//   --ce-mark-bg, --ce-mark-text           a match in results and the reader
//   --ce-current-bg                        the open article in lists
//   --ce-pressed-bg, --ce-pressed-text     a pressed facet or toggle
//   --ce-focus                             the focus ring
//   --ce-warning, --ce-error, --ce-error-bg  messages
//   --ce-removed-bg, --ce-removed-border   text the cleaner removed
//   --ce-collocate-bg, --ce-collocate-text  collocates in the concordance
//   --ce-bar-bg                            the track behind bars and plots
//   --ce-series-1 … --ce-series-4          one colour per analysed term
//   --ce-font, --ce-font-reading           UI and reading fonts (Simplified)
//   --ce-font-hant, --ce-font-reading-hant  the same for Traditional articles
//   --ce-radius, --ce-gap, --ce-measure    corners, spacing, reading line length

import { mountApp } from "./app.js";
import { fetchCorpus, openBundledEarly } from "./corpus-download.js";
import { createEngine } from "./engine.js";
import { mayBeStored } from "./stored-corpus.js";

const STYLE_URL = new URL("./style.css", import.meta.url).href;
const MARKUP_URL = new URL("./index.html", import.meta.url).href;

/** index.html's <main>, fetched and parsed once for all elements on the page. */
let markup = null;
function loadMarkup() {
  markup ??= fetch(MARKUP_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`${MARKUP_URL}: HTTP ${response.status}`);
      return response.text();
    })
    .then((html) => {
      const main = new DOMParser().parseFromString(html, "text/html").querySelector("main");
      if (!main) throw new Error(`${MARKUP_URL} has no <main>`);
      return main;
    });
  markup.catch(() => {
    markup = null; // the next element tries again
  });
  return markup;
}

/** The engine calls a page script may make, by name. */
function corpusOf(engine) {
  return Object.freeze({
    call: (method, ...args) => engine.call(method, ...args),
    search: (query, options = {}) => engine.call("search", query, options),
    documents: () => engine.call("documents"),
    reader: (id, query = "", options = {}) => engine.call("reader", id, query, options),
    entities: () => engine.call("entities"),
  });
}

export class CorpusExplorerElement extends HTMLElement {
  #started = false;
  #corpus = null;
  #ready;
  #settle;

  constructor() {
    super();
    this.#ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.#ready.catch(() => {}); // reported by the element's own status line and event
    const shadow = this.attachShadow({ mode: "open" });
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = STYLE_URL;
    shadow.append(link);
  }

  /** The corpus's async calls (null until the corpus has loaded). */
  get corpus() {
    return this.#corpus;
  }

  /** Settles when the corpus has loaded (rejects when it could not be). */
  get ready() {
    return this.#ready;
  }

  connectedCallback() {
    // Started once: moving the element in the page keeps its explorer.
    if (this.#started) return;
    this.#started = true;
    this.dataset.state = "loading";
    this.#start().catch((error) => {
      const message = error instanceof Error ? error.message : String(error);
      this.dataset.state = "failed";
      this.#settle.reject(error);
      this.dispatchEvent(new CustomEvent("corpus-explorer:error", { bubbles: true, composed: true, detail: { message } }));
    });
  }

  async #start() {
    // The worker, the wasm and the articles start loading while the markup does.
    const manifestUrl = this.getAttribute("src") || "seeds/manifest.json";
    const engine = createEngine();
    const corpus = fetchCorpus(manifestUrl);
    corpus.catch(() => {}); // mountApp's load reports a failure
    // The name becomes a file name: letters, digits, "-" and "_" only.
    const storeKey = this.hasAttribute("persist") ? (this.getAttribute("persist") || "embed").replace(/[^\w-]/g, "_") : null;
    // A persisting explorer looks for its stored copy at once, as the page does (main.js).
    const stored = storeKey === null ? null : mayBeStored(storeKey);
    // The prebuilt corpus (a snapshot, or a sharded site's root) opened while the markup
    // loads, as the page's boot does (main.js), unless a corpus this element kept replaces it.
    const opened = openBundledEarly(engine, corpus, stored ?? false);
    const main = await loadMarkup();
    const markupCopy = document.importNode(main, true);
    // The interface is Chinese whatever language the host page is in (index.html's <html lang>).
    markupCopy.lang = "zh-Hans";
    this.shadowRoot.append(markupCopy);
    const per = Number(this.getAttribute("per"));
    const app = mountApp(this.shadowRoot, {
      manifestUrl,
      embedded: true,
      engine,
      corpus,
      storeKey,
      mayBeStored: stored,
      opened,
      ...(Number.isInteger(per) && per >= 1 && per <= 100 ? { pageSize: per } : {}),
    });
    await app.ready;
    this.#corpus = corpusOf(app.engine);
    this.#settle.resolve();
    const documents = await app.engine.call("documents");
    this.dispatchEvent(new CustomEvent("corpus-explorer:ready", { bubbles: true, composed: true, detail: { documents } }));
  }
}

if (!customElements.get("corpus-explorer")) {
  customElements.define("corpus-explorer", CorpusExplorerElement);
}
