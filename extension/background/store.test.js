// node --test extension/ (chrome.storage is an in-memory stand-in, as Chrome has it: `session`
// shared with content scripts, `local` restricted)
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

/** An area that records what each set() wrote. */
function area() {
  let data = {};
  const writes = [];
  return {
    writes,
    async get(keys) {
      if (keys === null || keys === undefined) return structuredClone(data);
      const list = typeof keys === "string" ? [keys] : keys;
      return structuredClone(Object.fromEntries(list.filter((k) => k in data).map((k) => [k, data[k]])));
    },
    async set(items) {
      writes.push(structuredClone(items));
      data = { ...data, ...structuredClone(items) };
    },
    async remove(keys) { for (const k of [keys].flat()) delete data[k]; },
    async setAccessLevel() {},
    reset(next = {}) {
      data = structuredClone(next);
      writes.length = 0;
    },
    get data() { return data; },
  };
}
const local = area();
const session = area();
globalThis.chrome = { storage: { local, session } };
const store = await import("./store.js");
await store.setAccessLevels();

const credentials = { consumerKey: "ck", consumerSecret: "SECRET-1", token: "42-t", tokenSecret: "SECRET-2", savedAt: 1 };

beforeEach(() => {
  local.reset({ credentials });
  session.reset();
});

test("keys: the user id, else the lower-cased screen name; the account from the credentials", () => {
  assert.equal(store.userKey({ userId: "10", screenName: "Ten" }), "10");
  assert.equal(store.userKey({ screenName: "Bob" }), "@bob");
  assert.equal(store.accountOf(credentials), "42");
  assert.equal(store.accountOf({ ...credentials, userId: "7" }), "7");
  assert.equal(store.accountOf({ token: "opaque" }), "self");
  assert.equal(store.accountOf(undefined), null);
});

test("a change reads and writes only its keys; a person's record publishes their state, nothing secret", async () => {
  await store.transact(["m:42:10"], () => ({ set: { "m:42:10": { muted: true, at: 5, via: "2" } } }));
  await store.settled();
  assert.deepEqual(local.writes.map((w) => Object.keys(w)), [["m:42:10"]], "one write to local");
  assert.deepEqual(session.writes.map((w) => Object.keys(w)), [["u:42:10", "rev"]], "one to the public area");
  assert.deepEqual(session.data["u:42:10"], { muted: true, rev: 1 });
  assert.doesNotMatch(JSON.stringify(session.data), /SECRET|42-t|ck/);
  assert.deepEqual(await store.userReply("42", { userId: "10" }), { signedIn: true, user: { muted: true, rev: 1 } });
  assert.deepEqual(await store.userReply("42", { userId: "11" }), { signedIn: true, user: { muted: false, rev: 0 } });
  assert.deepEqual(await store.userReply(null, { userId: "10" }), { signedIn: false, user: { muted: false, rev: 0 } });
});

test("a person known by id and handles gets one state under every key", async () => {
  local.reset({ credentials, "n:@bob": "2", "l:2": ["@bob", "@bobby"], "m:42:@bob": { muted: true, at: 9 } });
  await store.transact([], () => ({ set: { "m:42:2": { muted: false, at: 3 } } }));
  await store.settled();
  const muted = (key) => session.data[`u:42:${key}`]?.muted;
  assert.deepEqual([muted("2"), muted("@bob"), muted("@bobby")], [true, true, true], "the newest record (by handle) wins");
  const item = { id: "i", action: "unmute", target: { userId: "2" }, status: "queued", reason: "window", since: 1, runAt: 9, attempts: 0 };
  await store.transact([], () => ({ set: { "q:42:2": item } }));
  await store.settled();
  assert.equal(session.data["u:42:@bobby"].pending.reason, "window", "pending work shows under every key");
});

test("a click's writes stay small, whatever else is stored", async () => {
  const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`m:42:${3_000_000 + i}`, { muted: true, at: 1, via: "2" }]));
  local.reset({ credentials, ...many });
  await store.transact(["m:42:10"], () => ({ set: { "m:42:10": { muted: true, at: 5, via: "2" } } }));
  await store.settled();
  const bytes = [...local.writes, ...session.writes].reduce((sum, w) => sum + JSON.stringify(w).length, 0);
  assert.ok(bytes < 200, `${bytes} bytes written`);
});

test("after a browser restart the public state is written again from local, settings last", async () => {
  local.reset({ credentials, display: { tweetButtons: true }, "m:42:10": { muted: true, at: 1 }, "q:42:@x": { action: "mute", status: "queued", target: { screenName: "x" } } });
  await store.ensurePublicState();
  assert.deepEqual(session.data.pub, { signedIn: true, acct: "42", tweetButtons: true });
  assert.equal(session.data["u:42:10"].muted, true);
  assert.equal(session.data["u:42:@x"].pending.status, "queued");
  assert.equal(Object.keys(session.writes.at(-1))[0], "pub", "the mark comes last");
  session.writes.length = 0;
  await store.ensurePublicState();
  assert.deepEqual(session.writes, [], "once there, left alone");
});
