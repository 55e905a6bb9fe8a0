// 趋势 / Trends: how often each term occurs per 10,000 characters of each
// article, articles in date order (oldest first), undated ones after a
// dashed divider. The line joins dated articles only — a line through
// undated ones would suggest a time order that is not there. Each term has its
// own colour and its own marker shape; the table under the chart holds every
// number.
//
// CSV export: one row per article and term.

import {
  dateLabel,
  docDateLabel,
  docLabel,
  droppedTermsMessage,
  formatDecimal,
  NEED_TERMS_MESSAGE,
  trendPointLabel,
} from "../analysis-format.js";
import { bandCenters, datedCount, labelStep, linePath, linearScale, markerPath, niceTicks } from "../chart.js";
import { csvFileName, trendCsvRows } from "../csv.js";
import { formatNumber } from "../format.js";
import { h, svg } from "../dom.js";
import { bilingual, cellText, createView, dataTable, onControlChange, termsControls } from "./view-kit.js";

const MAX_TERMS = 4;
const W = 720;
const H = 320;
const M = { top: 28, right: 16, bottom: 64, left: 56 };
/** Labels on the x axis before they are thinned out. */
const MAX_X_LABELS = 12;

/**
 * @param {HTMLElement} container the trends tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountTrendsView(container, hub) {
  const controls = termsControls("trends", hub, MAX_TERMS);

  const view = createView(container, hub, {
    id: "trends",
    title: ["趋势", "Trends"],
    runLabel: ["绘制", "Plot"],
    onShow() {
      controls.offer();
    },
    compute: async ({ analyse }) => {
      const { list, dropped, options } = controls.read();
      if (list.length === 0) return { message: NEED_TERMS_MESSAGE };
      return { answer: await analyse("trends", [list, options], { words: false }), dropped };
    },
    render,
    csv: ({ answer }) => ({ name: csvFileName("trends", answer.terms.join(",")), rows: trendCsvRows(answer) }),
  });

  controls.mount(view);
  onControlChange(view.form, () => view.run("run"));

  function render({ answer, dropped }) {
    if (dropped > 0) view.note.append(h("p", { class: "ce-view-warning", text: droppedTermsMessage(dropped, MAX_TERMS) }));
    const legend = h("ul", { class: "ce-legend", data: { testid: "trends-legend" } },
      answer.terms.map((term, t) =>
        h("li", { class: `ce-series-${t}` }, legendMarker(t), term)),
    );
    const table = dataTable({
      caption: "趋势数据：每万字出现次数 / Trend data: occurrences per 10,000 characters",
      testid: "trends-table",
      columns: [
        { key: "title", label: bilingual("文章", "Article"), header: true, cell: (d) => docLabel(d) },
        { key: "date", label: bilingual("日期", "Date"), cell: (d) => cellText(dateLabel(d.date)) },
        { key: "chars", label: bilingual("字数", "Characters"), numeric: true, cell: (d) => formatNumber(d.chars) },
        ...answer.terms.map((term, t) => ({
          key: `t${t}`, label: bilingual(`${term}（次 / 每万字）`, `${term} (count / per 10k chars)`), numeric: true,
          cell: (d) => `${formatNumber(d.counts[t])} / ${formatDecimal(d.per10k[t])}`,
        })),
      ],
      rows: answer.docs,
      rowProps: (d) => ({ data: { testid: "trends-row", docId: String(d.id), date: d.date ?? "" } }),
    });
    view.body.replaceChildren(legend, chart(answer), table);
    view.setRange("");
    container.dataset.terms = answer.terms.join(",");
    const dated = datedCount(answer.docs);
    return `${formatNumber(answer.docs.length)} 篇文章，${formatNumber(dated)} 篇有日期 / ${formatNumber(answer.docs.length)} articles, ${formatNumber(dated)} dated`;
  }

}

/** The chart: per-10k on y, articles in date order on x. */
function chart(answer) {
  const { docs, terms } = answer;
  const n = docs.length;
  const xs = bandCenters(n, M.left, W - M.right);
  const top = Math.max(0, ...docs.flatMap((d) => d.per10k));
  const { ticks, max } = niceTicks(0, top, 5);
  const y = linearScale([0, max], [H - M.bottom, M.top]);
  const dated = datedCount(docs);
  const title = `每万字出现次数，按日期排列：${terms.join("、")} / Occurrences per 10,000 characters by date: ${terms.join(", ")}`;

  const grid = ticks.map((value) =>
    svg("g", { class: "ce-axis-tick" },
      svg("line", { class: "ce-grid", x1: M.left, x2: W - M.right, y1: y(value), y2: y(value) }),
      svg("text", { class: "ce-axis-label", x: M.left - 6, y: y(value), "text-anchor": "end", "dominant-baseline": "middle" }, formatNumber(value))),
  );
  const step = labelStep(n, MAX_X_LABELS);
  const xLabels = docs.map((doc, i) =>
    i % step !== 0
      ? null
      : svg("text", {
        class: "ce-axis-label", x: xs[i], y: H - M.bottom + 16, "text-anchor": "middle",
        "data-testid": "trends-x-label", "data-doc-id": doc.id,
      },
      svg("tspan", { x: xs[i], dy: 0 }, dateLabel(doc.date)),
      svg("tspan", { x: xs[i], dy: 15, class: "ce-axis-sub" }, `#${doc.id}`),
      svg("title", {}, docDateLabel(doc))),
  );
  const divider = dated > 0 && dated < n
    ? svg("g", { class: "ce-divider" },
      svg("line", { x1: (xs[dated - 1] + xs[dated]) / 2, x2: (xs[dated - 1] + xs[dated]) / 2, y1: M.top - 12, y2: H - M.bottom }),
      svg("text", { class: "ce-axis-label", x: (xs[dated - 1] + xs[dated]) / 2 + 6, y: M.top - 14 }, "无日期 / undated →"))
    : null;
  const series = terms.map((term, t) => {
    const line = linePath(docs.slice(0, dated).map((d, i) => ({ x: xs[i], y: y(d.per10k[t]) })));
    const markers = docs.map((d, i) => {
      const cx = xs[i];
      const cy = y(d.per10k[t]);
      const label = svg("title", {}, trendPointLabel(term, d, d.per10k[t]));
      const shape = markerPath(t, cx, cy, 4);
      return shape === null
        ? svg("circle", { class: "ce-marker", cx, cy, r: 4, "data-testid": "trends-point" }, label)
        : svg("path", { class: "ce-marker", d: shape, "data-testid": "trends-point" }, label);
    });
    return svg("g", { class: `ce-series ce-series-${t}`, "data-term": term },
      line ? svg("path", { class: "ce-line", d: line }) : null, markers);
  });

  return h("figure", { class: "ce-chart" },
    svg("svg", {
      class: "ce-trends-chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "ce-trends-title",
      "data-testid": "trends-chart",
    },
    svg("title", { id: "ce-trends-title" }, title),
    grid,
    svg("line", { class: "ce-axis", x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }),
    svg("text", { class: "ce-axis-title", x: 12, y: M.top - 14 }, "每万字 / per 10k chars"),
    xLabels,
    divider,
    series),
    h("figcaption", { class: "ce-meta", text: "线只连接有日期的文章；无日期的文章排在虚线之后。 / Lines join dated articles only; undated articles follow the dashed line." }),
  );
}

/** The legend's sample: the series' marker shape in its colour. */
function legendMarker(t) {
  const shape = markerPath(t, 8, 8, 5);
  return svg("svg", { class: "ce-legend-marker", viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true" },
    svg("line", { class: "ce-line", x1: 0, x2: 16, y1: 8, y2: 8 }),
    shape === null ? svg("circle", { class: "ce-marker", cx: 8, cy: 8, r: 5 }) : svg("path", { class: "ce-marker", d: shape }));
}
