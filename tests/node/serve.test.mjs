// scripts/serve.py, the product's `serve` command and the tests' server.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const scripts = fileURLToPath(new URL("../../scripts/", import.meta.url));

test("serve.py turns Nagle's algorithm off on every connection", () => {
  // Without TCP_NODELAY the body of each request after the first on a kept-alive connection
  // waited for the client's delayed ACK of the headers: 40 ms a request (tests/bench/RESULTS.md,
  // "Boot"). socketserver's StreamRequestHandler sets the option when this is true.
  const out = execFileSync("python3", ["-c", "import serve, socketserver; h = serve.Handler; print(issubclass(h, socketserver.StreamRequestHandler), h.disable_nagle_algorithm, h.protocol_version)"], { cwd: scripts, encoding: "utf8" });
  assert.equal(out.trim(), "True True HTTP/1.1");
});
