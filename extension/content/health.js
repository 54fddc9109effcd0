// @ts-check
/**
 * Selector health: when XMute is on a page where it should put a button (a profile page) and
 * cannot find its place for HEALTH_DELAY_MS, X has most likely changed its page. This module
 * tells the background once per page kind and tab, which keeps it in the browser's storage for
 * the options page to say so (no network request, no telemetry). When the place is found again,
 * it says that once too, so the options page does not keep an old warning.
 *
 * profile.js calls `missing(kind)` whenever a scan finds no place on a page of that kind and
 * `found(kind)` when it finds one.
 */
import { profilePageSettled } from "./selectors.js";

/** How long a page may show no place for the button before it counts as changed. */
export const HEALTH_DELAY_MS = 4000;

/** The only command this module sends. */
const COMMAND = "health";

/** @typedef {"profile"} PageKind */

/** What this tab already told the background, per kind: "missing" or "found". @type {Map<PageKind, string>} */
const told = new Map();
/** Pending checks, per kind: the path they watch and their timer. @type {Map<PageKind, { path: string, timer: ReturnType<typeof setTimeout> }>} */
const waiting = new Map();

/** @param {PageKind} kind @param {boolean} isFound */
function tell(kind, isFound) {
  const what = isFound ? "found" : "missing";
  if (told.get(kind) === what) return;
  told.set(kind, what);
  chrome.runtime.sendMessage({ type: COMMAND, kind, found: isFound }).catch(() => {
    // The extension was reloaded under this page: nothing to tell.
  });
}

/**
 * A scan found no place for the button on this page of `kind`: if that still holds for
 * HEALTH_DELAY_MS on the same path, on a page that has finished rendering, say so.
 * @param {PageKind} kind
 */
export function missing(kind) {
  const path = location.pathname;
  const pending = waiting.get(kind);
  if (pending?.path === path) return;
  if (pending) clearTimeout(pending.timer);
  const timer = setTimeout(() => {
    waiting.delete(kind);
    if (location.pathname === path && profilePageSettled(document)) tell(kind, false);
  }, HEALTH_DELAY_MS);
  waiting.set(kind, { path, timer });
}

/** The place for the button on a page of `kind` was found. @param {PageKind} kind */
export function found(kind) {
  const pending = waiting.get(kind);
  if (pending) clearTimeout(pending.timer);
  waiting.delete(kind);
  // Only a tab that warned, or the first find in a tab, is worth a message.
  if (told.get(kind) !== "found") tell(kind, true);
}

/** Another kind of page is shown: nothing to wait for. @param {PageKind} kind */
export function leave(kind) {
  const pending = waiting.get(kind);
  if (pending) clearTimeout(pending.timer);
  waiting.delete(kind);
}
