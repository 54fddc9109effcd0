// @ts-check
/**
 * The content script's only way to the background: an allow-list of commands, and one answer
 * for a background that cannot answer. No secret ever crosses here: the background replies with
 * public state only.
 */

/** The only commands the content script sends. */
export const COMMANDS = Object.freeze(["mute", "unmute", "status", "view", "seen"]);

/**
 * @typedef {import("./controller.js").Reply & { [field: string]: any }} Reply
 */

/**
 * Sends `type` with `payload`. When the background stopped before it answered, a mute or unmute
 * is still in its queue (it was stored before anything was sent): the state is asked for
 * instead, which starts a new worker. When the extension was reloaded or removed under this
 * page, the reply says so (`ExtensionUnavailable`).
 * @param {string} type
 * @param {Record<string, unknown>} [payload]
 * @returns {Promise<Reply>}
 */
export async function send(type, payload = {}) {
  if (!COMMANDS.includes(type)) throw new Error(`XMute: not a content-script command: ${type}`);
  try {
    return await chrome.runtime.sendMessage({ type, ...payload });
  } catch {
    if (type === "mute" || type === "unmute") return send("status", payload);
    return { ok: false, error: { name: "ExtensionUnavailable" } };
  }
}
