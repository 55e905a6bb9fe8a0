// The one-line status under the search box. Its element is an aria-live
// region, so screen readers hear the outcome of each search without moving focus.

import {
  LOADING_MESSAGE,
  loadedMessage,
  loadErrorsMessage,
  loadFailedMessage,
  noMatchesMessage,
  resultsSummary,
  searchFailedMessage,
} from "../format.js";

/**
 * @param {HTMLElement} element an `aria-live="polite"` element
 * @param {{ on: Function }} hub
 */
export function mountStatusLine(element, hub) {
  let idle = LOADING_MESSAGE;

  const show = (text, { query = null, tone = "info" } = {}) => {
    element.textContent = text;
    element.dataset.tone = tone;
    if (query === null) delete element.dataset.query;
    else element.dataset.query = query;
  };

  show(idle);

  hub.on("corpus:loaded", ({ documents, errors }) => {
    idle = loadedMessage(documents.length);
    if (errors.length > 0) idle += `；${loadErrorsMessage(errors.length)}`;
    show(idle, { tone: errors.length > 0 ? "warning" : "info" });
  });

  hub.on("corpus:failed", ({ message }) => {
    show(loadFailedMessage(message), { tone: "error" });
  });

  hub.on("search:results", ({ query, answer }) => {
    if (query === "") show(idle, { query });
    else if (answer.total === 0) show(noMatchesMessage(query), { query });
    else show(resultsSummary(answer.total, answer.occurrences, answer.hits.length), { query });
  });

  hub.on("search:failed", ({ query, message }) => {
    show(searchFailedMessage(query, message), { query, tone: "error" });
  });
}
