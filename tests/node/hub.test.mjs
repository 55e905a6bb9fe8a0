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
