// The list of loaded articles: title, script and length; each one a button
// that opens the reader. Also lists the bundled files the core refused.

import { documentMeta, documentTitle, scriptLang } from "../format.js";

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
  meta.textContent = documentMeta(doc);

  button.append(title, meta);
  button.addEventListener("click", () => hub.emit("reader:open", { id: doc.id }));
  item.append(button);
  return item;
}

function renderError({ name, message }) {
  const item = document.createElement("li");
  const file = document.createElement("code");
  file.textContent = name;
  item.append(file, `: ${message}`);
  return item;
}
