// @ts-check
/**
 * Keeps the mute cache (mutecache.js) in step: reads the muted accounts from X when the user
 * asks on the options page (never by itself: X bills each account the read returns), learns
 * which @handle is which id from what the content script sees, hands the content script the
 * public view, and stores the tweet-buttons switch.
 *
 * X allows 15 reads of the mute list per 15 minutes: a refresh that X answers with 429 is
 * remembered with its reset time, and no request is sent before then.
 */
import { namedError, toErrorJson } from "../shared/errors.js";
import { nameKey } from "../shared/ids.js";
import { PRICES, costOf } from "../shared/prices.js";
import { monthSpend, withUsage, withinBudget } from "../shared/spend.js";
import { checkIdentities, foldRefresh, identityOf, learnNames } from "./mutecache.js";
import { read, update, viewOf } from "./store.js";

/** When X gives no reset time for its 15-minute window. */
const DEFAULT_WAIT_MS = 15 * 60 * 1000;

/**
 * @typedef {import("./store.js").State} State
 * @typedef {{ mutedUsers(options: { max: number }): Promise<{ ids: string[], complete: boolean }>,
 *             takeUsage?(): import("../shared/prices.js").Usage, readonly apiVersionInUse: string }} ListClient
 * @typedef {{ client(state: State): Promise<ListClient> }} Api
 * @typedef {{ refreshedAt?: number, count?: number, complete?: boolean, via?: string, cost?: number,
 *             error?: import("../shared/errors.js").ErrorJson, retryAt?: number, savedAt?: number }} MuteList
 *   stored as `muteList`: the last read, for the options page; `savedAt` is the credentials' (a
 *   wait for X's reset is per sign-in); `complete` false when the read stopped at its limit
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

/** How many accounts a read asks for when the options page names no number. */
export const DEFAULT_READ_MAX = 1000;
/** The most accounts one read may ask for. */
export const READ_MAX_LIMIT = 1_000_000;

/**
 * How many accounts the options page asks to read: a whole number from 1 to READ_MAX_LIMIT.
 * @param {unknown} max
 */
export function checkReadMax(max = DEFAULT_READ_MAX) {
  if (!Number.isInteger(max) || /** @type {number} */ (max) < 1 || /** @type {number} */ (max) > READ_MAX_LIMIT) {
    throw namedError("InvalidInput", `Read between 1 and ${READ_MAX_LIMIT.toLocaleString("en-US")} accounts.`, { field: "max" });
  }
  return /** @type {number} */ (max);
}

/**
 * Reads the muted accounts from X, at most `max` of them (X bills each account returned), and
 * folds them into the cache; one read at a time. Only ever on the user's click on the options
 * page, which states the cost. Resolves to `{ count, complete, refreshedAt, cost }`; rejects
 * with the error it also stores in `muteList`.
 * @param {Api} api
 * @param {number} max
 */
export function refreshMutes(api, max) {
  running ??= refresh(api, max).finally(() => {
    running = null;
  });
  return running;
}

/** @param {Api} api @param {number} max */
async function refresh(api, max) {
  const startedAt = Date.now();
  const state = await read();
  if (!state.credentials?.token) throw namedError("NotSignedIn", "Sign in first: XMute reads your muted accounts with your keys.");
  const last = /** @type {MuteList} */ (state.muteList ?? {});
  const savedAt = state.credentials.savedAt;
  const retryAt = last.savedAt === savedAt ? last.retryAt : undefined;
  if (retryAt && retryAt > startedAt) {
    throw namedError("RateLimited", "X allows 15 reads of your muted accounts per 15 minutes.", { resetAt: Math.ceil(retryAt / 1000) });
  }
  const choice = state.settings?.apiVersion ?? "auto";
  const priced = !(choice === "1.1" || (choice === "auto" && state.apiInUse === "1.1"));
  const atMost = priced ? max * PRICES.mutedAccountRead : 0;
  if (!withinBudget(state.spend, state.settings?.monthlyBudget, atMost, startedAt)) {
    throw namedError("OverBudget", "Reading that many accounts could take XMute's spending this month past your budget. Read fewer, or raise the budget.",
      { budget: state.settings?.monthlyBudget, spent: monthSpend(state.spend, startedAt).micros, cost: atMost });
  }
  const token = state.credentials.token;
  /** @type {ListClient | undefined} */
  let client;
  try {
    client = await api.client(state);
    const { ids, complete } = await client.mutedUsers({ max });
    const usage = client.takeUsage?.();
    const via = client.apiVersionInUse;
    const refreshedAt = Date.now();
    const cost = costOf(usage);
    await update((s) => {
      const spend = withUsage(s.spend, usage, refreshedAt);
      if (s.credentials?.token !== token) return { set: { spend } }; // signed in as someone else meanwhile
      const remember = (s.settings?.apiVersion ?? "auto") === "auto" && s.apiInUse !== via;
      /** @type {MuteList} */
      const muteList = { refreshedAt, count: ids.length, complete, via, savedAt, cost };
      return { set: { mutes: foldRefresh(s, ids, startedAt, via, complete), muteList, spend, ...(remember ? { apiInUse: via } : {}) } };
    });
    return { count: ids.length, complete, refreshedAt, cost };
  } catch (error) {
    const usage = client?.takeUsage?.(); // pages read before the failure are billed too
    const json = toErrorJson(error);
    const limited = json.name === "RateLimited";
    const resetAt = typeof json.resetAt === "number" ? json.resetAt * 1000 : 0;
    const wait = limited ? { retryAt: resetAt || Date.now() + DEFAULT_WAIT_MS } : {};
    await update((s) => {
      const spend = withUsage(s.spend, usage, Date.now());
      if (s.credentials?.token !== token) return { set: { spend } };
      const { error: _, retryAt: __, ...previous } = /** @type {MuteList} */ (s.muteList ?? {});
      const kept = previous.savedAt === savedAt ? previous : {}; // a read for earlier credentials is not this one's
      return { set: { muteList: { ...kept, error: json, savedAt, ...wait }, spend } };
    });
    throw error;
  }
}
