// @ts-check
/**
 * What XMute tells the user about an account's state and about failures: the one place these
 * sentences live. The buttons on x.com (content scripts) and the options page (its queue and
 * history) import them, so both say the same thing.
 */
import { MAX_ATTEMPTS, classify } from "./policy.js";

/**
 * @typedef {{ name: string, message?: string, resetAt?: number, [field: string]: unknown }} ErrorJson
 * @typedef {{ action: "mute" | "unmute", status: string, runAt?: number, reason?: string,
 *             attempts?: number, error?: ErrorJson }} Pending
 */

/** A time of day in the user's clock format. @param {number} ms */
export function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** @param {ErrorJson | undefined} error */
function cause(error) {
  switch (error?.name) {
    case "Network":
      return "Can't reach X.";
    case "Timeout":
      return "X didn't answer in time.";
    case "Server":
    case "BadResponse":
      return "X is having trouble.";
    default:
      return "Something went wrong.";
  }
}

/**
 * Muted as a button should show it: a queued action shows the state it will make.
 * @param {{ muted: boolean, pending?: Pending }} user
 */
export function intendedMuted(user) {
  return user.pending?.status === "queued" ? user.pending.action === "mute" : user.muted;
}

/**
 * Why an action waits in the queue, and until when.
 * @param {Pending} pending
 */
export function queuedText(pending) {
  const verb = pending.action === "mute" ? "mutes" : "unmutes";
  const at = pending.runAt ? clock(pending.runAt) : null;
  switch (pending.reason) {
    case "paused":
      return `${errorText(pending.error ?? { name: "Unauthorized" })} The ${pending.action} waits until then.`;
    case "retry":
      return `${cause(pending.error)} Trying again at ${at} (try ${(pending.attempts ?? 1) + 1} of ${MAX_ATTEMPTS}).`;
    case "window":
      return `Queued: ${verb} at ${at} (X allows 50 per 15 minutes).`;
    case "interrupted":
      return `Interrupted: checking with X at ${at}.`;
    case "rate-limit":
    case undefined:
      return at ? `Rate limited: ${verb} at ${at}.` : `Rate limited: ${verb} later.`;
    default:
      return at ? `Queued: ${verb} at ${at}.` : `Queued: ${verb} soon.`;
  }
}

/**
 * What to tell the user about an action that failed in the queue: why, and how many tries.
 * @param {Pending} pending
 */
export function failedText(pending) {
  const error = pending.error ?? { name: "Error" };
  const tries = pending.attempts ?? 1;
  return classify(error) === "retry" && tries > 1 ? `${errorText(error)} Gave up after ${tries} tries.` : errorText(error);
}

/**
 * What to tell the user about a failed action: always something they can do.
 * @param {ErrorJson} error
 */
export function errorText(error) {
  switch (error.name) {
    case "NotSignedIn":
      return "Add your API keys in XMute's options.";
    case "Unauthorized":
      return "X refused your keys. Sign in again in XMute's options.";
    case "NotEnrolled":
      return "Your X app can't use API v2. Choose auto or v1.1 in XMute's options.";
    case "TimestampRejected":
      return "X rejected the time. Check your computer's clock.";
    case "RateLimited":
      return error.resetAt ? `Rate limited until ${clock(error.resetAt * 1000)}.` : "Rate limited. Try later.";
    case "Network":
      return "Can't reach X. Check your connection and try again.";
    case "Timeout":
      return "X didn't answer in time. Try again.";
    case "Server":
    case "BadResponse":
      return "X is having trouble. Try again later.";
    case "ExtensionUnavailable":
      return "XMute was updated. Reload this page.";
    default:
      return error.message || "Something went wrong. Try again.";
  }
}
