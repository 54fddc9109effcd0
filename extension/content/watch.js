// @ts-check
/**
 * One MutationObserver for all of XMute's content scripts. x.com mutates its page hundreds of
 * times a second while a timeline scrolls, and every observer callback is a separate call into
 * the extension's world: one observer whose callback hands the same records to each subscriber
 * (content.js for the profile header, surfaces.js for cards, cells and tweets) costs one call
 * per batch instead of one per script.
 */
/** @type {((records: MutationRecord[]) => void)[]} */
const subscribers = [];

/** @param {MutationRecord[]} records */
function deliver(records) {
  for (const subscriber of subscribers) subscriber(records);
}

const observer = new MutationObserver(deliver);
observer.observe(document.documentElement, {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ["data-testid"],
});

export const watch = Object.freeze({
  /**
   * Calls `subscriber` with every batch of the page's changes (child lists anywhere, and
   * `data-testid` attributes).
   * @param {(records: MutationRecord[]) => void} subscriber
   */
  subscribe(subscriber) {
    subscribers.push(subscriber);
  },
  /** Delivers, now, the changes made since the last batch, to every subscriber. */
  flush() {
    const records = observer.takeRecords();
    if (records.length) deliver(records);
  },
  /** Drops the changes made since the last batch (a subscriber's own DOM work). */
  discard() {
    observer.takeRecords();
  },
});
