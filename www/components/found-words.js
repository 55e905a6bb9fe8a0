// 本语料中的新词 / Words found in this corpus, and the segmented export. Below
// the lexicon form: on request the core looks for strings that behave like
// words the word list lacks (frequent, cohesive, free on both sides:
// src/segment/discover.rs) and lists them, each with an "accept" button and
// one to accept them all. Accepting goes the lexicon's way ("words:accept" in
// analysis-service.js): the words are remembered in this browser, every word
// statistic is recomputed, and the list is asked for again without them.
//
// "Export segmented corpus (JSONL)" downloads the cleaned articles cut into
// words as every statistic cuts them: one JSON object a line (analysis-format.js).

import {
  analysisErrorMessage,
  formatDecimal,
  foundWordsSummary,
  segmentedFileName,
  segmentedJsonl,
  wordsAcceptedLabel,
  WORKING_MESSAGE,
} from "../analysis-format.js";
import { formatNumber } from "../format.js";
import { h } from "../dom.js";
import { bilingual, dataTable, downloadText } from "./view-kit.js";

/**
 * @param {HTMLElement} container the lexicon `<details>`, after the lexicon form
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountFoundWords(container, hub) {
  const find = h("button", { type: "button", class: "ce-button", data: { testid: "found-words-run" } },
    bilingual("找出新词", "Find words in this corpus"));
  const acceptAll = h("button", { type: "button", class: "ce-button ce-button-quiet", hidden: true, data: { testid: "found-words-accept-all" } },
    bilingual("全部接受", "Accept all"));
  const status = h("p", { class: "ce-meta", role: "status", "aria-live": "polite", data: { testid: "found-words-status", state: "idle", run: "0" } });
  const body = h("div", { data: { testid: "found-words-body" } });
  const exportButton = h("button", { type: "button", class: "ce-button ce-button-quiet", data: { testid: "export-segmented" } },
    bilingual("导出分词语料（JSONL）", "Export segmented corpus (JSONL)"));
  const exportStatus = h("p", { class: "ce-meta", role: "status", "aria-live": "polite", data: { testid: "export-segmented-status" } });

  container.append(
    h("section", { class: "ce-found-words", "aria-labelledby": "ce-found-words-heading" },
      h("h2", { id: "ce-found-words-heading", class: "ce-found-words-heading" }, bilingual("本语料中的新词", "Words found in this corpus")),
      h("p", { class: "ce-help-note" },
        "在语料中反复出现、内部结合紧密、左右搭配多样而词表没有的字串。接受后，所有词语统计都把它当作一个词。 ",
        h("span", { lang: "en", text: "Strings that recur in the corpus, hold together and occur among many different neighbours, yet are missing from the word list. Once accepted, every word statistic keeps them whole." })),
      h("div", { class: "ce-variant-fields" }, find, acceptAll),
      status,
      body),
    h("section", { class: "ce-segmented-export" },
      h("p", { class: "ce-help-note" },
        "按本页的切分（词表、新词识别、你的词语）导出清理后的文章，词与词以空格分隔，每行一篇。 ",
        h("span", { lang: "en", text: "The cleaned articles cut as this page cuts them (word list, new-word model, your words), words separated by spaces, one article a line." })),
      exportButton,
      exportStatus),
  );

  let rows = [];
  let runs = 0;
  let ticket = 0;

  const setState = (state) => {
    status.dataset.state = state;
  };
  const finish = () => {
    runs += 1;
    status.dataset.run = String(runs);
  };

  async function run() {
    const mine = ++ticket;
    setState("busy");
    status.textContent = WORKING_MESSAGE;
    find.disabled = true;
    try {
      const answer = await hub.request("analyse", { call: "foundWords", args: [{ limit: 100 }], words: true });
      if (mine !== ticket) return;
      rows = answer.value.rows;
      status.textContent = foundWordsSummary(rows.length, answer.value.chars, answer.value.sampled, answer.ms);
      status.dataset.ms = String(answer.ms);
      render();
      setState("ready");
    } catch (error) {
      if (mine !== ticket) return;
      rows = [];
      render();
      status.textContent = analysisErrorMessage(error instanceof Error ? error.message : String(error));
      setState("error");
    } finally {
      if (mine === ticket) {
        find.disabled = false;
        finish();
      }
    }
  }

  function render() {
    acceptAll.hidden = rows.length === 0;
    body.replaceChildren(rows.length === 0 ? "" : dataTable({
      caption: "本语料中的新词 / Words found in this corpus",
      testid: "found-words-table",
      columns: [
        { key: "word", label: bilingual("词", "Word"), header: true, cell: (r) => r.word },
        { key: "count", label: bilingual("次数", "Count"), numeric: true, cell: (r) => formatNumber(r.count) },
        { key: "docs", label: bilingual("文章数", "Articles"), numeric: true, cell: (r) => formatNumber(r.docs) },
        { key: "cohesion", label: bilingual("凝固度", "Cohesion"), numeric: true, cell: (r) => formatDecimal(r.cohesion) },
        { key: "leftEntropy", label: bilingual("左熵", "Left entropy"), numeric: true, cell: (r) => formatDecimal(r.leftEntropy) },
        { key: "rightEntropy", label: bilingual("右熵", "Right entropy"), numeric: true, cell: (r) => formatDecimal(r.rightEntropy) },
        { key: "score", label: bilingual("得分", "Score"), numeric: true, cell: (r) => formatDecimal(r.score, 1) },
        {
          key: "accept", label: bilingual("接受", "Accept"), cell: (r) => h("button", {
            type: "button", class: "ce-link", "aria-label": `接受 / Accept: ${r.word}`,
            data: { testid: "found-word-accept" }, on: { click: () => accept([r.word]) },
          }, "接受 / Accept"),
        },
      ],
      rows,
      rowProps: (r) => ({ data: { testid: "found-word-row", word: r.word, count: String(r.count) } }),
    }));
  }

  async function accept(words) {
    if (words.length === 0) return;
    acceptAll.disabled = true;
    try {
      const { added } = await hub.request("words:accept", { words });
      status.textContent = wordsAcceptedLabel(added.length);
    } catch (error) {
      status.textContent = analysisErrorMessage(error instanceof Error ? error.message : String(error));
      setState("error");
      return;
    } finally {
      acceptAll.disabled = false;
    }
    // Accepted words are known now: ask again, so the list shows what is left.
    await run();
  }

  find.addEventListener("click", () => run());
  acceptAll.addEventListener("click", () => accept(rows.map((r) => r.word)));

  exportButton.addEventListener("click", async () => {
    exportButton.disabled = true;
    exportStatus.textContent = WORKING_MESSAGE;
    try {
      const answer = await hub.request("analyse", { call: "segmentedDocuments", args: [{}], words: true });
      downloadText(segmentedFileName(), segmentedJsonl(answer.value), "application/x-ndjson;charset=utf-8");
      const n = formatNumber(answer.value.length);
      exportStatus.textContent = `已导出 ${n} 篇文章 / ${n} articles exported`;
    } catch (error) {
      exportStatus.textContent = analysisErrorMessage(error instanceof Error ? error.message : String(error));
    } finally {
      exportButton.disabled = false;
    }
  });
}
