// node --test extension/ (chrome.storage is an in-memory stand-in here)
import assert from "node:assert/strict";
import { test } from "node:test";

/** A minimal chrome.storage: local and session areas, no access levels (as in Firefox). */
function area() {
  let data = {};
  return {
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = typeof keys === "string" ? [keys] : keys;
      return structuredClone(Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]])));
    },
    async set(items) { data = { ...data, ...structuredClone(items) }; },
    async remove(keys) { for (const k of [keys].flat()) delete data[k]; },
    reset(next = {}) { data = structuredClone(next); },
  };
}
globalThis.chrome = { storage: { local: area(), session: area() } };
const { refreshMutes, refreshAfterSignIn } = await import("./mutesync.js");

const signedIn = (savedAt = 1) => ({ credentials: { consumerKey: "ck", consumerSecret: "S1", token: "7-t", tokenSecret: "S2", savedAt } });

/** An Api whose client answers `mutedUserIds()` with each of `answers` in turn. */
function apiAnswering(...answers) {
  const calls = [];
  return {
    calls,
    async client() {
      return {
        apiVersionInUse: "2",
        async mutedUserIds() {
          calls.push(Date.now());
          const next = answers.shift();
          if (next instanceof Error) throw next;
          return next;
        },
      };
    },
  };
}
const rateLimited = (resetAt) => Object.assign(new Error("Rate limited."), { name: "RateLimited", resetAt });

test("a refresh folds X's list into the cache and says when and how many", async () => {
  chrome.storage.local.reset({ ...signedIn(), mutes: { 3: { muted: true, at: 1 } } });
  const api = apiAnswering(["1", "2"]);
  const reply = await refreshMutes(api);
  assert.equal(reply.count, 2);
  const { mutes, muteList } = await chrome.storage.local.get(null);
  assert.deepEqual(Object.keys(mutes).sort(), ["1", "2"], "3 was unmuted elsewhere");
  assert.deepEqual([muteList.count, muteList.via, muteList.savedAt, muteList.error], [2, "2", 1, undefined]);
  const { view } = await chrome.storage.local.get("view");
  assert.equal(view.users["1"].muted, true, "the view's copy in local, where session is not shared");
});

test("after a 429 nothing is sent to X before its reset time, for the same sign-in only", async () => {
  const reset = Math.floor(Date.now() / 1000) + 600;
  chrome.storage.local.reset(signedIn(5));
  const api = apiAnswering(rateLimited(reset), ["9"]);
  await assert.rejects(refreshMutes(api), { name: "RateLimited" });
  const { muteList } = await chrome.storage.local.get("muteList");
  assert.deepEqual([muteList.error.name, muteList.retryAt], ["RateLimited", reset * 1000]);
  await assert.rejects(refreshMutes(api), { name: "RateLimited", resetAt: reset });
  assert.equal(api.calls.length, 1, "the second refresh sent nothing");

  await chrome.storage.local.set(signedIn(6)); // saved again, or another account
  assert.equal((await refreshMutes(api)).count, 1);
  assert.equal(api.calls.length, 2);
});

test("a sign-in's refresh follows one still running for the previous credentials", async () => {
  chrome.storage.local.reset(signedIn(1));
  let release;
  const slow = new Promise((resolve) => { release = resolve; });
  const api = {
    lists: [],
    async client() {
      return { apiVersionInUse: "2", mutedUserIds: () => (api.lists.push(1), api.lists.length === 1 ? slow : Promise.resolve(["4", "5"])) };
    },
  };
  const first = refreshMutes(api);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(refreshAfterSignIn(api)("reply"), "reply", "the sign-in's reply is not held up");
  assert.equal(api.lists.length, 1, "not two reads at once");
  release(["1"]);
  await first;
  // The follow-up runs on its own; wait (bounded, by turns of the event loop) for its result.
  for (let turn = 0; turn < 100 && (await chrome.storage.local.get("muteList")).muteList?.count !== 2; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(api.lists.length, 2, "a second read ran after the first");
  assert.deepEqual(Object.keys((await chrome.storage.local.get("mutes")).mutes), ["4", "5"]);
});
