// @ts-check
/**
 * The cache of who is muted, as pure functions over stored values (no chrome.*, no I/O): how
 * a list read from X is folded into the mute records, and which @handle is which id. store.js
 * and mutesync.js apply them.
 *
 * One source of truth per person and account: the mute record `m:<acct>:<key>`, `{ muted, at,
 * via, timedEnd? }` (`timedEnd`: the end of the timed mute the unmute ended, queue.js), where `key` is a user id or a lower-cased `@handle` (shared/ids.js). Every action writes
 * its record; a read of the mute list from X rewrites the records it covers. Tweets show only
 * an @handle, so an action from a tweet for an account whose id XMute never saw is keyed by
 * handle; `n:@handle` (the handle's id) and `l:<id>` (the handles seen with an id), learned from
 * surfaces that show both and from X's answers, let the public state give a person one state
 * under all their keys (store.js `personView`: the newest record wins).
 */
import { SCREEN_NAME, USER_ID, nameKey } from "../shared/ids.js";
import { keys } from "../shared/keys.js";

export { nameKey };

/** How many pairs one message may report. */
export const SEEN_CAP = 100;

/**
 * @typedef {Record<string, any>} State
 * @typedef {{ muted: boolean, at: number, via?: string }} MuteRecord
 * @typedef {{ userId: string, screenName: string }} Identity
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
 * The keys to read before learning `pairs`: each handle's id, and the handles linked to each
 * id involved (the new one, and the one a handle pointed to before, if another).
 * @param {Identity[]} pairs
 * @param {State} names  the `n:` values of the pairs' handles, as read
 */
export function learnKeys(pairs, names) {
  const ids = new Set(pairs.map((p) => p.userId));
  for (const { screenName } of pairs) {
    const before = names[keys.name(nameKey(screenName))];
    if (before) ids.add(before);
  }
  return [...pairs.map((p) => keys.name(nameKey(p.screenName))), ...[...ids].map((id) => keys.links(id))];
}

/**
 * The change that records `pairs` (`n:` and `l:` keys), and the ids whose people's public state
 * must be written again; null when nothing is new. A handle that moved to another id (renamed
 * accounts) leaves the old id's links.
 * @param {State} s  the keys of learnKeys(), as read
 * @param {Identity[]} pairs
 * @returns {{ set: State, ids: string[] } | null}
 */
export function learnChange(s, pairs) {
  /** @type {State} */
  const set = {};
  /** @param {string} id @returns {string[]} */
  const linksOf = (id) => set[keys.links(id)] ?? s[keys.links(id)] ?? [];
  const ids = new Set();
  for (const { userId, screenName } of pairs) {
    const handle = nameKey(screenName);
    const before = set[keys.name(handle)] ?? s[keys.name(handle)];
    if (before === userId && linksOf(userId).includes(handle)) continue;
    set[keys.name(handle)] = userId;
    if (before && before !== userId) {
      set[keys.links(before)] = linksOf(before).filter((h) => h !== handle);
      ids.add(before);
    }
    if (!linksOf(userId).includes(handle)) set[keys.links(userId)] = [...linksOf(userId), handle];
    ids.add(userId);
  }
  return ids.size ? { set, ids: [...ids] } : null;
}

/**
 * The change to `acct`'s mute records after X said, in a list read from `startedAt` on, that
 * `ids` are muted: all the muted accounts when `complete`, or the first of them when the read
 * stopped at its limit. Records newer than the list stay (an action finished meanwhile). A
 * complete list is the truth for older id-keyed records: accounts muted or unmuted elsewhere now
 * show as they are; older handle-keyed records go when the handle's id is known (the list covers
 * it) and stay otherwise. A partial list only adds: an account it does not name may be further
 * down.
 * @param {State} s  the `m:` records of `acct` (all of them when `complete`, else those of `ids`)
 *   and the `n:` keys of its handle-keyed records
 * @param {string} acct
 * @param {string[]} ids
 * @param {number} startedAt  ms
 * @param {string} via  "2" | "1.1"
 * @param {boolean} complete
 * @returns {{ set: State, remove: string[] }}
 */
export function refreshChange(s, acct, ids, startedAt, via, complete) {
  /** @type {State} */
  const set = {};
  /** @type {string[]} */
  const remove = [];
  const listed = new Set(ids.filter((id) => USER_ID.test(id)));
  if (complete) {
    const prefix = keys.mute(acct, "");
    for (const [storageKey, record] of Object.entries(s)) {
      if (!storageKey.startsWith(prefix) || !record || record.at > startedAt) continue;
      const person = storageKey.slice(prefix.length);
      const covered = person.startsWith("@") ? Boolean(s[keys.name(person)]) : !listed.has(person);
      if (covered) remove.push(storageKey);
    }
  }
  for (const id of listed) {
    const record = s[keys.mute(acct, id)];
    if (record && (record.at > startedAt || record.muted)) continue;
    set[keys.mute(acct, id)] = { muted: true, at: startedAt, via };
  }
  return { set, remove };
}
