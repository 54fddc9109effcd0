// @ts-check
/**
 * The history of finished actions: the last HISTORY_LIMIT per account, shown newest first on
 * the options page. An entry is written when an action ends: done, failed, or cancelled (with
 * why), so nothing a user clicked disappears without a trace. Pure: queue.js stores what these
 * functions return.
 */
import { keys } from "./keys.js";

/** The fields of an error the history keeps: what the words (words.js) say it with. */
const ERROR_FIELDS = ["name", "message", "detail", "status", "code", "reason", "period", "resetAt"];

/**
 * @param {Record<string, unknown>} error
 * @returns {import("./errors.js").ErrorJson}
 */
function errorForHistory(error) {
  return /** @type {import("./errors.js").ErrorJson} */ (Object.fromEntries(
    ERROR_FIELDS.filter((field) => typeof error[field] === "string" || typeof error[field] === "number").map((field) => [field, error[field]])));
}

export const HISTORY_LIMIT = 100;

/**
 * @typedef {"done" | "failed" | "cancelled"} Result
 * @typedef {{ at: number, action: "mute" | "unmute", userId?: string, screenName?: string,
 *             result: Result, via?: "2" | "1.1", attempts: number, note?: string,
 *             error?: import("./errors.js").ErrorJson, cost?: number, due?: number }} HistoryEntry
 *   `note`: why it ended so, as a code (words.js NOTES puts it in words); an entry written by
 *   XMute 0.1 may hold English words instead
 *   `cost`: what X charges for the billable answers the action got, estimated in micro-dollars
 *   (shared/prices.js); absent when nothing was billable
 *   `due`: when a timed unmute that ran late was due
 */

/**
 * The entry for a queue item that ended.
 * @param {{ action: "mute" | "unmute", target: { userId?: string, screenName?: string },
 *           attempts?: number }} item
 * @param {Result} result
 * @param {{ at: number, via?: string | null, note?: string,
 *           error?: { name: string, message: string }, cost?: number, due?: number }} details
 * @returns {HistoryEntry}
 */
export function historyEntry(item, result, { at, via, note, error, cost, due }) {
  /** @type {HistoryEntry} */
  const entry = { at, action: item.action, result, attempts: item.attempts ?? 0 };
  if (item.target.userId) entry.userId = item.target.userId;
  if (item.target.screenName) entry.screenName = item.target.screenName;
  if (via === "2" || via === "1.1") entry.via = via;
  if (note) entry.note = note;
  if (error) entry.error = errorForHistory(error);
  if (typeof cost === "number" && cost > 0) entry.cost = cost;
  if (typeof due === "number") entry.due = due;
  return entry;
}

/*
 * The history is a ring of HISTORY_LIMIT entries under `h:<acct>:<slot>` with its head under
 * `hist:<acct>` (`{ next }`: how many entries were ever written), so that ending an action
 * writes one entry, never the whole list.
 */

/**
 * What to set to append `entries` (oldest first) to `acct`'s history, given its head as read.
 * @param {string} acct
 * @param {{ next?: number } | undefined} head
 * @param {HistoryEntry[]} entries
 * @returns {Record<string, unknown>}
 */
export function appendHistory(acct, head, entries) {
  let next = head?.next ?? 0;
  /** @type {Record<string, unknown>} */
  const set = {};
  for (const entry of entries) {
    set[keys.historyEntry(acct, next % HISTORY_LIMIT)] = entry;
    next += 1;
  }
  if (entries.length) set[keys.historyHead(acct)] = { next };
  return set;
}

/**
 * `acct`'s history, newest first, from the values of storage (for the options page and tests).
 * @param {string} acct
 * @param {(keyList: string[]) => Promise<Record<string, any>>} get
 * @returns {Promise<HistoryEntry[]>}
 */
export async function readHistory(acct, get) {
  const next = (await get([keys.historyHead(acct)]))[keys.historyHead(acct)]?.next ?? 0;
  const count = Math.min(next, HISTORY_LIMIT);
  const slots = Array.from({ length: count }, (_, i) => (next - 1 - i) % HISTORY_LIMIT);
  const values = await get(slots.map((slot) => keys.historyEntry(acct, slot)));
  return slots.map((slot) => values[keys.historyEntry(acct, slot)]).filter(Boolean);
}
