// The page's views (the tabs) and how the address names them. Its own small
// module because search needs it at start-up (tabs, address, reader) while
// everything else about the analysis views loads only when one first opens
// (analysis.js). Pure; no DOM.

/** The tabs, in order. `id` is also the address fragment (#concordance) and the panel's test id. */
export const VIEWS = Object.freeze([
  { id: "search", zh: "检索", en: "Search" },
  { id: "concordance", zh: "索引行", en: "Concordance" },
  { id: "dispersion", zh: "分布", en: "Dispersion" },
  { id: "frequencies", zh: "词频", en: "Frequencies" },
  { id: "collocates", zh: "搭配", en: "Collocates" },
  { id: "keywords", zh: "关键词", en: "Keywords" },
  { id: "trends", zh: "趋势", en: "Trends" },
  { id: "figures", zh: "数字", en: "Figures" },
]);

/** The view an address fragment names ("#collocates"), or "search" for anything else. */
export function viewFromHash(hash) {
  const id = String(hash ?? "").replace(/^#/, "").trim().toLowerCase();
  return VIEWS.some((v) => v.id === id) ? id : "search";
}

/** The fragment that names a view; the search view needs none. */
export function hashForView(id) {
  return id === "search" || !VIEWS.some((v) => v.id === id) ? "" : `#${id}`;
}

/** "索引行 / Concordance". */
export function viewLabel(id) {
  const view = VIEWS.find((v) => v.id === id);
  return view ? `${view.zh} / ${view.en}` : String(id);
}
