// The corpus part of the app: the documents the engine holds (the bundled
// articles, then the reader's own files added or removed), the files that
// could not be added, and whether the corpus has loaded at all. Says each
// change on the hub as "corpus:loaded" with the documents, the entity table
// and the stories (near-duplicate articles grouped, issue 17: `{ threshold,
// documents, stories }`, or null from a core without them). A new similarity
// threshold ("stories:threshold") regroups them: "stories:changed".
// When the engine's worker dies it is replaced with the same documents, and
// the page says so ("app:error") and asks again.

import { loadCorpus } from "../corpus-download.js";
import { messageOf } from "../format.js";
import { isCorpusFileName } from "../persistence-format.js";

/**
 * @param {{ engine: object, hub: object, documentsMoved: () => void, afterChange: () => Promise<void>,
 *   afterRegrouping: () => Promise<void> | void }} options
 *   after documents were added or removed: `documentsMoved` runs once the new
 *   list is in place (ids may have shifted), `afterChange` once it has been
 *   said; `afterRegrouping` after the stories were regrouped at a new threshold
 */
export function createCorpus({ engine, hub, documentsMoved, afterChange, afterRegrouping }) {
  let loaded = false; // the bundled corpus is in the worker
  let documents = [];
  let loadErrors = [];
  let stories = null; // the core's grouping of copies, or null without one
  let archive = null; // `{ documentCount }` while the corpus is a sharded site (issue 16), else null

  /** The core's stories now; null from a core that has none (said, not thrown: the list works without). */
  async function storiesNow() {
    try {
      if (!(await engine.offers("stories"))) return null;
      return await engine.call("stories");
    } catch (error) {
      console.info(`stories: ${messageOf(error)}`);
      return null;
    }
  }

  /** What "corpus:loaded" says: the documents, refused files, entities and stories. */
  async function said() {
    // Both asked at once: one round trip to the worker before the first search, not two.
    const [entities, grouped] = await Promise.all([engine.call("entities"), storiesNow()]);
    stories = grouped;
    // A sharded site's documents are not listed (the list would be the whole archive).
    if (!engine.sharded) archive = null;
    return { documents, errors: loadErrors, entities, stories, archive };
  }

  const indexProgress = (progress) => hub.emit("index:progress", progress);

  /** After documents were added or removed: new ids everywhere, then whatever follows them. */
  async function changed(list) {
    documents = list;
    documentsMoved();
    hub.emit("corpus:loaded", await said());
    await afterChange();
  }

  /** A new similarity threshold: the core regroups from the signatures it keeps. */
  hub.on("stories:threshold", async ({ threshold }) => {
    if (!loaded || stories === null) return;
    try {
      stories = await engine.call("setStoryThreshold", threshold);
    } catch (error) {
      hub.emit("app:error", { message: messageOf(error) });
      return;
    }
    hub.emit("stories:changed", { documents, stories });
    await afterRegrouping();
  });

  // The core, in its worker. When the worker dies it is replaced (with the
  // same documents) and the page says so; whatever was asked is asked again.
  engine.onCrash(async (message) => {
    hub.emit("app:error", { message });
    if (!loaded) return;
    try {
      await changed(await engine.call("documents"));
    } catch (error) {
      console.info(`after the crash: ${messageOf(error)}`);
    }
  });

  /** Files the reader chose or dropped: [{ name, file }] (File objects). */
  hub.on("files:add", async ({ files: offered, replace = false }) => {
    if (!loaded) return;
    // A saved corpus (.corpus) among them is opened, not read as an article (app/persistence.js).
    const snapshots = offered.filter(({ name }) => isCorpusFileName(name));
    if (snapshots.length > 0) hub.emit("corpus:open-files", { files: snapshots });
    const files = offered.filter(({ name }) => !isCorpusFileName(name));
    if (files.length === 0) return;
    hub.emit("index:progress", { file: 0, files: files.length, name: null, bytes: 0, totalBytes: 0 });
    // The File objects go to the worker, which reads them: the page never holds
    // or copies their bytes (engine.addFiles sends them in small batches).
    let answer;
    try {
      answer = await engine.addFiles(files, { replace, onProgress: indexProgress });
    } catch (error) {
      hub.emit("index:done", {});
      hub.emit("files:added", { added: [], errors: files.map(({ name }) => ({ name, message: messageOf(error) })) });
      return;
    }
    hub.emit("index:done", {});
    if (replace) loadErrors = [];
    hub.emit("files:added", { added: answer.added, errors: answer.errors, replace });
    await changed(answer.documents);
  });

  /** A table's columns, first rows and guessed mapping, from its first megabyte (corpus.inspectTable). */
  hub.provide("table:inspect", async ({ name, file }) => {
    const head = new Uint8Array(await file.slice(0, 1 << 20).arrayBuffer());
    return engine.call("inspectTable", name, head);
  });

  hub.on("document:remove", async ({ id, name }) => {
    if (!loaded) return;
    // The list may be stale by a click: remove by name, where it is now.
    const doc = documents.find((d) => d.name === name && d.id === id) ?? documents.find((d) => d.name === name);
    if (!doc) return;
    let list;
    try {
      list = await engine.removeDocument(doc.id);
    } catch (error) {
      hub.emit("app:error", { message: messageOf(error) });
      return;
    }
    hub.emit("document:removed", { name });
    await changed(list);
  });

  return {
    /**
     * Adds the manifest's articles (`fetched`: their download, if already
     * started; `opened`: corpus-download.js's openBundledEarly, if the boot
     * already opened their snapshot), runs `beforeLoaded` (the remembered
     * variants), and says "corpus:loaded". Says "corpus:failed" and throws when
     * they cannot be loaded.
     */
    async load(manifestUrl, { fetched, opened = null, beforeLoaded, reopen = async () => null }) {
      try {
        // The reader's own corpus kept in the browser, if there is one; else the bundled articles.
        const reopened = await reopen();
        const early = reopened ? null : await opened;
        const answer = reopened ? { documents: reopened, errors: [] } : (early ?? (await loadCorpus(engine, manifestUrl, { onProgress: indexProgress, fetched })));
        documents = answer.documents;
        loadErrors = answer.errors;
        archive = answer.archive ?? null;
        for (const { name, message } of answer.errors) {
          // Logged for whoever maintains the seeds; the page lists them too.
          console.info(`skipped ${name}: ${message}`);
        }
        hub.emit("index:done", {});
        await beforeLoaded();
        loaded = true;
        hub.emit("corpus:loaded", await said());
      } catch (error) {
        hub.emit("index:done", {});
        hub.emit("corpus:failed", { message: messageOf(error) });
        throw error;
      }
    },
    /** A new document list from elsewhere (a corpus file opened): said as any change is. */
    documentsChanged: changed,
    /** Puts the bundled articles of `manifestUrl` back in place of the corpus (after "forget"). */
    async reloadBundled(manifestUrl) {
      await engine.call("clear");
      const answer = await loadCorpus(engine, manifestUrl, { onProgress: indexProgress });
      hub.emit("index:done", {});
      loadErrors = answer.errors;
      archive = answer.archive ?? null;
      await changed(answer.documents);
    },
    /** Whether the corpus has loaded (until then, requests to change it are ignored). */
    get loaded() {
      return loaded;
    },
    /** The documents now, in id order. */
    get documents() {
      return documents;
    },
  };
}
