// @ts-check
/**
 * The profile button's menu of timed mutes: a small button beside Mute (`aria-haspopup="menu"`)
 * and its menu, "Mute for 1 day / 7 days / 30 days" and "Mute with no end", each item saying
 * what X charges now and when the mute ends; beside a timed mute's button, "Keep muted, with no
 * end" (free: it only cancels XMute's unmute). The WAI-ARIA menu button pattern: Enter, Space or
 * ↓ opens it on the first item (↑ on the last), ↑ ↓ Home End move, Enter or Space chooses,
 * Escape closes it and goes back to its button, Tab or a click elsewhere closes it. Only a
 * trusted click or key press chooses (button.js's rule).
 */
import { speaksXMute, t } from "../shared/i18n.js";
import { MUTE_LENGTHS } from "../shared/timed.js";
import { keepMutedLines, muteForLines } from "../shared/words.js";

let instances = 0;

/**
 * @typedef {"mute" | "keep" | null} MenuMode  what the menu offers: timed mutes, keeping a timed
 *   mute with no end, or nothing (no menu button)
 * @param {string} screenName
 * @param {(ms: number) => void} onChoose  a trusted choice of a length (0: no end)
 */
export function createMuteMenu(screenName, onChoose) {
  const id = ++instances;
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "xmute-menu-button";
  toggle.id = `xmute-menu-button-${id}`;
  toggle.setAttribute("data-testid", "xmute-menu-button");
  toggle.setAttribute("aria-haspopup", "menu");
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", `xmute-menu-${id}`);
  toggle.hidden = true;
  const arrow = document.createElement("span");
  arrow.className = "xmute-menu-arrow";
  arrow.setAttribute("aria-hidden", "true");
  toggle.append(arrow);

  const menu = document.createElement("div");
  menu.className = "xmute-menu";
  menu.id = `xmute-menu-${id}`;
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-labelledby", toggle.id);
  menu.setAttribute("data-testid", "xmute-menu");
  menu.hidden = true;
  speaksXMute(menu);
  /**
   * A menu item: its name, and its description (what it costs, read after the name).
   * @param {number} ms  the length it chooses
   * @param {string[]} lines  the name and the description
   */
  function menuItem(ms, [name, description]) {
    const item = document.createElement("button");
    item.type = "button";
    item.className = "xmute-menu-item";
    item.setAttribute("role", "menuitem");
    item.tabIndex = -1;
    item.dataset.forMs = String(ms);
    const what = document.createElement("span");
    what.className = "xmute-menu-what";
    what.textContent = name;
    const cost = document.createElement("span");
    cost.className = "xmute-menu-cost";
    cost.id = `xmute-menu-${id}-cost-${++costs}`;
    cost.setAttribute("aria-hidden", "true");
    cost.textContent = description;
    item.setAttribute("aria-describedby", cost.id);
    item.append(what, cost);
    item.addEventListener("click", (event) => {
      if (!event.isTrusted) return;
      close(true);
      onChoose(ms);
    });
    return item;
  }
  let costs = 0;
  const muteItems = [...MUTE_LENGTHS.filter((ms) => ms > 0), 0].map((ms) => menuItem(ms, muteForLines(ms)));
  const keepItems = [menuItem(0, keepMutedLines())];
  /** The items shown now. @type {HTMLButtonElement[]} */
  let items = [];
  /** @type {MenuMode} */
  let mode = null;

  /** @param {number} index */
  function focusItem(index) {
    items[(index + items.length) % items.length].focus();
  }

  /** @param {number} index  the item to focus */
  function open(index) {
    menu.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    document.addEventListener("pointerdown", outside, true);
    focusItem(index);
  }

  /** @param {boolean} refocus  back to the menu's button */
  function close(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", outside, true);
    if (refocus) toggle.focus();
  }

  /** @param {Event} event */
  function outside(event) {
    if (!menu.contains(/** @type {Node} */ (event.target)) && event.target !== toggle) close(false);
  }

  toggle.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    if (menu.hidden) open(0);
    else close(true);
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? 0 : items.length - 1);
    }
  });
  menu.addEventListener("keydown", (event) => {
    const at = items.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[/** @type {keyof typeof moves} */ (event.key)]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      close(false);
    }
  });

  return {
    toggle,
    menu,
    /**
     * What the menu offers: timed mutes where a mute can start (not muted, nothing being sent),
     * keeping a timed mute with no end, or nothing.
     * @param {MenuMode} next
     */
    setMode(next) {
      if (next === mode) return;
      close(false);
      mode = next;
      toggle.hidden = next === null;
      if (next === null) return;
      const label = t(next === "mute" ? "timedMenuLabel" : "timedMenuLabelMuted", screenName);
      toggle.setAttribute("aria-label", label);
      toggle.title = label;
      items = next === "mute" ? muteItems : keepItems;
      menu.replaceChildren(...items);
    },
  };
}
