// @ts-check
/**
 * The options page's default length of a mute (`settings.muteFor`): what a plain Mute click
 * does (queue.js reads it with the click). The public settings carry it, so that a button's
 * tooltip can say what the click costs now and later.
 */
import { transact } from "./store.js";

/**
 * `setMuteLength` from the options page, checked by actions.js: 0 for no end.
 * @param {number} length  milliseconds
 */
export async function setMuteLength(length) {
  await transact(["settings"], (s) => {
    const { muteFor: _, ...settings } = s.settings ?? {};
    if ((s.settings?.muteFor ?? 0) === length) return;
    return { set: { settings: length > 0 ? { ...settings, muteFor: length } : settings } };
  });
  return { length };
}
