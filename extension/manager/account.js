// @ts-check
/**
 * Which of XMute's X accounts the manager page shows: the one the options page showed when it
 * opened this page (`manager.html?acct=<id>`), else the first. Every message to the background
 * names it, and the background checks that it is signed in.
 */
const asked = new URLSearchParams(location.search).get("acct");
/** The account's id, when the page was opened for one. */
export const ACCT = asked && /^[0-9]{1,19}$/.test(asked) ? asked : undefined;

/**
 * `message` for the background, naming the page's account.
 * @template {Record<string, unknown>} M
 * @param {M} message
 */
export function forAccount(message) {
  return ACCT ? { ...message, acct: ACCT } : message;
}
