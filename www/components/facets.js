// The facet panel: for the current answer, how many articles come from each
// source, are in each script, from each year, and mention each entity. Every
// value is a toggle button "繁體 / Traditional (1)"; pressing it emits
// "filter:toggle" and the search box adds `script:trad` to its text (or takes
// it out again). Which buttons show as pressed is read back from the query
// text, so the panel never holds filters of its own.

import { h } from "../dom.js";
import { FACET_GROUPS, facetLabel } from "../format.js";
import { facetEntries } from "../query-text.js";

/** Values shown per group before "show all": enough for most answers, short on a phone. */
const COLLAPSED_VALUES = 10;

/**
 * @param {HTMLElement} container the facet section; holds its heading and
 *   `[data-testid="facet-groups"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountFacets(container, hub) {
  const groups = container.querySelector('[data-testid="facet-groups"]');
  const heading = container.querySelector("h2");
  const expanded = new Set(); // groups the reader asked to see whole
  let last = null; // { query, facets } on show
  let refocus = null; // { group, value } of the button just pressed

  function render({ focus = null } = {}) {
    const { query, facets } = last;
    const sections = [];
    for (const { group, label } of FACET_GROUPS) {
      const entries = facetEntries(group, facets[group], query);
      if (entries.length > 0) sections.push(renderGroup(group, label, entries));
    }
    // A table's extra columns (频道, 栏目, …): counted, not filters the query language has.
    for (const { name, values } of facets.field ?? []) {
      const entries = values.map(({ value, count }) => ({ value, count, filter: null, active: false }));
      if (entries.length > 0) sections.push(renderGroup(`field:${name}`, name, entries));
    }
    groups.replaceChildren(...sections);
    container.hidden = sections.length === 0;
    container.dataset.query = query;

    // The button pressed was replaced by a new one: focus that (or the heading).
    if (focus) {
      const again = [...groups.querySelectorAll('[data-testid="facet"]')].find(
        (b) => b.dataset.group === focus.group && b.dataset.value === focus.value,
      );
      (again ?? heading).focus({ preventScroll: true });
    }
  }

  function renderGroup(group, label, entries) {
    const titleId = `ce-facet-${group}`;
    // Folding away a single value would save nothing.
    const whole = expanded.has(group) || entries.length <= COLLAPSED_VALUES + 1;
    const showAll = () => {
      expanded.add(group);
      const { value } = entries[COLLAPSED_VALUES];
      render({ focus: { group, value } });
    };
    return h(
      "div",
      { class: "ce-facet-group", data: { testid: "facet-group", group } },
      h("h3", { class: "ce-facet-heading", id: titleId, text: label }),
      h(
        "ul",
        { class: "ce-facet-values", "aria-labelledby": titleId },
        (whole ? entries : entries.slice(0, COLLAPSED_VALUES)).map((entry) => h("li", {}, renderValue(group, entry))),
      ),
      !whole &&
        h("button", {
          type: "button",
          class: "ce-link ce-facet-more",
          data: { testid: "facet-more" },
          text: `显示全部 ${entries.length} 个 / Show all ${entries.length}`,
          on: { click: showAll },
        }),
    );
  }

  function renderValue(group, { value, count, filter, active }) {
    const text = facetLabel(group, value, count);
    if (!filter) {
      // Counted, but not something the query language can filter on (script "none").
      return h("span", { class: "ce-facet ce-facet-plain", text });
    }
    return h("button", {
      type: "button",
      class: "ce-facet",
      data: { testid: "facet", group, value, filter: `${filter.field}:${filter.value}` },
      "aria-pressed": String(active),
      text,
      on: {
        click: () => {
          refocus = { group, value };
          hub.emit("filter:toggle", filter);
        },
      },
    });
  }

  hub.on("search:results", ({ query, answer }) => {
    if (query === "") {
      last = null;
      refocus = null;
      groups.replaceChildren();
      container.hidden = true;
      return;
    }
    if (last?.query !== query) expanded.clear();
    last = { query, facets: answer.facets ?? {} };
    const focus = refocus;
    refocus = null;
    render({ focus });
  });

  hub.on("search:failed", () => {
    // The box no longer says what these counts answer; clicking one would edit a broken query.
    last = null;
    refocus = null;
    groups.replaceChildren();
    container.hidden = true;
  });
}
