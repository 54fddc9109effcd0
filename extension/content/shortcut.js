// @ts-check
/**
 * The keyboard shortcut's end in the page: the background (commands.js) sends `toggleMute` to
 * the active tab's top frame when the user presses the command's keys; this presses the button
 * of the profile on screen, or else of the open hover card. Only the background may ask: the
 * message must come from this extension, from no tab, and from the background's own URL
 * (Chrome gives an extension page open in a tab, such as the options page, no `sender.tab`
 * when it messages a content script, so the URL is what tells them apart).
 */
import { t } from "../shared/i18n.js";

export const TOGGLE = "toggleMute";

/**
 * @typedef {{ id: string, backgroundUrls: string[] }} Self
 */

/**
 * Whether `sender` is this extension's background (pure; unit-tested).
 * @param {{ id?: string, tab?: unknown, url?: string } | undefined} sender
 * @param {Self} self
 */
export function fromBackground(sender, self) {
  if (!sender || sender.id !== self.id || sender.tab !== undefined) return false;
  return sender.url === undefined || self.backgroundUrls.includes(sender.url.replace(/[?#].*$/s, ""));
}

/**
 * Where this extension's background runs: Chrome's service worker script, or the page Firefox
 * generates for `background.scripts` (or a `background.page`).
 * @returns {Self}
 */
function thisExtension() {
  const background = /** @type {Record<string, unknown>} */ (chrome.runtime.getManifest().background ?? {});
  const paths = [background.service_worker, background.page, background.scripts ? "_generated_background_page.html" : undefined];
  return {
    id: chrome.runtime.id,
    backgroundUrls: paths.filter((path) => typeof path === "string").map((path) => chrome.runtime.getURL(/** @type {string} */ (path))),
  };
}

/**
 * Listens for the shortcut's message and presses the button of the profile on screen, or else
 * of the open hover card.
 * @param {{ toggle(): boolean }} profile
 * @param {{ toggleHoverCard(): boolean }} surfaces
 */
export function listen(profile, surfaces) {
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.type !== TOGGLE) return false;
    if (!fromBackground(sender, thisExtension())) {
      sendResponse({ ok: false, error: { name: "Refused", message: t("refusedMessage") } });
      return false;
    }
    const toggled = profile.toggle() ? "profile" : surfaces.toggleHoverCard() ? "hoverCard" : null;
    sendResponse({ ok: true, toggled });
    return false;
  });
}
