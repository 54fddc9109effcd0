// @ts-check
/**
 * The queue's rules, as pure functions of their inputs (no storage, no clock, no randomness:
 * callers pass `now` and `random`). queue.js applies them to the stored queue.
 *
 * - What a failure means: retry later, wait for X's rate-limit reset, pause until the user
 *   signs in again, or fail for good.
 * - When to retry: exponential back-off with jitter, at most MAX_ATTEMPTS tries, about ten
 *   minutes from the first to the last.
 * - X's limit of 50 mutes and 50 unmutes per 15 minutes, counted here before X has to say so.
 * - What a new click means next to the one already queued for the same account.
 */
import { tokenUserId } from "./ids.js";

/** Tries for one action before it fails (the first send and four retries). */
export const MAX_ATTEMPTS = 5;
/** The first retry's delay; each next one doubles: 40 s, 80 s, 160 s, 320 s = 10 minutes. */
export const BACKOFF_BASE_MS = 40_000;
/** Each back-off delay is scaled by a random factor in [1 - JITTER, 1 + JITTER]. */
export const BACKOFF_JITTER = 0.2;
/** X's window for the mute and unmute limits. */
export const WINDOW_MS = 15 * 60 * 1000;
/** X's documented limit per window, for mutes and for unmutes separately, per account. */
export const WINDOW_LIMIT = 50;
/** Added to a rate-limit reset time: 1 to 3 seconds, so waiting clients do not all arrive at once. */
export const RESET_JITTER_MS = [1000, 3000];
/** The shortest wait after a 429, doubled with each one in a row (a skewed clock can make X's
 * reset time look past). */
export const MIN_RATE_WAIT_MS = 2000;
/** When X gives no reset time, wait one window. */
export const DEFAULT_RATE_WAIT_MS = WINDOW_MS;

/**
 * @typedef {"retry" | "rate" | "pause" | "permanent"} FailureKind
 * - `retry`: the request may not have reached X, or X failed (Network, Timeout, Server,
 *   BadResponse, and anything unexpected): try again later, at most MAX_ATTEMPTS times.
 * - `rate`: X's rate limit (RateLimited): wait for its reset time; does not use up attempts.
 * - `pause`: nothing can be sent until the user does something: X refused the keys
 *   (Unauthorized) or there are none (NotSignedIn), the app is out of credits (CreditsDepleted),
 *   or a usage cap is reached (UsageCapped). The whole queue pauses and keeps every action; it
 *   resumes when the credentials change or the user presses Resume.
 * - `permanent`: X answered and will answer the same again (CannotMute, InvalidInput, Forbidden,
 *   NotEnrolled, Rejected, TimestampRejected): fail now with X's reason.
 */

const PAUSE = new Set(["Unauthorized", "NotSignedIn", "CreditsDepleted", "UsageCapped"]);
const PERMANENT = new Set(["CannotMute", "InvalidInput", "Forbidden", "NotEnrolled", "Rejected", "TimestampRejected"]);

/**
 * @param {{ name?: string }} error  an error as JSON (errors.js)
 * @returns {FailureKind}
 */
export function classify(error) {
  const name = error?.name ?? "";
  if (name === "RateLimited") return "rate";
  if (PAUSE.has(name)) return "pause";
  if (PERMANENT.has(name)) return "permanent";
  // Network, Timeout, Server(status) and BadResponse(status): a malformed or unexpected answer is
  // most often a proxy's or a captive portal's page, or a body cut short; mute and unmute are
  // idempotent, so another try does no harm, and the attempts are capped. Unknown names too.
  return "retry";
}

/**
 * Whether a failed request may still have changed X's state (it may have been sent and
 * processed): then a later opposite click must be sent, not just cancel this one.
 * @param {{ name?: string }} error
 */
export function mayHaveLanded(error) {
  return classify(error) === "retry";
}

/**
 * The delay before the next try, after `failures` failed tries (1 after the first).
 * @param {number} failures
 * @param {number} random  in [0, 1)
 */
export function backoffMs(failures, random) {
  const base = BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1);
  return Math.round(base * (1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random));
}

/**
 * When to try again after a 429.
 * @param {{ resetAt?: number }} error  `resetAt` in Unix seconds, from `x-rate-limit-reset`
 * @param {number} now  milliseconds
 * @param {number} inARow  429s in a row for this action, this one included
 * @param {number} random  in [0, 1)
 */
export function rateLimitedUntil(error, now, inARow, random) {
  const [low, high] = RESET_JITTER_MS;
  const jitter = Math.round(low + (high - low) * random);
  const reset = typeof error?.resetAt === "number" ? error.resetAt * 1000 + jitter : now + DEFAULT_RATE_WAIT_MS;
  return Math.max(reset, now + MIN_RATE_WAIT_MS * 2 ** Math.min(Math.max(inARow, 1) - 1, 10));
}

/**
 * The requests for one action still inside the window, oldest first.
 * @param {number[] | undefined} sent  times (ms) of requests sent
 * @param {number} now
 */
export function inWindow(sent, now) {
  return (sent ?? []).filter((time) => time > now - WINDOW_MS && time <= now).sort((a, b) => a - b);
}

/**
 * When a request for an action may be sent: now (null), or the time the window frees a slot.
 * @param {number[] | undefined} sent  times of this action's requests
 * @param {number} now
 * @param {number} limit  WINDOW_LIMIT, lower only in tests
 * @returns {number | null}
 */
export function windowFreesAt(sent, now, limit) {
  const recent = inWindow(sent, now);
  if (recent.length < limit) return null;
  return recent[recent.length - limit] + WINDOW_MS;
}

/**
 * @typedef {"mute" | "unmute"} Action
 * @typedef {{ action: Action, status: "queued" | "running" | "failed", landed?: boolean,
 *             then?: Action }} Existing
 * @typedef {"add" | "keep" | "cancel" | "replace" | "follow"} IntentDecision
 * - `add`: nothing for this account yet: queue the action;
 * - `keep`: the same action is already queued or running (a double click): nothing to do;
 * - `cancel`: the opposite action is queued and was never sent (or surely refused): they cancel
 *   out, nothing is sent;
 * - `replace`: a failed action, or a queued opposite one that may have reached X: the new action
 *   takes its place;
 * - `follow`: the opposite action is being sent: the new one runs after it (last intent wins).
 */

/**
 * What a click for `action` means, given what is already queued for the same account.
 * @param {Existing | undefined} existing
 * @param {Action} action
 * @returns {IntentDecision}
 */
export function decideIntent(existing, action) {
  if (!existing) return "add";
  if (existing.status === "running") return existing.action === action && !existing.then ? "keep" : "follow";
  if (existing.status === "failed") return "replace";
  if (existing.action === action) return "keep";
  return existing.landed ? "replace" : "cancel";
}

/**
 * The account credentials belong to: the stored user id, else the digits X puts before `-` in
 * an access token; null when unknown.
 * @param {{ userId?: string, token?: string } | undefined} credentials
 */
export function accountOf(credentials) {
  if (credentials?.userId) return credentials.userId;
  return tokenUserId(credentials?.token);
}
