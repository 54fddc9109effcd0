// @ts-check
/**
 * The options page's "What X charges" section (X's prices are filled by i18n.js from the one
 * table, prices.js): this month's estimated spend by XMute, and the monthly budget. Reads `spend` and `settings`
 * from storage (a trusted page) and follows their changes; the budget is set through the
 * background, which releases the actions a higher budget allows.
 */
import { t } from "../shared/i18n.js";
import { keys } from "../shared/keys.js";
import { formatUsd, parseUsd } from "../shared/prices.js";
import { monthSpend } from "../shared/spend.js";
import { describeSpend, errorText } from "../shared/words.js";
import { ACCOUNT_EVENT, viewedAccount } from "./accounts.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const spendMonth = byId("spend-month");
const budget = /** @type {HTMLInputElement} */ (byId("monthly-budget"));
const budgetStatus = byId("budget-status");

/** @param {number | undefined} micros */
const budgetText = (micros) => (typeof micros === "number" ? (micros / 1_000_000).toFixed(2) : "");

async function load() {
  /** @type {Record<string, any>} */
  const { credentials, accounts, settings } = await chrome.storage.local.get(["credentials", "accounts", "settings"]);
  const acct = viewedAccount({ credentials, accounts });
  /** @type {Record<string, any>} */
  const stored = acct ? await chrome.storage.local.get(keys.spend(acct)) : {};
  const spend = acct ? stored[keys.spend(acct)] : undefined;
  spendMonth.textContent = describeSpend(monthSpend(spend, Date.now()));
  // Not while the user is typing a new one.
  if (document.activeElement !== budget) budget.value = budgetText(settings?.monthlyBudget);
}

budget.addEventListener("change", async () => {
  const micros = parseUsd(budget.value);
  if (Number.isNaN(micros)) {
    budget.setAttribute("aria-invalid", "true");
    budgetStatus.textContent = t("budgetInvalid");
    budgetStatus.classList.add("error");
    return;
  }
  budget.setAttribute("aria-invalid", "false");
  const reply = await chrome.runtime.sendMessage({ type: "setBudget", budget: micros }).catch(() => null);
  budgetStatus.classList.toggle("error", !reply?.ok);
  budgetStatus.textContent = !reply?.ok
    ? (reply?.error ? errorText(reply.error) : t("backgroundSilent"))
    : micros === null ? t("budgetCleared") : t("budgetSet", formatUsd(micros));
  await load();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && Object.keys(changes).some((key) => key.startsWith("spend:") || key === "settings" || key === "credentials" || key === "accounts")) load();
});
document.addEventListener(ACCOUNT_EVENT, load);

load();
