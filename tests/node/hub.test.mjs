import assert from "node:assert/strict";
import { test } from "node:test";
import { createHub } from "../../www/hub.js";

test("listeners receive the emitted detail until they unsubscribe", () => {
  const hub = createHub();
  const seen = [];
  const off = hub.on("query", ({ query }) => seen.push(query));
  hub.emit("query", { query: "京东" });
  off();
  hub.emit("query", { query: "京東" });
  assert.deepEqual(seen, ["京东"]);
});

test("events of other types are not delivered", () => {
  const hub = createHub();
  let calls = 0;
  hub.on("reader:open", () => calls++);
  hub.emit("query", { query: "x" });
  assert.equal(calls, 0);
});

test("a request is answered by its provider, as a promise", async () => {
  const hub = createHub();
  hub.provide("double", ({ n }) => n * 2);
  assert.equal(await hub.request("double", { n: 21 }), 42);
  hub.provide("later", async () => "done");
  assert.equal(await hub.request("later"), "done");
});

test("a request nobody provides, or whose provider throws, rejects instead of throwing", async () => {
  const hub = createHub();
  await assert.rejects(hub.request("missing"), /nothing answers “missing”/);
  hub.provide("broken", () => {
    throw new Error("the core said no");
  });
  const answer = hub.request("broken");
  assert.ok(answer instanceof Promise);
  await assert.rejects(answer, /the core said no/);
});

test("withdrawing a provider stops its answers", async () => {
  const hub = createHub();
  const off = hub.provide("x", () => 1);
  off();
  await assert.rejects(hub.request("x"));
});
