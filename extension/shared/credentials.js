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
 * @typedef {{ ok: true, value: Credentials } | { ok: false, field: string, message: string }} Checked
 */

/** Field names as the options page shows them. */
const LABELS = Object.freeze({
  consumerKey: "API key (consumer key)",
  consumerSecret: "API key secret (consumer secret)",
  token: "Access token",
  tokenSecret: "Access token secret",
});

export const API_VERSIONS = Object.freeze(["auto", "2", "1.1"]);

/**
 * Why `value` cannot be a key or token, or null when it can.
 * @param {unknown} value
 * @param {string} label
 */
function problem(value, label) {
  if (typeof value !== "string" || value === "") return `${label} is empty.`;
  if (/\s/.test(value)) return `${label} contains a space or line break. Copy it again without them.`;
  if (/[^\x21-\x7e]/.test(value)) {
    return `${label} contains a character that is not plain ASCII (a curly quote or dash?). Copy it again.`;
  }
  if (value.length > 200) return `${label} is too long to be an X key.`;
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
    const message = problem(input[field], LABELS[field]);
    if (message) return { ok: false, field, message };
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
