// @ts-check
/**
 * What XMute spent of the user's X credits, by calendar month, estimated from X's prices
 * (prices.js) for the billable answers the client counted. Pure: the background stores what
 * these functions return under `spend`; the options page shows it and the budget compares
 * with it. X's Developer Console has the billed figure; this is XMute's own estimate.
 *
 * `spend`: `{ [month]: { mutes, unmutes, mutedAccountsRead, usersRead, micros } }`, `month` as
 * "YYYY-MM" in the user's local time (the budget is the user's, by their calendar), `micros`
 * the estimate at the prices of the day each answer came.
 */
import { addUsage, costOf } from "./prices.js";

/** Months kept: this one and the twelve before. */
export const MONTHS_KEPT = 13;

/**
 * @typedef {import("./prices.js").Usage} Usage
 * @typedef {Required<Usage> & { micros: number }} MonthSpend
 * @typedef {Record<string, MonthSpend>} Spend
 */

/** The month `ms` falls in, "YYYY-MM", local time. @param {number} ms */
export function monthKey(ms) {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

/** When the month after the one `ms` falls in begins (local midnight on the 1st). @param {number} ms */
export function nextMonthStart(ms) {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime();
}

/** @type {MonthSpend} */
const NOTHING = Object.freeze({ mutes: 0, unmutes: 0, mutedAccountsRead: 0, usersRead: 0, micros: 0 });

/**
 * This month's spend.
 * @param {Spend | undefined} spend
 * @param {number} now
 * @returns {MonthSpend}
 */
export function monthSpend(spend, now) {
  return spend?.[monthKey(now)] ?? NOTHING;
}

/**
 * `spend` with `usage` added to the month of `now`, or `spend` itself when `usage` is nothing.
 * @param {Spend | undefined} spend
 * @param {Usage | undefined} usage
 * @param {number} now
 * @returns {Spend}
 */
export function withUsage(spend, usage, now) {
  const micros = costOf(usage);
  const counted = addUsage(usage, undefined);
  if (!Object.values(counted).some(Boolean)) return spend ?? {};
  const month = monthKey(now);
  const current = monthSpend(spend, now);
  const next = { ...spend, [month]: { ...addUsage(current, counted), micros: current.micros + micros } };
  const months = Object.keys(next).sort().reverse();
  for (const old of months.slice(MONTHS_KEPT)) delete next[old];
  return next;
}

/**
 * What the app spent this month, in micro-dollars: every signed-in account's spend together
 * (X bills the app, whoever it acts for).
 * @param {(Spend | undefined)[]} spends  each account's
 * @param {number} now
 */
export function appSpend(spends, now) {
  return spends.reduce((sum, spend) => sum + monthSpend(spend, now).micros, 0);
}

/**
 * Whether spending `cost` more this month stays within `budget` (micro-dollars; null: none).
 * @param {(Spend | undefined)[]} spends  each account's (appSpend)
 * @param {number | null | undefined} budget
 * @param {number} cost
 * @param {number} now
 */
export function withinBudget(spends, budget, cost, now) {
  return typeof budget !== "number" || appSpend(spends, now) + cost <= budget;
}
