// What every analysis view shares: labelled form fields, tables, the CSV
// download, paging (elements built with dom.js), and the view shell — heading,
// form, status line, tools, body — that runs the view's analysis when its tab
// is shown, keeps only the newest answer, says how long the core took and how
// the word list loaded, whether reposts were counted once, and shows any error
// the core throws instead of letting it reach the console.

import {
  analysisErrorMessage,
  dictionaryFailedLabel,
  dictionaryLoadedLabel,
  dictionaryProgressLabel,
  parseTerms,
  recomputedLabel,
  rowRangeLabel,
  tookLabel,
  WORKING_MESSAGE,
} from "../analysis-format.js";
import { STORIES_ONCE_LABEL } from "../stories.js";
import { toCsv } from "../csv.js";
import { pageLabel } from "../format.js";
import { h } from "../dom.js";
import { languageSpans } from "../localize.js";

/**
 * Bilingual chrome in a table cell ("无日期 / undated"), one language shown:
 * localize.js leaves cells alone, as corpus text, so the view splits it.
 */
export function cellText(text) {
  return languageSpans(text) ?? text;
}

/** A bilingual label: "宽度" + <span lang="en">/ Width</span>. */
export function bilingual(zh, en) {
  return [zh, " ", h("span", { lang: "en" }, `/ ${en}`)];
}

/** A labelled control in the view's form: `<label class="ce-field"><span>…</span>control</label>`. */
export function field(zh, en, control, { className = "" } = {}) {
  return h("label", { class: `ce-field ${className}`.trim() }, h("span", { class: "ce-field-label" }, bilingual(zh, en)), control);
}

/** A <select> of `[{ value, label }]`. */
export function select(name, options, value, testid) {
  const element = h("select", { name, data: testid ? { testid } : undefined });
  for (const option of options) {
    element.append(h("option", { value: String(option.value), text: option.label, selected: String(option.value) === String(value) }));
  }
  element.value = String(value);
  return element;
}

/** A checkbox with its label, `.ce-check` like the search form's. */
export function checkbox(name, zh, en, checked, testid) {
  const input = h("input", { type: "checkbox", name, checked, data: testid ? { testid } : undefined });
  return { input, element: h("label", { class: "ce-check" }, input, " ", bilingual(zh, en)) };
}

/** A number input. */
export function numberInput(name, { min, max, step = 1, value }, testid) {
  return h("input", {
    type: "number", name, min, max, step, value: String(value), inputmode: "numeric",
    class: "ce-number", data: testid ? { testid } : undefined,
  });
}

/** The value of a number input, clamped to its min and max, falling back to `fallback`. */
export function numberValue(input, fallback) {
  const n = Number(input.value);
  if (input.value === "" || !Number.isFinite(n)) return fallback;
  const min = input.min === "" ? -Infinity : Number(input.min);
  const max = input.max === "" ? Infinity : Number(input.max);
  return Math.min(max, Math.max(min, n));
}

/**
 * A table in a scrollable, focusable region (so a keyboard can scroll it on a
 * phone). `columns`: `[{ key, label: Node|string, numeric, className, cell(row, i) }]`.
 */
export function dataTable({ caption, columns, rows, testid, rowProps = () => ({}), className = "" }) {
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: cellClass(c), data: { key: c.key } }, c.label)));
  const body = rows.map((row, i) =>
    h("tr", rowProps(row, i), columns.map((c) => {
      const cell = c.cell ? c.cell(row, i) : row[c.key];
      return h(c.header ? "th" : "td", { class: cellClass(c), scope: c.header ? "row" : undefined }, cell ?? "");
    })),
  );
  const table = h(
    "table",
    { class: `ce-table ${className}`.trim(), data: testid ? { testid } : undefined },
    h("caption", { class: "ce-visually-hidden", text: caption }),
    h("thead", {}, head),
    h("tbody", {}, body),
  );
  return h("div", { class: "ce-table-wrap", role: "region", "aria-label": caption, tabIndex: 0 }, table);
}

function cellClass(column) {
  return [column.numeric ? "ce-num" : "", column.className ?? ""].join(" ").trim() || undefined;
}

/**
 * Saves `text` as a file through a Blob and a temporary `<a download>`: no
 * inline script, no data: URL, so it works under the page's strict CSP.
 */
export function downloadText(fileName, text, type = "text/csv;charset=utf-8") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; give slow browsers a moment anyway.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The page size of every paged view. */
export const PAGE_SIZE = 100;

/**
 * The view shell. `config`:
 * - `id`: the view's id ("concordance"); test ids are `${id}-form`, `${id}-status`, …
 * - `title`: [zh, en] for the heading
 * - `words()`: whether the current settings count words (the word list is then loaded first)
 * - `compute({ analyse, reason })`: asks the core (through `analyse(call, args, { words })`)
 *   and returns data, or `{ message }` when there is nothing to compute (no query typed)
 * - `render(data)`: shows the data; returns the status summary
 * - `csv(data)`: `{ name, rows }` (may be async) for the export button
 * - `paged`: adds a pager; `render` then calls `shell.showPage(offset, shown, total, noun)`
 */
export function createView(container, hub, config) {
  const { id } = config;
  const heading = h("h2", { class: "ce-panel-heading", id: `ce-${id}-heading`, tabIndex: -1 }, bilingual(...config.title));
  const fields = h("div", { class: "ce-view-fields" });
  const runButton = h("button", { class: "ce-button", type: "submit", data: { testid: `${id}-run` } }, bilingual(...(config.runLabel ?? ["显示", "Show"])));
  const form = h("form", { class: "ce-view-form", data: { testid: `${id}-form` }, "aria-labelledby": heading.id }, fields, h("div", { class: "ce-view-actions" }, runButton));
  const summary = h("span", { class: "ce-view-summary", data: { testid: `${id}-summary` } });
  const timing = h("span", { class: "ce-view-timing", data: { testid: `${id}-timing` } });
  const dictionary = h("span", { class: "ce-view-dictionary", data: { testid: `${id}-dictionary` } });
  // Empty unless the answer counted one article per story; no space before it, so a
  // status without it reads exactly as before.
  const stories = h("span", { class: "ce-view-stories", data: { testid: `${id}-stories` } });
  const status = h("p", { class: "ce-view-status", role: "status", "aria-live": "polite", data: { testid: `${id}-status`, state: "idle", run: "0" } }, summary, " ", timing, " ", dictionary, stories);
  const note = h("div", { class: "ce-view-note", data: { testid: `${id}-note` } });
  const range = h("p", { class: "ce-meta ce-view-range", data: { testid: `${id}-range` } });
  const csvButton = h("button", { class: "ce-button ce-button-quiet", type: "button", disabled: true, data: { testid: `${id}-csv` } }, bilingual("导出 CSV", "Export CSV"));
  const tools = h("div", { class: "ce-view-tools" }, range, csvButton);
  const body = h("div", { class: "ce-view-body", data: { testid: `${id}-body` } });

  const prev = h("button", { class: "ce-button ce-button-quiet", type: "button", data: { testid: `${id}-prev` } }, "‹ 上一页 ", h("span", { lang: "en" }, "/ Previous"));
  const next = h("button", { class: "ce-button ce-button-quiet", type: "button", data: { testid: `${id}-next` } }, "下一页 ", h("span", { lang: "en" }, "/ Next"), " ›");
  const pageText = h("span", { class: "ce-meta", data: { testid: `${id}-page` } });
  const pager = h("nav", { class: "ce-pager", "aria-label": `${config.title[0]}翻页 / ${config.title[1]} pages`, hidden: true, data: { testid: `${id}-pager` } }, prev, pageText, next);

  container.classList.add("ce-view", "ce-panel");
  container.replaceChildren(heading, ...(config.intro ? [h("p", { class: "ce-view-intro ce-meta" }, config.intro)] : []), form, status, note, tools, body, ...(config.paged ? [pager] : []));

  let active = false;
  let ranOnce = false;
  let dirty = null; // the reason to run again when next shown, or null
  let ticket = 0;
  let runs = 0;
  let last = null; // the data shown
  let turned = false;
  let lastActivated = null; // what opened the reader, for "back"
  let storiesOnce = false; // the answer shown counted one article per story
  const page = { offset: 0, size: PAGE_SIZE, total: 0 };

  const setState = (state) => {
    status.dataset.state = state;
    container.dataset.state = state;
  };

  const clear = () => {
    last = null;
    body.replaceChildren();
    note.replaceChildren();
    range.textContent = "";
    csvButton.disabled = true;
    pager.hidden = true;
  };

  async function run(reason = "run") {
    const mine = ++ticket;
    ranOnce = true;
    dirty = null;
    const words = Boolean(config.words?.());
    const used = { ms: 0, dictionary: null, storiesOnce: false };
    const analyse = async (call, args = [], { words: w = words } = {}) => {
      const answer = await hub.request("analyse", { call, args, words: w });
      used.ms += answer.ms;
      if (answer.dictionary) used.dictionary = answer.dictionary;
      if (answer.storiesOnce) used.storiesOnce = true;
      return answer.value;
    };
    setState("busy");
    summary.textContent = WORKING_MESSAGE;
    timing.textContent = "";
    stories.textContent = "";
    if (!words) dictionary.textContent = "";
    let data;
    try {
      data = await config.compute({ analyse, reason, page });
    } catch (error) {
      if (mine !== ticket) return;
      clear();
      const message = error instanceof Error ? error.message : String(error);
      summary.textContent = error?.dictionary ? dictionaryFailedLabel(message) : analysisErrorMessage(message);
      dictionary.textContent = "";
      setState("error");
      finish(reason);
      return;
    }
    if (mine !== ticket) return;
    if (data && typeof data.message === "string") {
      clear();
      summary.textContent = data.message;
      dictionary.textContent = "";
      setState("idle");
      finish(reason);
      return;
    }
    last = data;
    note.replaceChildren();
    summary.textContent = config.render(data) ?? "";
    timing.textContent = reason === "recompute" ? recomputedLabel(used.ms) : tookLabel(used.ms);
    dictionary.textContent = used.dictionary ? dictionaryLoadedLabel(used.dictionary) : "";
    storiesOnce = used.storiesOnce;
    stories.textContent = storiesOnce ? STORIES_ONCE_LABEL : "";
    status.dataset.storiesOnce = String(storiesOnce);
    csvButton.disabled = !config.csv;
    setState("ready");
    finish(reason);
    if (reason === "recompute") hub.emit("words:recomputed", { view: id, ms: used.ms });
    if (turned) {
      turned = false;
      heading.focus();
    }
  }

  function finish(reason) {
    runs += 1;
    status.dataset.run = String(runs);
    status.dataset.reason = reason;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    page.offset = 0;
    run("run");
  });

  csvButton.addEventListener("click", async () => {
    if (!last || !config.csv) return;
    csvButton.disabled = true;
    try {
      const { name, rows } = await config.csv(last);
      downloadText(name, toCsv(rows));
    } catch (error) {
      summary.textContent = analysisErrorMessage(error instanceof Error ? error.message : String(error));
      setState("error");
    } finally {
      csvButton.disabled = !last;
    }
  });

  const turn = (offset) => {
    page.offset = Math.max(0, offset);
    turned = true;
    run("page");
  };
  prev.addEventListener("click", () => turn(page.offset - page.size));
  next.addEventListener("click", () => turn(page.offset + page.size));

  hub.on("dictionary:progress", ({ received, total }) => {
    if (status.dataset.state === "busy" && config.words?.()) {
      dictionary.textContent = dictionaryProgressLabel(received, total);
    }
  });

  hub.on("view:show", ({ view }) => {
    active = view === id;
    container.hidden = !active;
    if (!active) return;
    config.onShow?.();
    if (!ranOnce || dirty) run(dirty ?? "show");
  });

  // "Count reposts once" ticked or unticked: every view that has answered answers again
  // (the one shown now, the others when next shown); a new grouping matters to one that counted once.
  const rerun = () => {
    if (!ranOnce) return;
    if (active) run("run");
    else dirty = "run";
  };
  hub.on("stories:once", rerun);
  hub.on("stories:changed", () => {
    if (storiesOnce) rerun();
  });

  hub.on("words:changed", () => {
    if (!ranOnce || !config.words?.()) return;
    if (active) run("recompute");
    else dirty = "recompute";
  });

  hub.on("view:return", ({ view }) => {
    if (view !== id || !lastActivated?.isConnected) return;
    lastActivated.focus({ preventScroll: true });
    lastActivated.scrollIntoView({ block: "center" });
  });

  return {
    id,
    container,
    form,
    fields,
    body,
    note,
    heading,
    page,
    run,
    isActive: () => active,
    /** Run again when next shown (or now, if shown). */
    invalidate(reason = "run") {
      if (!ranOnce) return;
      if (active) run(reason);
      else dirty = reason;
    },
    /** Marks the view as to be run when next shown, whatever happened before. */
    schedule(reason = "run") {
      ranOnce = false;
      dirty = reason;
      if (active) run(reason);
    },
    /** Paging: the range line and the buttons for rows offset…offset+shown of total. */
    showPage(offset, shown, total, noun) {
      page.offset = offset;
      page.total = total;
      range.textContent = rowRangeLabel(offset, shown, total, noun);
      const pages = Math.max(1, Math.ceil(total / page.size));
      const current = Math.floor(offset / page.size) + 1;
      pageText.textContent = pageLabel(current, pages);
      prev.disabled = current <= 1;
      next.disabled = current >= pages;
      pager.hidden = pages <= 1;
      container.dataset.page = String(current);
    },
    setRange(text) {
      range.textContent = text;
    },
    /** Opens the reader at a match; `trigger` gets focus back from the reader's "back" button. */
    openReader(detail, trigger) {
      lastActivated = trigger ?? null;
      hub.emit("reader:open", { ...detail, view: id });
    },
  };
}

/**
 * The controls of the views that compare a few terms (dispersion, trends): a
 * text area of terms (comma or newline separated; Ctrl+Enter runs, as the
 * text area keeps Enter for new lines), "with removed text" and "with name
 * variants". Until the reader types in it, the box offers the last search.
 *
 * @param {string} id the view's id, which prefixes the controls' test ids
 * @param {{ on: Function }} hub
 * @param {number} maxTerms terms past this many are dropped (and said so)
 */
export function termsControls(id, hub, maxTerms) {
  const terms = h("textarea", { name: "terms", rows: 2, spellcheck: false, class: "ce-text", data: { testid: `${id}-terms` } });
  const removed = checkbox("includeRemoved", "含已删除内容", "With removed text", false, `${id}-include-removed`);
  const variants = checkbox("variants", "含名称变体", "With name variants", false, `${id}-variants`);
  let pristine = true;
  let searched = "";
  terms.addEventListener("input", () => {
    pristine = false;
  });
  hub.on("search:results", ({ query }) => {
    if (query !== "") searched = query;
  });
  return {
    /** Puts the last search in an empty box the reader has not typed in (when the view is shown). */
    offer() {
      if (pristine && searched !== "" && terms.value === "") terms.value = searched;
    },
    /** `{ list, dropped, options: { includeRemoved, variants } }` as the controls stand. */
    read() {
      const { terms: list, dropped } = parseTerms(terms.value, maxTerms);
      return { list, dropped, options: { includeRemoved: removed.input.checked, variants: variants.input.checked } };
    },
    /** Adds the controls to the view's form. */
    mount(view) {
      view.fields.append(
        field(`检索词（逗号或换行分隔，最多 ${maxTerms} 个）`, `Terms (comma or newline separated, up to ${maxTerms})`, terms, { className: "ce-field-wide" }),
        h("div", { class: "ce-view-checks" }, removed.element, variants.element),
      );
      terms.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          view.form.requestSubmit();
        }
      });
    },
  };
}

/** Bind `change` on every control in `form` (not text boxes) to `handler`. */
export function onControlChange(form, handler) {
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && ["text", "search"].includes(target.type)) return;
    if (target instanceof HTMLTextAreaElement) return;
    handler(event);
  });
}
