// Search results: one entry per article with its title, how often the query
// occurs, the core's snippets with the match in <mark>, and, when the search
// matched other names of an entity, which ones ("颤音 — 抖音的变体"). The
// snippet pieces come cut by the core in the article's own script, so 京东
// typed finds and shows 京東 where the article writes 京東.
//
// A query the core refuses clears the list: results of an earlier query must
// never pass for the answer to the text now in the box.

import { documentTitle, occurrencesLabel, variantLabel } from "../format.js";

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
  const item = document.createElement("li");
  item.className = "ce-hit";
  item.dataset.testid = "hit";
  item.dataset.docId = String(hit.id);
  item.dataset.docName = hit.name;
  item.dataset.count = String(hit.count);

  const heading = document.createElement("h3");
  heading.className = "ce-hit-title";
  const open = document.createElement("button");
  open.type = "button";
  open.className = "ce-link";
  open.dataset.testid = "hit-open";
  open.textContent = documentTitle(hit);
  open.addEventListener("click", () => hub.emit("reader:open", { id: hit.id }));
  heading.append(open);

  const count = document.createElement("p");
  count.className = "ce-meta";
  count.dataset.testid = "hit-count";
  count.textContent = occurrencesLabel(hit.count);
  item.append(heading, count);

  const found = Array.isArray(hit.variants) ? hit.variants : [];
  if (found.length > 0) {
    const variants = document.createElement("ul");
    variants.className = "ce-hit-variants";
    variants.dataset.testid = "hit-variants";
    for (const variant of found) {
      const line = document.createElement("li");
      line.dataset.testid = "hit-variant";
      line.dataset.variant = variant.variant;
      line.dataset.of = variant.of;
      line.textContent = variantLabel(variant);
      variants.append(line);
    }
    item.append(variants);
  }

  const snippets = document.createElement("ul");
  snippets.className = "ce-snippets";
  for (const { before, match, after, clippedBefore, clippedAfter } of hit.snippets) {
    const snippet = document.createElement("li");
    snippet.className = "ce-snippet";
    snippet.dataset.testid = "snippet";
    const mark = document.createElement("mark");
    mark.textContent = match;
    // "…" where the core cut the sentence short, so a snippet never reads as whole.
    snippet.append(clippedBefore ? `…${before}` : before, mark, clippedAfter ? `${after}…` : after);
    snippets.append(snippet);
  }
  item.append(snippets);
  return item;
}
