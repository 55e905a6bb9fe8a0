// The corpus that lasts (issue 15): the reader's own corpus kept in the
// browser, and corpus files saved and opened. The storing itself happens in
// the worker (stored-corpus.js, through engine.store): this part turns it on
// once the corpus has loaded, reopens the stored copy at start-up before the
// bundled articles would load, says what is stored and how much room it
// takes, asks for persistent storage when the reader brings files, and offers
// "Forget this corpus" (back to the bundled articles). "Save corpus"
// downloads Corpus.save()'s bytes as one .corpus file; "Open corpus" (picker,
// or a .corpus file dropped on the page: corpus.js hands those over as
// "corpus:open-files") replaces the corpus or adds its documents, as the
// reader chose. A refused file changes nothing.
//
// An embedded <corpus-explorer> stores nothing unless its `persist` attribute
// asks (`storeKey` null): a blog post's explorer must not fill the blog's
// storage unasked. Saving and opening files works everywhere.

import { h } from "../dom.js";
import { request, searchArgs } from "../first-search.js";
import { readUrlState } from "../url-state.js";
import { messageOf } from "../format.js";
import {
  CORPUS_EXTENSION,
  corpusFileName,
  FORGOTTEN_MESSAGE,
  LAST_WRITER_NOTE,
  openedMessage,
  openRefusedMessage,
  reopenFailedMessage,
  savedFileMessage,
  staleMessage,
  storedSummary,
  storeFailedMessage,
} from "../persistence-format.js";

/** The search the address asks for (`location`'s query and hash), as the form's fields give it. */
export function addressWish({ search = "", hash = "" } = {}) {
  return request(readUrlState(search, hash));
}

/**
 * The first search the page will ask for the address `location` (`?q=…`), as search.js
 * sends it: `[query, options]`, or null when the address asks none.
 * @param {{ search?: string, hash?: string } | undefined} location
 * @param {number} pageSize
 */
export function addressSearch(location, pageSize) {
  const wish = addressWish(location);
  return wish.query === "" ? null : searchArgs(wish, pageSize, wish.page);
}

/**
 * @param {{ engine: object, hub: object, container: HTMLElement, storeKey: string | null,
 *   reloadBundled: () => Promise<void>, documentsChanged: (documents: object[]) => Promise<void>,
 *   documentCount: () => number }} options
 *   `container`: where the panel goes; `storeKey`: the name the corpus is stored
 *   under (null: not stored); `reloadBundled` puts the bundled articles back;
 *   `documentsChanged` says a new document list (after a corpus file was opened),
 *   `documentCount` how many documents the corpus has now; `mayBeStored`: a
 *   Promise<boolean> of stored-corpus.js's look at the storage started at boot
 *   (main.js), false when nothing is stored, so the reopen is skipped;
 *   `firstSearch()`: the search the page will ask first (`[query, options]` as
 *   search.js sends it) or null, answered by the worker with the reopen;
 *   `firstAnswer(answer)`: shows that answer at once, before the document list is made
 */
export function createPersistence({ engine, hub, container, storeKey, reloadBundled, documentsChanged, documentCount, mayBeStored = null, firstSearch = () => null, firstAnswer = null }) {
  let stored = null; // { documents, bytes, at } of the stored copy, null when none
  let askedToPersist = false;
  let busy = false;

  const summary = h("p", { class: "ce-meta", data: { testid: "stored-summary" } });
  const note = h("p", { class: "ce-help-note", data: { testid: "stored-note" }, text: LAST_WRITER_NOTE });
  const message = h("p", { class: "ce-meta", role: "status", "aria-live": "polite", data: { testid: "persist-message" } });
  const forget = h("button", { class: "ce-button ce-button-quiet", type: "button", data: { testid: "forget-corpus" }, text: "删除保存的语料 / Forget this corpus" });
  const save = h("button", { class: "ce-button", type: "button", data: { testid: "save-corpus" }, text: "保存语料 / Save corpus" });
  const open = h("button", { class: "ce-button ce-button-quiet", type: "button", data: { testid: "open-corpus" }, text: "打开语料 / Open corpus" });
  const input = h("input", { type: "file", accept: CORPUS_EXTENSION, hidden: true, "aria-label": "打开语料 / Open corpus", data: { testid: "corpus-file-input" } });
  const mode = (value, label, checked) =>
    h("label", { class: "ce-check" }, h("input", { type: "radio", name: `ce-open-mode-${storeKey ?? "page"}`, value, checked, data: { testid: `open-${value}` } }), label);
  const modes = h(
    "fieldset",
    { class: "ce-open-mode" },
    h("legend", { text: "打开语料文件时 / When a corpus file is opened" }),
    mode("replace", "替换当前语料 / Replace the current corpus", true),
    mode("add", "添加其中的文章 / Add its articles", false),
  );
  const storedPart = h("div", { hidden: storeKey === null }, summary, note, forget);
  container.replaceChildren(
    h("h2", { class: "ce-panel-heading", text: "保存与打开 / Keep and open" }),
    storedPart,
    h("div", { class: "ce-file-buttons" }, save, open),
    modes,
    input,
    message,
  );

  const say = (text) => {
    message.textContent = text;
  };

  async function showSummary() {
    let estimate = null;
    try {
      estimate = (await navigator.storage?.estimate?.()) ?? null;
    } catch {
      estimate = null; // the browser would not say: the summary leaves the space out
    }
    summary.textContent = storedSummary(stored, estimate);
    // What is stored, for page scripts and tests: the number of articles, "" for none.
    summary.dataset.documents = stored ? String(stored.documents) : "";
    summary.dataset.bytes = stored ? String(stored.bytes) : "";
    forget.disabled = stored === null;
  }

  engine.onStore((event) => {
    if (event.kind === "stored") {
      stored = { documents: event.documents, bytes: event.bytes, at: event.at };
      showSummary();
    } else if (event.kind === "store-failed") {
      say(storeFailedMessage(event));
    } else if (event.kind === "stale") {
      if (event.other === "forgotten") stored = null;
      say(staleMessage(event.other));
      showSummary();
    } else if (event.kind === "forgotten") {
      stored = null;
      showSummary();
    }
  });

  // Files of their own: the reader means to keep them, so the browser is asked not to evict them.
  hub.on("files:add", () => {
    if (storeKey === null || askedToPersist) return;
    askedToPersist = true;
    navigator.storage?.persist?.().catch(() => {});
  });

  forget.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    try {
      await engine.forgetStored();
      stored = null;
      await reloadBundled();
      await engine.store(storeKey);
      say(FORGOTTEN_MESSAGE);
    } catch (error) {
      hub.emit("app:error", { message: messageOf(error) });
    } finally {
      busy = false;
      showSummary();
    }
  });

  save.addEventListener("click", async () => {
    try {
      const bytes = await engine.call("save");
      const name = corpusFileName();
      download(name, bytes);
      say(savedFileMessage(name, bytes.length));
    } catch (error) {
      hub.emit("app:error", { message: messageOf(error) });
    }
  });

  open.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const files = [...input.files].map((file) => ({ name: file.name, file }));
    input.value = "";
    openFiles(files);
  });
  hub.on("corpus:open-files", ({ files }) => openFiles(files));

  /** Opens corpus files one after another, each replacing or adding as chosen. */
  async function openFiles(files) {
    const add = modes.querySelector('input[value="add"]').checked;
    for (const [i, { name, file }] of files.entries()) {
      // Several files to replace with: the first replaces, the rest add to it.
      const adding = add || i > 0;
      const before = adding ? documentCount() : 0;
      let documents;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        documents = await engine.openCorpus(bytes, { add: adding });
      } catch (error) {
        say(openRefusedMessage(name, messageOf(error)));
        continue;
      }
      await documentsChanged(documents);
      say(openedMessage(name, documents.length - before, adding));
    }
  }

  return {
    /**
     * At start-up, before the bundled articles: the stored copy's documents,
     * or null (nothing stored, not storing, or refused: said on the page).
     */
    async reopen() {
      if (storeKey === null) return null;
      try {
        // Nothing stored (the look at the storage the boot started): the bundled corpus opens at once.
        if (mayBeStored && !(await mayBeStored)) return null;
        // The address's search goes with it: answered in the worker before the document list.
        const answer = await engine.reopenStored(storeKey, { search: firstSearch(), onSearch: firstAnswer });
        if (!answer) return null;
        stored = { documents: answer.documents.length, bytes: answer.bytes, at: 0 };
        return answer.documents;
      } catch (error) {
        say(reopenFailedMessage(messageOf(error)));
        return null;
      }
    },
    /** Once the corpus has loaded: every change from now on is stored. */
    async start() {
      if (storeKey !== null) {
        try {
          // A browser (or an origin, such as file://) that cannot keep files: nothing to say about them.
          const { canStore } = await engine.store(storeKey);
          storedPart.hidden = !canStore;
        } catch (error) {
          console.info(`the corpus will not be stored: ${messageOf(error)}`);
        }
      }
      await showSummary();
    },
  };
}

/** Downloads `bytes` as `name` through a Blob and a temporary <a download> (no inline script: strict CSP). */
function download(name, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
