// @ts-check
/**
 * The options page's "Muted accounts" and "On x.com" sections: reading the muted accounts from
 * X, up to the number the user gives, with what that costs on the button (and saying when X's
 * limit allows the next read), the tweet-buttons switch, and the keys the shortcut has in this
 * browser. Reads `muteList` and `display` from storage (the options page is a trusted page) and
 * follows their changes; every change goes through the background.
 */
import { t } from "../shared/i18n.js";
import { PRICES, formatUsd } from "../shared/prices.js";
import { clock, counted, errorText } from "../shared/words.js";
import { credentialsOf } from "../shared/accounts.js";
import { ACCOUNT_EVENT, viewedAccount } from "./accounts.js";

const list = /** @type {HTMLElement} */ (document.getElementById("mute-list"));
const refresh = /** @type {HTMLButtonElement} */ (document.getElementById("refresh-mutes"));
const tweetButtons = /** @type {HTMLInputElement} */ (document.getElementById("tweet-buttons"));
const shortcutHint = /** @type {HTMLElement} */ (document.getElementById("shortcut-hint"));
const readMax = /** @type {HTMLInputElement} */ (document.getElementById("mute-read-max"));

/** The number of accounts to read, or null when the field holds no whole number in range. */
function wanted() {
  const max = Number(readMax.value);
  return Number.isInteger(max) && max >= 1 && max <= 1_000_000 ? max : null;
}

/** The button says what a click reads and costs at most. */
function labelRead() {
  const max = wanted();
  readMax.setAttribute("aria-invalid", String(max === null));
  refresh.textContent = max === null
    ? t("readButton")
    : counted(max, "readButtonUpToOne", "readButtonUpToOther", formatUsd(max * PRICES.mutedAccountRead));
}

/**
 * What to say about the last read of the mute list.
 * @param {{ refreshedAt?: number, count?: number, complete?: boolean, cost?: number,
 *           error?: { name: string, message?: string }, retryAt?: number } | undefined} muteList
 * @param {boolean} signedIn
 * @returns {[string, boolean]}  the sentence, and whether it is an error
 */
function describe(muteList, signedIn) {
  const count = muteList?.count ?? 0;
  const last = muteList?.refreshedAt
    ? t(muteList.complete === false ? "readResultPartial" : "readResult", counted(count, "countMutedAccountsOne", "countMutedAccountsOther"),
      clock(muteList.refreshedAt), formatUsd(muteList.cost ?? 0))
    : "";
  if (muteList?.retryAt && muteList.retryAt > Date.now()) {
    return [`${last} ${t("readLimitReached", clock(muteList.retryAt))}`.trim(), true];
  }
  if (muteList?.error) return [`${last} ${t("readFailed", errorText(muteList.error))}`.trim(), true];
  if (last) return [last, false];
  return [signedIn ? t("readNotYet") : t("readNeedsSignIn"), false];
}

/** @param {string} text @param {boolean} isError */
function showList(text, isError) {
  list.textContent = text;
  list.classList.toggle("error", isError);
}

async function load() {
  /** @type {Record<string, any>} */
  const { muteList, display, ...signedIn } = await chrome.storage.local.get(["muteList", "display", "credentials", "accounts"]);
  const credentials = credentialsOf(signedIn, viewedAccount(signedIn));
  // A read made under other credentials (another account, or before the last sign-in) says nothing now.
  const current = muteList?.savedAt === credentials?.savedAt ? muteList : undefined;
  showList(...describe(current, Boolean(credentials?.token)));
  tweetButtons.checked = display?.tweetButtons === true;
}

refresh.addEventListener("click", async () => {
  const max = wanted();
  if (max === null) {
    showList(t("readMaxInvalid"), true);
    readMax.focus();
    return;
  }
  refresh.disabled = true;
  showList(t("reading"), false);
  try {
    const acct = viewedAccount(await chrome.storage.local.get(["credentials", "accounts"]));
    const reply = await chrome.runtime.sendMessage({ type: "refreshMutes", max, ...(acct ? { acct } : {}) }).catch(() => null);
    if (!reply) showList(t("backgroundSilent"), true);
    // A refusal before anything was sent (the budget) is not stored: show it here.
    else if (!reply.ok && reply.error?.name === "OverBudget") showList(errorText(reply.error), true);
    else await load();
  } finally {
    refresh.disabled = false;
  }
});
readMax.addEventListener("input", labelRead);

tweetButtons.addEventListener("change", async () => {
  const reply = await chrome.runtime.sendMessage({ type: "setTweetButtons", enabled: tweetButtons.checked }).catch(() => null);
  if (!reply?.ok) await load();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.muteList || changes.display || changes.credentials || changes.accounts)) load();
});
document.addEventListener(ACCOUNT_EVENT, load);

/** The keys the browser actually gave the shortcut (the user may have changed them). */
async function showShortcut() {
  const commands = await chrome.commands?.getAll?.().catch(() => []) ?? [];
  const keys = commands.find((command) => command.name === "toggle-mute")?.shortcut;
  shortcutHint.textContent = keys ? t("shortcutHint", keys) : t("shortcutHintUnset");
}

labelRead();
load();
showShortcut();
