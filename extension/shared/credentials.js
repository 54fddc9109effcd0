// @ts-check
/**
 * Checking what the user typed into the options page, before it is saved or sent. Pure; used by
 * the options page (to explain) and by the background (to never trust the message).
 */

/**
 * @typedef {object} Credentials
 * @property {string} consumerKey
 * @property {string} consumerSecret
 * @property {string} [token]
 * @property {string} [tokenSecret]
 *
 * @typedef {{ ok: true, value: Credentials } | { ok: false, field: keyof Credentials, problem: Problem }} Checked
 */

export const API_VERSIONS = Object.freeze(["auto", "2", "1.1"]);

/**
 * @typedef {"empty" | "space" | "notAscii" | "tooLong"} Problem
 */

/**
 * Why `value` cannot be a key or token, or null when it can (shared/words.js says it).
 * @param {unknown} value
 * @returns {Problem | null}
 */
function problem(value) {
  if (typeof value !== "string" || value === "") return "empty";
  if (/\s/.test(value)) return "space";
  if (/[^\x21-\x7e]/.test(value)) return "notAscii";
  if (value.length > 200) return "tooLong";
  return null;
}

/**
 * @param {Partial<Record<keyof Credentials, unknown>>} input
 * @param {{ tokenRequired?: boolean }} [options]
 * @returns {Checked}
 */
export function checkCredentials(input, { tokenRequired = false } = {}) {
  const fields = /** @type {const} */ (["consumerKey", "consumerSecret", "token", "tokenSecret"]);
  const hasToken = Boolean(input.token || input.tokenSecret);
  for (const field of fields) {
    const isToken = field === "token" || field === "tokenSecret";
    if (isToken && !hasToken && !tokenRequired) continue;
    const found = problem(input[field]);
    if (found) return { ok: false, field, problem: found };
  }
  /** @type {Credentials} */
  const value = { consumerKey: String(input.consumerKey), consumerSecret: String(input.consumerSecret) };
  if (hasToken) Object.assign(value, { token: String(input.token), tokenSecret: String(input.tokenSecret) });
  return { ok: true, value };
}

/**
 * The PIN X shows after authorising, or null.
 * @param {unknown} pin
 */
export function checkPin(pin) {
  const trimmed = typeof pin === "string" ? pin.trim() : "";
  return /^[0-9]{4,12}$/.test(trimmed) ? trimmed : null;
}
