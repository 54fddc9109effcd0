// @ts-check
/**
 * XMute's manager page (manager.html), bundled into manager.js: the accounts XMute knows the
 * signed-in account mutes, searchable and sortable in a virtualised grid (grid.js), unmuting one
 * or many after a confirmation that says the cost and the least time X's limit needs, the
 * batches in progress (progress.js), export and import (transfer.js). The list comes from the
 * background (`mutedAccounts`); every change goes through the background's handlers, and the
 * page follows the queue and mute records in storage.
 */
import { forAccount } from "./account.js";
import "../options/i18n.js";
import { t } from "../shared/i18n.js";
import { formatUsd } from "../shared/prices.js";
import { minimumTime, unmuteCost } from "../shared/transfer.js";
import { clock, counted, errorText } from "../shared/words.js";
import { duration, overBudget } from "./estimate.js";
import { Grid } from "./grid.js";
import { refresh as refreshProgress } from "./progress.js";
import { setUpTransfer } from "./transfer.js";

/** @typedef {import("../background/mutedlist.js").Row} Row */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const source = byId("source");
const whose = byId("manager-account");
const search = /** @type {HTMLInputElement} */ (byId("search"));
const sort = /** @type {HTMLSelectElement} */ (byId("sort"));
const shown = byId("shown");
const empty = byId("grid-empty");
const unmute = /** @type {HTMLButtonElement} */ (byId("unmute-selected"));
const status = byId("manager-status");
const dialog = /** @type {HTMLDialogElement} */ (byId("confirm"));
const confirmText = byId("confirm-text");

/** @type {Row[]} */
let accounts = [];
/** @type {Record<string, string>} */
let knownIds = {};
/** @type {{ budget: number, spent: number } | undefined} the monthly budget, and this month's spend */
let budget;
let signedIn = true;

const grid = new Grid(byId("grid"), byId("viewport"), byId("spacer"), labelUnmute);

/** @type {Record<string, (a: Row, b: Row) => number>} */
const ORDERS = {
  handle: (a, b) => (a.handle ?? `~${a.id}`).localeCompare(b.handle ?? `~${b.id}`, undefined, { sensitivity: "base" }),
  newest: (a, b) => (b.mutedAt ?? 0) - (a.mutedAt ?? 0),
  oldest: (a, b) => (a.mutedAt ?? 0) - (b.mutedAt ?? 0),
  until: (a, b) => (a.until ?? Infinity) - (b.until ?? Infinity) || ORDERS.handle(a, b),
};

/** The rows the search and sort select, in order. */
function visible() {
  const query = search.value.trim().toLowerCase().replace(/^@/, "");
  const rows = query
    ? accounts.filter((row) => row.handle?.toLowerCase().includes(query) || row.name?.toLowerCase().includes(query) || row.id?.includes(query))
    : [...accounts];
  return rows.sort(ORDERS[sort.value] ?? ORDERS.handle);
}

function show() {
  const rows = visible();
  grid.setRows(rows);
  shown.textContent = t("managerShown", rows.length.toLocaleString(), accounts.length.toLocaleString());
  empty.hidden = rows.length > 0;
  empty.textContent = !signedIn ? t("managerNotSignedIn") : accounts.length ? t("managerNoMatch") : t("managerEmpty");
}

/** The unmute button says how many and what X charges. */
function labelUnmute() {
  const selected = grid.selection();
  unmute.disabled = selected.length === 0;
  unmute.textContent = selected.length === 0
    ? t("managerUnmuteNone")
    : counted(selected.length, "managerUnmuteOne", "managerUnmuteOther", formatUsd(unmuteCost(selected)));
}

/** Asks the background for the list, and shows it. */
async function load() {
  const reply = await chrome.runtime.sendMessage(forAccount({ type: "mutedAccounts" })).catch(() => null);
  if (!reply?.ok) {
    status.textContent = reply ? errorText(reply.error) : t("backgroundSilent");
    return;
  }
  signedIn = reply.signedIn;
  // With several X accounts, the page shows the one the options page showed.
  const account = reply.account;
  whose.textContent = account ? t("managerShownFor", account.screenName ? `@${account.screenName}` : t("userById", account.acct)) : "";
  accounts = reply.accounts;
  knownIds = reply.knownIds;
  budget = reply.budget;
  const read = reply.muteList;
  source.textContent = !signedIn ? t("managerNotSignedIn")
    : read ? t("managerSourceRead", clock(read.refreshedAt), counted(read.count ?? 0, "countMutedAccountsOne", "countMutedAccountsOther"))
      : t("managerSourceNone");
  show();
}

/** @param {() => unknown} fn @param {number} ms */
function debounced(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

search.addEventListener("input", debounced(show, 120));
sort.addEventListener("change", show);
byId("select-shown").addEventListener("click", () => grid.selectAll(true));
byId("clear-selection").addEventListener("click", () => grid.selectAll(false));

unmute.addEventListener("click", () => {
  const selected = grid.selection();
  if (selected.length === 0) return;
  const what = selected.length === 1 && selected[0].handle
    ? `@${selected[0].handle}`
    : counted(selected.length, "managerConfirmAccountsOne", "managerConfirmAccountsOther");
  const cost = unmuteCost(selected);
  confirmText.textContent = `${t("managerConfirmText", what, formatUsd(cost), duration(minimumTime(selected.length)))} ${overBudget(budget, cost)}`.trim();
  dialog.showModal();
});
byId("confirm-cancel").addEventListener("click", () => dialog.close());
byId("confirm-unmute").addEventListener("click", async () => {
  const selected = grid.selection();
  dialog.close();
  const targets = selected.map((row) => (row.id ? { userId: row.id, ...(row.handle ? { screenName: row.handle } : {}) } : { screenName: String(row.handle) }));
  const reply = await chrome.runtime.sendMessage(forAccount({ type: "queueBatch", action: "unmute", targets })).catch(() => null);
  if (!reply?.ok) {
    status.textContent = reply ? errorText(reply.error) : t("backgroundSilent");
    return;
  }
  status.textContent = t("batchQueued", reply.queued.toLocaleString(), reply.skipped.toLocaleString());
  grid.selectAll(false);
  await Promise.all([load(), refreshProgress()]);
});

setUpTransfer(() => ({ listed: visible(), all: accounts, knownIds, budget }), () => {
  load();
  refreshProgress();
});

// The queue and the mute records change as actions are sent: the list and progress follow.
const reloadList = debounced(load, 400);
const reloadProgress = debounced(refreshProgress, 250);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  const changed = Object.keys(changes);
  if (changed.some((key) => key.startsWith("m:") || key === "muteList" || key === "credentials" || key.startsWith("l:"))) reloadList();
  if (changed.some((key) => key.startsWith("q:") || key.startsWith("batches:"))) reloadProgress();
});

load();
refreshProgress();
