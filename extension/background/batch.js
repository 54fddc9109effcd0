// @ts-check
/**
 * Batches: many mutes or unmutes queued together from the manager page (an import, or "Unmute
 * N accounts"). Each becomes an ordinary queue item (queue.js) marked with the batch's id, all
 * written in one change before anything is sent, spread over X's 15-minute windows (50 a
 * window): the queue paces them as it paces clicks (X's limit, the monthly budget, a pause), and a
 * browser closed halfway resumes where it stopped, since the items are in storage. `batches:<acct>` keeps each batch's action, size and when it was queued; its
 * progress is counted from the items still queued or failed. Cancel removes the batch's items
 * that wait (one being sent finishes: it may already have reached X).
 */
import { t } from "../shared/i18n.js";
import { namedError } from "../shared/errors.js";
import { nameKey, userKey } from "../shared/ids.js";
import { checkTarget } from "./actions.js";
import { credentialsOf } from "../shared/accounts.js";
import { keys } from "../shared/keys.js";
import { historyEntry } from "../shared/history.js";
import { WINDOW_LIMIT, WINDOW_MS } from "../shared/policy.js";
import {
  allItemKeys, emptyChange, itemKeys, itemsIn, newItem, nowOf, pausedBy, place, record, recovered, runQueue, schedule,
  signedInAccount,
} from "./queue.js";
import { read, transact } from "./store.js";

/** The most accounts one batch may name (an import's limit, shared/transfer.js). */
export const BATCH_MAX = 10_000;
/** Batches remembered for the manager page's progress (the oldest record goes first). */
const BATCHES_KEPT = 20;

/**
 * @typedef {import("./queue.js").Api} Api
 * @typedef {import("./store.js").Target} Target
 * @typedef {{ action: "mute" | "unmute", total: number, at: number, cancelled?: number, skipped?: number }} BatchRecord
 * @typedef {{ id: string, action: "mute" | "unmute", total: number, at: number, pending: number, failed: number,
 *             cancelled: number, done: number, nextAt?: number, held?: string }} BatchProgress
 */

/**
 * The batch a manager-page message asks for, checked: an action and 1 to BATCH_MAX accounts.
 * @param {Record<string, unknown>} message
 * @returns {{ action: "mute" | "unmute", targets: (Target & { until?: number })[] }}
 */
export function checkBatch(message) {
  const { action, targets } = message;
  if ((action !== "mute" && action !== "unmute") || !Array.isArray(targets) || targets.length === 0 || targets.length > BATCH_MAX) {
    throw namedError("InvalidInput", t("refusedBatch"));
  }
  return {
    action,
    targets: targets.map((target) => {
      const { until } = target ?? {};
      // The end of an imported timed mute: a time, for a mute only.
      const untilOk = Number.isSafeInteger(until) && until > 0 && action === "mute";
      if (until !== undefined && !untilOk) throw namedError("InvalidInput", t("refusedBatch"));
      // Each account is checked as a click's is (actions.js), and the refusal names the batch.
      let checked;
      try {
        checked = checkTarget(target ?? {});
      } catch {
        throw namedError("InvalidInput", t("refusedBatch"));
      }
      return { ...checked, ...(untilOk ? { until } : {}) };
    }),
  };
}

/** A batch id the manager page names. @param {Record<string, unknown>} message */
export function checkBatchId(message) {
  const { batch } = message;
  if (typeof batch !== "string" || !/^[0-9a-f-]{36}$/.test(batch)) throw namedError("InvalidInput", t("refusedBatch"));
  return batch;
}

/**
 * Queues `action` for each of `targets` as one batch; an account already in that state, or
 * with an action already queued, is skipped (and counted). The queue then runs as after a click.
 * Resolves to `{ batch, queued, skipped }`.
 * @param {Api} api
 * @param {{ action: "mute" | "unmute", targets: (Target & { until?: number })[] }} request  `until`: an imported timed mute's end
 * @param {string} [as]  the account that acts (the first when not named)
 */
export async function queueBatch(api, { action, targets }, as) {
  await recovered();
  const acct = await signedInAccount(as);
  // A handle whose id XMute learned is queued by that id, as a click is.
  const handles = targets.filter((target) => !target.userId).map((target) => keys.name(nameKey(String(target.screenName))));
  const names = handles.length ? await read(handles) : {};
  const resolved = targets.map((target) => {
    const learned = target.userId ? undefined : names[keys.name(nameKey(String(target.screenName)))];
    return learned ? { userId: learned, ...target } : target;
  });
  const byKey = new Map(resolved.map((target) => [userKey(target), target]));
  const id = crypto.randomUUID();
  let queued = 0;
  let skipped = 0;
  const personKeys = [...byKey.keys()];
  await transact(["accounts", ...itemKeys(acct, "-"), keys.batches(acct), ...personKeys.flatMap((key) => [keys.item(acct, key), keys.mute(acct, key)])], (s) => {
    if (!credentialsOf(s, acct)) return; // signed out meanwhile
    const now = nowOf(s);
    const paused = pausedBy(s, acct);
    const change = emptyChange();
    for (const [key, { until, ...target }] of byKey) {
      const record_ = s[keys.mute(acct, key)];
      if (s[keys.item(acct, key)] || (record_ && record_.muted === (action === "mute"))) {
        skipped += 1;
        continue;
      }
      // Spread over X's windows from the start: the first window's worth is sent now, each
      // later one waits for its window, so that a worker never handles more than a window's
      // worth at once (10,000 items in the `active:` index would make each change slow).
      const slot = Math.floor(queued / WINDOW_LIMIT);
      const later = slot > 0 && !paused ? { reason: /** @type {const} */ ("window"), runAt: now + slot * WINDOW_MS } : {};
      place(s, acct, key, newItem(action, target, now, paused, { batch: id, ...later, ...(until ? { until } : {}) }), change);
      queued += 1;
    }
    if (queued === 0) return change;
    /** @type {Record<string, BatchRecord>} */
    const batches = { ...s[keys.batches(acct)] };
    const old = Object.entries(batches).sort(([, a], [, b]) => a.at - b.at);
    for (const [oldId] of old.slice(0, Math.max(0, old.length - BATCHES_KEPT + 1))) delete batches[oldId];
    batches[id] = { action, total: queued, at: now, ...(skipped ? { skipped } : {}) };
    change.set[keys.batches(acct)] = batches;
    return change;
  });
  if (queued > 0) runQueue(api).catch((error) => console.warn(`XMute could not run its queue: ${error?.message ?? error}`));
  return { batch: queued ? id : null, queued, skipped };
}

/**
 * The progress of an account's batches (the first's when not named), newest first.
 * @param {string} [as]
 * @returns {Promise<{ batches: BatchProgress[] }>}
 */
export async function batchProgress(as) {
  await recovered();
  const acct = await signedInAccount(as);
  const stored = /** @type {Record<string, BatchRecord>} */ ((await read(keys.batches(acct)))[keys.batches(acct)] ?? {});
  if (Object.keys(stored).length === 0) return { batches: [] };
  const items = itemsIn(await read(await allItemKeys(acct)), acct);
  /** @type {BatchProgress[]} */
  const batches = Object.entries(stored).map(([id, batch]) => {
    const mine = items.map(([, item]) => item).filter((item) => item.batch === id);
    const waiting = mine.filter((item) => item.status !== "failed");
    const failed = mine.length - waiting.length;
    const cancelled = batch.cancelled ?? 0;
    const times = waiting.filter((item) => item.status === "queued").map((item) => item.runAt);
    const held = waiting.find((item) => item.reason === "budget" || item.reason === "paused")?.reason;
    return {
      id,
      action: batch.action,
      total: batch.total,
      at: batch.at,
      pending: waiting.length,
      failed,
      cancelled,
      done: Math.max(0, batch.total - waiting.length - failed - cancelled),
      ...(times.length ? { nextAt: Math.min(...times) } : {}),
      ...(held ? { held } : {}),
    };
  });
  return { batches: batches.sort((a, b) => b.at - a.at) };
}

/**
 * Cancels the batch's actions that wait (not one being sent now); each gets a history entry.
 * Resolves to `{ cancelled }`.
 * @param {string} batch
 * @param {string} [as]  whose batch it is (the first account's when not named)
 */
export async function cancelBatch(batch, as) {
  await recovered();
  const acct = await signedInAccount(as);
  let cancelled = 0;
  await transact([...itemKeys(acct, "-"), keys.batches(acct), ...(await allItemKeys(acct))], (s) => {
    const stored = s[keys.batches(acct)]?.[batch];
    if (!stored) return;
    const change = emptyChange();
    const now = nowOf(s);
    const ended = [];
    for (const [key, item] of itemsIn(s, acct)) {
      if (item.batch !== batch || item.status !== "queued") continue;
      place(s, acct, key, undefined, change);
      ended.push(historyEntry(item, "cancelled", { at: now, note: "cancelled-here" }));
      cancelled += 1;
    }
    record(s, acct, ended, change);
    change.set[keys.batches(acct)] = { ...s[keys.batches(acct)], [batch]: { ...stored, cancelled: (stored.cancelled ?? 0) + cancelled } };
    return change;
  });
  await schedule();
  return { cancelled };
}
