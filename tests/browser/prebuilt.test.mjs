// The prebuilt corpus and the page's own policy: the bundled seeds open from one snapshot
// (scripts/build.sh prebuilds it with the CLI) without fetching or indexing the articles;
// a site written by `corpus-explorer build` serves its owner's corpus the same way; and the
// pages' <meta> Content-Security-Policy holds on a host that sends no header.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { assertClean, DIST, launchBrowser, openPage, ROOT, SEEDS, searchFor } from "./harness.mjs";
import { serveFolder } from "../serve-folder.mjs";

const SEED_NAMES = readdirSync(SEEDS).filter((name) => name.endsWith(".txt")).sort();
const JINGDONG = SEED_NAMES.filter((name) => /京[东東]/.test(readFileSync(join(SEEDS, name), "utf8")));
const CLI = join(ROOT, "target", "release", "corpus-explorer");

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function hitNames(page) {
  return (await page.$$eval('[data-testid="hit"]', (hits) => hits.map((hit) => hit.dataset.docName))).sort();
}

test("page-opens-the-prebuilt-seeds-without-fetching-the-articles", async () => {
  const manifest = JSON.parse(readFileSync(join(DIST, "seeds/manifest.json"), "utf8"));
  assert.equal(manifest.snapshot, "corpus.corpus", "scripts/build.sh prebuilds the seeds");
  const site = await serveFolder(DIST);
  const context = await browser.newContext({ locale: "zh-CN" });
  const requested = [];
  // The page's and its worker's requests; the service worker's install fetches the whole
  // shell (the articles too, for offline use), which is not the page asking for them.
  context.on("request", (request) => request.serviceWorker() || requested.push(new URL(request.url()).pathname));
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => ["error", "warning"].includes(m.type()) && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  try {
    await page.goto(site.baseUrl);
    await page.waitForSelector('html[data-state="ready"]', { timeout: 15_000 });
    assert.deepEqual(
      (await page.locator('[data-testid="article"]').evaluateAll((b) => b.map((x) => x.dataset.docName))).sort(),
      SEED_NAMES,
    );
    await searchFor(page, "京東");
    assert.deepEqual(await hitNames(page), JINGDONG);
    assert.ok(requested.includes("/seeds/corpus.corpus"), "the snapshot is fetched");
    assert.deepEqual(requested.filter((path) => path.endsWith(".txt")), [], "no article is fetched");
    // The raw text is in the snapshot: the reader's "show removed" view needs no article file.
    await page.locator('[data-testid="article"]').first().click();
    await page.waitForSelector('[data-testid="reader"]:not([aria-busy="true"])');
    assert.ok((await page.getByTestId("reader-text").textContent()).length > 100);
    assertClean(problems);
  } finally {
    await context.close();
    await site.stop();
  }
});

test("a-prebuilt-document-removed-stays-removed-after-a-crash", async () => {
  const site = await serveFolder(DIST);
  const session = await openPage(browser, site.baseUrl);
  const { page, problems } = session;
  try {
    await page.locator('[data-testid="article-remove"]').nth(1).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="article"]').length === n, SEED_NAMES.length - 1);
    // The new worker is given the corpus as it is now, not the snapshot as it was fetched.
    await page.evaluate(() => document.dispatchEvent(new Event("corpus-explorer:crash-for-testing")));
    await page.getByTestId("error-banner").waitFor();
    await searchFor(page, "直播");
    const hits = await hitNames(page);
    assert.ok(!hits.includes(SEED_NAMES[1]), `${SEED_NAMES[1]} was removed: ${hits}`);
    assert.ok(hits.length > 0);
    assertClean(problems.filter((p) => !p.includes("crash requested for testing")));
  } finally {
    await session.close();
    await site.stop();
  }
});

test("csp-meta-is-enforced-on-a-host-that-sends-no-header", async () => {
  const site = await serveFolder(DIST, { cspHeader: false });
  try {
    const response = await fetch(site.baseUrl);
    assert.equal(response.headers.get("content-security-policy"), null, "served without the header");
    const session = await openPage(browser, site.baseUrl);
    const { page, problems } = session;
    try {
      // The page works under its own policy…
      await searchFor(page, "京东");
      assert.deepEqual(await hitNames(page), JINGDONG);
      // …and the policy holds: an injected inline script does not run, and says why.
      const outcome = await page.evaluate(async () => {
        const violation = new Promise((resolve) =>
          document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true }),
        );
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true;";
        document.head.append(script);
        return { directive: await violation, ran: window.__inlineRan === true };
      });
      assert.deepEqual(outcome, { directive: "script-src-elem", ran: false });
      assertClean(problems.filter((p) => !/Content Security Policy/.test(p)));
    } finally {
      await session.close();
    }
  } finally {
    await site.stop();
  }
});

test("a-site-built-by-the-cli-serves-its-own-corpus", async (t) => {
  if (!existsSync(CLI)) {
    assert.fail(`${CLI} is missing: bash scripts/build.sh builds it`);
  }
  const work = mkdtempSync(join(tmpdir(), "ce-cli-site-"));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const input = join(work, "archive");
  mkdirSync(join(input, "2021"), { recursive: true });
  writeFileSync(join(input, "2021", "a.txt"), "标题：京东物流的新仓库\n\n2021年5月，京东物流在成都启用了新的智能仓库，每天可以处理十万个包裹。\n");
  writeFileSync(join(input, "b.txt"), "標題：快手電商的新規則\n\n快手電商發布新規則，要求商家在四十八小時內發貨，違者將被處罰。\n");
  const out = join(work, "site");
  execFileSync(CLI, ["build", input, "--out", out, "--title", "我的档案", "--quiet"], { stdio: "pipe" });
  assert.ok(!existsSync(join(out, "seeds", SEED_NAMES[0])), "the bundled seeds are not copied");

  const site = await serveFolder(out);
  try {
    const session = await openPage(browser, site.baseUrl);
    const { page, problems } = session;
    try {
      assert.equal(await page.title(), "我的档案");
      assert.deepEqual(
        (await page.locator('[data-testid="article"]').evaluateAll((b) => b.map((x) => x.dataset.docName))).sort(),
        ["2021/a.txt", "b.txt"],
      );
      await searchFor(page, "快手电商");
      assert.deepEqual(await hitNames(page), ["b.txt"], "Simplified finds Traditional in a CLI-built corpus");
      assertClean(problems);
    } finally {
      await session.close();
    }
  } finally {
    await site.stop();
  }
});
