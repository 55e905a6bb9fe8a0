// 数字 / Figures: the amounts, percentages, dates and counts the articles
// state, each with its sentence. A header sorts by its column (again:
// the other way); a row opens the reader at the figure.
//
// corpus.figures() is newer than the rest of the core: when this build has
// none, the view says so instead of failing.
//
// CSV export: every figure, in the order shown.

import {
  docLabel,
  FIGURE_COLUMNS,
  figureKindLabel,
  figureSentence,
  figureValueText,
  itemQuery,
  sortFigures,
} from "../analysis-format.js";
import { csvFileName, figureCsvRows } from "../csv.js";
import { formatNumber } from "../format.js";
import { h } from "../dom.js";
import { cellText, createView } from "./view-kit.js";

export const NOT_AVAILABLE = "此版本的核心还没有数字提取 / Figures are not available in this build of the core";

/**
 * @param {HTMLElement} container the figures tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountFiguresView(container, hub) {
  let order = { key: null, direction: "ascending" };

  const view = createView(container, hub, {
    id: "figures",
    title: ["数字", "Figures"],
    runLabel: ["刷新", "Refresh"],
    compute: async ({ analyse }) => {
      const { figures } = await hub.request("capabilities");
      container.dataset.available = String(figures);
      if (!figures) return { message: NOT_AVAILABLE };
      const list = await analyse("figures", [], { words: false });
      return { figures: Array.isArray(list) ? list : [] };
    },
    render,
    csv: (data) => ({ name: csvFileName("figures"), rows: figureCsvRows(sorted(data.figures)) }),
  });

  const sorted = (figures) => (order.key ? sortFigures(figures, order.key, order.direction) : figures);

  function render(data) {
    view.setRange(data.figures.length > 0 ? `共 ${formatNumber(data.figures.length)} 个 / ${formatNumber(data.figures.length)} figures` : "");
    view.body.replaceChildren(data.figures.length === 0 ? h("p", { class: "ce-meta", text: "没有找到数字 / No figures found" }) : table(data));
    const kinds = new Set(data.figures.map((f) => f.kind));
    return `${formatNumber(data.figures.length)} 个数字，${formatNumber(kinds.size)} 类 / ${formatNumber(data.figures.length)} figures of ${formatNumber(kinds.size)} kinds`;
  }

  function table(data) {
    const caption = "文中的数字 / Figures in the articles";
    const head = FIGURE_COLUMNS.map((column) => {
      const sortedBy = order.key === column.key;
      const button = h("button", {
        type: "button", class: "ce-sort", data: { testid: "figures-sort", key: column.key },
        on: {
          click: () => {
            order = { key: column.key, direction: sortedBy && order.direction === "ascending" ? "descending" : "ascending" };
            render(data);
            view.body.querySelector(`[data-testid="figures-sort"][data-key="${column.key}"]`)?.focus();
          },
        },
      }, column.label, h("span", { class: "ce-sort-arrow", "aria-hidden": "true", text: sortedBy ? (order.direction === "ascending" ? " ▲" : " ▼") : " ↕" }));
      return h("th", { scope: "col", class: column.numeric ? "ce-num" : undefined, "aria-sort": sortedBy ? order.direction : undefined }, button);
    });
    const rows = sorted(data.figures).map((figure) => {
      const open = h("button", {
        type: "button", class: "ce-link ce-item", text: figure.text, data: { testid: "figure-open" },
        "aria-label": `${figure.text} — 在阅读器中打开 / open in the reader`,
      });
      const openReader = () =>
        view.openReader({ id: figure.id, query: itemQuery(figure.text), occurrence: figure.occurrence }, open);
      open.addEventListener("click", openReader);
      return h("tr", {
        class: "ce-figure-row",
        data: { testid: "figure-row", docId: String(figure.id), kind: String(figure.kind), value: String(figure.value ?? "") },
        on: { click: (event) => { if (!open.contains(event.target)) openReader(); } },
      },
        h("td", {}, cellText(figureKindLabel(figure.kind))),
        h("th", { scope: "row" }, open),
        h("td", { class: "ce-num", text: figureValueText(figure) }),
        h("td", { class: "ce-figure-unit", text: figure.unit ?? "" }),
        h("td", { class: "ce-figure-doc", text: docLabel(figure) }),
        h("td", { class: "ce-figure-sentence", text: figureSentence(figure) }),
      );
    });
    return h("div", { class: "ce-table-wrap", role: "region", "aria-label": caption, tabIndex: 0 },
      h("table", { class: "ce-table ce-figures", data: { testid: "figures-table" } },
        h("caption", { class: "ce-visually-hidden", text: caption }),
        h("thead", {}, h("tr", {}, head)),
        h("tbody", {}, rows)));
  }
}
