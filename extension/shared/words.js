// @ts-check
/**
 * What XMute tells the user about an account's state and about failures: the one place these
 * sentences live. The buttons on x.com (content scripts) and the options page (its queue and
 * history) import them, so both say the same thing.
 */
import { MAX_ATTEMPTS, classify } from "./policy.js";
import { PRICES, formatUsd } from "./prices.js";

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
    case "budget":
      return errorText(pending.error ?? { name: "OverBudget" });
    case "retry":
      return `${cause(pending.error)} Trying again at ${at} (try ${(pending.attempts ?? 1) + 1} of ${MAX_ATTEMPTS}).`;
    case "window":
      return `Queued: ${verb} at ${at} (X allows 50 per 15 minutes).`;
    case "interrupted":
      return `Interrupted: sending again at ${at}.`;
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
      return `X says your app has no access to this${error.reason ? ` (${error.reason})` : error.code ? ` (code ${error.code})` : ""}. `
        + "Give the app pay-per-use access in the X Developer Console (console.x.com), then try again.";
    case "CreditsDepleted":
      return "Your X app is out of credits. Add credits in the X Developer Console, then press Resume in XMute's options.";
    case "UsageCapped":
      return `X's ${String(error.period ?? "monthly").toLowerCase()} usage cap for your app is reached. `
        + "Raise it in the X Developer Console or wait for the next period, then press Resume in XMute's options.";
    case "OverBudget":
      return typeof error.budget === "number"
        ? `Held: this would take XMute's spending this month past your budget of ${formatUsd(error.budget)}. `
          + "Raise the budget, or send it anyway, in XMute's options."
        : "Held: this would take XMute's spending this month past your budget. Raise it in XMute's options.";
    case "Rejected":
      return `X refused this${error.status ? ` (HTTP ${error.status})` : ""}: ${error.detail ?? error.message ?? "no reason given"}`;
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

/**
 * The tooltip of a button: what a click does and what X charges for it, so that no click
 * spends the user's credits without saying so.
 * @param {"mute" | "unmute"} action
 * @param {string} screenName
 */
export function actionTitle(action, screenName) {
  const verb = action === "mute" ? "Mute" : "Unmute";
  return `${verb} @${screenName} with XMute (X charges about ${formatUsd(PRICES[action])})`;
}

/**
 * This month's spend by XMute, for the options page: "This month: 3 mutes, 1 unmute, 212
 * muted accounts read: about $0.25".
 * @param {import("./spend.js").MonthSpend} month
 */
export function describeSpend(month) {
  /** @param {number} n @param {string} one @param {string} many */
  const count = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  const parts = [
    month.mutes ? count(month.mutes, "mute", "mutes") : "",
    month.unmutes ? count(month.unmutes, "unmute", "unmutes") : "",
    month.mutedAccountsRead ? `${count(month.mutedAccountsRead, "muted account", "muted accounts")} read` : "",
    month.usersRead ? count(month.usersRead, "account looked up", "accounts looked up") : "",
  ].filter(Boolean);
  if (parts.length === 0) return "This month: nothing X charges for yet.";
  return `This month: ${parts.join(", ")}: about ${formatUsd(month.micros)}.`;
}

/** What XMute looks for on each kind of page (selector health). */
const HEALTH_PLACES = /** @type {Record<string, string>} */ ({ profile: "the Follow button on profile pages" });

/**
 * What the options page says when XMute could not find its place on a kind of page (X changed
 * its page): "XMute could not find the Follow button on profile pages since 3 March 2027: x.com
 * may have changed; an update is needed."
 * @param {string} kind  a page kind (background/health.js)
 * @param {number} since  when it was first noticed
 */
export function healthText(kind, since) {
  const place = HEALTH_PLACES[kind] ?? `its place on ${kind} pages`;
  const date = new Date(since).toLocaleDateString([], { dateStyle: "long" });
  return `XMute could not find ${place} since ${date}: x.com may have changed; an update is needed. `
    + "Until then XMute's button may be missing there.";
}
