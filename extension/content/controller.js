// @ts-check
/**
 * One button for one person on one surface (a profile header, a hover card, a user cell, a
 * tweet), whatever it looks like: it draws the person's state from the tab's store (people.js),
 * sends the user's click to the background, shows what happened, and offers Undo after a mute.
 * The element itself is the surface's (button.js for profiles, compactbutton.js elsewhere).
 *
 * Messages: the profile button always shows them; a small button shows them once the user
 * pressed it in this tab, and otherwise only in its tooltip (a timeline of red notes would be
 * noise). A new muted state or new work replaces this tab's last message.
 */
import { userKey } from "../shared/ids.js";
import { errorText, failedText, intendedMuted, queuedText, timedEndedText } from "../shared/words.js";

/**
 * @typedef {import("./people.js").People} People
 * @typedef {import("./people.js").UserView} UserView
 * @typedef {{ name: string, message?: string, [field: string]: unknown }} ErrorJson
 * @typedef {{ userId?: string, screenName: string }} Who
 * @typedef {{ state: "idle" | "pending" | "done" | "queued" | "error", muted: boolean, message?: string,
 *             hint?: string, until?: number, muteFor?: number }} ButtonView
 *   `until`: the end of a timed mute; `muteFor`: the default length of a plain Mute click
 * @typedef {{ root: HTMLElement, render(view: ButtonView): void }} Ui
 * @typedef {({ ok: true, signedIn: boolean, user: UserView } | { ok: false, error?: ErrorJson })} Reply
 * @typedef {(type: "mute" | "unmute", target: Who & { forMs?: number }) => Promise<Reply>} Send
 * @typedef {(root: HTMLElement, options: { screenName: string, onUndo: () => void }) => void} OfferUndo
 */

/** How long after a timed mute ended a profile button opened later still says when it did. */
const ENDED_SHOWN_MS = 24 * 60 * 60 * 1000;

/**
 * @param {object} options
 * @param {Who} options.who
 * @param {(activate: () => void, muteFor: (ms: number) => void) => Ui} options.ui  makes the element;
 *   its clicks call `activate`, a chosen length of mute (a menu) `muteFor`
 * @param {People} options.people
 * @param {Send} options.send
 * @param {OfferUndo} options.offerUndo
 * @param {boolean} [options.alwaysShowMessages]
 * @param {(screenName: string) => string | undefined} [options.knownId]  an id this tab saw for a handle
 */
export function createController({ who, ui: makeUi, people, send, offerUndo, alwaysShowMessages = false, knownId }) {
  const key = userKey(who);
  let sending = false;
  let done = false;
  let pressed = false;
  let disposed = false;
  /** Whether this button showed a timed mute: then it says when it ended. */
  let sawTimed = false;
  /** This tab's last failure to send (the background's failures are in the state). @type {ErrorJson | null} */
  let error = null;
  let last = people.get(key);
  const ui = makeUi(activate, (ms) => {
    const user = people.get(key);
    if (sending || user.pending?.status === "running") return;
    // A mute where none is, or keeping a timed mute with no end (a mute click cancels its unmute).
    if (!intendedMuted(user) || (user.until && ms === 0)) perform("mute", ms);
  });

  function render() {
    const user = people.get(key);
    if (error && (user.muted !== last.muted || (user.pending && user.pending !== last.pending))) error = null;
    last = user;
    const { muted, pending } = user;
    /** @param {string} text */
    const say = (text) => (alwaysShowMessages || pressed ? { message: text } : { hint: text });
    const muteFor = people.settings.muteFor;
    const length = muteFor ? { muteFor } : {};
    if (sending || pending?.status === "running") ui.render({ state: "pending", muted });
    else if (pending?.status === "queued") ui.render({ state: "queued", muted: intendedMuted(user), ...say(queuedText(pending)) });
    else if (error) ui.render({ state: "error", muted, ...say(errorText(error)) });
    else if (pending?.status === "failed") ui.render({ state: "error", muted, ...say(failedText(pending)) });
    else if (muted && user.until) {
      sawTimed = true;
      ui.render({ state: done ? "done" : "idle", muted, until: user.until });
    }
    else if (!muted && user.ended && alwaysShowMessages && (sawTimed || Date.now() - user.ended.at < ENDED_SHOWN_MS)) {
      ui.render({ state: done ? "done" : "idle", muted, message: timedEndedText(user.ended), ...length });
    } else ui.render({ state: done ? "done" : "idle", muted, ...length });
  }

  function activate() {
    const user = people.get(key);
    if (sending || user.pending?.status === "running") return;
    perform(intendedMuted(user) ? "unmute" : "mute");
  }

  /**
   * @param {"mute" | "unmute"} action
   * @param {number} [forMs]  a mute's length chosen in a menu (absent: the default)
   */
  async function perform(action, forMs) {
    sending = true;
    pressed = true;
    error = null;
    done = false;
    render();
    // A tweet shows only the handle: an id seen beside it elsewhere saves X a (billed) lookup.
    const userId = who.userId ?? knownId?.(who.screenName);
    const length = forMs === undefined ? {} : { forMs };
    const reply = await send(action, { ...(userId ? { userId } : {}), screenName: who.screenName, ...length });
    sending = false;
    if (disposed) return;
    if (reply.ok) {
      done = !reply.user.pending;
      people.reply(key, reply.user);
    } else {
      error = reply.error ?? { name: "Error" };
    }
    render();
    // After a mute that is done or on its way, a few seconds to take it back.
    const now = people.get(key);
    if (action === "mute" && reply.ok && ui.root.isConnected && intendedMuted(now) && now.pending?.status !== "failed") {
      offerUndo(ui.root, { screenName: who.screenName, onUndo: () => perform("unmute") });
    }
  }

  const unsubscribe = people.subscribe(key, render);
  people.want([key]);
  render();

  return {
    key,
    who,
    root: ui.root,
    ui,
    activate,
    render,
    /** Forgets this tab's messages (the button left the page, or the user signed in). */
    reset() {
      error = null;
      done = false;
      pressed = false;
      render();
    },
    dispose() {
      disposed = true;
      unsubscribe();
      ui.root.remove();
    },
  };
}

/** @typedef {ReturnType<typeof createController>} Controller */
