// @ts-check
/**
 * What the content script and the options page may name, checked before anything reaches the
 * queue (queue.js): accounts, queue keys and the budget.
 */
import { t } from "../shared/i18n.js";
import { namedError } from "../shared/errors.js";
import { SCREEN_NAME, USER_ID, USER_KEY } from "../shared/ids.js";
import { isMuteLength } from "../shared/timed.js";

/** @typedef {import("./store.js").Target} Target */

/**
 * The account a content-script message names, checked: `{ userId?, screenName? }`. Both are
 * kept when both are valid (the id is what is sent, the name is shown in the queue).
 * @param {Record<string, unknown>} message
 * @returns {Target}
 */
export function checkTarget(message) {
  const { userId, screenName } = message;
  const idOk = typeof userId === "string" && USER_ID.test(userId);
  const nameOk = typeof screenName === "string" && SCREEN_NAME.test(screenName);
  if ((userId !== undefined && !idOk) || (screenName !== undefined && !nameOk) || !(idOk || nameOk)) {
    throw namedError("InvalidInput", t("refusedNoAccount"));
  }
  return {
    ...(idOk ? { userId: /** @type {string} */ (userId) } : {}),
    ...(nameOk ? { screenName: /** @type {string} */ (screenName) } : {}),
  };
}

/**
 * A queue key the options page names: a user id, or `@` and a lower-case screen name.
 * @param {Record<string, unknown>} message
 */
export function checkKey(message) {
  const { key } = message;
  if (typeof key !== "string" || !USER_KEY.test(key)) {
    throw namedError("InvalidInput", t("refusedNoQueueKey"));
  }
  return key;
}

/**
 * The monthly budget the options page sets: micro-dollars (a whole number from 0 to $10,000,000),
 * or null for none.
 * @param {Record<string, unknown>} message
 */
export function checkBudget(message) {
  const { budget } = message;
  if (budget === null) return null;
  if (!Number.isSafeInteger(budget) || /** @type {number} */ (budget) < 0 || /** @type {number} */ (budget) > 10_000_000_000_000) {
    throw namedError("InvalidInput", t("budgetInvalid"), { field: "budget" });
  }
  return /** @type {number} */ (budget);
}

/**
 * A mute's length: `forMs` of a mute message (absent: the options page's default) or `length`
 * of the options page's default: 0 (no end), or 1, 7 or 30 days in milliseconds
 * (shared/timed.js).
 * @param {unknown} value
 * @param {string} field
 * @returns {number | undefined}
 */
export function checkMuteLength(value, field = "forMs") {
  if (value === undefined && field === "forMs") return undefined;
  if (!isMuteLength(value)) throw namedError("InvalidInput", t("timedRefusedLength"), { field });
  return value;
}
