import assert from "node:assert/strict";
import { test } from "node:test";
import { readUrlState, sameButScroll, urlForState } from "../../www/url-state.js";

test("an_empty_address_is_the_default_state", () => {
  assert.deepEqual(readUrlState("", ""), {
    query: "", includeRemoved: false, variants: false, sort: "relevance", page: 1, view: "search", doc: null, at: 0,
  });
  assert.equal(urlForState(readUrlState("", "")), "");
});

test("url_state_round_trips_every_field", () => {
  const state = { query: "京东 -抖音", includeRemoved: true, variants: true, sort: "date", page: 3, view: "concordance", doc: "001 x&y.txt", at: 640 };
  const url = urlForState(state);
  const [search, hash] = url.split("#");
  assert.deepEqual(readUrlState(search, `#${hash}`), state);
});

test("url_state_leaves_out_defaults_and_keeps_foreign_parameters", () => {
  assert.equal(urlForState({ query: "京东" }, "?per=5&page=2"), "?per=5&q=%E4%BA%AC%E4%B8%9C");
});

test("url_state_ignores_malformed_values", () => {
  const state = readUrlState("?page=-2&sort=evil&at=abc&removed=yes&doc=", "#nowhere");
  assert.deepEqual(state, readUrlState("", ""));
});

test("scroll_is_only_kept_with_an_open_article", () => {
  assert.equal(urlForState({ at: 300 }), "");
});

test("states_that_differ_only_in_scroll_are_the_same_entry", () => {
  const a = readUrlState("?q=a&doc=x.txt&at=10", "");
  assert.equal(sameButScroll(a, { ...a, at: 99 }), true);
  assert.equal(sameButScroll(a, { ...a, page: 2 }), false);
});

test("collapse_copies_is_kept_in_the_address_and_absent_when_off", () => {
  const state = { ...readUrlState("", ""), query: "京东", collapse: true };
  const url = urlForState(state);
  assert.equal(url, "?q=%E4%BA%AC%E4%B8%9C&collapse=1");
  assert.deepEqual(readUrlState(url, ""), state);
  assert.equal(urlForState({ ...state, collapse: false }), "?q=%E4%BA%AC%E4%B8%9C");
  assert.equal("collapse" in readUrlState("?q=x&collapse=0", ""), false);
  assert.equal(sameButScroll(state, { ...state, collapse: false }), false);
});
