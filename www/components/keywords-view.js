// 关键词 / Keywords: what one article says more often than the rest of the
// corpus. Each word's frequency in the article is compared with its frequency
// in the other articles; rows are listed when the log-likelihood G² passes the
// threshold (3.84: p < 0.05, one degree of freedom; stricter ones offered),
// largest Log Ratio (the binary log of the ratio of relative frequencies,
// Hardie 2014) first. "Negative" keywords — rarer here than elsewhere — on
// request. A keyword opens its concordance.
//
// Or, "compared against general Chinese": the whole corpus, one facet value
// (a source, a year, a script) or the current search against a reference
// frequency list (dict/reference.txt, loaded on first use; its source is said
// under the table), with the same Log Ratio and G².
//
// CSV export: every row shown.

import {
  formatDecimal,
  itemQuery,
  keywordSummary,
  REFERENCE_SOURCE,
  referenceKeywordSummary,
  subsetChoices,
} from "../analysis-format.js";
import { csvFileName, keywordCsvRows, referenceKeywordCsvRows } from "../csv.js";
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
const AGAINST = [
  { value: "rest", label: "本文对其余文章 / This article against the rest" },
  { value: "reference", label: "对通用汉语 / Against general Chinese" },
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
  const against = select("against", AGAINST, "rest", "keywords-against");
  const subset = select("subset", subsetChoices([]), "", "keywords-subset");
  let documents = [];
  let searched = ""; // the last search with a query, offered as a subset
  const general = () => against.value === "reference";

  const view = createView(container, hub, {
    id: "keywords",
    title: ["关键词", "Keywords"],
    words: () => general() || unit.value === "word",
    compute: async ({ analyse }) => {
      if (general()) {
        const wish = {
          query: subset.value,
          minG2: Number(minG2.value),
          minFreq: numberValue(minFreq, 2),
          stopwords: stopwords.input.checked,
          negative: negative.input.checked,
          limit: 100,
        };
        return { answer: await analyse("referenceKeywords", [wish]), wish, general: true };
      }
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
    csv: ({ answer, id, general: vsGeneral, wish }) => (vsGeneral
      ? { name: csvFileName("keywords-general", wish.query), rows: referenceKeywordCsvRows(answer.rows) }
      : { name: csvFileName("keywords", `doc${id}`), rows: keywordCsvRows(answer.rows) }),
  });

  const docField = field("文章", "Article", doc, { className: "ce-field-wide" });
  const unitField = field("单位", "Unit", unit);
  const subsetField = field("比较的文章", "Articles compared", subset, { className: "ce-field-wide" });
  const showFields = () => {
    docField.hidden = general();
    unitField.hidden = general();
    removed.element.hidden = general();
    subsetField.hidden = !general();
  };
  showFields();
  view.fields.append(
    field("比较对象", "Compare", against, { className: "ce-field-wide" }),
    docField,
    subsetField,
    unitField,
    field("G² 阈值", "G² threshold", minG2),
    field("最低频次", "Minimum frequency", minFreq),
    h("div", { class: "ce-view-checks" }, stopwords.element, punctuation.element, negative.element, removed.element),
  );
  onControlChange(view.form, () => {
    showFields();
    view.run("run");
  });

  function render(data) {
    return data.general ? renderGeneral(data) : renderRest(data);
  }

  function renderGeneral({ answer, wish }) {
    delete container.dataset.docId;
    container.dataset.subset = answer.subset.query;
    view.setRange(`G² ≥ ${formatDecimal(wish.minG2)}`);
    const label = subset.selectedOptions[0]?.textContent ?? answer.subset.query;
    view.body.replaceChildren(
      keywordTable(answer.rows, {
        caption: `${label}：对通用汉语的关键词 / ${label}: keywords against general Chinese`,
        item: (r) => itemButton(r.item, { unit: "word", includeRemoved: false }),
        counts: [
          { key: "freq", label: bilingual("频次", "Freq"), numeric: true, cell: (r) => formatNumber(r.freq) },
          { key: "freqReference", label: bilingual("参照频次", "Freq in reference"), numeric: true, cell: (r) => formatNumber(r.freqReference) },
          { key: "docs", label: bilingual("文章数", "Articles"), numeric: true, cell: (r) => formatNumber(r.docs) },
        ],
        data: (r) => ({ docs: String(r.docs) }),
      }),
      h("p", { class: "ce-meta", data: { testid: "keywords-reference-source" }, text: REFERENCE_SOURCE }),
    );
    return referenceKeywordSummary(answer.tokens, answer.referenceTokens, answer.subset.docs, answer.rows.length, wish.minG2);
  }

  function renderRest({ answer, wish, id }) {
    delete container.dataset.subset;
    container.dataset.docId = String(id);
    view.setRange(`G² ≥ ${formatDecimal(wish.minG2)}`);
    const title = documentTitle(documents.find((d) => d.id === id) ?? { name: `#${id}` });
    view.body.replaceChildren(
      keywordTable(answer.rows, {
        caption: `“${title}”的关键词 / Keywords of “${title}”`,
        item: (r) => itemButton(r.item, wish),
        counts: [
          { key: "freq", label: bilingual("本文频次", "Freq here"), numeric: true, cell: (r) => formatNumber(r.freq) },
          { key: "freqRest", label: bilingual("其余频次", "Freq in rest"), numeric: true, cell: (r) => formatNumber(r.freqRest) },
          { key: "docs", label: bilingual("文章数", "Articles"), numeric: true, cell: (r) => formatNumber(r.docs) },
        ],
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

  /** The subset choices: whole corpus, facet values, and the current search if any. */
  function fillSubsets() {
    const keep = subset.value;
    const choices = subsetChoices(documents);
    if (searched !== "") choices.push({ value: searched, label: `当前检索 / Current search: ${searched}` });
    subset.replaceChildren(...choices.map((c) => h("option", { value: c.value, text: c.label })));
    if (choices.some((c) => c.value === keep)) subset.value = keep;
  }

  hub.on("search:results", ({ query }) => {
    if (query === "" || query === searched) return;
    searched = query;
    fillSubsets();
  });

  hub.on("corpus:loaded", ({ documents: docs }) => {
    documents = docs;
    fillSubsets();
    const keep = doc.value;
    doc.replaceChildren(...docs.map((d) => h("option", { value: String(d.id), text: documentTitle(d) })));
    if (keep !== "" && docs.some((d) => String(d.id) === keep)) doc.value = keep;
  });
}

/**
 * A keyword table (or the line saying none passed): rank, the keyword as `item(row)` gives it,
 * the `counts` columns, Log Ratio and G²; negative keywords marked; `data(row)` adds to each
 * row's data attributes.
 */
function keywordTable(rows, { caption, item, counts, data = () => ({}) }) {
  if (rows.length === 0) {
    return h("p", { class: "ce-meta", text: "没有达到阈值的关键词 / No keywords pass the threshold" });
  }
  return dataTable({
    caption,
    testid: "keywords-table",
    columns: [
      { key: "rank", label: "#", numeric: true, cell: (_, i) => formatNumber(i + 1) },
      { key: "item", label: bilingual("关键词", "Keyword"), header: true, cell: item },
      ...counts,
      { key: "logRatio", label: "Log Ratio", numeric: true, cell: (r) => formatDecimal(r.logRatio) },
      { key: "g2", label: "G²", numeric: true, cell: (r) => formatDecimal(r.g2) },
    ],
    rows,
    rowProps: (r) => ({
      class: r.logRatio < 0 ? "ce-negative" : undefined,
      data: { testid: "keyword-row", item: r.item, freq: String(r.freq), ...data(r), g2: String(r.g2), logRatio: String(r.logRatio) },
    }),
  });
}
