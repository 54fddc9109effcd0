// @ts-check
/**
 * Every piece of x.com's markup and URL scheme that XMute relies on, in one place: when X
 * changes its page, the fix is here.
 */
import { SCREEN_NAME } from "../shared/ids.js";

/** First path segments that are X's own pages, not profiles. */
const RESERVED = new Set([
  "home", "explore", "notifications", "messages", "i", "settings", "search", "compose",
  "login", "logout", "signup", "tos", "privacy", "about", "jobs", "hashtag", "intent",
  "share", "account", "lists", "bookmarks", "communities", "premium", "verified-choose",
  "download", "help", "following", "followers", "display", "keyboard_shortcuts", "404",
]);
/** Second path segments of a profile page, which shows the profile header: its tabs. */
const PROFILE_TABS = new Set(["", "with_replies", "media", "likes", "highlights", "articles", "superfollows", "affiliates"]);
const HANDLE = /@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/;
/** The invisible marks that set a text's direction, which right-to-left pages put around handles. */
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
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
  /** X's page for an account that does not exist or is suspended. */
  emptyState: '[data-testid="emptyState"]',
  loading: '[role="progressbar"]',
  /** Containers whose test ids look like the header's but are not the profile header. */
  notHeader: '[data-testid="UserCell"], article, [data-testid="HoverCard"]',
};

/**
 * The screen name a profile URL path names (`/<name>` and its tabs), or null.
 * @param {string} pathname
 */
export function profileScreenName(pathname) {
  const [, first = "", tab = ""] = pathname.split("/");
  if (!SCREEN_NAME.test(first) || RESERVED.has(first.toLowerCase())) return null;
  // A tweet (/name/status/1), the lists of people (/name/followers) and the like show no header.
  if (!PROFILE_TABS.has(tab.toLowerCase())) return null;
  return first;
}

/**
 * @typedef {object} ProfileHeader
 * @property {string} screenName          as the header shows it
 * @property {boolean} own                the signed-in user's own profile
 * @property {Element} element            the header's UserName block
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
export function findProfileHeader(root, pathname) {
  const wanted = profileScreenName(pathname);
  const column = wanted && root.querySelector(CSS.primaryColumn);
  if (!column) return null;
  const inHeader = (/** @type {string} */ selector) =>
    [...column.querySelectorAll(selector)].find((element) => !element.closest(CSS.notHeader));

  const element = inHeader(CSS.userName);
  const screenName = HANDLE.exec(element?.textContent ?? "")?.[1];
  if (!element || !screenName || screenName.toLowerCase() !== wanted.toLowerCase()) return null;
  if (inHeader(CSS.editProfile)) return { screenName, own: true, element };

  const follow = inHeader(CSS.followButton);
  const userId = FOLLOW_TEST_ID.exec(follow?.getAttribute("data-testid") ?? "")?.[1];
  const tracking = follow?.closest(CSS.placementTracking);
  if (userId && tracking) return { screenName, own: false, element, userId, anchor: tracking, position: "beforebegin" };

  const actions = inHeader(CSS.userActions);
  if (actions) return { screenName, own: false, element, anchor: actions, position: "afterend" };
  return null;
}

/**
 * Whether the main column shows a page settled enough that a profile header should be in it:
 * rendered (no loading indicator), and not X's page for an account that does not exist or is
 * suspended (which has no header to put a button in). For selector health (health.js).
 * @param {ParentNode} root
 */
export function profilePageSettled(root) {
  const column = root.querySelector(CSS.primaryColumn);
  return Boolean(column && column.childElementCount && !column.querySelector(`${CSS.loading}, ${CSS.emptyState}`));
}

// -------------------------------------------------------------------------------------------
// Other surfaces where a person shows: hover cards, user cells, tweet author rows.
// -------------------------------------------------------------------------------------------

const SURFACE = {
  /** X renders hover cards into #layers; their contents arrive after the card's box. */
  hoverCard: '#layers [data-testid="HoverCard"]',
  /** Who to follow, followers/following lists, people search results. */
  userCell: '[data-testid="UserCell"]',
  tweet: 'article[data-testid="tweet"]',
  /** A tweet's author row (display name, @handle, time): note the hyphen. */
  tweetAuthor: '[data-testid="User-Name"]',
  /** Inside a tweet: its text, and the role=link box of a quoted tweet. */
  tweetInner: '[data-testid="tweetText"], [role="link"]',
  followButton: '[data-testid$="-follow"], [data-testid$="-unfollow"], [data-testid$="-unblock"]',
  /** A tweet's timestamp (in its author row; under the text of a conversation's focal tweet). */
  time: "time",
  /** Where a timestamp belongs to another tweet: a quoted tweet's box, a nested article. */
  otherTweet: 'article, div[role="link"]',
  /** A person's bio: its @mentions are other people. */
  description: '[data-testid="UserDescription"]',
  /** X's own account menu link: its href is the signed-in user's profile. */
  ownProfileLink: 'a[data-testid="AppTabBar_Profile_Link"]',
};
/** Any surface container; for `closest()` from a changed node and `querySelectorAll()` in an added one. */
export const SURFACES = [SURFACE.hoverCard, SURFACE.userCell, SURFACE.tweet].join(", ");

/**
 * @typedef {"hoverCard" | "userCell" | "tweet"} SurfaceKind
 * @typedef {object} SurfaceTarget
 * @property {SurfaceKind} kind
 * @property {string} screenName
 * @property {string} [userId]            hover cards and cells (their Follow button); not tweets
 * @property {Element} anchor             where the button goes
 * @property {InsertPosition} position    relative to `anchor`
 */

/**
 * Whether `container` (a match of SURFACES) is a tweet; cheap, for skipping tweets while
 * their buttons are switched off.
 * @param {Element} container
 */
export function isTweet(container) {
  return container.localName === "article";
}

/**
 * The person a surface shows and where their button goes, or null: not (yet) a person, a
 * promoted tweet, or markup nested where it does not belong (a cell or card inside a tweet, an
 * author row inside a tweet's text or a quoted tweet).
 * @param {Element} container  a match of SURFACES
 * @returns {SurfaceTarget | null}
 */
export function readSurface(container) {
  if (container.matches(SURFACE.tweet)) return readTweet(container);
  const kind = container.matches(SURFACE.hoverCard) ? "hoverCard" : container.matches(SURFACE.userCell) ? "userCell" : null;
  if (!kind || container.parentElement?.closest("article")) return null;
  const follow = container.querySelector(SURFACE.followButton);
  const userId = FOLLOW_TEST_ID.exec(follow?.getAttribute("data-testid") ?? "")?.[1];
  if (!follow || !userId || follow.parentElement?.closest(SURFACES) !== container) return null;
  const screenName = handleIn(container, follow);
  if (!screenName) return null;
  // Beside the Follow button: before its placementTracking wrapper when it has one.
  const wrapper = follow.closest(CSS.placementTracking);
  const anchor = wrapper && container.contains(wrapper) && wrapper !== container ? wrapper : follow;
  return { kind, userId, screenName, anchor, position: "beforebegin" };
}

/**
 * Whether `article` is a promoted tweet (an ad). X shows no timestamp on an ad: where an
 * ordinary tweet has its time link, an ad has X's label, whose words change with x.com's
 * language ("Ad", "プロモーション", "إعلان"...). So a tweet without a timestamp of its own (not
 * a quoted tweet's) is an ad, in any language; words in the tweet, its card or its poll that
 * say "Ad" change nothing, and neither does a placementTracking (an ordinary video tweet wraps
 * its player in one: `tweetPhoto > div > placementTracking > videoPlayer`).
 * @param {Element} article
 */
export function isPromoted(article) {
  for (const time of article.querySelectorAll(SURFACE.time)) {
    if (time.parentElement?.closest(SURFACE.otherTweet) === article) return false;
  }
  return true;
}

/** @param {Element} article @returns {SurfaceTarget | null} */
function readTweet(article) {
  if (isPromoted(article)) return null;
  for (const row of article.querySelectorAll(SURFACE.tweetAuthor)) {
    // The author's own row: not inside the text, a quoted tweet or a nested article.
    if (row.parentElement?.closest(`article, ${SURFACE.tweetInner}`) !== article) continue;
    const screenName = handleLink(row);
    return screenName ? { kind: "tweet", screenName, anchor: row, position: "beforeend" } : null;
  }
  return null;
}

/**
 * The screen names of the `@name` links in `root` that point at `/name` on this site (X writes
 * them as "/name", saved pages as "https://x.com/name"), in order; not those in a bio, whose
 * @mentions are other people.
 * @param {Element} root
 */
function handleLinks(root) {
  const names = [];
  for (const link of root.querySelectorAll("a[href]")) {
    const name = /^@([A-Za-z0-9_]{1,15})$/.exec((link.textContent ?? "").replace(BIDI_MARKS, "").trim())?.[1];
    if (!name || link.closest(SURFACE.description)) continue;
    // Anything but "/name" is resolved, and must stay on this site.
    const href = link.getAttribute("href") ?? "";
    const path = href.startsWith("/") && !href.startsWith("//") ? href
      : link instanceof HTMLAnchorElement && link.origin === location.origin ? link.pathname : "";
    if (path.toLowerCase() === `/${name.toLowerCase()}`) names.push(name);
  }
  return names;
}

/** The first handle link in `root` (see handleLinks). @param {Element} root */
function handleLink(root) {
  return handleLinks(root)[0] ?? null;
}

/**
 * The handle a hover card or cell shows: the handle link that its Follow button names (its
 * label has the `@name`, in any language), else its first handle link, else the last `@name`
 * in its UserName block (the display name comes first and may contain an at sign).
 * @param {Element} container
 * @param {Element} follow  its Follow button
 */
function handleIn(container, follow) {
  const links = handleLinks(container);
  // In any language: "Follow @name", "フォロー @name", "متابعة @name", "フォロー中 @name".
  const named = HANDLE.exec(follow.getAttribute("aria-label") ?? "")?.[1]?.toLowerCase();
  const linked = links.find((name) => name.toLowerCase() === named) ?? links[0];
  if (linked) return linked;
  const text = container.querySelector(CSS.userName)?.textContent ?? "";
  const all = [...text.matchAll(new RegExp(HANDLE.source, "g"))];
  return all.at(-1)?.[1] ?? null;
}

/**
 * The screen name of the account signed in to x.com in this page (X's account link), or null.
 * @param {ParentNode} root
 */
export function pageAccount(root) {
  const link = root.querySelector(SURFACE.ownProfileLink);
  return link instanceof HTMLAnchorElement ? profileScreenName(link.pathname) : null;
}
