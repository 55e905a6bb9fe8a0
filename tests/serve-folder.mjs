// Serves a folder with scripts/serve.py (strict CSP, keep-alive) on a free port
// of 127.0.0.1, for the browser tests (tests/browser/harness.mjs, the offline
// scenarios) and the benchmark (tests/bench/run.mjs).

import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SERVE_PY = join(dirname(fileURLToPath(import.meta.url)), "..", "scripts", "serve.py");

/** Asks the OS for a port nobody is listening on. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `serve.py --dir <dir>` (under `prefix`) and resolves once `probe`
 * (a path below the prefix) answers 200. `cspHeader: false` serves as a host
 * that sends no Content-Security-Policy header. `servePy`: another copy of serve.py (the
 * benchmark compares a kept one with the current).
 * @returns {Promise<{ baseUrl: string, stop: () => Promise<void> }>}
 */
export async function serveFolder(dir, { prefix = "/", probe = "", timeoutMs = 10_000, cspHeader = true, servePy = SERVE_PY } = {}) {
  const port = await freePort();
  const child = spawn(
    "python3",
    [servePy, "--dir", dir, "--port", String(port), "--prefix", prefix, "--quiet", ...(cspHeader ? [] : ["--no-csp-header"])],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const baseUrl = `http://127.0.0.1:${port}${prefix}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`serve.py exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      if ((await fetch(baseUrl + probe)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`serve.py did not answer on ${baseUrl + probe} within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
