#!/usr/bin/env node
// Writes dist/corpus-explorer.html: the whole explorer in one file that opens
// from disk (file://), e-mails as an attachment, and needs no server.
//
//   node scripts/single-file.mjs [dist] [out] [www]     (scripts/build.sh runs it)
//
// What goes in, from the built dist/ and the sources in www/:
//   - index.html from www/ (without its preload links: nothing is fetched here);
//   - style.css as one <style>;
//   - the wasm (base64), the GB18030/Big5 tables (base64) and the bundled
//     articles (JSON: names and texts) as data blocks — <script> elements of a
//     non-JavaScript type, which the browser never runs;
//   - every ES module the page and its worker import — the sources in www/,
//     not dist/'s minified bundles, and the wasm package's JS from dist/pkg/ —
//     as ONE classic inline <script>: each module becomes a function in a tiny
//     CommonJS-style registry (so two modules' private names never meet), its
//     `import`s become reads of other modules' exports and its `export`s
//     getters; `import("./x.js")` (a literal path) becomes a promise of x.js's
//     exports, run when first asked for, as in the browser.
//     Imports are read when the importing module starts, so an export must
//     not be reassigned later (`export let` is refused) and imports must not
//     form a cycle through top-level code — neither happens in our files.
//
// The page's code runs unchanged; the bundle gives it three stand-ins:
//   - `fetch` answers the page's own files (seeds/…, the wasm,
//     data/encodings.bin) from the data blocks, and anything else with a 404 —
//     the CSP allows no network;
//   - `Worker` runs worker.js on the page's thread (a module worker cannot
//     start from a file:// page) with a fresh copy of its modules, wasm
//     included, so engine.js's crash recovery still gets a new core;
//   - wasm-bindgen's `init()` is handed the embedded wasm bytes, unless it is
//     given a module the page compiled already (engine.js's compileCore).
//
// The file carries a strict Content-Security-Policy with the SHA-256 of the
// inline script and style: no 'unsafe-inline', no network at all.
//
// Node's standard library only. The transform handles the import/export forms
// our own files use (checked: anything else left over is an error, not a
// silently broken bundle).

import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Where the wasm package's JS lives in dist/, and the module whose `init` gets the embedded bytes. */
export const WASM_MODULE = "pkg/corpus_explorer.js";
const WASM_FILE = "pkg/corpus_explorer_bg.wasm";
const ENCODINGS_FILE = "data/encodings.bin";
const ENTRY = "main.js";
const WORKER = "worker.js";

// ---- The module transform --------------------------------------------------------

const IMPORT_RE = /^import\s+(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\}\s*)?from\s*["']([^"']+)["'];?[ \t]*$/gm;
const BARE_IMPORT_RE = /^import\s*["']([^"']+)["'];?[ \t]*$/gm;
const EXPORT_LIST_RE = /^export\s*\{([^}]*)\}\s*(?:from\s*["']([^"']+)["'])?;?[ \t]*$/gm;
const EXPORT_DECL_RE = /^export\s+(default\s+)?((?:async\s+)?function\s*\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/gm;
const EXPORT_DEFAULT_EXPR_RE = /^export\s+default\s+/gm;
const DYNAMIC_IMPORT_RE = /\bimport\(\s*(["'])(\.{1,2}\/[^"']+)\1\s*\)/g;

/** `a, b as c` → [["a", "a"], ["b", "c"]] (local, exported/imported-as). */
export function parseSpecifiers(list) {
  return list
    .split(",")
    .map((part) => part.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "").trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(part);
      if (!match) throw new Error(`cannot read import/export specifier “${part}”`);
      return [match[1], match[2] ?? match[1]];
    });
}

/** Resolves `./x.js` or `../x.js` from module `from` (a path relative to dist/). */
export function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
    throw new Error(`${from}: only relative imports can be bundled, not “${specifier}”`);
  }
  const path = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (path.startsWith("../")) throw new Error(`${from}: “${specifier}” leaves dist/`);
  return path;
}

/**
 * Turns one ES module's source into the body of a registry function
 * `(__require, __exports, __meta, self, postMessage)`. Returns the body and
 * the paths it imports.
 */
export function transformModule(path, source) {
  const imports = [];
  const exported = []; // [exportedName, localExpression]
  let body = source;
  let defaultCount = 0;

  body = body.replace(IMPORT_RE, (_, defaultName, named, specifier) => {
    const target = resolveSpecifier(path, specifier);
    imports.push(target);
    const parts = [];
    if (defaultName) parts.push(`default: ${defaultName}`);
    for (const [imported, local] of named ? parseSpecifiers(named) : []) {
      parts.push(imported === local ? local : `${imported}: ${local}`);
    }
    return parts.length > 0
      ? `const { ${parts.join(", ")} } = __require(${JSON.stringify(target)});`
      : `__require(${JSON.stringify(target)});`;
  });
  body = body.replace(BARE_IMPORT_RE, (_, specifier) => {
    const target = resolveSpecifier(path, specifier);
    imports.push(target);
    return `__require(${JSON.stringify(target)});`;
  });
  // A dynamic import of a literal path: the module runs when first asked for,
  // as it would load then; a computed path is left for the check below to refuse.
  body = body.replace(DYNAMIC_IMPORT_RE, (_, quote, specifier) => {
    const target = resolveSpecifier(path, specifier);
    imports.push(target);
    return `Promise.resolve().then(() => __require(${JSON.stringify(target)}))`;
  });
  body = body.replace(EXPORT_LIST_RE, (_, list, from) => {
    let source = null;
    if (from) {
      source = resolveSpecifier(path, from);
      imports.push(source);
    }
    for (const [local, name] of parseSpecifiers(list)) {
      exported.push([name, source ? `__require(${JSON.stringify(source)})[${JSON.stringify(local)}]` : local]);
    }
    return "";
  });
  body = body.replace(EXPORT_DECL_RE, (_, isDefault, kind, name) => {
    // Importers copy what they import when they start (a destructuring), so
    // an export the module later reassigns would go stale in them: refused.
    if (kind === "let" || kind === "var") {
      throw new Error(`${path}: “export ${kind} ${name}” — a reassignable export cannot be bundled; export a function or const`);
    }
    exported.push([isDefault ? "default" : name, name]);
    if (isDefault) defaultCount += 1;
    return `${kind} ${name}`;
  });
  body = body.replace(EXPORT_DEFAULT_EXPR_RE, () => {
    defaultCount += 1;
    exported.push(["default", "__default"]);
    return "const __default = ";
  });
  if (defaultCount > 1) throw new Error(`${path}: more than one default export`);
  body = body.replace(/\bimport\.meta\.url\b/g, "__meta.url");
  // A module loaded from a computed address next to the page (pdf.js, www/pdf-text.js):
  // there is no such file beside a single file, so the load fails with a message.
  body = body.replace(/\bimport\s*\((?=\s*new URL\()/g, "((url) => Promise.reject(new Error(`the single-file build cannot load ${url}`)))(");

  // ("import()" alone is prose in a comment, not code.)
  const left = /^\s*(?:import\b(?!\s*\()|export\b)|\bimport\.meta\b|\bimport\s*\((?!\s*\))/m.exec(body);
  if (left) {
    const line = body.slice(0, left.index).split("\n").length;
    throw new Error(`${path}:${line}: an import/export form the bundler does not handle: ${body.split("\n")[line - 1].trim()}`);
  }
  // Getters keep ES modules' live bindings, and reading one after the module
  // ran never meets a `const` still in its temporal dead zone.
  const getters = exported.map(([name, local]) => `${JSON.stringify(name)}: () => ${local}`).join(", ");
  const head = exported.length > 0 ? `__export(__exports, { ${getters} });\n` : "";
  return { body: `${head}${body}`, imports: [...new Set(imports)] };
}

/** Every module reachable from `entries`, in a stable order, transformed. */
export function collectModules(readSource, entries) {
  const modules = new Map();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.shift();
    if (modules.has(path)) continue;
    const transformed = transformModule(path, readSource(path));
    modules.set(path, transformed);
    queue.push(...transformed.imports);
  }
  return new Map([...modules].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Makes text safe inside an HTML <script> element: `</script` would end it and
 * `<!--` would switch the parser into its "escaped" state. Both only occur in
 * our code inside string or regex literals, where `<\/` and `<\!` mean the same.
 */
export function escapeScriptText(text) {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** The CSP source for an inline element whose content is `text`. */
export function cspHash(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** JSON that can sit inside <script type="application/json">. */
export function jsonForScript(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// ---- The runtime the bundle starts with ------------------------------------------

// Runs in the page. `MODULES` maps a path to its function; the data blocks are
// read once, when first needed.
const RUNTIME = String.raw`"use strict";
const pageBase = new URL("./", location.href).href;
const blockText = (id) => document.getElementById(id)?.textContent ?? "";
const decoded = new Map();
function embeddedBytes(id) {
  if (!decoded.has(id)) {
    const binary = atob(blockText(id).trim());
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    decoded.set(id, bytes);
  }
  return decoded.get(id);
}
let seedFiles = null; // Map: name → Uint8Array
function seeds() {
  if (!seedFiles) {
    const { documents } = JSON.parse(blockText("corpus-explorer-seeds"));
    const encoder = new TextEncoder();
    seedFiles = new Map(documents.map((d) => [d.name, d.base64 === undefined ? encoder.encode(d.text) : Uint8Array.from(atob(d.base64), (c) => c.charCodeAt(0))]));
  }
  return seedFiles;
}
/** The page's own path for a URL next to it ("seeds/x.txt"), or null. */
function ownPath(input) {
  const href = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href).href;
  if (!href.startsWith(pageBase)) return null;
  return decodeURIComponent(href.slice(pageBase.length).split(/[?#]/)[0]);
}
/** fetch for the bundle: the embedded files, and a 404 for the rest (the CSP allows no network). */
async function fetch(input) {
  const path = ownPath(input);
  const ok = (body, type) => new Response(body, { status: 200, headers: { "Content-Type": type, "Content-Length": String(body.length) } });
  if (path === "seeds/manifest.json") {
    return ok(new TextEncoder().encode(JSON.stringify({ documents: [...seeds().keys()] })), "application/json");
  }
  if (path?.startsWith("seeds/") && seeds().has(path.slice(6))) return ok(seeds().get(path.slice(6)), "text/plain; charset=utf-8");
  if (path === WASM_FILE) return ok(embeddedBytes("corpus-explorer-wasm"), "application/wasm");
  if (path === ENCODINGS_FILE && document.getElementById("corpus-explorer-encodings")) {
    return ok(embeddedBytes("corpus-explorer-encodings"), "application/octet-stream");
  }
  return new Response("not part of the single-file build", { status: 404, statusText: "Not Found" });
}
function __export(exports, getters) {
  for (const [name, get] of Object.entries(getters)) Object.defineProperty(exports, name, { get, enumerable: true });
}
/** A fresh set of module instances; scope supplies the modules' self and postMessage. */
function registry(scope) {
  const done = new Map();
  function require(path) {
    if (done.has(path)) return done.get(path);
    const factory = MODULES[path];
    if (!factory) throw new Error("the bundle has no module " + path);
    const exports = {};
    done.set(path, exports);
    factory(require, exports, { url: new URL(path, pageBase).href }, scope.self, scope.postMessage);
    if (path === WASM_MODULE) {
      // wasm-bindgen's init() is given the embedded bytes instead of fetching a
      // file, unless the page hands it a module it compiled already.
      const init = exports.default;
      const compiled = (arg) => {
        const given = arg !== null && typeof arg === "object" && "module_or_path" in arg ? arg.module_or_path : arg;
        return given instanceof WebAssembly.Module ? given : null;
      };
      const wrapped = Object.create(null);
      for (const name of Object.keys(exports)) {
        if (name !== "default") Object.defineProperty(wrapped, name, Object.getOwnPropertyDescriptor(exports, name));
      }
      Object.defineProperty(wrapped, "default", {
        enumerable: true,
        get: () => (arg) => init({ module_or_path: compiled(arg) ?? embeddedBytes("corpus-explorer-wasm") }),
      });
      done.set(path, wrapped);
      return wrapped;
    }
    return exports;
  }
  return require;
}
/**
 * Worker for the bundle: worker.js on the page's thread, with its own copy of
 * its modules (so a new "worker" after a crash gets a new wasm instance).
 * Messages are cloned and delivered asynchronously, as between threads.
 */
class Worker {
  #listeners = { message: new Set(), error: new Set(), messageerror: new Set() };
  #inside = new Set();
  #closed = false;
  constructor(url) {
    const path = ownPath(url);
    const deliver = (set, data) => setTimeout(() => {
      if (this.#closed) return;
      const event = { data: structuredClone(data) };
      for (const listener of set) listener(event);
    });
    const self = {
      addEventListener: (type, listener) => type === "message" && this.#inside.add(listener),
      postMessage: (data) => deliver(this.#listeners.message, data),
    };
    setTimeout(() => {
      try {
        registry({ self, postMessage: self.postMessage })(path);
      } catch (error) {
        const event = { message: String(error?.message ?? error), preventDefault() {} };
        for (const listener of this.#listeners.error) listener(event);
      }
    });
    this.post = (data) => deliver(this.#inside, data);
  }
  postMessage(data) { this.post(data); }
  addEventListener(type, listener) { this.#listeners[type]?.add(listener); }
  removeEventListener(type, listener) { this.#listeners[type]?.delete(listener); }
  terminate() { this.#closed = true; }
}
const pageScope = { self: globalThis, postMessage: (...args) => globalThis.postMessage(...args) };
`;

/** The one classic script: runtime, modules, then the entry module. */
export function bundleScript(modules, entry) {
  const runtime = RUNTIME.replace(/ENCODINGS_FILE/g, JSON.stringify(ENCODINGS_FILE))
    .replace(/WASM_MODULE/g, JSON.stringify(WASM_MODULE))
    .replace(/WASM_FILE/g, JSON.stringify(WASM_FILE));
  const parts = ["(() => {", runtime, "const MODULES = {"];
  for (const [path, { body }] of modules) {
    parts.push(`// ---- ${path}`);
    parts.push(`${JSON.stringify(path)}: function (__require, __exports, __meta, self, postMessage) {\n"use strict";\n${body}\n},`);
  }
  parts.push("};");
  parts.push(`registry(pageScope)(${JSON.stringify(entry)});`);
  parts.push("})();");
  return escapeScriptText(parts.join("\n"));
}

// ---- The page ----------------------------------------------------------------------

/** The single-file HTML from dist/'s index.html and the pieces. */
export function buildHtml({ indexHtml, css, script, wasm, encodings, seeds, favicon }) {
  const style = css.replace(/<\/(style)/gi, "<\\/$1");
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(script)} 'wasm-unsafe-eval'`,
    `style-src ${cspHash(style)}`,
    "img-src data:",
    "connect-src 'none'",
  ].join("; ");
  let html = indexHtml;
  // A function replacement: the code and CSS may hold "$&" or "$1", which a
  // replacement string would expand.
  const replace = (pattern, replacement, what) => {
    if (!pattern.test(html)) throw new Error(`index.html: cannot find ${what}`);
    html = html.replace(pattern, typeof replacement === "function" ? replacement : () => replacement);
  };
  // index.html's own policy (the served site's, 'self') gives way to this one: two
  // policies would both be enforced, and 'self' means nothing on file://.
  html = html.replace(/[ \t]*<!-- The strict policy [\s\S]*?-->\n?/, "");
  html = html.replace(/[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, "");
  replace(/<meta charset="utf-8">/i, `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${csp}">`, "<meta charset>");
  replace(/[ \t]*<link rel="stylesheet" href="[^"]*">\n?/, `  <style>${style}</style>\n`, "the stylesheet link");
  replace(/[ \t]*<script type="module" src="[^"]*"[^>]*><\/script>\n?/, "", "the module script");
  // Preloads would ask the network (which the CSP forbids) for what is inlined here.
  html = html.replace(/[ \t]*<link rel="(?:preload|modulepreload)"[^>]*>\n?/g, "");
  if (favicon) {
    replace(/(<link rel="icon" href=")[^"]*(")/, (_, open, close) => `${open}data:image/svg+xml;base64,${favicon.toString("base64")}${close}`, "the favicon link");
  }
  const blocks = [
    `<script type="application/octet-stream" id="corpus-explorer-wasm">${wasm.toString("base64")}</script>`,
    encodings ? `<script type="application/octet-stream" id="corpus-explorer-encodings">${encodings.toString("base64")}</script>` : "",
    `<script type="application/json" id="corpus-explorer-seeds">${jsonForScript({ documents: seeds })}</script>`,
    `<script>${script}</script>`,
  ].filter(Boolean);
  replace(/<\/body>/i, `${blocks.join("\n")}\n</body>`, "</body>");
  return html;
}

/** A seed file as { name, text } when it is UTF-8, else { name, base64 }: its bytes come back exactly. */
export function seedEntry(name, bytes) {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    return { name, text };
  } catch {
    return { name, base64: Buffer.from(bytes).toString("base64") };
  }
}

function main([dist = "dist", out = join(dist, "corpus-explorer.html"), www = "www"] = []) {
  const read = (path) => readFileSync(join(dist, path));
  // The modules as written (www/); only the wasm package comes from the build.
  const readModule = (path) => readFileSync(path.startsWith("pkg/") ? join(dist, path) : join(www, path), "utf8");
  const modules = collectModules(readModule, [ENTRY, WORKER]);
  if (!modules.has(WASM_MODULE)) throw new Error(`${WORKER} no longer imports ${WASM_MODULE}`);
  const script = bundleScript(modules, ENTRY);
  const manifest = JSON.parse(read("seeds/manifest.json"));
  const seeds = manifest.documents.map((name) => seedEntry(name, read(`seeds/${name}`)));
  const html = buildHtml({
    indexHtml: readFileSync(join(www, "index.html"), "utf8"),
    css: read("style.css").toString("utf8"),
    script,
    wasm: read(WASM_FILE),
    encodings: existsSync(join(dist, ENCODINGS_FILE)) ? read(ENCODINGS_FILE) : null,
    seeds,
    favicon: existsSync(join(dist, "favicon.svg")) ? read("favicon.svg") : null,
  });
  writeFileSync(out, html);
  const bytes = Buffer.byteLength(html);
  console.log(`${out}: ${bytes} bytes raw, ${gzipSync(html, { level: 9 }).length} bytes gzip -9 (${modules.size} modules, ${seeds.length} articles)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`single-file: ${error.message}`);
    process.exit(1);
  }
}
