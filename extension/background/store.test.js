// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { userKey, userReply, viewOf } from "./store.js";

const state = {
  rev: 4,
  credentials: { consumerKey: "ck", consumerSecret: "SECRET-1", token: "1-t", tokenSecret: "SECRET-2" },
  pinRequest: { tokenSecret: "SECRET-3" },
  mutes: { 10: { muted: true, at: 1, via: "2" }, 11: { muted: false, at: 2, via: "1.1" } },
  pending: {
    11: { action: "mute", target: { userId: "11" }, status: "queued", reason: "rate-limit", since: 3, runAt: 9, attempts: 1, worker: "w" },
    "@bob": { action: "mute", target: { screenName: "Bob" }, status: "running", since: 5, worker: "w" },
  },
};

test("the view has mute states and pending work, and nothing secret", () => {
  const view = viewOf(state);
  assert.deepEqual(view, {
    rev: 4,
    signedIn: true,
    users: {
      10: { muted: true },
      11: { muted: false, pending: { action: "mute", status: "queued", runAt: 9, error: undefined, reason: "rate-limit", attempts: 1 } },
      "@bob": { muted: false, pending: { action: "mute", status: "running", runAt: undefined, error: undefined, reason: undefined, attempts: undefined } },
    },
  });
  assert.doesNotMatch(JSON.stringify(view), /SECRET|ck|1-t/);
});

test("keys: the user id, else the lower-cased screen name", () => {
  assert.equal(userKey({ userId: "10", screenName: "Ten" }), "10");
  assert.equal(userKey({ screenName: "Bob" }), "@bob");
});

test("a reply for one account; unknown accounts are not muted", () => {
  assert.deepEqual(userReply(state, { userId: "10" }), { rev: 4, signedIn: true, user: { muted: true } });
  assert.deepEqual(userReply({}, { userId: "12" }), { rev: 0, signedIn: false, user: { muted: false } });
});
