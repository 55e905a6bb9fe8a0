// The floor of a cold start (tests/bench/cold-start.mjs --floor): the site's own worker
// (worker.js, the same protocol engine.js speaks), the search core compiled on this thread and
// handed over, the prebuilt seeds opened, the query of the address searched, and each hit's
// title as a list item. No interface, no storage, no second call: what no page can skip.
// With ?page in the address, the same on the page's thread instead (the worker is created but
// not used): the floor of www/first-answer.js.
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const waiting = new Map();
let nextId = 1;
worker.addEventListener("message", ({ data }) => {
  const call = waiting.get(data?.id);
  if (!call || data.progress) return;
  waiting.delete(data.id);
  if (data.ok) call.resolve(data.value);
  else call.reject(new Error(data.error?.message));
});
const call = (method, ...args) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, method, args });
  });

const core = fetch(new URL("./pkg/corpus_explorer_search_bg.wasm", import.meta.url)).then((response) => WebAssembly.compileStreaming(response));
const snapshot = fetch(new URL("./seeds/corpus.corpus", import.meta.url)).then((response) => response.arrayBuffer());
const address = new URLSearchParams(location.search);
const query = address.get("q") ?? "京东";
let hits;
if (address.has("page")) {
  // The floor of answering on the page (www/first-answer.js): the core instantiated here.
  const glue = await import("./pkg/corpus_explorer.js");
  await glue.default({ module_or_path: await core });
  const corpus = glue.Corpus.open(new Uint8Array(await snapshot));
  ({ hits } = corpus.search(query, { limit: 10, snippets: 3 }));
} else {
  worker.postMessage({ id: 0, method: "__core", args: [await core] });
  await call("openSnapshot", new Uint8Array(await snapshot));
  ({ hits } = await call("search", query, { limit: 10, snippets: 3 }));
}
const list = document.querySelector('[data-testid="hit-list"]');
for (const hit of hits) {
  const item = document.createElement("li");
  item.textContent = hit.title;
  list.append(item);
}
