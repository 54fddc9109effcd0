// @ts-check
/**
 * Finds the profile header on x.com and keeps exactly one Mute button in it, for the profile
 * on screen, across SPA navigation and re-renders. The button is the same controller as every
 * other surface's (controller.js), with the profile's larger element (button.js), which always
 * shows its messages. No secrets, no wasm, no network.
 */
import { userKey } from "../shared/ids.js";
import * as button from "./button.js";
import { createController } from "./controller.js";
import * as health from "./health.js";
import * as selectors from "./selectors.js";
import * as undo from "./undo.js";
import { watch } from "./watch.js";

/**
 * @typedef {import("./controller.js").Controller & { setTheme(theme: string): void }} ProfileButton
 */

/**
 * Starts keeping the profile's button; returns the shortcut's way to press it.
 * @param {{ people: import("./people.js").People, send: typeof import("./messages.js").send,
 *           identities: import("./identities.js").Identities }} deps
 * @returns {{ toggle(): boolean }}
 */
export function startProfile({ people, send, identities }) {
  /** X's theme, from the background colour it sets on the body. */
  function pageTheme() {
    return button.themeOf(getComputedStyle(document.body).backgroundColor);
  }

  /**
   * The button for one profile.
   * @param {{ userId?: string, screenName: string }} header
   * @returns {ProfileButton}
   */
  function createButton(header) {
    /** @type {ReturnType<typeof button.create> | undefined} */
    let element;
    const controller = createController({
      who: header.userId ? { userId: header.userId, screenName: header.screenName } : { screenName: header.screenName },
      ui: (onActivate, onMuteFor) => (element = button.create(header.screenName, onActivate, onMuteFor)),
      people,
      send: (type, target) => send(type, target),
      offerUndo: undo.offer,
      alwaysShowMessages: true,
    });
    const ui = /** @type {ReturnType<typeof button.create>} */ (element);
    return Object.assign(controller, { setTheme: (/** @type {string} */ theme) => ui.setTheme(theme) });
  }

  /** @type {ProfileButton | null} */
  let current = null;
  /** Where the button was last put. @type {{ anchor: Element, position: InsertPosition } | null} */
  let placed = null;

  /**
   * Puts the button at `anchor` unless it is already there.
   * @param {ProfileButton} profileButton
   * @param {Element} anchor
   * @param {InsertPosition} position
   */
  function place(profileButton, anchor, position) {
    placed = { anchor, position };
    if (inPlace()) return;
    anchor.insertAdjacentElement(position, profileButton.root);
    profileButton.setTheme(pageTheme());
  }

  /** Whether the button still sits where it was last put. */
  function inPlace() {
    if (!current || !placed || !placed.anchor.isConnected) return false;
    const { anchor, position } = placed;
    return (position === "beforebegin" ? anchor.previousElementSibling : anchor.nextElementSibling) === current.root;
  }

  /**
   * What the last full scan settled on, while it holds: the path, the header element it read
   * (null off profile pages), and whether a button was placed. X's timeline below a profile
   * header mutates constantly; checking that this still holds costs a few pointer reads, where
   * a full scan queries the whole column.
   * @type {{ path: string, element: Element | null, placed: boolean } | null}
   */
  let settled = null;

  function stillSettled() {
    if (!settled || settled.path !== location.pathname) return false;
    if (settled.element && !settled.element.isConnected) return false;
    return settled.placed ? inPlace() : !current?.root.isConnected;
  }

  /** Brings the page in line with the profile on screen: one button, for the right account. */
  function scan() {
    if (stillSettled()) return;
    settled = null;
    const path = location.pathname;
    const header = selectors.findProfileHeader(document, path);
    const key = header && !header.own && header.anchor ? userKey(header) : null;
    if (current && current.key !== key) {
      if (key) {
        current.dispose();
        current = null;
      } else if (current.root.isConnected) {
        // The header is away: take the button off the page and forget its transient messages.
        placed = null;
        current.root.remove();
        current.reset();
      }
    }
    // Buttons left behind: by an earlier copy of this script (the extension was updated or
    // reloaded under the page), or by a header React moved.
    for (const stray of document.querySelectorAll("[data-xmute-root]")) {
      if (stray !== current?.root) stray.remove();
    }
    if (!selectors.profileScreenName(path)) {
      settled = { path, element: null, placed: false };
      health.leave("profile");
      return;
    }
    // Selector health (health.js): no place for the button yet; if that lasts, X changed its page.
    if (!header || (!header.own && !key)) health.missing("profile");
    else health.found("profile");
    if (!header) return; // still rendering, or still showing the previous profile
    if (header.own) {
      settled = { path, element: header.element, placed: false };
      return;
    }
    if (!key || !header.anchor || !header.position) return;
    current ??= createButton(header);
    place(current, header.anchor, header.position);
    identities.saw(header);
    // Without the follow button the id is still to come: keep scanning until it does.
    if (header.userId) settled = { path, element: header.element, placed: true };
  }

  watch.subscribe(scan);
  new MutationObserver(() => current?.setTheme(pageTheme()))
    .observe(document.body, { attributes: true, attributeFilter: ["style", "class"] });
  addEventListener("popstate", scan);

  let signedIn = people.settings.signedIn;
  people.onSettings(() => {
    if (people.settings.signedIn && !signedIn) current?.reset();
    else current?.render(); // the default length of a mute, in the tooltip
    signedIn = people.settings.signedIn;
  });

  scan();

  // For the keyboard shortcut (shortcut.js): presses the profile's button when one is shown.
  return Object.freeze({
    toggle() {
      if (!current?.root.isConnected) return false;
      current.activate();
      return true;
    },
  });
}
