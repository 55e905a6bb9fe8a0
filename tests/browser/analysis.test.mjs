// Browser scenarios for the analysis views: concordance, dispersion,
// frequencies (and the lazily loaded word list), the user lexicon,
// collocates, keywords, trends, figures, and CSV export. One sentence each;
// every scenario fails if the page logged an error or warning.
// Run: bash scripts/build.sh && node --test tests/browser/

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

// The seeds, as worked out by hand: 京东 occurs 52 times in the cleaned
// articles — 29 written 京東 in the Traditional article 000, 14 in 001, 9 in
// 004 — and the machine-translated article 003 writes 颤音 (a garbled 抖音) 40
// times. Only 001 has a date (2020-07-17).
const JINGDONG = { total: 52, perDoc: { 0: 29, 1: 14, 4: 9 } };
const GARBLED = 3;
const DATED = 1;

const shared = siteAndBrowser();

const scenario = scenarioOn(shared);

const status = (page, view) => page.getByTestId(`${view}-status`);

/**
 * Does `action` and waits until the view has answered once more (its status
 * line counts answers in data-run); returns the status line's state and text.
 * A view not opened yet has no status line (the views load when one is first
 * shown): none answered.
 */
async function settled(page, view, action) {
  const before = await page.evaluate((id) => Number(document.querySelector(`[data-testid="${id}-status"]`)?.dataset.run ?? 0), view);
  await action();
  await page.waitForFunction(
    ([id, n]) => {
      const line = document.querySelector(`[data-testid="${id}-status"]`);
      return Number(line?.dataset.run) > n && line.dataset.state !== "busy";
    },
    [view, before],
  );
  return { state: await status(page, view).getAttribute("data-state"), text: await status(page, view).textContent() };
}

/** Opens a view's tab and waits for its first answer. */
function openView(page, view) {
  return settled(page, view, () => page.getByTestId(`tab-${view}`).click());
}

/** Types into a view's query (or terms) box and runs it. */
function runView(page, view, field, text) {
  return settled(page, view, async () => {
    await page.getByTestId(`${view}-${field}`).fill(text);
    await page.getByTestId(`${view}-run`).click();
  });
}

/** The concordance's lines as shown. */
function readLines(page) {
  return page.$$eval('[data-testid="kwic-line"]', (rows) =>
    rows.map((row) => ({
      id: Number(row.dataset.docId),
      occurrence: Number(row.dataset.occurrence),
      left: row.querySelector('[data-testid="kwic-left"]').textContent,
      match: row.querySelector("mark").textContent,
      right: row.querySelector('[data-testid="kwic-right"]').textContent,
    })),
  );
}

/** Clicks the export button and returns the file's name and text (BOM included). */
async function download(page, view) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`${view}-csv`).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
}

/** A small RFC 4180 reader for the exported files: rows of strings. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The reader's state: which article, which match is current, and whether focus is on it. */
async function readReader(page) {
  // The article comes from the worker: wait until the reader has it.
  await page.waitForSelector('[data-testid="reader"]:not([aria-busy="true"])', { state: "attached" });
  return page.evaluate(() => {
    const reader = document.querySelector('[data-testid="reader"]');
    const marks = [...reader.querySelectorAll('[data-testid="reader-text"] mark')];
    const current = reader.querySelector("mark.ce-mark-current");
    const box = current?.getBoundingClientRect();
    return {
      hidden: reader.hidden,
      docId: Number(reader.dataset.docId),
      query: reader.dataset.query,
      view: reader.dataset.view,
      marks: marks.length,
      currentIndex: marks.indexOf(current),
      current: current?.textContent ?? null,
      after: current?.nextSibling?.textContent ?? "",
      focused: current !== null && document.activeElement === current,
      visible: box ? box.bottom > 0 && box.top < innerHeight : false,
    };
  });
}

test("concordance-lists-52-lines-for-京东-and-sorts-by-1R", () =>
  scenario(async (page) => {
    const { state, text } = await openView(page, "concordance");
    assert.equal(state, "idle");
    assert.equal(text.trim(), "请输入检索词 / Type a query");

    const answer = await runView(page, "concordance", "query", "京东");
    assert.equal(answer.state, "ready");
    assert.match(answer.text, /^“京东”共 52 处 \/ 52 matches for “京东” 用时 [\d.]+ ms/);
    assert.equal(
      await page.getByTestId("concordance-range").textContent(),
      "第 1–52 行，共 52 行 / 1–52 of 52 lines",
    );
    assert.equal(await page.getByTestId("concordance-pager").isHidden(), true, "one page needs no buttons");

    let lines = await readLines(page);
    assert.equal(lines.length, JINGDONG.total);
    const perDoc = {};
    for (const line of lines) perDoc[line.id] = (perDoc[line.id] ?? 0) + 1;
    assert.deepEqual(perDoc, JINGDONG.perDoc);
    // Each article's spelling, as the article writes it.
    assert.deepEqual(new Set(lines.filter((l) => l.id === 0).map((l) => l.match)), new Set(["京東"]));
    assert.deepEqual(new Set(lines.filter((l) => l.id !== 0).map((l) => l.match)), new Set(["京东"]));
    // Document order with no sort.
    assert.deepEqual(lines.map((l) => [l.id, l.occurrence]), [...lines].sort((a, b) => a.id - b.id || a.occurrence - b.occurrence).map((l) => [l.id, l.occurrence]));

    await settled(page, "concordance", () => page.getByTestId("concordance-sort-1").selectOption("1R"));
    assert.equal(await page.getByTestId("view-concordance").getAttribute("data-sort"), "1R");
    const sorted = await readLines(page);
    assert.equal(sorted.length, JINGDONG.total);
    assert.notDeepEqual(sorted.map((l) => [l.id, l.occurrence]), lines.map((l) => [l.id, l.occurrence]));
    // Sorted by the character right of the match: each one's lines come together.
    const firsts = sorted.map((l) => [...l.right][0] ?? "");
    for (const c of new Set(firsts)) {
      const at = firsts.map((f, i) => (f === c ? i : -1)).filter((i) => i >= 0);
      assert.equal(at.at(-1) - at[0] + 1, at.length, `the lines with ${c} right of the match are together`);
    }

    // Paging: 快手 has more than a page of lines.
    await runView(page, "concordance", "query", "快手");
    const total = Number(await page.getByTestId("view-concordance").getAttribute("data-total"));
    assert.ok(total > 100);
    assert.equal(
      await page.getByTestId("concordance-range").textContent(),
      `第 1–100 行，共 ${total} 行 / 1–100 of ${total} lines`,
    );
    await settled(page, "concordance", () => page.getByTestId("concordance-next").click());
    assert.match(await page.getByTestId("concordance-range").textContent(), /^第 101–\d+ 行/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "ce-concordance-heading", "focus moves to the new page");
    lines = await readLines(page);
    assert.equal(lines.length, Math.min(100, total - 100));
  }));

test("clicking-a-concordance-line-opens-the-reader-at-that-match", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    await openView(page, "concordance");
    // The query box starts with the search's query.
    assert.equal(await page.getByTestId("concordance-query").inputValue(), "京东");
    const lines = await readLines(page);
    assert.equal(lines.length, JINGDONG.total);

    // The sixth line: article 000, its sixth 京東.
    const line = lines[5];
    await page.locator('[data-testid="kwic-line"]').nth(5).locator("td").nth(3).click();
    await page.getByTestId("reader").waitFor();
    let reader = await readReader(page);
    assert.equal(reader.hidden, false);
    assert.equal(reader.docId, line.id);
    assert.equal(reader.view, "concordance");
    assert.equal(reader.marks, JINGDONG.perDoc[line.id]);
    assert.equal(reader.currentIndex, line.occurrence);
    assert.equal(reader.current, line.match);
    assert.ok(reader.after.startsWith(line.right.replace(/…$/, "").slice(0, 5)), "the right context follows the match");
    assert.equal(reader.focused, true, "focus is on the match");
    assert.equal(reader.visible, true, "the match is scrolled into view");

    // Back to the line, then another article's line from the keyboard.
    await page.getByTestId("reader-back").click();
    assert.equal(
      await page.evaluate(() => document.activeElement.closest('[data-testid="kwic-line"]')?.dataset.occurrence),
      String(line.occurrence),
    );
    const last = lines.at(-1);
    await page.locator('[data-testid="kwic-open"]').last().focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((id) => document.querySelector('[data-testid="reader"]').dataset.docId === String(id), last.id);
    reader = await readReader(page);
    assert.equal(reader.currentIndex, last.occurrence);
    assert.equal(reader.focused, true);

    // The reader belongs to the concordance: hidden on other views, the search's own back on search.
    await page.getByTestId("tab-trends").click();
    assert.equal(await page.getByTestId("reader").isHidden(), true);
    await page.getByTestId("tab-search").click();
    assert.equal(await page.getByTestId("reader").isHidden(), true, "the search had no article open");
  }));

test("concordance-with-name-variants-lists-颤音-for-抖音-and-the-reader-marks-both", () =>
  scenario(async (page) => {
    await openView(page, "concordance");
    await page.getByTestId("concordance-variants").check();
    const { text } = await runView(page, "concordance", "query", "抖音");
    // 颤音 ×40 in 003 plus 抖音 ×13 in the cleaned 001, 003 and 004 (004's title line starts
    // with the injected "不走抖音平台交易:", which cleaning removes).
    assert.match(text, /^“抖音”共 53 处/);
    const lines = await readLines(page);
    assert.deepEqual(new Set(lines.map((l) => l.match)), new Set(["抖音", "颤音"]));
    const at = lines.findIndex((l) => l.match === "颤音");
    await page.locator('[data-testid="kwic-open"]').nth(at).click();
    const reader = await readReader(page);
    assert.equal(reader.docId, GARBLED);
    assert.equal(reader.marks, 41, "颤音 ×40 and 抖音 once, as with variants in the search");
    assert.equal(reader.current, "颤音");
    assert.equal(reader.currentIndex, lines[at].occurrence);
  }));

test("a-malformed-query-in-an-analysis-view-says-what-is-wrong", () =>
  scenario(async (page) => {
    await openView(page, "concordance");
    const { state, text } = await runView(page, "concordance", "query", '"京东');
    assert.equal(state, "error");
    assert.match(text, /^无法计算 \/ Could not compute: The quote " is never closed/);
    assert.equal(await page.locator('[data-testid="kwic-line"]').count(), 0);
    assert.equal(await page.getByTestId("concordance-csv").isDisabled(), true);
  }));

test("dispersion-plot-has-a-tick-per-match", () =>
  scenario(async (page) => {
    await openView(page, "dispersion");
    const { state, text } = await runView(page, "dispersion", "terms", "京东, 颤音");
    assert.equal(state, "ready");
    assert.match(text, /^京东 — 52 处，DP 0\.\d\d；颤音 — 40 处，DP 0\.\d\d \/ 京东 — 52 matches, DP 0\.\d\d; 颤音 — 40 matches, DP 0\.\d\d/);

    const ticks = page.locator('[data-testid="dispersion-tick"]');
    assert.equal(await ticks.count(), 92);
    const perRow = await page.$$eval('[data-testid="dispersion-row"]', (rows) =>
      Object.fromEntries(rows.map((r) => [r.dataset.docId, Number(r.dataset.ticks)])),
    );
    assert.deepEqual(perRow, { 0: 29, 1: 14, 2: 0, 3: 40, 4: 9 });
    assert.equal(await page.locator(`[data-testid="dispersion-tick"][data-term="颤音"][data-doc-id="${GARBLED}"]`).count(), 40);
    // Each tick sits at at/chars along its bar and in its term's lane.
    const geometry = await page.$$eval('[data-testid="dispersion-tick"]', (gs) =>
      gs.slice(0, 3).map((g) => ({ x: Number(g.querySelector("line").getAttribute("x1")), at: Number(g.dataset.at), term: g.dataset.term })),
    );
    for (const { x, at } of geometry) assert.ok(x >= 0 && x <= 1000 && (at === 0 ? x === 0 : x > 0));
    // The text alternative.
    const table = await page.$$eval('[data-testid="dispersion-table"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
    assert.equal(table.length, 5);
    assert.deepEqual(table[3].slice(2), ["0", "40"]);

    // A tick opens the reader at its match: the eleventh 颤音 of article 003.
    await page.locator(`[data-testid="dispersion-tick"][data-term="颤音"][data-occurrence="10"]`).click();
    let reader = await readReader(page);
    assert.equal(reader.docId, GARBLED);
    assert.equal(reader.query, "颤音");
    assert.equal(reader.marks, 40);
    assert.equal(reader.currentIndex, 10);

    // Back: focus returns to the tick, which is now the plot's one tab stop.
    await page.getByTestId("reader-back").click();
    const focused = () => page.evaluate(() => {
      const g = document.activeElement;
      return g?.dataset?.testid === "dispersion-tick" ? `${g.dataset.docId}:${g.dataset.term}:${g.dataset.occurrence}` : null;
    });
    assert.equal(await focused(), `${GARBLED}:颤音:10`);
    assert.equal(await page.locator('[data-testid="dispersion-tick"][tabindex="0"]').count(), 1);
    // From the keyboard: arrows move along the plot, Enter opens.
    await page.keyboard.press("ArrowRight");
    assert.equal(await focused(), `${GARBLED}:颤音:11`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector('[data-testid="reader"]').dataset.occurrence === "11");
    reader = await readReader(page);
    assert.equal(reader.currentIndex, 11);
    await page.getByTestId("reader-back").click();
    await page.keyboard.press("Home");
    assert.equal(await focused(), "0:京东:0");
  }));

test("word-frequencies-load-the-dictionary-lazily-and-report-its-size", (t) =>
  scenario(async (page) => {
    const dictionary = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/dict/words.txt")) dictionary.push(request.url());
    });
    // Search, a character concordance, a dispersion plot: no word list needed.
    await searchFor(page, "京东");
    await openView(page, "concordance");
    await openView(page, "dispersion");
    await openView(page, "trends");
    assert.equal(dictionary.length, 0, "nothing asked for the word list before a word view opened");

    const started = Date.now();
    const { state, text } = await openView(page, "frequencies");
    const firstView = Date.now() - started;
    assert.equal(state, "ready");
    assert.equal(dictionary.length, 1);
    const line = await page.getByTestId("frequencies-dictionary").textContent();
    const [, kb, ms] = /^词表 ([\d,]+) KB，载入 ([\d.,]+) ms \/ word list \1 KB, loaded in \2 ms$/.exec(line) ?? [];
    assert.ok(kb, `the status says the word list's size and load time: ${line}`);
    assert.ok(Number(kb.replace(/,/g, "")) >= 600, "about 700 KB");
    assert.match(text, /^[\d,]+ 个词次，[\d,]+ 个类型 \/ [\d,]+ tokens, [\d,]+ types/);
    t.diagnostic(`word list: ${kb} KB, loaded in ${ms} ms; first word view answered ${firstView} ms after its tab was clicked`);

    const rows = await page.$$eval('[data-testid="frequency-row"]', (r) => r.map((x) => x.dataset.item));
    assert.equal(rows.length, 100);
    assert.ok(rows.includes("快手"), "快手 is counted as one word");

    // Other word views and units reuse it: still one request.
    await settled(page, "frequencies", () => page.getByTestId("frequencies-unit").selectOption("char"));
    assert.equal(await page.getByTestId("frequencies-dictionary").textContent(), "");
    await settled(page, "frequencies", () => page.getByTestId("frequencies-unit").selectOption("ngram"));
    assert.equal(await page.getByTestId("frequencies-n").isVisible(), true);
    await settled(page, "frequencies", () => page.getByTestId("frequencies-n").selectOption("3"));
    assert.equal(await page.locator('[data-testid="frequency-row"]').first().getAttribute("data-item"), "快手电");
    await openView(page, "keywords");
    assert.equal(dictionary.length, 1);

    // Scope and paging.
    await page.getByTestId("tab-frequencies").click();
    await settled(page, "frequencies", () => page.getByTestId("frequencies-unit").selectOption("word"));
    await settled(page, "frequencies", () => page.getByTestId("frequencies-scope").selectOption(String(GARBLED)));
    assert.ok((await page.$$eval('[data-testid="frequency-row"]', (r) => r.map((x) => x.dataset.item))).includes("颤音"));
    await settled(page, "frequencies", () => page.getByTestId("frequencies-next").click());
    assert.match(await page.getByTestId("frequencies-range").textContent(), /^第 101–/);
    assert.equal(dictionary.length, 1);

    // An item opens its concordance.
    await settled(page, "frequencies", () => page.getByTestId("frequencies-scope").selectOption(""));
    await settled(page, "concordance", () => page.locator('[data-testid="frequency-row"][data-item="快手"] button').click());
    assert.equal(await page.getByTestId("tab-concordance").getAttribute("aria-selected"), "true");
    assert.equal(await page.getByTestId("concordance-query").inputValue(), '"快手"');
    assert.equal(await page.getByTestId("concordance-unit").inputValue(), "word");
    assert.match(await status(page, "concordance").textContent(), /^“"快手"”共 201 处/);
  }));

test("a-word-list-that-fails-to-load-is-said-and-characters-still-work", () =>
  scenario(async (page) => {
    // A server that hands out something else under the word list's name.
    await page.route("**/dict/words.txt", (route) =>
      route.fulfill({ status: 200, contentType: "text/plain", body: "<html>not found</html>" }));
    const { state, text } = await openView(page, "frequencies");
    assert.equal(state, "error");
    assert.match(text, /^词表载入失败：.*可改用“字” \/ Could not load the word list: .* Characters still work\./);
    assert.equal(await page.getByTestId("frequencies-csv").isDisabled(), true);
    const chars = await settled(page, "frequencies", () => page.getByTestId("frequencies-unit").selectOption("char"));
    assert.equal(chars.state, "ready");

    // A failed load is not remembered: the next word view tries again.
    await page.unroute("**/dict/words.txt");
    const words = await settled(page, "frequencies", () => page.getByTestId("frequencies-unit").selectOption("word"));
    assert.equal(words.state, "ready");
    assert.match(await page.getByTestId("frequencies-dictionary").textContent(), /^词表 [\d,]+ KB/);
  }));

test("adding-a-word-recomputes-the-word-list", (t) =>
  scenario(async (page) => {
    await openView(page, "frequencies");
    const items = () => page.$$eval('[data-testid="frequency-row"]', (r) => r.map((x) => [x.dataset.item, Number(x.dataset.freq)]));
    assert.equal((await items()).find(([item]) => item === "直播电商"), undefined, "the word list splits 直播电商");

    await page.getByText("添加词语").click();
    const { text } = await settled(page, "frequencies", async () => {
      await page.getByTestId("lexicon-word").fill("直播电商");
      await page.getByTestId("lexicon-add").click();
    });
    assert.equal(await status(page, "frequencies").getAttribute("data-reason"), "recompute");
    const [, ms] = /重新计算 ([\d.,]+) ms \/ recomputed in \1 ms/.exec(text) ?? [];
    assert.ok(ms, `the status says how long the recompute took: ${text}`);
    t.diagnostic(`recomputed in ${ms} ms after adding 直播电商`);
    assert.deepEqual((await items()).find(([item]) => item === "直播电商"), ["直播电商", 31]);
    await page.waitForFunction(() => document.querySelector('[data-testid="lexicon-message"]').textContent.includes("重新计算"));
    assert.match(
      await page.getByTestId("lexicon-message").textContent(),
      /^已添加“直播电商”，重新计算 [\d.,]+ ms \/ Added 直播电商, recomputed in [\d.,]+ ms$/,
    );
    assert.equal(await page.evaluate(() => localStorage.getItem("corpus-explorer:words")), '["直播电商"]');

    // A word the core refuses says why.
    await page.getByTestId("lexicon-word").fill("直播 电商");
    await page.getByTestId("lexicon-add").click();
    await page.waitForSelector('[data-testid="lexicon-message"][data-tone="error"]');
    assert.match(await page.getByTestId("lexicon-message").textContent(), /^无法添加 \/ Not added: /);

    // Remembered: after a reload the word is back, and counted.
    await page.goto(`${shared.site.baseUrl}#frequencies`);
    await page.waitForSelector('html[data-state="ready"]');
    await page.waitForSelector('[data-testid="frequencies-status"][data-state="ready"]');
    assert.deepEqual(await page.getByTestId("lexicon-entry").evaluateAll((li) => li.map((x) => x.dataset.word)), ["直播电商"]);
    assert.deepEqual((await items()).find(([item]) => item === "直播电商"), ["直播电商", 31]);
  }));

test("collocates-of-京东-sorted-by-logdice", () =>
  scenario(async (page) => {
    await searchFor(page, "京东");
    const { state, text } = await openView(page, "collocates");
    assert.equal(state, "ready");
    assert.equal(await page.getByTestId("collocates-query").inputValue(), "京东");
    assert.match(text, /^节点 52 次/);
    const rows = () => page.$$eval('[data-testid="collocate-row"]', (r) => r.map((x) => ({
      item: x.dataset.item, freq: Number(x.dataset.freq), logDice: Number(x.dataset.logDice), g2: Number(x.dataset.g2),
    })));
    let list = await rows();
    assert.ok(list.length > 5);
    for (let i = 1; i < list.length; i += 1) assert.ok(list[i - 1].logDice >= list[i].logDice, "logDice, highest first");
    assert.equal(list[0].item, "与");
    // Two decimals in the table.
    assert.match(await page.locator('[data-testid="collocate-row"]').first().locator("td").nth(5).textContent(), /^\d+\.\d\d$/);

    await settled(page, "collocates", () => page.getByTestId("collocates-sort").selectOption("g2"));
    list = await rows();
    for (let i = 1; i < list.length; i += 1) assert.ok(list[i - 1].g2 >= list[i].g2, "G², highest first");

    // A collocate opens the node's concordance, only the lines with it nearby —
    // the Traditional article's 與 included.
    const withYu = list.find((r) => r.item === "与");
    await settled(page, "concordance", () =>
      page.locator('[data-testid="collocate-row"][data-item="与"] button').click());
    assert.equal(await page.getByTestId("tab-concordance").getAttribute("aria-selected"), "true");
    assert.equal(await page.getByTestId("concordance-query").inputValue(), "京东");
    assert.match(await page.getByTestId("concordance-filter").textContent(), /^只显示左右 20 字内有“与”的“京东”：\d+ 行/);
    const lines = await readLines(page);
    assert.ok(lines.length >= withYu.freq && lines.length < JINGDONG.total, `${lines.length} lines with 与 nearby`);
    assert.ok(lines.some((l) => l.id === 0), "found in the Traditional article, which writes 與");
    assert.ok(lines.every((l) => /[与與]/.test(l.left + l.right)));
    assert.ok((await page.locator("mark.ce-collocate").count()) > 0);

    await settled(page, "concordance", () => page.getByTestId("concordance-filter-clear").click());
    assert.equal((await readLines(page)).length, JINGDONG.total);
  }));

test("keywords-of-the-machine-translated-article", () =>
  scenario(async (page) => {
    await openView(page, "keywords");
    const { text } = await settled(page, "keywords", () => page.getByTestId("keywords-doc").selectOption(String(GARBLED)));
    assert.match(text, /G² ≥ 3\.84 的关键词 \d+ 个/);
    assert.equal(await page.getByTestId("keywords-range").textContent(), "G² ≥ 3.84");
    const rows = await page.$$eval('[data-testid="keyword-row"]', (r) => r.map((x) => ({
      item: x.dataset.item, freq: Number(x.dataset.freq), g2: Number(x.dataset.g2), cells: [...x.cells].map((c) => c.textContent),
    })));
    assert.ok(rows.length > 3);
    assert.equal(rows[0].item, "颤音", "the garble only this article has");
    assert.deepEqual(rows[0].cells.slice(1, 5), ["颤音", "40", "0", "1"]);
    for (const row of rows) assert.ok(row.g2 >= 3.84);

    // A stricter threshold lists fewer.
    await settled(page, "keywords", () => page.getByTestId("keywords-min-g2").selectOption("10.83"));
    const strict = await page.locator('[data-testid="keyword-row"]').count();
    assert.ok(strict < rows.length && strict > 0);
    assert.equal(await page.getByTestId("keywords-range").textContent(), "G² ≥ 10.83");
  }));

test("trends-chart-orders-documents-by-date", () =>
  scenario(async (page) => {
    await openView(page, "trends");
    const { state, text } = await runView(page, "trends", "terms", "京东\n颤音");
    assert.equal(state, "ready");
    assert.match(text, /^5 篇文章，1 篇有日期/);
    const labels = await page.$$eval('[data-testid="trends-x-label"]', (ts) => ts.map((t) => [Number(t.dataset.docId), t.querySelector("tspan").textContent]));
    assert.deepEqual(labels, [[DATED, "2020-07-17"], [0, "无日期"], [2, "无日期"], [3, "无日期"], [4, "无日期"]]);
    const rows = await page.$$eval('[data-testid="trends-row"]', (r) => r.map((x) => [Number(x.dataset.docId), x.cells[1].textContent]));
    assert.deepEqual(rows.map(([id]) => id), [DATED, 0, 2, 3, 4]);
    assert.equal(rows[1][1], "无日期 / undated");
    assert.equal(await page.locator('[data-testid="trends-chart"] .ce-series').count(), 2);
    assert.equal(await page.locator('[data-testid="trends-point"]').count(), 10);
    assert.equal(await page.locator('[data-testid="trends-chart"] .ce-divider').count(), 1);
    // 颤音 peaks in article 003: its point is the highest of its series.
    const ys = await page.$$eval('[data-testid="trends-chart"] .ce-series-1 [data-testid="trends-point"]', (ps) =>
      ps.map((p) => p.getBoundingClientRect().top));
    assert.equal(ys.indexOf(Math.min(...ys)), 3);
    assert.match(await page.locator('[data-testid="trends-row"]').nth(3).locator("td").nth(3).textContent(), /^40 \/ 147\.22$/);
  }));

test("figures-table-sorts-and-opens-the-reader", (t) =>
  scenario(async (page) => {
    const { state, text } = await openView(page, "figures");
    if ((await page.getByTestId("view-figures").getAttribute("data-available")) === "false") {
      assert.equal(state, "idle");
      assert.match(text, /Figures are not available in this build of the core/);
      t.skip("corpus.figures() is not in this build of the core yet; the view says so");
      return;
    }
    assert.equal(state, "ready");
    const values = () => page.$$eval('[data-testid="figure-row"]', (r) => r.map((x) => x.dataset.value));
    assert.ok((await values()).length > 0);

    await page.locator('[data-testid="figures-sort"][data-key="value"]').click();
    assert.equal(await page.locator('th[aria-sort="ascending"] [data-key="value"]').count(), 1);
    const up = (await values()).filter((v) => v !== "").map(Number);
    for (let i = 1; i < up.length; i += 1) assert.ok(up[i - 1] <= up[i] || Number.isNaN(up[i]));
    await page.locator('[data-testid="figures-sort"][data-key="value"]').click();
    assert.equal(await page.locator('th[aria-sort="descending"] [data-key="value"]').count(), 1);

    const first = page.locator('[data-testid="figure-row"]').first();
    const id = Number(await first.getAttribute("data-doc-id"));
    const figure = await first.locator('[data-testid="figure-open"]').textContent();
    await first.locator('[data-testid="figure-open"]').click();
    const reader = await readReader(page);
    assert.equal(reader.docId, id);
    assert.ok(reader.marks > 0, `the reader marks ${figure}`);
    assert.equal(reader.current, figure, "opened at the figure");
    assert.equal(reader.focused, true);
    assert.match(await page.getByTestId("reader-count").textContent(), new RegExp(`^本文共 \\d+ 处“${figure.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`));
  }));

test("every-view-exports-csv", () =>
  scenario(async (page) => {
    const check = async (view, header, rowsExpected) => {
      const { name, text } = await download(page, view);
      assert.ok(name.startsWith(view) && name.endsWith(".csv"), name);
      assert.equal(text.charCodeAt(0), 0xfeff, `${view}: starts with a BOM for Excel`);
      assert.ok(text.endsWith("\r\n"));
      const rows = parseCsv(text.slice(1));
      assert.deepEqual(rows[0], header);
      if (rowsExpected !== undefined) assert.equal(rows.length - 1, rowsExpected, `${view}: every row`);
      return rows.slice(1);
    };

    await openView(page, "concordance");
    await runView(page, "concordance", "query", "京东");
    const lines = await check("concordance", ["doc", "title", "left", "match", "right", "occurrence"], JINGDONG.total);
    assert.equal(lines.filter((r) => r[0] === "0" && r[3] === "京東").length, 29);

    // All lines, not only the page shown.
    await runView(page, "concordance", "query", "快手");
    const total = Number(await page.getByTestId("view-concordance").getAttribute("data-total"));
    await check("concordance", ["doc", "title", "left", "match", "right", "occurrence"], total);

    await openView(page, "dispersion");
    await runView(page, "dispersion", "terms", "京东, 颤音");
    const marks = await check("dispersion", ["term", "doc", "title", "at", "chars", "occurrence"], 92);
    assert.equal(marks.filter((r) => r[0] === "颤音" && r[1] === String(GARBLED)).length, 40);

    await openView(page, "frequencies");
    const types = Number((/([\d,]+) 个类型/.exec(await status(page, "frequencies").textContent()))[1].replace(/,/g, ""));
    const freq = await check("frequencies", ["rank", "item", "freq", "per10k", "docs", "dp"], types);
    assert.deepEqual(freq[0].slice(0, 2), ["1", "的"]);

    await page.getByTestId("tab-collocates").click();
    await runView(page, "collocates", "query", "京东");
    const collocates = await page.locator('[data-testid="collocate-row"]').count();
    await check("collocates", ["item", "freq", "left", "right", "total", "logDice", "g2", "mi"], collocates);

    await openView(page, "keywords");
    const keywords = await page.locator('[data-testid="keyword-row"]').count();
    await check("keywords", ["item", "freq", "freqRest", "docs", "logRatio", "g2"], keywords);

    await openView(page, "trends");
    await runView(page, "trends", "terms", "京东, 颤音");
    const trend = await check("trends", ["doc", "title", "date", "chars", "term", "count", "per10k"], 10);
    assert.deepEqual(trend[0].slice(0, 1).concat(trend[0].slice(2, 3), trend[0].slice(4, 6)), [String(DATED), "2020-07-17", "京东", "14"]);

    await openView(page, "figures");
    if ((await page.getByTestId("view-figures").getAttribute("data-available")) === "true") {
      const figures = await page.locator('[data-testid="figure-row"]').count();
      await check("figures", ["doc", "title", "kind", "text", "value", "valueTo", "unit", "iso", "sentence"], figures);
    } else {
      assert.equal(await page.getByTestId("figures-csv").isDisabled(), true, "nothing to export without figures()");
    }
  }));

test("tabs-work-from-the-keyboard-and-the-address-names-the-view", () =>
  scenario(async (page) => {
    const tabs = page.getByRole("tab");
    assert.equal(await tabs.count(), 8);
    assert.equal(await page.getByRole("tablist").getAttribute("aria-label"), "视图", "the Chinese interface names it in Chinese (i18n.js)");
    assert.equal(await page.getByTestId("tab-search").getAttribute("aria-selected"), "true");
    assert.equal(await page.locator('[role="tab"][tabindex="0"]').count(), 1);

    await page.getByTestId("tab-search").focus();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "tab-concordance");
    assert.equal(await page.getByTestId("tab-search").getAttribute("aria-selected"), "true", "arrows move focus only");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "tab-figures");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "tab-search", "wraps around");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await settled(page, "trends", () => page.keyboard.press("Enter"));
    assert.equal(await page.getByTestId("tab-trends").getAttribute("aria-selected"), "true");
    assert.equal(await page.getByTestId("view-trends").isVisible(), true);
    assert.equal(await page.getByTestId("view-search").isHidden(), true);
    assert.equal(new URL(page.url()).hash, "#trends");

    // A link to a view opens it.
    await page.goto(`${shared.site.baseUrl}#dispersion`);
    await page.waitForSelector('html[data-state="ready"]');
    assert.equal(await page.getByTestId("tab-dispersion").getAttribute("aria-selected"), "true");
    assert.equal(await page.getByTestId("view-dispersion").isVisible(), true);
    await page.getByTestId("tab-search").click();
    assert.equal(new URL(page.url()).hash, "");
  }));

test("analysis-views-fit-a-360-px-screen", () =>
  scenario(
    async (page) => {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await searchFor(page, "京东");
      for (const view of ["concordance", "dispersion", "frequencies", "collocates", "keywords", "trends", "figures"]) {
        await openView(page, view);
        assert.equal(await overflow(), 0, `${view}: no sideways scrolling of the page`);
      }
      await page.getByTestId("tab-concordance").click();
      await page.locator('[data-testid="kwic-open"]').first().click();
      // The article comes from the worker: wait for it rather than racing it.
      await page.getByTestId("reader").waitFor({ state: "visible" });
      assert.equal(await overflow(), 0);
    },
    { viewport: { width: 360, height: 740 } },
  ));

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

for (const colorScheme of ["light", "dark"]) {
  test(`analysis-views-pass-an-axe-accessibility-check-in-${colorScheme}-mode`, () =>
    scenario(
      async (page) => {
        await page.evaluate(axeSource);
        const run = () =>
          page.evaluate(async () => {
            const result = await globalThis.axe.run(document, {
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            });
            return result.violations.map(
              (v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`,
            );
          });
        await searchFor(page, "京东");
        await openView(page, "concordance");
        await page.locator('[data-testid="kwic-open"]').nth(2).click();
        await page.getByText("添加词语").click();
        assert.deepEqual(await run(), [], "concordance with the reader open");
        for (const view of ["dispersion", "frequencies", "collocates", "keywords", "trends", "figures"]) {
          await openView(page, view);
          if (view === "dispersion" || view === "trends") await runView(page, view, "terms", "京东, 颤音");
          assert.deepEqual(await run(), [], view);
        }
      },
      { colorScheme },
    ));
}
