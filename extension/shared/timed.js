// @ts-check
/**
 * Timed mutes: the lengths a mute may have (the profile button's menu, the options page's
 * default) and when a timed unmute counts as late. Pure; the queue (background/queue.js) keeps
 * the timed unmute as a waiting item, the words are shared/words.js.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The lengths a mute may have, in days, in the order the menu offers them. */
export const MUTE_DAYS = Object.freeze([1, 7, 30]);

/** The lengths in milliseconds; 0 is a mute without an end. */
export const MUTE_LENGTHS = Object.freeze([0, ...MUTE_DAYS.map((days) => days * DAY_MS)]);

/** A timed unmute sent this long after its time is reported as late (the browser was closed, offline...). */
export const LATE_AFTER_MS = 5 * 60 * 1000;

/** @param {number} days */
export function daysMs(days) {
  return days * DAY_MS;
}

/** Whole days in a mute length. @param {number} ms */
export function daysOf(ms) {
  return Math.round(ms / DAY_MS);
}

/**
 * Whether `value` is a length a mute may have (0: no end).
 * @param {unknown} value
 * @returns {value is number}
 */
export function isMuteLength(value) {
  return typeof value === "number" && MUTE_LENGTHS.includes(value);
}

/**
 * The guard a timed unmute keeps: it may unmute only while the mute it ends is the one on
 * record (not unmuted since, not muted again). `record` is the person's mute record (`m:`).
 * @param {{ muted?: boolean, at?: number } | undefined} record
 * @param {{ mutedAt: number }} timed
 * @returns {"ok" | "not-muted" | "muted-again"}
 */
export function timedGuard(record, timed) {
  if (!record?.muted) return "not-muted";
  return record.at === timed.mutedAt ? "ok" : "muted-again";
}
