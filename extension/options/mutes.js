// @ts-check
/**
 * The options page's "Muted accounts" and "On x.com" sections: refreshing the mute list from X
 * (and saying when X's limit allows the next read), the tweet-buttons switch, and the keys the
 * shortcut has in this browser. Reads `muteList` and `display` from storage (the options page is
 * a trusted page) and follows their changes; every change goes through the background.
 */

const list = /** @type {HTMLElement} */ (document.getElementById("mute-list"));
const refresh = /** @type {HTMLButtonElement} */ (document.getElementById("refresh-mutes"));
const tweetButtons = /** @type {HTMLInputElement} */ (document.getElementById("tweet-buttons"));
const shortcutKeys = /** @type {HTMLElement} */ (document.getElementById("shortcut-keys"));

/** @param {number} ms */
const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/**
 * What to say about the last read of the mute list.
 * @param {{ refreshedAt?: number, count?: number, error?: { name: string, message?: string }, retryAt?: number } | undefined} muteList
 * @param {boolean} signedIn
 * @returns {[string, boolean]}  the sentence, and whether it is an error
 */
function describe(muteList, signedIn) {
  const last = muteList?.refreshedAt
    ? `${muteList.count} muted account${muteList.count === 1 ? "" : "s"}, read from X at ${clock(muteList.refreshedAt)}.`
    : "";
  if (muteList?.retryAt && muteList.retryAt > Date.now()) {
    return [`${last} X's limit for reading them was reached: you can refresh again at ${clock(muteList.retryAt)}.`.trim(), true];
  }
  if (muteList?.error) return [`${last} The last refresh failed: ${muteList.error.message ?? muteList.error.name}`.trim(), true];
  if (last) return [last, false];
  return [signedIn ? "Not read from X yet." : "Sign in first: XMute reads them with your keys.", false];
}

/** @param {string} text @param {boolean} isError */
function showList(text, isError) {
  list.textContent = text;
  list.classList.toggle("error", isError);
}

async function load() {
  /** @type {Record<string, any>} */
  const { muteList, display, credentials } = await chrome.storage.local.get(["muteList", "display", "credentials"]);
  // A read made under other credentials (before the last save or sign-in) says nothing now.
  const current = muteList?.savedAt === credentials?.savedAt ? muteList : undefined;
  showList(...describe(current, Boolean(credentials?.token)));
  tweetButtons.checked = display?.tweetButtons === true;
}

refresh.addEventListener("click", async () => {
  refresh.disabled = true;
  showList("Reading your muted accounts from X…", false);
  try {
    const reply = await chrome.runtime.sendMessage({ type: "refreshMutes" }).catch(() => null);
    if (!reply) showList("XMute's background did not answer. Reload this page.", true);
  } finally {
    refresh.disabled = false;
    await load();
  }
});

tweetButtons.addEventListener("change", async () => {
  const reply = await chrome.runtime.sendMessage({ type: "setTweetButtons", enabled: tweetButtons.checked }).catch(() => null);
  if (!reply?.ok) await load();
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.muteList || changes.display || changes.credentials)) load();
});

/** The keys the browser actually gave the shortcut (the user may have changed them). */
async function showShortcut() {
  const commands = await chrome.commands?.getAll?.().catch(() => []) ?? [];
  const keys = commands.find((command) => command.name === "toggle-mute")?.shortcut;
  shortcutKeys.textContent = keys || "Alt+Shift+M (not set: choose keys in the browser's extension shortcuts)";
}

load();
showShortcut();
