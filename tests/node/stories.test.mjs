import assert from "node:assert/strict";
import { test } from "node:test";
import { pick } from "../../www/i18n.js";
import {
  collapsedResultsSummary,
  copiesLabel,
  moreCopiesLabel,
  showMoreCopiesLabel,
  sameCopies,
  similarityLabel,
  storiesOnceOf,
  storiesSummary,
  storyRows,
  thresholdValue,
  withOnePerStory,
} from "../../www/stories.js";

const docs = (n) => Array.from({ length: n }, (_, id) => ({ id, name: `d${id}.txt` }));
const names = (rows) => rows.map(({ doc, copies }) => [doc.name, copies.map((c) => c.doc.name)]);

test("without_stories_every_article_is_a_row_of_its_own", () => {
  const rows = storyRows(docs(3), { threshold: 0.6, documents: 3, stories: [] });
  assert.deepEqual(names(rows), [["d0.txt", []], ["d1.txt", []], ["d2.txt", []]]);
  assert.deepEqual(names(storyRows(docs(2), null)), [["d0.txt", []], ["d1.txt", []]]);
});

test("copies_are_folded_under_their_lead_in_id_order", () => {
  const grouping = { stories: [{ lead: 1, members: [{ id: 4, similarity: 0.8 }, { id: 2, similarity: 0.9 }] }] };
  const rows = storyRows(docs(5), grouping);
  assert.deepEqual(names(rows), [["d0.txt", []], ["d1.txt", ["d2.txt", "d4.txt"]], ["d3.txt", []]]);
  assert.deepEqual(rows[1].copies.map((c) => c.similarity), [0.9, 0.8]);
});

test("a_story_naming_missing_documents_keeps_what_is_there", () => {
  const grouping = {
    stories: [
      { lead: 9, members: [{ id: 0, similarity: 0.7 }] }, // lead gone: its member is a row
      { lead: 1, members: [{ id: 7, similarity: 0.7 }] }, // only member gone: no story
      { lead: 2, members: [{ id: 3, similarity: 0.7 }, { id: 8, similarity: 0.7 }] },
    ],
  };
  assert.deepEqual(names(storyRows(docs(4), grouping)), [["d0.txt", []], ["d1.txt", []], ["d2.txt", ["d3.txt"]]]);
});

test("a_document_is_folded_under_one_lead_only", () => {
  const grouping = {
    stories: [
      { lead: 0, members: [{ id: 2, similarity: 0.7 }] },
      { lead: 1, members: [{ id: 2, similarity: 0.7 }, { id: 0, similarity: 0.7 }, { id: 3, similarity: 0.7 }] },
    ],
  };
  assert.deepEqual(names(storyRows(docs(4), grouping)), [["d0.txt", ["d2.txt"]], ["d1.txt", ["d3.txt"]]]);
});

test("a_thousand_and_a_half_rows_are_grouped_quickly", () => {
  const list = docs(1500);
  const stories = Array.from({ length: 300 }, (_, i) => ({ lead: i * 5, members: [1, 2].map((k) => ({ id: i * 5 + k, similarity: 0.7 })) }));
  const started = performance.now();
  const rows = storyRows(list, { stories });
  assert.ok(performance.now() - started < 250, "linear in the documents: well under a frame's budget even on a busy machine");
  assert.equal(rows.length, 900);
  assert.equal(rows.reduce((sum, row) => sum + 1 + row.copies.length, 0), 1500);
});

test("same_copies_compares_names_and_similarity", () => {
  const a = [{ doc: { name: "x" }, similarity: 0.8 }];
  assert.equal(sameCopies(a, [{ doc: { name: "x", id: 5 }, similarity: 0.8 }]), true);
  assert.equal(sameCopies(a, [{ doc: { name: "x" }, similarity: 0.7 }]), false);
  assert.equal(sameCopies(a, []), false);
});

test("threshold_is_clamped_to_the_range_and_step", () => {
  assert.equal(thresholdValue("0.6"), 0.6);
  assert.equal(thresholdValue("0.66"), 0.65);
  assert.equal(thresholdValue("0.1"), 0.3);
  assert.equal(thresholdValue("7"), 1);
  assert.equal(thresholdValue(" "), 0.6);
  assert.equal(thresholdValue("abc", 0.8), 0.8);
  assert.equal(thresholdValue(0.35), 0.35);
});

test("one_per_story_goes_into_each_statistics_options_only_when_on", () => {
  const args = ["京东", { width: 20 }];
  assert.equal(withOnePerStory("concordance", args, false), args, "off: the very same arguments");
  assert.deepEqual(withOnePerStory("concordance", args, true), ["京东", { width: 20, onePerStory: true }]);
  assert.deepEqual(args[1], { width: 20 }, "the caller's options are not changed");
  assert.deepEqual(withOnePerStory("frequencies", [{ unit: "char" }], true), [{ unit: "char", onePerStory: true }]);
  assert.deepEqual(withOnePerStory("figures", [], true), [{ onePerStory: true }]);
  assert.deepEqual(withOnePerStory("keywords", [3, { minG2: 3.84 }], true), [3, { minG2: 3.84, onePerStory: true }]);
  assert.deepEqual(withOnePerStory("trends", [["京东"]], true), [["京东"], { onePerStory: true }]);
  assert.deepEqual(withOnePerStory("search", ["x"], true), ["x"], "not a statistic");
  for (const call of ["concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures"]) {
    const asked = withOnePerStory(call, call === "frequencies" || call === "figures" ? [] : ["q"], true);
    assert.equal(asked.find((a) => a && typeof a === "object" && !Array.isArray(a))?.onePerStory, true, call);
  }
});

test("stories_once_is_what_the_core_says", () => {
  assert.equal(storiesOnceOf({ storiesOnce: true }, true), true);
  assert.equal(storiesOnceOf({ storiesOnce: false }, true), false);
  assert.equal(storiesOnceOf({ rows: [] }, true), false);
  assert.equal(storiesOnceOf([], true), true, "an empty list of figures cannot say");
  assert.equal(storiesOnceOf([], false), false);
  assert.equal(storiesOnceOf([{ id: 0, storiesOnce: true }], true), true, "figures say it on each row");
  assert.equal(storiesOnceOf([{ id: 0 }], true), false);
});

test("story_labels_are_bilingual_and_counted", () => {
  assert.equal(copiesLabel(1), "1 篇转载 / 1 copy");
  assert.equal(copiesLabel(1200), "1,200 篇转载 / 1,200 copies");
  assert.equal(moreCopiesLabel(2), "另有 2 篇转载 / +2 copies");
  assert.equal(pick(moreCopiesLabel(2), "en"), "+2 copies");
  assert.equal(similarityLabel(0.874), "相似度 87% / 87% similar");
  assert.equal(similarityLabel(3), "相似度 100% / 100% similar");
  assert.equal(storiesSummary({ stories: [] }), "没有发现转载 / No copies found");
  assert.equal(
    storiesSummary({ stories: [{ lead: 0, members: [{ id: 1 }, { id: 2 }] }] }),
    "1 个报道有转载，共 2 篇转载 / 1 story with 2 copies",
  );
  assert.equal(
    collapsedResultsSummary(2, 4, 57),
    "2 个报道（4 篇文章），共 57 处 / 2 stories (4 articles), 57 occurrences",
  );
  assert.equal(pick(collapsedResultsSummary(1, 1, 1), "en"), "1 story (1 article), 1 occurrence");
  assert.equal(pick(copiesLabel(3), "zh"), "3 篇转载");
  assert.equal(showMoreCopiesLabel(50, 1446), "再显示 50 篇转载（还有 1,446 篇） / Show 50 more copies (1,446 left)");
  assert.equal(pick(showMoreCopiesLabel(1, 1), "en"), "Show 1 more copy (1 left)");
});
