// @ts-check
/**
 * The X accounts XMute is signed in to, all with the one app (the consumer key and secret the
 * user typed), and which of them acts for a tab. Pure; used by the background, the options page
 * and their tests.
 *
 * Stored (shared/keys.js): `credentials` holds the app's keys and the first account's token
 * (the one the options form shows and edits); `accounts` the further accounts signed in with the
 * same app, by account id (ids.js `accountOf`): `{ userId?, screenName?, token, tokenSecret,
 * savedAt }`. Each account has its own queue, history, spend and mute records under its id.
 */
import { SCREEN_NAME, accountOf } from "./ids.js";

/**
 * @typedef {{ acct: string, userId?: string, screenName?: string }} SignedIn  an account, as shown
 * @typedef {{ userId?: string, screenName?: string, token: string, tokenSecret: string, savedAt?: number }} Further
 * @typedef {{ credentials?: Record<string, any>, accounts?: Record<string, Further> }} AccountsState
 * @typedef {{ consumerKey: string, consumerSecret: string, token: string, tokenSecret: string,
 *             userId?: string, screenName?: string, savedAt?: number }} AccountCredentials
 */

/** The most accounts one app may have signed in (X's own account switcher allows five). */
export const MAX_ACCOUNTS = 5;

/** What may name an account in a message: a user id, or "self" (a token without an id). */
export const ACCOUNT_ID = /^(?:[0-9]{1,19}|self)$/;

/**
 * Every signed-in account: the first one (`credentials`), then the others in the order they
 * signed in.
 * @param {AccountsState} state  with `credentials` and `accounts`
 * @returns {SignedIn[]}
 */
export function accountList(state) {
  const first = accountOf(state.credentials);
  if (!first) return [];
  /** @param {string} acct @param {{ userId?: string, screenName?: string }} [entry] */
  const shown = (acct, entry) => ({
    acct,
    ...(entry?.userId ? { userId: entry.userId } : {}),
    ...(entry?.screenName ? { screenName: entry.screenName } : {}),
  });
  const others = Object.entries(state.accounts ?? {})
    .filter(([acct, entry]) => acct !== first && entry?.token)
    .sort(([, a], [, b]) => (a.savedAt ?? 0) - (b.savedAt ?? 0))
    .map(([acct, entry]) => shown(acct, entry));
  return [shown(first, state.credentials), ...others];
}

/**
 * The credentials to act as `acct`: the app's keys with that account's token; undefined when
 * `acct` is not signed in.
 * @param {AccountsState} state  with `credentials` and `accounts`
 * @param {string | null | undefined} acct
 * @returns {AccountCredentials | undefined}
 */
export function credentialsOf(state, acct) {
  const app = state.credentials;
  if (!acct || !app?.token) return undefined;
  if (accountOf(app) === acct) return /** @type {AccountCredentials} */ (app);
  const entry = state.accounts?.[acct];
  if (!entry?.token) return undefined;
  return { ...entry, consumerKey: app.consumerKey, consumerSecret: app.consumerSecret };
}

/**
 * Which account acts for a tab. `pageAccount` is the screen name signed in to x.com in the tab
 * (X's account link), null when the page shows none; `chosen` an account the user picked when
 * asked. The account signed in to x.com acts when XMute has it; with one account and no x.com
 * account on the page, that one acts (as before there were several). Otherwise the user is
 * asked first: XMute never acts silently as someone x.com is not signed in as. One account
 * whose screen name XMute does not know yet (a pasted token, not verified) may be x.com's, so it
 * acts as before too; among several, such an account is one of the choices.
 * @param {SignedIn[]} list  accountList()
 * @param {{ pageAccount?: string | null, chosen?: string | null }} tab
 * @returns {{ acct: string } | { ask: true } | { none: true }}
 */
export function chooseAccount(list, { pageAccount = null, chosen = null }) {
  if (list.length === 0) return { none: true };
  if (chosen && list.some((a) => a.acct === chosen)) return { acct: chosen };
  const match = pageAccount ? list.find((a) => a.screenName?.toLowerCase() === pageAccount.toLowerCase()) : undefined;
  if (match) return { acct: match.acct };
  if (list.length === 1 && (!pageAccount || !list[0].screenName)) return { acct: list[0].acct };
  return { ask: true };
}

/**
 * The account a tab shows people's state for: the x.com account's when XMute has it, else the
 * first.
 * @param {SignedIn[]} list
 * @param {string | null} pageAccount
 */
export function shownAccount(list, pageAccount) {
  const chosen = chooseAccount(list, { pageAccount });
  return "acct" in chosen ? chosen.acct : list[0]?.acct ?? null;
}

/**
 * The tab's fields of a content-script message, checked: `as` (x.com's screen name in the tab)
 * and `actAs` (the account the user chose when asked).
 * @param {Record<string, unknown>} message
 * @returns {{ pageAccount: string | null, chosen: string | null }}
 */
export function tabOf(message) {
  const { as, actAs } = message;
  return {
    pageAccount: typeof as === "string" && SCREEN_NAME.test(as) ? as : null,
    chosen: typeof actAs === "string" && ACCOUNT_ID.test(actAs) ? actAs : null,
  };
}
