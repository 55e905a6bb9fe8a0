// The floor of a cold start on this machine, from navigation start (issue 16 item 3): what any
// page costs here before the explorer does anything. N fresh browser contexts open, in turns
// run by run, pages that do less and less than the explorer:
//
//   blank        an HTML page with one Latin word ("x"): renderer, navigation, parse, paint
//   zh           the same with one line of Chinese text (no CJK font on this machine: font fallback)
//   zh-list      a list of Chinese lines as long as the seeds' first result (10 titles + snippets)
//   module       the blank page with one module script that creates a worker and waits for its
//                first message (a worker's start, nothing compiled)
//   wasm         the module page compiling the site's search core (compileStreaming) too
//   zh-long, latin-long, zh-long-fonts   the seeds' text as paragraphs; as many Latin letters;
//                the Chinese with a list of CJK fonts (not installed here) (--pages to ask them)
//   zh-long-site, zh-long-generic, zh-long-local   the same Chinese with style.css's own font list,
//                with `system-ui, sans-serif` only, and with the named fonts as one @font-face
//                of local() sources (--pages to ask them)
//   core         the blank page compiling the search core on its own thread (no worker)
//   floor-page   cold-start-floor.html?page: the core instantiated on the page, the seeds opened,
//                searched and listed there (the floor of www/first-answer.js)
//   floor        tests/bench/cold-start-floor.html (site's worker, core, snapshot, search, list)
//   site         the site's own index.html?q=京东 (the explorer)
//
// and reports for each the medians of: responseEnd of the document, DOMContentLoaded, first
// paint and first contentful paint (Paint Timing), the page's own "done" mark (the worker's
// answer, the compile, the list) and "rendered" (the first task after the next animation frame
// once done: what cold-start.mjs reports for the site).
//
//   node tests/bench/boot-floor.mjs [site folder] [runs] [--pages=blank,zh,…] [--server=node]
//
// --server=node serves with a minimal Node http server instead of scripts/serve.py, to tell the
// server's share. A diagnostic, not a test: nothing asserted; say the load average with it.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { launchBrowser } from "../browser/harness.mjs";
import { serveFolder } from "../serve-folder.mjs";
import { freshPage, probe } from "./boot-probe.mjs";

const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const args = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 9);
const siteDir = args.find((arg) => !/^\d+$/.test(arg)) ?? new URL("../../dist", import.meta.url).pathname;
const pages = (option("pages") ?? "blank,zh,zh-list,core,module,wasm,floor-page,floor,site").split(",");

const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'">`;
const html = (body, head = "") => `<!doctype html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n${CSP}\n<title>floor</title>\n${head}</head>\n<body>\n${body}\n</body>\n</html>\n`;
const lines = Array.from({ length: 10 }, (_, i) => `<li>第${i + 1}篇：京东直播带货的销售额在今年双十一再创新高，快手和抖音紧随其后。</li>`).join("\n");
// The seeds' articles as paragraphs (~25,000 characters of Chinese), the same number of Latin
// letters, and the Chinese again with a CJK font list (none installed here) in a stylesheet:
// what laying out much Chinese costs without a CJK font (font fallback for every run).
const seedsText = readdirSync(new URL("../../seeds/", import.meta.url)).filter((name) => name.endsWith(".txt")).map((name) => readFileSync(new URL(`../../seeds/${name}`, import.meta.url), "utf8")).join("\n");
const paragraphs = (text) => text.split(/\n+/).filter((line) => line.trim()).map((line) => `<p>${line.replace(/[<>&]/g, " ")}</p>`).join("\n");
const latin = seedsText.replace(/[^\n]/g, (c) => (c.trim() ? "abcdefghij"[c.codePointAt(0) % 10] : " "));
// The "done" signal of each page: a console message the probe-less pages send themselves.
const DONE = `<script type="module" src="./floor-done.js"></script>`;
const FILES = {
  "floor-blank.html": html("<p>x</p>", DONE),
  "floor-zh.html": html("<p>语料浏览器：简繁通搜，搜京东也能找到京東。</p>", DONE),
  "floor-zh-list.html": html(`<ol>\n${lines}\n</ol>`, DONE),
  "floor-module.html": html("<p>x</p>", `<script type="module" src="./floor-module.js"></script>`),
  "floor-core.html": html("<p>x</p>", `<script type="module" src="./floor-core.js"></script>\n<link rel="preload" href="./pkg/corpus_explorer_search_bg.wasm" as="fetch" crossorigin>\n`),
  "floor-wasm.html": html("<p>x</p>", `<script type="module" src="./floor-wasm.js"></script>\n<link rel="preload" href="./pkg/corpus_explorer_search_bg.wasm" as="fetch" crossorigin>\n`),
  "floor-zh-long.html": html(paragraphs(seedsText), DONE),
  "floor-latin-long.html": html(paragraphs(latin), DONE),
  "floor-zh-long-fonts.html": html(paragraphs(seedsText), `<link rel="stylesheet" href="./floor-fonts.css">\n${DONE}`),
  "floor-fonts.css": `body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }\n`,
  // The page's own list (style.css's --ce-font) against what could replace it, for the font
  // question of issue 16 item 3: the generic families only; the named fonts behind one
  // @font-face of local() faces; the named fonts with `lang` on the list's elements only.
  "floor-zh-long-site.html": html(paragraphs(seedsText), `<link rel="stylesheet" href="./floor-site-fonts.css">\n${DONE}`),
  "floor-site-fonts.css": `body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", system-ui, sans-serif; }\n`,
  "floor-zh-long-generic.html": html(paragraphs(seedsText), `<link rel="stylesheet" href="./floor-generic.css">\n${DONE}`),
  "floor-generic.css": `body { font-family: system-ui, sans-serif; }\n`,
  "floor-zh-long-local.html": html(paragraphs(seedsText), `<link rel="stylesheet" href="./floor-local.css">\n${DONE}`),
  "floor-local.css": `@font-face { font-family: "CE Sans"; src: local("Noto Sans CJK SC"), local("NotoSansCJKsc-Regular"), local("Source Han Sans SC"), local("PingFang SC"), local("Hiragino Sans GB"), local("Microsoft YaHei"); }\nbody { font-family: "CE Sans", system-ui, sans-serif; }\n`,
  // Done once the page has painted: the next frame after load.
  "floor-done.js": `window.__done = performance.now();\n`,
  "floor-worker.js": `postMessage("up");\n`,
  "floor-core.js": `WebAssembly.compileStreaming(fetch(new URL("./pkg/corpus_explorer_search_bg.wasm", import.meta.url))).then(() => (window.__done = performance.now()));\n`,
  "floor-module.js": `const worker = new Worker(new URL("./floor-worker.js", import.meta.url), { type: "module" });\nworker.onmessage = () => (window.__done = performance.now());\n`,
  "floor-wasm.js": `const worker = new Worker(new URL("./floor-worker.js", import.meta.url), { type: "module" });\nconst up = new Promise((resolve) => (worker.onmessage = resolve));\nconst core = WebAssembly.compileStreaming(fetch(new URL("./pkg/corpus_explorer_search_bg.wasm", import.meta.url)));\nPromise.all([up, core]).then(([, module]) => { worker.postMessage(module); window.__done = performance.now(); });\n`,
};

/** Installed before the page's scripts: paint timings, and "rendered" once the page is done. */
function floorProbe() {
  const b = (window.__floor = { paints: {} });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) b.paints[entry.name] = entry.startTime;
  }).observe({ type: "paint", buffered: true });
  const check = () => {
    if (window.__done === undefined || document.readyState === "loading") return setTimeout(check, 1);
    b.done = window.__done;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        b.rendered = performance.now();
        console.debug("cold-start:measured");
      };
      channel.port2.postMessage(0);
    });
  };
  check();
}

/** A minimal static server (no CSP header: the pages carry it as <meta>), to compare with serve.py. */
function nodeServer(dir) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml" };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = readFileSync(join(dir, path.endsWith("/") ? path + "index.html" : path));
      res.writeHead(200, { "Content-Type": types[extname(path)] ?? "application/octet-stream", "Content-Length": body.length, "Cache-Control": "no-cache" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ baseUrl: `http://127.0.0.1:${server.address().port}/`, stop: () => new Promise((r) => server.close(r)) })),
  );
}

const served = mkdtempSync(join(tmpdir(), "boot-floor-"));
cpSync(siteDir, served, { recursive: true });
for (const [name, text] of Object.entries(FILES)) writeFileSync(join(served, name), text);
for (const name of ["cold-start-floor.html", "cold-start-floor.js"]) cpSync(new URL(name, import.meta.url), join(served, name));
const server = option("server") === "node" ? await nodeServer(served) : await serveFolder(served);
const browser = await launchBrowser();
const loadBefore = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const measured = Object.fromEntries(pages.map((page) => [page, []]));
const median = (values) => {
  const known = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return known.length ? known[Math.floor(known.length / 2)] : undefined;
};
try {
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < pages.length; k++) {
      const page = pages[(i + k) % pages.length];
      const { context, page: tab } = await freshPage(browser);
      const explorer = page === "site" || page.startsWith("floor");
      await tab.addInitScript(explorer ? probe : floorProbe);
      if (page.startsWith("floor")) await tab.addInitScript(() => (window.__bench.floor = true));
      const done = tab.waitForEvent("console", { predicate: (message) => message.text() === "cold-start:measured", timeout: 30_000 });
      const url = page === "site" ? "index.html?q=%E4%BA%AC%E4%B8%9C" : page === "floor" ? "cold-start-floor.html?q=%E4%BA%AC%E4%B8%9C" : page === "floor-page" ? "cold-start-floor.html?q=%E4%BA%AC%E4%B8%9C&page" : `floor-${page}.html`;
      await tab.goto(server.baseUrl + url, { waitUntil: "commit" });
      await done;
      measured[page].push(
        await tab.evaluate((explorer) => {
          const nav = performance.getEntriesByType("navigation")[0];
          const paints = Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]));
          const own = explorer ? { done: window.__bench.marks.firstHit, rendered: window.__bench.marks.rendered } : { done: window.__floor.done, rendered: window.__floor.rendered };
          return { requestStart: nav.requestStart, responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, fp: paints["first-paint"], fcp: paints["first-contentful-paint"], ...own };
        }, explorer),
      );
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(served, { recursive: true, force: true });
}
const loadAfter = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const ms = (value) => (value === undefined ? "–" : value.toFixed(0));
console.log(`${siteDir}: ${runs} runs per page in turns, server ${option("server") ?? "serve.py"}, load average ${loadBefore} → ${loadAfter}; medians, ms from navigation start`);
console.log("| page | requestStart | responseEnd | DOMContentLoaded | first paint | first contentful paint | done | **rendered** | rendered min–max |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const page of pages) {
  const m = measured[page];
  const col = (key) => ms(median(m.map((x) => x[key])));
  const rendered = m.map((x) => x.rendered).filter(Number.isFinite);
  console.log(`| ${page} | ${col("requestStart")} | ${col("responseEnd")} | ${col("dcl")} | ${col("fp")} | ${col("fcp")} | ${col("done")} | **${col("rendered")}** | ${ms(Math.min(...rendered))}–${ms(Math.max(...rendered))} |`);
}
