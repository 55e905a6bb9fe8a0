// 分布 / Dispersion plot: where in each article the terms occur. One row per
// article (title, length, count per term) with a bar the width of the
// article; every match is a tick at at/chars of the way along, in its term's
// colour and its term's own lane, so the terms differ by position as well as
// colour. Gries' DP per term in the legend (0 = spread evenly, 1 = all in one
// place).
//
// A tick opens the reader at that match. The ticks are one stop in the Tab
// order (a roving tabindex): arrow keys move between them, Enter opens. The
// table under the plot says the same in text.
//
// CSV export: one row per match (term, doc, title, at, chars, occurrence).

import {
  dispersionSummary,
  dispersionTermLabel,
  docLabel,
  droppedTermsMessage,
  NEED_TERMS_MESSAGE,
  tickLabel,
} from "../analysis-format.js";
import { tickPosition } from "../chart.js";
import { csvFileName, dispersionCsvRows } from "../csv.js";
import { formatNumber, lengthLabel } from "../format.js";
import { h, svg } from "../dom.js";
import { bilingual, cellText, createView, dataTable, onControlChange, termsControls } from "./view-kit.js";

const MAX_TERMS = 4;
/** The bar's coordinate width; the SVG stretches it to the row. */
const BAR = 1000;
/** Height of one term's lane, in px. */
const LANE = 14;
/** Width of a tick's click target, in bar units (a 700 px bar: about 5 px). */
const HALO = 8;

/**
 * @param {HTMLElement} container the dispersion tab panel
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountDispersionView(container, hub) {
  const controls = termsControls("dispersion", hub, MAX_TERMS);

  const view = createView(container, hub, {
    id: "dispersion",
    title: ["分布", "Dispersion"],
    runLabel: ["绘制", "Plot"],
    intro: "每行一篇文章，每个竖线是一处匹配；点击竖线在阅读器中打开。 / One row per article, one tick per match; a tick opens the reader there.",
    onShow() {
      controls.offer();
    },
    compute: async ({ analyse }) => {
      const { list, dropped, options } = controls.read();
      if (list.length === 0) return { message: NEED_TERMS_MESSAGE };
      const answer = await analyse("dispersion", [list, options], { words: false });
      return { answer, dropped, options };
    },
    render,
    csv: ({ answer }) => ({ name: csvFileName("dispersion", answer.terms.join(",")), rows: dispersionCsvRows(answer) }),
  });

  controls.mount(view);
  onControlChange(view.form, () => view.run("run"));

  function render({ answer, dropped, options }) {
    if (dropped > 0) view.note.append(h("p", { class: "ce-view-warning", text: droppedTermsMessage(dropped, MAX_TERMS) }));
    const legend = h("ul", { class: "ce-legend", data: { testid: "dispersion-legend" } },
      answer.terms.map((term, t) =>
        h("li", { class: `ce-series-${t}`, data: { term, dp: String(answer.dp[t]) } },
          h("span", { class: "ce-swatch", "aria-hidden": "true" }),
          dispersionTermLabel(term, answer.counts[t], answer.dp[t])),
      ),
    );

    const ticks = [];
    const rows = answer.docs.map((doc) => {
      const counts = answer.terms.map((_, t) => doc.marks.filter((m) => m.term === t).length);
      const countText = answer.terms.map((term, t) => `${term} ${formatNumber(counts[t])}`).join(" · ");
      const height = LANE * answer.terms.length;
      const plot = svg("svg", {
        class: "ce-dispersion-bar",
        viewBox: `0 0 ${BAR} ${height}`,
        preserveAspectRatio: "none",
        height,
        role: "group",
        "aria-label": `${docLabel(doc)}：${countText}`,
      }, svg("rect", { class: "ce-bar-bg", x: 0, y: 0, width: BAR, height }));
      const marks = [...doc.marks].sort((a, b) => a.at - b.at || a.term - b.term);
      for (const mark of marks) {
        const x = tickPosition(mark.at, doc.chars, BAR);
        const y1 = mark.term * LANE + 1;
        const y2 = (mark.term + 1) * LANE - 1;
        const term = answer.terms[mark.term];
        const tick = svg("g", {
          class: `ce-tick ce-series-${mark.term}`,
          role: "button",
          tabindex: -1,
          "aria-label": `${tickLabel(term, mark.occurrence, mark.at, doc.chars)}（${docLabel(doc)}）`,
          "data-testid": "dispersion-tick",
          "data-doc-id": doc.id,
          "data-term": term,
          "data-occurrence": mark.occurrence,
          "data-at": mark.at,
        },
          // A wider transparent target than the 2 px line, lit up when the tick has focus.
          svg("rect", { class: "ce-tick-halo", x: x - HALO / 2, width: HALO, y: y1 - 1, height: y2 - y1 + 2 }),
          svg("line", { class: "ce-tick-mark", x1: x, x2: x, y1, y2, "vector-effect": "non-scaling-stroke" }),
        );
        const open = () =>
          view.openReader({ id: doc.id, query: term, occurrence: mark.occurrence, ...options }, tick);
        tick.addEventListener("click", open);
        // The tick with focus (by click or arrow) is the plot's one tab stop.
        tick.addEventListener("focus", () => {
          for (const other of ticks) other.setAttribute("tabindex", other === tick ? "0" : "-1");
        });
        tick.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            open();
          }
        });
        ticks.push(tick);
        plot.append(tick);
      }
      return h("li", { class: "ce-dispersion-row", data: { testid: "dispersion-row", docId: String(doc.id), ticks: String(marks.length) } },
        h("p", { class: "ce-dispersion-head" },
          h("span", { class: "ce-dispersion-title", text: docLabel(doc) }),
          " ",
          // The length is bilingual, the counts are not: two texts, so only the length is split.
          h("span", { class: "ce-meta" }, lengthLabel(doc.chars), ` · ${countText}`)),
        plot);
    });
    if (ticks.length > 0) ticks[0].setAttribute("tabindex", "0");
    const list = h("ol", { class: "ce-dispersion", data: { testid: "dispersion-plot" } }, rows);
    list.addEventListener("keydown", (event) => moveFocus(event, ticks));

    const table = dataTable({
      caption: "分布数据 / Dispersion data",
      testid: "dispersion-table",
      columns: [
        { key: "title", label: bilingual("文章", "Article"), header: true, cell: (d) => docLabel(d) },
        { key: "chars", label: bilingual("长度", "Length"), numeric: true, cell: (d) => cellText(lengthLabel(d.chars)) },
        ...answer.terms.map((term, t) => ({
          key: `t${t}`, label: term, numeric: true,
          cell: (d) => formatNumber(d.marks.filter((m) => m.term === t).length),
        })),
      ],
      rows: answer.docs,
    });
    view.body.replaceChildren(legend, list, table);
    view.setRange("");
    container.dataset.terms = answer.terms.join(",");
    return dispersionSummary(answer.terms, answer.counts, answer.dp);
  }

}

/** Arrow keys move the one focusable tick along the plot; Home and End jump to the ends. */
function moveFocus(event, ticks) {
  const at = ticks.indexOf(event.target);
  if (at === -1) return;
  let to = null;
  if (event.key === "ArrowRight" || event.key === "ArrowDown") to = Math.min(ticks.length - 1, at + 1);
  else if (event.key === "ArrowLeft" || event.key === "ArrowUp") to = Math.max(0, at - 1);
  else if (event.key === "Home") to = 0;
  else if (event.key === "End") to = ticks.length - 1;
  if (to === null) return;
  event.preventDefault();
  ticks[to].focus(); // its focus handler makes it the tab stop
}
