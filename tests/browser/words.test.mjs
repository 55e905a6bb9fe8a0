// Browser scenarios for the words of issue 14: the words found in this corpus
// (offered, accepted into the lexicon, joined in the frequency list), keywords
// against general Chinese on a facet subset, the segmented export, and
// corpus.segment() through the engine. One sentence each; every scenario fails
// if the page logged an error or warning.
// Run: bash scripts/build.sh && node --test tests/browser/words.test.mjs

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { scenarioOn, siteAndBrowser } from "./harness.mjs";

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

/** Does `action` and waits until the status line `testid` has answered once more. */
async function settled(page, testid, action) {
  const before = await page.evaluate((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.run ?? 0), testid);
  await action();
  await page.waitForFunction(
    ([id, n]) => {
      const line = document.querySelector(`[data-testid="${id}"]`);
      return Number(line?.dataset.run) > n && line.dataset.state !== "busy";
    },
    [testid, before],
    { timeout: 60_000 },
  );
  const line = page.getByTestId(testid);
  return { state: await line.getAttribute("data-state"), text: await line.textContent() };
}

const openView = (page, view) => settled(page, `${view}-status`, () => page.getByTestId(`tab-${view}`).click());

/** The frequency list's rows shown: [item, freq]. */
const frequencyRows = (page) =>
  page.$$eval('[data-testid="frequency-row"]', (rows) => rows.map((r) => [r.dataset.item, Number(r.dataset.freq)]));

test("words-found-in-this-corpus-are-offered-and-accepting-them-joins-the-frequency-list", (t) =>
  scenario(async (page) => {
    await openView(page, "frequencies");
    // With the HMM most 电商 are whole already, but 短视频 comes out as 短 + 视频.
    const before = new Map(await frequencyRows(page));
    assert.ok(before.has("短") && before.has("视频") && !before.has("短视频"), "短视频 is split before");

    await page.getByText("添加词语").click();
    const found = await settled(page, "found-words-status", () => page.getByTestId("found-words-run").click());
    assert.equal(found.state, "ready", found.text);
    const words = await page.$$eval('[data-testid="found-word-row"]', (rows) => rows.map((r) => r.dataset.word));
    const ms = await page.getByTestId("found-words-status").getAttribute("data-ms");
    t.diagnostic(`found ${words.length} words in ${Math.round(Number(ms))} ms: ${words.join(" ")}`);
    assert.match(found.text, /^找到 \d+ 个词表没有的词（读了 [\d,]+ 字，[\d.,]+ ms）/);
    for (const word of ["电商", "短视频", "直播间"]) assert.ok(words.includes(word), `${word} is offered: ${words}`);

    // Accept all: the frequency list recomputes with them whole, and the list asks again without them.
    const recomputed = settled(page, "frequencies-status", () => {});
    const again = settled(page, "found-words-status", () => page.getByTestId("found-words-accept-all").click());
    await Promise.all([recomputed, again]);
    await page.waitForSelector('[data-testid="frequencies-status"][data-reason="recompute"][data-state="ready"]');
    const after = await frequencyRows(page);
    const items = after.map(([item]) => item);
    for (const word of ["电商", "短视频", "带货", "主播"]) assert.ok(items.includes(word), `${word} is whole in the first 100 rows`);
    for (const piece of ["电", "商", "短"]) assert.ok(!items.includes(piece), `${piece} is gone from the first 100 rows`);
    t.diagnostic(`after: ${after.filter(([item]) => ["电商", "短视频", "带货", "主播"].includes(item)).map(([i, n]) => `${i} ${n}`).join(", ")}`);
    // 直播间 (10 times) and 选品 (9) rank just past the first page.
    await settled(page, "frequencies-status", () => page.getByTestId("frequencies-next").click());
    const second = (await frequencyRows(page)).map(([item]) => item);
    for (const word of ["直播间", "选品"]) assert.ok(second.includes(word), `${word} is whole on the second page`);
    const left = await page.$$eval('[data-testid="found-word-row"]', (rows) => rows.map((r) => r.dataset.word));
    assert.ok(!left.some((w) => words.includes(w)), "accepted words are no longer offered");

    // Accepted words are the lexicon's: listed there and remembered in this browser.
    const lexicon = await page.getByTestId("lexicon-entry").evaluateAll((li) => li.map((x) => x.dataset.word));
    assert.ok(lexicon.includes("短视频") && lexicon.length === words.length);
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem("corpus-explorer:words")));
    assert.deepEqual(stored, lexicon);
  }));

test("reference-keywords-on-a-facet-subset", () =>
  scenario(async (page) => {
    await openView(page, "keywords");
    const ready = await settled(page, "keywords-status", () => page.getByTestId("keywords-against").selectOption("reference"));
    assert.equal(ready.state, "ready", ready.text);
    assert.match(ready.text, /^5 篇文章 [\d,]+ 个词次，参照语料 [\d,]+ 个/);
    const whole = await page.$$eval('[data-testid="keyword-row"]', (rows) => rows.map((r) => r.dataset.item));
    assert.ok(whole.includes("直播"), `直播 is key against general Chinese: ${whole.slice(0, 20)}`);
    assert.match(await page.getByTestId("keywords-reference-source").textContent(), /jieba/);

    // The subsets come from the facets: the Traditional article alone.
    const options = await page.getByTestId("keywords-subset").evaluate((s) => [...s.options].map((o) => o.value));
    assert.ok(options.includes("script:trad"), `${options}`);
    const trad = await settled(page, "keywords-status", () => page.getByTestId("keywords-subset").selectOption("script:trad"));
    assert.equal(trad.state, "ready", trad.text);
    assert.match(trad.text, /^1 篇文章/);
    const rows = await page.$$eval('[data-testid="keyword-row"]', (r) => r.map((x) => ({ item: x.dataset.item, docs: Number(x.dataset.docs) })));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.docs === 1), "every keyword occurs in the one article");
    assert.ok(rows.some((r) => r.item === "京东"), `京東 of the Traditional article is counted as 京东: ${rows.map((r) => r.item)}`);
    assert.equal(await page.getByTestId("view-keywords").getAttribute("data-subset"), "script:trad");
  }));

test("segmented-export-downloads-jsonl", () =>
  scenario(async (page) => {
    await openView(page, "frequencies");
    await page.getByText("添加词语").click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-segmented").click()]);
    assert.equal(file.suggestedFilename(), "corpus-segmented.jsonl");
    const text = readFileSync(await file.path(), "utf8");
    const lines = text.split("\n");
    assert.equal(lines.pop(), "", "ends with a newline");
    assert.equal(lines.length, 5);
    const docs = lines.map((line) => JSON.parse(line));
    assert.deepEqual(Object.keys(docs[0]), ["id", "name", "title", "date", "source", "text"]);
    assert.deepEqual(docs.map((d) => d.id), [0, 1, 2, 3, 4]);
    // The Traditional article stays in its own script, cut into words.
    assert.match(docs[0].text, /(^| )京東( |\n)/);
    for (const d of docs) {
      assert.ok(!/ {2}/.test(d.text) && !/^ | $/m.test(d.text), "single spaces between words");
      assert.ok(d.text.split(/[ \n]/).length > 100);
    }
    assert.match(await page.getByTestId("export-segmented-status").textContent(), /^已导出 5 篇文章/);
  }));
