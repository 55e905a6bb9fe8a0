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
    return { documents, errors: loadErrors, entities, stories };
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
  hub.on("files:add", async ({ files, replace = false }) => {
    if (!loaded) return;
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
     * started), runs `beforeLoaded` (the remembered variants), and says
     * "corpus:loaded". Says "corpus:failed" and throws when they cannot be loaded.
     */
    async load(manifestUrl, { fetched, beforeLoaded }) {
      try {
        const answer = await loadCorpus(engine, manifestUrl, { onProgress: indexProgress, fetched });
        documents = answer.documents;
        loadErrors = answer.errors;
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
