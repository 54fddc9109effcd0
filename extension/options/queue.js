// @ts-check
/**
 * The options page's Queue and History sections: what waits, is being sent or failed (with
 * Retry, Cancel, Send anyway for an action held by the budget, and Clear failed), a pause (X
 * refused the keys, the app is out of credits, a usage cap) with Resume, and the last 100
 * finished actions with what each cost. Reads `chrome.storage.local` (a trusted page) and follows its
 * changes; every change goes through the background's handlers. The words come from
 * shared/words.js, so the page and the buttons say the same thing.
 */
import { locale, t } from "../shared/i18n.js";
import { readHistory } from "../shared/history.js";
import { credentialsOf } from "../shared/accounts.js";
import { keys } from "../shared/keys.js";
import { formatUsd } from "../shared/prices.js";
import { errorText, failedText, noteText, queuedText } from "../shared/words.js";
import { ACCOUNT_EVENT, viewedAccount } from "./accounts.js";


/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const queueTable = byId("queue-table");
const queueRows = byId("queue-rows");
const queueEmpty = byId("queue-empty");
const pausedNote = byId("queue-paused");
const pausedText = byId("queue-paused-text");
const clearFailedButton = /** @type {HTMLButtonElement} */ (byId("clear-failed"));
const queueStatus = byId("queue-status");
const historyTable = byId("history-table");
const historyRows = byId("history-rows");
const historyEmpty = byId("history-empty");

/**
 * @typedef {{ userId?: string, screenName?: string }} Target
 * @typedef {{ action: "mute" | "unmute", target: Target, status: "queued" | "running" | "failed",
 *             reason?: string, runAt?: number, attempts?: number, error?: { name: string, message: string } }} Item
 * @typedef {{ at: number, action: "mute" | "unmute", userId?: string, screenName?: string,
 *             result: "done" | "failed" | "cancelled", via?: string, attempts: number, note?: string,
 *             error?: { name: string, message: string }, cost?: number }} Entry
 */

/** @param {Target} target */
function account(target) {
  return target.screenName ? `@${target.screenName}` : t("userById", String(target.userId));
}

/** @param {string} action */
const actionWord = (action) => (action === "mute" ? t("buttonMute") : t("buttonUnmute"));

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} children
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** @param {Item} item */
function statusText(item) {
  if (item.status === "running") return t("statusSending");
  if (item.status === "failed") return t("statusFailed", failedText(item));
  return queuedText(item);
}

/**
 * @param {string} type
 * @param {Record<string, unknown>} [payload]
 * @param {string} [done]  what to say when it worked
 */
async function call(type, payload = {}, done = "") {
  const acct = viewedAccount(await get(["credentials", "accounts"]));
  const reply = await chrome.runtime.sendMessage({ type, ...payload, ...(acct ? { acct } : {}) }).catch(() => null);
  if (!reply?.ok) {
    queueStatus.textContent = reply?.error ? errorText(reply.error) : t("backgroundSilent");
    queueStatus.classList.add("error");
    return;
  }
  queueStatus.classList.remove("error");
  queueStatus.textContent = done;
}

/** @param {string} key @param {Item} item */
function queueRow(key, item) {
  const cells = [
    h("th", { scope: "row" }, account(item.target)),
    h("td", {}, actionWord(item.action)),
    h("td", {}, statusText(item)),
    h("td", {}, String(item.attempts ?? 0)),
  ];
  const tools = h("td");
  const what = t(item.action === "mute" ? "actionMuteOf" : "actionUnmuteOf", account(item.target));
  /** @param {string} label @param {string} command @param {string} type @param {string} done */
  const commandButton = (label, command, type, done) => {
    const button = h("button", { type: "button", "data-key": key, "data-command": command, "aria-label": t("commandOn", label, what) }, label);
    button.addEventListener("click", () => call(type, { key }, done));
    tools.append(button);
  };
  if (item.status === "failed") commandButton(t("retry"), "retry", "retry", t("retrying", what));
  else if (item.status === "queued") {
    if (item.reason === "budget") commandButton(t("sendAnyway"), "send-anyway", "sendAnyway", t("sendingAnyway", what));
    commandButton(t("cancel"), "cancel", "cancel", t("cancelledWhat", what));
  }
  return h("tr", { "data-key": key, "data-status": item.status, ...(item.reason ? { "data-reason": item.reason } : {}) }, ...cells, tools);
}

/** @param {Entry} entry */
function resultText(entry) {
  const note = noteText(entry);
  const withNote = (/** @type {string} */ text) => (note ? `${text} ${note}` : text);
  if (entry.result === "done") return withNote(t("resultDone"));
  if (entry.result === "failed") return withNote(t("statusFailed", entry.error ? errorText(entry.error) : t("errorOther")));
  return note || t("resultCancelled");
}

/** @param {Entry} entry */
function historyRow(entry) {
  const time = new Date(entry.at);
  return h("tr", { "data-result": entry.result },
    h("td", {}, h("time", { datetime: time.toISOString() }, time.toLocaleString(locale(), { dateStyle: "short", timeStyle: "medium" }))),
    h("th", { scope: "row" }, account(entry)),
    h("td", {}, actionWord(entry.action)),
    h("td", {}, resultText(entry)),
    h("td", {}, entry.via ? `v${entry.via}` : "—"),
    h("td", {}, entry.cost ? formatUsd(entry.cost) : "—"));
}

/**
 * @param {{ credentials?: Record<string, any>, paused?: Record<string, any>, items: [string, Item][],
 *           history: Entry[] }} state
 */
function render(state) {
  const items = state.items.slice().sort(([, a], [, b]) => (a.runAt ?? 0) - (b.runAt ?? 0));
  queueRows.replaceChildren(...items.map(([key, item]) => queueRow(key, item)));
  queueTable.hidden = items.length === 0;
  queueEmpty.hidden = items.length > 0;
  clearFailedButton.hidden = !items.some(([, item]) => item.status === "failed");

  const paused = state.paused?.savedAt === state.credentials?.savedAt ? state.paused : undefined;
  pausedNote.hidden = !paused;
  if (paused) {
    const lifts = paused.error?.name === "Unauthorized" || paused.error?.name === "NotSignedIn"
      ? t("pausedLiftsByKeys") : t("pausedLiftsByResume");
    pausedText.textContent = t("pausedText", errorText(paused.error), lifts);
  }

  const history = state.history;
  historyRows.replaceChildren(...history.map(historyRow));
  historyTable.hidden = history.length === 0;
  historyEmpty.hidden = history.length > 0;
}

/** @param {string[]} keyList @returns {Promise<Record<string, any>>} */
const get = (keyList) => chrome.storage.local.get(keyList);

/** The viewed account's queue (both indexes' items), pause and history. */
async function load() {
  const state = await get(["credentials", "accounts"]);
  const acct = viewedAccount(state);
  const credentials = credentialsOf(state, acct);
  if (!acct) {
    render({ credentials, items: [], history: [] });
    return;
  }
  const indexes = await get([keys.active(acct), keys.waiting(acct), keys.paused(acct)]);
  const persons = [...new Set([...Object.keys(indexes[keys.active(acct)] ?? {}), ...Object.keys(indexes[keys.waiting(acct)] ?? {})])];
  const stored = await get(persons.map((person) => keys.item(acct, person)));
  /** @type {[string, Item][]} */
  const items = persons.map((person) => /** @type {[string, Item]} */ ([person, stored[keys.item(acct, person)]])).filter(([, item]) => item);
  render({ credentials, paused: indexes[keys.paused(acct)], items, history: await readHistory(acct, get) });
}

/** Whether a changed key is one this section shows. @param {string} key */
const shown = (key) => key === "credentials" || key === "accounts" || /^(?:q|h|hist|queue|active|paused):/.test(key);

clearFailedButton.addEventListener("click", () => call("clearFailed", {}, t("clearedFailed")));
byId("resume-queue").addEventListener("click", () => call("resumeQueue", {}, t("resuming")));
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && Object.keys(changes).some(shown)) load();
});
document.addEventListener(ACCOUNT_EVENT, load);
load();
