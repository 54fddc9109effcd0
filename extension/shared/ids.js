// @ts-check
/**
 * How XMute names X accounts, in one place: the patterns X's user ids and screen names follow,
 * and the keys under which XMute keeps an account (its user id, or `@` and its lower-cased
 * screen name when only the handle is known). Pure; used by every runtime.
 */

/** An X user id: 1 to 19 digits. */
export const USER_ID = /^[0-9]{1,19}$/;
/** An X screen name, without the `@`: 1 to 15 letters, digits or underscores. */
export const SCREEN_NAME = /^[A-Za-z0-9_]{1,15}$/;
/** A key XMute keeps an account under: a user id, or `@` and a lower-case screen name. */
export const USER_KEY = /^(?:[0-9]{1,19}|@[a-z0-9_]{1,15})$/;

/**
 * @typedef {{ userId?: string, screenName?: string }} Target  an account, by id and/or handle
 */

/** The key of a screen name. @param {string} screenName */
export const nameKey = (screenName) => `@${screenName.toLowerCase()}`;

/** The key of an account: its id when known, else its handle's. @param {Target} target */
export function userKey(target) {
  return target.userId ?? nameKey(String(target.screenName));
}

/**
 * The XMute account credentials belong to: the signed-in X user's id (stored, else the digits
 * before `-` in the access token; "self" when X's token has no prefix and the id is not known
 * yet), or null when signed out.
 * @param {{ userId?: string, token?: string } | undefined} credentials
 */
export function accountOf(credentials) {
  if (!credentials?.token) return null;
  return credentials.userId ?? tokenUserId(credentials.token) ?? "self";
}

/**
 * The user id X puts before `-` in an access token, or null.
 * @param {string | undefined} token
 */
export function tokenUserId(token) {
  return /^([0-9]{1,19})-/.exec(token ?? "")?.[1] ?? null;
}
