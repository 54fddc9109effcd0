// @ts-check
/**
 * The Undo toast: after a mute, a small note beside the button ("Muted @name.") with an Undo
 * button for UNDO_MS. profile.js (the profile button) and surfaces.js (hover cards, user
 * cells, tweets) decide when to offer it and what Undo does.
 *
 * Keyboard: the Undo button comes right after the Mute button in the tab order; Escape (on
 * either) dismisses the toast; when the toast goes while focus is in it, focus returns to the
 * Mute button. Only trusted clicks and key presses count, as for the button.
 *
 * Time: the toast's deadline is read from this module's clock, which tests move forward with
 * `advanceClock(ms)` from the content-script world (main.js exposes it there) (the page cannot reach it) instead of
 * waiting five seconds.
 */
import { speaksXMute, t } from "../shared/i18n.js";

export const UNDO_MS = 5000;

let shift = 0;
const now = () => Date.now() + shift;
/** @type {Set<() => void>} the live toasts' deadline checks */
const checks = new Set();
/** @type {WeakMap<HTMLElement, () => void>} each root's live toast, to replace it */
const live = new WeakMap();

/**
 * Shows the toast in `root` (the button's container), replacing one already there.
 * @param {HTMLElement} root
 * @param {{ screenName: string, onUndo: () => void }} options
 * @returns {() => void} dismisses it
 */
export function offer(root, { screenName, onUndo }) {
  live.get(root)?.();

  const toast = document.createElement("div");
  toast.className = "xmute-toast";
  toast.setAttribute("data-testid", "xmute-undo-toast");
  speaksXMute(toast);
  const text = document.createElement("span");
  text.setAttribute("role", "status");
  text.textContent = t("undoMuted", screenName);
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "xmute-undo";
  undo.setAttribute("data-testid", "xmute-undo");
  undo.textContent = t("undoButton");
  undo.setAttribute("aria-label", t("undoLabel", screenName));
  toast.append(text, undo);
  root.append(toast);
  root.dataset.undo = "";

  const deadline = now() + UNDO_MS;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const check = () => {
    clearTimeout(timer);
    if (now() >= deadline) dismiss();
    else timer = setTimeout(check, deadline - now());
  };

  /** @param {KeyboardEvent} event */
  const onKey = (event) => {
    if (event.isTrusted && event.key === "Escape") dismiss();
  };

  function dismiss() {
    if (!checks.has(check)) return;
    const hadFocus = toast.contains(document.activeElement);
    clearTimeout(timer);
    checks.delete(check);
    root.removeEventListener("keydown", onKey);
    if (live.get(root) === dismiss) live.delete(root);
    toast.remove();
    delete root.dataset.undo;
    if (hadFocus) root.querySelector("button")?.focus();
  }

  undo.addEventListener("click", (event) => {
    // Synthetic clicks (element.click(), dispatchEvent) are the page's, never the user's.
    if (!event.isTrusted) return;
    // Inside a tweet or a user cell X handles clicks too (it opens the tweet): this one is ours.
    event.preventDefault();
    event.stopPropagation();
    dismiss();
    onUndo();
  });
  live.set(root, dismiss);
  root.addEventListener("keydown", onKey);
  checks.add(check);
  check();
  return dismiss;
}

/**
 * Tests only: moves this module's clock forward and lets due toasts go.
 * @param {number} ms
 */
export function advanceClock(ms) {
  shift += ms;
  for (const check of [...checks]) check();
}
