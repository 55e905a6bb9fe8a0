// The pages carry the strict Content-Security-Policy as a <meta> (a static host that
// sends no header still enforces it), and it is the very policy scripts/serve.py sends.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");

/** serve.py's CONTENT_SECURITY_POLICY: adjacent Python string literals joined. */
function servedPolicy() {
  const block = /CONTENT_SECURITY_POLICY = \(([\s\S]*?)\)/.exec(read("scripts/serve.py"));
  assert.ok(block, "serve.py defines CONTENT_SECURITY_POLICY");
  return [...block[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]).join("");
}

function metaPolicies(html) {
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((m) => m[1]);
}

for (const page of ["www/index.html", "www/embed-example.html"]) {
  test(`${page} carries serve.py's policy as its first meta after the charset`, () => {
    const html = read(page);
    assert.deepEqual(metaPolicies(html), [servedPolicy()]);
    // A <meta> policy covers only what comes after it: nothing loads before.
    const at = html.indexOf('http-equiv="Content-Security-Policy"');
    assert.ok(at < html.search(/<(script|link)\b/i), "the policy precedes every script and link");
  });
}

test("the served policy forbids inline script and allows wasm", () => {
  const policy = servedPolicy();
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
});
