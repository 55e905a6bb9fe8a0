// The list of loaded articles: title; date, source, script, encoding and
// length; how much the cleaner removed, by reason. Each one a button that opens
// the reader, and a button that removes it. Also lists the bundled files the
// core refused.
//
// A folder of files is thousands of articles, and the page must neither freeze
// while it shows them (issue 8: no task over 50 ms) nor scroll slowly after.
// Building a row takes little script, but its first layout (its text shaped)
// about 0.5 ms, and Chrome's per-frame work grows with the rows on the page.
// So every article has its <li> (naming it in data-doc-name), but only the
// rows near the screen are built; the others are empty placeholders of about
// a row's height (style.css), which cost next to nothing. Rows are built
// - at once: the first FIRST_ROWS and the last LAST_ROWS (so Shift+Tab from
//   below the list reaches its last article);
// - as the page scrolls or changes: those on the screen, then those within a
//   screen's height of it, BUILT_PER_FRAME at a time;
// - around the focused row, so Tab and Shift+Tab always find the next row;
// and emptied again, the farthest from the screen first, once more than
// MAX_BUILT are built. Placeholders go in ITEMS_PER_FRAME a frame.
// A placeholder is aria-hidden; a built row says its place (aria-posinset and
// aria-setsize: "item 5,001 of 12,083"). Find in page finds the built rows
// only; the search box finds every article.
//
// Measured with 12,083 articles on 2 busy cores: all rows built took 5–8 s of
// long tasks to show and 80–120 ms a frame to scroll; `content-visibility:
// auto` on each row made showing cheap, but Chrome then watches every row for
// intersection, and each scrolled frame took about 96 ms. This way: no long
// task showing them, about 18 ms a scrolled frame.
//
// Rows of articles that stay are kept when the list changes (one removed: its
// row goes and the ids after it move up; files added: rows are added). One
// click listener on the list serves every row.
//
// Stories (issue 17): the copies of an article — reposts the core grouped with
// it at the similarity threshold — are not rows of their own but fold under
// it (stories.js, storyRows): a row with copies has a disclosure button, "3
// copies", that shows them indented under it, each with its similarity to the
// lead, each opening in the reader and removable like any row. So the list
// has an item per row (a lead or an article without copies), and the copies
// of a row are built only while it is open. Which rows are open is kept by
// the lead's name across regroupings and added or removed files. Without
// stories every article is a row, as before.

import {
  documentMetaParts,
  documentTitle,
  removedBreakdownParts,
  removedSummary,
  scriptLang,
} from "../format.js";
import { h } from "../dom.js";
import { languageSpans } from "../localize.js";
import { copiesLabel, sameCopies, showMoreCopiesLabel, similarityLabel, storyRows } from "../stories.js";
import { metaItems } from "./meta-line.js";

/**
 * Built at once: more than a tall screen shows (a row is 60–90 px high). Their
 * first layout is the dearest part of showing the list: about 0.5 ms a row.
 */
export const FIRST_ROWS = 30;
/** Built at once at the end of the list, for Shift+Tab into it from below. */
export const LAST_ROWS = 10;
/** Built on each side of the focused row. */
export const AROUND_FOCUS = 10;
/** Built at most per frame as the page scrolls: 40 rows lay out in about 20 ms. */
export const BUILT_PER_FRAME = 40;
/**
 * Copies of a story built when it is opened, and again at each "show more": a
 * story of a thousand copies must not be laid out in one task either.
 */
export const COPIES_PER_STEP = 50;
/** Built rows kept at most; beyond it the ones farthest from the screen are emptied. */
export const MAX_BUILT = 600;
/**
 * New items put in the list per frame. Styling and laying out 2,000 empty
 * <li> took about 15 ms on a busy 2-core machine, all 12,083 at once about 100 ms.
 */
export const ITEMS_PER_FRAME = 1000;

/** What the list says on a sharded site, which it does not list. */
const ARCHIVE_NOTE =
  "这是一个按需下载的公开档案：文章不在此列出，搜索即可找到并阅读；档案是只读的，添加的文件须勾选“替换”才能打开（替换整个档案）。 " +
  "/ This is a published archive, downloaded part by part: its articles are not listed here — search to find and read them. It is read-only: files you add open only with “Replace” ticked (in place of the archive).";

/**
 * @param {HTMLElement} container holds `ol[data-testid="article-list"]`
 *   and `ul[data-testid="load-errors"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountArticleList(container, hub) {
  const list = container.querySelector('[data-testid="article-list"]');
  const errorList = container.querySelector('[data-testid="load-errors"]');
  const view = list.ownerDocument.defaultView;
  /**
   * The rows listed ({ doc, copies }: an article and the copies folded under
   * it), and the <li> of each: built, a placeholder, or (while the list is
   * being put in) not made yet.
   */
  let rows = [];
  let items = [];
  /** Every document, in id order, and the core's stories (null: none). */
  let documents = [];
  let grouping = null;
  /** The leads whose copies are shown, by name, with how many of them are shown. */
  const expanded = new Map();
  /** The built items, each with the row it shows. */
  const built = new Map();
  /** The article buttons on the page by document id. */
  const buttons = new Map();
  /** The article the reader shows, marked aria-current: its id and name, or null. */
  let current = null;
  /** Counts the lists shown: the frames putting in an older one's items stop. */
  let generation = 0;
  /** Whether some items are still to be put in the list. */
  let inserting = false;
  let frame = 0;

  // A sharded site (issue 16) lists no articles: the list would be the whole archive.
  let archiveNote = null;
  hub.on("corpus:loaded", ({ documents: every, errors, stories = null, archive = null }) => {
    if (archive && !archiveNote) {
      archiveNote = h("p", { class: "ce-help-note", data: { testid: "archive-note" } });
      list.before(archiveNote);
    }
    if (archiveNote) {
      archiveNote.hidden = !archive;
      archiveNote.textContent = archive ? ARCHIVE_NOTE : "";
    }
    grouping = stories;
    show(every);
    errorList.replaceChildren(...errors.map(renderError));
    errorList.hidden = errors.length === 0;
  });

  // The threshold changed: the same documents, grouped anew.
  hub.on("stories:changed", ({ stories }) => {
    grouping = stories;
    show(documents);
  });

  hub.on("reader:show", ({ doc }) => {
    buttons.get(current?.id)?.removeAttribute("aria-current");
    current = { id: doc.id, name: doc.name };
    buttons.get(doc.id)?.setAttribute("aria-current", "true");
  });

  hub.on("reader:close", () => {
    buttons.get(current?.id)?.removeAttribute("aria-current");
    current = null;
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest?.("button");
    const item = button?.closest(".ce-article-item");
    if (!item || item.parentElement !== list) return;
    if (button.classList.contains("ce-story-toggle")) {
      toggle(item);
      return;
    }
    if (button.classList.contains("ce-story-more")) {
      showMore(item);
      return;
    }
    // A copy's own buttons, or the row's.
    const row = button.closest(".ce-article-copy") ?? item;
    const article = row.querySelector(":scope > .ce-article");
    const id = Number(article.dataset.docId);
    if (button === article) hub.emit("reader:open", { id });
    // Removing: later documents move up one id, so the page asks by name too.
    else if (button.classList.contains("ce-article-remove")) hub.emit("document:remove", { id, name: article.dataset.docName });
  });

  // Tab and Shift+Tab go from row to row: the rows around the focused one are built.
  list.addEventListener("focusin", (event) => {
    const at = items.indexOf(event.target.closest?.(".ce-article-item"));
    if (at >= 0) buildRange(at - AROUND_FOCUS, at + AROUND_FOCUS + 1);
  });

  // Capture: a scroll of any element the list is in, not only of the page.
  view.addEventListener("scroll", later, { capture: true, passive: true });
  view.addEventListener("resize", later, { passive: true });
  // What the page shows above the list changes where it is.
  for (const type of ["search:results", "reader:show", "reader:close", "view:show"]) hub.on(type, later);

  /** Builds the rows near the screen at the next frame (once, however often asked). */
  function later() {
    if (frame || inserting || built.size === items.length) return;
    frame = view.requestAnimationFrame(() => {
      frame = 0;
      buildVisible();
    });
  }

  /** Shows or hides the copies of the row in `item`. */
  function toggle(item) {
    const row = built.get(item);
    if (!row) return;
    if (expanded.has(row.doc.name)) expanded.delete(row.doc.name);
    else expanded.set(row.doc.name, COPIES_PER_STEP);
    showCopies(item, row);
    later();
  }

  /** Shows COPIES_PER_STEP more of the copies of the row in `item`; the focus goes to the first new one. */
  function showMore(item) {
    const row = built.get(item);
    const shown = row && expanded.get(row.doc.name);
    if (!shown) return;
    expanded.set(row.doc.name, shown + COPIES_PER_STEP);
    showCopies(item, row);
    item.querySelectorAll(".ce-article-copy > .ce-article")[shown]?.focus();
    later();
  }

  /**
   * The copies of a built row as its disclosure says: built and shown when
   * open, emptied when closed (a story may have hundreds of copies).
   */
  function showCopies(item, row) {
    const toggleButton = item.querySelector(":scope > .ce-story > .ce-story-toggle");
    const copyList = item.querySelector(":scope > .ce-story > .ce-story-copies");
    if (!toggleButton || !copyList) return;
    for (const copy of copyList.children) {
      const id = Number(copy.firstElementChild?.dataset.docId);
      if (buttons.get(id) === copy.firstElementChild) buttons.delete(id);
    }
    const open = expanded.has(row.doc.name);
    toggleButton.setAttribute("aria-expanded", String(open));
    copyList.hidden = !open;
    const shown = open ? row.copies.slice(0, expanded.get(row.doc.name)) : [];
    const left = row.copies.length - shown.length;
    copyList.replaceChildren(
      ...shown.map(fillCopy),
      ...(open && left > 0 ? [moreCopies(Math.min(left, COPIES_PER_STEP), left)] : []),
    );
    if (open) {
      for (const copy of copyList.querySelectorAll(":scope > .ce-article-copy")) {
        const article = copy.firstElementChild;
        const id = Number(article.dataset.docId);
        buttons.set(id, article);
        if (current?.id === id) article.setAttribute("aria-current", "true");
      }
    }
  }

  /**
   * Puts `every` (every document, in id order) in the list, its copies folded
   * under their leads: items kept where they can be, placeholders for the
   * rest, made and put in at once when there are at most ITEMS_PER_FRAME of
   * them, else FIRST_ROWS now and ITEMS_PER_FRAME at each next frame.
   */
  function show(every) {
    const token = ++generation;
    documents = every;
    const next = storyRows(every, grouping);
    items = keptItems(next);
    rows = next;
    if (current) {
      const same = every.find((d) => d.id === current.id && d.name === current.name) ?? every.find((d) => d.name === current.name);
      current = same ? { id: same.id, name: same.name } : null;
    }
    // Built rows that stay: the same article with the same copies, perhaps at a new position and id.
    buttons.clear();
    for (let i = 0; i < items.length; i++) {
      const shown = items[i] && built.get(items[i]);
      if (!shown) continue;
      if (sameRow(shown.doc, rows[i].doc) && sameCopies(shown.copies, rows[i].copies) && shown.copies.every((c, k) => sameRow(c.doc, rows[i].copies[k].doc))) update(items[i], i);
      else empty(items[i]);
    }
    buildRange(0, FIRST_ROWS);
    buildRange(rows.length - LAST_ROWS, rows.length);

    // New items go in in order, each run before the next item already in the list.
    const inList = (item) => item?.parentNode === list;
    const before = new Array(items.length + 1).fill(null);
    let missing = 0;
    for (let i = items.length - 1; i >= 0; i--) {
      before[i] = inList(items[i]) ? items[i] : before[i + 1];
      if (!inList(items[i])) missing++;
    }
    const all = items;
    let at = 0;
    // All now when they are few; else the first rows now (their first layout is
    // dear), and the placeholders after them in the next frames.
    let quota = missing <= ITEMS_PER_FRAME ? missing : FIRST_ROWS;
    const insert = () => {
      let fragment = null;
      let anchor = null;
      let added = 0;
      for (; at < all.length; at++) {
        let item = all[at];
        if (inList(item)) {
          if (fragment) list.insertBefore(fragment, anchor);
          fragment = null;
          continue;
        }
        if (added === quota) break;
        if (!item) {
          item = all[at] = placeholder(next[at].doc);
          if (at < FIRST_ROWS || at >= all.length - LAST_ROWS) build(item, at);
        }
        if (!fragment) {
          fragment = document.createDocumentFragment();
          anchor = before[at];
        }
        fragment.append(item);
        added++;
      }
      if (fragment) list.insertBefore(fragment, anchor);
      quota = ITEMS_PER_FRAME;
      inserting = at < all.length;
      if (inserting) {
        // After the next frame, which lays out what went in now: each part gets a frame of its own.
        view.requestAnimationFrame(() => {
          setTimeout(() => {
            if (token === generation) insert();
          }, 0);
        });
      } else {
        later();
      }
    };
    insert();
  }

  /**
   * The items already made that can stay (keptPositions), by position in
   * `next` (undefined: a new one is needed); every other item is removed.
   */
  function keptItems(nextRows) {
    const next = new Array(nextRows.length);
    if (items.length === 0) return next;
    const kept = keptPositions(rows.map((r) => r.doc.name), nextRows.map((r) => r.doc.name));
    const keep = new Set();
    kept.forEach((at, i) => {
      if (at < 0 || !items[at]) return;
      next[i] = items[at];
      keep.add(items[at]);
    });
    if (keep.size === 0) {
      list.replaceChildren();
      built.clear();
      return next;
    }
    for (const item of items) {
      if (!item || keep.has(item)) continue;
      item.remove();
      built.delete(item);
    }
    return next;
  }

  /** Builds the placeholders from `from` to before `to`. */
  function buildRange(from, to) {
    for (let i = Math.max(0, from); i < Math.min(to, items.length); i++) {
      if (items[i] && !built.has(items[i])) build(items[i], i);
    }
  }

  /** Builds rows[at] in its placeholder `item`; returns 1, the rows built. */
  function build(item, at) {
    const row = rows[at];
    fillArticle(item, row.doc);
    if (row.copies.length > 0) {
      item.classList.add("ce-has-copies");
      item.append(storyDisclosure(row));
    }
    item.removeAttribute("aria-hidden");
    update(item, at);
    return 1;
  }

  /**
   * A built row shows rows[at]: its ids (the lead's and its copies'), its
   * place in the list, whether it (or an open copy) is the article open.
   */
  function update(item, at) {
    const row = rows[at];
    const { doc } = row;
    const article = item.firstElementChild;
    built.set(item, row);
    if (article.dataset.docId !== String(doc.id)) article.dataset.docId = String(doc.id);
    item.setAttribute("aria-posinset", String(at + 1));
    item.setAttribute("aria-setsize", String(rows.length));
    buttons.set(doc.id, article);
    if (current?.id === doc.id) article.setAttribute("aria-current", "true");
    else if (article.hasAttribute("aria-current")) article.removeAttribute("aria-current");
    if (row.copies.length > 0) {
      // The copies' ids may have moved too: rebuilt, they carry the new ones.
      showCopies(item, row);
    }
  }

  /** A built row becomes a placeholder again. */
  function empty(item) {
    const { doc } = built.get(item);
    if (buttons.get(doc.id) === item.firstElementChild) buttons.delete(doc.id);
    for (const copy of item.querySelectorAll(".ce-article-copy > .ce-article")) {
      const id = Number(copy.dataset.docId);
      if (buttons.get(id) === copy) buttons.delete(id);
    }
    built.delete(item);
    item.replaceChildren();
    item.classList.remove("ce-has-copies");
    item.removeAttribute("aria-posinset");
    item.removeAttribute("aria-setsize");
    item.setAttribute("aria-hidden", "true");
  }

  /**
   * Builds the rows on the screen, then those within a screen's height below
   * and above it (found by bisection over the items' positions), at most
   * BUILT_PER_FRAME; then empties the farthest ones when too many are built.
   */
  function buildVisible() {
    if (items.length === 0 || !list.isConnected) return;
    const height = view.innerHeight;
    const box = list.getBoundingClientRect();
    if (box.height === 0 || box.bottom < -height || box.top > 2 * height) return;
    const from = firstBelow(-height, "bottom");
    const top = firstBelow(0, "bottom");
    const to = firstBelow(2 * height, "top");
    let added = 0;
    for (let i = top; i < to && added < BUILT_PER_FRAME; i++) {
      if (!built.has(items[i])) added += build(items[i], i);
    }
    for (let i = top - 1; i >= from && added < BUILT_PER_FRAME; i--) {
      if (!built.has(items[i])) added += build(items[i], i);
    }
    if (built.size > MAX_BUILT) trim(from, to);
    // More to build, or the rows built are taller or shorter than their placeholders: look again.
    if (added > 0) later();
  }

  /** The first item whose `edge` ("top" or "bottom") is below `y` (viewport pixels). */
  function firstBelow(y, edge) {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid].getBoundingClientRect()[edge] > y) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Empties the built rows farthest from `from`–`to`, but the last rows and the focused one. */
  function trim(from, to) {
    const focused = list.getRootNode().activeElement?.closest?.(".ce-article-item");
    const distance = (at) => (at < from ? from - at : at >= to ? at - to + 1 : 0);
    const far = [];
    items.forEach((item, at) => {
      if (built.has(item) && item !== focused && at < items.length - LAST_ROWS && distance(at) > AROUND_FOCUS) far.push([item, at]);
    });
    far.sort((a, b) => distance(b[1]) - distance(a[1]));
    for (const [item] of far.slice(0, built.size - MAX_BUILT)) empty(item);
  }
}

let emptyItem = null;

/**
 * The item of `doc` not built yet: an empty, aria-hidden <li> that style.css
 * gives a row's height. It says which document it stands for (data-doc-name),
 * so every article is found in the list, built or not.
 */
function placeholder(doc) {
  if (!emptyItem) {
    emptyItem = h("li", { class: "ce-article-item", "aria-hidden": "true" });
  }
  const item = emptyItem.cloneNode(false);
  item.dataset.docName = doc.name;
  return item;
}

/**
 * Which listed document each document to list takes the place of, matched by
 * name in order: `kept[i]` is the position in `before` of the item
 * `after[i]` keeps, or -1 for a new one. Adding and removing never reorder the
 * documents; when the names that stay did change order, nothing is kept.
 * @param {string[]} before the names of the documents listed
 * @param {string[]} after the names of the documents to list
 * @returns {number[]}
 */
export function keptPositions(before, after) {
  // The first unmatched position of each name, and after each position the next with its name.
  const first = new Map();
  const following = new Int32Array(before.length);
  for (let i = before.length - 1; i >= 0; i--) {
    following[i] = first.get(before[i]) ?? -1;
    first.set(before[i], i);
  }
  const kept = new Array(after.length).fill(-1);
  let last = -1;
  for (let i = 0; i < after.length; i++) {
    const at = first.get(after[i]) ?? -1;
    if (at < 0) continue;
    if (at < last) return kept.fill(-1);
    first.set(after[i], following[at]);
    kept[i] = last = at;
  }
  return kept;
}

/** Whether a row built for document `a` shows document `b` as it is (all but the id). */
export function sameRow(a, b) {
  if (!b || a.name !== b.name || a.title !== b.title || a.date !== b.date || a.source !== b.source) return false;
  if (a.script !== b.script || a.encoding !== b.encoding || a.chars !== b.chars || a.keptChars !== b.keptChars) return false;
  if (a.decodeWarning !== b.decodeWarning) return false;
  const removedA = Array.isArray(a.removed) ? a.removed : [];
  const removedB = Array.isArray(b.removed) ? b.removed : [];
  return removedA.length === removedB.length && removedA.every((span, i) => span.reason === removedB[i].reason);
}

/** "中文 / English" as the spans localize.js shows one of, or the text as it is. */
function bilingual(text) {
  return languageSpans(text) ?? [text];
}

/** One metadata field for metaItems: a bilingual one as its language spans. */
function bilingualItem(text) {
  const spans = languageSpans(text);
  if (!spans) return text;
  const fragment = document.createDocumentFragment();
  fragment.append(...spans);
  return fragment;
}

/**
 * Builds the row of `doc` in `item`. The bilingual labels are split into
 * language spans here, so localize.js has none to split; it still shows the
 * remove button's label in the interface's language.
 */
function fillArticle(item, doc) {
  const removed = Array.isArray(doc.removed) ? doc.removed : [];
  // "已清理 5 处 / 5 removed · 重复 2 / duplicate 2 · 图片说明 1 / caption 1"
  const cleaning =
    removed.length > 0 &&
    h(
      "span",
      { class: "ce-meta ce-article-removed", data: { testid: "article-removed", count: String(removed.length) } },
      // Wraps with its " ·", like the items after it. The " ·" is a text of its own: the
      // summary is bilingual, the dot in both languages.
      h("span", { class: "ce-meta-item" }, ...bilingual(removedSummary(removed.length)), " ·"),
      " ",
      h("span", { data: { testid: "article-removed-breakdown" } }, ...metaItems(removedBreakdownParts(removed).map(bilingualItem))),
    );
  const button = h(
    "button",
    { type: "button", class: "ce-article", data: { testid: "article", docId: String(doc.id), docName: doc.name } },
    h("span", { class: "ce-article-title", lang: scriptLang(doc.script), text: documentTitle(doc) }),
    h("span", { class: "ce-meta", data: { testid: "article-meta" } }, ...metaItems(documentMetaParts(doc).map(bilingualItem))),
    cleaning,
    doc.decodeWarning
      ? h("span", { class: "ce-meta ce-article-warning", data: { testid: "article-warning" }, lang: "en", text: doc.decodeWarning })
      : null,
  );
  const remove = h(
    "button",
    {
      type: "button",
      class: "ce-button ce-button-quiet ce-article-remove",
      data: { testid: "article-remove" },
      "aria-label": `移除 / Remove: ${documentTitle(doc)}`,
    },
    ...bilingual("移除 / Remove"),
  );
  item.append(button, remove);
}

/** Counts the disclosures made, for their copies' ids (unique on the page, embeds included). */
let disclosures = 0;

/**
 * Under a row with copies: the button that shows them ("3 篇转载 / 3 copies",
 * aria-expanded) and their list, empty until shown (showCopies fills it).
 */
function storyDisclosure(row) {
  const id = `ce-story-copies-${++disclosures}`;
  return h(
    "div",
    { class: "ce-story", data: { testid: "story" } },
    h(
      "button",
      {
        type: "button",
        class: "ce-link ce-story-toggle",
        "aria-expanded": "false",
        "aria-controls": id,
        data: { testid: "story-toggle", copies: String(row.copies.length) },
      },
      ...bilingual(copiesLabel(row.copies.length)),
    ),
    h("ul", { class: "ce-story-copies", id, hidden: true, data: { testid: "story-copies" } }),
  );
}

/** After the copies shown, when there are more: the button that shows the next ones. */
function moreCopies(next, left) {
  return h(
    "li",
    { class: "ce-story-more-item" },
    h("button", { type: "button", class: "ce-link ce-story-more", data: { testid: "story-more" } }, ...bilingual(showMoreCopiesLabel(next, left))),
  );
}

/** A copy under its lead: a row like any other, saying how similar it is to the lead. */
function fillCopy({ doc, similarity }) {
  const item = h("li", { class: "ce-article-copy", data: { testid: "story-copy", docName: doc.name, similarity: String(similarity) } });
  fillArticle(item, doc);
  item.firstElementChild.append(
    h("span", { class: "ce-meta ce-article-similarity", data: { testid: "article-similarity" } }, ...bilingual(similarityLabel(similarity))),
  );
  return item;
}

function renderError({ name, message }) {
  return h("li", {}, h("code", { text: name }), `: ${message}`);
}
