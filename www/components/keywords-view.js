// 关键词 / Keywords: what one article says more often than the rest of the
// corpus. Each word's frequency in the article is compared with its frequency
// in the other articles; rows are listed when the log-likelihood G² passes the
// threshold (3.84: p < 0.05, one degree of freedom; stricter ones offered),
// largest Log Ratio (the binary log of the ratio of relative frequencies,
// Hardie 2014) first. "Negative" keywords — rarer here than elsewhere — on
// request. A keyword opens its concordance.
//
// CSV export: every row shown.

import { formatDecimal, itemQuery, keywordSummary } from "../analysis-format.js";
import { csvFileName, keywordCsvRows } from "../csv.js";
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

/** Critical values of χ² with one degree of freedom. */
const THRESHOLDS = [
  { value: 3.84, label: "3.84 (p < 0.05)" },
  { value: 6.63, label: "6.63 (p < 0.01)" },
  { value: 10.83, label: "10.83 (p < 0.001)" },
  { value: 15.13, label: "15.13 (p < 0.0001)" },
];
const UNITS = [
  { value: "word", label: "词 / words" },
  { value: "char", label: "字 / characters" },
];

/**
 * @param {HTMLElement} container the keywords tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountKeywordsView(container, hub) {
  const doc = select("doc", [], "", "keywords-doc");
  const unit = select("unit", UNITS, "word", "keywords-unit");
  const minG2 = select("minG2", THRESHOLDS, 3.84, "keywords-min-g2");
  const minFreq = numberInput("minFreq", { min: 1, max: 1000, value: 2 }, "keywords-min-freq");
  const stopwords = checkbox("stopwords", "去掉停用词", "Leave out stop words", true, "keywords-stopwords");
  const punctuation = checkbox("punctuation", "去掉标点", "Leave out punctuation", true, "keywords-punctuation");
  const negative = checkbox("negative", "包括负关键词", "Include negative keywords", false, "keywords-negative");
  const removed = checkbox("includeRemoved", "含已删除内容", "With removed text", false, "keywords-include-removed");
  let documents = [];

  const view = createView(container, hub, {
    id: "keywords",
    title: ["关键词", "Keywords"],
    words: () => unit.value === "word",
    compute: async ({ analyse }) => {
      if (doc.value === "") return { message: "没有文章 / No articles" };
      const id = Number(doc.value);
      const wish = {
        unit: unit.value,
        minG2: Number(minG2.value),
        minFreq: numberValue(minFreq, 2),
        stopwords: stopwords.input.checked,
        punctuation: punctuation.input.checked,
        negative: negative.input.checked,
        includeRemoved: removed.input.checked,
        limit: 100,
      };
      return { answer: await analyse("keywords", [id, wish]), wish, id };
    },
    render,
    csv: ({ answer, id }) => ({ name: csvFileName("keywords", `doc${id}`), rows: keywordCsvRows(answer.rows) }),
  });

  view.fields.append(
    field("文章", "Article", doc, { className: "ce-field-wide" }),
    field("单位", "Unit", unit),
    field("G² 阈值", "G² threshold", minG2),
    field("最低频次", "Minimum frequency", minFreq),
    h("div", { class: "ce-view-checks" }, stopwords.element, punctuation.element, negative.element, removed.element),
  );
  onControlChange(view.form, () => view.run("run"));

  function render({ answer, wish, id }) {
    container.dataset.docId = String(id);
    view.setRange(`G² ≥ ${formatDecimal(wish.minG2)}`);
    const title = documentTitle(documents.find((d) => d.id === id) ?? { name: `#${id}` });
    view.body.replaceChildren(
      answer.rows.length === 0
        ? h("p", { class: "ce-meta", text: "没有达到阈值的关键词 / No keywords pass the threshold" })
        : dataTable({
          caption: `“${title}”的关键词 / Keywords of “${title}”`,
          testid: "keywords-table",
          columns: [
            { key: "rank", label: "#", numeric: true, cell: (_, i) => formatNumber(i + 1) },
            { key: "item", label: bilingual("关键词", "Keyword"), header: true, cell: (r) => itemButton(r.item, wish) },
            { key: "freq", label: bilingual("本文频次", "Freq here"), numeric: true, cell: (r) => formatNumber(r.freq) },
            { key: "freqRest", label: bilingual("其余频次", "Freq in rest"), numeric: true, cell: (r) => formatNumber(r.freqRest) },
            { key: "docs", label: bilingual("文章数", "Articles"), numeric: true, cell: (r) => formatNumber(r.docs) },
            { key: "logRatio", label: "Log Ratio", numeric: true, cell: (r) => formatDecimal(r.logRatio) },
            { key: "g2", label: "G²", numeric: true, cell: (r) => formatDecimal(r.g2) },
          ],
          rows: answer.rows,
          rowProps: (r) => ({
            class: r.logRatio < 0 ? "ce-negative" : undefined,
            data: { testid: "keyword-row", item: r.item, freq: String(r.freq), g2: String(r.g2), logRatio: String(r.logRatio) },
          }),
        }),
    );
    return keywordSummary(answer.tokens, answer.tokensRest, answer.rows.length, wish.minG2);
  }

  function itemButton(item, wish) {
    return h("button", {
      type: "button", class: "ce-link ce-item", text: item,
      on: { click: () => hub.emit("view:open", { view: "concordance", query: itemQuery(item), unit: wish.unit, includeRemoved: wish.includeRemoved }) },
    });
  }

  hub.on("corpus:loaded", ({ documents: docs }) => {
    documents = docs;
    const keep = doc.value;
    doc.replaceChildren(...docs.map((d) => h("option", { value: String(d.id), text: documentTitle(d) })));
    if (keep !== "" && docs.some((d) => String(d.id) === keep)) doc.value = keep;
  });
}
