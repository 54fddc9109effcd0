// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BACKOFF_BASE_MS, MAX_ATTEMPTS, WINDOW_LIMIT, WINDOW_MS, accountOf, backoffMs, classify, decideIntent,
  mayHaveLanded, rateLimitedUntil, windowFreesAt,
} from "./policy.js";

test("every error the core names has a kind", () => {
  const kinds = {
    RateLimited: "rate", Unauthorized: "pause", NotSignedIn: "pause", CreditsDepleted: "pause", UsageCapped: "pause",
    CannotMute: "permanent", InvalidInput: "permanent", Forbidden: "permanent", NotEnrolled: "permanent",
    Rejected: "permanent", TimestampRejected: "permanent",
    Network: "retry", Timeout: "retry", Server: "retry", BadResponse: "retry", Mystery: "retry",
  };
  for (const [name, kind] of Object.entries(kinds)) assert.equal(classify({ name }), kind, name);
  assert.equal(classify(undefined), "retry");
  assert.equal(mayHaveLanded({ name: "Timeout" }), true);
  assert.equal(mayHaveLanded({ name: "RateLimited" }), false);
  assert.equal(mayHaveLanded({ name: "Unauthorized" }), false);
});

test("back-off doubles from 40 s with ±20 % jitter; five tries span about ten minutes", () => {
  assert.equal(backoffMs(1, 0.5), BACKOFF_BASE_MS);
  assert.equal(backoffMs(2, 0.5), 2 * BACKOFF_BASE_MS);
  assert.equal(backoffMs(1, 0), 0.8 * BACKOFF_BASE_MS);
  assert.equal(backoffMs(1, 0.999999), Math.round(1.2 * BACKOFF_BASE_MS * 0.999999 + 0.8 * BACKOFF_BASE_MS * 0.000001));
  const delays = (random) => Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => backoffMs(i + 1, random));
  const total = (random) => delays(random).reduce((a, b) => a + b, 0);
  assert.equal(total(0.5), 10 * 60 * 1000);
  assert.ok(total(0) >= 8 * 60 * 1000 && total(0.999) <= 12 * 60 * 1000);
  for (const random of [0, 0.3, 0.999]) {
    const d = delays(random);
    for (let i = 1; i < d.length; i++) assert.ok(d[i] > d[i - 1], "each wait is longer than the one before");
  }
});

test("a 429 waits for X's reset plus 1 to 3 s, never less than a doubling minimum", () => {
  const now = 1_000_000_000_000;
  const resetAt = now / 1000 + 60;
  assert.equal(rateLimitedUntil({ resetAt }, now, 1, 0), resetAt * 1000 + 1000);
  assert.equal(rateLimitedUntil({ resetAt }, now, 1, 1), resetAt * 1000 + 3000);
  assert.equal(rateLimitedUntil({}, now, 1, 0), now + WINDOW_MS, "no reset header: one window");
  const past = now / 1000 - 100;
  assert.equal(rateLimitedUntil({ resetAt: past }, now, 1, 0), now + 2000);
  assert.equal(rateLimitedUntil({ resetAt: past }, now, 3, 0), now + 8000);
});

test("the 51st request in 15 minutes waits for the oldest to leave the window", () => {
  const now = 10 * WINDOW_MS;
  const sent = Array.from({ length: WINDOW_LIMIT }, (_, i) => now - WINDOW_MS + 1000 + i * 1000);
  assert.equal(windowFreesAt(sent.slice(1), now, WINDOW_LIMIT), null, "49 in the window: go");
  assert.equal(windowFreesAt(sent, now, WINDOW_LIMIT), sent[0] + WINDOW_MS);
  assert.equal(windowFreesAt([...sent, now - 2 * WINDOW_MS], now, WINDOW_LIMIT), sent[0] + WINDOW_MS, "old ones do not count");
  assert.equal(windowFreesAt([now - 5, now - 3, now - 1], now, 3), now - 5 + WINDOW_MS, "a lower test limit");
  assert.equal(windowFreesAt(undefined, now, 3), null);
});

test("a click next to what is queued: double clicks keep, opposites cancel or follow, failures are replaced", () => {
  const queued = (action, landed) => ({ action, status: "queued", landed });
  assert.equal(decideIntent(undefined, "mute"), "add");
  assert.equal(decideIntent(queued("mute"), "mute"), "keep");
  assert.equal(decideIntent(queued("mute"), "unmute"), "cancel");
  assert.equal(decideIntent(queued("mute", true), "unmute"), "replace", "a mute that may have reached X is undone");
  assert.equal(decideIntent({ action: "mute", status: "running" }, "mute"), "keep");
  assert.equal(decideIntent({ action: "mute", status: "running" }, "unmute"), "follow");
  assert.equal(decideIntent({ action: "mute", status: "running", then: "unmute" }, "mute"), "follow", "clears the follow-up");
  assert.equal(decideIntent({ action: "mute", status: "failed" }, "mute"), "replace");
  assert.equal(decideIntent({ action: "mute", status: "failed" }, "unmute"), "replace");
});

test("the account of credentials: the stored id, else the token's prefix", () => {
  assert.equal(accountOf({ userId: "12", token: "34-abc" }), "12");
  assert.equal(accountOf({ token: "34-abc" }), "34");
  assert.equal(accountOf({ token: "abc" }), null);
  assert.equal(accountOf(undefined), null);
});
