// @ts-check
/**
 * Mute buttons everywhere a person shows besides the profile header (profile.js): hover cards,
 * user cells, and tweet author rows when the options switch is on. Every button draws from the
 * tab's one store (people.js), so every button for a person changes together.
 *
 * Cost on x.com's busy pages: the MutationObserver callback only notes which surfaces the
 * added nodes belong to (`closest`, and `querySelectorAll` inside what was added); one pass per
 * animation frame then reads those surfaces and places buttons, so a surface that React
 * re-renders several times in a frame is read once. Nothing reads layout or computed style in
 * either, and a button's DOM is touched only when what it shows changes. A full scan happens
 * at start and when a setting changes.
 */
import { themeOf } from "./button.js";
import * as compactButton from "./compactbutton.js";
import { createController } from "./controller.js";
import * as selectors from "./selectors.js";
import * as undo from "./undo.js";
import { watch } from "./watch.js";

/**
 * @typedef {{ kind: "hoverCard" | "userCell" | "tweet", screenName: string, userId?: string,
 *             anchor: Element, position: InsertPosition }} Found
 * @typedef {import("./controller.js").Controller & { kind: Found["kind"],
 *             setTheme(theme: string): void }} SurfaceButton
 */

/**
 * Starts the buttons on every surface; returns the shortcut's way to press a hover card's.
 * @param {{ people: import("./people.js").People, send: typeof import("./messages.js").send,
 *           identities: import("./identities.js").Identities }} deps
 * @returns {{ toggleHoverCard(): boolean, scanAll(): void }}
 */
export function startSurfaces({ people, send, identities }) {
  let theme = "light";
  let ready = false;

  /**
   * @param {SurfaceButton} button
   * @param {Found} found
   */
  function sameTarget(button, found) {
    return button.kind === found.kind && button.who.userId === found.userId
      && button.who.screenName.toLowerCase() === found.screenName.toLowerCase();
  }

  /**
   * One button for one person on one surface.
   * @param {Found} found
   * @returns {SurfaceButton}
   */
  function createButton(found) {
    const { kind, userId, screenName } = found;
    /** @type {ReturnType<typeof compactButton.create> | undefined} */
    let element;
    const controller = createController({
      who: userId ? { userId, screenName } : { screenName },
      ui: (onActivate) => {
        element = compactButton.create({ variant: kind === "hoverCard" ? "pill" : "icon", surface: kind, screenName, onActivate });
        element.setTheme(theme);
        return element;
      },
      people,
      send: (type, target) => send(type, target),
      offerUndo: undo.offer,
      knownId: identities.idOf,
    });
    const ui = /** @type {ReturnType<typeof compactButton.create>} */ (element);
    return Object.assign(controller, { kind, setTheme: (/** @type {string} */ next) => ui.setTheme(next) });
  }

  /**
   * Puts a button at `anchor` unless it is already there.
   * @param {HTMLElement} root
   * @param {Element} anchor
   * @param {InsertPosition} position
   */
  function place(root, anchor, position) {
    const there = position === "beforebegin" ? anchor.previousElementSibling
      : position === "beforeend" ? anchor.lastElementChild
        : position === "afterend" ? anchor.nextElementSibling : anchor.firstElementChild;
    if (there !== root) anchor.insertAdjacentElement(position, root);
  }

  /** Surface containers and their buttons. @type {Map<Element, SurfaceButton>} */
  const buttons = new Map();

  /** The x.com account signed in in this page (from X's account link), read once per batch. */
  let pageAccount = /** @type {string | null | undefined} */ (undefined);

  /**
   * The account that gets no button: the one signed in to x.com in this page (you), by its
   * handle and, when XMute is signed in as it too, its id; when the page shows no account
   * (signed out of x.com), XMute's first account. Another of XMute's accounts is someone this
   * one may mute.
   * @returns {{ screenName?: string, userId?: string }}
   */
  function ownAccount() {
    pageAccount ??= selectors.pageAccount(document);
    const { account, accounts } = people.settings;
    if (!pageAccount) return { screenName: account?.screenName?.toLowerCase(), userId: account?.userId };
    const screenName = pageAccount.toLowerCase();
    const known = [account, ...(accounts ?? [])].find((a) => a?.screenName?.toLowerCase() === screenName);
    return { screenName, userId: known?.userId };
  }

  /** @param {Found} found */
  function allowed(found) {
    if (found.kind === "tweet" && !people.settings.tweetButtons) return false;
    const own = ownAccount();
    if (own.userId && found.userId === own.userId) return false;
    return found.screenName.toLowerCase() !== own.screenName;
  }

  /**
   * Brings one surface in line with what it shows: one button for the right person, or none.
   * @param {Element} container
   */
  function update(container) {
    const found = container.isConnected ? selectors.readSurface(container) : null;
    const wanted = found && allowed(found) ? found : null;
    let button = buttons.get(container);
    if (button && (!wanted || !sameTarget(button, wanted))) {
      button.dispose();
      buttons.delete(container);
      button = undefined;
    }
    if (!wanted) return;
    if (!button) {
      button = createButton(wanted);
      buttons.set(container, button);
    }
    place(button.root, wanted.anchor, wanted.position);
    identities.saw(wanted);
  }

  /** Forgets the buttons of surfaces that left the page. */
  function sweep() {
    for (const [container, button] of buttons) {
      if (!container.isConnected) {
        button.dispose();
        buttons.delete(container);
      }
    }
  }

  /** Every surface on the page (at start, and when a setting or the account changes). */
  function scanAll() {
    sweep();
    pageAccount = undefined;
    for (const container of document.querySelectorAll(selectors.SURFACES)) {
      if (!people.settings.tweetButtons && selectors.isTweet(container) && !buttons.has(container)) continue;
      update(container);
    }
  }

  let swept = 0;
  /** Surfaces changed since the last pass. @type {Set<Element>} */
  const changed = new Set();
  let passScheduled = false;

  /** Notes the surfaces `records` touched; schedules a pass. @param {MutationRecord[]} records */
  function collect(records) {
    if (!ready) return;
    const add = (/** @type {Element | null} */ container) => {
      if (container && (people.settings.tweetButtons || !selectors.isTweet(container))) changed.add(container);
    };
    for (const record of records) {
      if (record.type === "attributes") {
        if (record.target instanceof Element) add(record.target.closest(selectors.SURFACES));
        continue;
      }
      for (const node of record.addedNodes) {
        if (!(node instanceof Element) || node.hasAttribute("data-xmute-surface")) continue;
        add(node.closest(selectors.SURFACES));
        if (node.firstElementChild) for (const inner of node.querySelectorAll(selectors.SURFACES)) add(inner);
      }
    }
    if (changed.size && !passScheduled) {
      passScheduled = true;
      // Before the next paint; a hidden tab gets no animation frames, so a timer there.
      if (document.visibilityState === "visible") requestAnimationFrame(pass);
      else setTimeout(pass, 100);
    }
  }

  /** Brings every changed surface in line, once. */
  function pass() {
    passScheduled = false;
    watch.flush(); // the page's changes not yet delivered (to collect, and profile.js)
    pageAccount = undefined;
    for (const container of changed) update(container);
    changed.clear();
    watch.discard(); // only this pass's own work (placing buttons) is queued now
    if (buttons.size > swept * 2 + 50) {
      sweep();
      swept = buttons.size;
    }
  }

  /** X's theme from the body's background, read from its inline style where X sets it. */
  function pageTheme() {
    const inline = document.body.style.backgroundColor;
    return themeOf(inline || getComputedStyle(document.body).backgroundColor);
  }

  function retheme() {
    const next = pageTheme();
    if (next === theme) return;
    theme = next;
    for (const button of buttons.values()) button.setTheme(theme);
  }

  watch.subscribe(collect);
  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["style", "class"] });
  theme = pageTheme();

  let lastSettings = people.settings;
  people.onSettings(() => {
    const next = people.settings;
    const rescan = Boolean(next.tweetButtons) !== Boolean(lastSettings.tweetButtons)
      || next.account?.screenName !== lastSettings.account?.screenName || next.account?.userId !== lastSettings.account?.userId;
    const signedIn = next.signedIn && !lastSettings.signedIn;
    lastSettings = next;
    if (signedIn) for (const button of buttons.values()) button.reset();
    if (rescan && ready) scanAll();
  });

  return Object.freeze({
    /** The first scan, once the store knows the settings. */
    scanAll() {
      ready = true;
      lastSettings = people.settings;
      scanAll();
    },
    /** Presses the open hover card's button (the keyboard shortcut, when no profile is shown). */
    toggleHoverCard() {
      for (const button of buttons.values()) {
        if (button.kind === "hoverCard" && button.root.isConnected) {
          button.activate();
          return true;
        }
      }
      return false;
    },
  });
}
