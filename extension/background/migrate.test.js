// node --test extension/ — a profile stored by XMute 0.1 (layout 1: tests/fixtures/storage-v1.json,
// captured from the built extension after real use: two mutes, an unmute, a mute held by a 429)
// keeps its mutes, queue, history and spend in today's layout.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { readHistory } from "../shared/history.js";
import { SCHEMA } from "../shared/keys.js";
import { layout2 } from "./migrate.js";

const old = JSON.parse(await readFile(new URL("../../tests/fixtures/storage-v1.json", import.meta.url), "utf8"));
const acct = "3000000001";

test("layout 1 becomes layout 2: nothing the user had is lost", async () => {
  const { set, remove } = layout2(old);
  const after = { ...old, ...set };
  for (const key of remove) delete after[key];
  assert.equal(after.schema, SCHEMA);
  assert.deepEqual(remove.sort(), ["apiInUse", "history", "mutes", "names", "pending", "queueState", "spend"]);
  // Mutes, by account and person.
  assert.deepEqual(after[`m:${acct}:1000000001`], old.mutes["1000000001"]);
  assert.deepEqual(after[`m:${acct}:1000000003`], old.mutes["1000000003"]);
  // The queued mute, findable by its index with its time.
  assert.deepEqual(after[`q:${acct}:1000000002`], old.pending["1000000002"]);
  assert.deepEqual(after[`queue:${acct}`], { 1000000002: old.pending["1000000002"].runAt });
  assert.equal(after[`active:${acct}`], undefined);
  // The queue's hold and recent requests, the history in order, the spend.
  assert.deepEqual(after[`blocked:${acct}`], old.queueState.blocked);
  assert.deepEqual(after[`sent:${acct}`], { mute: old.queueState.sent.mute, unmute: old.queueState.sent.unmute });
  const get = async (keyList) => Object.fromEntries(keyList.filter((k) => k in after).map((k) => [k, after[k]]));
  assert.deepEqual(await readHistory(acct, get), old.history);
  assert.deepEqual(after[`spend:${acct}`], old.spend);
  // Handles and ids, both ways; what the client learned.
  assert.equal(after["n:@bob_fixture"], "1000000002");
  assert.deepEqual(after["l:1000000001"], ["@alice_fixture"]);
  assert.equal(after.client, undefined, "v2 in use: nothing learned to keep");
  const fellBack = layout2({ ...old, apiInUse: "1.1" }).set.client;
  assert.deepEqual(fellBack, { savedAt: old.credentials.savedAt, state: { apiVersion: "1.1", clockOffset: 0 } });
  // The rest as it was.
  assert.deepEqual([after.credentials, after.settings], [old.credentials, old.settings]);
});

test("a running item (cut off by the update) is found by the worker that starts next", () => {
  const running = { ...old.pending["1000000002"], status: "running", reason: undefined, worker: "old" };
  const { set } = layout2({ ...old, pending: { 1000000002: running } });
  assert.deepEqual(set[`active:${acct}`], { 1000000002: running.since });
  assert.equal(set[`queue:${acct}`], undefined);
});

test("signed out: only what is not an account's is kept", () => {
  const { set } = layout2({ names: old.names, history: [], schema: undefined });
  assert.equal(set["n:@alice_fixture"], "1000000001");
  assert.deepEqual(Object.keys(set).filter((k) => /^[mqh]:/.test(k)), []);
});
