// 词频 / Frequency list: words (with the word list, loaded on first use),
// characters or character n-grams, over the whole corpus or one article;
// stop words and punctuation can be left out, rare items cut by a minimum
// frequency. 100 rows a page: rank, item, frequency, per 10,000 tokens,
// articles it occurs in, and Gries' DP (0 = evenly spread over the articles).
// An item opens its concordance.
//
// CSV export: the whole list with the current filters, not only the page.

import { formatDecimal, frequencySummary, itemQuery, ITEMS } from "../analysis-format.js";
import { csvFileName, frequencyCsvRows } from "../csv.js";
import { documentTitle, formatNumber } from "../format.js";
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

const UNITS = [
  { value: "word", label: "词 / words" },
  { value: "char", label: "字 / characters" },
  { value: "ngram", label: "n 元组 / n-grams" },
];
const NS = [2, 3, 4, 5].map((n) => ({ value: n, label: `${n}` }));

/**
 * @param {HTMLElement} container the frequencies tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountFrequencyView(container, hub) {
  const unit = select("unit", UNITS, "word", "frequencies-unit");
  const n = select("n", NS, 2, "frequencies-n");
  const nField = field("n", "n", n, { className: "ce-field-narrow" });
  const scope = select("doc", [{ value: "", label: "全部文章 / Whole corpus" }], "", "frequencies-scope");
  const stopwords = checkbox("stopwords", "去掉停用词", "Leave out stop words", false, "frequencies-stopwords");
  const punctuation = checkbox("punctuation", "去掉标点", "Leave out punctuation", true, "frequencies-punctuation");
  const minFreq = numberInput("minFreq", { min: 1, max: 1000, value: 1 }, "frequencies-min-freq");
  const removed = checkbox("includeRemoved", "含已删除内容", "With removed text", false, "frequencies-include-removed");

  const options = (page) => ({
    unit: unit.value,
    n: Number(n.value),
    doc: scope.value === "" ? null : Number(scope.value),
    stopwords: stopwords.input.checked,
    punctuation: punctuation.input.checked,
    minFreq: numberValue(minFreq, 1),
    includeRemoved: removed.input.checked,
    offset: page.offset,
    limit: page.size,
  });

  const view = createView(container, hub, {
    id: "frequencies",
    title: ["词频", "Frequencies"],
    paged: true,
    words: () => unit.value === "word",
    compute: async ({ analyse, page }) => {
      const wish = options(page);
      let answer = await analyse("frequencies", [wish]);
      if (answer.types > 0 && wish.offset >= answer.types) {
        wish.offset = Math.floor((answer.types - 1) / page.size) * page.size;
        answer = await analyse("frequencies", [wish]);
      }
      return { answer, wish, analyse };
    },
    render,
    csv: async ({ answer, wish, analyse }) => {
      const all = await analyse("frequencies", [{ ...wish, offset: 0, limit: Math.max(1, answer.types) }]);
      const name = wish.unit === "ngram" ? `frequencies-${wish.n}gram` : `frequencies-${wish.unit}`;
      return { name: csvFileName(name, wish.doc === null ? "" : `doc${wish.doc}`), rows: frequencyCsvRows(all.rows) };
    },
  });

  view.fields.append(
    field("单位", "Unit", unit),
    nField,
    field("范围", "Scope", scope, { className: "ce-field-wide" }),
    field("最低频次", "Minimum frequency", minFreq),
    h("div", { class: "ce-view-checks" }, stopwords.element, punctuation.element, removed.element),
  );
  const showN = () => {
    nField.hidden = unit.value !== "ngram";
  };
  showN();
  onControlChange(view.form, () => {
    showN();
    view.page.offset = 0;
    view.run("run");
  });

  function render({ answer, wish }) {
    container.dataset.unit = answer.unit;
    view.showPage(wish.offset, answer.rows.length, answer.types, ITEMS);
    const caption = "词频表 / Frequency list";
    view.body.replaceChildren(
      answer.rows.length === 0
        ? ""
        : dataTable({
          caption,
          testid: "frequencies-table",
          columns: [
            { key: "rank", label: "#", numeric: true, cell: (_, i) => formatNumber(wish.offset + i + 1) },
            { key: "item", label: bilingual("项", "Item"), header: true, cell: (r) => itemButton(r.item, wish) },
            { key: "freq", label: bilingual("频次", "Freq"), numeric: true, cell: (r) => formatNumber(r.freq) },
            { key: "per10k", label: bilingual("每万", "Per 10k"), numeric: true, cell: (r) => formatDecimal(r.per10k) },
            { key: "docs", label: bilingual("文章数", "Articles"), numeric: true, cell: (r) => formatNumber(r.docs) },
            { key: "dp", label: "DP", numeric: true, cell: (r) => formatDecimal(r.dp) },
          ],
          rows: answer.rows,
          rowProps: (r) => ({ data: { testid: "frequency-row", item: r.item, freq: String(r.freq) } }),
        }),
    );
    return frequencySummary(answer.tokens, answer.types);
  }

  function itemButton(item, wish) {
    return h("button", {
      type: "button", class: "ce-link ce-item", text: item,
      on: { click: () => hub.emit("view:open", { view: "concordance", query: itemQuery(item), unit: wish.unit === "word" ? "word" : "char", includeRemoved: wish.includeRemoved }) },
    });
  }

  hub.on("corpus:loaded", ({ documents }) => {
    scope.replaceChildren(
      h("option", { value: "", text: "全部文章 / Whole corpus" }),
      ...documents.map((d) => h("option", { value: String(d.id), text: documentTitle(d) })),
    );
  });
}
