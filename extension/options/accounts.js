// @ts-check
/**
 * The options page's "X accounts" section: every account XMute is signed in as with the app's
 * keys (shared/accounts.js), each with Remove, and which account the spending, muted accounts,
 * queue and history sections show (`viewedAccount()`; they hear `xmute-account` on `document`
 * when it changes). Adding an account is the PIN sign-in of the form above, with x.com
 * switched to it.
 */
import { t } from "../shared/i18n.js";
import { accountList } from "../shared/accounts.js";
import { errorText } from "../shared/words.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const list = byId("account-list");
const none = byId("accounts-none");
const chooser = /** @type {HTMLSelectElement} */ (byId("account-view"));
const chooserRow = byId("account-view-row");
const status = byId("accounts-status");
const manager = document.getElementById("open-manager");

/** The event the sections that show one account's things listen for. */
export const ACCOUNT_EVENT = "xmute-account";

/** @type {import("../shared/accounts.js").SignedIn[]} */
let accounts = [];

/** How an account is named: @handle, or its id while the handle is unknown. @param {import("../shared/accounts.js").SignedIn} account */
function nameOf(account) {
  return account.screenName ? `@${account.screenName}` : t("userById", account.userId ?? account.acct);
}

/**
 * The account whose spending, queue and history the page shows: the one chosen, else the first;
 * null when signed out.
 * @param {{ credentials?: Record<string, any>, accounts?: Record<string, any> }} state  from storage
 */
export function viewedAccount(state) {
  const signedIn = accountList(state);
  return signedIn.find((a) => a.acct === chooser.value)?.acct ?? signedIn[0]?.acct ?? null;
}

/** @param {import("../shared/accounts.js").SignedIn} account */
async function remove(account) {
  const reply = await chrome.runtime.sendMessage({ type: "removeAccount", acct: account.acct }).catch(() => null);
  status.classList.toggle("error", !reply?.ok);
  status.textContent = reply?.ok ? t("accountRemoved", nameOf(account)) : reply?.error ? errorText(reply.error) : t("backgroundSilent");
}

async function load() {
  accounts = accountList(await chrome.storage.local.get(["credentials", "accounts"]));
  const before = chooser.value;
  list.replaceChildren(...accounts.map((account) => {
    const item = document.createElement("li");
    item.dataset.acct = account.acct;
    const name = document.createElement("span");
    name.textContent = nameOf(account);
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t("accountRemove");
    button.setAttribute("aria-label", t("accountRemoveLabel", nameOf(account)));
    button.addEventListener("click", () => remove(account));
    item.append(name, " ", button);
    return item;
  }));
  none.hidden = accounts.length > 0;
  chooser.replaceChildren(...accounts.map((account) => new Option(nameOf(account), account.acct, false, account.acct === before)));
  chooserRow.hidden = accounts.length < 2; // one account: nothing to choose
  list.dataset.loaded = ""; // read from storage at least once (tests wait for it)
  linkManager();
  if (chooser.value !== before) document.dispatchEvent(new Event(ACCOUNT_EVENT));
}

/** The manager page opens for the account the page shows. */
function linkManager() {
  const acct = accounts.find((a) => a.acct === chooser.value)?.acct ?? accounts[0]?.acct;
  manager?.setAttribute("href", acct ? `manager.html?acct=${encodeURIComponent(acct)}` : "manager.html");
}

chooser.addEventListener("change", () => {
  linkManager();
  document.dispatchEvent(new Event(ACCOUNT_EVENT));
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.credentials || changes.accounts)) load();
});
load();
