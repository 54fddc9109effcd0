// @ts-check
/**
 * Finds the profile header on x.com and keeps exactly one Mute button in it, for the profile
 * on screen, across SPA navigation and re-renders. Talks to the background with three
 * commands only; learns about changes made elsewhere from the public view in
 * `chrome.storage.session`. No secrets, no wasm, no network.
 */
import { userKey } from "../shared/ids.js";
import { errorText, failedText, intendedMuted, queuedText } from "../shared/words.js";
import * as button from "./button.js";
import * as health from "./health.js";
import * as selectors from "./selectors.js";
import * as undo from "./undo.js";
import { watch } from "./watch.js";

/**
 * Starts keeping the profile's button; returns the shortcut's way to press it.
 * @returns {{ toggle(): boolean }}
 */
export function startProfile() {

  /** The only commands this script sends. */
  const COMMANDS = new Set(["mute", "unmute", "status"]);

  /**
   * @typedef {{ userId?: string, screenName: string }} Target
   * @typedef {{ name: string, message?: string }} ErrorJson
   * @typedef {{ action: "mute" | "unmute", status: "running" | "queued" | "failed", runAt?: number,
   *             error?: ErrorJson }} Pending
   * @typedef {{ muted: boolean, pending?: Pending }} UserView
   * @typedef {{ rev: number, signedIn: boolean, user: UserView }} UserReply
   */

  /**
   * @param {string} type
   * @param {Target} target
   * @returns {Promise<({ ok: true } & UserReply) | { ok: false, error: ErrorJson }>}
   */
  async function send(type, target) {
    if (!COMMANDS.has(type)) throw new Error(`XMute: not a content-script command: ${type}`);
    try {
      return await chrome.runtime.sendMessage({ type, ...target });
    } catch {
      // The background stopped before it answered (its queue keeps the action: ask for the
      // state, which starts it again), or the extension was reloaded or removed under this page.
      if (type !== "status") return send("status", target);
      return { ok: false, error: { name: "ExtensionUnavailable" } };
    }
  }

  /**
   * One profile's button and what it knows.
   * @param {{ userId?: string, screenName: string }} header
   */
  function createController(header) {
    const key = userKey(header);
    /** @type {Target} */
    const target = header.userId ? { userId: header.userId, screenName: header.screenName } : { screenName: header.screenName };
    /** @type {UserView} */
    let user = { muted: false };
    let rev = -1;
    let signedIn = true;
    let sending = false;
    let done = false;
    /** @type {ErrorJson | null} */
    let error = null;
    let disposed = false;
    const ui = button.create(header.screenName, activate);
    /** @type {{ anchor: Element, position: InsertPosition } | null} */
    let placed = null;

    /** Muted as the button should show it: a queued action shows the state it will make. */
    function intended() {
      return intendedMuted(user);
    }

    function render() {
      const pending = user.pending;
      const failure = error ?? (pending?.status === "failed" ? pending.error : null);
      if (sending || pending?.status === "running") ui.render({ state: "pending", muted: user.muted });
      else if (pending?.status === "queued") ui.render({ state: "queued", muted: intended(), message: queuedText(pending) });
      else if (failure) {
        const message = error ? errorText(error) : failedText(pending);
        ui.render({ state: "error", muted: user.muted, message });
      }
      else ui.render({ state: done ? "done" : "idle", muted: user.muted });
    }

    /** @param {UserReply} reply */
    function apply(reply) {
      if (reply.rev >= rev) {
        const changed = reply.user.muted !== user.muted || Boolean(reply.user.pending);
        // A new muted state or new work replaces this tab's last message.
        if (changed || (reply.signedIn && !signedIn)) error = null;
        ({ rev, signedIn, user } = reply);
      }
      render();
    }

    /** @param {{ ok: boolean } & Partial<UserReply> & { error?: ErrorJson }} reply */
    function settle(reply) {
      if (disposed) return;
      if (reply.ok) apply(/** @type {UserReply} */ (reply));
      else {
        error = reply.error ?? { name: "Error" };
        render();
      }
    }

    function activate() {
      perform(intended() ? "unmute" : "mute");
    }

    /** @param {"mute" | "unmute"} action */
    async function perform(action) {
      if (sending || user.pending?.status === "running") return;
      sending = true;
      error = null;
      done = false;
      render();
      const reply = await send(action, target);
      sending = false;
      done = reply.ok && !reply.user.pending;
      settle(reply);
      // After a mute that is done or on its way, a few seconds to take it back.
      if (action === "mute" && reply.ok && !disposed && intended() && user.pending?.status !== "failed") {
        undo.offer(ui.root, { screenName: header.screenName, onUndo: () => perform("unmute") });
      }
    }

    render();
    send("status", target).then(settle);

    return {
      key,
      activate,
      /**
       * Puts the button at `anchor` unless it is already there.
       * @param {Element} anchor
       * @param {InsertPosition} position
       */
      place(anchor, position) {
        placed = { anchor, position };
        if (this.inPlace()) return;
        anchor.insertAdjacentElement(position, ui.root);
        ui.setTheme(pageTheme());
      },
      /** Whether the button still sits where it was last put. */
      inPlace() {
        if (!placed || !placed.anchor.isConnected) return false;
        const { anchor, position } = placed;
        return (position === "beforebegin" ? anchor.previousElementSibling : anchor.nextElementSibling) === ui.root;
      },
      /** Takes the button off the page while its header is away; forgets transient messages. */
      detach() {
        placed = null;
        ui.root.remove();
        error = null;
        done = false;
        render();
      },
      /** @param {{ rev: number, signedIn: boolean, users: Record<string, UserView> }} view */
      applyView(view) {
        apply({ rev: view.rev, signedIn: view.signedIn, user: view.users[key] ?? { muted: false } });
      },
      /** Follows a theme switch. */
      retheme() {
        ui.setTheme(pageTheme());
      },
      root: ui.root,
      dispose() {
        disposed = true;
        ui.root.remove();
      },
    };
  }

  /** X's theme, from the background colour it sets on the body. */
  function pageTheme() {
    return button.themeOf(getComputedStyle(document.body).backgroundColor);
  }

  /** @type {ReturnType<typeof createController> | null} */
  let current = null;

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
    return settled.placed ? Boolean(current?.inPlace()) : !current?.root.isConnected;
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
        current.detach();
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
    if (!key) return;
    current ??= createController(header);
    current.place(header.anchor, header.position);
    // Without the follow button the id is still to come: keep scanning until it does.
    if (header.userId) settled = { path, element: header.element, placed: true };
  }

  watch.subscribe(scan);
  new MutationObserver(() => current?.retheme())
    .observe(document.body, { attributes: true, attributeFilter: ["style", "class"] });
  addEventListener("popstate", scan);

  chrome.storage.onChanged.addListener((changes, area) => {
    // session's view; local's copy where content scripts cannot use storage.session (store.js)
    const view = area === "session" || area === "local" ? changes.view?.newValue : undefined;
    if (view) current?.applyView(/** @type {any} */ (view));
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
