// @ts-check
/**
 * XMute's words in the user's language, the platform's way: every sentence a user reads is a
 * message in `extension/_locales/<lang>/messages.json`, looked up through `chrome.i18n` (the
 * browser picks the language; English is the default). Numbers, dates, times and amounts are
 * formatted with `Intl` for the same language (amounts stay in US dollars, X's currency).
 *
 * `t(key, ...substitutions)`: the message, with `$1`..`$9` (named placeholders in messages.json)
 * replaced. Outside an extension (unit tests in Node) `useMessages()` gives the catalog.
 */

/** @typedef {Record<string, { message: string, placeholders?: Record<string, { content: string }> }>} Catalog */

/** @type {((key: string, substitutions?: string[]) => string) | null} */
let lookup = typeof chrome !== "undefined" && chrome.i18n?.getMessage ? (key, subs) => chrome.i18n.getMessage(key, subs) : null;
/** @type {string | undefined} */
let language = typeof chrome !== "undefined" && chrome.i18n?.getUILanguage ? chrome.i18n.getUILanguage() : undefined;

/**
 * Uses `catalog` (a messages.json's content) instead of chrome.i18n, as the browser would, except
 * that a missing message throws.
 * @param {Catalog} catalog
 * @param {string} [lang]
 * @param {{ strict?: boolean }} [options]  `strict: false`: a missing message is "", as in a browser
 */
export function useMessages(catalog, lang = "en", { strict = true } = {}) {
  language = lang;
  lookup = (key, subs = []) => {
    const entry = catalog[key];
    // A test that reaches a missing message fails (in a browser, chrome.i18n answers "").
    if (!entry && !strict) return "";
    if (!entry) throw new Error(`XMute: no message ${key} in ${lang}`);
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
      return content.replace(/\$([1-9])/g, (_, n) => subs[Number(n) - 1] ?? "");
    }).replace(/\$\$/g, "$");
  };
}

/**
 * The message `key` in the user's language, with its substitutions.
 * @param {string} key
 * @param {...(string | number)} substitutions
 */
export function t(key, ...substitutions) {
  // A key missing from every locale is caught by tools/i18n_check.mjs; never a blank button.
  return lookup?.(key, substitutions.map(String)) || key;
}

/**
 * Extension pages, before their first word: makes sure XMute's messages are there. Chromium has
 * been seen, rarely and right after it starts, to give a page no messages at all
 * (`getMessage` answers "" for every key, even the name); the page then reads the messages file
 * the browser would have picked (its language, the language without its region, then the
 * default) from the extension's own files. Not for content scripts, which cannot read them.
 */
export async function messagesReady() {
  if (typeof chrome === "undefined" || !chrome.i18n?.getMessage || chrome.i18n.getMessage("extName")) return;
  const ui = (chrome.i18n.getUILanguage?.() ?? "en").replace("-", "_");
  const tags = [...new Set([ui, ui.split("_")[0], chrome.runtime.getManifest().default_locale ?? "en"])];
  for (const tag of tags) {
    try {
      const response = await fetch(chrome.runtime.getURL(`_locales/${tag}/messages.json`));
      if (!response.ok) continue;
      useMessages(await response.json(), tag.replace("_", "-"), { strict: false });
      return;
    } catch {
      // Not shipped in this language: the next.
    }
  }
}

/** The browser's language, for Intl (dates, times, numbers in the user's conventions). */
export function locale() {
  return language;
}

/**
 * The language of the words XMute shows: its messages file's own tag (the browser's language
 * when XMute has it, else English), for `lang` attributes.
 */
export function wordsLanguage() {
  return t("wordsLanguage");
}

/** Languages written right to left. */
const RTL = /^(ar|fa|he|iw|ur|ps|yi|dv|ckb)(-|$)/i;

/** The direction of XMute's words: "rtl" or "ltr" (of the messages shown, not of the page). */
export function direction() {
  return RTL.test(wordsLanguage()) ? "rtl" : "ltr";
}

/**
 * Marks `element` as holding XMute's words: their language and direction, which may differ from
 * the page's (English words on an Arabic x.com). Its place on the page still follows the page.
 * @template {Element} E
 * @param {E} element
 * @returns {E}
 */
export function speaksXMute(element) {
  element.setAttribute("lang", wordsLanguage());
  element.setAttribute("dir", direction());
  return element;
}
