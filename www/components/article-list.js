// The list of loaded articles: title; date, source, script, encoding and
// length; how much the cleaner removed, by reason. Each one a button that opens
// the reader, and a button that removes it. Also lists the bundled files the
// core refused.

import {
  documentMetaParts,
  documentTitle,
  removedBreakdownParts,
  removedSummary,
  scriptLang,
} from "../format.js";
import { metaItems } from "./meta-line.js";

/**
 * @param {HTMLElement} container holds `ol[data-testid="article-list"]`
 *   and `ul[data-testid="load-errors"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountArticleList(container, hub) {
  const list = container.querySelector('[data-testid="article-list"]');
  const errorList = container.querySelector('[data-testid="load-errors"]');

  hub.on("corpus:loaded", ({ documents, errors }) => {
    list.replaceChildren(...documents.map((doc) => renderArticle(doc, hub)));
    errorList.replaceChildren(...errors.map(renderError));
    errorList.hidden = errors.length === 0;
  });

  hub.on("reader:show", ({ doc }) => {
    for (const button of list.querySelectorAll("button")) {
      if (button.dataset.docId === String(doc.id)) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
  });
}

function renderArticle(doc, hub) {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ce-article";
  button.dataset.testid = "article";
  button.dataset.docId = String(doc.id);
  button.dataset.docName = doc.name;

  const title = document.createElement("span");
  title.className = "ce-article-title";
  title.lang = scriptLang(doc.script);
  title.textContent = documentTitle(doc);

  const meta = document.createElement("span");
  meta.className = "ce-meta";
  meta.dataset.testid = "article-meta";
  meta.append(...metaItems(documentMetaParts(doc)));

  button.append(title, meta);

  const removed = Array.isArray(doc.removed) ? doc.removed : [];
  if (removed.length > 0) {
    // "已清理 5 处 / 5 removed · 重复 2 · 页面杂项 2 · 图片说明 1"
    const cleaning = document.createElement("span");
    cleaning.className = "ce-meta ce-article-removed";
    cleaning.dataset.testid = "article-removed";
    cleaning.dataset.count = String(removed.length);
    const breakdown = document.createElement("span");
    breakdown.dataset.testid = "article-removed-breakdown";
    breakdown.append(...metaItems(removedBreakdownParts(removed)));
    const summary = document.createElement("span");
    summary.className = "ce-meta-item"; // wraps with its " ·", like the items after it
    summary.textContent = `${removedSummary(removed.length)} ·`;
    cleaning.append(summary, " ", breakdown);
    button.append(cleaning);
  }
  button.addEventListener("click", () => hub.emit("reader:open", { id: doc.id }));

  if (doc.decodeWarning) {
    const warning = document.createElement("span");
    warning.className = "ce-meta ce-article-warning";
    warning.dataset.testid = "article-warning";
    warning.lang = "en";
    warning.textContent = doc.decodeWarning;
    button.append(warning);
  }

  // Removing: later documents move up one id, so the page asks by name too.
  const remove = document.createElement("button");
  remove.type = "button";
  remove.className = "ce-button ce-button-quiet ce-article-remove";
  remove.dataset.testid = "article-remove";
  remove.setAttribute("aria-label", `移除 / Remove: ${documentTitle(doc)}`);
  remove.textContent = "移除 / Remove";
  remove.addEventListener("click", () => hub.emit("document:remove", { id: doc.id, name: doc.name }));

  item.className = "ce-article-item";
  item.append(button, remove);
  return item;
}

function renderError({ name, message }) {
  const item = document.createElement("li");
  const file = document.createElement("code");
  file.textContent = name;
  item.append(file, `: ${message}`);
  return item;
}
