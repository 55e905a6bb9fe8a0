// The benchmark page: starts one module worker (worker.js) per engine run and
// relays run.mjs's commands to it. run.mjs calls window.bench through
// page.evaluate; nothing here measures anything.

let worker = null;
let nextId = 1;
const pending = new Map();

function log(line) {
  document.getElementById("log").textContent += `${line}\n`;
}

window.bench = {
  /** Starts a fresh worker; resolves once it has loaded its module. */
  start() {
    window.bench.stop();
    return new Promise((resolve, reject) => {
      worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      pending.set(0, { resolve, reject });
      worker.onmessage = ({ data }) => {
        const waiting = pending.get(data.id);
        if (!waiting) return;
        pending.delete(data.id);
        if (data.ok) waiting.resolve(data.result);
        else waiting.reject(new Error(data.error));
      };
      worker.onerror = (event) => {
        const message = `worker error: ${event.message ?? "unknown"} (${event.filename ?? ""}:${event.lineno ?? ""})`;
        for (const { reject: fail } of pending.values()) fail(new Error(message));
        pending.clear();
      };
    });
  },

  /** Sends one command; resolves with its result or rejects with the worker's error text. */
  call(cmd, args = {}) {
    if (!worker) return Promise.reject(new Error("no worker: call start() first"));
    const id = nextId++;
    log(`${cmd} ${args.engine ?? ""}`);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, cmd, ...args });
    });
  },

  stop() {
    if (worker) worker.terminate();
    worker = null;
    for (const { reject } of pending.values()) reject(new Error("worker stopped"));
    pending.clear();
  },
};
