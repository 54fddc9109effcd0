// @ts-check
/**
 * For the background's unit tests (*.test.js beside it), never bundled: chrome.storage and
 * chrome.alarms in memory, a scripted X client, and readers of the queue's storage. One copy,
 * so that every test file's browser behaves alike.
 */
import assert from "node:assert/strict";

/** A JSON copy: undefined values vanish, as in chrome.storage. @param {any} value */
export const clone = (value) => JSON.parse(JSON.stringify(value));

/**
 * Installs `chrome.storage` (local as JSON in `store.local`; session empty) and `chrome.alarms`
 * (the last alarm set in `store.alarm`) on globalThis. Tests read and replace `store.local`.
 * @returns {{ local: Record<string, any>, alarm: ({ name: string } & Record<string, any>) | null }}
 */
export function fakeChrome() {
  /** @type {{ local: Record<string, any>, alarm: ({ name: string } & Record<string, any>) | null }} */
  const store = { local: {}, alarm: null };
  /** @type {any} */ (globalThis).chrome = {
    storage: {
      local: {
        /** @param {string | string[] | null} keys */
        async get(keys) {
          if (keys === null) return clone(store.local);
          const list = typeof keys === "string" ? [keys] : keys;
          return clone(Object.fromEntries(list.filter((k) => k in store.local).map((k) => [k, store.local[k]])));
        },
        /** @param {Record<string, any>} values */
        async set(values) { Object.assign(store.local, clone(values)); },
        /** @param {string | string[]} keys */
        async remove(keys) { for (const key of [keys].flat()) delete store.local[key]; },
      },
      session: { async get() { return {}; }, async set() {} },
    },
    alarms: {
      /** @param {string} name @param {Record<string, any>} info */
      async create(name, info) { store.alarm = { name, ...info }; },
      async clear() { store.alarm = null; },
    },
  };
  return store;
}

/**
 * A scripted X client: each call takes the next answer (an outcome, a promise, or
 * `{ error: name, fields }`); it counts what X bills (each successful v2 mute and unmute).
 * @param {...any} answers
 */
export function scripted(...answers) {
  /** @type {string[]} */
  const calls = [];
  /** @param {string} call */
  const next = (call) => {
    calls.push(call);
    const answer = answers.shift() ?? { muting: call.startsWith("mute") };
    if (answer instanceof Promise) return answer;
    if (answer.error) return Promise.reject(Object.assign(new Error(answer.error), { name: answer.error, ...answer.fields }));
    return Promise.resolve(answer);
  };
  let usage = { mutes: 0, unmutes: 0 };
  /** @param {"mutes" | "unmutes"} kind */
  const billed = (kind) => (/** @type {any} */ a) => {
    if ((a.via ?? "2") === "2") usage[kind] += 1;
    return a;
  };
  /** @param {{ userId?: string, screenName?: string }} t */
  const name = (t) => t.userId ?? `@${t.screenName}`;
  const client = {
    /** @param {{ userId?: string, screenName?: string }} t */
    mute: (t) => next(`mute ${name(t)}`).then(billed("mutes")).then((a) => ({ via: "2", ...a, muting: a.muting ?? true })),
    /** @param {{ userId?: string, screenName?: string }} t */
    unmute: (t) => next(`unmute ${name(t)}`).then(billed("unmutes")).then((a) => ({ via: "2", ...a, muting: a.muting ?? false })),
    takeUsage: () => {
      const taken = usage;
      usage = { mutes: 0, unmutes: 0 };
      return taken;
    },
    apiVersionInUse: "2",
  };
  return { calls, api: { client: async () => client } };
}

/**
 * Readers of one account's queue storage (shared/keys.js), over `store`.
 * @param {{ local: Record<string, any> }} store
 * @param {string} acct
 */
export function queueReaders(store, acct) {
  return {
    /** Moves the queue's clock on (`testing.clockShiftMs`). @param {number} ms */
    shift(ms) {
      store.local.testing = { ...store.local.testing, clockShiftMs: (store.local.testing?.clockShiftMs ?? 0) + ms };
    },
    /** @param {{ userId: string }} target */
    item: (target) => store.local[`q:${acct}:${target.userId}`],
    /** @param {string} userId */
    muteOf: (userId) => store.local[`m:${acct}:${userId}`],
    /** The account's history, newest first. */
    history() {
      const next = store.local[`hist:${acct}`]?.next ?? 0;
      return Array.from({ length: Math.min(next, 100) }, (_, i) => store.local[`h:${acct}:${(next - 1 - i) % 100}`]);
    },
    /** Nothing queued: no item, and both indexes empty. */
    assertQueueEmpty() {
      assert.deepEqual(Object.keys(store.local).filter((key) => key.startsWith(`q:${acct}:`)), []);
      assert.deepEqual([store.local[`active:${acct}`] ?? {}, store.local[`queue:${acct}`] ?? {}], [{}, {}]);
    },
  };
}
