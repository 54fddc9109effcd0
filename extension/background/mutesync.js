// @ts-check
/**
 * Keeps the mute cache (mutecache.js) in step: reads the muted accounts from X when the user
 * asks on the options page (never by itself: X bills each account the read returns), learns
 * which @handle is which id from what the content script sees, tells a content script where the
 * public state is, and stores the tweet-buttons switch.
 *
 * X allows 15 reads of the mute list per 15 minutes: a refresh that X answers with 429 is
 * remembered with its reset time, and no request is sent before then.
 */
import { t } from "../shared/i18n.js";
import { namedError, toErrorJson } from "../shared/errors.js";
import { nameKey } from "../shared/ids.js";
import { accountList, credentialsOf } from "../shared/accounts.js";
import { keys } from "../shared/keys.js";
import { PRICES, costOf } from "../shared/prices.js";
import { appSpend, withUsage, withinBudget } from "../shared/spend.js";
import { checkIdentities, identityOf, learnChange, learnKeys, refreshChange } from "./mutecache.js";
import { accountOf, publicAreaName, publicSettings, read, republish, transact } from "./store.js";

/** When X gives no reset time for its 15-minute window. */
const DEFAULT_WAIT_MS = 15 * 60 * 1000;

/**
 * @typedef {import("./store.js").State} State
 * @typedef {{ mutedUsers(options: { max: number }): Promise<{ ids: string[], complete: boolean }>,
 *             takeUsage?(): import("../shared/prices.js").Usage, readonly apiVersionInUse: string, state?: object }} ListClient
 * @typedef {{ client(state: State): Promise<ListClient>, learned?(client: ListClient): Promise<void> }} Api
 * @typedef {{ refreshedAt?: number, count?: number, complete?: boolean, via?: string, cost?: number,
 *             error?: import("../shared/errors.js").ErrorJson, retryAt?: number, savedAt?: number, acct?: string }} MuteList
 *   stored as `muteList`: the last read (of any account: `acct`), for the options page; `savedAt` is
 *   the credentials' of the account read (a wait for X's reset is per sign-in); `complete` false
 *   when the read stopped at its limit
 */

/**
 * `view`: where a content script starting up reads the public state (`session`, or `local`
 * where content scripts cannot use `session`), and the public settings. It then reads the
 * state of the people it shows and follows `storage.onChanged`.
 */
export async function view() {
  const { credentials, accounts, display, settings } = await read(["credentials", "accounts", "display", "settings"]);
  return { area: publicAreaName(), settings: publicSettings(credentials, display, settings, accounts) };
}

/**
 * Records which @handle belongs to which id, and writes again the public state of the people
 * it links.
 * @param {{ userId: string, screenName: string }[]} pairs
 */
async function learn(pairs) {
  if (pairs.length === 0) return;
  const names = await read(pairs.map((p) => keys.name(nameKey(p.screenName))));
  if (pairs.every(({ userId, screenName }) => names[keys.name(nameKey(screenName))] === userId)) return;
  /** @type {string[]} */
  let ids = [];
  await transact(learnKeys(pairs, names), (s) => {
    const change = learnChange(s, pairs);
    ids = change?.ids ?? [];
    return change ? { set: change.set } : undefined;
  });
  if (ids.length === 0) return;
  for (const { acct } of accountList(await read(["credentials", "accounts"]))) await republish(acct, ids);
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
    throw namedError("InvalidInput", t("refusedTweetSwitch"), { field: "enabled" });
  }
  const enabled = message.enabled;
  await transact(["display"], (s) => (Boolean(s.display?.tweetButtons) === enabled ? undefined : { set: { display: { ...s.display, tweetButtons: enabled } } }));
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
    throw namedError("InvalidInput", t("readMaxInvalid"), { field: "max" });
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
 * @param {string} [as]  the account whose list is read (the first when not named)
 */
export function refreshMutes(api, max, as) {
  running ??= refresh(api, max, as).finally(() => {
    running = null;
  });
  return running;
}

/**
 * Every key of `acct`'s mute records. Only a complete read of the list needs them all.
 * @param {string} acct
 */
async function muteRecordKeys(acct) {
  const prefix = keys.mute(acct, "");
  const area = /** @type {any} */ (chrome.storage.local);
  const all = typeof area.getKeys === "function" ? await area.getKeys() : Object.keys(await area.get(null));
  return /** @type {string[]} */ (all).filter((key) => key.startsWith(prefix));
}

/**
 * @param {Api} api
 * @param {number} max
 * @param {string} [as]  the account whose list is read (the first when not named)
 */
async function refresh(api, max, as) {
  const startedAt = Date.now();
  const state = await read(["credentials", "accounts", "settings", "client", "muteList"]);
  const acct = as ?? accountOf(state.credentials);
  const credentials = credentialsOf(state, acct);
  if (!acct || !credentials) throw namedError("NotSignedIn", t("readNeedsSignIn"));
  const last = /** @type {MuteList} */ (state.muteList ?? {});
  const savedAt = credentials.savedAt;
  const retryAt = last.savedAt === savedAt ? last.retryAt : undefined;
  if (retryAt && retryAt > startedAt) {
    throw namedError("RateLimited", t("readRateLimited"), { resetAt: Math.ceil(retryAt / 1000) });
  }
  const choice = state.settings?.apiVersion ?? "auto";
  const priced = !(choice === "1.1" || (choice === "auto" && state.client?.state?.apiVersion === "1.1"));
  const atMost = priced ? max * PRICES.mutedAccountRead : 0;
  // The budget counts every account's spend together (X bills the app).
  const spendKeys = accountList(state).map((a) => keys.spend(a.acct));
  const stored = await read(spendKeys);
  const spends = spendKeys.map((key) => stored[key]);
  const budget = state.settings?.monthlyBudget;
  if (!withinBudget(spends, budget, atMost, startedAt)) {
    throw namedError("OverBudget", t("errorOverBudgetRead"), { field: "max", budget, spent: appSpend(spends, startedAt), cost: atMost });
  }
  const token = credentials.token;
  /** @type {ListClient | undefined} */
  let client;
  try {
    client = await api.client({ ...state, credentials });
    const { ids, complete } = await client.mutedUsers({ max });
    const usage = client.takeUsage?.();
    const via = client.apiVersionInUse;
    const refreshedAt = Date.now();
    const cost = costOf(usage);
    const existing = complete ? await muteRecordKeys(acct) : ids.map((id) => keys.mute(acct, id));
    const handleNames = existing.map((key) => key.slice(keys.mute(acct, "").length)).filter((p) => p.startsWith("@")).map((h) => keys.name(h));
    await transact(["credentials", "accounts", keys.spend(acct), ...existing, ...ids.map((id) => keys.mute(acct, id)), ...handleNames], (s) => {
      const set = { [keys.spend(acct)]: withUsage(s[keys.spend(acct)], usage, refreshedAt) };
      if (credentialsOf(s, acct)?.token !== token) return { set }; // signed out or in anew meanwhile
      /** @type {MuteList} */
      const muteList = { refreshedAt, count: ids.length, complete, via, savedAt, cost, acct };
      const fold = refreshChange(s, acct, ids, startedAt, via, complete);
      return { set: { ...set, ...fold.set, muteList }, remove: fold.remove };
    });
    return { count: ids.length, complete, refreshedAt, cost };
  } catch (error) {
    const usage = client?.takeUsage?.(); // pages read before the failure are billed too
    const json = toErrorJson(error);
    const limited = json.name === "RateLimited";
    const resetAt = typeof json.resetAt === "number" ? json.resetAt * 1000 : 0;
    const wait = limited ? { retryAt: resetAt || Date.now() + DEFAULT_WAIT_MS } : {};
    await transact(["credentials", "accounts", "muteList", keys.spend(acct)], (s) => {
      const set = { [keys.spend(acct)]: withUsage(s[keys.spend(acct)], usage, Date.now()) };
      if (credentialsOf(s, acct)?.token !== token) return { set };
      const { error: _, retryAt: __, ...previous } = /** @type {MuteList} */ (s.muteList ?? {});
      const kept = previous.savedAt === savedAt ? previous : {}; // a read for earlier credentials is not this one's
      return { set: { ...set, muteList: { ...kept, error: json, savedAt, acct, ...wait } } };
    });
    throw error;
  } finally {
    if (client) await api.learned?.(client);
  }
}
