// @ts-check
/**
 * The keyboard shortcut (manifest `commands`, suggested Alt+Shift+M). The browser tells the
 * background; this asks the active tab's content script (shortcut.js) to press the button of
 * the profile in view. The command is the user's own key press, a trusted gesture.
 */

/** The command's name in manifest.json. */
export const TOGGLE_COMMAND = "toggle-mute";

/**
 * `commands.onCommand`: sends `toggleMute` to the top frame of `tab`, or of the active tab of
 * the current window (`tabs.query` needs no permission when no URL is asked for). Resolves to
 * the content script's reply, or null when the tab has none (not an x.com page).
 * @param {string} command
 * @param {{ id?: number } | undefined} [tab]  Chrome passes the active tab; Firefox too
 * @returns {Promise<Record<string, unknown> | null>}
 */
export async function onCommand(command, tab) {
  if (command !== TOGGLE_COMMAND) return null;
  const tabId = tab?.id ?? (await chrome.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (typeof tabId !== "number" || tabId < 0) return null;
  try {
    return await chrome.tabs.sendMessage(tabId, { type: "toggleMute" }, { frameId: 0 });
  } catch {
    return null; // no XMute content script in that tab
  }
}
