// The reader: one whole article, every match of the current query in <mark>.
// The pieces come from the core's highlight(), so the page never slices text.

import { documentMeta, documentTitle, readerMatchesLabel, scriptLang } from "../format.js";

/**
 * @param {HTMLElement} container holds the `[data-testid=reader-*]` elements
 * @param {{ on: Function }} hub
 */
export function mountReader(container, hub) {
  const title = container.querySelector('[data-testid="reader-title"]');
  const meta = container.querySelector('[data-testid="reader-meta"]');
  const count = container.querySelector('[data-testid="reader-count"]');
  const text = container.querySelector('[data-testid="reader-text"]');

  hub.on("reader:show", ({ doc, pieces, query, scroll }) => {
    const fragment = document.createDocumentFragment();
    let marks = 0;
    for (const piece of pieces) {
      if (piece.match) {
        const mark = document.createElement("mark");
        mark.textContent = piece.text;
        fragment.append(mark);
        marks += 1;
      } else {
        fragment.append(piece.text);
      }
    }

    title.textContent = documentTitle(doc);
    meta.textContent = documentMeta(doc);
    count.textContent = readerMatchesLabel(marks, query);
    text.lang = scriptLang(doc.script);
    text.replaceChildren(fragment);
    container.dataset.docId = String(doc.id);
    container.dataset.query = query;
    container.hidden = false;

    if (scroll) {
      // Focus moves to the article for keyboard and screen-reader users; the
      // view then goes to the first match, or to the top when there is none.
      title.focus({ preventScroll: true });
      const first = text.querySelector("mark");
      if (first) first.scrollIntoView({ block: "center" });
      else {
        text.scrollTop = 0;
        container.scrollIntoView({ block: "start" });
      }
    }
  });
}
