// @ts-check
/**
 * The action queue. Every mute and unmute is an item in `chrome.storage.local` (`pending`, one
 * item per account) before anything is sent, and leaves it only when it is done, cancelled, or
 * failed and cleared; each end is written to the history. The background runs the queue: at
 * once after a click, and when its `chrome.alarms` alarm fires (timers die with the worker, the
 * alarm wakes a new one). The rules (retry, rate limits, intent) are in policy.js.
 *
 * An item being sent is marked `running` with this worker's id and the time it was sent. A worker
 * that finds a `running` item of another worker knows that worker ended mid-request: the request
 * may or may not have reached X. It waits until that request has surely ended (its timeout plus
 * a grace), then sends it again: mute and unmute are idempotent, and one more request costs
 * less than reading the mute list to find out (X bills each account that read returns).
 *
 * Money: X bills every successful call (shared/prices.js). Each action's billable answers are
 * added to the month's spend (`spend`, shared/spend.js) and its history entry; with a monthly
 * budget set, an action whose estimated cost would take the month past it is held, unsent,
 * until the budget is raised, the user sends it anyway, or the month ends.
 */
import { namedError, toErrorJson } from "../shared/errors.js";
import { historyEntry, withEntries } from "./history.js";
import {
  MAX_ATTEMPTS, WINDOW_LIMIT, accountOf, backoffMs, classify, decideIntent, inWindow, mayHaveLanded,
  rateLimitedUntil, windowFreesAt,
} from "../shared/policy.js";
import { PRICES, costOf } from "../shared/prices.js";
import { monthSpend, nextMonthStart, withUsage, withinBudget } from "../shared/spend.js";
import { nameKey } from "../shared/ids.js";
import { read, update, userKey, userReply } from "./store.js";

export const QUEUE_ALARM = "xmute-queue";

/** Identifies this worker's lifetime; a `running` item of another one was interrupted. */
const WORKER = crypto.randomUUID();
/** The XClient's request timeout, unless tests set a shorter one. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Added to the timeout before an interrupted request is presumed ended. */
const INTERRUPT_GRACE_MS = 5_000;
/** An item this close to its time is due (alarms fire a little early or late). */
const DUE_SLACK_MS = 1_000;

/**
 * @typedef {import("../shared/policy.js").Action} Action
 * @typedef {import("./store.js").State} State
 * @typedef {import("./store.js").Target} Target
 * @typedef {import("../shared/errors.js").ErrorJson} ErrorJson
 * @typedef {"new" | "rate-limit" | "window" | "retry" | "paused" | "interrupted" | "budget"} Reason
 * @typedef {object} QueueItem
 * @property {string} id
 * @property {Action} action
 * @property {Target} target          the user id and, when known, the screen name
 * @property {"queued" | "running" | "failed"} status
 * @property {Reason} [reason]        why a queued item waits
 * @property {number} since           when it was clicked
 * @property {number} runAt           the next attempt's time
 * @property {number} attempts        requests sent for it
 * @property {number} failures        of those, failed ones that are retried (at most MAX_ATTEMPTS)
 * @property {number} rateLimits      429s in a row
 * @property {boolean} [landed]       an earlier request may have changed X's state
 * @property {boolean} [overBudget]   the user sent it although it goes past the monthly budget
 * @property {Action} [then]          an opposite click that came while it was being sent
 * @property {ErrorJson} [error]      the last failure
 * @property {string} [worker]        the worker sending it
 * @property {number} [sentAt]        when it was last sent
 *
 * @typedef {{ muting: boolean, via: "2" | "1.1", rateLimit?: { limit?: number, remaining?: number,
 *             reset?: number } }} Outcome
 * @typedef {{ mute(t: Target): Promise<Outcome>, unmute(t: Target): Promise<Outcome>,
 *             takeUsage?(): import("../shared/prices.js").Usage, apiVersionInUse?: string }} QueueClient
 * @typedef {{ client(state: State): Promise<QueueClient> }} Api
 */

// ---- time, limits and pause, from the stored state ------------------------------------------

/**
 * The queue's clock. `testing.clockShiftMs` (set only by the e2e suite, see README) moves it
 * forward so that scenarios need not wait for back-off delays and rate-limit windows.
 * @param {State} state
 */
export function nowOf(state) {
  return Date.now() + shiftOf(state);
}

/** @param {State} state */
function shiftOf(state) {
  const shift = Number(state.testing?.clockShiftMs);
  return Number.isFinite(shift) ? shift : 0;
}

/** X's limit per window; `testing.windowLimit` may only lower it. @param {State} state */
function limitOf(state) {
  const limit = state.testing?.windowLimit;
  return Number.isInteger(limit) && limit > 0 && limit < WINDOW_LIMIT ? limit : WINDOW_LIMIT;
}

/** The XClient's timeout; `testing.timeoutMs` may only shorten it. @param {State} state */
export function timeoutOf(state) {
  const ms = state.testing?.timeoutMs;
  return Number.isInteger(ms) && ms >= 100 && ms < DEFAULT_TIMEOUT_MS ? ms : DEFAULT_TIMEOUT_MS;
}

/**
 * The pause after a 401, while the credentials are the ones X refused; null otherwise.
 * @param {State} state
 * @returns {{ error: ErrorJson, savedAt?: number, at: number } | null}
 */
export function pausedBy(state) {
  const paused = state.queueState?.paused;
  return paused && paused.savedAt === state.credentials?.savedAt ? paused : null;
}

/**
 * The sent-request log for the signed-in account.
 * @param {State} state
 * @returns {{ account: string | null, mute: number[], unmute: number[] }}
 */
function sentLog(state) {
  const account = accountOf(state.credentials);
  const sent = state.queueState?.sent;
  return sent?.account === account ? sent : { account, mute: [], unmute: [] };
}

/**
 * Why an action must wait before being sent, or null.
 * @param {State} state
 * @param {Action} action
 * @param {number} now
 * @returns {{ until: number, reason: Reason } | null}
 */
function gate(state, action, now) {
  const blocked = state.queueState?.blocked?.[action];
  if (typeof blocked === "number" && blocked > now) return { until: blocked, reason: "rate-limit" };
  const frees = windowFreesAt(sentLog(state)[action], now, limitOf(state));
  return frees === null ? null : { until: frees + 1000 + Math.round(Math.random() * 2000), reason: "window" };
}

/**
 * @param {Action} action
 * @param {Target} target
 * @param {number} now
 * @param {State} state
 * @param {Partial<QueueItem>} [extra]
 * @returns {QueueItem}
 */
function newItem(action, target, now, state, extra = {}) {
  const paused = pausedBy(state);
  return {
    id: crypto.randomUUID(),
    action,
    target,
    status: "queued",
    reason: paused ? "paused" : "new",
    since: now,
    runAt: now,
    attempts: 0,
    failures: 0,
    rateLimits: 0,
    ...(paused ? { error: paused.error } : {}),
    ...extra,
  };
}

/** @param {Action} action */
const opposite = (action) => (action === "mute" ? "unmute" : "mute");

/** @param {Action} action */
const verbOf = (action) => (action === "mute" ? "a mute" : "an unmute");

/**
 * What the wasm client gets: the user id when known (from the click, or learned for its @handle
 * on a surface that shows both: no lookup to pay for), else the screen name.
 * @param {Target} target
 * @param {State} state
 */
function clientTarget(target, state) {
  const userId = target.userId ?? state.names?.[nameKey(String(target.screenName))];
  return userId ? { userId } : { screenName: /** @type {string} */ (target.screenName) };
}

/**
 * What sending `item` is expected to cost: the action, and a user lookup when only the handle
 * is known. Nothing on v1.1, which X does not price.
 * @param {QueueItem} item
 * @param {State} state
 */
export function estimatedCost(item, state) {
  const choice = state.settings?.apiVersion ?? "auto";
  if (choice === "1.1" || (choice === "auto" && state.apiInUse === "1.1")) return 0;
  const lookup = clientTarget(item.target, state).userId ? 0 : PRICES.userRead;
  return (item.action === "mute" ? PRICES.mute : PRICES.unmute) + lookup;
}

/**
 * The hold for an item over the monthly budget: why it waits, shown on its button and the
 * options page, with the figures.
 * @param {State} state
 * @param {number} cost
 * @param {number} now
 * @returns {ErrorJson}
 */
function overBudget(state, cost, now) {
  return {
    name: "OverBudget",
    message: "Held: this would take XMute's spending this month past your budget.",
    budget: state.settings?.monthlyBudget,
    spent: monthSpend(state.spend, now).micros,
    cost,
  };
}

// ---- clicks and the options page's commands ---------------------------------------------------

/**
 * A click: queues `action` for `target` (or coalesces it with what is queued), runs it at once
 * when nothing holds it back, and resolves to what the button should show.
 * @param {Api} api
 * @param {Action} action
 * @param {Target} target
 */
export async function enqueue(api, action, target) {
  await started;
  const key = userKey(target);
  const seen = { signedOut: false, run: false };
  await update((s) => {
    if (!s.credentials?.token) {
      seen.signedOut = true;
      return;
    }
    const now = nowOf(s);
    /** @type {QueueItem | undefined} */
    const existing = s.pending?.[key];
    const decision = decideIntent(existing, action);
    const pending = { ...s.pending };
    /** @type {import("./history.js").HistoryEntry[]} */
    const ended = [];
    if (decision === "keep" || !existing && decision !== "add") return;
    if (decision === "add") pending[key] = newItem(action, target, now, s);
    else if (existing && decision === "follow") {
      pending[key] = { ...existing, then: action === existing.action ? undefined : action };
    } else if (existing && decision === "cancel") {
      delete pending[key];
      ended.push(historyEntry(existing, "cancelled", { at: now, note: `Cancelled by ${verbOf(action)} before it was sent.` }));
    } else if (existing && decision === "replace") {
      if (existing.status !== "failed") {
        ended.push(historyEntry(existing, "cancelled", { at: now, note: `Replaced by ${verbOf(action)}.` }));
      }
      pending[key] = newItem(action, { ...existing.target, ...target }, now, s, { landed: existing.landed });
    }
    seen.run = decision === "add" || decision === "replace";
    return { set: { pending, ...(ended.length ? { history: withEntries(s.history, ended) } : {}) } };
  });
  if (seen.signedOut) throw namedError("NotSignedIn", "Add your API keys in XMute's options.");
  if (seen.run) await runOne(api, key);
  else await schedule();
  return userReply(await read(), target);
}

/**
 * Options page: runs a failed item again, from a fresh count of attempts.
 * @param {Api} api
 * @param {string} key
 */
export async function retry(api, key) {
  await started;
  let found = false;
  await update((s) => {
    /** @type {QueueItem | undefined} */
    const item = s.pending?.[key];
    if (item?.status !== "failed") return;
    found = true;
    return { set: { pending: { ...s.pending, [key]: newItem(item.action, item.target, nowOf(s), s, { landed: item.landed }) } } };
  });
  if (!found) throw namedError("NotQueued", "That action is no longer failed; the list was out of date.");
  await runOne(api, key);
  return {};
}

/**
 * Options page: removes a queued (not running) item; the history says it was cancelled.
 * @param {string} key
 */
export async function cancel(key) {
  await started;
  let found = false;
  await update((s) => {
    /** @type {QueueItem | undefined} */
    const item = s.pending?.[key];
    if (item?.status !== "queued") return;
    found = true;
    const pending = { ...s.pending };
    delete pending[key];
    const entry = historyEntry(item, "cancelled", { at: nowOf(s), note: "Cancelled on the options page." });
    return { set: { pending, history: withEntries(s.history, [entry]) } };
  });
  if (!found) throw namedError("NotQueued", "That action is not waiting any more; the list was out of date.");
  await schedule();
  return {};
}

/** Options page: removes every failed item (their failures are in the history). */
export async function clearFailed() {
  await started;
  let cleared = 0;
  await update((s) => {
    const entries = Object.entries(s.pending ?? {});
    const kept = entries.filter(([, item]) => item.status !== "failed");
    cleared = entries.length - kept.length;
    if (cleared) return { set: { pending: Object.fromEntries(kept) } };
  });
  return { cleared };
}

/**
 * Options page: the monthly budget, in micro-dollars (null: none). Actions held for the budget
 * are looked at again at once: those it now allows are sent.
 * @param {Api} api
 * @param {number | null} budget
 */
export async function setBudget(api, budget) {
  await started;
  await update((s) => {
    const now = nowOf(s);
    /** @type {Record<string, QueueItem>} */
    const pending = {};
    for (const [key, item] of Object.entries(/** @type {Record<string, QueueItem>} */ (s.pending ?? {}))) {
      pending[key] = item.status === "queued" && item.reason === "budget" ? { ...item, reason: "new", runAt: now, error: undefined } : item;
    }
    const { monthlyBudget: _, ...settings } = s.settings ?? {};
    return { set: { settings: budget === null ? settings : { ...settings, monthlyBudget: budget }, pending } };
  });
  await runQueue(api);
  return { budget };
}

/**
 * Options page: sends an action held for the budget anyway (the user's click on it says so).
 * @param {Api} api
 * @param {string} key
 */
export async function sendAnyway(api, key) {
  await started;
  let found = false;
  await update((s) => {
    /** @type {QueueItem | undefined} */
    const item = s.pending?.[key];
    if (item?.status !== "queued" || item.reason !== "budget") return;
    found = true;
    const released = { ...item, reason: "new", runAt: nowOf(s), error: undefined, overBudget: true };
    return { set: { pending: { ...s.pending, [key]: released } } };
  });
  if (!found) throw namedError("NotQueued", "That action is not held for the budget any more; the list was out of date.");
  await runOne(api, key);
  return {};
}

/**
 * Lifts a pause: by itself when the credentials change (`force` false), or when the user asks
 * (options page, `force` true). Paused items become due now.
 * @param {Api} api
 * @param {{ force?: boolean }} [options]
 */
export async function resume(api, { force = false } = {}) {
  await started;
  await update((s) => {
    const paused = s.queueState?.paused;
    if (!paused || (!force && pausedBy(s))) return;
    const now = nowOf(s);
    /** @type {Record<string, QueueItem>} */
    const pending = {};
    for (const [key, item] of Object.entries(/** @type {Record<string, QueueItem>} */ (s.pending ?? {}))) {
      pending[key] = item.status === "queued" && item.reason === "paused"
        ? { ...item, reason: "new", runAt: now, error: undefined }
        : item;
    }
    const { paused: _, ...queueState } = s.queueState;
    return { set: { pending, queueState } };
  });
  await runQueue(api);
  return {};
}

/**
 * What a new sign-in does to the queue (signin.js calls it when the access token changes). The
 * same account keeps its queue and mute records; another account starts afresh, and the actions
 * queued for the previous one are cancelled, each with a history entry.
 * @param {State} s
 * @param {{ userId?: string, token?: string }} credentials  the new ones
 * @returns {State}  what to set
 */
export function signInChange(s, credentials) {
  const before = accountOf(s.credentials);
  if (before && before === accountOf(credentials)) return {};
  const at = nowOf(s);
  const entries = Object.values(/** @type {Record<string, QueueItem>} */ (s.pending ?? {}))
    .filter((item) => item.status !== "failed")
    .map((item) => historyEntry(item, "cancelled", { at, note: "Cancelled: you signed in as another account." }));
  return { mutes: {}, pending: {}, queueState: {}, history: withEntries(s.history, entries) };
}

// ---- running ----------------------------------------------------------------------------------

/**
 * Claims item `key` if it is due and may be sent now: marks it running (an in-flight record) and
 * logs the request against the rate-limit window, in one change. A paused or held item gets its
 * reason and time instead.
 * @param {string} key
 * @returns {Promise<{ item: QueueItem, state: State } | null>}
 */
async function claim(key) {
  /** @type {QueueItem | null} */
  let claimed = null;
  const state = await update((s) => {
    /** @type {QueueItem | undefined} */
    const item = s.pending?.[key];
    const now = nowOf(s);
    if (item?.status !== "queued" || item.runAt > now + DUE_SLACK_MS) return;
    const paused = pausedBy(s);
    if (paused) {
      if (item.reason === "paused") return;
      return { set: { pending: { ...s.pending, [key]: { ...item, reason: "paused", error: paused.error } } } };
    }
    const cost = estimatedCost(item, s);
    if (!item.overBudget && !withinBudget(s.spend, s.settings?.monthlyBudget, cost, now)) {
      const held = { ...item, reason: "budget", runAt: nextMonthStart(now), error: overBudget(s, cost, now) };
      return { set: { pending: { ...s.pending, [key]: held } } };
    }
    const held = gate(s, item.action, now);
    if (held) return { set: { pending: { ...s.pending, [key]: { ...item, runAt: held.until, reason: held.reason } } } };
    const log = sentLog(s);
    const sent = { ...log, [item.action]: [...inWindow(log[item.action], now), now] };
    claimed = { ...item, status: "running", reason: undefined, worker: WORKER, sentAt: now, attempts: item.attempts + 1 };
    return { set: { pending: { ...s.pending, [key]: claimed }, queueState: { ...s.queueState, sent } } };
  });
  return claimed ? { item: claimed, state } : null;
}

/**
 * Runs item `key` now if it can be; otherwise it keeps waiting for the alarm.
 * @param {Api} api
 * @param {string} key
 */
async function runOne(api, key) {
  const claimed = await claim(key);
  if (claimed) await execute(api, claimed.item, claimed.state);
  await schedule();
}

/**
 * Sends a claimed item and records how it ended.
 * @param {Api} api
 * @param {QueueItem} item
 * @param {State} state
 */
async function execute(api, item, state) {
  /** @type {QueueClient | undefined} */
  let client;
  let followUp = false;
  try {
    client = await api.client(state);
    const outcome = await client[item.action](clientTarget(item.target, state));
    const usage = client.takeUsage?.();
    followUp = await succeed(item, { muted: outcome.muting, via: outcome.via, rateLimit: outcome.rateLimit, usage });
  } catch (thrown) {
    const error = toErrorJson(thrown);
    const usage = client?.takeUsage?.();
    if (item.action === "unmute" && error.name === "CannotMute" && error.code === 272) {
      // v1.1's "you are not muting this user": the state wanted is already X's.
      followUp = await succeed(item, { muted: false, via: "1.1", note: "X had no mute to remove.", usage });
    } else {
      followUp = await fail(item, error, client?.apiVersionInUse, usage);
    }
  } finally {
    if (followUp) await runOne(api, userKey(item.target));
  }
}

/**
 * Records a success: the mute state, the history, what it cost, a rate limit X announced, the
 * API generation used; an opposite click that came meanwhile becomes the next item. Resolves to
 * whether it did.
 * @param {QueueItem} item
 * @param {{ muted: boolean, via?: "2" | "1.1", note?: string, rateLimit?: Outcome["rateLimit"],
 *           usage?: import("../shared/prices.js").Usage }} result
 */
async function succeed(item, { muted, via, note, rateLimit, usage }) {
  const key = userKey(item.target);
  let followUp = false;
  await update((s) => {
    const now = nowOf(s);
    /** @type {QueueItem | undefined} */
    const current = s.pending?.[key];
    const entry = historyEntry(item, "done", { at: now, via, note, cost: costOf(usage) });
    const spend = withUsage(s.spend, usage, now);
    // Replaced meanwhile (another account signed in): only the history and the spend learn of it.
    if (current?.id !== item.id) return { set: { history: withEntries(s.history, [entry]), spend } };
    const pending = { ...s.pending };
    delete pending[key];
    const wanted = current.then;
    if (wanted && wanted !== (muted ? "mute" : "unmute")) {
      pending[key] = newItem(wanted, current.target, now, s);
      followUp = true;
    }
    /** @type {State} */
    const set = {
      pending,
      mutes: { ...s.mutes, [key]: { muted, at: now, ...(via ? { via } : {}) } },
      history: withEntries(s.history, [entry]),
      spend,
    };
    if (rateLimit?.remaining === 0 && typeof rateLimit.reset === "number") {
      const until = rateLimitedUntil({ resetAt: rateLimit.reset }, now, 1, Math.random());
      set.queueState = { ...s.queueState, blocked: { ...s.queueState?.blocked, [item.action]: until } };
    }
    if (via && (s.settings?.apiVersion ?? "auto") === "auto" && s.apiInUse !== via) set.apiInUse = via;
    return { set };
  });
  return followUp;
}

/**
 * Records a failure by its kind (policy.js): wait for the rate-limit reset, pause the queue,
 * retry after a back-off, or fail with X's reason. An opposite click that came meanwhile
 * replaces the item. What was billed on the way (a lookup before a refused mute) is counted.
 * Resolves to whether a follow-up item is due now.
 * @param {QueueItem} item
 * @param {ErrorJson} error
 * @param {string} [apiInUse]
 * @param {import("../shared/prices.js").Usage} [usage]
 */
async function fail(item, error, apiInUse, usage) {
  const key = userKey(item.target);
  const kind = classify(error);
  const cost = costOf(usage);
  let followUp = false;
  await update((s) => {
    const now = nowOf(s);
    const spend = withUsage(s.spend, usage, now);
    /** @type {QueueItem | undefined} */
    const current = s.pending?.[key];
    if (current?.id !== item.id) return cost ? { set: { spend } } : undefined;
    const pending = { ...s.pending };
    /** @type {State} */
    const set = { pending, ...(cost ? { spend } : {}) };
    /** @type {import("./history.js").HistoryEntry[]} */
    const ended = [];
    const landed = Boolean(current.landed) || mayHaveLanded(error);
    const base = { ...current, worker: undefined, then: undefined, error, landed };

    if (kind === "pause") {
      const paused = { error, savedAt: s.credentials?.savedAt, at: now };
      set.queueState = { ...s.queueState, paused };
      for (const [other, queued] of Object.entries(pending)) {
        if (queued.status === "queued") pending[other] = { ...queued, reason: "paused", error };
      }
    }

    if (current.then && current.then !== item.action) {
      // The last intent wins: the opposite click replaces this one, and is sent even if this one
      // never reached X (mute and unmute are idempotent).
      ended.push(historyEntry(item, "cancelled", { at: now, via: apiInUse, note: `Replaced by ${verbOf(current.then)}.`, error, cost }));
      const paused = kind === "pause" ? { ...s, queueState: set.queueState } : s;
      pending[key] = newItem(current.then, current.target, now, paused, { landed });
      followUp = kind !== "pause";
    } else if (kind === "rate") {
      const rateLimits = (current.rateLimits ?? 0) + 1;
      const until = rateLimitedUntil(error, now, rateLimits, Math.random());
      pending[key] = { ...base, status: "queued", reason: "rate-limit", runAt: until, rateLimits };
      set.queueState = { ...s.queueState, ...set.queueState, blocked: { ...s.queueState?.blocked, [item.action]: until } };
    } else if (kind === "pause") {
      pending[key] = { ...base, status: "queued", reason: "paused", runAt: now };
    } else {
      const failures = (current.failures ?? 0) + (kind === "retry" ? 1 : 0);
      if (kind === "retry" && failures < MAX_ATTEMPTS) {
        pending[key] = { ...base, status: "queued", reason: "retry", failures, rateLimits: 0, runAt: now + backoffMs(failures, Math.random()) };
      } else {
        pending[key] = { ...base, status: "failed", failures, reason: undefined };
        const note = kind === "retry" ? `Gave up after ${current.attempts} tries.` : undefined;
        ended.push(historyEntry(item, "failed", { at: now, via: apiInUse, note, error, cost }));
      }
    }
    if (ended.length) set.history = withEntries(s.history, ended);
    return { set };
  });
  return followUp;
}

/**
 * Runs every queued item that is due (the alarm's handler, and after a pause is lifted), one
 * at a time, then sets the alarm for the next.
 * @param {Api} api
 */
export async function runQueue(api) {
  await started;
  const state = await read();
  const now = nowOf(state);
  const due = Object.entries(/** @type {Record<string, QueueItem>} */ (state.pending ?? {}))
    .filter(([, item]) => item.status === "queued" && item.runAt <= now + DUE_SLACK_MS)
    .sort(([, a], [, b]) => a.runAt - b.runAt)
    .map(([key]) => key);
  for (const key of due) {
    const claimed = await claim(key);
    if (claimed) await execute(api, claimed.item, claimed.state);
  }
  await schedule();
}

/** Sets the alarm to the earliest item that waits (none while paused), or clears it. */
export async function schedule() {
  const state = await read();
  const times = pausedBy(state) ? [] : Object.values(/** @type {Record<string, QueueItem>} */ (state.pending ?? {}))
    .filter((item) => item.status === "queued")
    .map((item) => item.runAt);
  if (times.length === 0) {
    await chrome.alarms.clear(QUEUE_ALARM);
    return;
  }
  await chrome.alarms.create(QUEUE_ALARM, { when: Math.max(Math.min(...times) - shiftOf(state), Date.now() + 500) });
}

/**
 * At the worker's start: items another worker was sending were interrupted. They wait until
 * their request has surely ended, then are checked with X before being sent again. Also
 * republishes the buttons' view (a browser restart empties `storage.session`).
 */
async function recover() {
  const { view } = await chrome.storage.session.get("view").catch(() => ({ view: undefined }));
  await update((s) => {
    const now = nowOf(s);
    /** @type {Record<string, QueueItem>} */
    const pending = { ...s.pending };
    let interrupted = false;
    for (const [key, item] of Object.entries(pending)) {
      if (item.status !== "running" || item.worker === WORKER) continue;
      interrupted = true;
      pending[key] = {
        ...item,
        status: "queued",
        reason: "interrupted",
        worker: undefined,
        landed: true,
        runAt: Math.max(now, (item.sentAt ?? now) + timeoutOf(s) + INTERRUPT_GRACE_MS),
      };
    }
    if (interrupted || view === undefined) return { set: { pending } };
  });
  await schedule();
}

/** Resolves when this worker has recovered the queue; every entry point waits for it. */
let started = Promise.resolve();

/** Starts the queue in a new worker (background.js calls it once, at the top level). */
export function start() {
  started = recover().catch((error) => console.warn(`XMute could not recover its queue: ${error?.message ?? error}`));
  return started;
}
