// Search results: one entry per article with its title, how often the query
// occurs, the core's snippets with the match in <mark>, and, when the search
// matched other names of an entity, which ones ("颤音 — 抖音的变体"). The
// snippet pieces come cut by the core in the article's own script, so 京东
// typed finds and shows 京東 where the article writes 京東.
//
// With "collapse copies" a story is one hit (issue 17): the core folds the
// other matching members of its story under it (`copies`), said as "+2
// copies" and listed in a disclosure, each openable in the reader.
//
// A query the core refuses clears the list: results of an earlier query must
// never pass for the answer to the text now in the box.

import { h } from "../dom.js";
import { documentTitle, occurrencesLabel, variantLabel } from "../format.js";
import { moreCopiesLabel } from "../stories.js";

/**
 * @param {HTMLElement} container holds `ol[data-testid="hit-list"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountResults(container, hub) {
  const list = container.querySelector('[data-testid="hit-list"]');

  hub.on("search:results", ({ query, includeRemoved, variants, answer }) => {
    list.replaceChildren(...answer.hits.map((hit) => renderHit(hit, hub)));
    container.hidden = answer.hits.length === 0;
    container.dataset.query = query;
    container.dataset.includeRemoved = String(includeRemoved);
    container.dataset.variants = String(Boolean(variants));
  });

  hub.on("search:failed", ({ query }) => {
    list.replaceChildren();
    container.hidden = true;
    container.dataset.query = query;
  });
}

function renderHit(hit, hub) {
  const found = Array.isArray(hit.variants) ? hit.variants : [];
  const copies = Array.isArray(hit.copies) ? hit.copies : [];
  return h(
    "li",
    {
      class: "ce-hit",
      data: { testid: "hit", docId: String(hit.id), docName: hit.name, count: String(hit.count), ...(copies.length > 0 ? { copies: String(copies.length) } : {}) },
    },
    h(
      "h3",
      { class: "ce-hit-title" },
      h("button", {
        type: "button",
        class: "ce-link",
        data: { testid: "hit-open" },
        text: documentTitle(hit),
        on: { click: () => hub.emit("reader:open", { id: hit.id }) },
      }),
    ),
    h("p", { class: "ce-meta", data: { testid: "hit-count" }, text: occurrencesLabel(hit.count) }),
    copies.length > 0 && renderCopies(copies, hub),
    found.length > 0 &&
      h(
        "ul",
        { class: "ce-hit-variants", data: { testid: "hit-variants" } },
        found.map((variant) =>
          h("li", { data: { testid: "hit-variant", variant: variant.variant, of: variant.of }, text: variantLabel(variant) }),
        ),
      ),
    h(
      "ul",
      { class: "ce-snippets" },
      hit.snippets.map(({ before, match, after, clippedBefore, clippedAfter }) =>
        // "…" where the core cut the sentence short, so a snippet never reads as whole.
        h(
          "li",
          { class: "ce-snippet", data: { testid: "snippet" } },
          clippedBefore ? `…${before}` : before,
          h("mark", { text: match }),
          clippedAfter ? `${after}…` : after,
        ),
      ),
    ),
  );
}

/** "+2 copies", opening to the copies' titles, each a button that opens it in the reader. */
function renderCopies(copies, hub) {
  return h(
    "details",
    { class: "ce-hit-copies", data: { testid: "hit-copies" } },
    h("summary", { class: "ce-meta", data: { testid: "hit-copies-label" }, text: moreCopiesLabel(copies.length) }),
    h(
      "ul",
      { class: "ce-hit-copy-list" },
      copies.map((copy) =>
        h(
          "li",
          { data: { testid: "hit-copy", docId: String(copy.id), docName: copy.name } },
          h("button", {
            type: "button",
            class: "ce-link ce-hit-copy-title",
            "data-corpus": "",
            text: documentTitle(copy),
            on: { click: () => hub.emit("reader:open", { id: copy.id }) },
          }),
        ),
      ),
    ),
  );
}
