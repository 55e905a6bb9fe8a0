// The reader: one whole article, one <p> per paragraph of the original, every
// match of the current query in <mark>. The paragraphs and their pieces come
// cut by the core's reader(), so the page never slices text.
//
// What the cleaner removed is left out unless "show removed" is ticked; then
// it appears in place, set apart from the article (see .ce-removed in
// style.css), each span after a badge naming the reason. Removed text carries
// data-removed="<reason>".
//
// One reader serves every view. It shows with the view that opened it (a
// concordance line, a dispersion tick, a figure) and hides on the others; an
// analysis view opens it at one match (`occurrence`: the n-th match of the
// query in the article, from 0), which is marked as current, focused and
// scrolled to, and a "back" button returns focus to what opened it.

import { viewLabel } from "../views.js";
import {
  documentTitle,
  readerMatchesLabel,
  readerMetaFields,
  reasonLabel,
  REMOVED_PREFIX,
  safeLink,
  scriptLang,
} from "../format.js";
import { h } from "../dom.js";
import { languageSpans } from "../localize.js";
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
  const back = h("button", { type: "button", class: "ce-link ce-reader-back", data: { testid: "reader-back" }, hidden: true });
  title.before(back);

  let current = null; // the last "reader:show" detail
  let searchedRemoved = false;
  let view = "search"; // the view on screen

  const sync = () => {
    container.hidden = !current || (current.view ?? "search") !== view;
  };

  hub.on("view:show", ({ view: shown }) => {
    view = shown;
    sync();
  });

  back.addEventListener("click", () => {
    if (current?.view) hub.emit("view:return", { view: current.view });
  });

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

  // An article is on its way from the worker: busy until it is shown.
  hub.on("reader:loading", () => container.setAttribute("aria-busy", "true"));
  hub.on("reader:idle", () => container.removeAttribute("aria-busy"));

  hub.on("reader:show", (detail) => {
    current = detail;
    container.removeAttribute("aria-busy");
    render(detail);
  });

  // The article it showed is gone (removed, or the address no longer names it).
  hub.on("reader:close", () => {
    current = null;
    container.removeAttribute("aria-busy");
    text.replaceChildren();
    delete container.dataset.docId;
    sync();
  });

  function render({ doc, paragraphs, query, label, scroll, occurrence, view: owner = "search" }) {
    let show = showRemoved.checked;
    let { fragment, marks, hidden, total } = renderParagraphs(paragraphs, show);
    const wanted = Number.isInteger(occurrence) && occurrence >= 0 && occurrence < total ? occurrence : null;
    if (wanted !== null && scroll && !show && !hasOccurrence(fragment, wanted)) {
      // The match asked for is in removed text: show that text, or it cannot be shown.
      showRemoved.checked = true;
      show = true;
      ({ fragment, marks, hidden, total } = renderParagraphs(paragraphs, show));
    }

    title.textContent = documentTitle(doc);
    meta.replaceChildren(...renderMeta(doc));
    count.textContent = readerMatchesLabel(marks, label ?? query, hidden);
    text.lang = scriptLang(doc.script);
    text.replaceChildren(fragment);
    container.dataset.docId = String(doc.id);
    container.dataset.query = query;
    container.dataset.showRemoved = String(show);
    container.dataset.view = owner;
    back.hidden = owner === "search";
    back.textContent = `← 返回${viewLabel(owner).replace(" / ", " / Back to ")}`;
    const target = wanted === null ? null : text.querySelector(`mark[data-occurrence="${wanted}"]`);
    if (target) {
      target.classList.add("ce-mark-current");
      target.setAttribute("aria-current", "true");
      target.tabIndex = -1;
      container.dataset.occurrence = String(wanted);
    } else {
      delete container.dataset.occurrence;
    }
    sync();

    if (scroll && target) {
      // Opened at one match: focus it, so a screen reader starts there.
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
    } else if (scroll) {
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
  const nodes = readerMetaFields(doc).map(({ field, text }) => {
    const href = field === "source" ? safeLink(doc.url) : null;
    const props = { data: { field }, text };
    if (field === "date") return h("time", { ...props, datetime: text });
    if (href) return h("a", { ...props, class: "ce-source-link", href, target: "_blank", rel: "noopener noreferrer" });
    return h("span", props);
  });
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
  let total = 0; // every match, shown or not: the index an occurrence counts in

  const appendPieces = (parent, pieces) => {
    for (const piece of pieces) {
      if (piece.match) {
        parent.append(h("mark", { data: { occurrence: String(total) }, text: piece.text }));
        marks += 1;
        total += 1;
      } else {
        parent.append(piece.text);
      }
    }
  };
  const matchesIn = (pieces) => {
    const n = pieces.filter((piece) => piece.match).length;
    total += n;
    return n;
  };

  for (const paragraph of paragraphs) {
    if (paragraph.removed) {
      // Removed whole: a paragraph of its own, badge and note first.
      if (!show) {
        hidden += matchesIn(paragraph.pieces);
        continue;
      }
      const head = h(
        "span",
        { class: "ce-removed-head" },
        badge(paragraph.removed),
        paragraph.note ? h("small", { class: "ce-removed-note", data: { testid: "removed-note" }, lang: "en", text: paragraph.note }) : null,
      );
      const body = h("span", { class: "ce-removed-text" });
      appendPieces(body, paragraph.pieces);
      fragment.append(h("p", { class: "ce-removed", data: { removed: paragraph.removed } }, head, body));
      continue;
    }

    // A kept paragraph, perhaps with phrases removed inside it: each run of
    // pieces removed for the same reason becomes one marked-off span.
    const p = h("p");
    for (const run of runs(paragraph.pieces)) {
      if (!run.removed) {
        appendPieces(p, run.pieces);
      } else if (!show) {
        hidden += matchesIn(run.pieces);
      } else {
        const span = h(
          "span",
          { class: "ce-removed-piece", data: { removed: run.removed } },
          badge(run.removed),
          run.note ? h("span", { class: "ce-visually-hidden", data: { testid: "removed-note" }, lang: "en", text: ` (${run.note}) ` }) : null,
        );
        appendPieces(span, run.pieces);
        p.append(span);
      }
    }
    // A paragraph that was nothing but removed phrases leaves no empty line.
    if (p.hasChildNodes()) fragment.append(p);
  }
  return { fragment, marks, hidden, total };
}

function hasOccurrence(fragment, occurrence) {
  return fragment.querySelector(`mark[data-occurrence="${occurrence}"]`) !== null;
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

/**
 * The small label before removed text: "垃圾词 / spam", read out as "已删除 / removed: 垃圾词 / spam".
 * It sits inside the article, which localize.js leaves alone, so it is split
 * into its two languages here.
 */
function badge(reason) {
  const inLanguages = (text) => languageSpans(text) ?? [text];
  return h(
    "span",
    { class: "ce-badge", data: { testid: "removed-badge" } },
    h("span", { class: "ce-visually-hidden" }, ...inLanguages(REMOVED_PREFIX)),
    ...inLanguages(reasonLabel(reason)),
  );
}
