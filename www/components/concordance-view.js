// 索引行 / Concordance (key word in context): every match of a query, one line
// each, the left context right-aligned against the match so the matches form
// a column. Sorted by up to three levels (1R, 2L, match …) by the core; 100
// lines a page. A line opens the reader at that very match.
//
// A collocate clicked in the Collocates view arrives here as a filter: the
// node's lines are fetched whole (up to MAX_LINES) and only those with the
// collocate within the context width are shown, decided from the positions
// the core reports (so 與 in a Traditional article counts for 与); where the
// context writes the collocate literally it is marked. See
// linesNearCollocate in analysis-format.js.
//
// CSV export: every line of the concordance in the current sort (or every
// filtered line), not only the page shown, up to MAX_LINES.

import {
  collocateFilterLabel,
  concordanceSummary,
  itemQuery,
  LINES,
  linesNearCollocate,
  NEED_QUERY_MESSAGE,
  SORT_KEYS,
  sortLevels,
  splitOnTerm,
} from "../analysis-format.js";
import { concordanceCsvRows, csvFileName } from "../csv.js";
import { documentTitle, formatNumber, normalizeQuery } from "../format.js";
import { h } from "../dom.js";
import {
  bilingual,
  checkbox,
  createView,
  field,
  numberInput,
  numberValue,
  onControlChange,
  select,
} from "./view-kit.js";

/** Lines fetched at once for a filter or an export: plenty for a corpus explored in a browser. */
export const MAX_LINES = 10_000;

const UNITS = [
  { value: "char", label: "字 / characters" },
  { value: "word", label: "词 / words" },
];

/**
 * @param {HTMLElement} container the concordance tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountConcordanceView(container, hub) {
  const query = h("input", {
    type: "search", name: "query", autocomplete: "off", spellcheck: false, class: "ce-text",
    data: { testid: "concordance-query" },
  });
  const width = numberInput("width", { min: 5, max: 60, step: 5, value: 20 }, "concordance-width");
  const levels = [1, 2, 3].map((n) => select(`sort${n}`, SORT_KEYS, "none", `concordance-sort-${n}`));
  const unit = select("unit", UNITS, "char", "concordance-unit");
  const removed = checkbox("includeRemoved", "含已删除内容", "With removed text", false, "concordance-include-removed");
  const variants = checkbox("variants", "含名称变体", "With name variants", false, "concordance-variants");

  let filter = null; // { collocate, left, right } from the Collocates view
  let pristine = true; // the query box still holds what the page put there
  let searched = { query: "", includeRemoved: false, variants: false };
  let titles = new Map();

  const view = createView(container, hub, {
    id: "concordance",
    title: ["索引行", "Concordance"],
    paged: true,
    words: () => unit.value === "word",
    onShow() {
      if (pristine && searched.query !== "" && query.value !== searched.query) {
        query.value = searched.query;
        removed.input.checked = searched.includeRemoved;
        variants.input.checked = searched.variants;
      }
    },
    compute,
    render,
    csv: async (data) => {
      const lines = data.filtered ? data.all : (await fetchAll(data)).lines;
      return { name: csvFileName("concordance", data.query), rows: concordanceCsvRows(lines) };
    },
  });

  view.fields.append(
    field("检索词", "Query", query, { className: "ce-field-wide" }),
    field("语境宽度（字）", "Context width (characters)", width),
    ...levels.map((level, i) => field(`排序 ${i + 1}`, `Sort level ${i + 1}`, level)),
    field("排序单位", "Sort by", unit),
    h("div", { class: "ce-view-checks" }, removed.element, variants.element),
  );

  query.addEventListener("input", () => {
    pristine = false;
  });
  onControlChange(view.form, () => {
    view.page.offset = 0;
    view.run("run");
  });

  let sequence = null; // what the last answer was computed for, to fetch all of it for export

  async function compute({ analyse, page }) {
    const q = normalizeQuery(query.value);
    if (q === "") return { message: NEED_QUERY_MESSAGE };
    const options = {
      width: numberValue(width, 20),
      sort: sortLevels(levels.map((l) => l.value)),
      unit: unit.value,
      includeRemoved: removed.input.checked,
      variants: variants.input.checked,
    };
    sequence = { query: q, options, analyse };
    if (filter) {
      const all = await analyse("concordance", [q, { ...options, offset: 0, limit: MAX_LINES }]);
      const positions = await analyse(
        "dispersion",
        [[q, itemQuery(filter.collocate)], { includeRemoved: options.includeRemoved, variants: options.variants }],
        { words: false },
      );
      const kept = linesNearCollocate(all.lines, positions, {
        width: options.width,
        left: filter.left,
        right: filter.right,
        collocate: filter.collocate,
      });
      const offset = clampOffset(page.offset, kept.length, page.size);
      return {
        query: q, options, filtered: true, all: kept, total: kept.length, allTotal: all.total,
        offset, lines: kept.slice(offset, offset + page.size),
      };
    }
    let answer = await analyse("concordance", [q, { ...options, offset: page.offset, limit: page.size }]);
    let offset = page.offset;
    if (answer.total > 0 && offset >= answer.total) {
      // Past the end (a narrower query): the last page instead.
      offset = clampOffset(offset, answer.total, page.size);
      answer = await analyse("concordance", [q, { ...options, offset, limit: page.size }]);
    }
    return { query: q, options, filtered: false, total: answer.total, offset, lines: answer.lines };
  }

  async function fetchAll(data) {
    const limit = Math.min(Math.max(1, data.total), MAX_LINES);
    return sequence.analyse("concordance", [data.query, { ...data.options, offset: 0, limit }]);
  }

  function render(data) {
    container.dataset.query = data.query;
    container.dataset.total = String(data.total);
    container.dataset.sort = data.options.sort.join(",");
    if (filter) {
      const clear = h("button", {
        type: "button", class: "ce-link", data: { testid: "concordance-filter-clear" },
        on: { click: () => { filter = null; view.page.offset = 0; view.run("run"); } },
      }, bilingual("清除", "Clear"));
      view.note.append(
        h("p", { class: "ce-filter", data: { testid: "concordance-filter", collocate: filter.collocate } },
          collocateFilterLabel(filter.collocate, data.query, data.total, data.options.width), " ", clear),
      );
    }
    view.showPage(data.offset, data.lines.length, data.total, LINES);
    view.body.replaceChildren(data.lines.length > 0 ? renderTable(data) : "");
    return concordanceSummary(data.filtered ? data.allTotal : data.total, data.query);
  }

  function renderTable(data) {
    const caption = `“${data.query}”的索引行 / Concordance of “${data.query}”`;
    const rows = data.lines.map((line, i) => renderLine(line, data.offset + i + 1, data));
    const table = h("table", { class: "ce-table ce-kwic", data: { testid: "concordance-table" } },
      h("caption", { class: "ce-visually-hidden", text: caption }),
      h("colgroup", {}, h("col", { class: "ce-kwic-col-n" }), h("col", { class: "ce-kwic-col-left" }), h("col", { class: "ce-kwic-col-match" }), h("col", { class: "ce-kwic-col-right" }), h("col", { class: "ce-kwic-col-doc" })),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", class: "ce-num ce-kwic-n" }, "#"),
        h("th", { scope: "col", class: "ce-kwic-left" }, bilingual("左", "Left")),
        h("th", { scope: "col", class: "ce-kwic-match" }, bilingual("检索词", "Match")),
        h("th", { scope: "col", class: "ce-kwic-right" }, bilingual("右", "Right")),
        h("th", { scope: "col", class: "ce-kwic-doc" }, bilingual("文章", "Article")),
      )),
      h("tbody", {}, rows),
    );
    return h("div", { class: "ce-table-wrap", role: "region", "aria-label": caption, tabIndex: 0 }, table);
  }

  function renderLine(line, n, data) {
    const context = (text) =>
      filter ? splitOnTerm(text, filter.collocate).map((p) => (p.hit ? h("mark", { class: "ce-collocate", text: p.text }) : p.text)) : [text];
    const title = titles.get(line.id) ?? line.title;
    const open = h("button", {
      type: "button", class: "ce-kwic-open", data: { testid: "kwic-open" },
      "aria-label": `${line.match} — 第 ${formatNumber(n)} 行，在阅读器中打开 / line ${formatNumber(n)}, open in the reader`,
    }, h("mark", { text: line.match }));
    const openReader = () =>
      view.openReader({
        id: line.id,
        query: data.query,
        occurrence: line.occurrence,
        includeRemoved: data.options.includeRemoved,
        variants: data.options.variants,
      }, open);
    open.addEventListener("click", openReader);
    const row = h("tr", {
      class: "ce-kwic-line",
      data: { testid: "kwic-line", docId: String(line.id), occurrence: String(line.occurrence) },
      // The whole line answers a pointer; the button is the keyboard's way in.
      on: { click: (event) => { if (!open.contains(event.target)) openReader(); } },
    },
      h("td", { class: "ce-num ce-kwic-n", text: formatNumber(n) }),
      h("td", { class: "ce-kwic-left" }, h("div", { class: "ce-kwic-clip" }, h("span", { data: { testid: "kwic-left" } }, line.clippedLeft ? "…" : "", context(line.left)))),
      h("td", { class: "ce-kwic-match" }, open),
      h("td", { class: "ce-kwic-right" }, h("span", { data: { testid: "kwic-right" } }, context(line.right), line.clippedRight ? "…" : "")),
      h("td", { class: "ce-kwic-doc", title }, title),
    );
    return row;
  }

  hub.on("corpus:loaded", ({ documents }) => {
    titles = new Map(documents.map((d) => [d.id, documentTitle(d)]));
  });

  hub.on("search:results", ({ query: q, includeRemoved, variants: v }) => {
    if (q !== "") searched = { query: q, includeRemoved, variants: v };
  });

  hub.on("variants:user", () => {
    if (variants.input.checked) view.invalidate("run");
  });

  // Another view asks for a concordance: a list item, or a collocate of a node.
  hub.on("view:open", (wish) => {
    if (wish.view !== "concordance") return;
    query.value = wish.query ?? query.value;
    pristine = false;
    if (wish.unit === "word" || wish.unit === "char") unit.value = wish.unit;
    if (typeof wish.includeRemoved === "boolean") removed.input.checked = wish.includeRemoved;
    if (typeof wish.variants === "boolean") variants.input.checked = wish.variants;
    filter = wish.collocate ? { collocate: wish.collocate.item, left: wish.collocate.left, right: wish.collocate.right } : null;
    view.page.offset = 0;
    view.schedule("run");
  });

  // A new query typed here ends the collocate filter.
  view.form.addEventListener("submit", () => {
    if (filter && normalizeQuery(query.value) !== container.dataset.query) filter = null;
  }, { capture: true });
}

function clampOffset(offset, total, size) {
  if (total <= 0) return 0;
  const last = Math.floor((total - 1) / size) * size;
  return Math.min(Math.max(0, offset), last);
}
