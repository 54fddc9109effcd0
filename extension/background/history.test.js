// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { HISTORY_LIMIT, historyEntry, withEntries } from "./history.js";

const item = { action: "mute", target: { userId: "10", screenName: "Ten" }, attempts: 2 };

test("an entry has the time, account, action, result, API and reason, and nothing else", () => {
  assert.deepEqual(historyEntry(item, "done", { at: 5, via: "2" }),
    { at: 5, action: "mute", userId: "10", screenName: "Ten", result: "done", via: "2", attempts: 2 });
  const error = { name: "Network", message: "Can't reach X.", detail: "reset", secret: "no" };
  assert.deepEqual(historyEntry({ ...item, target: { userId: "10" } }, "failed", { at: 6, via: null, note: "Gave up.", error }),
    { at: 6, action: "mute", userId: "10", result: "failed", attempts: 2, note: "Gave up.", error: { name: "Network", message: "Can't reach X." } });
});

test("newest first, at most 100", () => {
  const entry = (at) => historyEntry(item, "done", { at });
  let history;
  for (let at = 1; at <= HISTORY_LIMIT + 20; at++) history = withEntries(history, [entry(at)]);
  assert.equal(history.length, HISTORY_LIMIT);
  assert.equal(history[0].at, HISTORY_LIMIT + 20);
  assert.equal(history.at(-1).at, 21);
  assert.deepEqual(withEntries([entry(1)], [entry(2), entry(3)]).map((e) => e.at), [3, 2, 1]);
  assert.deepEqual(withEntries("junk", [entry(1)]).map((e) => e.at), [1]);
});
