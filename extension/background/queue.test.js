// node --test extension/ — the queue over an in-memory chrome.storage and chrome.alarms, with a
// scripted client: what is sent, when, and what is recorded.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { clone, fakeChrome, queueReaders, scripted } from "./testkit.js";

const store = fakeChrome();

const queue = await import("./queue.js");
const { MAX_ATTEMPTS, WINDOW_MS } = await import("../shared/policy.js");
const { noteText } = await import("../shared/words.js");

const ALICE = { userId: "1000000001", screenName: "alice" };
const BOB = { userId: "1000000002", screenName: "bob" };
const credentials = { consumerKey: "ck", consumerSecret: "cs", token: "42-tok", tokenSecret: "ts", savedAt: 1 };

/** The signed-in account's storage, as the layout names it (shared/keys.js). */
const ACCT = "42";
const { shift, item, muteOf, history, assertQueueEmpty } = queueReaders(store, ACCT);

beforeEach(() => {
  store.local = { credentials: clone(credentials) };
  store.alarm = null;
});

test("a click is sent once and recorded: mute state, history with the API used, empty queue", async () => {
  const { calls, api } = scripted({ via: "1.1" });
  const reply = await queue.enqueue(api, "mute", ALICE);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
  assert.equal(reply.user.muted, true);
  assertQueueEmpty();
  assert.equal(muteOf(ALICE.userId).via, "1.1");
  assert.deepEqual(history().map((e) => [e.result, e.action, e.via, e.screenName]), [["done", "mute", "1.1", "alice"]]);
  assert.equal(store.alarm, null, "nothing waits, no alarm");
});

test("double clicks send one request", async () => {
  let release;
  const { calls, api } = scripted(new Promise((resolve) => { release = resolve; }).then(() => ({ muting: true })));
  const first = queue.enqueue(api, "mute", ALICE);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await queue.enqueue(api, "mute", ALICE);
  release();
  await first;
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
});

test("a network failure is retried with back-off, five tries in all, then fails with the reason", async () => {
  const { calls, api } = scripted(...Array.from({ length: MAX_ATTEMPTS }, () => ({ error: "Network" })));
  const before = Date.now();
  await queue.enqueue(api, "mute", ALICE);
  let queued = item(ALICE);
  assert.equal(queued.status, "queued");
  assert.equal(queued.reason, "retry");
  assert.equal(queued.error.name, "Network");
  assert.ok(queued.runAt >= before + 32_000 && queued.runAt <= Date.now() + 48_000, "first retry after 40 s ± 20 %");
  assert.ok(store.alarm.when >= queued.runAt - 1000 && store.alarm.when <= queued.runAt, "the alarm is set for it");

  await queue.runQueue(api);
  assert.equal(calls.length, 1, "not due yet: nothing sent");
  for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
    shift(item(ALICE).runAt - Date.now() - (store.local.testing?.clockShiftMs ?? 0));
    await queue.runQueue(api);
    assert.equal(calls.length, attempt);
  }
  queued = item(ALICE);
  assert.equal(queued.status, "failed");
  assert.equal(queued.attempts, MAX_ATTEMPTS);
  assert.equal(history()[0].result, "failed");
  assert.equal(history()[0].note, "gave-up");
  assert.equal(noteText(history()[0]), `Gave up after ${MAX_ATTEMPTS} tries.`);
  assert.equal(store.alarm, null);

  // Retry from the options page starts afresh, and a click on a failed item replaces it.
  await queue.retry(api, ALICE.userId);
  assert.equal(calls.length, MAX_ATTEMPTS + 1);
  assert.equal(item(ALICE), undefined);
  assert.equal(muteOf(ALICE.userId).muted, true);
});

test("a permanent refusal fails at once, without retries", async () => {
  const { calls, api } = scripted({ error: "CannotMute", fields: { code: 271 } });
  await queue.enqueue(api, "mute", ALICE);
  await queue.runQueue(api);
  assert.equal(calls.length, 1);
  assert.equal(item(ALICE).status, "failed");
  assert.equal(item(ALICE).error.code, 271);
  const { cleared } = await queue.clearFailed();
  assert.equal(cleared, 1);
  assertQueueEmpty();
});

test("a 429 waits for X's reset, and holds other mutes (not unmutes) without sending them", async () => {
  const resetAt = Math.floor(Date.now() / 1000) + 600;
  const { calls, api } = scripted({ error: "RateLimited", fields: { resetAt } });
  await queue.enqueue(api, "mute", ALICE);
  assert.equal(item(ALICE).reason, "rate-limit");
  assert.ok(item(ALICE).runAt >= resetAt * 1000 + 1000 && item(ALICE).runAt <= resetAt * 1000 + 3000);
  await queue.enqueue(api, "mute", BOB);
  assert.equal(item(BOB).reason, "rate-limit", "held by the reset, not sent");
  await queue.enqueue(api, "unmute", { userId: "1000000003" });
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, "unmute 1000000003"]);
  shift(601_000 + 3000);
  await queue.runQueue(api);
  assert.deepEqual(calls.slice(2).sort(), [`mute ${ALICE.userId}`, `mute ${BOB.userId}`]);
  assertQueueEmpty();
});

test("X's remaining 0 holds the next mute until its reset", async () => {
  const reset = Math.floor(Date.now() / 1000) + 300;
  const { calls, api } = scripted({ muting: true, rateLimit: { limit: 50, remaining: 0, reset } });
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "mute", BOB);
  assert.equal(calls.length, 1);
  assert.equal(item(BOB).reason, "rate-limit");
});

test("the 51st mute in 15 minutes waits in the queue (a lower limit set by tests)", async () => {
  store.local.testing = { windowLimit: 2 };
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "mute", BOB);
  await queue.enqueue(api, "mute", { userId: "1000000003" });
  assert.equal(calls.length, 2);
  const held = item({ userId: "1000000003" });
  assert.equal(held.reason, "window");
  assert.ok(held.runAt >= Date.now() + WINDOW_MS - 1000);
  await queue.enqueue(api, "unmute", ALICE);
  assert.equal(calls.length, 3, "unmutes have their own budget");
  shift(WINDOW_MS + 5000);
  await queue.runQueue(api);
  assert.equal(calls.length, 4);
  assertQueueEmpty();
});

test("a 401 pauses the queue and keeps every action; new keys resume it", async () => {
  const { calls, api } = scripted({ error: "Unauthorized" });
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "mute", BOB);
  await queue.runQueue(api);
  shift(60 * 60 * 1000);
  await queue.runQueue(api);
  assert.equal(calls.length, 1, "nothing more is sent while paused");
  assert.deepEqual([item(ALICE).reason, item(BOB).reason], ["paused", "paused"]);
  assert.equal(item(BOB).error.name, "Unauthorized");
  assert.equal(store.alarm, null, "no alarm while paused");

  await queue.resume(api);
  assert.equal(calls.length, 1, "the same keys: still paused");
  store.local.credentials = { ...store.local.credentials, savedAt: 2 };
  await queue.resume(api);
  assert.equal(calls.length, 3);
  assertQueueEmpty();
  assert.equal(store.local[`paused:${ACCT}`], undefined);
});

test("mute then unmute before the mute is sent cancel out; the history says so", async () => {
  store.local.testing = { windowLimit: 1 };
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", BOB);
  await queue.enqueue(api, "mute", ALICE);
  assert.equal(item(ALICE).status, "queued");
  await queue.enqueue(api, "unmute", ALICE);
  assert.equal(item(ALICE), undefined);
  assert.equal(calls.length, 1);
  assert.equal(history()[0].result, "cancelled");
  assert.equal(noteText(history()[0]), "Cancelled by an unmute before it was sent.");
});

test("an opposite click while a request is in flight runs after it: the last intent wins", async () => {
  let release;
  const { calls, api } = scripted(new Promise((resolve) => { release = resolve; }).then(() => ({ muting: true })));
  const first = queue.enqueue(api, "mute", ALICE);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await queue.enqueue(api, "unmute", ALICE);
  assert.equal(item(ALICE).then, "unmute");
  release();
  await first;
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`]);
  assert.equal(muteOf(ALICE.userId).muted, false);
});

test("a queued retry of a mute that may have reached X is replaced by an unmute, not cancelled", async () => {
  const { calls, api } = scripted({ error: "Timeout" });
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "unmute", ALICE);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`]);
  assert.equal(muteOf(ALICE.userId).muted, false);
});

test("an action another worker was sending is sent again once its request has surely ended", async () => {
  const sentAt = Date.now();
  store.local[`q:${ACCT}:${ALICE.userId}`] = { id: "a", action: "mute", target: ALICE, status: "running", worker: "gone", sentAt, since: sentAt, runAt: sentAt, attempts: 1, failures: 0, rateLimits: 0 };
  store.local[`active:${ACCT}`] = { [ALICE.userId]: sentAt };
  const next = await import("./queue.js?second-worker");
  await next.start(scripted().api);
  assert.equal(item(ALICE).reason, "interrupted");
  assert.equal(item(ALICE).landed, true);
  assert.ok(item(ALICE).runAt >= sentAt + queue.DEFAULT_TIMEOUT_MS);
  const { calls, api } = scripted();
  await next.runQueue(api);
  assert.deepEqual(calls, [], "not before the old request surely ended");
  shift(queue.DEFAULT_TIMEOUT_MS + 10_000);
  await next.runQueue(api);
  // No read of the mute list to find out (X bills every account it returns): one more mute,
  // which X treats as the same mute.
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
  assert.deepEqual(history().map((e) => [e.userId, e.result, e.attempts]), [[ALICE.userId, "done", 2]]);
});

test("signing in as another account cancels its queue with history; the same account keeps it", async () => {
  store.local.testing = { windowLimit: 1 };
  const { api } = scripted();
  await queue.enqueue(api, "mute", BOB);
  await queue.enqueue(api, "mute", ALICE); // held by the window
  await queue.signInChange(credentials, { token: "42-new" });
  assert.equal(item(ALICE).status, "queued", "the same account keeps it");
  await queue.signInChange(credentials, { token: "43-other" });
  assert.equal(item(ALICE), undefined);
  assertQueueEmpty();
  assert.equal(history()[0].result, "cancelled");
  assert.equal(noteText(history()[0]), "Cancelled: you signed in as another account.");
  assert.equal(muteOf(BOB.userId).muted, true, "the account's mute records stay its own");
});

test("without keys a click is refused and nothing is queued", async () => {
  store.local = {};
  const { api } = scripted();
  await assert.rejects(queue.enqueue(api, "mute", ALICE), { name: "NotSignedIn" });
  assert.deepEqual(Object.keys(store.local).filter((key) => /^(q|active|queue):/.test(key)), []);
});

// ---- pay-per-use ------------------------------------------------------------------------------

test("a success is counted in the month's spend and its history entry keeps the estimate", async () => {
  const { api } = scripted({}, {}, { via: "1.1" });
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "unmute", ALICE);
  await queue.enqueue(api, "mute", BOB);
  assert.deepEqual(history().map((e) => [e.action, e.cost]), [["mute", undefined], ["unmute", 5_000], ["mute", 10_000]],
    "$0.010 a mute, $0.005 an unmute; v1.1 is not priced");
  const [month] = Object.values(store.local[`spend:${ACCT}`]);
  assert.deepEqual([month.mutes, month.unmutes, month.micros], [1, 1, 15_000]);
});

for (const name of ["CreditsDepleted", "UsageCapped"]) {
  test(`${name} pauses the whole queue like a 401: nothing dropped, no try used, nothing sent until Resume`, async () => {
    const { calls, api } = scripted({ error: name });
    await queue.enqueue(api, "mute", ALICE);
    assert.deepEqual([item(ALICE).status, item(ALICE).reason, item(ALICE).failures], ["queued", "paused", 0]);
    assert.equal(store.local[`paused:${ACCT}`].error.name, name);
    await queue.enqueue(api, "mute", BOB);
    assert.equal(item(BOB).reason, "paused");
    shift(3_600_000);
    await queue.runQueue(api);
    assert.deepEqual(calls, [`mute ${ALICE.userId}`], "one attempt; nothing is sent while paused");
    assert.equal(store.alarm, null, "no alarm while paused");
    await queue.resume(api, { force: true });
    assert.deepEqual(calls.slice(1).sort(), [`mute ${ALICE.userId}`, `mute ${BOB.userId}`], "Resume sends each held action once");
    assertQueueEmpty();
    assert.equal(history().filter((e) => e.result === "done").length, 2);
  });
}

test("the monthly budget holds the action that would pass it, unsent; raising it lets it go", async () => {
  store.local.settings = { apiVersion: "auto", monthlyBudget: 15_000 };
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE); // $0.010 of $0.015
  const reply = await queue.enqueue(api, "mute", BOB); // would make $0.020
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
  assert.deepEqual([item(BOB).status, item(BOB).reason, item(BOB).error.name], ["queued", "budget", "OverBudget"]);
  assert.deepEqual([item(BOB).error.budget, item(BOB).error.spent, item(BOB).error.cost], [15_000, 10_000, 10_000]);
  assert.equal(reply.user.pending.reason, "budget", "the button learns why");
  assert.ok(item(BOB).runAt > Date.now(), "held until the next month at the latest");
  await queue.runQueue(api);
  assert.equal(calls.length, 1, "held: still nothing sent");
  await queue.enqueue(api, "unmute", ALICE); // $0.005: fits
  assert.deepEqual(calls.at(-1), `unmute ${ALICE.userId}`);
  await queue.setBudget(api, 30_000);
  assert.deepEqual(calls.at(-1), `mute ${BOB.userId}`);
  assertQueueEmpty();
  assert.equal(store.local.settings.apiVersion, "auto", "the other settings stay");
});

test("a held action can be sent anyway, once; a click on its button cancels it", async () => {
  store.local.settings = { monthlyBudget: 0 };
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE);
  await queue.enqueue(api, "mute", BOB);
  assert.deepEqual(calls, []);
  await queue.sendAnyway(api, ALICE.userId);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
  await assert.rejects(queue.sendAnyway(api, ALICE.userId), { name: "NotQueued" });
  await queue.enqueue(api, "unmute", BOB); // the button's click on a held mute
  assert.equal(item(BOB), undefined);
  assert.equal(history()[0].note, "cancelled-by-unmute");
  assert.deepEqual(calls, [`mute ${ALICE.userId}`]);
});

test("a tweet's @handle whose id XMute has seen is muted by id: no lookup to pay for", async () => {
  store.local["n:@alice"] = ALICE.userId;
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", { screenName: "Alice" });
  await queue.enqueue(api, "mute", { screenName: "carol" });
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, "mute @carol"]);
  assert.equal(queue.estimatedCost({ action: "mute", target: { screenName: "carol" } }, store.local), 20_000, "a lookup and a mute");
  assert.equal(queue.estimatedCost({ action: "unmute", target: { screenName: "alice" } }, store.local), 5_000);
  assert.equal(queue.estimatedCost({ action: "mute", target: ALICE }, { ...store.local, settings: { apiVersion: "1.1" } }), 0);
});
