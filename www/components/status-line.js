// The one-line status under the search box. Its element is an aria-live
// region, so screen readers hear the outcome of each search without moving
// focus. A query the core refuses is said here, plainly, in the error tone.

import { h } from "../dom.js";
import {
  archiveLoadedMessage,
  LOADING_MESSAGE,
  loadedMessage,
  loadErrorsMessage,
  loadFailedMessage,
  noMatchesMessage,
  queryErrorMessage,
  resultsSummary,
} from "../format.js";
import { collapsedResultsSummary } from "../stories.js";

/**
 * @param {HTMLElement} element an `aria-live="polite"` element
 * @param {{ on: Function }} hub
 */
export function mountStatusLine(element, hub) {
  let idle = LOADING_MESSAGE;

  // data-query, data-include-removed, data-variants, data-collapse, data-sort and data-page
  // say which search the line answers, so a test (or a stylesheet) can tell an
  // answer from the one before it.
  const show = (text, { tone = "info", ...request } = {}) => {
    element.textContent = text;
    element.dataset.tone = tone;
    if (request.query === undefined) delete element.dataset.query;
    else element.dataset.query = request.query;
    element.dataset.includeRemoved = String(Boolean(request.includeRemoved));
    element.dataset.variants = String(Boolean(request.variants));
    element.dataset.collapse = String(Boolean(request.collapse));
    element.dataset.sort = request.sort ?? "relevance";
    element.dataset.page = String(request.page ?? 1);
  };

  show(idle);

  hub.on("corpus:loaded", ({ documents, errors, archive = null }) => {
    idle = archive ? archiveLoadedMessage(archive.documentCount) : loadedMessage(documents.length);
    if (errors.length > 0) idle += `；${loadErrorsMessage(errors.length)}`;
    show(idle, { tone: errors.length > 0 ? "warning" : "info" });
  });

  hub.on("corpus:failed", ({ message }) => {
    show(loadFailedMessage(message), { tone: "error" });
  });

  hub.on("search:results", ({ answer, ...request }) => {
    if (request.query === "") show(idle, request);
    else if (answer.total === 0) show(noMatchesMessage(request.query), request);
    // Copies collapsed: the total counts stories, and the line says how many articles they hold.
    else if (request.collapse && Number.isInteger(answer.documents)) {
      show(collapsedResultsSummary(answer.total, answer.documents, answer.occurrences), request);
    } else show(resultsSummary(answer.total, answer.occurrences), request);
  });

  hub.on("search:failed", ({ message, retry = false, ...request }) => {
    // A part of a sharded site that did not arrive: the message names it, and Retry asks again.
    show(retry ? message : queryErrorMessage(message), { ...request, tone: "error" });
    if (retry) {
      element.append(" ", h("button", { type: "button", class: "ce-link", data: { testid: "search-retry" }, text: "重试 / Retry", on: { click: () => hub.emit("search:retry", {}) } }));
    }
  });
}
