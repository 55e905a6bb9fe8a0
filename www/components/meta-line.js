// A metadata line, "2020-07-17 · 简体 · UTF-8 · 2,243 字", built so a narrow
// screen breaks it between fields only: each field and the " ·" after it wrap
// as one unit (.ce-meta-item), so a line never starts with "·" nor splits
// "2,243 字". The text reads the same as the fields joined with " · ".

/**
 * @param {(string | Node)[]} parts each field, as text or as an element
 * @returns {Node[]} nodes to append to the line
 */
export function metaItems(parts) {
  const nodes = [];
  parts.forEach((part, i) => {
    const item = document.createElement("span");
    item.className = "ce-meta-item";
    item.append(part);
    if (i < parts.length - 1) {
      item.append(" ·");
      nodes.push(item, " ");
    } else {
      nodes.push(item);
    }
  });
  return nodes;
}
