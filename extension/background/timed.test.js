// node --test extension/ — timed mutes (issue 15): a mute for a while leaves its unmute waiting
// in the queue, over the same in-memory chrome.storage and chrome.alarms as queue.test.js.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { clone, fakeChrome, queueReaders, scripted } from "./testkit.js";

const store = fakeChrome();

const queue = await import("./queue.js");
const { MAX_ATTEMPTS } = await import("../shared/policy.js");
const { personView } = await import("./store.js");
const { checkMuteLength } = await import("./actions.js");
const { daysMs } = await import("../shared/timed.js");
const { noteText, queuedText, mutedUntilText, timedEndedText } = await import("../shared/words.js");

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

const DAY = daysMs(1);
/** The timed unmute of `target`, as stored. */
const timedOf = (target) => item(target);
/** What a button shows for `target`, from the records as stored. */
const viewOf = (target) => personView([muteOf(target.userId)], [item(target)], 1);

test("a mute for a day leaves its unmute waiting for the end, with the alarm set; the button shows the end", async () => {
  const { calls, api } = scripted();
  const before = Date.now();
  const reply = await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  assert.deepEqual(calls, [`mute ${ALICE.userId}`], "only the mute is sent now");
  assert.equal(reply.user.muted, true);
  const waiting = timedOf(ALICE);
  assert.deepEqual([waiting.action, waiting.status, waiting.reason], ["unmute", "queued", "timed"]);
  assert.equal(waiting.timed.mutedAt, muteOf(ALICE.userId).at, "the guard: the mute it ends");
  assert.equal(waiting.runAt, waiting.timed.until);
  assert.ok(waiting.runAt >= before + DAY && waiting.runAt <= Date.now() + DAY);
  assert.deepEqual(store.local[`queue:${ACCT}`], { [ALICE.userId]: waiting.runAt }, "it waits in the queue's index");
  assert.ok(store.alarm && Math.abs(store.alarm.when - waiting.runAt) < 1000, "the alarm wakes XMute for it");
  const view = viewOf(ALICE);
  assert.deepEqual([view.muted, view.until, view.pending], [true, waiting.runAt, undefined], "muted until, no pending work");
  assert.match(mutedUntilText(view.until), /^Muted until \w{3} \d\d:\d\d/);
  assert.match(queuedText({ action: "unmute", status: "queued", reason: "timed", runAt: view.until }), /^Unmutes by itself at /);

  shift(DAY - 60_000);
  await queue.runQueue(api);
  assert.equal(calls.length, 1, "nothing before its time");
});

test("at its time the unmute is sent once, on time; the history and the record say it was the timed mute's end", async () => {
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE, { forMs: daysMs(7) });
  shift(daysMs(7) + 1000);
  await queue.runQueue(api);
  await queue.runQueue(api);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`]);
  assertQueueEmpty();
  assert.equal(muteOf(ALICE.userId).muted, false);
  assert.deepEqual(history().map((e) => [e.action, e.result, e.note, e.cost]), [["unmute", "done", "timed", 5_000], ["mute", "done", undefined, 10_000]]);
  assert.equal(noteText(history()[0]), "Unmuted when the timed mute ended.");
  const view = viewOf(ALICE);
  assert.equal(view.muted, false);
  assert.equal(view.ended.at - view.ended.due < 60_000, true);
  assert.match(timedEndedText(view.ended), /^Unmuted at .+, when the timed mute ended\.$/);
  assert.equal(store.alarm, null, "nothing waits");
});

test("the default length from the options page applies to a plain click; a click's own length wins", async () => {
  const { calls, api } = scripted();
  store.local.settings = { muteFor: daysMs(30) };
  await queue.enqueue(api, "mute", ALICE);
  assert.equal(timedOf(ALICE).timed.until - muteOf(ALICE.userId).at, daysMs(30));
  await queue.enqueue(api, "mute", BOB, { forMs: 0 });
  assert.equal(timedOf(BOB), undefined, "no end: nothing waits");
  assert.equal(calls.length, 2);
});

test("an Unmute click before the end unmutes now and replaces the timed unmute; muting again then has no end", async () => {
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  shift(60_000);
  const reply = await queue.enqueue(api, "unmute", ALICE);
  assert.equal(reply.user.muted, false);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`], "sent at once, not at the end");
  assert.equal(history()[1].note, "timed-unmuted-early");
  await queue.enqueue(api, "mute", ALICE);
  assertQueueEmpty();
  shift(DAY);
  await queue.runQueue(api);
  assert.equal(calls.length, 3, "the re-mute stays: no unmute at the old end");
  assert.equal(muteOf(ALICE.userId).muted, true);
});

test("a Mute click while the timed unmute waits keeps the account muted with no end, and sends nothing", async () => {
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  await queue.enqueue(api, "mute", ALICE);
  assert.equal(calls.length, 1);
  assertQueueEmpty();
  assert.deepEqual([history()[0].result, history()[0].note], ["cancelled", "timed-kept"]);
  assert.match(noteText(history()[0]), /^Kept muted/);
});

for (const [name, change, note] of [
  ["unmuted meanwhile (the mute list read from X no longer has them)", () => undefined, "timed-not-muted"],
  ["muted again meanwhile (a newer mute record)", (record) => ({ ...record, at: record.at + 5000 }), "timed-muted-again"],
]) {
  test(`the guard: when the account was ${name}, the timed unmute sends nothing and says why`, async () => {
    const { calls, api } = scripted();
    await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
    const next = change(muteOf(ALICE.userId));
    if (next) store.local[`m:${ACCT}:${ALICE.userId}`] = next;
    else delete store.local[`m:${ACCT}:${ALICE.userId}`];
    shift(DAY + 1000);
    await queue.runQueue(api);
    assert.deepEqual(calls, [`mute ${ALICE.userId}`], "no unmute");
    assertQueueEmpty();
    assert.deepEqual([history()[0].action, history()[0].result, history()[0].note], ["unmute", "cancelled", note]);
    assert.match(noteText(history()[0]), /^Nothing sent: /);
  });
}

test("after a browser restart past the end (a new worker, the start's run), the unmute is sent late and says when it was due", async () => {
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  const due = timedOf(ALICE).timed.until;
  shift(DAY + 3 * 3_600_000);
  const next = await import("./queue.js?after-restart");
  await next.start(api);
  await next.runQueue(api); // runtime.onStartup
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`]);
  const [entry] = history();
  assert.deepEqual([entry.note, entry.due], ["timed-late", due]);
  assert.match(noteText(entry), /^Sent late: it was due at /);
  const view = viewOf(ALICE);
  assert.equal(view.ended.due, due);
  assert.match(timedEndedText(view.ended), /^Unmuted at .+ \(due .+\): the browser was closed or X out of reach\.$/);
});

test("offline at the end: the timed unmute keeps trying past the usual five tries, and says so", async () => {
  const failures = Array.from({ length: MAX_ATTEMPTS + 2 }, () => ({ error: "Network" }));
  const { calls, api } = scripted({ muting: true }, ...failures);
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  shift(DAY + 1000);
  for (let i = 0; i < MAX_ATTEMPTS + 2; i += 1) {
    await queue.runQueue(api);
    const waiting = timedOf(ALICE);
    assert.deepEqual([waiting.status, waiting.reason], ["queued", "retry"], `still waiting after ${i + 1} failures`);
    const pending = viewOf(ALICE).pending;
    assert.match(queuedText(pending), /^Can't reach X.* The timed mute ended at .+; XMute tries to unmute again at /);
    shift(waiting.runAt - Date.now() - (store.local.testing.clockShiftMs) + 1000);
  }
  await queue.runQueue(api);
  assert.equal(calls.length, MAX_ATTEMPTS + 4, "the mute, the failed tries, then the unmute that reached X");
  assertQueueEmpty();
  assert.equal(history()[0].note, "timed-late");
});

test("the monthly budget holds the timed unmute at its end, unsent, until the user sends it anyway", async () => {
  store.local.settings = { monthlyBudget: 12_000 }; // the mute ($0.010) fits, the unmute ($0.005) would pass it
  const { calls, api } = scripted();
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  assert.equal(timedOf(ALICE).reason, "timed", "not held before its time");
  shift(DAY + 1000);
  await queue.runQueue(api);
  assert.equal(calls.length, 1, "held, not sent");
  assert.deepEqual([timedOf(ALICE).reason, timedOf(ALICE).error.name], ["budget", "OverBudget"]);
  assert.equal(viewOf(ALICE).pending.reason, "budget", "the button says why");
  await queue.sendAnyway(api, ALICE.userId);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`]);
  assertQueueEmpty();
});

test("a pause (401) before the end leaves the timed unmute waiting for its time, not sent at Resume", async () => {
  const { calls, api } = scripted({ muting: true }, { error: "Unauthorized" });
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  await queue.enqueue(api, "mute", BOB);
  assert.equal(timedOf(ALICE).reason, "timed");
  await queue.resume(api, { force: true });
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `mute ${BOB.userId}`, `mute ${BOB.userId}`], "Bob again; no unmute of Alice");
  assert.equal(timedOf(ALICE).reason, "timed");
});

test("the messages may name only the lengths XMute offers", () => {
  assert.equal(checkMuteLength(undefined), undefined, "absent: the default");
  for (const ms of [0, daysMs(1), daysMs(7), daysMs(30)]) assert.equal(checkMuteLength(ms), ms);
  for (const bad of [1, -DAY, daysMs(2), "86400000", null, Infinity]) assert.throws(() => checkMuteLength(bad), { name: "InvalidInput" });
  assert.throws(() => checkMuteLength(undefined, "length"), { name: "InvalidInput" });
});

test("a timed mute clicked while an unmute is being sent runs after it, with its length", async () => {
  let release;
  const { calls, api } = scripted(new Promise((resolve) => { release = resolve; }).then(() => ({ muting: false })));
  const unmuting = queue.enqueue(api, "unmute", ALICE);
  await new Promise((resolve) => setTimeout(resolve, 10));
  await queue.enqueue(api, "mute", ALICE, { forMs: daysMs(7) });
  release();
  await unmuting;
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(calls, [`unmute ${ALICE.userId}`, `mute ${ALICE.userId}`]);
  assert.equal(timedOf(ALICE).timed.until - muteOf(ALICE.userId).at, daysMs(7));
});

test("Retry of a failed timed unmute keeps its guard: muted again meanwhile, it sends nothing", async () => {
  const { calls, api } = scripted({ muting: true }, { error: "Forbidden", fields: { status: 403 } });
  await queue.enqueue(api, "mute", ALICE, { forMs: DAY });
  shift(DAY + 1000);
  await queue.runQueue(api);
  assert.equal(timedOf(ALICE)?.status, "failed", "X refused the timed unmute");
  store.local[`m:${ACCT}:${ALICE.userId}`] = { ...muteOf(ALICE.userId), at: muteOf(ALICE.userId).at + 5000 }; // muted again
  await queue.retry(api, ALICE.userId);
  assert.deepEqual(calls, [`mute ${ALICE.userId}`, `unmute ${ALICE.userId}`], "nothing more sent");
  assertQueueEmpty();
  assert.equal(history()[0].note, "timed-muted-again");
});
