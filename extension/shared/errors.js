// @ts-check
/**
 * Errors as plain JSON. Replies cross a structured-clone boundary where `Error` objects lose
 * their fields, so every error becomes `{ name, message, ...fields }` here and only here.
 */
import { t } from "./i18n.js";

/** The fields the wasm core puts on its errors (see src/js.rs) that are safe to pass on. */
const FIELDS = ["field", "resetAt", "serverTime", "detail", "code", "status", "timeoutMs", "reason", "requiredEnrollment", "period",
  "budget", "spent", "cost"];

/**
 * @typedef {{ name: string, message: string, [field: string]: unknown }} ErrorJson
 */

/**
 * An `Error` with a `name` and extra fields, for XMute's own failures.
 * @param {string} name
 * @param {string} message
 * @param {Record<string, unknown>} [fields]
 */
export function namedError(name, message, fields = {}) {
  return Object.assign(new Error(message), fields, { name });
}

/**
 * @param {unknown} error  anything thrown
 * @returns {ErrorJson}
 */
export function toErrorJson(error) {
  if (!(error instanceof Error)) {
    return { name: "Error", message: typeof error === "string" ? error : t("errorOther") };
  }
  /** @type {ErrorJson} */
  const json = { name: error.name || "Error", message: error.message };
  const record = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error));
  for (const field of FIELDS) {
    const value = record[field];
    if (typeof value === "string" || typeof value === "number") json[field] = value;
  }
  return json;
}
