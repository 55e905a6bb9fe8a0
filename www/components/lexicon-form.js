// 添加词语 / Add a word: the user lexicon. The word list splits text into
// words; a name or term it does not know (直播电商) comes out in pieces. A word
// added here is kept whole by every word statistic — the open word view
// recomputes at once and says how long that took — and is remembered in this
// browser. Shared by the word views (concordance, frequencies, collocates,
// keywords), shown above them.

import { wordAddedLabel, wordForgottenLabel, wordRefusedLabel } from "../analysis-format.js";
import { h } from "../dom.js";
import { bilingual } from "./view-kit.js";

/** The views the lexicon matters to. */
export const WORD_VIEWS = new Set(["concordance", "frequencies", "collocates", "keywords"]);

/**
 * @param {HTMLDetailsElement} container the lexicon `<details>`, empty but for its summary
 * @param {{ on: Function, emit: Function, request: Function }} hub
 */
export function mountLexiconForm(container, hub) {
  const input = h("input", {
    type: "text", name: "word", autocomplete: "off", spellcheck: false, required: true,
    class: "ce-text", data: { testid: "lexicon-word" },
  });
  const add = h("button", { type: "submit", class: "ce-button", data: { testid: "lexicon-add" } }, bilingual("添加", "Add"));
  const message = h("p", { class: "ce-variant-message", role: "status", "aria-live": "polite", data: { testid: "lexicon-message" } });
  const list = h("ul", { class: "ce-user-variants", "aria-label": "已添加的词语 / Words you added", data: { testid: "lexicon-words" }, hidden: true });
  const form = h("form", { class: "ce-lexicon-form", data: { testid: "lexicon-form" } },
    h("p", { class: "ce-help-note" },
      "词表不认识的词（如“直播电商”）会被切开。添加后，所有词语统计都把它当作一个词，并保存在本浏览器中。 ",
      h("span", { lang: "en", text: "Words the word list does not know are split apart. Once added, every word statistic keeps the word whole; it is remembered in this browser." })),
    h("div", { class: "ce-variant-fields" },
      h("label", { class: "ce-field" }, h("span", {}, bilingual("词语", "Word")), input),
      add),
    message,
    list);
  container.append(form);

  let pending = null; // the word just added, waiting for a view's recompute time
  const say = (text, tone = "info") => {
    message.textContent = text;
    message.dataset.tone = tone;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const word = input.value.trim();
    if (word === "") return;
    try {
      pending = word;
      await hub.request("word:add", { word });
    } catch (error) {
      pending = null;
      say(wordRefusedLabel(error instanceof Error ? error.message : String(error)), "error");
      input.setAttribute("aria-invalid", "true");
      return;
    }
    input.value = "";
    input.removeAttribute("aria-invalid");
    // A view that recomputed in the meantime already said so.
    if (pending === word) say(wordAddedLabel(word));
  });

  hub.on("words:recomputed", ({ ms }) => {
    if (pending === null) return;
    say(wordAddedLabel(pending, ms));
    message.dataset.ms = String(ms);
    pending = null;
  });

  const renderList = (words) => {
    list.replaceChildren(...words.map((word) =>
      h("li", { data: { testid: "lexicon-entry", word } },
        h("span", { text: word }), " ",
        h("button", {
          type: "button", class: "ce-link ce-forget", "aria-label": `移除 / Remove: ${word}`,
          on: {
            click: async () => {
              const { words: left } = await hub.request("word:forget", { word });
              renderList(left);
              say(wordForgottenLabel(word));
              input.focus();
            },
          },
        }, "移除 / Remove"))));
    list.hidden = words.length === 0;
  };

  hub.on("words:user", ({ words }) => renderList(words));
  hub.on("words:changed", ({ words }) => renderList(words));
  hub.on("view:show", ({ view }) => {
    container.hidden = !WORD_VIEWS.has(view);
  });
}
