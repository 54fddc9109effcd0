// @ts-check
/**
 * The content script's only way to the background: an allow-list of commands, and one answer
 * for a background that cannot answer. No secret ever crosses here: the background replies with
 * public state only.
 */
import { askAccount } from "./askaccount.js";
import { pageAccount } from "./selectors.js";

/** The only commands the content script sends. */
export const COMMANDS = Object.freeze(["mute", "unmute", "status", "view", "seen"]);

/**
 * @typedef {import("./controller.js").Reply & { [field: string]: any }} Reply
 */

/**
 * The account the user chose to act as, by the x.com account in this tab ("" when the page shows
 * none), until the page is reloaded (the question says so): Undo, and the next click, act as it.
 * @type {Map<string, string>}
 */
const chosen = new Map();

/**
 * Sends `type` with `payload`. A mute, unmute or status names the account x.com is signed in as
 * in this tab (X's account link), so that the background acts as (and shows the state of) that
 * account; when XMute is not signed in as it, the background asks, this asks the user
 * (askaccount.js), and the click is sent again as the account they chose, or not at all
 * (`NotSent`); the choice holds for this x.com account in this tab. When the background stopped
 * before it answered, a mute or unmute is still in its queue (it was stored before anything was
 * sent): the state is asked for instead, which starts a new worker. When the extension was
 * reloaded or removed under this page, the reply says so (`ExtensionUnavailable`).
 * @param {string} type
 * @param {Record<string, unknown>} [payload]
 * @returns {Promise<Reply>}
 */
export async function send(type, payload = {}) {
  if (!COMMANDS.includes(type)) throw new Error(`XMute: not a content-script command: ${type}`);
  const acting = type === "mute" || type === "unmute";
  const tabAccount = acting || type === "status" ? pageAccount(document) : null;
  const choice = acting && payload.actAs === undefined ? chosen.get(tabAccount ?? "") : undefined;
  /** @type {Reply} */
  let reply;
  try {
    reply = await chrome.runtime.sendMessage({ type, ...payload, ...(tabAccount ? { as: tabAccount } : {}), ...(choice ? { actAs: choice } : {}) });
  } catch {
    if (type === "mute" || type === "unmute") return send("status", payload);
    return { ok: false, error: { name: "ExtensionUnavailable" } };
  }
  if (reply?.ok && reply.ask && acting) {
    const answer = await askAccount({ action: type, screenName: String(payload.screenName ?? ""), ...reply.ask });
    if (!answer) return { ok: false, error: { name: "NotSent" } };
    chosen.set(tabAccount ?? "", answer);
    return send(type, { ...payload, actAs: answer });
  }
  return reply;
}
