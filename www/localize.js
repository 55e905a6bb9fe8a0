// Shows the interface in one language (i18n.js): marks each bilingual piece of
// UI chrome as Chinese or English (span.ce-i18n[lang]) and lets style.css hide
// the other side under [data-ui-lang]. The text itself is not changed, so
// textContent stays "中文 / English". Corpus text (titles, snippets, the
// reader, concordance lines, table cells) is never touched: it is Chinese in
// any interface language.

import { htmlLang, pick, splitBilingual } from "./i18n.js";

const CORPUS = ".ce-reader-text, .ce-snippets, .ce-hit-title, .ce-article-title, .ce-reader-title, .ce-kwic-line, td, code, mark, [data-corpus], .ce-i18n, datalist, script, style";
const CJK = /[\u3400-\u9fff]/;
const INLINE = new Set(["CODE", "B", "EM", "STRONG", "I"]);
const ATTRIBUTES = ["aria-label", "title", "placeholder"];

function span(lang, text) {
  const el = document.createElement("span");
  el.className = "ce-i18n";
  el.lang = lang;
  el.textContent = text;
  return el;
}

function separator(text) {
  const el = document.createElement("span");
  el.className = "ce-i18n-sep";
  el.setAttribute("aria-hidden", "true");
  el.textContent = text;
  return el;
}

/** A text node "中文 / English" becomes three spans with the same text. */
function splitTextNode(node) {
  const parts = splitBilingual(node.nodeValue);
  if (!parts) return;
  node.replaceWith(span("zh-Hans", parts.zh), separator(" / "), span("en", parts.en), parts.tail);
}

/** "中文 <span lang=en>/ English</span>": the Chinese run before it gets its own span. */
function pairEnglishSpan(en) {
  if (en.classList.contains("ce-i18n") || en.closest(CORPUS.replace(", .ce-i18n", ""))) return;
  const run = [];
  for (let node = en.previousSibling; node; node = node.previousSibling) {
    if (node.nodeType === 3 || (node.nodeType === 1 && INLINE.has(node.tagName))) run.unshift(node);
    else break;
  }
  if (!run.some((node) => CJK.test(node.textContent))) return;
  const zh = document.createElement("span");
  zh.className = "ce-i18n";
  zh.lang = "zh-Hans";
  // Leading and trailing spaces stay outside, shown in both languages.
  en.before(zh);
  zh.append(...run);
  en.classList.add("ce-i18n");
  const first = en.firstChild;
  if (first?.nodeType === 3) {
    const slash = /^\s*\/\s*/.exec(first.nodeValue);
    if (slash) {
      first.nodeValue = first.nodeValue.slice(slash[0].length);
      en.prepend(separator(slash[0]));
    }
  }
}

/** Attributes and <option>s can hold no spans: they get the one side, the original kept. */
function localizeAttributes(el, lang) {
  for (const name of ATTRIBUTES) {
    const key = `i18n${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`;
    const original = el.dataset[key] ?? el.getAttribute(name);
    if (original === null || !splitBilingual(original)) continue;
    el.dataset[key] = original;
    el.setAttribute(name, pick(original, lang));
  }
  if (el.tagName === "OPTION") {
    const original = el.dataset.i18nText ?? el.textContent;
    if (splitBilingual(original)) {
      el.dataset.i18nText = original;
      el.textContent = pick(original, lang);
    }
  }
}

function localizeTree(node, lang) {
  if (node.nodeType === 3) {
    const parent = node.parentElement;
    if (parent && !parent.closest(CORPUS) && parent.tagName !== "OPTION") splitTextNode(node);
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 11) return;
  const elements = node.nodeType === 1 ? [node, ...node.querySelectorAll("*")] : [...node.querySelectorAll("*")];
  for (const el of elements) {
    if (el.hasAttribute?.("lang") && el.getAttribute("lang") === "en" && el.tagName === "SPAN") pairEnglishSpan(el);
    localizeAttributes(el, lang);
  }
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t.nodeValue.includes(" / ")) texts.push(t);
  }
  for (const t of texts) {
    const parent = t.parentElement;
    if (parent && !parent.closest(CORPUS) && parent.tagName !== "OPTION") splitTextNode(t);
  }
}

/**
 * Puts `container` (the page's <body>, or the embed's markup) in `lang` and
 * keeps whatever the components render there in it. `langElement` gets
 * lang and data-ui-lang (<html>, or the embed's host and markup).
 * @returns {(lang: "zh" | "en") => void} switches the language
 */
export function localize(container, langElements, lang) {
  let current = lang;
  const apply = () => {
    for (const el of langElements) {
      el.lang = htmlLang(current);
      el.dataset.uiLang = current;
    }
    localizeTree(container, current);
  };
  apply();
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") {
        localizeTree(record.target, current);
      } else {
        for (const node of record.addedNodes) if (node.isConnected) localizeTree(node, current);
      }
    }
  });
  observer.observe(container, { childList: true, subtree: true, characterData: true });
  return (next) => {
    current = next;
    apply();
  };
}
