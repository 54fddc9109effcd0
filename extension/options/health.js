// @ts-check
/**
 * The options page's selector-health notice: when XMute could not find its place on a kind of
 * x.com page (background/health.js keeps `selectorHealth` in storage), it says so at the top of
 * the page, in plain words, and follows changes.
 */
import { healthText } from "../shared/words.js";

const section = /** @type {HTMLElement} */ (document.getElementById("health"));
const list = /** @type {HTMLElement} */ (document.getElementById("health-list"));

async function load() {
  /** @type {Record<string, any>} */
  const { selectorHealth = {} } = await chrome.storage.local.get("selectorHealth");
  const items = Object.entries(selectorHealth).map(([kind, record]) => {
    const item = document.createElement("li");
    item.dataset.kind = kind;
    item.textContent = healthText(kind, record.since);
    return item;
  });
  list.replaceChildren(...items);
  section.hidden = items.length === 0;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && changes.selectorHealth) load();
});

load();
