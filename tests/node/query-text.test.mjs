import assert from "node:assert/strict";
import { test } from "node:test";
import {
  activeFilters,
  addFilter,
  facetEntries,
  facetFilter,
  filterToken,
  hasFilter,
  quoteValue,
  removeFilter,
  tokenize,
  toggleFilter,
} from "../../www/query-text.js";

const kinds = (text) => tokenize(text).map((t) => [t.kind, t.negated, t.field ?? null, t.value ?? null]);

test("the lexer finds words, phrases, OR, exclusions, regexes and filters", () => {
  assert.deepEqual(kinds('京东 "直播 电商" 抖音 OR 快手 -淘宝 /京.东/ title:快手'), [
    ["term", false, null, "京东"],
    ["phrase", false, null, "直播 电商"],
    ["term", false, null, "抖音"],
    ["or", false, null, null],
    ["term", false, null, "快手"],
    ["term", true, null, "淘宝"],
    ["regex", false, null, "京.东"],
    ["field", false, "title", "快手"],
  ]);
});

test("tokens point at their text in the query", () => {
  const query = '  京東　-source:heliu2 “直播 电商”';
  for (const token of tokenize(query)) assert.equal(query.slice(token.start, token.end), token.text);
  assert.deepEqual(
    tokenize(query).map((t) => t.text),
    ["京東", "-source:heliu2", "“直播 电商”"],
  );
});

test("field names have Chinese aliases and either colon", () => {
  assert.deepEqual(activeFilters("标题:快手 来源：heliu2 文字:繁 日期:2020 实体:抖音 site:x"), [
    { field: "title", value: "快手" },
    { field: "source", value: "heliu2" },
    { field: "script", value: "繁" },
    { field: "date", value: "2020" },
    { field: "entity", value: "抖音" },
    { field: "source", value: "x" },
  ]);
});

test("a word with an unknown field name is an ordinary term", () => {
  assert.deepEqual(kinds("12:30 https://jd.com"), [
    ["term", false, null, "12:30"],
    ["term", false, null, "https://jd.com"],
  ]);
});

test("a quoted filter value keeps its spaces, and text after the quote is a new token", () => {
  assert.deepEqual(kinds('title:"直播 电商"快手'), [
    ["field", false, "title", "直播 电商"],
    ["term", false, null, "快手"],
  ]);
});

test("the lexer never throws on a malformed query", () => {
  assert.deepEqual(kinds('"京东'), [["phrase", false, null, "京东"]]);
  assert.deepEqual(kinds("/京东"), [["regex", false, null, "京东"]]);
  assert.deepEqual(kinds("-"), [["term", true, null, ""]]);
  assert.deepEqual(kinds("title:"), [["field", false, "title", ""]]);
  assert.deepEqual(tokenize(""), []);
  assert.deepEqual(tokenize(undefined), []);
});

test("a slash inside a regex is written \\/", () => {
  assert.deepEqual(kinds("/a\\/b/ c"), [
    ["regex", false, null, "a\\/b"],
    ["term", false, null, "c"],
  ]);
});

test("facet values map to the filters they stand for", () => {
  assert.deepEqual(facetFilter("source", "www.heliu2.cn"), { field: "source", value: "www.heliu2.cn" });
  assert.deepEqual(facetFilter("script", "traditional"), { field: "script", value: "trad" });
  assert.deepEqual(facetFilter("script", "simplified"), { field: "script", value: "simp" });
  assert.deepEqual(facetFilter("script", "mixed"), { field: "script", value: "mixed" });
  assert.equal(facetFilter("script", "none"), null);
  assert.deepEqual(facetFilter("year", "2020"), { field: "date", value: "2020" });
  assert.equal(facetFilter("year", "unknown"), null);
  assert.deepEqual(facetFilter("entity", "抖音"), { field: "entity", value: "抖音" });
  assert.equal(facetFilter("colour", "red"), null);
  assert.equal(facetFilter("entity", " "), null);
});

test("filter values are quoted only when they must be", () => {
  assert.equal(filterToken("source", "www.heliu2.cn"), "source:www.heliu2.cn");
  assert.equal(filterToken("entity", "Little Red Book"), 'entity:"Little Red Book"');
  assert.equal(quoteValue("“引号"), '"“引号"');
  assert.equal(quoteValue('say "hi"'), 'say "hi"');
  for (const value of ["Little Red Book", "小 红书", "“x"]) {
    assert.deepEqual(activeFilters(filterToken("entity", value)), [{ field: "entity", value }]);
  }
});

test("adding a filter appends it once", () => {
  assert.equal(addFilter("快手", "script", "trad"), "快手 script:trad");
  assert.equal(addFilter("快手  ", "script", "trad"), "快手 script:trad");
  assert.equal(addFilter("", "date", "2020"), "date:2020");
  assert.equal(addFilter("快手 script:trad", "script", "trad"), "快手 script:trad");
  assert.equal(addFilter("快手 文字:繁體", "script", "trad"), "快手 文字:繁體", "however it was spelled");
  assert.equal(
    addFilter("快手 script:simp", "source", "www.heliu2.cn"),
    "快手 script:simp source:www.heliu2.cn",
    "filters combine",
  );
});

test("a filter is present however it is spelled, but not when excluded", () => {
  assert.equal(hasFilter("快手 script:trad", "script", "trad"), true);
  assert.equal(hasFilter("快手 SCRIPT:Traditional", "script", "trad"), true);
  assert.equal(hasFilter("快手 文字：繁", "script", "trad"), true);
  assert.equal(hasFilter("快手 source:WWW.HELIU2.CN", "source", "www.heliu2.cn"), true);
  assert.equal(hasFilter("快手 来源:ｗｗｗ.heliu2.cn", "source", "www.heliu2.cn"), true, "full width folded");
  assert.equal(hasFilter("快手 -script:trad", "script", "trad"), false);
  assert.equal(hasFilter("快手 script:simp", "script", "trad"), false);
  assert.equal(hasFilter('"script:trad"', "script", "trad"), false, "a phrase is not a filter");
});

test("removing a filter leaves the rest of the query as typed", () => {
  assert.equal(removeFilter("快手 script:trad", "script", "trad"), "快手");
  assert.equal(removeFilter("script:trad 快手", "script", "trad"), "快手");
  assert.equal(removeFilter("快手  script:trad   -淘宝", "script", "trad"), "快手   -淘宝");
  assert.equal(removeFilter("快手 文字:繁 script:trad", "script", "trad"), "快手", "every spelling goes");
  assert.equal(removeFilter("快手 -script:trad", "script", "trad"), "快手 -script:trad");
  assert.equal(removeFilter('快手 entity:"Little Red Book"', "entity", "Little Red Book"), "快手");
  assert.equal(removeFilter("script:trad", "script", "trad"), "");
});

test("toggling adds then removes", () => {
  const on = toggleFilter("快手", "script", "trad");
  assert.equal(on, "快手 script:trad");
  assert.equal(toggleFilter(on, "script", "trad"), "快手");
});

test("facet entries say which values are active and keep active filters the answer did not count", () => {
  const query = "快手 script:trad date:2019 entity:抖音 date:2020-05";
  assert.deepEqual(facetEntries("script", [{ value: "traditional", count: 1 }], query), [
    { value: "traditional", count: 1, filter: { field: "script", value: "trad" }, active: true },
  ]);
  assert.deepEqual(facetEntries("year", [{ value: "2020", count: 1 }], query), [
    { value: "2020", count: 1, filter: { field: "date", value: "2020" }, active: false },
    { value: "2019", count: 0, filter: { field: "date", value: "2019" }, active: true },
  ]);
  assert.deepEqual(facetEntries("entity", [], query), [
    { value: "抖音", count: 0, filter: { field: "entity", value: "抖音" }, active: true },
  ]);
  assert.deepEqual(facetEntries("script", [{ value: "none", count: 2 }], "x"), [
    { value: "none", count: 2, filter: null, active: false },
  ]);
  assert.deepEqual(facetEntries("source", undefined, "x"), []);
});
