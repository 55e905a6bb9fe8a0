// The language part of the app: one interface language at a time (i18n.js,
// localize.js), the saved choice or the browser's, switched by the toggle in
// the header (an embed gets its own toggle at the top of its markup).

import { h } from "../dom.js";
import { initialLanguage, saveLanguage, toggleLabel } from "../i18n.js";
import { localize } from "../localize.js";
import { browserStorage } from "../user-variants.js";

/**
 * @param {Document | ShadowRoot} root the app's root
 * @param {boolean} embedded a guest's language is set on its own element, not the page's <html>
 */
export function mountLanguage(root, embedded) {
  const storage = browserStorage();
  let lang = initialLanguage(storage, globalThis.navigator?.languages ?? []);
  const markup = root.querySelector("main");
  const container = embedded ? root : root.body;
  const langElements = embedded ? [root.host, markup].filter(Boolean) : [root.documentElement];
  let toggle = root.querySelector('[data-testid="language-toggle"]');
  if (!toggle && markup) {
    toggle = h("button", { type: "button", class: "ce-button ce-button-quiet ce-lang-toggle", data: { testid: "language-toggle" } });
    markup.prepend(toggle);
  }
  const label = () => {
    if (!toggle) return;
    toggle.textContent = toggleLabel(lang);
    toggle.lang = lang === "en" ? "zh-Hans" : "en";
  };
  label();
  const switchTo = localize(container, langElements, lang);
  toggle?.addEventListener("click", () => {
    lang = lang === "en" ? "zh" : "en";
    saveLanguage(storage, lang);
    label();
    switchTo(lang);
  });
}
