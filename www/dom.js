// Building elements without innerHTML, for the search components and the
// analysis views alike: h() for HTML, svg() for the charts. Text only ever
// goes in as text (textContent, or text nodes from string children), so
// corpus text can never become markup. No imports, no state.

const SVG_NS = "http://www.w3.org/2000/svg";

/** Properties set as properties; everything else in `props` is an attribute. */
const PROPERTIES = new Set([
  "type", "value", "checked", "disabled", "hidden", "id", "name", "min", "max", "step",
  "title", "lang", "rows", "tabIndex", "htmlFor", "placeholder", "autocomplete", "spellcheck", "selected",
]);

/**
 * An HTML element: `h("button", { class: "ce-link", text: "打开", data: { testid: "x" },
 * on: { click } , "aria-label": "…" }, child…)`. Props that are undefined, null or false
 * are left out; children may be nodes, strings (as text) or arrays of them, and
 * null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props, false);
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

/** An SVG element, attributes only (x, y, width, class …); never a style attribute. */
export function svg(tag, props = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props, true);
  element.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return element;
}

function applyProps(element, props, isSvg) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") element.setAttribute("class", value);
    else if (key === "text") element.textContent = value;
    else if (key === "data") Object.assign(element.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) element.addEventListener(type, fn);
    else if (!isSvg && PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
}
