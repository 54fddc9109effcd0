// @ts-check
/**
 * The background's side of several X accounts (shared/accounts.js has the rules): which account
 * acts for a tab's click, and removing an account. Adding one is a PIN sign-in (signin.js).
 */
import { t } from "../shared/i18n.js";
import { namedError } from "../shared/errors.js";
import { ACCOUNT_ID, accountList, chooseAccount, shownAccount, tabOf } from "../shared/accounts.js";
import { signedOut } from "./queue.js";
import { read, transact } from "./store.js";

/**
 * @typedef {import("../shared/accounts.js").SignedIn} SignedIn
 * @typedef {{ pageAccount: string | null, accounts: SignedIn[] }} Ask  what the tab asks the user
 */

/**
 * The account a content script's mute or unmute acts as, or what to ask the user first (the
 * x.com account in the tab is not one of XMute's, or the page shows none and XMute has several).
 * @param {Record<string, unknown>} message  with `as` (x.com's account) and `actAs` (a choice)
 * @returns {Promise<{ acct: string } | { ask: Ask }>}
 */
export async function actingAccount(message) {
  const list = accountList(await read(["credentials", "accounts"]));
  const tab = tabOf(message);
  const chosen = chooseAccount(list, tab);
  if ("none" in chosen) throw namedError("NotSignedIn", t("errorNotSignedIn"));
  if ("ask" in chosen) return { ask: { pageAccount: tab.pageAccount, accounts: list } };
  return chosen;
}

/**
 * The account whose state a tab shows (the status command): x.com's when XMute has it, else
 * the first; null when signed out.
 * @param {Record<string, unknown>} message
 */
export async function shownFor(message) {
  return shownAccount(accountList(await read(["credentials", "accounts"])), tabOf(message).pageAccount);
}

/**
 * The account an options-page command names (`acct`), checked; undefined when it names none
 * (the command is for the first account).
 * @param {Record<string, unknown>} message
 */
export function checkAccount(message) {
  const { acct } = message;
  if (acct === undefined || acct === null) return undefined;
  if (typeof acct !== "string" || !ACCOUNT_ID.test(acct)) throw namedError("InvalidInput", t("accountInvalid"));
  return acct;
}

/**
 * Options page: signs account `acct` out of XMute. Its queued actions are cancelled (each with
 * a history entry); its history, spend and mute records stay, for when it signs in again.
 * Removing the first account makes the next one first; removing the last signs XMute out
 * (the app's keys stay in the form).
 * @param {string | undefined} acct
 */
export async function removeAccount(acct) {
  const list = accountList(await read(["credentials", "accounts"]));
  if (!acct || !list.some((a) => a.acct === acct)) throw namedError("NotSignedIn", t("accountNotSignedIn"));
  await signedOut(acct);
  await transact(["credentials", "accounts", "client"], (s) => {
    const accounts = { ...s.accounts };
    const first = list[0].acct;
    if (acct !== first) {
      delete accounts[acct];
      return { set: { accounts } };
    }
    const { consumerKey, consumerSecret } = s.credentials ?? {};
    const next = list[1];
    const nextEntry = next ? accounts[next.acct] : undefined;
    if (next) delete accounts[next.acct];
    const credentials = nextEntry
      ? { consumerKey, consumerSecret, ...nextEntry }
      : { consumerKey, consumerSecret, savedAt: Date.now() };
    return { set: { credentials, accounts }, remove: ["client"] };
  });
  return { accounts: accountList(await read(["credentials", "accounts"])) };
}
