// @ts-check
/**
 * The history of finished actions: the last HISTORY_LIMIT, newest first, kept in
 * `chrome.storage.local` under `history` and shown on the options page. An entry is written when
 * an action ends: done, failed, or cancelled (with why), so nothing a user clicked disappears
 * without a trace. Pure: queue.js stores what these functions return.
 */

export const HISTORY_LIMIT = 100;

/**
 * @typedef {"done" | "failed" | "cancelled"} Result
 * @typedef {{ at: number, action: "mute" | "unmute", userId?: string, screenName?: string,
 *             result: Result, via?: "2" | "1.1", attempts: number, note?: string,
 *             error?: { name: string, message: string }, cost?: number }} HistoryEntry
 *   `cost`: what X charges for the billable answers the action got, estimated in micro-dollars
 *   (shared/prices.js); absent when nothing was billable
 */

/**
 * The entry for a queue item that ended.
 * @param {{ action: "mute" | "unmute", target: { userId?: string, screenName?: string },
 *           attempts?: number }} item
 * @param {Result} result
 * @param {{ at: number, via?: string | null, note?: string,
 *           error?: { name: string, message: string }, cost?: number }} details
 * @returns {HistoryEntry}
 */
export function historyEntry(item, result, { at, via, note, error, cost }) {
  /** @type {HistoryEntry} */
  const entry = { at, action: item.action, result, attempts: item.attempts ?? 0 };
  if (item.target.userId) entry.userId = item.target.userId;
  if (item.target.screenName) entry.screenName = item.target.screenName;
  if (via === "2" || via === "1.1") entry.via = via;
  if (note) entry.note = note;
  if (error) entry.error = { name: error.name, message: error.message };
  if (typeof cost === "number" && cost > 0) entry.cost = cost;
  return entry;
}

/**
 * `history` with `entries` added in front, cut to the newest HISTORY_LIMIT.
 * @param {HistoryEntry[] | undefined} history
 * @param {HistoryEntry[]} entries  newest last
 */
export function withEntries(history, entries) {
  return [...entries.slice().reverse(), ...(Array.isArray(history) ? history : [])].slice(0, HISTORY_LIMIT);
}
