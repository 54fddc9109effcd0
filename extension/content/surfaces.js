// @ts-check
/**
 * Mute buttons everywhere a person shows besides the profile header (content.js): hover cards,
 * user cells, and tweet author rows when the options switch is on. One view of everyone's mute
 * state per tab (the background's public view, followed through `storage.onChanged`), and any
 * number of buttons drawing from it, so every button for a person changes together.
 *
 * Cost on x.com's busy pages: the MutationObserver callback only notes which surfaces the
 * added nodes belong to (`closest`, and `querySelectorAll` inside what was added); one pass per
 * animation frame then reads those surfaces and places buttons, so a surface that React
 * re-renders several times in a frame is read once. Nothing reads layout or computed style in
 * either, and a button's DOM is touched only when what it shows changes. A full scan happens
 * at start and when a setting changes.
 */
import { nameKey } from "../shared/ids.js";
import * as words from "../shared/words.js";
import { themeOf } from "./button.js";
import * as compactButton from "./compactbutton.js";
import * as selectors from "./selectors.js";
import * as undo from "./undo.js";
import { watch } from "./watch.js";

/**
 * Starts the buttons on every surface; returns the shortcut's way to press a hover card's.
 * @returns {{ toggleHoverCard(): boolean }}
 */
export function startSurfaces() {

  /** The only commands this script sends. */
  const COMMANDS = new Set(["mute", "unmute", "view", "seen"]);
  /** Identities reported to the background per message (it checks and caps them again). */
  const SEEN_BATCH = 100;

  /**
   * @typedef {{ name: string, message?: string }} ErrorJson
   * @typedef {{ action: "mute" | "unmute", status: "running" | "queued" | "failed", runAt?: number,
   *             error?: ErrorJson }} Pending
   * @typedef {{ muted: boolean, pending?: Pending }} UserView
   * @typedef {{ rev: number, signedIn: boolean, users: Record<string, UserView>, tweetButtons?: boolean,
   *             account?: { userId?: string, screenName?: string } }} View
   * @typedef {{ kind: "hoverCard" | "userCell" | "tweet", screenName: string, userId?: string,
   *             anchor: Element, position: InsertPosition }} Found
   */

  /**
   * @param {string} type
   * @param {Record<string, unknown>} [payload]
   * @returns {Promise<Record<string, any>>}
   */
  async function send(type, payload = {}) {
    if (!COMMANDS.has(type)) throw new Error(`XMute: not a content-script command: ${type}`);
    try {
      return await chrome.runtime.sendMessage({ type, ...payload });
    } catch {
      // The extension was reloaded or removed under this page.
      return { ok: false, error: { name: "ExtensionUnavailable" } };
    }
  }

  /** @type {View} */
  let view = { rev: -1, signedIn: true, users: {} };
  let ready = false;
  let theme = "light";

  /**
   * What the view says about a person: by id when the surface shows one (the background merges
   * what it learned by @handle into it), else by @handle.
   * @param {{ userId?: string, screenName: string }} who
   * @returns {UserView}
   */
  function userOf(who) {
    return (who.userId && view.users[who.userId]) || view.users[nameKey(who.screenName)] || { muted: false };
  }

  /** @param {Found} found */
  function sameTarget(/** @type {Controller} */ controller, found) {
    return controller.kind === found.kind && controller.userId === found.userId
      && controller.screenName.toLowerCase() === found.screenName.toLowerCase();
  }

  /**
   * Ids this tab has seen beside a handle (profile headers, hover cards, user cells), newest
   * last, at most SEEN_IDS: a tweet shows only the @handle, and a mute by id needs no lookup,
   * which X would bill.
   * @type {Map<string, string>}
   */
  const seenIds = new Map();
  const SEEN_IDS = 5000;

  /** @param {{ userId?: string, screenName: string }} who */
  function rememberId(who) {
    if (!who.userId) return;
    const key = nameKey(who.screenName);
    seenIds.delete(key);
    seenIds.set(key, who.userId);
    if (seenIds.size > SEEN_IDS) seenIds.delete(/** @type {string} */ (seenIds.keys().next().value));
  }

  /**
   * One button for one person on one surface.
   * @param {Found} found
   */
  function createController(found) {
    const { kind, userId, screenName } = found;
    /** @type {{ userId?: string, screenName: string }} */
    const target = userId ? { userId, screenName } : { screenName };
    let sending = false;
    let done = false;
    /** This button was pressed in this tab: it shows the messages. */
    let pressed = false;
    /** @type {ErrorJson | null} */
    let error = null;
    /** A reply newer than the view (until the view catches up). @type {{ rev: number, user: UserView } | null} */
    let replied = null;
    const ui = compactButton.create({ variant: kind === "hoverCard" ? "pill" : "icon", surface: kind, screenName, onActivate: activate });
    ui.setTheme(theme);

    function user() {
      return replied && replied.rev > view.rev ? replied.user : userOf(target);
    }

    function render() {
      const current = user();
      const { muted, pending } = current;
      const intended = words.intendedMuted(current);
      const failure = error ?? (pending?.status === "failed" ? pending.error : null);
      if (sending || pending?.status === "running") ui.render({ state: "pending", muted });
      else if (pending?.status === "queued") {
        const text = words.queuedText(pending);
        ui.render({ state: "queued", muted: intended, ...(pressed ? { message: text } : { hint: text }) });
      } else if (failure) {
        const text = words.errorText(failure);
        ui.render({ state: "error", muted, ...(pressed ? { message: text } : { hint: text }) });
      } else ui.render({ state: done ? "done" : "idle", muted });
    }

    async function activate() {
      const current = user();
      if (sending || current.pending?.status === "running") return;
      const muted = words.intendedMuted(current);
      sending = true;
      pressed = true;
      error = null;
      done = false;
      render();
      const knownId = target.userId ?? seenIds.get(nameKey(screenName));
      const reply = await send(muted ? "unmute" : "mute", knownId ? { userId: knownId, screenName } : target);
      sending = false;
      if (reply.ok) {
        done = !reply.user.pending;
        if (reply.rev > view.rev) replied = { rev: reply.rev, user: reply.user };
      } else {
        error = reply.error ?? { name: "Error" };
      }
      render();
      // As on the profile button: after a mute that is done or on its way, a few seconds to
      // take it back (undo.js; Undo presses this button again, which now unmutes).
      const now = user();
      if (!muted && reply.ok && ui.root.isConnected && words.intendedMuted(now) && now.pending?.status !== "failed") {
        undo.offer(ui.root, { screenName, onUndo: activate });
      }
    }

    return {
      kind,
      userId,
      screenName,
      root: ui.root,
      render,
      activate,
      /** @param {string} next */
      setTheme: (next) => ui.setTheme(next),
      /**
       * Puts the button at `anchor` unless it is already there.
       * @param {Element} anchor
       * @param {InsertPosition} position
       */
      place(anchor, position) {
        const there = position === "beforebegin" ? anchor.previousElementSibling
          : position === "beforeend" ? anchor.lastElementChild
            : position === "afterend" ? anchor.nextElementSibling : anchor.firstElementChild;
        if (there !== ui.root) anchor.insertAdjacentElement(position, ui.root);
      },
      dispose() {
        ui.root.remove();
      },
    };
  }
  /** @typedef {ReturnType<typeof createController>} Controller */

  /** Surface containers and their buttons. @type {Map<Element, Controller>} */
  const buttons = new Map();

  /** The x.com account signed in in this page (from X's account link), read once per batch. */
  let pageAccount = /** @type {string | null | undefined} */ (undefined);

  /** The accounts that get no button: the one signed in to x.com here, and XMute's. */
  function ownNames() {
    pageAccount ??= selectors.pageAccount(document);
    return [pageAccount, view.account?.screenName].filter(Boolean).map((name) => String(name).toLowerCase());
  }

  /** @param {Found} found */
  function allowed(found) {
    if (found.kind === "tweet" && !view.tweetButtons) return false;
    if (found.userId && found.userId === view.account?.userId) return false;
    return !ownNames().includes(found.screenName.toLowerCase());
  }

  /** Identities (id and @handle together) reported to the background from this tab. */
  const reported = new Set();
  /** @type {{ userId: string, screenName: string }[]} */
  let unreported = [];
  let reportScheduled = false;

  /**
   * Whether the view shows a person differently by id and by @handle: the background does not
   * know (yet) that they are one person. Only then is the pair worth a message.
   * @param {{ userId?: string, screenName: string }} who
   */
  function unlinked(who) {
    if (!who.userId) return false;
    const byId = view.users[who.userId];
    const byName = view.users[nameKey(who.screenName)];
    if (!byId && !byName) return false;
    return !byId || !byName || byId.muted !== byName.muted || byId.pending?.status !== byName.pending?.status;
  }

  /** Reports `who` (once per tab) when the view does not link its id and @handle. @param {{ userId?: string, screenName: string }} who */
  function noteIdentity(who) {
    if (!who.userId || !unlinked(who)) return;
    const key = `${who.userId}@${who.screenName.toLowerCase()}`;
    if (reported.has(key)) return;
    reported.add(key);
    unreported.push({ userId: who.userId, screenName: who.screenName });
    if (!reportScheduled) {
      reportScheduled = true;
      setTimeout(report, 200);
    }
  }

  /** Tells the background which @handle belongs to which id, so tweets (which show only the
   * handle) and hover cards or cells (which show both) agree on a person's state. */
  function report() {
    reportScheduled = false;
    const batch = unreported.splice(0, SEEN_BATCH);
    if (unreported.length) {
      reportScheduled = true;
      setTimeout(report, 200);
    }
    if (batch.length) send("seen", { users: batch });
  }

  /**
   * Brings one surface in line with what it shows: one button for the right person, or none.
   * @param {Element} container
   */
  function update(container) {
    const found = container.isConnected ? selectors.readSurface(container) : null;
    const wanted = found && allowed(found) ? found : null;
    let controller = buttons.get(container);
    if (controller && (!wanted || !sameTarget(controller, wanted))) {
      controller.dispose();
      buttons.delete(container);
      controller = undefined;
    }
    if (!wanted) return;
    if (!controller) {
      controller = createController(wanted);
      buttons.set(container, controller);
      controller.render();
    }
    controller.place(wanted.anchor, wanted.position);
    noteIdentity(wanted);
    rememberId(wanted);
  }

  /** Forgets the buttons of surfaces that left the page. */
  function sweep() {
    for (const [container, controller] of buttons) {
      if (!container.isConnected) {
        controller.dispose();
        buttons.delete(container);
      }
    }
  }

  /** Every surface on the page (at start, and when a setting or the account changes). */
  function scanAll() {
    sweep();
    pageAccount = undefined;
    for (const container of document.querySelectorAll(selectors.SURFACES)) {
      if (!view.tweetButtons && selectors.isTweet(container) && !buttons.has(container)) continue;
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
      if (container && (view.tweetButtons || !selectors.isTweet(container))) changed.add(container);
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
    watch.flush(); // the page's changes not yet delivered (to collect, and content.js)
    pageAccount = undefined;
    for (const container of changed) update(container);
    changed.clear();
    watch.discard(); // only this pass's own work (placing buttons) is queued now
    if (buttons.size > swept * 2 + 50) {
      sweep();
      swept = buttons.size;
    }
  }

  /** @param {View} next */
  function applyView(next) {
    if (!next || next.rev < view.rev) return;
    const rescan = !ready || Boolean(next.tweetButtons) !== Boolean(view.tweetButtons)
      || next.account?.screenName !== view.account?.screenName || next.account?.userId !== view.account?.userId;
    view = next;
    if (!ready) return;
    if (rescan) scanAll();
    for (const controller of buttons.values()) {
      controller.render();
      noteIdentity(controller);
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
    for (const controller of buttons.values()) controller.setTheme(theme);
  }

  watch.subscribe(collect);
  new MutationObserver(retheme).observe(document.body, { attributes: true, attributeFilter: ["style", "class"] });

  chrome.storage.onChanged.addListener((changes, area) => {
    // session's view; local's copy where content scripts cannot use storage.session (store.js)
    const next = area === "session" || area === "local" ? changes.view?.newValue : undefined;
    if (next) applyView(/** @type {View} */ (next));
  });

  theme = pageTheme();
  send("view").then((reply) => {
    if (reply.ok && reply.view.rev >= view.rev) view = reply.view;
    ready = true;
    scanAll();
  });

  return Object.freeze({
    /** Presses the open hover card's button (the keyboard shortcut, when no profile is shown). */
    toggleHoverCard() {
      for (const controller of buttons.values()) {
        if (controller.kind === "hoverCard" && controller.root.isConnected) {
          controller.activate();
          return true;
        }
      }
      return false;
    },
  });
}
