// Stories (issue 17): reposts and lightly edited copies of one article, grouped
// by the core. The article list folds a story's copies under its lead, the
// threshold regroups them, "collapse copies" counts a story once in search,
// and "count reposts once" makes every statistic count one article per story.
// Each scenario replaces the bundled corpus with generated articles: three
// distinct ones and copies of the first — its first paragraph trimmed under a
// new headline, an advertising line inserted, and the whole of it re-scripted
// in Traditional characters (opencc-js) — so what is a copy is known.

import assert from "node:assert/strict";
import { test } from "node:test";
import * as OpenCC from "opencc-js";
import { assertClean, axeViolations, openPage, searchFor, siteAndBrowser } from "./harness.mjs";

const shared = siteAndBrowser();
const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });

/** Three articles on three subjects, each a headline and four paragraphs. */
const PANDA = [
  "成都熊猫基地迎来一对双胞胎幼崽",
  "本报讯 记者今天从成都熊猫繁育研究基地获悉，基地里的熊猫“青青”于本月十二日凌晨顺利产下一对双胞胎幼崽，母子平安，这是今年基地繁育的第三胎。",
  "据饲养员介绍，两只熊猫幼崽出生时体重分别为一百四十二克和一百零八克，目前都在保温箱中接受二十四小时监护。熊猫妈妈青青精神状态良好，食欲正常，每天要吃掉大约二十公斤新鲜竹子。",
  "专家表示，熊猫双胞胎在野外往往只能存活一只，人工繁育可以让两只幼崽轮流回到妈妈身边吃奶，成活率明显提高。近十年来，基地已经成功培育了六十多只熊猫幼崽。",
  "基地负责人说，等幼崽满三个月后将与游客见面。届时游客可以在育幼园的玻璃窗外看到这对熊猫姐妹玩耍，基地也会通过网络直播分享它们的成长过程。",
];
const HARBOUR = [
  "宁波舟山港集装箱吞吐量创新高",
  "上半年，宁波舟山港完成集装箱吞吐量一千八百万标准箱，同比增长百分之七点三，继续位居全球港口前列。港口集团表示，新开通的十二条国际航线贡献了主要增量。",
  "港口方面介绍，梅山港区新建的自动化码头已经投入试运行，岸桥和轨道吊实现远程操控，单箱作业时间缩短了约两成。夜间作业也不再需要大量人工值守。",
  "与此同时，海铁联运业务快速发展，从港口发往江西、湖南等内陆地区的班列每周超过四十列，为内陆企业出口节省了运输成本和时间。",
  "业内人士分析，下半年外贸形势仍有不确定性，但港口通过拓展航线、提升效率，有望保持稳定增长，全年吞吐量预计将再创历史纪录。",
];
const RICE = [
  "江汉平原早稻开镰收割",
  "七月中旬，湖北江汉平原的早稻陆续进入收割期。在潜江市的一片稻田里，几台联合收割机来回穿梭，金黄的稻谷很快装满了运粮车。",
  "种粮大户老李告诉记者，今年他种了三百多亩早稻，亩产预计超过五百公斤，比去年多出三十公斤左右。他说，良种和机插秧技术让种田越来越省心。",
  "当地农业部门介绍，全市早稻种植面积稳定在二十万亩以上，烘干中心已经提前检修设备，确保新收稻谷及时烘干入库，避免雨天霉变造成损失。",
  "收割结束后，这些田块将马上翻耕灌水，抢种晚稻。农技人员提醒农户，要抓住晴好天气抢收抢种，同时注意防范高温对晚稻秧苗的影响。",
];

const text = (lines) => lines.join("\n\n");
/** The first article's copies: as the contract of issue 17 describes reposts. */
const TRIMMED = ["熊猫基地喜添双胞胎 游客三个月后可见", ...PANDA.slice(2)];
const AD_LINE = "【广告】关注本号，每天免费领取熊猫周边礼品，点击下方链接立即参与抽奖！";
const WITH_AD = [PANDA[0], PANDA[1], PANDA[2], AD_LINE, PANDA[3], PANDA[4]];
const TRADITIONAL = PANDA.map((line) => toTraditional(line));

const file = (name, lines) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text(lines)) });
/** In the order added: the lead first (a story's lead is the member added first). */
const FILES = [
  file("panda.txt", PANDA),
  file("harbour.txt", HARBOUR),
  file("rice.txt", RICE),
  file("panda-trimmed.txt", TRIMMED),
  file("panda-ad.txt", WITH_AD),
  file("panda-traditional.txt", TRADITIONAL),
];
const COPIES = ["panda-trimmed.txt", "panda-ad.txt", "panda-traditional.txt"];

/** Opens the site with the generated corpus in place of the bundled one, runs the scenario, and fails on any console problem. */
async function scenario(body, options = {}) {
  const session = await openPage(shared.browser, shared.site.baseUrl, options);
  try {
    const { page } = session;
    await page.getByTestId("replace-corpus").check();
    await page.getByTestId("file-input").setInputFiles(FILES);
    await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
    await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
    await page.waitForFunction(() => document.querySelector('[data-testid="article-list"]').children.length === 3);
    await body(page, session);
    assertClean(session.problems);
  } finally {
    await session.close();
  }
}

/** The list's rows by name, each with the names of the copies folded under it. */
const rows = (page) =>
  page.getByTestId("article-list").evaluate((list) =>
    [...list.children].map((item) => [item.dataset.docName, Number(item.querySelector('[data-testid="story-toggle"]')?.dataset.copies ?? 0)]),
  );

const row = (page, name) => page.locator(`[data-testid="article-list"] > li[data-doc-name="${name}"]`);


test("a-story-with-its-copies-is-folded-in-the-article-list", () =>
  scenario(async (page) => {
    assert.deepEqual(await rows(page), [["panda.txt", 3], ["harbour.txt", 0], ["rice.txt", 0]], "one story, its three copies folded under the lead");
    assert.equal(await page.getByTestId("story-summary").textContent(), "1 个报道有转载，共 3 篇转载 / 1 story with 3 copies");
    assert.equal(await page.getByTestId("status").textContent(), "已载入 6 篇文章 / 6 articles loaded", "every article still counts as loaded");

    const lead = row(page, "panda.txt");
    const toggle = lead.getByTestId("story-toggle");
    assert.equal(await toggle.textContent(), "3 篇转载 / 3 copies");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await lead.getByTestId("story-copies").isHidden(), true);

    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    const copies = lead.getByTestId("story-copy");
    assert.deepEqual(await copies.evaluateAll((items) => items.map((i) => i.dataset.docName)), COPIES);
    for (const similarity of await copies.evaluateAll((items) => items.map((i) => Number(i.dataset.similarity)))) {
      assert.ok(similarity >= 0.6 && similarity <= 1, `a copy is at least as similar as the threshold (${similarity})`);
    }
    assert.match(await copies.first().getByTestId("article-similarity").textContent(), /^相似度 \d+% \/ \d+% similar$/);
    assert.deepEqual(await axeViolations(page), [], "the list with a story open");

    // A copy opens in the reader like any article, and is the one marked open.
    const copy = copies.nth(1).getByTestId("article");
    await copy.click();
    await page.waitForSelector('[data-testid="reader"][data-doc-id="4"]:not([aria-busy="true"])');
    assert.match(await page.getByTestId("reader-title").textContent(), /成都熊猫基地/);
    assert.equal(await copy.getAttribute("aria-current"), "true");

    // Closed again, and in English.
    await toggle.click();
    assert.equal(await lead.getByTestId("story-copies").isHidden(), true);
    await page.getByTestId("language-toggle").click();
    assert.equal((await toggle.innerText()).trim(), "3 copies");
  }));

test("count-reposts-once-changes-the-frequency-list", () =>
  scenario(async (page) => {
    const frequencies = page.getByTestId("view-frequencies");
    const answered = async (action) => {
      const before = Number(await page.getByTestId("frequencies-status").getAttribute("data-run"));
      await action();
      await page.waitForFunction((n) => {
        const line = document.querySelector('[data-testid="frequencies-status"]');
        return Number(line.dataset.run) > n && line.dataset.state === "ready";
      }, before);
    };
    const freq = async (item) => Number(await frequencies.locator(`[data-testid="frequency-row"][data-item="${item}"]`).first().getAttribute("data-freq") ?? 0);

    await page.getByTestId("tab-frequencies").click();
    await page.waitForSelector('[data-testid="frequencies-status"][data-state="ready"]', { timeout: 20_000 });
    // Two-character n-grams: the count does not depend on how the word list segments.
    await answered(() => page.getByTestId("frequencies-unit").selectOption("ngram"));
    const all = await freq("熊猫");
    await answered(() => page.getByTestId("frequencies-scope").selectOption("0"));
    const inLead = await freq("熊猫");
    await answered(() => page.getByTestId("frequencies-scope").selectOption(""));
    // The trimmed copy lacks a paragraph; the Traditional one writes 熊貓.
    assert.ok(inLead > 0 && all > 2 * inLead, `熊猫 counted in the copies too: ${all} in all, ${inLead} in the lead`);
    assert.equal(await page.getByTestId("frequencies-stories").textContent(), "", "nothing said while every article counts");

    const harbour = await freq("港口");
    const option = page.getByTestId("one-per-story");
    assert.equal(await page.getByTestId("story-option").isVisible(), true, "the shared option is shown above the views");
    await answered(() => option.check());
    assert.equal(await freq("熊猫"), inLead, "the story counts once: as its lead");
    assert.equal(await freq("港口"), harbour, "an article without copies counts as before");
    assert.equal(await page.getByTestId("frequencies-stories").textContent(), "转载只计一次 / Reposts counted once");
    assert.equal(await page.getByTestId("frequencies-status").getAttribute("data-stories-once"), "true");

    // Shared by every view: the concordance counts the lead's lines only, and says so.
    await page.getByTestId("tab-concordance").click();
    await page.getByTestId("concordance-query").fill("熊猫");
    await page.getByTestId("concordance-run").click();
    await page.waitForSelector('[data-testid="concordance-status"][data-state="ready"][data-stories-once="true"]');
    assert.equal(await page.locator('[data-testid="kwic-line"]').evaluateAll((lines) => new Set(lines.map((l) => l.dataset.docId)).size), 1);

    await page.getByTestId("tab-frequencies").click();
    await answered(() => option.uncheck());
    assert.equal(await freq("熊猫"), all, "unticked: every copy counts again");
    assert.equal(await page.getByTestId("frequencies-stories").textContent(), "");
  }));

test("collapse-copies-counts-a-story-once-in-search", () =>
  scenario(async (page) => {
    await searchFor(page, "熊猫");
    assert.match(await page.getByTestId("status").textContent(), /^4 篇文章，/);
    assert.equal(await page.locator('[data-testid="hit"]').count(), 4);

    await page.getByTestId("collapse-copies").check();
    await page.waitForSelector('[data-testid="status"][data-collapse="true"]');
    assert.match(await page.getByTestId("status").textContent(), /^1 个报道（4 篇文章），共 \d+ 处 \/ 1 story \(4 articles\), \d+ occurrences$/);
    const hits = page.locator('[data-testid="hit"]');
    assert.equal(await hits.count(), 1);
    // The story's best-ranked member stands for it; the other three are its copies.
    const standing = await hits.first().getAttribute("data-doc-name");
    assert.ok(["panda.txt", ...COPIES].includes(standing), standing);
    assert.equal(await hits.first().getAttribute("data-copies"), "3");
    assert.equal(await hits.first().getByTestId("hit-copies-label").textContent(), "另有 3 篇转载 / +3 copies");
    assert.match(page.url(), /[?&]collapse=1\b/, "kept in the address");

    await hits.first().getByTestId("hit-copies-label").click();
    const copies = hits.first().getByTestId("hit-copy");
    const copyNames = await copies.evaluateAll((items) => items.map((i) => i.dataset.docName));
    assert.deepEqual([standing, ...copyNames].sort(), ["panda.txt", ...COPIES].sort());
    // A copy opens in the reader.
    const other = copyNames.includes("panda-traditional.txt") ? "panda-traditional.txt" : copyNames[0];
    await hits.first().locator(`[data-testid="hit-copy"][data-doc-name="${other}"] button`).click();
    await page.waitForSelector(`[data-testid="reader"][data-doc-id="${FILES.findIndex((f) => f.name === other)}"]:not([aria-busy="true"])`);
    if (other === "panda-traditional.txt") assert.match(await page.getByTestId("reader-text").textContent(), /熊貓/);

    // Unticked: every article is a hit again, and the address forgets it.
    await page.getByTestId("collapse-copies").uncheck();
    await page.waitForSelector('[data-testid="status"][data-collapse="false"]');
    assert.equal(await page.locator('[data-testid="hit"]').count(), 4);
    assert.doesNotMatch(page.url(), /collapse=/);
  }));

test("the-threshold-regroups-the-stories", () =>
  scenario(async (page) => {
    const lead = row(page, "panda.txt");
    await lead.getByTestId("story-toggle").click();
    const similarities = await lead.getByTestId("story-copy").evaluateAll((items) => items.map((i) => [i.dataset.docName, Number(i.dataset.similarity)]));
    assert.equal(similarities.length, 3);
    const lowest = Math.min(...similarities.map(([, s]) => s));

    // Above the least similar copy: it is an article of its own again.
    const threshold = Math.min(1, Math.ceil((lowest + 0.01) / 0.05) * 0.05).toFixed(2);
    const threshold$ = page.getByTestId("story-threshold");
    await threshold$.fill(threshold);
    await threshold$.press("Enter");
    await page.waitForSelector(`[data-testid="story-controls"][data-threshold="${Number(threshold)}"]`);
    const apart = similarities.filter(([, s]) => s < Number(threshold)).map(([name]) => name);
    assert.ok(apart.length >= 1);
    const regrouped = await rows(page);
    for (const name of apart) assert.ok(regrouped.some(([n]) => n === name), `${name} is a row of its own at ${threshold}`);
    assert.equal(regrouped.length, 3 + apart.length);
    assert.equal(await page.getByTestId("article-list").evaluate((list) => list.children[0].getAttribute("aria-setsize")), String(3 + apart.length));
    // The story stayed open through the regrouping, with the copies left in it.
    const left = 3 - apart.length;
    if (left > 0) {
      assert.equal(await lead.getByTestId("story-toggle").getAttribute("aria-expanded"), "true");
      assert.equal(await lead.getByTestId("story-copy").count(), left);
    }

    // Back to the default: the story has all three copies again.
    await threshold$.fill("0.6");
    await threshold$.press("Enter");
    await page.waitForSelector('[data-testid="story-controls"][data-threshold="0.6"]');
    assert.deepEqual(await rows(page), [["panda.txt", 3], ["harbour.txt", 0], ["rice.txt", 0]]);
    assert.equal(await page.getByTestId("story-summary").textContent(), "1 个报道有转载，共 3 篇转载 / 1 story with 3 copies");

    // Out of range is brought into it.
    await threshold$.fill("0.1");
    await threshold$.press("Enter");
    await page.waitForSelector('[data-testid="story-controls"][data-threshold="0.3"]');
    assert.equal(await threshold$.inputValue(), "0.3");
  }));
