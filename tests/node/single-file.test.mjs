// The single-file build's module transform (scripts/single-file.mjs): each of
// our import/export forms becomes registry calls that behave like ES modules,
// and the HTML pieces are safe inside their elements.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import {
  collectModules,
  cspHash,
  escapeScriptText,
  jsonForScript,
  parseSpecifiers,
  resolveSpecifier,
  seedEntry,
  buildHtml,
  transformModule,
} from "../../scripts/single-file.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs transformed modules in a registry like the bundle's and returns the entry's exports. */
function run(sources, entry) {
  const modules = collectModules((path) => sources[path], [entry]);
  const context = vm.createContext({});
  const factories = {};
  for (const [path, { body }] of modules) {
    factories[path] = vm.runInContext(`(function (__require, __exports, __meta, self, postMessage) {"use strict";\n${body}\n})`, context);
  }
  const done = new Map();
  const exportGetters = (exports, getters) => {
    for (const [name, get] of Object.entries(getters)) Object.defineProperty(exports, name, { get, enumerable: true });
  };
  context.__export = exportGetters;
  function require(path) {
    if (!done.has(path)) {
      const exports = {};
      done.set(path, exports);
      factories[path](require, exports, { url: `file:///app/${path}` }, null, null);
    }
    return done.get(path);
  }
  return require(entry);
}

test("named-default-and-renamed-imports-read-the-other-modules-exports", () => {
  const exports = run(
    {
      "main.js": [
        'import init, { Corpus, helper as h } from "./pkg/core.js";',
        "import {",
        "  one,",
        "  two, // a comment",
        '} from "./components/list.js";',
        "export const answer = [init(), new Corpus().name, h(), one, two];",
      ].join("\n"),
      "pkg/core.js": [
        "class Corpus { constructor() { this.name = 'corpus'; } }",
        "function helper() { return 'help'; }",
        "async function __wbg_init() { return 'init'; }",
        "export { Corpus, helper };",
        "export { __wbg_init as default };",
      ].join("\n"),
      "components/list.js": 'import { base } from "../base.js";\nexport const one = base + 1;\nexport function two() {}\n',
      "base.js": "export const base = 41;\n",
    },
    "main.js",
  );
  const [init, name, help, one, two] = exports.answer;
  assert.equal(name, "corpus");
  assert.equal(help, "help");
  assert.equal(one, 42);
  assert.equal(typeof two, "function");
  assert.equal(typeof init.then, "function");
});

test("private-names-never-clash-and-exports-are-read-after-the-module-ran", () => {
  const exports = run(
    {
      "a.js": 'import { counter, bump } from "./b.js";\nconst secret = "a";\nbump();\nexport function read() { return [counter.count, secret]; }\n',
      "b.js": 'const secret = "b";\nexport const counter = { count: 0 };\nexport function bump() { counter.count += 1; }\nexport default secret;\n',
    },
    "a.js",
  );
  assert.deepEqual([...exports.read()], [1, "a"]);
});

test("a-reassignable-export-is-refused-since-importers-would-not-see-it-change", () => {
  assert.throws(() => transformModule("b.js", "export let count = 0;\n"), /b\.js: “export let count”/);
});

test("import-meta-url-becomes-the-modules-own-address", () => {
  const { body } = transformModule("engine.js", 'const url = new URL("./worker.js", import.meta.url);\n');
  assert.match(body, /new URL\("\.\/worker\.js", __meta\.url\)/);
});

test("an-import-form-the-bundler-cannot-handle-is-an-error-not-a-broken-bundle", () => {
  assert.throws(() => transformModule("x.js", 'import * as all from "./y.js";\n'), /x\.js:1: an import\/export form/);
  assert.throws(() => transformModule("x.js", "const y = await import(name);\n"), /import\/export form/);
  assert.throws(() => transformModule("x.js", 'import { a } from "lodash";\n'), /only relative imports/);
  assert.throws(() => transformModule("x.js", "export const a = 1, b = 2;\nexport default 1;\nexport default 2;\n"), /more than one default/);
});

test("a-dynamic-import-of-a-literal-path-runs-the-module-when-first-asked-for", async () => {
  const sources = {
    "app.js": [
      "// the views load with import() when a tab is first opened",
      'export const log = [];',
      'export function open() { return import("./views/later.js").then((m) => m.mount(log)); }',
    ].join("\n"),
    "views/later.js": 'import { log } from "../app.js";\nlog.push("ran");\nexport function mount(into) { into.push("mounted"); return into === log; }\n',
  };
  const { body, imports } = transformModule("app.js", sources["app.js"]);
  assert.deepEqual(imports, ["views/later.js"], "the bundle includes it");
  assert.match(body, /Promise\.resolve\(\)\.then\(\(\) => __require\("views\/later\.js"\)\)/);
  const app = run(sources, "app.js");
  assert.deepEqual([...app.log], [], "not run at start-up");
  assert.equal(await app.open(), true);
  assert.deepEqual([...app.log], ["ran", "mounted"]);
});

test("specifiers-resolve-relative-to-the-importing-module", () => {
  assert.equal(resolveSpecifier("components/reader.js", "../format.js"), "format.js");
  assert.equal(resolveSpecifier("components/reader.js", "./meta-line.js"), "components/meta-line.js");
  assert.equal(resolveSpecifier("worker.js", "./pkg/corpus_explorer.js"), "pkg/corpus_explorer.js");
  assert.throws(() => resolveSpecifier("main.js", "../outside.js"), /leaves dist/);
  assert.deepEqual(parseSpecifiers(" a,\n b as c, "), [["a", "a"], ["b", "c"]]);
});

test("every-module-of-the-page-transforms-with-nothing-left-over", () => {
  // The real files: www/ as the page imports them (pkg/ only exists after a build).
  const read = (path) => {
    if (path.startsWith("pkg/")) return "export class Corpus {}\nasync function init() {}\nexport { init as default };\n";
    return readFileSync(join(ROOT, "www", path), "utf8");
  };
  const modules = collectModules(read, ["main.js", "worker.js"]);
  const files = readdirSync(join(ROOT, "www", "components")).filter((name) => name.endsWith(".js"));
  for (const name of files) assert.ok(modules.has(`components/${name}`), `components/${name} is bundled`);
  assert.ok(modules.has("engine.js") && modules.has("pkg/corpus_explorer.js"));
  assert.ok(!modules.has("sw.js"), "the service worker is not part of the page");
  for (const [path, { body }] of modules) {
    assert.doesNotThrow(() => new vm.Script(`(function () {${body}\n})`), `${path} is valid script code`);
  }
});

test("script-and-json-text-cannot-end-their-element-early", () => {
  assert.equal(escapeScriptText('s.replace(/<!--x/, "</script>")'), 's.replace(/<\\!--x/, "<\\/script>")');
  assert.equal(/<\!--/.test("<!--"), true, "the escaped regex still matches");
  const json = jsonForScript({ text: "</script><!-- \u2028" });
  assert.ok(!json.includes("<"));
  assert.deepEqual(JSON.parse(json), { text: "</script><!-- \u2028" });
});

test("csp-hash-is-the-base64-sha256-of-the-exact-text", () => {
  const text = "console.log('京东');";
  assert.equal(cspHash(text), `'sha256-${createHash("sha256").update(Buffer.from(text, "utf8")).digest("base64")}'`);
});

test("seed-files-come-back-byte-for-byte", () => {
  const utf8 = Buffer.from("\ufeff京东\r\n", "utf8");
  assert.deepEqual(seedEntry("a.txt", utf8), { name: "a.txt", text: "\ufeff京东\r\n" });
  assert.deepEqual(Buffer.from(new TextEncoder().encode(seedEntry("a.txt", utf8).text)), utf8);
  const gbk = Buffer.from([190, 169, 182, 171]);
  assert.deepEqual(seedEntry("b.txt", gbk), { name: "b.txt", base64: gbk.toString("base64") });
});

test("the-single-file-page-keeps-one-policy-its-own-not-the-served-sites", () => {
  const indexHtml = readFileSync(join(ROOT, "www", "index.html"), "utf8");
  assert.match(indexHtml, /http-equiv="Content-Security-Policy"/, "www/index.html carries the served policy");
  const html = buildHtml({ indexHtml, css: "body{}", script: "1;", wasm: Buffer.from("w"), encodings: null, seeds: [], favicon: null });
  const policies = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)].map((m) => m[1]);
  // Two policies would both be enforced, and the served one's 'self' allows nothing on file://.
  assert.equal(policies.length, 1, html.slice(0, 600));
  assert.match(policies[0], /script-src 'sha256-/);
  assert.doesNotMatch(html, /The strict policy scripts\/serve\.py/);
});
