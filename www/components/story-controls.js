// The stories' controls above the article list (issue 17): the similarity
// threshold at which the core groups an article with its copies (0.3–1.0 in
// steps of 0.05; 0.6 unless changed) and a line saying how many stories have
// copies. A new threshold is asked for as "stories:threshold"; the corpus part
// regroups and says "stories:changed", and the list folds the copies anew.
// Hidden while the core has no stories to offer.

import { storiesSummary, THRESHOLD, thresholdValue } from "../stories.js";

/**
 * @param {HTMLElement} container holds `input[data-testid="story-threshold"]`
 *   and `[data-testid="story-summary"]`
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountStoryControls(container, hub) {
  const input = container.querySelector('[data-testid="story-threshold"]');
  const summary = container.querySelector('[data-testid="story-summary"]');
  input.min = String(THRESHOLD.min);
  input.max = String(THRESHOLD.max);
  input.step = String(THRESHOLD.step);
  let shown = THRESHOLD.default; // the threshold the list is grouped at

  const said = (grouping) => {
    container.hidden = grouping === null || grouping === undefined;
    if (container.hidden) return;
    if (typeof grouping.threshold === "number") shown = grouping.threshold;
    // The reader's half-typed value stays while they are in the box.
    if (input.ownerDocument.activeElement !== input || thresholdValue(input.value, NaN) === shown) input.value = String(shown);
    summary.textContent = storiesSummary(grouping);
    container.dataset.threshold = String(shown);
  };

  hub.on("corpus:loaded", ({ stories = null }) => said(stories));
  hub.on("stories:changed", ({ stories }) => said(stories));

  // On change (Enter, the arrows, leaving the box), not on every key: "0.7"
  // typed would regroup at 0.3 (clamped from "0") first.
  input.addEventListener("change", () => {
    const threshold = thresholdValue(input.value, shown);
    input.value = String(threshold);
    if (threshold !== shown) hub.emit("stories:threshold", { threshold });
  });
}
