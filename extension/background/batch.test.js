// node --test extension/ — batches over an in-memory chrome.storage: queued in one change, paced
// by the queue, progress counted, cancel removes what waits, a closed browser resumes.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { fakeChrome } from "./testkit.js";

const store = fakeChrome();

const { queueBatch, batchProgress, cancelBatch, checkBatch, checkBatchId } = await import("./batch.js");
const { mutedRows } = await import("./mutedlist.js");
const { settled } = await import("./store.js");
const { WINDOW_MS } = await import("../shared/policy.js");

const ACCT = "42";
const credentials = { consumerKey: "ck", consumerSecret: "cs", token: "42-tok", tokenSecret: "ts", savedAt: 1 };

/** A client that answers every call at once and records it. */
function recording() {
  const calls = [];
  const client = {
    mute: async (t) => { calls.push(`mute ${t.userId ?? `@${t.screenName}`}`); return { muting: true, via: "2" }; },
    unmute: async (t) => { calls.push(`unmute ${t.userId ?? `@${t.screenName}`}`); return { muting: false, via: "2" }; },
    takeUsage: () => ({}),
    apiVersionInUse: "2",
  };
  return { calls, api: { client: async () => client } };
}

/** Waits until the queue has nothing it may send now. */
async function drained() {
  for (let i = 0; i < 200; i += 1) {
    await settled();
    const active = store.local[`active:${ACCT}`] ?? {};
    if (Object.keys(active).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the queue did not drain");
}

const ids = (n, from = 1) => Array.from({ length: n }, (_, i) => ({ userId: String(3_000_000_000 + from + i) }));

beforeEach(() => {
  store.local = { credentials, testing: { windowLimit: 3 } };
});

test("a batch is checked: an action, 1 to 10,000 valid accounts", () => {
  assert.deepEqual(checkBatch({ action: "mute", targets: [{ userId: "12" }, { screenName: "bob" }] }).targets, [{ userId: "12" }, { screenName: "bob" }]);
  for (const bad of [
    { action: "block", targets: [{ userId: "12" }] },
    { action: "mute", targets: [] },
    { action: "mute", targets: [{ userId: "1234567890123456789012345" }] },
    { action: "mute", targets: [{ screenName: "way_too_long_handle" }] },
    { action: "mute", targets: "12" },
    { action: "mute", targets: ids(10_001) },
  ]) assert.throws(() => checkBatch(bad), { name: "InvalidInput" });
  assert.throws(() => checkBatchId({ batch: "../x" }), { name: "InvalidInput" });
});

test("a batch is queued in storage at once, paced by X's window, and counted", async () => {
  const { calls, api } = recording();
  store.local[`m:${ACCT}:3000000001`] = { muted: true, at: 1 }; // already muted: skipped
  const reply = await queueBatch(api, { action: "mute", targets: ids(6) });
  assert.equal(reply.queued, 5);
  assert.equal(reply.skipped, 1);
  await drained();
  assert.equal(calls.length, 3, "the window (lowered to 3 for the test) holds the rest");
  const { batches: [progress] } = await batchProgress();
  assert.equal(progress.id, reply.batch);
  assert.deepEqual([progress.total, progress.done, progress.pending, progress.failed], [5, 3, 2, 0]);
  assert.ok(progress.nextAt > Date.now(), "the rest waits for the window");
  const waiting = Object.keys(store.local).filter((key) => key.startsWith(`q:${ACCT}:`)).map((key) => store.local[key]);
  assert.ok(waiting.every((item) => item.batch === reply.batch && item.status === "queued"));
});

test("cancel removes what waits; nothing of the batch is sent after", async () => {
  const { calls, api } = recording();
  for (const { userId } of ids(5)) store.local[`m:${ACCT}:${userId}`] = { muted: false, at: 1 };
  const { batch } = await queueBatch(api, { action: "unmute", targets: ids(5) });
  await drained();
  assert.equal(calls.length, 0, "not muted as far as XMute knows: nothing to unmute");
  assert.equal(batch, null);

  for (const { userId } of ids(5)) store.local[`m:${ACCT}:${userId}`] = { muted: true, at: 1 };
  const second = await queueBatch(api, { action: "unmute", targets: ids(5) });
  await drained();
  assert.equal(calls.length, 3);
  assert.deepEqual(await cancelBatch(second.batch), { cancelled: 2 });
  assert.deepEqual(Object.keys(store.local).filter((key) => key.startsWith(`q:${ACCT}:`)), []);
  const { batches: [progress] } = await batchProgress();
  assert.deepEqual([progress.done, progress.cancelled, progress.pending], [3, 2, 0]);
  store.local.testing.clockShiftMs = 60 * 60 * 1000;
  const { runQueue } = await import("./queue.js");
  await runQueue(api);
  assert.equal(calls.length, 3, "nothing sent after the cancel");
});

test("a large batch is spread over X's windows: 50 now, each next 50 a window later; only the first are being handled", async () => {
  const { calls, api } = recording();
  delete store.local.testing;
  const reply = await queueBatch(api, { action: "mute", targets: ids(120) });
  assert.equal(reply.queued, 120);
  await drained();
  assert.equal(calls.length, 50, "X's window: 50 now");
  const waiting = Object.values(store.local[`queue:${ACCT}`] ?? {}).sort((a, b) => a - b);
  assert.equal(waiting.length, 70);
  const windows = new Set(waiting.map((runAt) => Math.round((runAt - Date.now()) / WINDOW_MS)));
  assert.deepEqual([...windows], [1, 2], "the next 50 a window later, the last 20 two windows later");
  assert.deepEqual(store.local[`active:${ACCT}`] ?? {}, {});
});

test("10,000 accounts are queued in one change in a moment (each index copied once, not once an item)", async () => {
  const { api } = recording();
  delete store.local.testing;
  const started = Date.now();
  const reply = await queueBatch(api, { action: "mute", targets: ids(10_000) });
  assert.equal(reply.queued, 10_000);
  // Copying both indexes per item took over a minute here; once per change, well under a second.
  assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  await drained();
  assert.equal(Object.keys(store.local[`queue:${ACCT}`]).length, 10_000 - 50);
  assert.equal(Object.keys(store.local).filter((key) => key.startsWith(`q:${ACCT}:`)).length, 10_000 - 50);
  const { cancelled } = await cancelBatch(reply.batch);
  assert.equal(cancelled, 10_000 - 50);
  assert.deepEqual(store.local[`queue:${ACCT}`], {});
});

test("a handle whose id XMute knows is queued by id; an action already queued is skipped", async () => {
  const { api } = recording();
  store.local["n:@erin"] = "3000000005";
  store.local[`q:${ACCT}:3000000006`] = { id: "x", action: "mute", target: { userId: "3000000006" }, status: "failed", since: 1, runAt: 0, attempts: 1, failures: 1, rateLimits: 0 };
  const reply = await queueBatch(api, { action: "mute", targets: [{ screenName: "Erin" }, { userId: "3000000006" }] });
  assert.deepEqual([reply.queued, reply.skipped], [1, 1]);
  await drained();
  assert.equal(store.local[`m:${ACCT}:3000000005`]?.muted, true);
});

test("the manager's rows: one per person, the newest record decides, handles from links", () => {
  const all = {
    [`m:${ACCT}:100`]: { muted: true, at: 10, until: 99 },
    [`m:${ACCT}:@carol`]: { muted: true, at: 20 },
    "n:@carol": "300",
    [`m:${ACCT}:300`]: { muted: false, at: 5 },
    [`m:${ACCT}:@dave`]: { muted: true, at: 30 },
    [`m:${ACCT}:400`]: { muted: false, at: 40 },
    [`q:${ACCT}:500`]: { action: "mute" },
    [`m:${ACCT}:500`]: { muted: false, at: 1 },
    "l:100": ["@alice_old", "@alice"],
    [`m:other:600`]: { muted: true, at: 1 },
  };
  const { accounts, knownIds } = mutedRows(all, ACCT);
  assert.deepEqual(knownIds, { "@carol": "300" });
  assert.deepEqual(accounts.sort((a, b) => a.mutedAt - b.mutedAt), [
    { key: "500", id: "500", mutedAt: 1, pending: "mute" },
    { key: "100", id: "100", handle: "alice", mutedAt: 10, until: 99 },
    { key: "300", id: "300", handle: "carol", mutedAt: 20 },
    { key: "@dave", handle: "dave", mutedAt: 30 },
  ]);
});

test("the manager's rows: a timed mute's end comes from its waiting unmute, which is no pending action", () => {
  const all = {
    [`m:${ACCT}:700`]: { muted: true, at: 50 },
    [`q:${ACCT}:700`]: { action: "unmute", status: "queued", reason: "timed", runAt: 86_400_050, timed: { until: 86_400_050, mutedAt: 50 } },
    [`m:${ACCT}:800`]: { muted: true, at: 60 },
    [`q:${ACCT}:800`]: { action: "unmute", status: "queued", runAt: 70 },
  };
  assert.deepEqual(mutedRows(all, ACCT).accounts.sort((a, b) => a.mutedAt - b.mutedAt), [
    { key: "700", id: "700", mutedAt: 50, until: 86_400_050 },
    { key: "800", id: "800", mutedAt: 60, pending: "unmute" },
  ]);
});

test("an imported timed mute: muted now, its unmute waits for the file's end; one whose end passes while it waits is not sent", async () => {
  const { calls, api } = recording();
  const soon = Date.now() + 3_600_000;
  assert.throws(() => checkBatch({ action: "unmute", targets: [{ userId: "12", until: soon }] }), { name: "InvalidInput" }, "an end is for mutes");
  assert.throws(() => checkBatch({ action: "mute", targets: [{ userId: "12", until: "soon" }] }), { name: "InvalidInput" });
  const [first, second, third, fourth] = ids(4);
  await queueBatch(api, checkBatch({ action: "mute", targets: [{ ...first, until: soon }, second, { ...third, until: soon }, { ...fourth, until: soon }] }));
  await drained();
  assert.deepEqual(calls, [`mute ${first.userId}`, `mute ${second.userId}`, `mute ${third.userId}`], "the window holds the fourth");
  const timed = store.local[`q:${ACCT}:${first.userId}`];
  assert.deepEqual([timed.action, timed.reason, timed.runAt, timed.timed.until], ["unmute", "timed", soon, soon]);
  assert.equal(store.local[`q:${ACCT}:${second.userId}`], undefined, "no end: nothing waits");
  // The fourth waits for the next window, which opens after its end: it is not sent then.
  store.local.testing = { ...store.local.testing, clockShiftMs: soon - Date.now() + 1000 };
  const { runQueue } = await import("./queue.js");
  await runQueue(api);
  await drained();
  assert.ok(!calls.includes(`mute ${fourth.userId}`), "an ended timed mute is not sent");
  const head = store.local[`hist:${ACCT}`];
  const entries = Object.keys(store.local).filter((key) => key.startsWith(`h:${ACCT}:`)).map((key) => store.local[key]);
  assert.ok(head && entries.some((e) => e.note === "import-ended" && e.userId === fourth.userId), JSON.stringify(entries.map((e) => [e.action, e.userId, e.note])));
});
