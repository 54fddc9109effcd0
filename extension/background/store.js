// @ts-check
/**
 * Everything XMute keeps. `chrome.storage.local` holds the truth and the secrets, and is
 * restricted to the extension's own pages and worker where the browser allows it.
 * `chrome.storage.session` holds `view`, a public copy of the mute state with nothing secret in
 * it, which content scripts may read and watch (`storage.onChanged`) so every button in every
 * tab follows a change. Only the background writes either.
 *
 * local keys:
 * - credentials  { consumerKey, consumerSecret, token, tokenSecret, savedAt, userId?, screenName? }
 * - settings     { apiVersion: "auto" | "2" | "1.1" }
 * - apiInUse     "2" | "1.1": the generation the last action used under "auto"
 * - mutes        { [userKey]: { muted, at, via } }: the cache of who is muted, filled from X and
 *                by every action (mutecache.js)
 * - names        { "@handle": userId }: handles tied to ids, so tweets and cells agree
 * - muteList     the last read of the mute list from X: { refreshedAt, count, via, savedAt, error?,
 *                retryAt? }
 * - display      { tweetButtons: boolean }: non-secret display settings, mirrored in the view
 * - view         a copy of session's `view`, only where content scripts cannot use
 *                `storage.session` (Firefox): there they follow this one
 * - pending      { [userKey]: QueueItem }: the action queue (queue.js), one item per account:
 *                queued (with a reason and a time; the alarm wakes the worker), running (an
 *                in-flight record), or failed (until retried or cleared)
 * - queueState   { paused?, blocked?, sent? }: a pause after a 401, rate-limit holds, and the
 *                requests sent in the last 15 minutes (queue.js)
 * - history      the last 100 finished actions, newest first (history.js)
 * - selectorHealth { [pageKind]: { since } }: where the content script could not find its place
 *                (health.js; written there, not through update())
 * - testing      { clockShiftMs?, windowLimit?, timeoutMs? }: written only by the e2e suite
 * - pinRequest   { consumerKey, consumerSecret, token, tokenSecret } during PIN sign-in
 * - rev          counter, bumped with every change of the view
 */

import { userKey } from "../shared/ids.js";
import { mergeAliases, surfaceFields } from "./mutecache.js";

export { userKey };

/**
 * @typedef {{ userId?: string, screenName?: string }} Target
 * @typedef {"running" | "queued" | "failed"} PendingStatus
 * @typedef {import("./queue.js").QueueItem} PendingAction
 * @typedef {{ muted: boolean, pending?: { action: "mute" | "unmute", status: PendingStatus,
 *             runAt?: number, error?: import("../shared/errors.js").ErrorJson, reason?: string,
 *             attempts?: number } }} UserView
 * @typedef {{ rev: number, signedIn: boolean, users: Record<string, UserView>, tweetButtons?: true,
 *             account?: { userId?: string, screenName?: string } }} View
 * @typedef {Record<string, any>} State
 */

const VIEW_KEYS = ["credentials", "mutes", "pending", "display"];

/**
 * Restricts `local` to trusted contexts and opens `session` (which holds only the public view)
 * to content scripts. Resolves to what the browser allowed.
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
  viewInLocal = !sessionShared;
  return { localRestricted, sessionShared };
}

/**
 * Whether the view is also written to `local`: where content scripts cannot use
 * `storage.session` (Firefox, which has no `setAccessLevel`), they read `local` anyway, so a
 * copy of the public view there is how they follow changes. Settled by setAccessLevels().
 */
let viewInLocal = typeof (/** @type {any} */ (globalThis).chrome)?.storage?.session?.setAccessLevel !== "function";

/** @param {string | string[] | null} [keys] @returns {Promise<State>} */
export function read(keys = null) {
  return chrome.storage.local.get(keys);
}

/** @type {Promise<unknown>} */
let chain = Promise.resolve();

/**
 * Applies `change` to the stored state, one change at a time within this worker. `change`
 * gets the current state and returns what to set and remove; it must not wait on anything.
 * When the view's inputs change, `rev` is bumped and the view republished.
 * @param {(state: State) => { set?: State, remove?: string[] } | void} change
 * @returns {Promise<State>} the state after the change
 */
export function update(change) {
  const run = chain.then(async () => {
    const state = await read();
    const { set = {}, remove = [] } = change(state) ?? {};
    const touched = [...Object.keys(set), ...remove];
    if (touched.length === 0) return state;
    const next = { ...state, ...set };
    for (const key of remove) delete next[key];
    const viewChanged = touched.some((key) => VIEW_KEYS.includes(key));
    if (viewChanged) next.rev = (state.rev ?? 0) + 1;
    if (remove.length) await chrome.storage.local.remove(remove);
    await chrome.storage.local.set(viewChanged ? { ...set, rev: next.rev } : set);
    if (viewChanged) {
      const view = viewOf(next);
      await chrome.storage.session.set({ view });
      if (viewInLocal) await chrome.storage.local.set({ view });
    }
    return next;
  });
  chain = run.catch(() => {});
  return run;
}

/**
 * The public view of `state`: nothing secret, only what buttons show.
 * @param {State} state
 * @returns {View}
 */
export function viewOf(state) {
  /** @type {Record<string, UserView>} */
  const users = {};
  for (const [key, record] of Object.entries(state.mutes ?? {})) users[key] = { muted: record.muted };
  for (const [key, record] of Object.entries(state.pending ?? {})) {
    const { action, status, runAt, error, reason, attempts } = /** @type {PendingAction} */ (record);
    users[key] = { muted: users[key]?.muted ?? false, pending: { action, status, runAt, error, reason, attempts } };
  }
  return { rev: state.rev ?? 0, signedIn: Boolean(state.credentials?.token), users: mergeAliases(users, state), ...surfaceFields(state) };
}

/**
 * What a button for `target` should show, with the view's `rev` to order updates.
 * @param {State} state
 * @param {Target} target
 */
export function userReply(state, target) {
  const view = viewOf(state);
  return { rev: view.rev, signedIn: view.signedIn, user: view.users[userKey(target)] ?? { muted: false } };
}
