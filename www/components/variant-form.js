// The "add a name variant" form: an entity (suggested from the corpus's own
// table) and another name for it. Emits "variant:add"; main.js asks the core
// and answers "variant:added" or "variant:refused", which this form says in
// its own status line. Lists the variants the reader added, each with a button
// to remove it again (the core drops it at once).

import { h } from "../dom.js";
import {
  userVariantLabel,
  variantAddedMessage,
  variantForgottenMessage,
  variantNotRemovedMessage,
  variantRefusedMessage,
} from "../format.js";

/**
 * @param {HTMLElement} container the `<details>` holding the form
 * @param {{ on: Function, emit: Function }} hub
 */
export function mountVariantForm(container, hub) {
  const form = container.querySelector("form");
  const canonical = form.querySelector('[data-testid="variant-canonical"]');
  const variant = form.querySelector('[data-testid="variant-name"]');
  const message = form.querySelector('[data-testid="variant-message"]');
  const list = form.querySelector('[data-testid="user-variants"]');
  const names = form.querySelector("datalist");

  const say = (text, tone) => {
    message.textContent = text;
    message.dataset.tone = tone;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const pair = { canonical: canonical.value.trim(), variant: variant.value.trim() };
    if (pair.canonical === "" || pair.variant === "") return;
    hub.emit("variant:add", pair);
  });

  hub.on("corpus:loaded", ({ entities = [] }) => {
    names.replaceChildren(
      ...entities.map(({ canonical: name }) => h("option", { value: name })),
    );
  });

  hub.on("variant:added", ({ canonical: c, variant: v }) => {
    say(variantAddedMessage(c, v), "info");
    variant.value = "";
    variant.removeAttribute("aria-invalid");
  });

  hub.on("variant:refused", ({ message: reason, removing = false }) => {
    if (removing) {
      say(variantNotRemovedMessage(reason), "error");
      return;
    }
    say(variantRefusedMessage(reason), "error");
    variant.setAttribute("aria-invalid", "true");
  });

  hub.on("variant:forgotten", ({ canonical: c, variant: v }) => {
    say(variantForgottenMessage(c, v), "info");
  });

  hub.on("variants:user", ({ pairs }) => {
    list.replaceChildren(...pairs.map(([c, v]) => renderPair(c, v)));
    list.hidden = pairs.length === 0;
  });

  function renderPair(c, v) {
    const forget = () => {
      hub.emit("variant:forget", { canonical: c, variant: v });
      variant.focus();
    };
    return h(
      "li",
      { data: { testid: "user-variant", canonical: c, variant: v } },
      h("span", { text: userVariantLabel(c, v) }),
      " ",
      h("button", {
        type: "button",
        class: "ce-link ce-forget",
        data: { testid: "user-variant-forget" },
        text: "移除 / Remove",
        "aria-label": `移除 / Remove: ${v} → ${c}`,
        on: { click: forget },
      }),
    );
  }
}
