// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkHealth, nextHealth } from "./health.js";

test("a health report names a known page kind and whether the place was found", () => {
  assert.deepEqual(checkHealth({ type: "health", kind: "profile", found: false }), { kind: "profile", found: false });
  for (const bad of [{ kind: "home", found: false }, { kind: "profile" }, { kind: "profile", found: "no" }, { found: true },
    { kind: "__proto__", found: false }, { kind: ["profile"], found: false }]) {
    assert.throws(() => checkHealth(bad), { name: "InvalidInput" }, JSON.stringify(bad));
  }
});

test("the first miss is recorded with its time and kept; a find clears it; nothing else writes", () => {
  const first = nextHealth(undefined, { kind: "profile", found: false }, 1000);
  assert.deepEqual(first, { profile: { since: 1000 } });
  assert.equal(nextHealth(first, { kind: "profile", found: false }, 2000), first, "the first time is kept");
  assert.deepEqual(nextHealth(first, { kind: "profile", found: true }, 3000), {});
  const none = {};
  assert.equal(nextHealth(none, { kind: "profile", found: true }, 3000), none, "a find with nothing recorded changes nothing");
});
