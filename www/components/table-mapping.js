// The column mapping of a table (CSV, TSV, JSON Lines, JSON) before it is
// loaded: the core reads the first rows and guesses which column is the text,
// title, date, source, URL and author (corpus.inspectTable, data/columns.txt);
// this form shows the guess with a preview of the first rows and lets the
// reader change it. "Load" adds the file with that mapping; columns mapped to
// nothing become facets. Column names and cells are untrusted: text only.

import { h } from "../dom.js";
import { TABLE_FIELDS, tableMappingTitle } from "../format.js";

/** Rows of the preview: enough to recognise the columns. */
const PREVIEW_ROWS = 3;
/** Characters of a cell shown in the preview. */
const PREVIEW_CHARS = 40;

/**
 * Shows one table's mapping form in `container` and resolves with the mapping
 * chosen ("Load") or null ("Cancel"); the form is removed either way.
 * @param {HTMLElement} container
 * @param {string} name the file's name
 * @param {{ columns: string[], rows: string[][], guess: object, encoding: string }} sample
 * @returns {Promise<object | null>}
 */
export function askMapping(container, name, sample) {
  return new Promise((resolve) => {
    const selects = TABLE_FIELDS.map(({ field, label }) => {
      const select = h(
        "select",
        { data: { testid: "table-field", field } },
        h("option", { value: "", text: "（无） / (none)" }),
        sample.columns.map((column) => h("option", { value: column, text: column })),
      );
      select.value = sample.guess[field] ?? "";
      return h("label", { class: "ce-table-field" }, h("span", { text: label }), select);
    });
    const cut = (cell) => (cell.length > PREVIEW_CHARS ? `${cell.slice(0, PREVIEW_CHARS)}…` : cell);
    const preview = h(
      "table",
      { class: "ce-table-preview", data: { testid: "table-preview" } },
      h("thead", {}, h("tr", {}, sample.columns.map((column) => h("th", { scope: "col", text: column })))),
      h("tbody", {}, sample.rows.slice(0, PREVIEW_ROWS).map((row) => h("tr", {}, row.map((cell) => h("td", { text: cut(cell) }))))),
    );
    const done = (mapping) => {
      form.remove();
      resolve(mapping);
    };
    const form = h(
      "form",
      { class: "ce-table-mapping", data: { testid: "table-mapping", name } },
      h("h3", { class: "ce-facet-heading", text: tableMappingTitle(name, sample.encoding) }),
      h("div", { class: "ce-table-scroll" }, preview),
      h("div", { class: "ce-table-fields" }, selects),
      h(
        "div",
        { class: "ce-file-buttons" },
        h("button", { class: "ce-button", type: "submit", data: { testid: "table-load" }, text: "加载 / Load" }),
        h("button", { class: "ce-button ce-button-quiet", type: "button", data: { testid: "table-cancel" }, text: "取消 / Cancel", on: { click: () => done(null) } }),
      ),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const mapping = {};
      for (const label of selects) {
        const select = label.querySelector("select");
        if (select.value) mapping[select.dataset.field] = select.value;
      }
      done(mapping);
    });
    container.append(form);
    form.querySelector("select")?.focus({ preventScroll: true });
  });
}
