// @ts-check
/**
 * Storage for the background: access levels, changes one transaction at a time within this
 * worker, and the public copy content scripts read. The layout (which key holds what) is
 * shared/keys.js. Only the background writes; the options page reads `local`, content scripts
 * read the public area.
 *
 * A change names the keys it reads and returns what to set and remove; nothing else is read or
 * written. When a change touches a person's mute record or queued action, the person's public
 * state (`u:`) is recomputed for every key they are known by (their id and handles) and written
 * to the public area: a click writes a few hundred bytes there, and each tab hears about that
 * person only, however many accounts the user mutes.
 */
import { accountList } from "../shared/accounts.js";
import { accountOf, nameKey } from "../shared/ids.js";
import { PUBLIC_SETTINGS, keys } from "../shared/keys.js";

/**
 * @typedef {{ userId?: string, screenName?: string }} Target
 * @typedef {Record<string, any>} State  the values of the keys a change asked for
 * @typedef {{ set?: State, remove?: string[] }} Change
 * @typedef {{ action: "mute" | "unmute", status: "running" | "queued" | "failed", runAt?: number,
*             error?: import("../shared/errors.js").ErrorJson, reason?: string, attempts?: number,
 *             until?: number }} PendingView  `until`: the end of the timed mute an unmute ends
 * @typedef {{ muted: boolean, pending?: PendingView, until?: number, ended?: { at: number, due: number },
 *             rev: number }} UserView  `until`: a timed mute's end, while its unmute waits for it;
 *   `ended`: when the last timed unmute ran and when it was due
 * @typedef {{ signedIn: boolean, acct?: string, account?: Target, accounts?: import("../shared/accounts.js").SignedIn[],
 *             tweetButtons?: true, muteFor?: number }} PublicSettings  `acct` and `account` are the first
 *   account's; `accounts` every signed-in one's, when there are several (a tab shows its x.com
 *   account's state); `muteFor`: the default length of a mute (options page), when it has one
 */

export { accountOf, userKey } from "../shared/ids.js";

/** The public area: `session` where content scripts may read it, else `local` (Firefox). */
let publicArea = /** @type {"session" | "local"} */ (
  typeof (/** @type {any} */ (globalThis).chrome)?.storage?.session?.setAccessLevel === "function" ? "session" : "local"
);

/** Where content scripts read the public state. */
export function publicAreaName() {
  return publicArea;
}

/**
 * Restricts `local` to trusted contexts and opens `session` to content scripts. Settles where
 * the public state lives; resolves to what the browser allowed.
 * @returns {Promise<{ localRestricted: boolean, sessionShared: boolean }>}
 */
export async function setAccessLevels() {
  const set = async (/** @type {any} */ area, /** @type {string} */ accessLevel) => {
    if (typeof area?.setAccessLevel !== "function") return false;
    try {
      await area.setAccessLevel({ accessLevel });
      return true;
    } catch {
      return false;
    }
  };
  const [localRestricted, sessionShared] = await Promise.all([
    set(chrome.storage.local, "TRUSTED_CONTEXTS"),
    set(chrome.storage.session, "TRUSTED_AND_UNTRUSTED_CONTEXTS"),
  ]);
  publicArea = sessionShared ? "session" : "local";
  return { localRestricted, sessionShared };
}


/** @param {string[] | string | null} keyList @returns {Promise<State>} */
export async function read(keyList) {
  return /** @type {State} */ (await chrome.storage.local.get(keyList));
}

/** @type {Promise<unknown>} */
let chain = Promise.resolve();

/**
 * Applies `change` to the keys it names, one transaction at a time within this worker. `change`
 * gets those keys' values and returns what to set and remove; it must not wait on anything.
 * Resolves to the keys' values once the change is written; the public state follows in the
 * same order, without holding the caller up (a click's request leaves meanwhile): `settled()`
 * waits for it.
 * @param {string[]} keyList
 * @param {(state: State) => Change | void} change
 * @returns {Promise<State>}
 */
export function transact(keyList, change) {
  /** @type {() => Promise<void>} */
  let publishing = async () => {};
  const run = chain.then(async () => {
    const state = await chrome.storage.local.get(keyList);
    const { set = {}, remove = [] } = change(state) ?? {};
    if (await write(set, remove)) publishing = () => publish(set, remove);
    const next = { ...state, ...set };
    for (const key of remove) delete next[key];
    return next;
  });
  chain = run.then(() => publishing()).catch((error) => console.warn(`XMute could not store a change: ${error?.message ?? error}`));
  return run;
}

/**
 * Writes the public state of `persons` again, in order with the changes (learning that a
 * handle is an id changes what people show under it).
 * @param {string} acct
 * @param {string[]} persons
 */
export function republish(acct, persons) {
  chain = chain.then(() => publishPeople(acct, persons)).catch((error) => console.warn(`XMute could not publish a change: ${error?.message ?? error}`));
  return chain;
}

/** Resolves when every change so far is written and published. */
export function settled() {
  return chain;
}

/**
 * Writes a change; resolves to whether anything was written.
 * @param {State} set
 * @param {string[]} remove
 */
async function write(set, remove) {
  // Each call costs a round trip, and Chrome's `local.set` grows slower with the number of keys
  // stored (milliseconds with 10,000): one set, one remove, sent together (disjoint keys).
  const writes = [];
  if (remove.length) writes.push(chrome.storage.local.remove(remove));
  if (Object.keys(set).length) writes.push(chrome.storage.local.set(set));
  await Promise.all(writes);
  return writes.length > 0;
}

/** The changes' count, which orders the public state a tab receives. */
let rev = 0;
let revLoaded = false;

/**
 * The next change count. It is kept in `storage.session` beside the public state (cheap to
 * write, and it lives as long as the public state does: a browser restart writes both anew),
 * so that it keeps growing across workers.
 */
async function nextRev() {
  if (!revLoaded) {
    rev = Math.max(rev, Number((await chrome.storage.session.get("rev")).rev) || 0);
    revLoaded = true;
  }
  rev += 1;
  return rev;
}

/**
 * Brings the public area in line with a change: the settings when credentials or display
 * changed, and the state of each person whose record or queued action changed.
 * @param {State} set
 * @param {string[]} remove
 */
async function publish(set, remove) {
  const touched = [...Object.keys(set), ...remove];
  if (["credentials", "accounts", "display", "settings"].some((key) => touched.includes(key))) await publishSettings();
  /** @type {Map<string, Set<string>>} person keys by account */
  const people = new Map();
  for (const key of touched) {
    const match = /^[mq]:([^:]+):(.+)$/.exec(key);
    if (!match) continue;
    const [, acct, person] = match;
    if (!people.has(acct)) people.set(acct, new Set());
    /** @type {Set<string>} */ (people.get(acct)).add(person);
  }
  for (const [acct, persons] of people) await publishPeople(acct, [...persons]);
}

/** Writes `pub`: signed in or not, the accounts (no button for yourself), display settings. */
export async function publishSettings() {
  const { credentials, accounts, display, settings } = await read(["credentials", "accounts", "display", "settings"]);
  await publicStorage().set({ [PUBLIC_SETTINGS]: publicSettings(credentials, display, settings, accounts) });
}

/**
 * @param {Record<string, any> | undefined} credentials
 * @param {Record<string, any> | undefined} display
 * @param {Record<string, any> | undefined} [settings]
 * @param {Record<string, any>} [accounts]  the further accounts (shared/accounts.js)
 * @returns {PublicSettings}
 */
export function publicSettings(credentials, display, settings, accounts) {
  const acct = accountOf(credentials);
  const { userId, screenName } = credentials ?? {};
  const list = accountList({ credentials, accounts });
  return {
    signedIn: acct !== null,
    ...(acct ? { acct } : {}),
    ...(userId || screenName ? { account: { ...(userId ? { userId } : {}), ...(screenName ? { screenName } : {}) } } : {}),
    ...(list.length > 1 ? { accounts: list } : {}),
    ...(display?.tweetButtons === true ? { tweetButtons: true } : {}),
    ...(typeof settings?.muteFor === "number" && settings.muteFor > 0 ? { muteFor: settings.muteFor } : {}),
  };
}

function publicStorage() {
  return chrome.storage[publicArea];
}

/**
 * The keys a person is known by, starting from one of them: their id and every handle seen
 * with it, or a handle alone while its id is unknown.
 * @param {string[]} persons
 * @returns {Promise<string[][]>}
 */
async function groupsOf(persons) {
  const handles = persons.filter((p) => p.startsWith("@"));
  const names = handles.length ? await read(handles.map((h) => keys.name(h))) : {};
  /** @type {Set<string>} */
  const ids = new Set(persons.map((p) => (p.startsWith("@") ? names[keys.name(p)] ?? p : p)));
  const idList = [...ids].filter((p) => !p.startsWith("@"));
  const links = idList.length ? await read(idList.map((id) => keys.links(id))) : {};
  return [...ids].map((first) => (first.startsWith("@") ? [first] : [first, ...(links[keys.links(first)] ?? [])]));
}

/**
 * Recomputes and writes the public state of `persons` of account `acct` (and of every other key
 * each of them is known by).
 * @param {string} acct
 * @param {string[]} persons
 */
export async function publishPeople(acct, persons) {
  const groups = await groupsOf(persons);
  const wanted = groups.flat().flatMap((key) => [keys.mute(acct, key), keys.item(acct, key)]);
  const records = await read(wanted);
  const next = await nextRev();
  /** @type {State} */
  const views = {};
  for (const group of groups) {
    const view = personView(group.map((key) => records[keys.mute(acct, key)]), group.map((key) => records[keys.item(acct, key)]), next);
    for (const key of group) views[keys.view(acct, key)] = view;
  }
  if (publicArea === "session") await chrome.storage.session.set({ ...views, rev: next });
  else await Promise.all([chrome.storage.local.set(views), chrome.storage.session.set({ rev: next })]);
}

/**
 * What buttons show for a person known by several keys: the newest mute record decides muted;
 * the action queued under any of the keys shows. An unmute waiting for a timed mute's end is
 * not pending work: the button shows the mute and its end (`until`).
 * @param {({ muted: boolean, at: number, timedEnd?: number } | undefined)[]} muteRecords
 * @param {(import("./queue.js").QueueItem | undefined)[]} items
 * @param {number} changeCount  orders the states a tab receives
 * @returns {UserView}
 */
export function personView(muteRecords, items, changeCount) {
  /** @type {{ muted: boolean, at: number, timedEnd?: number } | undefined} */
  let newest;
  for (const record of muteRecords) if (record && (!newest || record.at > newest.at)) newest = record;
  const item = items.find(Boolean);
  /** @type {UserView} */
  const view = { muted: newest?.muted ?? false, rev: changeCount };
  if (newest && !newest.muted && typeof newest.timedEnd === "number") view.ended = { at: newest.at, due: newest.timedEnd };
  if (item?.timed && item.status === "queued" && item.reason === "timed") view.until = item.timed.until;
  else if (item) {
    const { action, status, runAt, error, reason, attempts } = item;
    view.pending = { action, status, runAt, error, reason, attempts, ...(item.timed ? { until: item.timed.until } : {}) };
  }
  return view;
}

/**
 * What a button for `target` shows now, read from storage (the reply to a click).
 * @param {string | null} acct
 * @param {Target} target
 * @returns {Promise<{ signedIn: boolean, user: UserView }>}
 */
export async function userReply(acct, target) {
  if (!acct) return { signedIn: false, user: { muted: false, rev: 0 } };
  await settled();
  const key = target.userId ?? nameKey(String(target.screenName));
  const stored = /** @type {Record<string, UserView | undefined>} */ (await publicStorage().get(keys.view(acct, key)))[keys.view(acct, key)];
  return { signedIn: true, user: stored ?? { muted: false, rev: 0 } };
}

/**
 * Writes the whole public state from `local` (in pieces) when it is not there: after a browser
 * restart emptied `storage.session`, and after an older layout was migrated. `pub` is written
 * last, as the mark that the rest is there.
 */
export async function ensurePublicState() {
  if ((await publicStorage().get(PUBLIC_SETTINGS))[PUBLIC_SETTINGS] !== undefined) return;
  const all = await chrome.storage.local.get(null);
  /** @type {Map<string, Set<string>>} */
  const people = new Map();
  for (const key of Object.keys(all)) {
    const match = /^[mq]:([^:]+):(.+)$/.exec(key);
    if (!match) continue;
    if (!people.has(match[1])) people.set(match[1], new Set());
    /** @type {Set<string>} */ (people.get(match[1])).add(match[2]);
  }
  for (const [acct, persons] of people) {
    const list = [...persons];
    for (let start = 0; start < list.length; start += 1000) await publishPeople(acct, list.slice(start, start + 1000));
  }
  await publishSettings();
}
