// 搭配 / Collocates: the words (or characters) that keep company with a node
// query within a window of tokens left and right, ranked by logDice (the
// default: a stable measure of typicality, Rychlý 2008), G² (log-likelihood,
// evidence that the pairing is not chance), MI (strength, inflated for rare
// words) or plain co-occurrence count.
//
// A collocate opens the concordance of the node showing only the lines with
// that collocate nearby (see concordance-view.js for how "nearby" is decided).
//
// CSV export: every row shown.

import { collocateSummary, formatDecimal, NEED_QUERY_MESSAGE } from "../analysis-format.js";
import { collocateCsvRows, csvFileName } from "../csv.js";
import { formatNumber, normalizeQuery } from "../format.js";
import { h } from "../dom.js";
import {
  bilingual,
  checkbox,
  createView,
  dataTable,
  field,
  numberInput,
  numberValue,
  onControlChange,
  select,
} from "./view-kit.js";

const SORTS = [
  { value: "logdice", label: "logDice" },
  { value: "g2", label: "G² / log-likelihood" },
  { value: "mi", label: "MI" },
  { value: "freq", label: "频次 / frequency" },
];
const UNITS = [
  { value: "word", label: "词 / words" },
  { value: "char", label: "字 / characters" },
];

/**
 * @param {HTMLElement} container the collocates tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountCollocatesView(container, hub) {
  const query = h("input", {
    type: "search", name: "query", autocomplete: "off", spellcheck: false, class: "ce-text",
    data: { testid: "collocates-query" },
  });
  const left = numberInput("left", { min: 0, max: 10, value: 5 }, "collocates-left");
  const right = numberInput("right", { min: 0, max: 10, value: 5 }, "collocates-right");
  const minFreq = numberInput("minFreq", { min: 1, max: 1000, value: 2 }, "collocates-min-freq");
  const sort = select("sort", SORTS, "logdice", "collocates-sort");
  const unit = select("unit", UNITS, "word", "collocates-unit");
  const stopwords = checkbox("stopwords", "去掉停用词", "Leave out stop words", false, "collocates-stopwords");
  const punctuation = checkbox("punctuation", "去掉标点", "Leave out punctuation", true, "collocates-punctuation");
  const removed = checkbox("includeRemoved", "含已删除内容", "With removed text", false, "collocates-include-removed");
  const variants = checkbox("variants", "含名称变体", "With name variants", false, "collocates-variants");
  let pristine = true;
  let searched = { query: "", includeRemoved: false, variants: false };

  const view = createView(container, hub, {
    id: "collocates",
    title: ["搭配", "Collocates"],
    words: () => unit.value === "word",
    onShow() {
      if (pristine && searched.query !== "" && query.value !== searched.query) {
        query.value = searched.query;
        removed.input.checked = searched.includeRemoved;
        variants.input.checked = searched.variants;
      }
    },
    compute: async ({ analyse }) => {
      const q = normalizeQuery(query.value);
      if (q === "") return { message: NEED_QUERY_MESSAGE };
      const wish = {
        left: numberValue(left, 5),
        right: numberValue(right, 5),
        minFreq: numberValue(minFreq, 2),
        sort: sort.value,
        unit: unit.value,
        stopwords: stopwords.input.checked,
        punctuation: punctuation.input.checked,
        includeRemoved: removed.input.checked,
        variants: variants.input.checked,
        limit: 100,
      };
      return { answer: await analyse("collocates", [q, wish]), wish, query: q };
    },
    render,
    csv: ({ answer, query: q }) => ({ name: csvFileName("collocates", q), rows: collocateCsvRows(answer.rows) }),
  });

  view.fields.append(
    field("节点词", "Node", query, { className: "ce-field-wide" }),
    field("左窗口", "Left window", left),
    field("右窗口", "Right window", right),
    field("最低频次", "Minimum frequency", minFreq),
    field("排序依据", "Rank by", sort),
    field("单位", "Unit", unit),
    h("div", { class: "ce-view-checks" }, stopwords.element, punctuation.element, removed.element, variants.element),
  );
  query.addEventListener("input", () => {
    pristine = false;
  });
  onControlChange(view.form, () => view.run("run"));

  function render({ answer, wish, query: q }) {
    container.dataset.query = q;
    container.dataset.sort = wish.sort;
    view.setRange(answer.rows.length > 0 ? `前 ${formatNumber(answer.rows.length)} 个 / top ${formatNumber(answer.rows.length)}` : "");
    const stat = (key) => (r) => formatDecimal(r[key]);
    view.body.replaceChildren(
      answer.rows.length === 0
        ? ""
        : dataTable({
          caption: `“${q}”的搭配词 / Collocates of “${q}”`,
          testid: "collocates-table",
          columns: [
            { key: "rank", label: "#", numeric: true, cell: (_, i) => formatNumber(i + 1) },
            { key: "item", label: bilingual("搭配词", "Collocate"), header: true, cell: (r) => itemButton(r, q, wish) },
            { key: "freq", label: bilingual("共现", "Freq"), numeric: true, cell: (r) => formatNumber(r.freq) },
            { key: "left", label: bilingual("左", "L"), numeric: true, cell: (r) => formatNumber(r.left) },
            { key: "right", label: bilingual("右", "R"), numeric: true, cell: (r) => formatNumber(r.right) },
            { key: "total", label: bilingual("总频", "Total"), numeric: true, cell: (r) => formatNumber(r.total) },
            { key: "logDice", label: "logDice", numeric: true, className: sortedClass(wish, "logdice"), cell: stat("logDice") },
            { key: "g2", label: "G²", numeric: true, className: sortedClass(wish, "g2"), cell: stat("g2") },
            { key: "mi", label: "MI", numeric: true, className: sortedClass(wish, "mi"), cell: stat("mi") },
          ],
          rows: answer.rows,
          rowProps: (r) => ({
            data: { testid: "collocate-row", item: r.item, freq: String(r.freq), logDice: String(r.logDice), g2: String(r.g2), mi: String(r.mi) },
          }),
        }),
    );
    return collocateSummary(answer.node, answer.tokens, answer.rows.length);
  }

  function itemButton(row, node, wish) {
    return h("button", {
      type: "button", class: "ce-link ce-item", text: row.item,
      "aria-label": `${row.item} — 查看“${node}”与它同现的索引行 / concordance of “${node}” with it`,
      on: {
        click: () => hub.emit("view:open", {
          view: "concordance",
          query: node,
          unit: wish.unit,
          includeRemoved: wish.includeRemoved,
          variants: wish.variants,
          collocate: { item: row.item, left: wish.left, right: wish.right },
        }),
      },
    });
  }

  hub.on("search:results", ({ query: q, includeRemoved, variants: v }) => {
    if (q !== "") searched = { query: q, includeRemoved, variants: v };
  });
}

function sortedClass(wish, key) {
  return wish.sort === key ? "ce-sorted" : "";
}
