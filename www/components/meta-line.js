// A metadata line, "2020-07-17 · 简体 · UTF-8 · 2,243 字", built so a narrow
// screen breaks it between fields only: each field and the " ·" after it wrap
// as one unit (.ce-meta-item), so a line never starts with "·" nor splits
// "2,243 字". The text reads the same as the fields joined with " · ".

import { h } from "../dom.js";

/**
 * @param {(string | Node)[]} parts each field, as text or as an element
 * @returns {Node[]} nodes to append to the line
 */
export function metaItems(parts) {
  const nodes = [];
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    nodes.push(h("span", { class: "ce-meta-item" }, part, !last && " ·"));
    if (!last) nodes.push(" ");
  });
  return nodes;
}
