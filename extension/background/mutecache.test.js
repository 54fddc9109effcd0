// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  NAMES_CAP, checkIdentities, foldRefresh, identityOf, learnNames, mergeAliases, surfaceFields,
} from "./mutecache.js";
import { viewOf } from "./store.js";

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

test("learning a handle: nothing new is no change; a pair tied to a shown record republishes", () => {
  const state = { names: { "@alice": "1" }, mutes: { "@bob": { muted: true, at: 5 } } };
  assert.equal(learnNames(state, [{ userId: "1", screenName: "ALICE" }]), null);
  assert.deepEqual(learnNames(state, [{ userId: "3", screenName: "carol" }]),
    { set: { names: { "@alice": "1", "@carol": "3" } } });
  const tied = learnNames(state, [{ userId: "2", screenName: "Bob" }]);
  assert.deepEqual(tied, { set: { names: { "@alice": "1", "@bob": "2" }, mutes: state.mutes } });
  assert.notEqual(tied?.set.mutes, state.mutes, "a new object, so store.js writes it");
});

test("learning keeps the most recent handles under the cap", () => {
  const names = Object.fromEntries(Array.from({ length: NAMES_CAP }, (_, i) => [`@u${i}`, String(i)]));
  const change = learnNames({ names }, [{ userId: "99999", screenName: "newest" }, { userId: "7777", screenName: "u0" }]); // u0 changed id
  const keys = Object.keys(change?.set.names);
  assert.equal(keys.length, NAMES_CAP);
  assert.deepEqual(keys.slice(-2), ["@newest", "@u0"], "the learned ones are last");
  assert.equal(change?.set.names["@u0"], "7777");
  assert.equal(keys.includes("@u1"), false, "the oldest went");
});

test("a person known by id and by handle shows one state: the newest record, and any pending work", () => {
  const state = {
    names: { "@bob": "2", "@carol": "3", "@dave": "4" },
    mutes: {
      2: { muted: true, at: 10 }, "@bob": { muted: false, at: 20 },
      3: { muted: true, at: 30 },
    },
    pending: { "@dave": { action: "mute", target: { screenName: "dave" }, status: "running", since: 1 } },
  };
  const view = viewOf(state);
  assert.deepEqual(view.users["2"], { muted: false });
  assert.deepEqual(view.users["@bob"], { muted: false });
  assert.deepEqual(view.users["@carol"], { muted: true }, "muted by id (from X), shown on tweets by handle");
  assert.equal(view.users["4"].pending.status, "running");
  assert.equal(view.users["@dave"].pending.status, "running");
  assert.deepEqual(mergeAliases({ 9: { muted: true } }, { names: { "@x": "8" }, mutes: { 9: { muted: true, at: 1 } } }),
    { 9: { muted: true } }, "unrelated entries are left alone");
});

test("the view carries the tweet switch only when on, and the account without secrets", () => {
  assert.deepEqual(surfaceFields({}), {});
  assert.deepEqual(surfaceFields({ display: { tweetButtons: false } }), {});
  const state = { display: { tweetButtons: true }, credentials: { token: "1-t", tokenSecret: "S", userId: "1", screenName: "me" } };
  assert.deepEqual(surfaceFields(state), { tweetButtons: true, account: { userId: "1", screenName: "me" } });
  assert.doesNotMatch(JSON.stringify(viewOf(state)), /1-t|"S"/);
});

test("a list from X replaces older id records, keeps newer ones and handles it cannot check", () => {
  const state = {
    names: { "@bob": "2" },
    mutes: {
      1: { muted: true, at: 50 },        // unmuted elsewhere: not in the list
      2: { muted: false, at: 60 },       // muted elsewhere since: in the list
      "@bob": { muted: false, at: 70 },  // older, and its id is known: the list decides
      "@zed": { muted: true, at: 80 },   // a handle with no known id: kept
      5: { muted: false, at: 200 },      // unmuted after the list was asked for: kept
    },
  };
  assert.deepEqual(foldRefresh(state, ["2", "5", "6", "bad"], 100, "2"), {
    2: { muted: true, at: 100, via: "2" },
    "@zed": { muted: true, at: 80 },
    5: { muted: false, at: 200 },
    6: { muted: true, at: 100, via: "2" },
  });
});
