// The analysis loader: analysis.js (the views, the lexicon form, the word list
// and user lexicon) is loaded with import() the first time a view other than
// search is shown, so search never waits for it. Until the views exist, the
// chosen tab's panel shows that its view is coming. Views mounted late get,
// through a hub of their own (lateHub), the last "corpus:loaded", the last
// search with a query and the view shown.

/** What an analysis view's panel says on a sharded site. */
const ARCHIVE_ANALYSIS_NOTE =
  "分析视图需要整个语料，而这个公开档案是搜索时按需下载的，所以在此不可用：请用搜索和阅读器，或者打开你自己的语料。 " +
  "/ The analysis views need the whole corpus, and this published archive is downloaded part by part as you search, so they are not available here: search and read it, or open a corpus of your own.";

/**
 * Events whose last detail a view mounted late still needs (see lateHub):
 * the documents, and the last search that had a query (what the views offer
 * to analyse; they ignore an empty one).
 */
const REPLAYED = ["corpus:loaded", "search:results"];

/**
 * @param {{ hub: object, byTestId: (id: string) => Element, panels: Element[],
 *   whenEngine: Promise<object>, storage: Storage | null }} options
 *   `panels` are the analysis views' tab panels; `whenEngine` and `storage` go to mountAnalysis
 */
export function createAnalysisLoader({ hub, byTestId, panels, whenEngine, storage }) {
  const lastSaid = new Map(); // the last detail of each REPLAYED event, for views mounted after it
  // A sharded site (issue 16): every analysis view counts over the whole corpus, which such
  // a site never downloads (that is its point), and figures over the few shards a search
  // fetched would look like the archive's while being a sample of it. The views are not
  // loaded there; each panel says why instead (ARCHITECTURE.md, "A sharded site").
  let archive = false;
  hub.on("corpus:loaded", (detail) => {
    archive = Boolean(detail.archive);
    for (const panel of panels) {
      let note = panel.querySelector('[data-testid="archive-analysis-note"]');
      if (archive && !note) {
        note = panel.ownerDocument.createElement("p");
        note.className = "ce-help-note";
        note.dataset.testid = "archive-analysis-note";
        note.textContent = ARCHIVE_ANALYSIS_NOTE;
        panel.prepend(note);
      }
      if (note) note.hidden = !archive;
      if (archive) panel.removeAttribute("aria-busy");
    }
  });
  for (const type of REPLAYED) {
    hub.on(type, (detail) => {
      if (type !== "search:results" || detail.query !== "") lastSaid.set(type, detail);
    });
  }
  let loading = null; // Promise: analysis.js loading, or loaded
  let mounted = false; // its views are mounted
  let lastShown = null; // the newest "view:show", for views mounted after it

  async function load() {
    let module;
    try {
      module = await import("../analysis.js");
    } catch (error) {
      loading = null; // the next tab chosen tries again
      for (const panel of panels) panel.removeAttribute("aria-busy");
      hub.emit("app:error", { message: `the analysis views could not be loaded: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const late = lateHub(hub);
    module.mountAnalysis(byTestId, late, { whenEngine, storage });
    mounted = true;
    for (const panel of panels) panel.removeAttribute("aria-busy");
    late.replay([...REPLAYED.map((type) => [type, lastSaid.get(type)]), ["view:show", lastShown]]);
  }

  return {
    /** Listens for "view:show": the first view other than search loads the views. */
    start() {
      hub.on("view:show", (detail) => {
        lastShown = detail;
        if (mounted) return; // the views show and hide themselves
        for (const panel of panels) {
          panel.hidden = panel.id !== `ce-view-${detail.view}`;
          if (panel.hidden || archive) panel.removeAttribute("aria-busy");
          else panel.setAttribute("aria-busy", "true");
        }
        if (detail.view !== "search" && !archive) loading ??= load();
      });
    },
  };
}

/**
 * The hub as seen by components mounted late: `on` as usual, and
 * `replay([[type, detail], …])` hands each listener added so far the detail of
 * its type (skipping undefined ones), in that order — once every late
 * component is mounted, so none is called before its own set-up has finished.
 * Only the late listeners hear it; the rest of the page is not told twice.
 */
function lateHub(hub) {
  const listeners = [];
  return {
    ...hub,
    on(type, listener) {
      listeners.push([type, listener]);
      return hub.on(type, listener);
    },
    replay(events) {
      for (const [type, detail] of events) {
        if (detail === undefined || detail === null) continue;
        for (const [wanted, listener] of listeners) if (wanted === type) listener(detail);
      }
    },
  };
}
