// @ts-check
/**
 * What the content script and the options page may name, checked before anything reaches the
 * queue (queue.js): accounts and queue keys. Also the `status` command.
 */
import { namedError } from "../shared/errors.js";
import { SCREEN_NAME, USER_ID, USER_KEY } from "../shared/ids.js";
import { read, userReply } from "./store.js";

/** @typedef {import("./store.js").Target} Target */

/**
 * The account a content-script message names, checked: `{ userId?, screenName? }`. Both are
 * kept when both are valid (the id is what is sent, the name is shown in the queue).
 * @param {Record<string, unknown>} message
 * @returns {Target}
 */
export function checkTarget(message) {
  const { userId, screenName } = message;
  const idOk = typeof userId === "string" && USER_ID.test(userId);
  const nameOk = typeof screenName === "string" && SCREEN_NAME.test(screenName);
  if ((userId !== undefined && !idOk) || (screenName !== undefined && !nameOk) || !(idOk || nameOk)) {
    throw namedError("InvalidInput", "The message does not name an X account.");
  }
  return {
    ...(idOk ? { userId: /** @type {string} */ (userId) } : {}),
    ...(nameOk ? { screenName: /** @type {string} */ (screenName) } : {}),
  };
}

/**
 * A queue key the options page names: a user id, or `@` and a lower-case screen name.
 * @param {Record<string, unknown>} message
 */
export function checkKey(message) {
  const { key } = message;
  if (typeof key !== "string" || !USER_KEY.test(key)) {
    throw namedError("InvalidInput", "The message does not name a queued action.");
  }
  return key;
}

/** @param {Target} target */
export async function status(target) {
  return userReply(await read(), target);
}
