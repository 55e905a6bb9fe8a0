// The search form. Emits "query" while the user types (debounced) and at once
// on submit (Enter), so typing 京东 runs one search rather than one per key.

/** Typing pause before a search runs, in ms: long enough to skip the
 *  intermediate keystrokes of an IME composition burst, short enough to feel live. */
export const DEBOUNCE_MS = 120;

/**
 * @param {HTMLFormElement} form contains one `<input type="search">`
 * @param {{ emit: Function }} hub
 */
export function mountSearchBox(form, hub, { delay = DEBOUNCE_MS } = {}) {
  const input = form.querySelector('input[type="search"]');
  let timer = 0;

  const emitNow = () => {
    clearTimeout(timer);
    hub.emit("query", { query: input.value });
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
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    emitNow();
  });

  return { input };
}
