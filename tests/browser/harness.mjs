// Shared set-up for the browser scenarios: serve dist/ with scripts/serve.py on
// a free port, drive Debian's Chromium with playwright-core, and record every
// console error or warning, uncaught page error, failed request and HTTP error
// so each scenario can assert the page stayed clean.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveFolder } from "../serve-folder.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = join(ROOT, "dist");
export const SEEDS = join(ROOT, "seeds");

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The site and a browser for every scenario of the calling test file: started
 * before the first, stopped after the last. Read `shared.site` and
 * `shared.browser` inside the scenarios.
 * @returns {{ site?: Awaited<ReturnType<typeof startSite>>, browser?: import("playwright-core").Browser }}
 */
export function siteAndBrowser() {
  const shared = {};
  before(async () => {
    [shared.site, shared.browser] = await Promise.all([startSite(), launchBrowser()]);
  });
  after(async () => {
    await shared.browser?.close();
    await shared.site?.stop();
  });
  return shared;
}

/**
 * The usual scenario of a test file: `scenario(body, { path, ...openPage options })` opens
 * the site (at `path`), runs `body(page, session)`, and fails if the page logged anything bad.
 * @param {ReturnType<typeof siteAndBrowser>} shared
 */
export function scenarioOn(shared) {
  return async function scenario(body, { path = "", ...options } = {}) {
    const session = await openPage(shared.browser, shared.site.baseUrl + path, options);
    try {
      await body(session.page, session);
      assertClean(session.problems);
    } finally {
      await session.close();
    }
  };
}

/**
 * Starts `scripts/serve.py --dir dist` and resolves once it answers.
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void> }>}
 */
export async function startSite({ timeoutMs = 10_000 } = {}) {
  if (!existsSync(join(DIST, "index.html"))) {
    throw new Error("dist/index.html is missing: run `bash scripts/build.sh` first");
  }
  return serveFolder(DIST, { timeoutMs });
}

/** Launches the system Chromium; never downloads one. */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium chromium-driver`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
}

/**
 * Opens `url` in a fresh context and waits until the corpus has loaded
 * (`<html data-state="ready">`, or `readySelector`, say for a page embedding
 * <corpus-explorer> elements). `problems` collects everything that should
 * never happen on a healthy page; pass it to assertClean.
 */
export async function openPage(
  browser,
  url,
  { colorScheme = "light", viewport, init, contextOptions = {}, readySelector = 'html[data-state="ready"]' } = {},
) {
  // Chinese unless a scenario asks otherwise (the interface follows the browser language).
  const context = await browser.newContext({ colorScheme, viewport, locale: "zh-CN", ...contextOptions });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      const { url: where = "", lineNumber = 0 } = message.location();
      problems.push(`console.${message.type()}: ${message.text()} (${where}:${lineNumber})`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    // Chromium fetches the favicon again on each address change, by itself; a navigation
    // or reload that cuts that fetch off is no fault of the page.
    const aborted = request.failure()?.errorText === "net::ERR_ABORTED";
    if (aborted && new URL(request.url()).pathname.endsWith("/favicon.svg")) return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  await page.goto(url);
  await page.waitForSelector(readySelector, { timeout: 15_000 });
  return {
    page,
    context,
    problems,
    close: () => context.close(),
  };
}

/** Fails with the full list when anything went wrong on the page. */
export function assertClean(problems) {
  if (problems.length > 0) {
    throw new Error(`the page reported problems:\n  ${problems.join("\n  ")}`);
  }
}

/**
 * Types `query` into the search box like a user and waits until the results
 * and status line answer that very query (the page debounces typing).
 */
export async function searchFor(page, query) {
  await page.getByLabel("搜索 / Search").fill(query);
  await page.waitForSelector(`[data-testid="status"][data-query="${cssString(query)}"]`);
}

function cssString(text) {
  return text.replace(/["\\]/g, "\\$&");
}

/** axe-core's source, to run in a page. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's WCAG 2.1 A/AA and best-practice violations on the whole page, one line each
 * (rule, help, the first three elements). axe is evaluated through the DevTools protocol,
 * which the page's CSP does not govern.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
  });
}
