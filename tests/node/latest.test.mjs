import assert from "node:assert/strict";
import { test } from "node:test";
import { latestOnly } from "../../www/latest.js";

const after = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));

test("a slow answer never overwrites a newer one", async () => {
  const search = latestOnly((query, ms) => after(ms, `answer for ${query}`));
  const slow = search("京", 30);
  const fast = search("京东", 1);
  assert.deepEqual(await fast, { stale: false, value: "answer for 京东" });
  assert.deepEqual(await slow, { stale: true });
});

test("the newest call's answer is kept even when it arrives last", async () => {
  const search = latestOnly((query, ms) => after(ms, query));
  const first = search("京", 1);
  const second = search("京东", 20);
  assert.deepEqual(await first, { stale: true });
  assert.deepEqual(await second, { stale: false, value: "京东" });
});

test("errors of the newest call propagate, errors of stale calls do not", async () => {
  const search = latestOnly(async (fail, ms) => {
    await after(ms);
    if (fail) throw new Error("bad query");
    return "ok";
  });
  const stale = search(true, 10);
  const newest = search(false, 1);
  assert.deepEqual(await stale, { stale: true });
  assert.deepEqual(await newest, { stale: false, value: "ok" });
  await assert.rejects(search(true, 1), /bad query/);
});

test("synchronous functions work too", async () => {
  const search = latestOnly((q) => q.length);
  assert.deepEqual(await search("京东"), { stale: false, value: 2 });
});
