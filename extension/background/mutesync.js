// @ts-check
/**
 * Keeps the mute cache (mutecache.js) in step: reads the muted accounts from X on sign-in and
 * when the options page asks, learns which @handle is which id from what the content script
 * sees, hands the content script the public view, and stores the tweet-buttons switch.
 *
 * X allows 15 reads of the mute list per 15 minutes: a refresh that X answers with 429 is
 * remembered with its reset time, and no request is sent before then.
 */
import { namedError, toErrorJson } from "../shared/errors.js";
import { nameKey } from "../shared/ids.js";
import { checkIdentities, foldRefresh, identityOf, learnNames } from "./mutecache.js";
import { read, update, viewOf } from "./store.js";

/** When X gives no reset time for its 15-minute window. */
const DEFAULT_WAIT_MS = 15 * 60 * 1000;

/**
 * @typedef {import("./store.js").State} State
 * @typedef {{ mutedUserIds(): Promise<string[]>, readonly apiVersionInUse: string }} ListClient
 * @typedef {{ client(state: State): Promise<ListClient> }} Api
 * @typedef {{ refreshedAt?: number, count?: number, via?: string, error?: import("../shared/errors.js").ErrorJson,
 *             retryAt?: number, savedAt?: number }} MuteList  stored as `muteList`: the last refresh, for
 *   the options page; `savedAt` is the credentials' (a wait for X's reset is per sign-in)
 */

/** The public view, for a content script starting up (it then follows storage.onChanged). */
export async function view() {
  return { view: viewOf(await read()) };
}

/**
 * Records which @handle belongs to which id.
 * @param {{ userId: string, screenName: string }[]} pairs
 */
async function learn(pairs) {
  if (pairs.length === 0) return;
  const { names = {} } = await read("names");
  if (pairs.every(({ userId, screenName }) => names[nameKey(screenName)] === userId)) return;
  await update((s) => learnNames(s, pairs) ?? undefined);
}

/** `seen`: the content script reports identities (id and @handle together) it found on the page. */
export async function seen(/** @type {Record<string, unknown>} */ message) {
  await learn(checkIdentities(message.users));
  return {};
}

/**
 * Learns from a mute, unmute or status message that names both an id and a handle; resolves
 * to the message, for the handler that follows.
 * @template {Record<string, unknown>} M
 * @param {M} message
 */
export async function learnFrom(message) {
  const identity = identityOf(message);
  if (identity) await learn([identity]);
  return message;
}

/** `setTweetButtons` from the options page: `{ enabled: boolean }`. */
export async function setTweetButtons(/** @type {Record<string, unknown>} */ message) {
  if (typeof message.enabled !== "boolean") {
    throw namedError("InvalidInput", "Say whether tweet buttons are on (true or false).", { field: "enabled" });
  }
  const enabled = message.enabled;
  await update((s) => (Boolean(s.display?.tweetButtons) === enabled ? undefined : { set: { display: { ...s.display, tweetButtons: enabled } } }));
  return { enabled };
}

/** @type {Promise<object> | null} */
let running = null;

/**
 * Reads every muted account from X and folds the list into the cache; one refresh at a time.
 * Resolves to `{ count, refreshedAt }`; rejects with the error it also stores in `muteList`.
 * @param {Api} api
 */
export function refreshMutes(api) {
  running ??= refresh(api).finally(() => {
    running = null;
  });
  return running;
}

/**
 * Starts a refresh after a sign-in without waiting for it; its outcome is stored in `muteList`.
 * A refresh still running began under the previous credentials: this one follows it.
 * @template T
 * @param {Api} api
 * @returns {(reply: T) => T}
 */
export function refreshAfterSignIn(api) {
  return (reply) => {
    (running ?? Promise.resolve()).catch(() => {}).then(() => refreshMutes(api)).catch(() => {});
    return reply;
  };
}

/** @param {Api} api */
async function refresh(api) {
  const startedAt = Date.now();
  const state = await read();
  if (!state.credentials?.token) throw namedError("NotSignedIn", "Sign in first: XMute reads your muted accounts with your keys.");
  const last = /** @type {MuteList} */ (state.muteList ?? {});
  const savedAt = state.credentials.savedAt;
  const retryAt = last.savedAt === savedAt ? last.retryAt : undefined;
  if (retryAt && retryAt > startedAt) {
    throw namedError("RateLimited", "X allows 15 reads of your muted accounts per 15 minutes.", { resetAt: Math.ceil(retryAt / 1000) });
  }
  const token = state.credentials.token;
  try {
    const client = await api.client(state);
    const ids = await client.mutedUserIds();
    const via = client.apiVersionInUse;
    const refreshedAt = Date.now();
    await update((s) => {
      if (s.credentials?.token !== token) return; // signed in as someone else meanwhile
      const remember = (s.settings?.apiVersion ?? "auto") === "auto" && s.apiInUse !== via;
      /** @type {MuteList} */
      const muteList = { refreshedAt, count: ids.length, via, savedAt };
      return { set: { mutes: foldRefresh(s, ids, startedAt, via), muteList, ...(remember ? { apiInUse: via } : {}) } };
    });
    return { count: ids.length, refreshedAt };
  } catch (error) {
    const json = toErrorJson(error);
    const limited = json.name === "RateLimited";
    const resetAt = typeof json.resetAt === "number" ? json.resetAt * 1000 : 0;
    const wait = limited ? { retryAt: resetAt || Date.now() + DEFAULT_WAIT_MS } : {};
    await update((s) => {
      if (s.credentials?.token !== token) return;
      const { error: _, retryAt: __, ...previous } = /** @type {MuteList} */ (s.muteList ?? {});
      const kept = previous.savedAt === savedAt ? previous : {}; // a read for earlier credentials is not this one's
      return { set: { muteList: { ...kept, error: json, savedAt, ...wait } } };
    });
    throw error;
  }
}
