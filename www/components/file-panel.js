// The reader's own files: a file picker, a folder picker and drag-and-drop
// anywhere on the page (the buttons are the keyboard's way in). Emits
// "files:add" { files: [{ name, file }], replace }; shows the indexing
// progress ("index:progress", "index:done") and what became of each file
// ("files:added"). File names and contents are untrusted: they only ever
// reach the page as text.

import { h } from "../dom.js";
import { filesAddedMessage, formatBytes, indexProgressLabel, isTableFileName, isTextFileName } from "../format.js";
import { askMapping } from "./table-mapping.js";

/**
 * @param {HTMLElement} container the `[data-testid="files"]` panel
 * @param {{ on: Function, emit: Function }} hub
 * @param {{ dropTarget?: EventTarget }} options where dropped files are taken:
 *   the whole document, or an embedded explorer's own element
 */
export function mountFilePanel(container, hub, { dropTarget = document } = {}) {
  const pick = (id) => container.querySelector(`[data-testid="${id}"]`);
  const fileInput = pick("file-input");
  const folderInput = pick("folder-input");
  const replace = pick("replace-corpus");
  const zone = pick("drop-zone");
  const progress = pick("index-progress");
  const bar = pick("index-progress-bar");
  const progressText = pick("index-progress-text");
  const message = pick("files-message");
  const errorList = pick("file-errors");

  const mappings = h("div", { class: "ce-table-mappings", data: { testid: "table-mappings" } });
  message.before(mappings);

  const add = async (files) => {
    if (files.length === 0) return;
    message.textContent = "";
    // Tables first show the columns the core guessed, and load once the reader
    // confirms them; a table the core cannot inspect goes in as it is, to be
    // refused with the core's message.
    const tables = files.filter(({ name }) => isTableFileName(name));
    const rest = files.filter((file) => !tables.includes(file));
    if (rest.length > 0) hub.emit("files:add", { files: rest, replace: replace.checked });
    for (const table of tables) {
      let sample = null;
      try {
        sample = await hub.request("table:inspect", table);
      } catch {
        // Added below without a mapping.
      }
      const mapping = sample && sample.columns.length > 0 ? await askMapping(mappings, table.name, sample) : {};
      if (mapping === null) continue;
      const options = Object.keys(mapping).length > 0 ? { mapping } : undefined;
      hub.emit("files:add", { files: [{ ...table, options }], replace: replace.checked && rest.length === 0 });
    }
  };

  pick("choose-files").addEventListener("click", () => fileInput.click());
  pick("choose-folder").addEventListener("click", () => folderInput.click());
  fileInput.addEventListener("change", () => {
    // Chosen one by one: each goes to the core, which says what is wrong with it.
    add([...fileInput.files].map((file) => ({ name: file.name, file })));
    fileInput.value = "";
  });
  folderInput.addEventListener("change", () => {
    // A folder holds anything: only the text files in it.
    add(
      [...folderInput.files]
        .map((file) => ({ name: file.webkitRelativePath || file.name, file }))
        .filter(({ name }) => isTextFileName(name)),
    );
    folderInput.value = "";
  });

  // Dropping anywhere on the page (or, embedded, on the explorer's element);
  // the zone shows where it goes.
  let depth = 0;
  const carriesFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  dropTarget.addEventListener("dragenter", (event) => {
    if (!carriesFiles(event)) return;
    depth += 1;
    zone.dataset.active = "true";
  });
  dropTarget.addEventListener("dragleave", (event) => {
    if (!carriesFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) delete zone.dataset.active;
  });
  dropTarget.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  });
  dropTarget.addEventListener("drop", async (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    delete zone.dataset.active;
    add(await droppedFiles(event.dataTransfer));
  });

  hub.on("index:progress", ({ file, files, bytes, totalBytes }) => {
    progress.hidden = false;
    // By bytes when the engine knows them, else by files (the reader's own files).
    bar.max = Math.max(1, totalBytes > 0 ? totalBytes : files);
    bar.value = Math.min(totalBytes > 0 ? bytes : file, bar.max);
    progressText.textContent = indexProgressLabel(file, files, bytes, totalBytes);
  });
  hub.on("index:done", () => {
    progress.hidden = true;
  });

  hub.on("files:added", ({ added, errors }) => {
    message.textContent = filesAddedMessage(added.length, errors.length);
    errorList.replaceChildren(
      ...errors.map(({ name, message: why }) => h("li", { data: { testid: "file-error", name } }, h("code", { text: name }), `: ${why}`)),
    );
    errorList.hidden = errors.length === 0;
  });

  hub.on("document:removed", ({ name }) => {
    message.textContent = `已移除 ${name} / Removed ${name}`;
  });

  return { formatBytes };
}

/**
 * Files out of a drop: folders are walked (their text files only), loose
 * files are all kept (the core says what is wrong with one).
 */
async function droppedFiles(transfer) {
  const entries = [...(transfer.items ?? [])]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  if (entries.length === 0) return [...(transfer.files ?? [])].map((file) => ({ name: file.name, file }));
  const out = [];
  for (const entry of entries) {
    if (entry.isFile) out.push({ name: entry.name, file: await fileOf(entry) });
    else out.push(...(await walk(entry)).filter(({ name }) => isTextFileName(name)));
  }
  return out;
}

async function walk(directory) {
  const out = [];
  const reader = directory.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.isFile) out.push({ name: entry.fullPath.replace(/^\//, ""), file: await fileOf(entry) });
      else out.push(...(await walk(entry)));
    }
  }
  return out;
}

function fileOf(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}
