// @ts-check
/**
 * What XMute tells the user about an account's state and about failures: the one place these
 * sentences are put together. The buttons on x.com (content scripts) and the options page (its
 * queue and history) import them, so both say the same thing; the words themselves are messages
 * in the user's language (i18n.js, extension/_locales).
 */
import { t, locale } from "./i18n.js";
import { MAX_ATTEMPTS, classify } from "./policy.js";
import { PRICES, formatUsd } from "./prices.js";
import { LATE_AFTER_MS, daysOf } from "./timed.js";

/**
 * @typedef {{ name: string, message?: string, resetAt?: number, [field: string]: unknown }} ErrorJson
 * @typedef {{ action: "mute" | "unmute", status: string, runAt?: number, reason?: string,
 *             attempts?: number, error?: ErrorJson, until?: number }} Pending
 */

/** A time of day in the user's language and clock format. @param {number} ms */
export function clock(ms) {
  return new Date(ms).toLocaleTimeString(locale(), { hour: "2-digit", minute: "2-digit" });
}

/**
 * A day and a time in the user's language ("Mon 14:05"); the date instead of the weekday
 * when it is more than six days from `now` ("Jan 6, 14:05").
 * @param {number} ms
 * @param {number} [now]
 */
export function dayClock(ms, now = Date.now()) {
  const far = Math.abs(ms - now) > 6 * 24 * 60 * 60 * 1000;
  const day = far ? { month: "short", day: "numeric" } : { weekday: "short" };
  return new Date(ms).toLocaleString(locale(), { .../** @type {Intl.DateTimeFormatOptions} */ (day), hour: "2-digit", minute: "2-digit" });
}

/** @param {ErrorJson | undefined} error */
function cause(error) {
  switch (error?.name) {
    case "Network":
      return t("causeNetwork");
    case "Timeout":
      return t("causeTimeout");
    case "Server":
    case "BadResponse":
      return t("causeServer");
    default:
      return t("causeOther");
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
  const mute = pending.action === "mute";
  const at = pending.runAt ? clock(pending.runAt) : null;
  switch (pending.reason) {
    case "timed":
      return t("timedQueued", pending.runAt ? dayClock(pending.runAt) : "");
    case "paused":
      return t(mute ? "queuedPausedMute" : "queuedPausedUnmute", errorText(pending.error ?? { name: "Unauthorized" }));
    case "budget":
      return errorText(pending.error ?? { name: "OverBudget" });
    case "retry":
      // A timed unmute keeps trying until it reaches X.
      if (pending.until) return t("timedQueuedRetry", cause(pending.error), at ?? "", dayClock(pending.until));
      return t("queuedRetry", cause(pending.error), at ?? "", (pending.attempts ?? 1) + 1, MAX_ATTEMPTS);
    case "window":
      return t(mute ? "queuedWindowMute" : "queuedWindowUnmute", at ?? "");
    case "interrupted":
      return t("queuedInterrupted", at ?? "");
    case "rate-limit":
    case undefined:
      if (at) return t(mute ? "queuedRateLimitMute" : "queuedRateLimitUnmute", at);
      return t(mute ? "queuedRateLimitMuteLater" : "queuedRateLimitUnmuteLater");
    default:
      if (at) return t(mute ? "queuedMute" : "queuedUnmute", at);
      return t(mute ? "queuedMuteSoon" : "queuedUnmuteSoon");
  }
}

/**
 * What to tell the user about an action that failed in the queue: why, and how many tries.
 * @param {Pending} pending
 */
export function failedText(pending) {
  const error = pending.error ?? { name: "Error" };
  const tries = pending.attempts ?? 1;
  return classify(error) === "retry" && tries > 1 ? t("failedGaveUp", errorText(error), tries) : errorText(error);
}

/** X's words about a refusal, or that it gave none. @param {ErrorJson} error */
const xWords = (error) => String(error.detail ?? t("noReasonGiven"));

/**
 * What to tell the user about a failed action: always something they can do.
 * @param {ErrorJson} error
 */
export function errorText(error) {
  switch (error.name) {
    case "NotSignedIn":
      return t("errorNotSignedIn");
    case "NotSent":
      return t("accountNotSent");
    case "Unauthorized":
      return t("errorUnauthorized");
    case "NotEnrolled":
      if (error.reason) return t("errorNotEnrolledReason", String(error.reason));
      if (error.code) return t("errorNotEnrolledCode", String(error.code));
      return t("errorNotEnrolled");
    case "CreditsDepleted":
      return t("errorCreditsDepleted");
    case "UsageCapped":
      return String(error.period ?? "Monthly").toLowerCase() === "monthly" ? t("errorUsageCappedMonthly") : t("errorUsageCapped");
    case "OverBudget":
      if (error.field === "max") return t("errorOverBudgetRead");
      return typeof error.budget === "number" ? t("errorOverBudget", formatUsd(error.budget)) : t("errorOverBudgetNoAmount");
    case "CannotMute":
      return t("errorCannotMute", xWords(error));
    case "Forbidden":
      return t("errorForbidden", xWords(error));
    case "Rejected":
      return error.status ? t("errorRejectedStatus", String(error.status), xWords(error)) : t("errorRejected", xWords(error));
    case "TimestampRejected":
      return t("errorTimestampRejected");
    case "RateLimited":
      return error.resetAt ? t("errorRateLimitedUntil", clock(Number(error.resetAt) * 1000)) : t("errorRateLimited");
    case "Network":
      return t("errorNetwork");
    case "Timeout":
      return t("errorTimeout");
    case "Server":
    case "BadResponse":
      return t("errorServer");
    case "ExtensionUnavailable":
      return t("errorExtensionUnavailable");
    default:
      // XMute's own refusals carry their words (in the user's language) from the background.
      return error.message || t("errorOther");
  }
}

/**
 * The tooltip of a button: what a click does and what X charges for it, so that no click
 * spends the user's credits without saying so.
 * @param {"mute" | "unmute"} action
 * @param {string} screenName
 */
export function actionTitle(action, screenName) {
  return t(action === "mute" ? "buttonTitleMute" : "buttonTitleUnmute", screenName, formatUsd(PRICES[action]));
}

/**
 * A count with its noun, in the user's language ("1 mute", "3 mutes").
 * @param {number} n
 * @param {string} one  the message for the plural category "one"
 * @param {string} other  the message for the rest
 * @param {...string} more  the message's further substitutions
 */
export function counted(n, one, other, ...more) {
  return t(new Intl.PluralRules(locale()).select(n) === "one" ? one : other, n.toLocaleString(locale()), ...more);
}

/**
 * This month's spend by XMute, for the options page: "This month: 3 mutes, 1 unmute, 212
 * muted accounts read: about $0.25".
 * @param {import("./spend.js").MonthSpend} month
 */
export function describeSpend(month) {
  const parts = [
    month.mutes ? counted(month.mutes, "countMutesOne", "countMutesOther") : "",
    month.unmutes ? counted(month.unmutes, "countUnmutesOne", "countUnmutesOther") : "",
    month.mutedAccountsRead ? counted(month.mutedAccountsRead, "countAccountsReadOne", "countAccountsReadOther") : "",
    month.usersRead ? counted(month.usersRead, "countUsersLookedUpOne", "countUsersLookedUpOther") : "",
  ].filter(Boolean);
  if (parts.length === 0) return t("spendNothing");
  return t("spendMonth", parts.join(t("listSeparator")), formatUsd(month.micros));
}

/** How a history entry's note code (background/queue.js) reads. */
const NOTES = Object.freeze({
  "cancelled-by-mute": "noteCancelledByMute",
  "cancelled-by-unmute": "noteCancelledByUnmute",
  "replaced-by-mute": "noteReplacedByMute",
  "replaced-by-unmute": "noteReplacedByUnmute",
  "cancelled-here": "noteCancelledHere",
  "other-account": "noteOtherAccount",
  "gave-up": "noteGaveUp",
  timed: "timedNoteOnTime",
  "timed-not-muted": "timedNoteNotMuted",
  "timed-muted-again": "timedNoteMutedAgain",
  "timed-unmuted-early": "timedNoteUnmutedEarly",
  "timed-kept": "timedNoteKept",
  "import-ended": "noteImportEnded",
});

/**
 * Why a history entry ended as it did, in the user's language ("" when there is nothing to add).
 * @param {{ note?: string, attempts?: number, at?: number, due?: number }} entry
 */
export function noteText(entry) {
  if (!entry.note) return "";
  if (entry.note === "timed-late") return t("timedNoteLate", dayClock(entry.due ?? 0, entry.at ?? Date.now()));
  const key = NOTES[/** @type {keyof typeof NOTES} */ (entry.note)];
  // Entries written by XMute 0.1 carry English words: shown as they are.
  return key ? t(key, entry.attempts ?? 0) : entry.note;
}

/** The options page's name of each credential field. */
const FIELD_LABELS = Object.freeze({
  consumerKey: "labelConsumerKey",
  consumerSecret: "labelConsumerSecret",
  token: "labelToken",
  tokenSecret: "labelTokenSecret",
});

/** What is wrong with a key or token typed into the options page (credentials.js). */
const CREDENTIAL_PROBLEMS = Object.freeze({
  empty: "credentialEmpty",
  space: "credentialSpace",
  notAscii: "credentialNotAscii",
  tooLong: "credentialTooLong",
});

/**
 * @param {{ field: keyof typeof FIELD_LABELS, problem: keyof typeof CREDENTIAL_PROBLEMS }} checked
 */
export function credentialProblem({ field, problem }) {
  return t(CREDENTIAL_PROBLEMS[problem], t(FIELD_LABELS[field]));
}

/** What XMute looks for on each kind of page (selector health), as a message. */
const HEALTH_MESSAGES = Object.freeze({ profile: "healthProfile" });

/**
 * What the options page says when XMute could not find its place on a kind of page (X changed
 * its page): "XMute could not find the Follow button on profile pages since 3 March 2027: x.com
 * may have changed; an update is needed."
 * @param {string} kind  a page kind (background/health.js)
 * @param {number} since  when it was first noticed
 */
export function healthText(kind, since) {
  const date = new Date(since).toLocaleDateString(locale(), { dateStyle: "long" });
  const key = HEALTH_MESSAGES[/** @type {keyof typeof HEALTH_MESSAGES} */ (kind)];
  return key ? t(key, date) : t("healthOther", kind, date);
}

/** A mute's length in the user's language ("1 day", "7 days"). @param {number} ms */
export function lengthText(ms) {
  return counted(daysOf(ms), "timedDaysOne", "timedDaysOther");
}

/**
 * What a timed mute costs, for the menu and the tooltip: "about $0.01 now and $0.005 when it
 * ends" (the unmute is a second billed call).
 */
function timedCost() {
  return t("timedCost", formatUsd(PRICES.mute), formatUsd(PRICES.unmute));
}

/**
 * A menu item of the profile button, as its name and its description: "Mute for 7 days", "X
 * charges about $0.01 now and $0.005 when it ends".
 * @param {number} ms  the length; 0 for no end
 */
export function muteForLines(ms) {
  return ms > 0
    ? [t("timedMenuLength", lengthText(ms)), timedCost()]
    : [t("timedMenuNoEnd"), t("timedMenuPrice", formatUsd(PRICES.mute))];
}

/** The menu item that keeps a timed mute with no end, as its name and description. */
export function keepMutedLines() {
  return [t("timedMenuKeep"), t("timedMenuKeepCost")];
}

/**
 * The Mute button's tooltip when the options page set a default length.
 * @param {string} screenName
 * @param {number} ms
 */
export function muteForTitle(screenName, ms) {
  return t("timedButtonTitle", screenName, lengthText(ms), timedCost());
}

/** A muted account's button while its timed unmute waits: "Muted until Mon 14:05". @param {number} until */
export function mutedUntilText(until) {
  return t("timedMutedUntil", dayClock(until));
}

/**
 * The tooltip of such a button: unmuting now, what it costs, and when XMute would unmute.
 * @param {string} screenName
 * @param {number} until
 */
export function unmuteEarlyTitle(screenName, until) {
  return t("timedTitleUnmute", screenName, formatUsd(PRICES.unmute), dayClock(until));
}

/**
 * What the profile button says after a timed unmute ran: when, and when it was due if late.
 * @param {{ at: number, due: number }} ended
 */
export function timedEndedText(ended) {
  return ended.at - ended.due > LATE_AFTER_MS
    ? t("timedEndedLate", dayClock(ended.at), dayClock(ended.due, ended.at))
    : t("timedEnded", dayClock(ended.at));
}
