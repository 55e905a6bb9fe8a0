// Shows the interface in one language (i18n.js): marks each bilingual piece of
// UI chrome as Chinese or English (span.ce-i18n[lang]) and lets style.css hide
// the other side under [data-ui-lang]. The text itself is not changed, so
// textContent stays "中文 / English". Corpus text (titles, snippets, the
// reader, concordance lines, table cells) is never touched: it is Chinese in
// any interface language. SVG text (chart titles and axis labels) can hold no
// HTML spans: it gets the one side, like attributes, the original kept.

import { htmlLang, pick, splitBilingual } from "./i18n.js";

const CORPUS = ".ce-reader-text, .ce-snippets, .ce-hit-title, .ce-article-title, .ce-reader-title, .ce-kwic-line, td, code, mark, [data-corpus], datalist, script, style";
/** Text never split: corpus text, and what is split already (a language's span, the separator). */
const NOT_SPLIT = `${CORPUS}, .ce-i18n, .ce-i18n-sep`;
const CJK = /[\u3400-\u9fff]/;
const INLINE = new Set(["CODE", "B", "EM", "STRONG", "I"]);
/** Attributes shown in one language, each with the data-* key its original is kept under. */
const ATTRIBUTES = ["aria-label", "title", "placeholder"].map((name) => [
  name,
  `i18n${name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`,
]);
/**
 * The elements localizeAttributes has work on, found by the browser's selector
 * engine rather than by visiting every element in script: a row of the article
 * list has a dozen elements and one of them has an aria-label.
 */
const WITH_ATTRIBUTES = [
  ...ATTRIBUTES.map(([name]) => `[${name}]`),
  ...ATTRIBUTES.map(([name]) => `[data-i18n-${name}]`),
  "option",
].join(", ");
/** "中文 <span lang=en>/ English</span>" in markup: the English side of a pair not yet made. */
const ENGLISH_SPANS = 'span[lang="en"]:not(.ce-i18n)';
const SVG_NS = "http://www.w3.org/2000/svg";

/** SVG text nodes showing one side: node → { original, shown }. */
const svgTexts = new WeakMap();

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

/**
 * "中文 / English" as the nodes the page shows one of: a span per language and
 * the separator between them (the same text), or null when `text` is not
 * bilingual. For chrome where the page never splits text itself — a table
 * cell, which is corpus text unless a view says otherwise.
 * @returns {(Node | string)[] | null}
 */
export function languageSpans(text) {
  const parts = splitBilingual(text);
  if (!parts) return null;
  return [span("zh-Hans", parts.zh), separator(" / "), span("en", parts.en), parts.tail].filter((part) => part !== "");
}

/** A text node "中文 / English" becomes three spans with the same text. */
function splitTextNode(node) {
  const nodes = languageSpans(node.nodeValue);
  if (nodes) node.replaceWith(...nodes);
}

/** "中文 <span lang=en>/ English</span>": the Chinese run before it gets its own span. */
function pairEnglishSpan(en) {
  if (en.classList.contains("ce-i18n") || en.closest(CORPUS)) return;
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

/**
 * A bilingual text node inside an <svg> shows the side for `lang`. A node the
 * page has rewritten since (its text is no longer the side shown) is a new original.
 */
function localizeSvgText(node, lang) {
  const known = svgTexts.get(node);
  const original = known && known.shown === node.nodeValue ? known.original : node.nodeValue;
  if (!splitBilingual(original)) return;
  const shown = pick(original, lang);
  svgTexts.set(node, { original, shown });
  // Only a real change: writing the same text would queue a mutation record, and another.
  if (node.nodeValue !== shown) node.nodeValue = shown;
}

/** A chrome text node in `lang`: split into spans in HTML, one side in SVG. */
function localizeText(node, lang) {
  const parent = node.parentElement;
  if (!parent || parent.closest(NOT_SPLIT) || parent.tagName === "OPTION") return;
  if (parent.namespaceURI === SVG_NS) localizeSvgText(node, lang);
  else splitTextNode(node);
}

/** Attributes and <option>s can hold no spans: they get the one side, the original kept. */
function localizeAttributes(el, lang) {
  for (const [name, key] of ATTRIBUTES) {
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

/** `node` (when it matches) and the elements under it that match `selector`. */
function matching(node, selector) {
  const found = [...node.querySelectorAll(selector)];
  if (node.nodeType === 1 && node.matches(selector)) found.unshift(node);
  return found;
}

function localizeTree(node, lang) {
  if (node.nodeType === 3) {
    localizeText(node, lang);
    return;
  }
  if (node.nodeType !== 1 && node.nodeType !== 11) return;
  if (node.nodeType === 1 && node.firstChild === null) {
    // An empty element (a placeholder row of the article list): its own attributes only.
    if (node.matches(WITH_ATTRIBUTES)) localizeAttributes(node, lang);
    return;
  }
  for (const el of matching(node, ENGLISH_SPANS)) pairEnglishSpan(el);
  for (const el of matching(node, WITH_ATTRIBUTES)) localizeAttributes(el, lang);
  // Every text node is looked at, but only one with " / " (or an SVG label) costs more than that.
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const texts = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t.nodeValue.includes(" / ") || svgTexts.has(t)) texts.push(t);
  }
  for (const t of texts) localizeText(t, lang);
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
