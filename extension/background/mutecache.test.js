// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkIdentities, identityOf, learnChange, learnKeys, refreshChange } from "./mutecache.js";
import { personView, publicSettings } from "./store.js";

test("identities: both an id and a handle, checked; a list is capped", () => {
  assert.deepEqual(identityOf({ type: "mute", userId: "1", screenName: "Alice" }), { userId: "1", screenName: "Alice" });
  assert.equal(identityOf({ userId: "1" }), null);
  assert.equal(identityOf({ userId: "1a", screenName: "alice" }), null);
  assert.equal(identityOf({ userId: "1", screenName: "a-lice" }), null);
  assert.deepEqual(checkIdentities([{ userId: "1", screenName: "a", extra: "x" }, { userId: 2, screenName: "b" }, null]),
    [{ userId: "1", screenName: "a" }]);
  assert.throws(() => checkIdentities("1"), { name: "InvalidInput" });
  assert.throws(() => checkIdentities(Array(101).fill({ userId: "1", screenName: "a" })), { name: "InvalidInput" });
});

test("learning a handle: one key for the handle, one for the id's handles; nothing new is no change", () => {
  const stored = { "n:@alice": "1", "l:1": ["@alice"] };
  assert.deepEqual(learnKeys([{ userId: "3", screenName: "Carol" }], stored), ["n:@carol", "l:3"]);
  assert.equal(learnChange(stored, [{ userId: "1", screenName: "ALICE" }]), null);
  assert.deepEqual(learnChange(stored, [{ userId: "3", screenName: "carol" }]),
    { set: { "n:@carol": "3", "l:3": ["@carol"] }, ids: ["3"] });
  assert.deepEqual(learnChange(stored, [{ userId: "1", screenName: "ally" }]),
    { set: { "n:@ally": "1", "l:1": ["@alice", "@ally"] }, ids: ["1"] }, "a second handle for the same id");
});

test("a handle that moved to another id leaves the old id's links (a renamed account)", () => {
  const pairs = [{ userId: "7", screenName: "alice" }];
  const names = { "n:@alice": "1" };
  assert.deepEqual(learnKeys(pairs, names), ["n:@alice", "l:7", "l:1"]);
  assert.deepEqual(learnChange({ ...names, "l:1": ["@alice", "@al"] }, pairs),
    { set: { "n:@alice": "7", "l:1": ["@al"], "l:7": ["@alice"] }, ids: ["1", "7"] });
});

test("a person known by id and by handle shows one state: the newest record, and any pending work", () => {
  assert.deepEqual(personView([{ muted: true, at: 10 }, { muted: false, at: 20 }], [], 5), { muted: false, rev: 5 });
  assert.deepEqual(personView([undefined, { muted: true, at: 1 }], [], 6), { muted: true, rev: 6 });
  const running = { id: "i", action: "mute", target: { screenName: "dave" }, status: "running", since: 1, runAt: 1, attempts: 1, worker: "w", sentAt: 1 };
  assert.deepEqual(personView([], [undefined, running], 7),
    { muted: false, rev: 7, pending: { action: "mute", status: "running", runAt: 1, error: undefined, reason: undefined, attempts: 1 } },
    "nothing of the item but what buttons show (no worker, no id)");
});

test("the public settings: signed in, the account, the tweet switch only when on; nothing secret", () => {
  assert.deepEqual(publicSettings(undefined, undefined), { signedIn: false });
  const credentials = { consumerKey: "ck", consumerSecret: "S1", token: "1-t", tokenSecret: "S2", userId: "1", screenName: "me" };
  assert.deepEqual(publicSettings(credentials, { tweetButtons: true }),
    { signedIn: true, acct: "1", account: { userId: "1", screenName: "me" }, tweetButtons: true });
  assert.deepEqual(publicSettings({ ...credentials, userId: undefined, screenName: undefined }, { tweetButtons: false }),
    { signedIn: true, acct: "1" }, "the id from the token's prefix");
  assert.doesNotMatch(JSON.stringify(publicSettings(credentials, {})), /1-t|S1|S2|ck/);
});

test("a complete list from X replaces older id records, keeps newer ones and handles it cannot check", () => {
  const stored = {
    "n:@bob": "2",
    "m:9:1": { muted: true, at: 50 },        // unmuted elsewhere: not in the list
    "m:9:2": { muted: false, at: 60 },       // muted elsewhere since: in the list
    "m:9:@bob": { muted: false, at: 70 },    // older, and its id is known: the list decides
    "m:9:@zed": { muted: true, at: 80 },     // a handle with no known id: kept
    "m:9:5": { muted: false, at: 200 },      // unmuted after the list was asked for: kept
    "m:8:1": { muted: true, at: 1 },         // another account's: not this list's business
  };
  assert.deepEqual(refreshChange(stored, "9", ["2", "5", "6", "bad"], 100, "2", true), {
    set: { "m:9:2": { muted: true, at: 100, via: "2" }, "m:9:6": { muted: true, at: 100, via: "2" } },
    remove: ["m:9:1", "m:9:@bob"],
  });
});

test("a list stopped at its limit only adds", () => {
  const stored = { "m:9:1": { muted: false, at: 50 }, "m:9:3": { muted: true, at: 50 } };
  assert.deepEqual(refreshChange(stored, "9", ["1", "2"], 100, "2", false),
    { set: { "m:9:1": { muted: true, at: 100, via: "2" }, "m:9:2": { muted: true, at: 100, via: "2" } }, remove: [] });
});
