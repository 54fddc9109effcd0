// @ts-check
/**
 * The cache of who is muted, as pure functions over the stored state (no chrome.*, no I/O):
 * how a list from X is folded into it, how @handles are tied to user ids, and what the public
 * view adds for the surfaces. store.js and mutesync.js apply them.
 *
 * One source of truth: `mutes` in `chrome.storage.local`, `{ [key]: { muted, at, via } }`, where
 * `key` is a user id or a lower-cased `@handle` (store.js `userKey`). Every action writes its
 * record there; a refresh from X (`GET /2/users/:id/muting` or v1.1 `mutes/users/ids`) rewrites
 * the id-keyed part. Tweets show only an @handle, so an action from a tweet is keyed by handle;
 * `names` (`{ "@handle": userId }`, learned from surfaces that show both, such as hover cards,
 * user cells and profile headers) lets the view give a person one state under both keys: the
 * newest record wins.
 */
import { SCREEN_NAME, USER_ID, nameKey } from "../shared/ids.js";

export { nameKey };

/** How many @handle → id pairs are kept; the oldest learned go first. */
export const NAMES_CAP = 5000;
/** How many pairs one message may report. */
export const SEEN_CAP = 100;

/**
 * @typedef {Record<string, any>} State
 * @typedef {{ muted: boolean, at: number, via?: string }} MuteRecord
 * @typedef {{ userId: string, screenName: string }} Identity
 * @typedef {{ muted: boolean, pending?: object }} UserView
 */

/**
 * The valid `{ userId, screenName }` pairs of a message's list, at most SEEN_CAP; throws when
 * the list itself is not one.
 * @param {unknown} list
 * @returns {Identity[]}
 */
export function checkIdentities(list) {
  if (!Array.isArray(list) || list.length > SEEN_CAP) {
    throw Object.assign(new Error(`The message must list at most ${SEEN_CAP} accounts.`), { name: "InvalidInput" });
  }
  return list.filter((item) => typeof item?.userId === "string" && USER_ID.test(item.userId)
    && typeof item?.screenName === "string" && SCREEN_NAME.test(item.screenName))
    .map(({ userId, screenName }) => ({ userId, screenName }));
}

/**
 * The identity a content-script message names with both an id and a handle, or null.
 * @param {Record<string, unknown>} message
 * @returns {Identity | null}
 */
export function identityOf(message) {
  const { userId, screenName } = message ?? {};
  if (typeof userId !== "string" || !USER_ID.test(userId)) return null;
  if (typeof screenName !== "string" || !SCREEN_NAME.test(screenName)) return null;
  return { userId, screenName };
}

/**
 * The storage change that records `pairs` in `names`, or null when nothing is new. A pair that
 * ties together keys the view shows (a mute record or pending action under either) also
 * rewrites `mutes` unchanged, which makes store.js republish the view.
 * @param {State} state
 * @param {Identity[]} pairs
 * @returns {{ set: State } | null}
 */
export function learnNames(state, pairs, cap = NAMES_CAP) {
  const known = state.names ?? {};
  const fresh = pairs.filter(({ userId, screenName }) => known[nameKey(screenName)] !== userId);
  if (fresh.length === 0) return null;
  /** @type {Record<string, string>} */
  const names = { ...known };
  for (const { userId, screenName } of fresh) {
    delete names[nameKey(screenName)]; // re-inserted last: the most recently learned
    names[nameKey(screenName)] = userId;
  }
  const keys = Object.keys(names);
  for (const key of keys.slice(0, Math.max(0, keys.length - cap))) delete names[key];

  const shown = (/** @type {string} */ key) => Boolean(state.mutes?.[key] || state.pending?.[key]);
  const relevant = fresh.some(({ userId, screenName }) => shown(userId) || shown(nameKey(screenName)));
  return { set: { names, ...(relevant ? { mutes: { ...state.mutes } } : {}) } };
}

/**
 * Gives each person the view knows under both an id and a handle one state under both keys:
 * the newest mute record decides `muted`; pending work under either key shows under both.
 * Returns `users` (changed in place).
 * @param {Record<string, UserView>} users  as store.js builds it from `mutes` and `pending`
 * @param {State} state
 */
export function mergeAliases(users, state) {
  const names = /** @type {Record<string, string>} */ (state.names ?? {});
  /** @type {Map<string, string[]>} */
  const handlesById = new Map();
  for (const [handle, id] of Object.entries(names)) {
    if (!users[handle] && !users[id]) continue;
    const list = handlesById.get(id);
    if (list) list.push(handle);
    else handlesById.set(id, [handle]);
  }
  for (const [id, handles] of handlesById) {
    const keys = [id, ...handles];
    /** @type {MuteRecord | undefined} */
    let newest;
    for (const key of keys) {
      const record = state.mutes?.[key];
      if (record && (!newest || record.at > newest.at)) newest = record;
    }
    const pending = keys.map((key) => users[key]?.pending).find(Boolean);
    const merged = { muted: newest?.muted ?? false, ...(pending ? { pending } : {}) };
    for (const key of keys) users[key] = merged;
  }
  return users;
}

/**
 * What the public view carries for the surfaces besides mute states: the tweet-buttons switch
 * (absent = off) and the signed-in account (no button for yourself). Nothing secret.
 * @param {State} state
 */
export function surfaceFields(state) {
  const { userId, screenName } = state.credentials ?? {};
  return {
    ...(state.display?.tweetButtons === true ? { tweetButtons: true } : {}),
    ...(userId || screenName ? { account: { ...(userId ? { userId } : {}), ...(screenName ? { screenName } : {}) } } : {}),
  };
}

/**
 * `mutes` after X said, in a list fetched from `startedAt` on, that `ids` are muted: all the
 * muted accounts when `complete`, or the first of them when the read stopped at its limit.
 * Records newer than the list stay (an action finished meanwhile). A complete list is the truth
 * for older id-keyed records: accounts muted or unmuted elsewhere now show as they are; older
 * handle-keyed records go when the handle's id is known (the list covers it) and stay
 * otherwise. A partial list only adds: an account it does not name may be further down.
 * @param {State} state
 * @param {string[]} ids
 * @param {number} startedAt  ms
 * @param {string} via  "2" | "1.1"
 * @param {boolean} [complete]
 * @returns {Record<string, MuteRecord>}
 */
export function foldRefresh(state, ids, startedAt, via, complete = true) {
  const names = state.names ?? {};
  /** @type {Record<string, MuteRecord>} */
  const mutes = {};
  for (const [key, record] of Object.entries(/** @type {Record<string, MuteRecord>} */ (state.mutes ?? {}))) {
    const newer = record.at > startedAt;
    const unknownHandle = key.startsWith("@") && !Object.hasOwn(names, key);
    if (newer || unknownHandle || !complete) mutes[key] = record;
  }
  for (const id of ids) {
    if (!USER_ID.test(id) || mutes[id]?.at > startedAt) continue;
    mutes[id] = { muted: true, at: startedAt, via };
  }
  return mutes;
}
