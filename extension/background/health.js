// @ts-check
/**
 * Selector health, kept in the browser: the content script says when it could not find its
 * place on a kind of page for a few seconds (X changed its page) and when it found it again
 * (content/health.js). The background keeps one record per page kind in `chrome.storage.local`
 * (`selectorHealth: { [kind]: { since } }`) for the options page to show. Nothing leaves the
 * browser.
 */
import { namedError } from "../shared/errors.js";
import { t } from "../shared/i18n.js";
import { transact } from "./store.js";

/** The page kinds the content script may report. */
export const PAGE_KINDS = Object.freeze(["profile"]);
export const HEALTH_KEY = "selectorHealth";

/**
 * The `health` message, checked: `{ kind, found }`.
 * @param {Record<string, unknown>} message
 * @returns {{ kind: string, found: boolean }}
 */
export function checkHealth(message) {
  const { kind, found } = message;
  if (typeof kind !== "string" || !PAGE_KINDS.includes(kind) || typeof found !== "boolean") {
    throw namedError("InvalidInput", t("refusedHealth"));
  }
  return { kind, found };
}

/**
 * The record after a report: a new problem keeps the first time it was seen; a find clears it.
 * Pure; returns `records` itself when nothing changes (nothing to write).
 * @param {Record<string, { since: number }> | undefined} records
 * @param {{ kind: string, found: boolean }} report
 * @param {number} now
 */
export function nextHealth(records = {}, { kind, found }, now) {
  if (found) {
    if (!records[kind]) return records;
    const { [kind]: _gone, ...rest } = records;
    return rest;
  }
  if (records[kind]) return records;
  return { ...records, [kind]: { since: now } };
}

/**
 * Records a report from the content script. Reads and writes only `selectorHealth`, in turn
 * with the background's other changes, and writes only when it changes (most reports say
 * "found" with nothing recorded).
 * @param {Record<string, unknown>} message
 */
export async function recordHealth(message) {
  const report = checkHealth(message);
  await transact([HEALTH_KEY], (s) => {
    const current = s[HEALTH_KEY] ?? {};
    const next = nextHealth(current, report, Date.now());
    if (next === current) return;
    return Object.keys(next).length ? { set: { [HEALTH_KEY]: next } } : { remove: [HEALTH_KEY] };
  });
  return {};
}
