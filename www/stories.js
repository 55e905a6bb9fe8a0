// Stories (issue 17): near-duplicate articles — reposts, lightly edited copies
// across sites — that the core groups by MinHash over character shingles. A
// story is its lead (the member added first) and its copies, each with its
// estimated similarity to the lead. Pure helpers for the page: the article
// list's rows with copies folded under their lead, the threshold's bounds, the
// "count reposts once" option every statistic gets, and the words the page
// says about all of it. No DOM; tests/node/stories.test.mjs pins them.
//
// The core's answer (corpus.stories(), corpus.setStoryThreshold(t)):
//   { threshold, documents, stories: [{ lead, members: [{ id, similarity }] }] }
// with only groups of two or more documents, and members not including the lead.

import { formatNumber } from "./format.js";


/** The threshold's range and step in the page's control; the core's default. */
export const THRESHOLD = Object.freeze({ min: 0.3, max: 1, step: 0.05, default: 0.6 });

/**
 * The statistics that take `onePerStory`, each with the position of its
 * options argument (concordance(query, options), frequencies(options), …).
 * figures() is asked with no arguments when the option is off.
 */
export const OPTIONS_ARGUMENT = Object.freeze({
  concordance: 1,
  dispersion: 1,
  frequencies: 0,
  collocates: 1,
  keywords: 1,
  trends: 1,
  figures: 0,
});

/**
 * The article list's rows: one per article that is not a copy, in document
 * order, each with the copies folded under it (by id, with their similarity
 * to it). Without stories every article is a row of its own with no copies,
 * so a corpus without reposts lists exactly as before. A story naming an id
 * the list does not have (the answers crossed a change) loses that member; a
 * story whose lead is missing is ignored, its members listed as rows.
 *
 * @param {{ id: number }[]} documents in id order
 * @param {{ stories?: { lead: number, members: { id: number, similarity: number }[] }[] } | null} grouping
 * @returns {{ doc: object, copies: { doc: object, similarity: number }[] }[]}
 */
export function storyRows(documents, grouping) {
  const stories = Array.isArray(grouping?.stories) ? grouping.stories : [];
  if (stories.length === 0) return documents.map((doc) => ({ doc, copies: [] }));
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const copiesOf = new Map(); // lead id → copies
  const folded = new Set(); // ids shown under a lead
  for (const { lead, members } of stories) {
    if (!byId.has(lead) || folded.has(lead) || copiesOf.has(lead)) continue;
    const copies = [];
    for (const { id, similarity } of Array.isArray(members) ? members : []) {
      if (id === lead || !byId.has(id) || folded.has(id) || copiesOf.has(id)) continue;
      copies.push({ doc: byId.get(id), similarity: Number(similarity) || 0 });
      folded.add(id);
    }
    if (copies.length === 0) continue;
    copies.sort((a, b) => a.doc.id - b.doc.id);
    copiesOf.set(lead, copies);
  }
  const rows = [];
  for (const doc of documents) {
    if (folded.has(doc.id)) continue;
    rows.push({ doc, copies: copiesOf.get(doc.id) ?? [] });
  }
  return rows;
}

/** Whether two rows show the same copies (by name, in order, at the same similarity). */
export function sameCopies(a, b) {
  if (a.length !== b.length) return false;
  return a.every((copy, i) => copy.doc.name === b[i].doc.name && copy.similarity === b[i].similarity);
}

/**
 * A threshold from the control's text, in the core's range and on its step;
 * `fallback` for anything that is not a number.
 */
export function thresholdValue(raw, fallback = THRESHOLD.default) {
  const text = String(raw ?? "").trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n)) return fallback;
  const clamped = Math.min(THRESHOLD.max, Math.max(THRESHOLD.min, n));
  // On the step, without binary fractions creeping in (0.6500000000000001).
  return Math.round(Math.round(clamped / THRESHOLD.step) * THRESHOLD.step * 100) / 100;
}

/**
 * The arguments of statistic `call` with `onePerStory: true` added to its
 * options, when `onePerStory` is on; the same arguments otherwise, so a page
 * with the option off asks the core exactly what it asked before.
 */
export function withOnePerStory(call, args = [], onePerStory = false) {
  const at = OPTIONS_ARGUMENT[call];
  if (!onePerStory || at === undefined) return args;
  const next = [...args];
  while (next.length < at) next.push(undefined);
  const options = next[at];
  next[at] = { ...(options && typeof options === "object" ? options : {}), onePerStory: true };
  return next;
}

/**
 * Whether a statistic's answer counted one document per story, as the core
 * says (`storiesOnce`). An answer that is a list (figures) says it on each
 * row; an empty list cannot say, and counted once when asked to.
 */
export function storiesOnceOf(answer, asked) {
  if (Array.isArray(answer)) {
    const said = answer[0]?.storiesOnce;
    return typeof said === "boolean" ? said : answer.length === 0 && Boolean(asked);
  }
  return Boolean(answer && typeof answer === "object" && answer.storiesOnce === true);
}

/** English noun with its number: plural("article", 2), plural("copy", 2, "copies"). */
function plural(noun, n, nouns = `${noun}s`) {
  return `${formatNumber(n)} ${n === 1 ? noun : nouns}`;
}

/** The disclosure under a lead: "3 篇转载 / 3 copies". */
export function copiesLabel(count) {
  return `${formatNumber(count)} 篇转载 / ${plural("copy", count, "copies")}`;
}

/**
 * Under the copies shown so far, when a story has more:
 * "再显示 50 篇转载（还有 1,446 篇） / Show 50 more copies (1,446 left)".
 */
export function showMoreCopiesLabel(next, left) {
  return `再显示 ${formatNumber(next)} 篇转载（还有 ${formatNumber(left)} 篇） / Show ${plural("more copy", next, "more copies")} (${formatNumber(left)} left)`;
}

/** On a collapsed search hit: "另有 2 篇转载 / +2 copies". */
export function moreCopiesLabel(count) {
  return `另有 ${formatNumber(count)} 篇转载 / +${plural("copy", count, "copies")}`;
}

/** A copy's similarity to its lead (estimated Jaccard, 0..1): "相似度 87% / 87% similar". */
export function similarityLabel(similarity) {
  const percent = Math.round(Math.min(1, Math.max(0, Number(similarity) || 0)) * 100);
  return `相似度 ${percent}% / ${percent}% similar`;
}

/**
 * Under the threshold control: "2 个报道有转载，共 3 篇转载 / 2 stories with 3
 * copies", or that there are none at this threshold.
 */
export function storiesSummary(grouping) {
  const stories = Array.isArray(grouping?.stories) ? grouping.stories : [];
  if (stories.length === 0) return "没有发现转载 / No copies found";
  const copies = stories.reduce((sum, story) => sum + (Array.isArray(story.members) ? story.members.length : 0), 0);
  return `${formatNumber(stories.length)} 个报道有转载，共 ${formatNumber(copies)} 篇转载 / ${plural("story", stories.length, "stories")} with ${plural("copy", copies, "copies")}`;
}

/**
 * The status line after a search with copies collapsed:
 * "2 个报道（4 篇文章），共 57 处 / 2 stories (4 articles), 57 occurrences".
 */
export function collapsedResultsSummary(stories, documents, occurrences) {
  return `${formatNumber(stories)} 个报道（${formatNumber(documents)} 篇文章），共 ${formatNumber(occurrences)} 处 / ${plural("story", stories, "stories")} (${plural("article", documents)}), ${plural("occurrence", occurrences)}`;
}

/** In an analysis view's status when its answer counted one document per story. */
export const STORIES_ONCE_LABEL = "转载只计一次 / Reposts counted once";
