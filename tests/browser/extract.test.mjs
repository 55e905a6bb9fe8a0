// A saved news page dropped on the page (issue 13): the core extracts the
// article; navigation, comments and the other furniture are removed but shown,
// in place and with their reason, on request. The page is a small synthetic one
// (tests/fixtures/saved-news-page.html), not one of the real development pages.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, scenarioOn, searchFor, siteAndBrowser } from "./harness.mjs";

const PAGE = readFileSync(join(ROOT, "tests", "fixtures", "saved-news-page.html"));
const shared = siteAndBrowser();
const scenario = scenarioOn(shared);

test("a-saved-news-page-shows-its-article-with-navigation-and-comments-removed-and-shown-on-request", () =>
  scenario(async (page) => {
    await page.getByTestId("file-input").setInputFiles([{ name: "school.html", mimeType: "text/html", buffer: PAGE }]);
    await page.waitForSelector('[data-testid="files-message"]:not(:empty)');
    await page.waitForSelector('[data-testid="index-progress"][hidden]', { state: "attached" });
    assert.match(await page.getByTestId("files-message").textContent(), /已添加 1 个文件/);

    await searchFor(page, "网络课堂");
    const hit = page.locator('[data-testid="hit"][data-doc-name="school.html"]');
    assert.equal(await hit.count(), 1);
    await hit.locator("button, a").first().click();
    await page.waitForSelector('[data-testid="reader"]:not([hidden]):not([aria-busy="true"])');
    assert.equal(await page.getByTestId("reader-title").textContent(), "山区小学开通网络课堂", "the headline, not the site name");

    const text = page.getByTestId("reader-text");
    const article = await text.textContent();
    assert.match(article, /全校一百二十名学生/);
    assert.match(article, /“看见了外面的世界”/, "&#0147;/&#0148; read as quotation marks");
    for (const furniture of ["国内频道", "山里娃", "乡村学校迎来新操场", "京ICP备"]) {
      assert.ok(!article.includes(furniture), `“${furniture}” is not in the article`);
    }

    await page.getByTestId("show-removed").check();
    await page.waitForSelector('[data-testid="reader"][data-show-removed="true"]');
    for (const [reason, phrase] of [["navigation", "国内频道"], ["comments", "山里娃"], ["related", "乡村学校迎来新操场"]]) {
      const marked = text.locator(`[data-removed="${reason}"]`, { hasText: phrase });
      assert.ok((await marked.count()) > 0, `“${phrase}” is shown, marked data-removed="${reason}"`);
    }
    assert.match(await text.textContent(), /全校一百二十名学生/, "the article stays in place");
  }));
