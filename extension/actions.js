// @ts-check
/**
 * Mute and unmute, routed through a pending-action record in storage so that the work outlives
 * this worker: a rate-limited action stays queued and `chrome.alarms` runs it at the reset
 * time; an action cut off by the worker's end is queued again when the next worker starts.
 */
import { namedError, toErrorJson } from "./errors.js";
import { read, update, userKey, userReply } from "./store.js";

export const QUEUE_ALARM = "xmute-queue";

/** Identifies this worker's lifetime; a `running` record from another one was interrupted. */
const WORKER = crypto.randomUUID();

/** When X gives no reset time, try again after its window (15 minutes). */
const DEFAULT_RETRY_MS = 15 * 60 * 1000;
/** The shortest wait after a 429, doubled with each one in a row (a skewed clock can make X's
 * reset time look past). */
const MIN_RETRY_MS = 2000;

/**
 * @typedef {import("./store.js").Target} Target
 * @typedef {import("./store.js").State} State
 * @typedef {import("./store.js").PendingAction} PendingAction
 * @typedef {{ muting: boolean, via: "2" | "1.1" }} Outcome
 * @typedef {{ mute(t: Target): Promise<Outcome>, unmute(t: Target): Promise<Outcome> }} MuteClient
 * @typedef {{ client(state: State): Promise<MuteClient> }} Api
 */

/**
 * The account a content-script message names, checked: `{ userId?, screenName? }`.
 * @param {Record<string, unknown>} message
 * @returns {Target}
 */
export function checkTarget(message) {
  const { userId, screenName } = message;
  const idOk = typeof userId === "string" && /^[0-9]{1,19}$/.test(userId);
  const nameOk = typeof screenName === "string" && /^[A-Za-z0-9_]{1,15}$/.test(screenName);
  if ((userId !== undefined && !idOk) || (screenName !== undefined && !nameOk) || !(idOk || nameOk)) {
    throw namedError("InvalidInput", "The message does not name an X account.");
  }
  return idOk ? { userId: /** @type {string} */ (userId) } : { screenName: /** @type {string} */ (screenName) };
}

/** @param {Target} target */
export async function status(target) {
  return userReply(await read(), target);
}

/**
 * Mutes or unmutes `target` now. Clicking while an action for the same account is queued
 * cancels it (the button then shows the state the queued action would have changed).
 * @param {Api} api
 * @param {"mute" | "unmute"} action
 * @param {Target} target
 */
export async function act(api, action, target) {
  const key = userKey(target);
  /** What the stored state allows; a failed record is simply replaced. */
  const seen = { decision: /** @type {"start" | "busy" | "cancel" | "signed-out"} */ ("start") };
  const state = await update((s) => {
    const existing = /** @type {PendingAction | undefined} */ (s.pending?.[key]);
    if (!s.credentials?.token) seen.decision = "signed-out";
    else if (existing?.status === "running") seen.decision = "busy";
    else if (existing?.status === "queued") seen.decision = "cancel";
    if (seen.decision === "cancel") return { set: { pending: without(s.pending, key) } };
    if (seen.decision !== "start") return;
    /** @type {PendingAction} */
    const record = { action, target, status: "running", since: Date.now(), worker: WORKER };
    return { set: { pending: { ...s.pending, [key]: record } } };
  });
  if (seen.decision === "signed-out") throw namedError("NotSignedIn", "Add your API keys in XMute's options.");
  if (seen.decision === "busy") throw namedError("Busy", "XMute is already working on this account.");
  if (seen.decision === "cancel") return userReply(state, target);
  return run(api, state, key, { fromQueue: false });
}

/**
 * Runs the `running` record `key` of `state` and records the outcome. A rate limit queues it
 * again; another failure is thrown, and when the action ran from the queue (nobody is waiting
 * for a reply) it stays in the record so the buttons can show it.
 * @param {Api} api
 * @param {State} state
 * @param {string} key
 * @param {{ fromQueue: boolean }} options
 */
async function run(api, state, key, { fromQueue }) {
  const record = /** @type {PendingAction} */ (state.pending[key]);
  try {
    const client = await api.client(state);
    const outcome = await client[record.action](record.target);
    const next = await update((s) => {
      const remember = (s.settings?.apiVersion ?? "auto") === "auto" && s.apiInUse !== outcome.via;
      return {
        set: {
          mutes: { ...s.mutes, [key]: { muted: outcome.muting, at: Date.now(), via: outcome.via } },
          pending: without(s.pending, key),
          ...(remember ? { apiInUse: outcome.via } : {}),
        },
      };
    });
    return userReply(next, record.target);
  } catch (error) {
    if (error instanceof Error && error.name === "RateLimited") {
      const resetAt = /** @type {{ resetAt?: number }} */ (error).resetAt;
      const attempts = (record.attempts ?? 0) + 1;
      const earliest = Date.now() + MIN_RETRY_MS * 2 ** Math.min(attempts - 1, 10);
      const runAt = Math.max(resetAt ? resetAt * 1000 + 1000 : Date.now() + DEFAULT_RETRY_MS, earliest);
      const queued = { ...record, status: "queued", runAt, attempts, worker: undefined };
      const next = await update((s) => ({ set: { pending: { ...s.pending, [key]: queued } } }));
      await scheduleQueue(next);
      return userReply(next, record.target);
    }
    await update((s) => ({
      set: {
        pending: fromQueue
          ? { ...s.pending, [key]: { ...record, status: "failed", error: toErrorJson(error), worker: undefined } }
          : without(s.pending, key),
      },
    }));
    throw error;
  }
}

/**
 * Runs every queued action that is due (the alarm's handler), then schedules the next.
 * @param {Api} api
 */
export async function runQueue(api) {
  const due = Object.entries((await read("pending")).pending ?? {})
    .filter(([, record]) => record.status === "queued" && record.runAt <= Date.now() + 1000)
    .map(([key]) => key);
  for (const key of due) {
    let claimed = false;
    const state = await update((s) => {
      const record = s.pending?.[key];
      if (record?.status !== "queued") return;
      claimed = true;
      return { set: { pending: { ...s.pending, [key]: { ...record, status: "running", worker: WORKER } } } };
    });
    // A failure is recorded for the buttons to show; nobody waits for this reply.
    if (claimed) await run(api, state, key, { fromQueue: true }).catch(() => {});
  }
  await scheduleQueue(await read());
}

/** Queues again the actions a previous worker was running when it ended. */
export async function recoverInterrupted() {
  const state = await update((s) => {
    const interrupted = Object.entries(s.pending ?? {}).filter(
      ([, record]) => record.status === "running" && record.worker !== WORKER,
    );
    if (interrupted.length === 0) return;
    const pending = { ...s.pending };
    for (const [key, record] of interrupted) {
      pending[key] = { ...record, status: "queued", runAt: Date.now(), worker: undefined };
    }
    return { set: { pending } };
  });
  await scheduleQueue(state);
}

/**
 * Sets the queue's alarm to the earliest queued action, or clears it.
 * @param {State} state
 */
async function scheduleQueue(state) {
  const times = Object.values(state.pending ?? {})
    .filter((record) => record.status === "queued")
    .map((record) => record.runAt);
  if (times.length === 0) {
    await chrome.alarms.clear(QUEUE_ALARM);
    return;
  }
  await chrome.alarms.create(QUEUE_ALARM, { when: Math.max(Math.min(...times), Date.now() + 500) });
}

/**
 * @param {Record<string, unknown> | undefined} object
 * @param {string} key
 */
function without(object, key) {
  const { [key]: _, ...rest } = object ?? {};
  return rest;
}
