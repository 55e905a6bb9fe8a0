// Search results: one entry per article with its title, how often the query
// occurs, and the core's snippets with the match in <mark>. The snippet pieces
// come cut by the core in the article's own script, so 京东 typed finds and
// shows 京東 where the article writes 京東.

import { documentTitle, occurrencesLabel } from "../format.js";

/**
 * @param {HTMLElement} container holds `ol[data-testid="hit-list"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountResults(container, hub) {
  const list = container.querySelector('[data-testid="hit-list"]');

  hub.on("search:results", ({ query, answer }) => {
    list.replaceChildren(...answer.hits.map((hit) => renderHit(hit, hub)));
    container.hidden = answer.hits.length === 0;
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

  const snippets = document.createElement("ul");
  snippets.className = "ce-snippets";
  for (const { before, match, after } of hit.snippets) {
    const snippet = document.createElement("li");
    snippet.className = "ce-snippet";
    snippet.dataset.testid = "snippet";
    const mark = document.createElement("mark");
    mark.textContent = match;
    snippet.append(before, mark, after);
    snippets.append(snippet);
  }

  item.append(heading, count, snippets);
  return item;
}
