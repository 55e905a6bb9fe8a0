// The reader: one whole article, one <p> per paragraph of the original, every
// match of the current query in <mark>. The paragraphs and their pieces come
// cut by the core's reader(), so the page never slices text.
//
// What the cleaner removed is left out unless "show removed" is ticked; then
// it appears in place, set apart from the article (see .ce-removed in
// style.css), each span after a badge naming the reason. Removed text carries
// data-removed="<reason>".

import {
  documentTitle,
  readerMatchesLabel,
  readerMetaFields,
  reasonLabel,
  REMOVED_PREFIX,
  safeLink,
  scriptLang,
} from "../format.js";
import { metaItems } from "./meta-line.js";

/**
 * @param {HTMLElement} container holds the `[data-testid=reader-*]` elements
 *   and the `input[data-testid="show-removed"]` checkbox
 * @param {{ on: Function }} hub
 */
export function mountReader(container, hub) {
  const title = container.querySelector('[data-testid="reader-title"]');
  const meta = container.querySelector('[data-testid="reader-meta"]');
  const count = container.querySelector('[data-testid="reader-count"]');
  const text = container.querySelector('[data-testid="reader-text"]');
  const showRemoved = container.querySelector('[data-testid="show-removed"]');

  let current = null; // the last "reader:show" detail
  let searchedRemoved = false;

  // Searching removed text is pointless if the matches stay hidden, so
  // "show removed" follows "include removed" whenever that one changes; the
  // reader can still untick it afterwards.
  hub.on("search:results", ({ includeRemoved }) => {
    if (includeRemoved === searchedRemoved) return;
    searchedRemoved = includeRemoved;
    showRemoved.checked = includeRemoved;
  });

  showRemoved.addEventListener("change", () => {
    if (current) render({ ...current, scroll: false });
  });

  hub.on("reader:show", (detail) => {
    current = detail;
    render(detail);
  });

  function render({ doc, paragraphs, query, scroll }) {
    const show = showRemoved.checked;
    const { fragment, marks, hidden } = renderParagraphs(paragraphs, show);

    title.textContent = documentTitle(doc);
    meta.replaceChildren(...renderMeta(doc));
    count.textContent = readerMatchesLabel(marks, query, hidden);
    text.lang = scriptLang(doc.script);
    text.replaceChildren(fragment);
    container.dataset.docId = String(doc.id);
    container.dataset.query = query;
    container.dataset.showRemoved = String(show);
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
  }
}

/** date · source · author · script · encoding · length; the date a <time>, the source a link. */
function renderMeta(doc) {
  const nodes = [];
  for (const { field, text } of readerMetaFields(doc)) {
    let node;
    const href = field === "source" ? safeLink(doc.url) : null;
    if (field === "date") {
      node = document.createElement("time");
      node.dateTime = text;
    } else if (href) {
      node = document.createElement("a");
      node.className = "ce-source-link";
      node.href = href;
      node.target = "_blank";
      node.rel = "noopener noreferrer";
    } else {
      node = document.createElement("span");
    }
    node.dataset.field = field;
    node.textContent = text;
    nodes.push(node);
  }
  return metaItems(nodes);
}

/**
 * Builds the article from the core's paragraphs. Returns the fragment, how
 * many matches it marks, and how many matches sit in removed text left out.
 */
function renderParagraphs(paragraphs, show) {
  const fragment = document.createDocumentFragment();
  let marks = 0;
  let hidden = 0;

  const appendPieces = (parent, pieces) => {
    for (const piece of pieces) {
      if (piece.match) {
        const mark = document.createElement("mark");
        mark.textContent = piece.text;
        parent.append(mark);
        marks += 1;
      } else {
        parent.append(piece.text);
      }
    }
  };
  const matchesIn = (pieces) => pieces.filter((piece) => piece.match).length;

  for (const paragraph of paragraphs) {
    if (paragraph.removed) {
      // Removed whole: a paragraph of its own, badge and note first.
      if (!show) {
        hidden += matchesIn(paragraph.pieces);
        continue;
      }
      const p = document.createElement("p");
      p.className = "ce-removed";
      p.dataset.removed = paragraph.removed;
      const head = document.createElement("span");
      head.className = "ce-removed-head";
      head.append(badge(paragraph.removed));
      if (paragraph.note) {
        const note = document.createElement("small");
        note.className = "ce-removed-note";
        note.dataset.testid = "removed-note";
        note.lang = "en";
        note.textContent = paragraph.note;
        head.append(note);
      }
      const body = document.createElement("span");
      body.className = "ce-removed-text";
      appendPieces(body, paragraph.pieces);
      p.append(head, body);
      fragment.append(p);
      continue;
    }

    // A kept paragraph, perhaps with phrases removed inside it: each run of
    // pieces removed for the same reason becomes one marked-off span.
    const p = document.createElement("p");
    for (const run of runs(paragraph.pieces)) {
      if (!run.removed) {
        appendPieces(p, run.pieces);
      } else if (!show) {
        hidden += matchesIn(run.pieces);
      } else {
        const span = document.createElement("span");
        span.className = "ce-removed-piece";
        span.dataset.removed = run.removed;
        span.append(badge(run.removed));
        if (run.note) {
          const note = document.createElement("span");
          note.className = "ce-visually-hidden";
          note.dataset.testid = "removed-note";
          note.lang = "en";
          note.textContent = ` (${run.note}) `;
          span.append(note);
        }
        appendPieces(span, run.pieces);
        p.append(span);
      }
    }
    // A paragraph that was nothing but removed phrases leaves no empty line.
    if (p.hasChildNodes()) fragment.append(p);
  }
  return { fragment, marks, hidden };
}

/** Consecutive pieces with the same removal (or none) grouped: [{ removed, note, pieces }]. */
function runs(pieces) {
  const out = [];
  for (const piece of pieces) {
    const removed = piece.removed ?? null;
    const note = piece.note ?? null;
    const last = out[out.length - 1];
    if (last && last.removed === removed && last.note === note) last.pieces.push(piece);
    else out.push({ removed, note, pieces: [piece] });
  }
  return out;
}

/** The small label before removed text: "垃圾词 / spam", read out as "已删除 / removed: 垃圾词 / spam". */
function badge(reason) {
  const element = document.createElement("span");
  element.className = "ce-badge";
  element.dataset.testid = "removed-badge";
  const prefix = document.createElement("span");
  prefix.className = "ce-visually-hidden";
  prefix.textContent = REMOVED_PREFIX;
  element.append(prefix, reasonLabel(reason));
  return element;
}
