// Paging through the results: "第 11–20 篇，共 23 篇" above the list, and
// previous / next buttons below it. Emits "page" with the page wanted; the
// answer comes back as "search:results" like any other.
//
// After a page turn focus moves to the results heading, so keyboard and
// screen-reader users start reading the new page from its top.

import { pageCount, pageLabel, pageRangeLabel } from "../format.js";

/**
 * @param {HTMLElement} container the results section: holds the heading,
 *   `[data-testid="page-range"]` and the `nav[data-testid="pager"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountPager(container, hub) {
  const heading = container.querySelector("h2");
  const range = container.querySelector('[data-testid="page-range"]');
  const nav = container.querySelector('[data-testid="pager"]');
  const label = nav.querySelector('[data-testid="page-label"]');
  const prev = nav.querySelector('[data-testid="page-prev"]');
  const next = nav.querySelector('[data-testid="page-next"]');

  let page = 1;
  let turned = false;

  const turn = (to) => {
    turned = true;
    hub.emit("page", { page: to });
  };
  prev.addEventListener("click", () => turn(page - 1));
  next.addEventListener("click", () => turn(page + 1));

  hub.on("search:results", ({ answer, page: shown = 1, pageSize }) => {
    page = shown;
    const pages = pageCount(answer.total, pageSize);
    range.textContent = pageRangeLabel((page - 1) * pageSize, answer.hits.length, answer.total);
    label.textContent = pageLabel(page, pages);
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    // One page needs no buttons.
    nav.hidden = pages <= 1;
    container.dataset.page = String(page);
    container.dataset.pages = String(pages);
    if (turned) {
      turned = false;
      heading.focus();
    }
  });

  hub.on("search:failed", () => {
    range.textContent = "";
    nav.hidden = true;
    turned = false;
  });
}
