// The search form: the query box, the three checkboxes (removed text, name
// variants, copies collapsed) and the sort order.
// Emits "query" while the user types (debounced) and at once on submit
// (Enter), so typing 京东 runs one search rather than one per key; ticking a
// box or choosing an order re-runs the search at once.
//
// The query box is the single source of truth for what is searched: a facet
// click arrives as "filter:toggle" and edits the box's text, then searches.

import { toggleFilter } from "../query-text.js";

/** Typing pause before a search runs, in ms: long enough to skip the
 *  intermediate keystrokes of an IME composition burst, short enough to feel live. */
export const DEBOUNCE_MS = 120;

/**
 * @param {HTMLFormElement} form contains one `<input type="search">`, the
 *   `include-removed`, `match-variants` and `collapse-copies` checkboxes and the `sort` select
 * @param {{ on: Function, emit: Function }} hub
 * @returns {{ input: HTMLInputElement, read: () => object, write: (fields: object) => void }}
 */
export function mountSearchBox(form, hub, { delay = DEBOUNCE_MS } = {}) {
  const input = form.querySelector('input[type="search"]');
  const includeRemoved = form.querySelector('[data-testid="include-removed"]');
  const variants = form.querySelector('[data-testid="match-variants"]');
  const collapse = form.querySelector('[data-testid="collapse-copies"]');
  const sort = form.querySelector('[data-testid="sort"]');
  let timer = 0;

  /** What the form asks for now. */
  const read = () => ({
    query: input.value,
    includeRemoved: includeRemoved.checked,
    variants: variants.checked,
    collapse: collapse.checked,
    sort: sort.value,
  });

  const emitNow = () => {
    clearTimeout(timer);
    hub.emit("query", read());
  };

  input.addEventListener("input", (event) => {
    // While an IME is composing, the text is not the user's word yet.
    if (event.isComposing) return;
    clearTimeout(timer);
    timer = setTimeout(emitNow, delay);
  });
  input.addEventListener("compositionend", () => {
    clearTimeout(timer);
    timer = setTimeout(emitNow, delay);
  });
  includeRemoved.addEventListener("change", emitNow);
  variants.addEventListener("change", emitNow);
  collapse.addEventListener("change", emitNow);
  sort.addEventListener("change", emitNow);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    emitNow();
  });

  hub.on("filter:toggle", ({ field, value }) => {
    input.value = toggleFilter(input.value, field, value);
    emitNow();
  });

  // A query the core refused is marked invalid; the status line (the box's
  // description) says why.
  hub.on("search:failed", () => input.setAttribute("aria-invalid", "true"));
  hub.on("search:results", () => input.removeAttribute("aria-invalid"));

  /** Sets the fields (from the address) without searching. */
  const write = ({ query = "", includeRemoved: removed = false, variants: matchVariants = false, collapse: collapsed = false, sort: order = "relevance" }) => {
    clearTimeout(timer);
    input.value = query;
    includeRemoved.checked = Boolean(removed);
    variants.checked = Boolean(matchVariants);
    collapse.checked = Boolean(collapsed);
    sort.value = order;
  };

  return { input, read, write };
}
