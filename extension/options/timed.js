// @ts-check
/**
 * The options page's "Default length of a mute": what a plain Mute click on x.com does (no
 * end, or 1, 7 or 30 days, after which XMute unmutes through its queue). Reads `settings` (a
 * trusted page) and follows its changes; the choice is stored through the background.
 */
import { t } from "../shared/i18n.js";
import { errorText, lengthText } from "../shared/words.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const select = /** @type {HTMLSelectElement} */ (byId("mute-length"));
const status = byId("mute-length-status");

async function load() {
  /** @type {{ settings?: { muteFor?: number } }} */
  const { settings } = await chrome.storage.local.get("settings");
  select.value = String(settings?.muteFor ?? 0);
}

select.addEventListener("change", async () => {
  const length = Number(select.value);
  const reply = await chrome.runtime.sendMessage({ type: "setMuteLength", length }).catch(() => null);
  status.classList.toggle("error", !reply?.ok);
  status.textContent = !reply?.ok
    ? (reply?.error ? errorText(reply.error) : t("backgroundSilent"))
    : length > 0 ? t("timedDefaultSet", lengthText(length)) : t("timedDefaultForever");
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.settings) load();
});

load();
