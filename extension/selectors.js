// @ts-check
/**
 * Every piece of x.com's markup and URL scheme that XMute relies on, in one place: when X
 * changes its page, the fix is here. A classic script (content scripts cannot be modules),
 * listed before content.js in the manifest; it shares `globalThis.XMute.selectors` within the
 * extension's isolated world.
 */
(() => {
  /** First path segments that are X's own pages, not profiles. */
  const RESERVED = new Set([
    "home", "explore", "notifications", "messages", "i", "settings", "search", "compose",
    "login", "logout", "signup", "tos", "privacy", "about", "jobs", "hashtag", "intent",
    "share", "account", "lists", "bookmarks", "communities", "premium", "verified-choose",
    "download", "help", "following", "followers", "display", "keyboard_shortcuts", "404",
  ]);
  const SCREEN_NAME = /^[A-Za-z0-9_]{1,15}$/;
  const HANDLE = /@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/;
  /** The follow button's test id carries the numeric user id. */
  const FOLLOW_TEST_ID = /^([0-9]{1,19})-(?:follow|unfollow|unblock)$/;

  const CSS = {
    primaryColumn: '[data-testid="primaryColumn"]',
    userName: '[data-testid="UserName"]',
    followButton: [
      '[data-testid="placementTracking"] [data-testid$="-follow"]',
      '[data-testid="placementTracking"] [data-testid$="-unfollow"]',
      '[data-testid="placementTracking"] [data-testid$="-unblock"]',
    ].join(", "),
    placementTracking: '[data-testid="placementTracking"]',
    userActions: '[data-testid="userActions"]',
    editProfile: '[data-testid="editProfileButton"]',
    /** Containers whose test ids look like the header's but are not the profile header. */
    notHeader: '[data-testid="UserCell"], article, [data-testid="HoverCard"]',
  };

  /**
   * The screen name a profile URL path names (`/<name>` and its tabs), or null.
   * @param {string} pathname
   */
  function profileScreenName(pathname) {
    const first = pathname.split("/")[1] ?? "";
    if (!SCREEN_NAME.test(first) || RESERVED.has(first.toLowerCase())) return null;
    return first;
  }

  /**
   * @typedef {object} ProfileHeader
   * @property {string} screenName          as the header shows it
   * @property {boolean} own                the signed-in user's own profile
   * @property {string} [userId]            from the follow button, when there is one
   * @property {Element} [anchor]           where the button goes
   * @property {InsertPosition} [position]  relative to `anchor`
   */

  /**
   * The profile header on screen for the profile `pathname` names, or null while there is
   * none (another page, still rendering, or showing the previous profile).
   * @param {ParentNode} root
   * @param {string} pathname
   * @returns {ProfileHeader | null}
   */
  function findProfileHeader(root, pathname) {
    const wanted = profileScreenName(pathname);
    const column = wanted && root.querySelector(CSS.primaryColumn);
    if (!column) return null;
    const inHeader = (/** @type {string} */ selector) =>
      [...column.querySelectorAll(selector)].find((element) => !element.closest(CSS.notHeader));

    const screenName = HANDLE.exec(inHeader(CSS.userName)?.textContent ?? "")?.[1];
    if (!screenName || screenName.toLowerCase() !== wanted.toLowerCase()) return null;
    if (inHeader(CSS.editProfile)) return { screenName, own: true };

    const follow = inHeader(CSS.followButton);
    const userId = FOLLOW_TEST_ID.exec(follow?.getAttribute("data-testid") ?? "")?.[1];
    const tracking = follow?.closest(CSS.placementTracking);
    if (userId && tracking) return { screenName, own: false, userId, anchor: tracking, position: "beforebegin" };

    const actions = inHeader(CSS.userActions);
    if (actions) return { screenName, own: false, anchor: actions, position: "afterend" };
    return null;
  }

  const namespace = /** @type {any} */ (globalThis).XMute ?? {};
  namespace.selectors = Object.freeze({ profileScreenName, findProfileHeader });
  /** @type {any} */ (globalThis).XMute = namespace;
})();
