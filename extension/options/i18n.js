// @ts-check
/**
 * Puts the options page's words in the user's language: every element with `data-i18n` gets
 * its message (shared/i18n.js), with the substitutions its `data-i18n-args` names (X's prices,
 * the date of those prices), and `data-i18n-placeholder` sets a field's placeholder. The page's
 * language, direction and title follow.
 */
import { direction, locale, messagesReady, t, wordsLanguage } from "../shared/i18n.js";
import { PRICES, PRICES_AS_OF, formatUsd } from "../shared/prices.js";

/** @type {Record<string, number>} */
const AMOUNTS = { ...PRICES, thousandReads: 1000 * PRICES.mutedAccountRead };

/** A substitution `data-i18n-args` names. @param {string} token */
function argument(token) {
  if (token.startsWith("price:")) return formatUsd(AMOUNTS[token.slice("price:".length)] ?? 0);
  if (token === "pricesDate") return new Date(`${PRICES_AS_OF}T00:00:00`).toLocaleDateString(locale(), { dateStyle: "long" });
  throw new Error(`XMute: no substitution ${token}`);
}

/** @param {ParentNode} root */
export function translate(root) {
  for (const element of root.querySelectorAll("[data-i18n]")) {
    const el = /** @type {HTMLElement} */ (element);
    const args = (el.dataset.i18nArgs ?? "").split(",").filter(Boolean).map(argument);
    el.textContent = t(/** @type {string} */ (el.dataset.i18n), ...args);
  }
  for (const element of root.querySelectorAll("[data-i18n-placeholder]")) {
    const el = /** @type {HTMLInputElement} */ (element);
    el.placeholder = t(/** @type {string} */ (el.dataset.i18nPlaceholder));
  }
}

await messagesReady();
document.documentElement.lang = wordsLanguage();
document.documentElement.dir = direction();
translate(document);
