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
const { refreshMutes } = await import("./mutesync.js");

const signedIn = (savedAt = 1) => ({ credentials: { consumerKey: "ck", consumerSecret: "S1", token: "7-t", tokenSecret: "S2", savedAt } });

/**
 * An Api whose client answers `mutedUsers({ max })` with each of `answers` in turn: a list of
 * ids (cut at `max`; complete when it was not) or an Error. It bills each account returned.
 */
function apiAnswering(...answers) {
  const calls = [];
  let read = 0;
  return {
    calls,
    async client() {
      return {
        apiVersionInUse: "2",
        async mutedUsers({ max }) {
          calls.push({ at: Date.now(), max });
          const next = answers.shift();
          if (next instanceof Error) throw next;
          read += Math.min(next.length, max);
          return { ids: next.slice(0, max), complete: next.length <= max };
        },
        takeUsage() {
          const usage = { mutedAccountsRead: read };
          read = 0;
          return usage;
        },
      };
    },
  };
}
const rateLimited = (resetAt) => Object.assign(new Error("Rate limited."), { name: "RateLimited", resetAt });

/** The account's mute records (token "7-..."), as { id: muted }. */
async function mutes() {
  const all = await chrome.storage.local.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith("m:7:")).map(([k, r]) => [k.slice(4), r.muted]));
}

test("a read folds X's list into the cache, says when and how many, and counts what it cost", async () => {
  chrome.storage.local.reset({ ...signedIn(), "m:7:3": { muted: true, at: 1 } });
  const api = apiAnswering(["1", "2"]);
  const reply = await refreshMutes(api, 1000);
  assert.deepEqual([reply.count, reply.complete, reply.cost], [2, true, 2000]);
  assert.deepEqual(api.calls.map((c) => c.max), [1000]);
  assert.deepEqual(await mutes(), { 1: true, 2: true }, "3 was unmuted elsewhere");
  const { muteList, "spend:7": spend } = await chrome.storage.local.get(["muteList", "spend:7"]);
  assert.deepEqual([muteList.count, muteList.via, muteList.savedAt, muteList.error, muteList.cost], [2, "2", 1, undefined, 2000]);
  assert.deepEqual(Object.values(spend).map((m) => [m.mutedAccountsRead, m.micros]), [[2, 2000]], "$0.001 per account");
  const { "u:7:1": one, "u:7:3": three } = await chrome.storage.local.get(["u:7:1", "u:7:3"]);
  assert.deepEqual([one.muted, three.muted], [true, false], "the public state, in local where session is not shared");
});

test("a read stopped at its limit only adds: accounts further down keep what XMute knew", async () => {
  chrome.storage.local.reset({ ...signedIn(), "m:7:3": { muted: true, at: 1 }, "m:7:4": { muted: false, at: 1 } });
  const reply = await refreshMutes(apiAnswering(["1", "4", "2"]), 2);
  assert.deepEqual([reply.count, reply.complete], [2, false]);
  assert.deepEqual(await mutes(), { 1: true, 3: true, 4: true });
  assert.equal((await chrome.storage.local.get("muteList")).muteList.complete, false);
});

test("a read that could pass the monthly budget is refused before anything is sent", async () => {
  chrome.storage.local.reset({ ...signedIn(), settings: { apiVersion: "auto", monthlyBudget: 500_000 } });
  const api = apiAnswering(["1"]);
  await assert.rejects(refreshMutes(api, 1000), { name: "OverBudget", cost: 1_000_000 });
  assert.equal(api.calls.length, 0);
  assert.equal((await refreshMutes(api, 500)).count, 1, "500 accounts at most: $0.50 fits");
});

test("after a 429 nothing is sent to X before its reset time, for the same sign-in only", async () => {
  const reset = Math.floor(Date.now() / 1000) + 600;
  chrome.storage.local.reset(signedIn(5));
  const api = apiAnswering(rateLimited(reset), ["9"]);
  await assert.rejects(refreshMutes(api, 10), { name: "RateLimited" });
  const { muteList } = await chrome.storage.local.get("muteList");
  assert.deepEqual([muteList.error.name, muteList.retryAt], ["RateLimited", reset * 1000]);
  await assert.rejects(refreshMutes(api, 10), { name: "RateLimited", resetAt: reset });
  assert.equal(api.calls.length, 1, "the second refresh sent nothing");

  await chrome.storage.local.set(signedIn(6)); // saved again, or another account
  assert.equal((await refreshMutes(api, 10)).count, 1);
  assert.equal(api.calls.length, 2);
});
