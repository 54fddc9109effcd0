// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { HISTORY_LIMIT, appendHistory, historyEntry, readHistory } from "./history.js";

const item = { action: "mute", target: { userId: "10", screenName: "Ten" }, attempts: 2 };

test("an entry has the time, account, action, result, API and reason, and nothing else", () => {
  assert.deepEqual(historyEntry(item, "done", { at: 5, via: "2" }),
    { at: 5, action: "mute", userId: "10", screenName: "Ten", result: "done", via: "2", attempts: 2 });
  const error = { name: "Network", message: "Can't reach X.", detail: "reset", secret: "no" };
  assert.deepEqual(historyEntry({ ...item, target: { userId: "10" } }, "failed", { at: 6, via: null, note: "Gave up.", error }),
    { at: 6, action: "mute", userId: "10", result: "failed", attempts: 2, note: "Gave up.",
      error: { name: "Network", message: "Can't reach X.", detail: "reset" } }, "the error's fields the words use, and no other");
});

test("a ring of 100 per account: appending writes one entry and the head; read back newest first", async () => {
  const entry = (at) => historyEntry(item, "done", { at });
  /** @type {Record<string, unknown>} */
  const stored = {};
  const get = async (keyList) => Object.fromEntries(keyList.filter((k) => k in stored).map((k) => [k, stored[k]]));
  for (let at = 1; at <= HISTORY_LIMIT + 20; at++) {
    const change = appendHistory("42", stored["hist:42"], [entry(at)]);
    assert.deepEqual(Object.keys(change).sort(), [`h:42:${(at - 1) % HISTORY_LIMIT}`, "hist:42"]);
    Object.assign(stored, change);
  }
  const history = await readHistory("42", get);
  assert.equal(history.length, HISTORY_LIMIT);
  assert.equal(history[0].at, HISTORY_LIMIT + 20);
  assert.equal(history.at(-1).at, 21);
  Object.assign(stored, appendHistory("7", undefined, [entry(1), entry(2), entry(3)]));
  assert.deepEqual((await readHistory("7", get)).map((e) => e.at), [3, 2, 1], "several at once, oldest first in");
  assert.deepEqual(await readHistory("9", get), [], "another account's is its own");
});
