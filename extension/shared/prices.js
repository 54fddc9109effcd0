// @ts-check
/**
 * What X charges for the calls XMute makes: the one price table everything estimates from (the
 * buttons' tooltips, the options page, the monthly spend and budget, each history entry).
 *
 * X's API is pay-per-use since 2026: prepaid credits, billed per successful answer that returns
 * data; failed requests are not billed. These are X's prices of 2026-06-18, from X's pricing
 * page (recorded 2026-12, see ../shared/reference/x-api-notes.md in the project). X may change
 * them: this file is where to follow. v1.1 calls are not in X's price list (legacy).
 *
 * Amounts are micro-dollars (1 US dollar = 1,000,000) so that sums stay exact.
 */

/** When X published these prices, and where. */
export const PRICES_AS_OF = "2026-06-18";
export const PRICES_SOURCE = "https://docs.x.com/x-api/getting-started/pricing";

export const PRICES = Object.freeze({
  /** `POST /2/users/:id/muting`, billed as "Privacy: Update", per request. */
  mute: 10_000,
  /** `DELETE /2/users/:id/muting/:target`, billed as "Mute: Delete", per request. */
  unmute: 5_000,
  /** `GET /2/users/:id/muting` (your own mute list), "Mute: Read", per account returned. */
  mutedAccountRead: 1_000,
  /** `GET /2/users/me` and `GET /2/users/by/username/:name`, "User: Read", per user returned. */
  userRead: 10_000,
});

/**
 * Billable answers, as the wasm client counts them (`XClient.takeUsage()`).
 * @typedef {{ mutes?: number, unmutes?: number, mutedAccountsRead?: number, usersRead?: number }} Usage
 */

/** @param {unknown} n */
const count = (n) => (Number.isInteger(n) && /** @type {number} */ (n) > 0 ? /** @type {number} */ (n) : 0);

/**
 * What `usage` costs, in micro-dollars.
 * @param {Usage | undefined} usage
 */
export function costOf(usage) {
  return count(usage?.mutes) * PRICES.mute
    + count(usage?.unmutes) * PRICES.unmute
    + count(usage?.mutedAccountsRead) * PRICES.mutedAccountRead
    + count(usage?.usersRead) * PRICES.userRead;
}

/**
 * `a` and `b` added up, field by field.
 * @param {Usage | undefined} a
 * @param {Usage | undefined} b
 * @returns {Required<Usage>}
 */
export function addUsage(a, b) {
  return {
    mutes: count(a?.mutes) + count(b?.mutes),
    unmutes: count(a?.unmutes) + count(b?.unmutes),
    mutedAccountsRead: count(a?.mutedAccountsRead) + count(b?.mutedAccountsRead),
    usersRead: count(a?.usersRead) + count(b?.usersRead),
  };
}

/**
 * An amount for people: US dollars (X's currency) with cents, or tenths of a cent below one
 * cent ("$0.005"), so that a single unmute does not read as free.
 * @param {number} micros
 */
export function formatUsd(micros) {
  const small = micros > 0 && micros < 10_000;
  return new Intl.NumberFormat(undefined, {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: small ? 3 : 2,
    maximumFractionDigits: small ? 3 : 2,
  }).format(micros / 1_000_000);
}

/**
 * Dollars typed by the user (the monthly budget) as micro-dollars; null for an empty field;
 * NaN for anything that is not an amount.
 * @param {string} text
 */
export function parseUsd(text) {
  const trimmed = text.trim().replace(/^\$/, "");
  if (trimmed === "") return null;
  if (!/^[0-9]{1,7}(?:\.[0-9]{0,6})?$/.test(trimmed)) return Number.NaN;
  const [whole, fraction = ""] = trimmed.split(".");
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, "0"));
}
