// @ts-check
/**
 * Who sent a runtime message. The one place that decides it, and a pure function of the
 * sender the browser reports: `sender.url` is never trusted for content scripts (the page can
 * change its own URL); `sender.origin` is set by the browser from the frame's committed origin.
 */

/** The origins XMute's content script runs on (the manifest's `content_scripts.matches`). */
export const CONTENT_ORIGINS = Object.freeze([
  "https://x.com",
  "https://mobile.x.com",
  "https://twitter.com",
  "https://mobile.twitter.com",
]);

/**
 * @typedef {"content" | "options" | "extension" | "untrusted"} SenderKind
 * - `content`: this extension's content script in the top frame of a tab on an X origin;
 * - `options`: this extension's options page, or its manager page (the muted accounts);
 * - `extension`: another page of this extension;
 * - `untrusted`: anything else (another extension, a sub-frame, an unexpected origin).
 *
 * @typedef {object} Self
 * @property {string} id          this extension's id (`chrome.runtime.id`)
 * @property {string} baseUrl     `chrome.runtime.getURL("")`, ending in "/"
 * @property {string} optionsUrl  `chrome.runtime.getURL("options.html")`
 * @property {string} [managerUrl]  `chrome.runtime.getURL("manager.html")`
 */

/**
 * @param {{ id?: string, origin?: string, url?: string, frameId?: number, tab?: { id?: number } }
 *   | undefined} sender  the browser's `runtime.MessageSender`
 * @param {Self} self
 * @returns {SenderKind}
 */
export function classifySender(sender, self) {
  if (!sender || sender.id !== self.id) return "untrusted";
  const extensionOrigin = self.baseUrl.replace(/\/$/, "");
  const { origin, tab, frameId, url } = sender;

  const fromExtension = origin === undefined
    ? typeof url === "string" && url.startsWith(self.baseUrl)
    : origin === extensionOrigin;
  if (fromExtension) {
    const page = typeof url === "string" ? withoutQueryOrHash(url) : null;
    return page === self.optionsUrl || (page !== null && page === self.managerUrl) ? "options" : "extension";
  }

  // Content scripts run only in top frames on CONTENT_ORIGINS (manifest). Browsers that do not
  // report `origin` still only run them there, so a missing origin is not a reason to refuse.
  const originAllowed = origin === undefined || CONTENT_ORIGINS.includes(origin);
  if (tab && typeof tab.id === "number" && frameId === 0 && originAllowed) return "content";
  return "untrusted";
}

/** @param {string} url */
function withoutQueryOrHash(url) {
  return url.replace(/[?#].*$/s, "");
}
