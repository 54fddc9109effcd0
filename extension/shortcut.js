// @ts-check
/**
 * The keyboard shortcut's end in the page: the background (commands.js) sends `toggleMute` to
 * the active tab's top frame when the user presses the command's keys; this presses the button
 * of the profile on screen, or else of the open hover card. Only the background may ask: the
 * message must come from this extension and from no tab (a page of the extension opened in a
 * tab, or a content script, has a `sender.tab`). A classic script in the isolated world.
 */
(() => {
  const TOGGLE = "toggleMute";

  /**
   * Whether `sender` is this extension's background (pure; unit-tested).
   * @param {{ id?: string, tab?: unknown } | undefined} sender
   * @param {string} extensionId
   */
  function fromBackground(sender, extensionId) {
    return Boolean(sender) && sender?.id === extensionId && sender?.tab === undefined;
  }

  /** Presses the button for the person in view; names the surface it pressed, or null. */
  function toggle() {
    const { profile, surfaces } = /** @type {any} */ (globalThis).XMute;
    if (profile?.toggle()) return "profile";
    if (surfaces?.toggleHoverCard()) return "hoverCard";
    return null;
  }

  const namespace = /** @type {any} */ (globalThis).XMute ?? {};
  namespace.shortcut = Object.freeze({ TOGGLE, fromBackground });
  /** @type {any} */ (globalThis).XMute = namespace;

  if (typeof chrome === "undefined" || !chrome.runtime?.onMessage) return; // unit tests
  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.type !== TOGGLE) return false;
    if (!fromBackground(sender, chrome.runtime.id)) {
      sendResponse({ ok: false, error: { name: "Refused", message: "XMute does not accept this message here." } });
      return false;
    }
    sendResponse({ ok: true, toggled: toggle() });
    return false;
  });
})();
