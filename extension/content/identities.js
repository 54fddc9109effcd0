// @ts-check
/**
 * Which @handle is which user id, as this tab sees them: profile headers, hover cards and user
 * cells show both, tweets only the handle. The tab remembers what it saw (so a tweet's button
 * can mute by id, which needs no lookup for X to bill), and tells the background about a pair
 * once the public state shows the person differently under the two keys (the background does
 * not know yet that they are one person), so every tab and surface agrees.
 */
import { nameKey } from "../shared/ids.js";

/** Pairs reported to the background per message (it checks and caps them again). */
const SEEN_BATCH = 100;
/** Ids remembered per tab. */
const SEEN_IDS = 5000;

/**
 * @param {{ people: import("./people.js").People, send: typeof import("./messages.js").send,
 *           later?: (run: () => void) => void }} deps
 */
export function createIdentities({ people, send, later = (run) => setTimeout(run, 200) }) {
  /** Ids seen beside a handle, newest last. @type {Map<string, string>} */
  const seenIds = new Map();
  /** Pairs already reported from this tab. @type {Set<string>} */
  const reported = new Set();
  /** @type {{ userId: string, screenName: string }[]} */
  const unreported = [];
  let scheduled = false;

  function report() {
    scheduled = false;
    const batch = unreported.splice(0, SEEN_BATCH);
    if (unreported.length) {
      scheduled = true;
      later(report);
    }
    if (batch.length) send("seen", { users: batch });
  }

  /**
   * Whether the public state shows a person differently by id and by handle (both read).
   * @param {string} userId
   * @param {string} screenName
   */
  function unlinked(userId, screenName) {
    const handle = nameKey(screenName);
    if (!people.has(userId) || !people.has(handle)) return false;
    const byId = people.get(userId);
    const byName = people.get(handle);
    return byId.muted !== byName.muted || byId.pending?.status !== byName.pending?.status;
  }

  /**
   * Notes a surface that shows `who`; reports the pair when the background needs it.
   * @param {{ userId?: string, screenName: string }} who
   */
  function saw(who) {
    if (!who.userId) return;
    const { userId, screenName } = who;
    const handle = nameKey(screenName);
    seenIds.delete(handle);
    seenIds.set(handle, userId);
    if (seenIds.size > SEEN_IDS) seenIds.delete(/** @type {string} */ (seenIds.keys().next().value));
    const pair = `${userId}${handle}`;
    if (reported.has(pair)) return;
    if (!people.has(userId) || !people.has(handle)) {
      // Look again once both states are read (they are read together).
      const stop = people.subscribe(handle, () => {
        stop();
        if (people.has(userId)) saw(who);
      });
      people.want([userId, handle]);
      return;
    }
    if (!unlinked(userId, screenName)) return;
    reported.add(pair);
    unreported.push({ userId, screenName });
    if (!scheduled) {
      scheduled = true;
      later(report);
    }
  }

  return {
    saw,
    /** The id this tab saw beside `screenName`. @param {string} screenName */
    idOf(screenName) {
      return seenIds.get(nameKey(screenName));
    },
  };
}

/** @typedef {ReturnType<typeof createIdentities>} Identities */
