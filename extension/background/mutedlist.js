// @ts-check
/**
 * The manager page's list: the accounts XMute knows the signed-in account mutes, one row a
 * person, from the mute records (`m:`; an action's, or the last read of the mute list from X),
 * with the handle XMute saw last for an id (`l:`), when it was muted, and until when for a
 * timed mute. A person known under an id and a handle is one row: the newest record decides, as
 * for the buttons (store.js `personView`). Reading the list from X stays the options page's
 * priced action; this only reads storage.
 */
import { accountList } from "../shared/accounts.js";
import { namedError } from "../shared/errors.js";
import { t } from "../shared/i18n.js";
import { keys } from "../shared/keys.js";
import { appSpend } from "../shared/spend.js";
import { read } from "./store.js";

/**
 * @typedef {import("../shared/transfer.js").Account & { pending?: "mute" | "unmute" }} Row
 * @typedef {{ muted: boolean, at: number, until?: number }} MuteRecord
 */

/**
 * The rows, from all of `local` as read (pure, for the unit test).
 * @param {Record<string, any>} all
 * @param {string} acct
 * @returns {{ accounts: Row[], knownIds: Record<string, string> }}
 */
export function mutedRows(all, acct) {
  const prefix = keys.mute(acct, "");
  /** @type {Record<string, string>} */
  const knownIds = {};
  for (const [key, value] of Object.entries(all)) {
    if (key.startsWith("n:@") && typeof value === "string") knownIds[key.slice(2)] = value;
  }
  /** @type {Map<string, { record: MuteRecord, handle?: string }>} the newest record per person (id, or handle) */
  const people = new Map();
  for (const [key, record] of Object.entries(all)) {
    if (!key.startsWith(prefix) || !record || typeof record.at !== "number") continue;
    const person = key.slice(prefix.length);
    const id = person.startsWith("@") ? knownIds[person] ?? person : person;
    const before = people.get(id);
    if (!before || record.at > before.record.at) people.set(id, { record, handle: person.startsWith("@") ? person.slice(1) : before?.handle });
    else if (person.startsWith("@") && !before.handle) before.handle = person.slice(1);
  }
  /** @type {Row[]} */
  const accounts = [];
  for (const [person, { record, handle }] of people) {
    const item = all[keys.item(acct, person)];
    // A timed mute's unmute waits in the queue for its end: that is the row's `until`, not a
    // pending action.
    const until = item?.timed && typeof item.timed.until === "number" ? item.timed.until : record.until;
    const pending = item?.timed ? undefined : item?.action;
    if (!record.muted && pending !== "mute") continue;
    const isId = !person.startsWith("@");
    const links = isId ? all[keys.links(person)] : undefined;
    const seenHandle = Array.isArray(links) && links.length ? String(links[links.length - 1]).slice(1) : handle;
    accounts.push({
      key: person,
      ...(isId ? { id: person } : {}),
      ...(seenHandle ? { handle: seenHandle } : isId ? {} : { handle: person.slice(1) }),
      mutedAt: record.at,
      ...(typeof until === "number" ? { until } : {}),
      ...(pending ? { pending } : {}),
    });
  }
  return { accounts, knownIds };
}

/**
 * `mutedAccounts`: the rows for an account (the first signed-in one when not named), the ids
 * known for handles (the import plan), the last read of the list from X when it was this
 * account's, and the monthly budget with this month's spend of every account (X bills the app;
 * the page says when a batch would go past it).
 * @param {string} [as]
 */
export async function mutedAccounts(as) {
  const all = await read(null);
  const signedIn = accountList(all);
  const account = as === undefined ? signedIn[0] : signedIn.find((a) => a.acct === as);
  if (!account) {
    if (as !== undefined) throw namedError("NotSignedIn", t("accountNotSignedIn"));
    return { signedIn: false, accounts: [], knownIds: {} };
  }
  const acct = account.acct;
  const muteList = all.muteList?.acct === acct || (all.muteList?.acct === undefined && acct === signedIn[0].acct && all.muteList?.savedAt === all.credentials?.savedAt)
    ? all.muteList : undefined;
  const { refreshedAt, count, complete } = muteList ?? {};
  const budget = all.settings?.monthlyBudget;
  return {
    signedIn: true,
    account: { acct, ...(account.screenName ? { screenName: account.screenName } : {}) },
    ...mutedRows(all, acct),
    ...(refreshedAt ? { muteList: { refreshedAt, count, complete } } : {}),
    ...(typeof budget === "number" ? { budget: { budget, spent: appSpend(signedIn.map((a) => all[keys.spend(a.acct)]), Date.now()) } } : {}),
  };
}
