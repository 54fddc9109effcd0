// @ts-check
/**
 * The action queue. Every mute and unmute is an item in `chrome.storage.local` (`q:<acct>:<key>`,
 * one per account XMute acts for and person) before anything is sent, and leaves it only when it
 * is done, cancelled, or failed and cleared; each end is written to the history. The background
 * runs the queue: at once after a click, and when its `chrome.alarms` alarm fires (timers die with
 * the worker, the alarm wakes a new one). The rules (retry, rate limits, intent) are in
 * shared/policy.js.
 *
 * Two small indexes find the items without reading every key: `active:` lists the items a
 * worker is handling now (just clicked, or being sent), `queue:` the items waiting for a later
 * time (with that time) and the failed ones. A click that goes straight through touches only the
 * first, so its cost does not grow with what waits.
 *
 * An item being sent is marked `running` with this worker's id and the time it was sent. A worker
 * that finds a `running` item of another worker knows that worker ended mid-request: the request
 * may or may not have reached X. It waits until that request has surely ended (its timeout plus
 * a grace), then sends it again: mute and unmute are idempotent, and one more request costs
 * less than reading the mute list to find out (X bills each account that read returns).
 *
 * Money: X bills every successful call (shared/prices.js). Each action's billable answers are
 * added to the month's spend (`spend:`, shared/spend.js) and its history entry; with a monthly
 * budget set, an action whose estimated cost would take the month past it is held, unsent,
 * until the budget is raised, the user sends it anyway, or the month ends.
 *
 * Timed mutes: a mute clicked with a length (`forMs`) leaves, when it succeeds, an unmute
 * waiting in its place until the mute's end (`timed`, reason "timed"): the alarm and a browser
 * start run it like any waiting item, late if the browser was closed or X out of reach then,
 * and the budget applies to it. It unmutes only if the mute it ends is still the one on record
 * (shared/timed.js timedGuard); an Unmute click before then replaces it, a Mute click cancels it.
 *
 * Many actions queued at once (the manager page's batches, background/batch.js) are written with
 * the same helpers (newItem, place, record), in one change, and run as clicks do.
 */
import { t } from "../shared/i18n.js";
import { namedError, toErrorJson } from "../shared/errors.js";
import { nameKey } from "../shared/ids.js";
import { keys } from "../shared/keys.js";
import {
  MAX_ATTEMPTS, WINDOW_LIMIT, backoffMs, classify, decideIntent, inWindow, mayHaveLanded, rateLimitedUntil,
  windowFreesAt,
} from "../shared/policy.js";
import { PRICES, costOf } from "../shared/prices.js";
import { appSpend, nextMonthStart, withUsage, withinBudget } from "../shared/spend.js";
import { appendHistory, historyEntry } from "../shared/history.js";
import { LATE_AFTER_MS, timedGuard } from "../shared/timed.js";
import { accountList, credentialsOf } from "../shared/accounts.js";
import { accountOf, read, transact, userKey, userReply } from "./store.js";

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
 * @typedef {import("./store.js").Change} Change
 * @typedef {import("../shared/errors.js").ErrorJson} ErrorJson
 * @typedef {import("../shared/prices.js").Usage} Usage
 * @typedef {import("../shared/history.js").HistoryEntry} HistoryEntry
 * @typedef {"new" | "rate-limit" | "window" | "retry" | "paused" | "interrupted" | "budget" | "timed"} Reason
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
 * @property {number} [forMs]         a mute's length: on success an unmute waits for its end
 * @property {number} [thenForMs]     the length of a mute clicked while this item was being sent
 * @property {{ until: number, mutedAt: number }} [timed]  an unmute ending a timed mute: its time,
 *                                    and the mute record's time it expects (the guard)
 * @property {string} [batch]         the batch it was queued with (background/batch.js)
 * @property {number} [until]         a mute that ends at this time (an imported timed mute): on
 *                                    success an unmute waits for it; past it, the mute is not sent
 *
 * @typedef {{ muting: boolean, via: "2" | "1.1", targetId?: string, rateLimit?: { limit?: number,
 *             remaining?: number, reset?: number } }} Outcome
 * @typedef {{ mute(t: Target): Promise<Outcome>, unmute(t: Target): Promise<Outcome>,
 *             takeUsage?(): Usage, apiVersionInUse?: string, state?: object }} QueueClient
 * @typedef {{ client(state: State): Promise<QueueClient>, learned?(client: QueueClient): Promise<void> }} Api
 */

/** The keys every queue change reads: who is signed in, the settings and the test hooks. */
const BASE = ["credentials", "accounts", "settings", "testing", "client"];

/**
 * The signed-in accounts this worker last read. The monthly budget counts every account's spend
 * together (X bills the app, whoever it acts for), so a change reads each one's `spend:`.
 * @type {string[]}
 */
let knownAccounts = [];

/** What a change to `acct`'s item `key` reads. @param {string} acct @param {string} key */
export function itemKeys(acct, key) {
  return [...BASE, keys.item(acct, key), keys.active(acct), keys.waiting(acct), keys.paused(acct),
    keys.historyHead(acct), ...new Set([acct, ...knownAccounts].map(keys.spend))];
}

/** The `spend:` records of every account read into `state` (itemKeys reads them). @param {State} state */
function spendsIn(state) {
  return Object.keys(state).filter((key) => key.startsWith(keys.spend(""))).map((key) => state[key]);
}

// ---- time, limits and pause, from the stored state ------------------------------------------

/**
 * The queue's clock. `testing.clockShiftMs` (set only by the e2e suite, see docs/testing.md)
 * moves it forward so that scenarios need not wait for back-off delays and rate-limit windows.
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
 * The pause of `acct`'s queue (a 401, no credits, a usage cap) while the credentials are the
 * ones it happened with; null otherwise.
 * @param {State} state  with `credentials`, `accounts` and `paused:<acct>`
 * @param {string} acct
 * @returns {{ error: ErrorJson, savedAt?: number, at: number } | null}
 */
export function pausedBy(state, acct) {
  const paused = state[keys.paused(acct)];
  return paused && paused.savedAt === credentialsOf(state, acct)?.savedAt ? paused : null;
}

/**
 * Why an action must wait before being sent, or null.
 * @param {State} state  with `blocked:` and `sent:` of `acct`
 * @param {string} acct
 * @param {Action} action
 * @param {number} now
 * @returns {{ until: number, reason: Reason } | null}
 */
function gate(state, acct, action, now) {
  const blocked = state[keys.blocked(acct)]?.[action];
  if (typeof blocked === "number" && blocked > now) return { until: blocked, reason: "rate-limit" };
  const frees = windowFreesAt(state[keys.sent(acct)]?.[action], now, limitOf(state));
  return frees === null ? null : { until: frees + 1000 + Math.round(Math.random() * 2000), reason: "window" };
}

/**
 * @param {Action} action
 * @param {Target} target
 * @param {number} now
 * @param {{ error: ErrorJson } | null} paused
 * @param {Partial<QueueItem>} [extra]
 * @returns {QueueItem}
 */
export function newItem(action, target, now, paused, extra = {}) {
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

/**
 * Puts `item` (or its absence) under `key` in `change`, and keeps the two indexes in step: an
 * item just clicked or being sent is `active`; one waiting for a later time, or failed, is in
 * `queue` (with its time; 0 when failed). An index is written only when it changes.
 * @param {State} s  as read
 * @param {string} acct
 * @param {string} key
 * @param {QueueItem | undefined} item
 * @param {{ set: State, remove: string[] }} change
 */
export function place(s, acct, key, item, change) {
  if (!item) {
    change.remove.push(keys.item(acct, key));
    delete change.set[keys.item(acct, key)];
  } else {
    change.set[keys.item(acct, key)] = item;
  }
  const isActive = Boolean(item && (item.status === "running" || (item.status === "queued" && item.reason === "new")));
  setIndex(s, keys.active(acct), key, item && isActive ? item.since : undefined, change);
  setIndex(s, keys.waiting(acct), key, item && !isActive ? (item.status === "failed" ? 0 : item.runAt) : undefined, change);
}

/**
 * Puts `key` in the index `indexKey` with `value` (undefined: takes it out). The index is copied
 * once a change and written only when an entry changes, so that a change placing thousands of
 * items (a batch, a pause) costs no more than the items.
 * @param {State} s  as read
 * @param {string} indexKey
 * @param {string} key
 * @param {number | undefined} value
 * @param {{ set: State, remove: string[] }} change
 */
function setIndex(s, indexKey, key, value, change) {
  /** @type {Record<string, number>} */
  const stored = s[indexKey] ?? {};
  if ((change.set[indexKey] ?? stored)[key] === value) return;
  /** @type {Record<string, number>} */
  const index = change.set[indexKey] ?? { ...stored };
  if (value === undefined) delete index[key];
  else index[key] = value;
  change.set[indexKey] = index;
}

/** @returns {{ set: State, remove: string[] }} */
export const emptyChange = () => ({ set: {}, remove: [] });

/**
 * Adds history entries to `change` (the head must have been read into `s`).
 * @param {State} s
 * @param {string} acct
 * @param {HistoryEntry[]} entries
 * @param {{ set: State }} change
 */
export function record(s, acct, entries, change) {
  const head = change.set[keys.historyHead(acct)] ?? s[keys.historyHead(acct)];
  Object.assign(change.set, appendHistory(acct, head, entries));
}

/** The user id to send for `target`: its own, or the one learned for its handle. @param {Target} target @param {State} s */
function knownId(target, s) {
  return target.userId ?? (target.screenName ? s[keys.name(nameKey(target.screenName))] : undefined);
}

/**
 * What the wasm client gets: the user id when known (from the click, or learned for its
 * @handle: no lookup to pay for), else the screen name.
 * @param {Target} target
 * @param {State} state
 */
function clientTarget(target, state) {
  const userId = knownId(target, state);
  return userId ? { userId } : { screenName: /** @type {string} */ (target.screenName) };
}

/**
 * What sending `item` is expected to cost: the action, and a user lookup when only the handle
 * is known. Nothing on v1.1, which X does not price.
 * @param {QueueItem} item
 * @param {State} state  with `settings`, `client` and the item's `n:` key
 */
export function estimatedCost(item, state) {
  const choice = state.settings?.apiVersion ?? "auto";
  if (choice === "1.1" || (choice === "auto" && state.client?.state?.apiVersion === "1.1")) return 0;
  const lookup = clientTarget(item.target, state).userId ? 0 : PRICES.userRead;
  return (item.action === "mute" ? PRICES.mute : PRICES.unmute) + lookup;
}

/**
 * The hold for an item over the monthly budget: why it waits, shown on its button and the
 * options page, with the figures (what every account spent this month).
 * @param {State} state
 * @param {number} cost
 * @param {number} now
 * @returns {ErrorJson}
 */
function overBudget(state, cost, now) {
  return {
    name: "OverBudget",
    message: t("errorOverBudgetNoAmount"),
    budget: state.settings?.monthlyBudget,
    spent: appSpend(spendsIn(state), now),
    cost,
  };
}

/** Every signed-in account's id, the first (`credentials`) first. */
async function signedInAccounts() {
  knownAccounts = accountList(await read(["credentials", "accounts"])).map((a) => a.acct);
  return knownAccounts;
}

/**
 * `requested` when it is signed in (the first account when none is named), or a NotSignedIn error.
 * @param {string} [requested]
 * @returns {Promise<string>}
 */
export async function signedInAccount(requested) {
  const all = await signedInAccounts();
  const acct = requested ?? all[0];
  if (!acct || !all.includes(acct)) throw namedError("NotSignedIn", t("errorNotSignedIn"));
  return acct;
}

// ---- clicks and the options page's commands ---------------------------------------------------

/**
 * A click: queues `action` for `target` (or coalesces it with what is queued), runs it at once
 * when nothing holds it back, and resolves to what the button should show. A handle whose id
 * XMute has learned is queued by that id. A mute's length (`forMs`, 0 for none) is the
 * click's, else the default of the options page (`settings.muteFor`).
 * @param {Api} api
 * @param {Action} action
 * @param {Target} clicked
 * @param {{ forMs?: number, as?: string }} [options]  `forMs`: a timed mute's length; `as`: the account
 *   to act as (the first when not named)
 */
export async function enqueue(api, action, clicked, options = {}) {
  await started;
  const acct = await signedInAccount(options.as);
  const learned = clicked.userId || !clicked.screenName
    ? undefined
    : (await read(keys.name(nameKey(clicked.screenName))))[keys.name(nameKey(clicked.screenName))];
  const target = learned ? { userId: learned, ...clicked } : clicked;
  const key = userKey(target);
  let run = false;
  /** @type {QueueItem | null} */
  let claimed = null;
  /** @type {State} */
  let read_ = {};
  await transact([...itemKeys(acct, key), ...claimKeys(acct, target)], (s) => {
    read_ = s;
    if (!credentialsOf(s, acct)) return;
    const now = nowOf(s);
    /** @type {QueueItem | undefined} */
    const existing = s[keys.item(acct, key)];
    // An Unmute click before a timed mute's end unmutes now: it replaces the waiting unmute.
    const early = action === "unmute" && existing?.timed && existing.status === "queued";
    const decision = early ? "replace" : decideIntent(existing, action);
    const change = emptyChange();
    /** @type {HistoryEntry[]} */
    const ended = [];
    const paused = pausedBy(s, acct);
    const forMs = action === "mute" ? options.forMs ?? s.settings?.muteFor ?? 0 : 0;
    const length = forMs > 0 ? { forMs } : {};
    if (decision === "keep" || (!existing && decision !== "add")) return;
    if (decision === "add") place(s, acct, key, newItem(action, target, now, paused, length), change);
    else if (existing && decision === "follow") {
      const then = action === existing.action ? undefined : action;
      place(s, acct, key, { ...existing, then, thenForMs: then === "mute" && forMs > 0 ? forMs : undefined }, change);
    } else if (existing && decision === "cancel") {
      place(s, acct, key, undefined, change);
      ended.push(historyEntry(existing, "cancelled", { at: now, note: existing.timed ? "timed-kept" : `cancelled-by-${action}` }));
    } else if (existing && decision === "replace") {
      if (existing.status !== "failed") {
        ended.push(historyEntry(existing, "cancelled", { at: now, note: early ? "timed-unmuted-early" : `replaced-by-${action}` }));
      }
      place(s, acct, key, newItem(action, { ...existing.target, ...target }, now, paused, { landed: existing.landed, ...length }), change);
    }
    record(s, acct, ended, change);
    run = decision === "add" || decision === "replace";
    // Sent at once when nothing holds it back: claimed in the same change (one write).
    const added = change.set[keys.item(acct, key)];
    if (run && added) claimed = claimIn(s, acct, key, added, change, now);
    return change;
  });
  if (claimed) await execute(api, acct, claimed, read_);
  await schedule();
  return userReply(acct, target);
}

/**
 * Options page: runs a failed item again, from a fresh count of attempts.
 * @param {Api} api
 * @param {string} key
 * @param {string} [as]  the account whose queue it is (the first when not named)
 */
export async function retry(api, key, as) {
  await started;
  const acct = await signedInAccount(as);
  let found = false;
  await transact(itemKeys(acct, key), (s) => {
    /** @type {QueueItem | undefined} */
    const item = s[keys.item(acct, key)];
    if (item?.status !== "failed") return;
    found = true;
    const change = emptyChange();
    // What the item is keeps: a timed unmute's guard, a timed mute's length or end, its batch
    // (absent ones vanish when stored, as JSON).
    const kept = { landed: item.landed, timed: item.timed, forMs: item.forMs, until: item.until, batch: item.batch };
    place(s, acct, key, newItem(item.action, item.target, nowOf(s), pausedBy(s, acct), kept), change);
    return change;
  });
  if (!found) throw namedError("NotQueued", t("notQueuedFailed"));
  await runOne(api, acct, key);
  return {};
}

/**
 * Options page: removes a queued (not running) item; the history says it was cancelled.
 * @param {string} key
 * @param {string} [as]  the account whose queue it is (the first when not named)
 */
export async function cancel(key, as) {
  await started;
  const acct = await signedInAccount(as);
  let found = false;
  await transact(itemKeys(acct, key), (s) => {
    /** @type {QueueItem | undefined} */
    const item = s[keys.item(acct, key)];
    if (item?.status !== "queued") return;
    found = true;
    const change = emptyChange();
    place(s, acct, key, undefined, change);
    record(s, acct, [historyEntry(item, "cancelled", { at: nowOf(s), note: "cancelled-here" })], change);
    return change;
  });
  if (!found) throw namedError("NotQueued", t("notQueuedWaiting"));
  await schedule();
  return {};
}

/**
 * The items of `acct` in either index, read. For the rare changes that concern every item (a
 * pause, Resume, a new budget, clearing failures).
 * @param {string} acct
 * @returns {Promise<string[]>}  the item keys (`q:...`) to read with the change
 */
export async function allItemKeys(acct) {
  const indexes = await read([keys.active(acct), keys.waiting(acct)]);
  const persons = new Set([...Object.keys(indexes[keys.active(acct)] ?? {}), ...Object.keys(indexes[keys.waiting(acct)] ?? {})]);
  return [...persons].map((person) => keys.item(acct, person));
}

/**
 * `acct`'s items as read into `s`, by person key.
 * @param {State} s
 * @param {string} acct
 * @returns {[string, QueueItem][]}
 */
export function itemsIn(s, acct) {
  const prefix = keys.item(acct, "");
  return Object.entries(s)
    .filter(([storageKey, value]) => storageKey.startsWith(prefix) && value)
    .map(([storageKey, value]) => [storageKey.slice(prefix.length), /** @type {QueueItem} */ (value)]);
}

/**
 * Changes every item of account `acct` that `pick` returns a new version of.
 * @param {string} acct
 * @param {(item: QueueItem, s: State, now: number) => QueueItem | undefined} pick
 * @param {(s: State, change: { set: State, remove: string[] }, acct: string) => void} [also]
 */
async function changeAll(acct, pick, also) {
  const itemKeyList = await allItemKeys(acct);
  await transact([...itemKeys(acct, "-"), ...itemKeyList], (s) => {
    const change = emptyChange();
    const now = nowOf(s);
    for (const [key, item] of itemsIn(s, acct)) {
      const next = pick(item, s, now);
      if (next) place(s, acct, key, next, change);
    }
    also?.(s, change, acct);
    return change;
  });
  return acct;
}

/**
 * Options page: removes every failed item of an account (their failures are in the history).
 * @param {string} [as]  the account whose queue it is (the first when not named)
 */
export async function clearFailed(as) {
  await started;
  let cleared = 0;
  if ((await signedInAccounts()).length === 0) return { cleared };
  const acct = await signedInAccount(as);
  const itemKeyList = await allItemKeys(acct);
  await transact([...itemKeys(acct, "-"), ...itemKeyList], (s) => {
    const change = emptyChange();
    for (const [key, item] of itemsIn(s, acct)) {
      if (item.status !== "failed") continue;
      place(s, acct, key, undefined, change);
      cleared += 1;
    }
    return change;
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
  await transact(["settings"], (s) => {
    const { monthlyBudget: _, ...settings } = s.settings ?? {};
    return { set: { settings: budget === null ? settings : { ...settings, monthlyBudget: budget } } };
  });
  for (const acct of await signedInAccounts()) {
    await changeAll(acct,
      (item, _, now) => (item.status === "queued" && item.reason === "budget" ? { ...item, reason: "new", runAt: now, error: undefined } : undefined));
  }
  await runQueue(api);
  return { budget };
}

/**
 * Options page: sends an action held for the budget anyway (the user's click on it says so).
 * @param {Api} api
 * @param {string} key
 * @param {string} [as]  the account whose queue it is (the first when not named)
 */
export async function sendAnyway(api, key, as) {
  await started;
  const acct = await signedInAccount(as);
  let found = false;
  await transact(itemKeys(acct, key), (s) => {
    /** @type {QueueItem | undefined} */
    const item = s[keys.item(acct, key)];
    if (item?.status !== "queued" || item.reason !== "budget") return;
    found = true;
    const change = emptyChange();
    place(s, acct, key, { ...item, reason: "new", runAt: nowOf(s), error: undefined, overBudget: true }, change);
    return change;
  });
  if (!found) throw namedError("NotQueued", t("notQueuedHeld"));
  await runOne(api, acct, key);
  return {};
}

/**
 * Lifts a pause: by itself when an account's credentials change (`force` false: every account's
 * pause that was for its earlier credentials), or when the user asks (options page, `force`
 * true: the account named, the first when none is). Paused items become due now.
 * @param {Api} api
 * @param {{ force?: boolean, as?: string }} [options]
 */
export async function resume(api, { force = false, as } = {}) {
  await started;
  const all = await signedInAccounts();
  for (const acct of force ? [as ?? all[0]].filter((a) => a && all.includes(a)) : all) await lift(acct, force);
  await runQueue(api);
  return {};
}

/**
 * Lifts the pause of `acct` (see resume()).
 * @param {string} acct
 * @param {boolean} force
 */
async function lift(acct, force) {
  const { [keys.paused(acct)]: paused } = await read([keys.paused(acct)]);
  if (!paused) return;
  await changeAll(acct,
    (item, s, now) => {
      if (!force && pausedBy(s, acct)) return undefined;
      return item.status === "queued" && item.reason === "paused" ? { ...item, reason: "new", runAt: now, error: undefined } : undefined;
    },
    (s, change, account) => {
      if (force || !pausedBy(s, account)) change.remove.push(keys.paused(account));
    },
  );
}

/**
 * What a new sign-in does to the queue (signin.js calls it when the access token changes). The
 * same account keeps its queue and mute records; another account starts afresh, and the actions
 * queued for the previous one are cancelled, each with a history entry.
 * @param {{ userId?: string, token?: string } | undefined} before  the credentials until now
 * @param {{ userId?: string, token?: string }} after  the new ones
 */
export async function signInChange(before, after) {
  const previous = accountOf(before);
  if (!previous || previous === accountOf(after)) return;
  await signedOut(previous);
}

/**
 * Ends what account `previous` had queued (it was signed out, or replaced by another account):
 * each action is cancelled with a history entry; its pause, holds and request log go.
 * @param {string} previous
 */
export async function signedOut(previous) {
  const itemKeyList = await allItemKeys(previous);
  await transact([...itemKeys(previous, "-"), ...itemKeyList], (s) => {
    const change = emptyChange();
    const at = nowOf(s);
    /** @type {HistoryEntry[]} */
    const ended = [];
    for (const [key, item] of itemsIn(s, previous)) {
      if (item.status !== "failed") ended.push(historyEntry(item, "cancelled", { at, note: "other-account" }));
      place(s, previous, key, undefined, change);
    }
    record(s, previous, ended, change);
    change.remove.push(keys.paused(previous), keys.blocked(previous), keys.sent(previous));
    return change;
  });
}

// ---- running ----------------------------------------------------------------------------------

/**
 * The keys claiming `acct`'s item for `target` reads, besides itemKeys(): the rate-limit holds
 * and log, and the id learned for its handle.
 * @param {string} acct
 * @param {Target | undefined} target
 */
function claimKeys(acct, target) {
  const handle = target?.screenName && !target.userId ? [keys.name(nameKey(target.screenName))] : [];
  return [keys.blocked(acct), keys.sent(acct), ...handle];
}

/**
 * Claims `item` (queued under `key`, due) into `change` if it may be sent now: marks it running
 * (an in-flight record) and logs the request against the rate-limit window. A paused item, one
 * over the budget or held by a rate limit gets its reason and time instead. Returns the claimed
 * item, or null.
 * @param {State} s  with itemKeys() and claimKeys() read
 * @param {string} acct
 * @param {string} key
 * @param {QueueItem} item
 * @param {{ set: State, remove: string[] }} change
 * @param {number} now
 * @returns {QueueItem | null}
 */
function claimIn(s, acct, key, item, change, now) {
  const paused = pausedBy(s, acct);
  if (paused) {
    if (item.reason !== "paused") place(s, acct, key, { ...item, reason: "paused", error: paused.error }, change);
    return null;
  }
  const cost = estimatedCost(item, s);
  if (!item.overBudget && !withinBudget(spendsIn(s), s.settings?.monthlyBudget, cost, now)) {
    place(s, acct, key, { ...item, reason: "budget", runAt: nextMonthStart(now), error: overBudget(s, cost, now) }, change);
    return null;
  }
  const held = gate(s, acct, item.action, now);
  if (held) {
    place(s, acct, key, { ...item, runAt: held.until, reason: held.reason }, change);
    return null;
  }
  const sent = s[keys.sent(acct)] ?? {};
  change.set[keys.sent(acct)] = { ...sent, [item.action]: [...inWindow(sent[item.action], now), now] };
  const claimed = { ...item, status: /** @type {const} */ ("running"), reason: undefined, worker: WORKER, sentAt: now, attempts: item.attempts + 1 };
  place(s, acct, key, claimed, change);
  return claimed;
}

/**
 * Claims item `key` if it is due and may be sent now (claimIn), in one change.
 * @param {string} acct
 * @param {string} key
 * @returns {Promise<{ item: QueueItem, state: State } | null>}
 */
async function claim(acct, key) {
  /** @type {QueueItem | null} */
  let claimed = null;
  /** @type {State} */
  let read_ = {};
  const itemNow = (await read(keys.item(acct, key)))[keys.item(acct, key)];
  await transact([...itemKeys(acct, key), ...claimKeys(acct, itemNow?.target), keys.mute(acct, key)], (s) => {
    read_ = s;
    /** @type {QueueItem | undefined} */
    const item = s[keys.item(acct, key)];
    const now = nowOf(s);
    if (!credentialsOf(s, acct)) return;
    if (item?.status !== "queued" || item.runAt > now + DUE_SLACK_MS) return;
    const change = emptyChange();
    // A timed unmute whose mute is no longer the one on record (unmuted, or muted again since)
    // does nothing: it never unmutes someone the user muted again.
    const guard = item.timed ? timedGuard(s[keys.mute(acct, key)], item.timed) : "ok";
    // An imported timed mute whose end passed while it waited (the rate limit, a closed browser).
    const ended = item.action === "mute" && item.until !== undefined && item.until <= now;
    if (guard !== "ok" || ended) {
      place(s, acct, key, undefined, change);
      record(s, acct, [historyEntry(item, "cancelled", { at: now, note: ended ? "import-ended" : `timed-${guard}` })], change);
      return change;
    }
    claimed = claimIn(s, acct, key, item, change, now);
    return change;
  });
  return claimed ? { item: claimed, state: read_ } : null;
}

/**
 * Runs item `key` now if it can be; otherwise it keeps waiting for the alarm.
 * @param {Api} api
 * @param {string} acct
 * @param {string} key
 */
async function runOne(api, acct, key) {
  const claimed = await claim(acct, key);
  if (claimed) await execute(api, acct, claimed.item, claimed.state);
  await schedule();
}

/**
 * Sends a claimed item and records how it ended.
 * @param {Api} api
 * @param {string} acct
 * @param {QueueItem} item
 * @param {State} state
 */
async function execute(api, acct, item, state) {
  /** @type {QueueClient | undefined} */
  let client;
  let followUp = false;
  try {
    client = await api.client({ ...state, credentials: credentialsOf(state, acct) });
    const outcome = await client[item.action](clientTarget(item.target, state));
    const usage = client.takeUsage?.();
    followUp = await succeed(acct, item, { muted: outcome.muting, via: outcome.via, rateLimit: outcome.rateLimit, usage, targetId: outcome.targetId });
  } catch (thrown) {
    const error = toErrorJson(thrown);
    const usage = client?.takeUsage?.();
    followUp = await fail(acct, item, error, client?.apiVersionInUse, usage);
  } finally {
    if (client) await api.learned?.(client);
    if (followUp) await runOne(api, acct, userKey(item.target));
  }
}

/**
 * Records a success: the mute state, the history, what it cost, a rate limit X announced; an
 * opposite click that came meanwhile becomes the next item. The id X resolved for a handle is
 * remembered, so that it is never looked up (and billed) again. Resolves to whether a follow-up
 * item is due now.
 * @param {string} acct
 * @param {QueueItem} item
 * @param {{ muted: boolean, via?: "2" | "1.1", rateLimit?: Outcome["rateLimit"],
 *           usage?: Usage, targetId?: string }} result
 */
async function succeed(acct, item, { muted, via, rateLimit, usage, targetId }) {
  const key = userKey(item.target);
  let followUp = false;
  const handle = item.target.screenName ? nameKey(item.target.screenName) : null;
  const learn = handle && targetId && !item.target.userId ? [keys.name(handle), keys.links(targetId)] : [];
  await transact([...itemKeys(acct, key), keys.blocked(acct), ...learn], (s) => {
    const now = nowOf(s);
    const change = emptyChange();
    /** @type {QueueItem | undefined} */
    const current = s[keys.item(acct, key)];
    const timedNote = item.timed ? timedEnd(item.timed.until, now) : {};
    record(s, acct, [historyEntry(item, "done", { at: now, via, cost: costOf(usage), ...timedNote })], change);
    if (costOf(usage)) change.set[keys.spend(acct)] = withUsage(s[keys.spend(acct)], usage, now);
    if (handle && targetId && learn.length) {
      change.set[keys.name(handle)] = targetId;
      const links = s[keys.links(targetId)] ?? [];
      if (!links.includes(handle)) change.set[keys.links(targetId)] = [...links, handle];
    }
    // Replaced meanwhile (another account signed in): only the history and the spend learn of it.
    if (current?.id !== item.id) return change;
    const wanted = current.then;
    const next = wanted && wanted !== (muted ? "mute" : "unmute")
      ? newItem(wanted, current.target, now, pausedBy(s, acct), current.thenForMs ? { forMs: current.thenForMs } : {}) : undefined;
    followUp = Boolean(next);
    // A timed mute: its unmute waits in its place until the end (nothing is sent before).
    const ends = item.forMs ? now + item.forMs : item.until && item.until > now ? item.until : undefined;
    const end = muted && !next && item.action === "mute" ? ends : undefined;
    const timed = end ? { ...newItem("unmute", current.target, now, null), reason: /** @type {const} */ ("timed"), runAt: end, timed: { until: end, mutedAt: now } } : undefined;
    place(s, acct, key, next ?? timed, change);
    change.set[keys.mute(acct, key)] = {
      muted, at: now, ...(via ? { via } : {}), ...(item.timed && !muted ? { timedEnd: item.timed.until } : {}),
    };
    if (rateLimit?.remaining === 0 && typeof rateLimit.reset === "number") {
      const until = rateLimitedUntil({ resetAt: rateLimit.reset }, now, 1, Math.random());
      change.set[keys.blocked(acct)] = { ...s[keys.blocked(acct)], [item.action]: until };
    }
    return change;
  });
  return followUp;
}

/**
 * How the history notes a timed unmute's end: on time, or late and when it was due.
 * @param {number} until
 * @param {number} now
 * @returns {{ note: string, due?: number }}
 */
function timedEnd(until, now) {
  return now - until > LATE_AFTER_MS ? { note: "timed-late", due: until } : { note: "timed" };
}

/**
 * Records a failure by its kind (policy.js): wait for the rate-limit reset, pause the queue,
 * retry after a back-off, or fail with X's reason. An opposite click that came meanwhile
 * replaces the item. What was billed on the way (a lookup before a refused mute) is counted.
 * Resolves to whether a follow-up item is due now.
 * @param {string} acct
 * @param {QueueItem} item
 * @param {ErrorJson} error
 * @param {string} [apiInUse]
 * @param {Usage} [usage]
 */
async function fail(acct, item, error, apiInUse, usage) {
  const key = userKey(item.target);
  const kind = classify(error);
  const cost = costOf(usage);
  let followUp = false;
  // A pause concerns every waiting item of the account: they are read along.
  const others = kind === "pause" ? await allItemKeys(acct) : [];
  await transact([...itemKeys(acct, key), keys.blocked(acct), ...others], (s) => {
    const now = nowOf(s);
    const change = emptyChange();
    if (cost) change.set[keys.spend(acct)] = withUsage(s[keys.spend(acct)], usage, now);
    /** @type {QueueItem | undefined} */
    const current = s[keys.item(acct, key)];
    if (current?.id !== item.id) return change;
    /** @type {HistoryEntry[]} */
    const ended = [];
    const landed = Boolean(current.landed) || mayHaveLanded(error);
    const base = { ...current, worker: undefined, then: undefined, thenForMs: undefined, error, landed };
    const paused = kind === "pause" ? { error, savedAt: credentialsOf(s, acct)?.savedAt, at: now } : null;

    if (paused) {
      change.set[keys.paused(acct)] = paused;
      for (const [other, queued] of itemsIn(s, acct)) {
        // A timed unmute waits for its time; the pause holds it then (claimIn), not before.
        if (other !== key && queued.status === "queued" && queued.reason !== "timed") place(s, acct, other, { ...queued, reason: "paused", error }, change);
      }
    }

    if (current.then && current.then !== item.action) {
      // The last intent wins: the opposite click replaces this one, and is sent even if this one
      // never reached X (mute and unmute are idempotent).
      ended.push(historyEntry(item, "cancelled", { at: now, via: apiInUse, note: `replaced-by-${current.then}`, error, cost }));
      place(s, acct, key, newItem(current.then, current.target, now, paused, { landed, ...(current.thenForMs ? { forMs: current.thenForMs } : {}) }), change);
      followUp = !paused;
    } else if (kind === "rate") {
      const rateLimits = (current.rateLimits ?? 0) + 1;
      const until = rateLimitedUntil({ resetAt: typeof error.resetAt === "number" ? error.resetAt : undefined }, now, rateLimits, Math.random());
      place(s, acct, key, { ...base, status: "queued", reason: "rate-limit", runAt: until, rateLimits }, change);
      change.set[keys.blocked(acct)] = { ...s[keys.blocked(acct)], [item.action]: until };
    } else if (paused) {
      place(s, acct, key, { ...base, status: "queued", reason: "paused", runAt: now }, change);
    } else {
      const failures = (current.failures ?? 0) + (kind === "retry" ? 1 : 0);
      // A timed unmute does not give up while X is out of reach: it runs when it can.
      if (kind === "retry" && (failures < MAX_ATTEMPTS || current.timed)) {
        const delay = backoffMs(Math.min(failures, MAX_ATTEMPTS - 1), Math.random());
        place(s, acct, key, { ...base, status: "queued", reason: "retry", failures, rateLimits: 0, runAt: now + delay }, change);
      } else {
        place(s, acct, key, { ...base, status: "failed", failures, reason: undefined }, change);
        const note = kind === "retry" ? "gave-up" : undefined;
        ended.push(historyEntry(item, "failed", { at: now, via: apiInUse, note, error, cost }));
      }
    }
    record(s, acct, ended, change);
    return change;
  });
  return followUp;
}

/**
 * Runs every queued item that is due, of every account (the alarm's handler, and after a pause
 * is lifted), one at a time, then sets the alarm for the next.
 * @param {Api} api
 */
export async function runQueue(api) {
  await started;
  const state = await read(["credentials", "accounts", "testing"]);
  knownAccounts = accountList(state).map((a) => a.acct);
  for (const acct of knownAccounts) {
    const now = nowOf(state);
    const indexes = await read([keys.active(acct), keys.waiting(acct)]);
    const due = Object.entries({ ...indexes[keys.waiting(acct)], ...indexes[keys.active(acct)] })
      .filter(([, runAt]) => runAt > 0 && runAt <= now + DUE_SLACK_MS)
      .sort(([, a], [, b]) => a - b)
      .map(([key]) => key);
    for (const key of due) {
      const claimed = await claim(acct, key);
      if (claimed) await execute(api, acct, claimed.item, claimed.state);
    }
  }
  await schedule();
}

/** Sets the alarm to the earliest item that waits in any account (none while paused), or clears it. */
export async function schedule() {
  const state = await read(["credentials", "accounts", "testing"]);
  /** @type {number[]} */
  const times = [];
  for (const { acct } of accountList(state)) {
    const indexes = await read([keys.waiting(acct), keys.paused(acct)]);
    if (pausedBy({ ...state, ...indexes }, acct)) continue;
    times.push(...Object.values(indexes[keys.waiting(acct)] ?? {}).filter((time) => time > 0));
  }
  if (times.length === 0) {
    await chrome.alarms.clear(QUEUE_ALARM);
    return;
  }
  await chrome.alarms.create(QUEUE_ALARM, { when: Math.max(Math.min(...times) - shiftOf(state), Date.now() + 500) });
}

/**
 * At the worker's start: items another worker was handling were interrupted. One being sent
 * waits until its request has surely ended, then is sent again; one just clicked is sent now.
 * @param {Api} api
 */
async function recover(api) {
  let clickedMeanwhile = false;
  for (const acct of await signedInAccounts()) clickedMeanwhile = (await recoverAccount(acct)) || clickedMeanwhile;
  if (clickedMeanwhile) setTimeout(() => runQueue(api), 0);
  else await schedule();
}

/**
 * Recovers the items of `acct` (see recover()); resolves to whether one was clicked and not sent.
 * @param {string} acct
 */
async function recoverAccount(acct) {
  const active = (await read(keys.active(acct)))[keys.active(acct)] ?? {};
  const persons = Object.keys(active);
  if (persons.length === 0) return false;
  let clickedMeanwhile = false;
  await transact([...itemKeys(acct, "-"), ...persons.map((person) => keys.item(acct, person))], (s) => {
    const now = nowOf(s);
    const change = emptyChange();
    for (const person of persons) {
      /** @type {QueueItem | undefined} */
      const item = s[keys.item(acct, person)];
      if (!item) {
        place(s, acct, person, undefined, change); // an index entry without its item
        continue;
      }
      if (item.status === "running" && item.worker !== WORKER) {
        place(s, acct, person, {
          ...item,
          status: "queued",
          reason: "interrupted",
          worker: undefined,
          landed: true,
          runAt: Math.max(now, (item.sentAt ?? now) + timeoutOf(s) + INTERRUPT_GRACE_MS),
        }, change);
      } else if (item.status === "queued") {
        clickedMeanwhile = true; // clicked, then the worker stopped before sending it
      }
    }
    return change;
  });
  return clickedMeanwhile;
}

/** Resolves when this worker has recovered the queue; every entry point waits for it. */
let started = Promise.resolve();

/** Resolves when this worker has recovered the queue (for entry points outside this file). */
export function recovered() {
  return started;
}

/**
 * Starts the queue in a new worker (background main.js calls it once, at the top level, after
 * the storage it needs is ready).
 * @param {Api} api
 * @param {Promise<unknown>} [ready]
 */
export function start(api, ready = Promise.resolve()) {
  started = ready.then(() => recover(api)).catch((error) => console.warn(`XMute could not recover its queue: ${error?.message ?? error}`));
  return started;
}

/**
 * The user reply for a target, for the status command.
 * @param {Target} target
 * @param {string | null} [acct]  the account the tab shows (the first when not named)
 */
export async function status(target, acct) {
  await started;
  return userReply(acct ?? (await signedInAccounts())[0] ?? null, target);
}
