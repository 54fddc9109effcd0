// @ts-check
/**
 * Where XMute keeps things: the storage keys, in one place. One key per thing that changes on
 * its own, so that a click reads and writes only what it touches, and a tab hears only about
 * the people it shows, however many accounts the user mutes.
 *
 * `chrome.storage.local` (restricted to the extension's own pages where the browser allows it):
 * - fixed keys: `credentials` (the app's keys and the first account's token), `accounts` (the
 *   further accounts signed in with the same app: shared/accounts.js), `settings`, `display`,
 *   `client` (what the X client learned, under the `savedAt` of the account it learned it for),
 *   `muteList` (the last read of the mute list), `selectorHealth` (where the content script
 *   could not find its place: background/health.js), `pinRequest`, `testing`, `schema`, `rev`;
 * - per XMute account (`acct`: the signed-in X user's id), per person (`key`: a user id, or `@`
 *   and a lower-case handle, shared/ids.js): `m:` its mute record, `q:` its queued action;
 * - per account: `queue:` the index of actions waiting for a later time (or failed), `active:`
 *   the index of actions a worker is handling now, `h:` the history ring and `hist:` its head,
 *   `spend:` the monthly spend, `paused:`, `blocked:` and `sent:` the queue's pause, rate-limit
 *   holds and recent request times, `batches:` the actions queued together (background/batch.js);
 * - X-wide: `n:@handle` the user id of a handle, `l:<id>` the handles known for an id.
 *
 * The public area (`storage.session` shared with content scripts in Chrome; `storage.local` in
 * Firefox, whose content scripts cannot use `storage.session`) holds nothing secret: `pub` (signed
 * in, the accounts, display settings) and `u:` each person's state as buttons show it.
 */

/** The layout version; background/migrate.js brings older layouts here. */
export const SCHEMA = 2;

/** The public settings every content script reads first. */
export const PUBLIC_SETTINGS = "pub";

export const keys = Object.freeze({
  /** @param {string} acct @param {string} key */
  mute: (acct, key) => `m:${acct}:${key}`,
  /** @param {string} acct @param {string} key */
  item: (acct, key) => `q:${acct}:${key}`,
  /** @param {string} acct */
  waiting: (acct) => `queue:${acct}`,
  /** @param {string} acct */
  active: (acct) => `active:${acct}`,
  /** @param {string} acct @param {number} slot */
  historyEntry: (acct, slot) => `h:${acct}:${slot}`,
  /** @param {string} acct */
  historyHead: (acct) => `hist:${acct}`,
  /** @param {string} acct */
  spend: (acct) => `spend:${acct}`,
  /** @param {string} acct */
  paused: (acct) => `paused:${acct}`,
  /** @param {string} acct */
  blocked: (acct) => `blocked:${acct}`,
  /** @param {string} acct */
  sent: (acct) => `sent:${acct}`,
  /** The batches of actions queued together (manager page), by batch id. @param {string} acct */
  batches: (acct) => `batches:${acct}`,
  /** @param {string} handleKey  "@" and a lower-case handle */
  name: (handleKey) => `n:${handleKey}`,
  /** @param {string} userId */
  links: (userId) => `l:${userId}`,
  /** The public state of a person, for buttons. @param {string} acct @param {string} key */
  view: (acct, key) => `u:${acct}:${key}`,
});

/**
 * The person key in a per-person key of `acct` (`m:`, `q:` or `u:`), or null.
 * @param {string} storageKey
 * @param {string} acct
 * @param {"m" | "q" | "u"} kind
 */
export function personOf(storageKey, acct, kind) {
  const prefix = `${kind}:${acct}:`;
  return storageKey.startsWith(prefix) ? storageKey.slice(prefix.length) : null;
}
