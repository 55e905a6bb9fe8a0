// The banner for what should not happen: the worker died, or the core
// panicked. The page stays usable (engine.js has started a new worker); the
// banner says what went wrong until it is dismissed.

import { errorBannerMessage } from "../format.js";

/**
 * @param {HTMLElement} container `[data-testid="error-banner"]` (role="alert")
 * @param {{ on: Function }} hub listens for "app:error" { message }
 */
export function mountErrorBanner(container, hub) {
  const text = container.querySelector('[data-testid="error-banner-text"]');
  container.querySelector('[data-testid="error-banner-close"]').addEventListener("click", () => {
    container.hidden = true;
  });
  hub.on("app:error", ({ message }) => {
    text.textContent = errorBannerMessage(message);
    container.hidden = false;
  });
}
