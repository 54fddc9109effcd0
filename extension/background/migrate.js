// @ts-check
/**
 * Brings what an earlier XMute stored up to today's layout (shared/keys.js), once, when a new
 * worker starts after an update. Nothing the user had is lost: mute records, which handle is
 * which id, the queue (with its pause, holds and recent requests), the history and the month's
 * spend move to their per-account keys.
 *
 * Layout 1 (XMute 0.1, until 2026-12) kept each kind of thing in one key: `mutes`, `names`,
 * `pending`, `queueState`, `history`, `spend`, `apiInUse`, and a copy of the public view (`view`).
 */
import { SCHEMA, keys } from "../shared/keys.js";
import { HISTORY_LIMIT, appendHistory } from "../shared/history.js";
import { accountOf } from "./store.js";

/** The keys of layout 1 that layout 2 replaces. */
const LAYOUT_1 = ["mutes", "names", "pending", "queueState", "history", "spend", "apiInUse", "view"];

/**
 * The change from layout 1 to layout 2, as pure data (tested with a profile stored by XMute 0.1).
 * @param {Record<string, any>} old  all of `local`
 * @returns {{ set: Record<string, unknown>, remove: string[] }}
 */
export function layout2(old) {
  /** @type {Record<string, unknown>} */
  const set = { schema: SCHEMA };
  const remove = LAYOUT_1.filter((key) => key in old);
  const acct = accountOf(old.credentials);
  if (acct) {
    for (const [person, record] of Object.entries(old.mutes ?? {})) set[keys.mute(acct, person)] = record;
    /** @type {Record<string, number>} */
    const active = {};
    /** @type {Record<string, number>} */
    const waiting = {};
    for (const [person, item] of Object.entries(old.pending ?? {})) {
      set[keys.item(acct, person)] = item;
      if (item.status === "running" || (item.status === "queued" && item.reason === "new")) active[person] = item.since;
      else waiting[person] = item.status === "failed" ? 0 : item.runAt;
    }
    if (Object.keys(active).length) set[keys.active(acct)] = active;
    if (Object.keys(waiting).length) set[keys.waiting(acct)] = waiting;
    const history = Array.isArray(old.history) ? old.history.slice(0, HISTORY_LIMIT) : [];
    Object.assign(set, appendHistory(acct, undefined, history.slice().reverse()));
    const { paused, blocked, sent } = old.queueState ?? {};
    if (paused) set[keys.paused(acct)] = paused;
    if (blocked) set[keys.blocked(acct)] = blocked;
    if (sent && (sent.account === acct || sent.account == null)) set[keys.sent(acct)] = { mute: sent.mute ?? [], unmute: sent.unmute ?? [] };
    if (old.spend) set[keys.spend(acct)] = old.spend;
  }
  /** @type {Record<string, string[]>} */
  const links = {};
  for (const [handle, userId] of Object.entries(old.names ?? {})) {
    set[keys.name(handle)] = userId;
    (links[userId] ??= []).push(handle);
  }
  for (const [userId, handles] of Object.entries(links)) set[keys.links(userId)] = handles;
  if (old.apiInUse === "1.1") set.client = { savedAt: old.credentials?.savedAt, state: { apiVersion: "1.1", clockOffset: 0 } };
  return { set, remove };
}

/** Migrates `local` when it is older than this layout; resolves to whether it did. */
export async function migrate() {
  const { schema } = await chrome.storage.local.get("schema");
  if (schema === SCHEMA) return false;
  const old = await chrome.storage.local.get(null);
  const { set, remove } = layout2(old);
  await chrome.storage.local.set(set);
  if (remove.length) await chrome.storage.local.remove(remove);
  // The old public view in session, and the marker of the public state: written anew.
  await chrome.storage.session.remove(["view", "pub"]).catch(() => {});
  return true;
}
