// The x.com fixture: a small single-page app with the markup extensions read on x.com (see
// shared x-api-notes: test ids, async rendering, SPA navigation, re-renders, hover cards).
//
// - Routes by location.pathname: /home, reserved pages (/explore, /notifications, /settings/…,
//   /i/…, /search, /messages, /compose), and profiles /<screen_name>[/with_replies|/media|/likes].
// - The markup follows pages saved from x.com (shared x-api-notes, "x.com markup, as saved from
//   real pages"), built with DOM calls as React does: user cells are li[role=listitem] in "Who
//   to follow" and button[data-testid=UserCell] in lists and people search, with the Follow
//   <button> inside the cell's <button> (an HTML string cannot nest them: the parser splits
//   them); the @handle is a second link; "Follow back @name" for accounts that follow you;
//   absolute https://x.com/name links in search results; verified badges as buttons in the
//   name row; a protected account's lock; a header's Follow button in placementTracking > div.
// - User lists: /<screen_name>/followers and /following, and people search
//   (/search?q=<text>&f=user), made of UserCells; "Who to follow" in the sidebar. A cell for the
//   signed-in user has no Follow button, as on X.
// - Tweets: an author row (name link, @handle link, time link); the home timeline's first four
//   carry a video (its player in a placementTracking, as on X), a GIF, a card and a poll; a
//   promoted one has X's "Ad" label. /explore?kinds=1 shows one tweet of each kind (video, GIF,
//   card, poll, repost, pinned, quote, reply, promoted); /<name>/status/<id> a conversation; a
//   profile's timeline starts with a pinned tweet. article[data-fixture-kind] names each kind
//   for tests (X has no such attribute).
// - /home?tweets=<n> adds a long timeline of generated tweets (repeating authors, a promoted
//   tweet, one of your own, a quote tweet, a repost, a video, and one whose text carries forged
//   test ids); window.__fixture.appendTweets(n) streams more in, as scrolling does.
// - ?loggedout=1 (or localStorage.fixtureLoggedOut = "1"): X as seen signed out, with no
//   account link and no userActions in profile headers. ?changed=header: a profile header whose
//   test ids X has "changed" (for selector health). Accounts that do not exist or are
//   suspended show X's emptyState.
// - Renders asynchronously like React: after the user directory (/__fixture/users.json) and a
//   short timeout; navigation first shows a loading state, so the old header disappears.
// - The signed-in user is localStorage.fixtureMe (default xmute_demo): their profile shows
//   "Edit profile" instead of Follow.
// - Language: ?lang=ja|ar (or localStorage.fixtureLang): x.com in Japanese or Arabic, with X's
//   translated labels ("フォロー @name", "متابعة @name", "フォロー中", the ad's label...) and, in
//   Arabic, a right-to-left page (html[dir=rtl]) whose handles X wraps in direction marks. Only
//   test ids, links and the @handles stay as in English, as on x.com. Sections carry
//   data-fixture names for tests, since their aria-labels are translated too.
// - Theme: ?theme=light|dim|dark or localStorage.fixtureTheme; set as the body's background
//   colour, as X does.
// - For tests: window.__fixture.navigate(path) (pushState + render) and .rerender() (replaces
//   the page's DOM at once, like a React remount); body[data-fixture-route] names what is shown.
// - Hover cards appear in #layers after a delay over an author link; the card's box comes
//   first and its contents (name, Follow button with the user id) arrive a moment later.

const RESERVED = new Set(["home", "explore", "notifications", "messages", "i", "settings", "search", "compose"]);
const TABS = [["", "tabPosts"], ["with_replies", "tabReplies"], ["media", "tabMedia"], ["likes", "tabLikes"]];
const THEMES = { light: "rgb(255, 255, 255)", dim: "rgb(21, 32, 43)", dark: "rgb(0, 0, 0)" };
const HOVER_DELAY_MS = 400;
const HOVER_CONTENT_DELAY_MS = 150;
const LIST_TABS = [["followers", "followers"], ["following", "followingList"]];

/**
 * x.com's labels in the fixture's three languages: English, Japanese and Arabic (right to left).
 * Functions take the screen name or display name they mention.
 */
const WORDS = {
  en: {
    follow: "Follow", following: "Following", followBack: "Follow back",
    followLabel: (n) => `Follow @${n}`, followBackLabel: (n) => `Follow back @${n}`, followingLabel: (n) => `Following @${n}`,
    clickToFollow: (n) => `Click to Follow ${n}`, followsYou: "Follows you", ad: "Ad", pinned: "Pinned",
    reposted: (n) => `${n} reposted`, replyingTo: "Replying to ", editProfile: "Edit profile", more: "More",
    verified: "Provides details about verified accounts.", verifiedIcon: "Verified account", protected: "Protected account",
    tabPosts: "Posts", tabReplies: "Replies", tabMedia: "Media", tabLikes: "Likes", followers: "Followers", followingList: "Following",
    whoToFollow: "Who to follow", home: "Home", explore: "Explore", notifications: "Notifications", profile: "Profile",
    searchResults: "Search results", people: "People", timeline: "Timeline", loading: "Loading…", time: "Jun 1",
    missing: "This account doesn’t exist", suspended: "Account suspended", thanksTo: " Thanks to ",
  },
  ja: {
    follow: "フォロー", following: "フォロー中", followBack: "フォローバック",
    followLabel: (n) => `フォロー @${n}`, followBackLabel: (n) => `フォローバック @${n}`, followingLabel: (n) => `フォロー中 @${n}`,
    clickToFollow: (n) => `${n}さんをフォロー`, followsYou: "フォローされています", ad: "プロモーション", pinned: "固定",
    reposted: (n) => `${n}さんがリポストしました`, replyingTo: "返信先: ", editProfile: "プロフィールを編集", more: "もっと見る",
    verified: "認証済みアカウントの詳細を表示します。", verifiedIcon: "認証済みアカウント", protected: "非公開アカウント",
    tabPosts: "ポスト", tabReplies: "返信", tabMedia: "メディア", tabLikes: "いいね", followers: "フォロワー", followingList: "フォロー中",
    whoToFollow: "おすすめユーザー", home: "ホーム", explore: "話題を検索", notifications: "通知", profile: "プロフィール",
    searchResults: "検索結果", people: "ユーザー", timeline: "タイムライン", loading: "読み込み中…", time: "6月1日",
    missing: "このアカウントは存在しません", suspended: "アカウントは凍結されています", thanksTo: " お礼: ",
  },
  ar: {
    follow: "متابعة", following: "تتابع", followBack: "رد المتابعة",
    followLabel: (n) => `متابعة @${n}`, followBackLabel: (n) => `رد المتابعة @${n}`, followingLabel: (n) => `تتابع @${n}`,
    clickToFollow: (n) => `انقر لمتابعة ${n}`, followsYou: "يتابعك", ad: "إعلان", pinned: "مثبّت",
    reposted: (n) => `أعاد ${n} النشر`, replyingTo: "ردًا على ", editProfile: "تعديل الملف الشخصي", more: "المزيد",
    verified: "يقدّم تفاصيل حول الحسابات الموثّقة.", verifiedIcon: "حساب موثّق", protected: "حساب محمي",
    tabPosts: "المنشورات", tabReplies: "الردود", tabMedia: "الوسائط", tabLikes: "الإعجابات", followers: "المتابِعون", followingList: "المتابَعون",
    whoToFollow: "اقتراحات للمتابعة", home: "الرئيسية", explore: "استكشاف", notifications: "الإشعارات", profile: "الملف الشخصي",
    searchResults: "نتائج البحث", people: "الأشخاص", timeline: "الخط الزمني", loading: "جارٍ التحميل…", time: "١ يونيو",
    missing: "هذا الحساب غير موجود", suspended: "الحساب معلّق", thanksTo: " شكرًا لـ ",
  },
};

/** The page's language: ?lang= or localStorage.fixtureLang (en, ja, ar). */
function lang() {
  const asked = new URLSearchParams(location.search).get("lang") || localStorage.getItem("fixtureLang");
  return asked in WORDS ? asked : "en";
}
/** x.com's label `key` in the page's language. */
function w(key, ...args) {
  const word = WORDS[lang()][key];
  return typeof word === "function" ? word(...args) : word;
}
/** A handle as X writes it: in Arabic, between direction marks (LRI … PDI) inside the ltr div. */
function handleText(screenName) {
  return lang() === "ar" ? `\u2066@${screenName}\u2069` : `@${screenName}`;
}
const TIMELINE = [
  ["alice_fixture", "Testing a new recipe for sourdough today."],
  ["bob_fixture", "Anyone else watching the launch tonight?"],
  ["XDevelopers", "The API changelog has been updated."],
  ["carol_fixture", "Morning run done. 10k in the rain."],
];

const primary = document.querySelector('[data-testid="primaryColumn"]');
const sidebar = document.querySelector('[data-testid="sidebarColumn"]');
const layers = document.getElementById("layers");
const directory = fetch("/__fixture/users.json")
  .then((response) => response.json())
  .then((users) => new Map(users.map((user) => [user.screenName.toLowerCase(), user])));
let renders = 0;

/** A tiny DOM builder: h("div", { class: "x", "data-testid": "y" }, child, "text"). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== false) element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

const me = () => localStorage.getItem("fixtureMe") || "xmute_demo";

function applyLanguage() {
  document.documentElement.lang = lang();
  document.documentElement.dir = lang() === "ar" ? "rtl" : "ltr";
  for (const link of document.querySelectorAll("[data-fixture-nav]")) link.textContent = w(link.dataset.fixtureNav);
  document.getElementById("nav-profile").setAttribute("aria-label", w("profile"));
}

function applyTheme() {
  const asked = new URLSearchParams(location.search).get("theme") || localStorage.getItem("fixtureTheme");
  const theme = asked in THEMES ? asked : "light";
  document.body.dataset.theme = theme;
  document.body.style.backgroundColor = THEMES[theme];
}

// ---- facts the fixture adds to the directory ---------------------------------------------------
/** Accounts shown with X's verified badge (a <button> in the name row) and protected ones (a lock). */
const VERIFIED = new Set(["xdevelopers", "api", "x", "bob_fixture"]);
const PROTECTED = new Set(["erin_fixture"]);
/** Accounts that follow the signed-in user: their cells say "Follow back @name" and "Follows you". */
const FOLLOWS_YOU = new Set(["erin_fixture"]);

const isVerified = (user) => VERIFIED.has(user.screenName.toLowerCase());
const isProtected = (user) => PROTECTED.has(user.screenName.toLowerCase());
const followsYou = (user) => FOLLOWS_YOU.has(user.screenName.toLowerCase());
/** Logged out (?loggedout=1 or localStorage.fixtureLoggedOut): no account link, no userActions. */
const loggedOut = () => new URLSearchParams(location.search).get("loggedout") === "1" || localStorage.getItem("fixtureLoggedOut") === "1";
/** ?changed=header: the profile header as if X renamed its test ids (selector health). */
const changedHeader = () => new URLSearchParams(location.search).get("changed") === "header";

let describedBy = 0;

/** X's verified badge: a button in the name row. */
function verifiedBadge() {
  return h("button", { type: "button", class: "badge", "aria-label": w("verified") }, "✓");
}

function lockIcon() {
  return h("svg", { "aria-label": w("protected"), role: "img", class: "lock" });
}

/** The Follow button's label (aria-label) and the hidden sentence it points to. */
function followLabel(user) {
  return followsYou(user) ? w("followBackLabel", user.screenName) : w("followLabel", user.screenName);
}

/** X's Follow button (data-testid="<id>-follow", "-unfollow" once pressed). */
function followButtonElement(user) {
  const id = `id__fx${++describedBy}`;
  const button = h("button", {
    "aria-describedby": id, "aria-label": followLabel(user), role: "button", type: "button",
    class: "pill follow", "data-testid": `${user.id}-follow`,
  }, h("span", {}, followsYou(user) ? w("followBack") : w("follow")));
  button.addEventListener("click", (event) => {
    event.stopPropagation(); // not the cell's click
    const following = button.dataset.testid.endsWith("-unfollow");
    button.dataset.testid = `${user.id}-${following ? "follow" : "unfollow"}`;
    button.firstElementChild.textContent = following ? w("follow") : w("following");
    button.setAttribute("aria-label", following ? followLabel(user) : w("followingLabel", user.screenName));
    button.classList.toggle("follow", following);
  });
  return [button, h("div", { id, class: "visually-hidden" }, w("clickToFollow", user.screenName))];
}

/** In a profile header and a hover card: placementTracking > div > button. */
function followButton(user) {
  const [button, hint] = followButtonElement(user);
  return h("div", { "data-testid": "placementTracking" }, h("div", {}, button, hint));
}

/** A profile header's or hover card's name block: the handle is plain text, not a link. */
function userNameBlock(user) {
  return h("div", { "data-testid": "UserName" },
    h("div", { class: "name" }, h("span", {}, user.name), isVerified(user) ? verifiedBadge() : null, isProtected(user) ? lockIcon() : null),
    h("div", { class: "handle" }, h("div", { dir: "ltr" }, h("span", {}, handleText(user.screenName)))));
}

function avatar(user) {
  return h("div", { "data-testid": `UserAvatar-Container-${user.screenName}`, class: "avatar-small" },
    h("a", { href: `/${user.screenName}`, "aria-hidden": "true", tabindex: "-1", role: "link" }, h("div", { class: "avatar-img" })));
}

/**
 * A user cell as X renders it: `li[role=listitem]` in the sidebar, `button[data-testid=UserCell]`
 * in lists and search results, where the Follow <button> sits inside the cell's <button> (built
 * with DOM calls: an HTML parser would close the outer button). The name and the @handle are two
 * links to the profile (`absolute`: as saved pages write them, https://x.com/name); the bio may
 * hold other people's @mentions.
 */
function userCell(user, { as = "button", absolute = false, mention = null } = {}) {
  const own = user.screenName.toLowerCase() === me().toLowerCase();
  const href = absolute ? `https://x.com/${user.screenName}` : `/${user.screenName}`;
  const attributes = as === "li"
    ? { role: "listitem", tabindex: "0", "data-testid": "UserCell", class: "cell" }
    : { role: "button", tabindex: "0", "data-testid": "UserCell", class: "cell" };
  const cell = h(as === "li" ? "li" : "button", attributes);
  if (as !== "li") cell.type = "button";
  const names = h("div", { class: "cell-names" },
    h("a", { href, role: "link", class: "cell-name" }, h("div", {}, h("span", {}, user.name)), isVerified(user) ? verifiedBadge() : null),
    h("a", { href, role: "link", tabindex: "-1", class: "handle" }, h("div", { dir: "ltr" }, h("span", {}, handleText(user.screenName)))),
    followsYou(user) && !own ? h("div", { "data-testid": "userFollowIndicator" }, h("span", {}, w("followsYou"))) : null);
  const bio = h("div", { dir: "auto", class: "cell-bio" }, user.description,
    mention ? [w("thanksTo"), h("a", { href: `/${mention.screenName}`, role: "link" }, `@${mention.screenName}`)] : null);
  cell.append(h("div", { class: "cell-row" }, avatar(user), h("div", { class: "cell-body" },
    h("div", { class: "cell-top" }, names, own ? null : followButtonElement(user)), bio)));
  cell.addEventListener("click", () => navigate(`/${user.screenName}`));
  return cell;
}

/**
 * A tweet's author row: display name, @handle (both links to the profile) and the time link; an
 * ad's row has no time link (X shows no timestamp on ads; its label sits in the top row).
 */
function authorRow(user, tweetId = "1", { time = true } = {}) {
  const link = (label, cls, extra = {}) => h("a", { href: `/${user.screenName}`, role: "link", class: cls, "data-hovercard": user.screenName, ...extra }, label);
  return h("div", { "data-testid": "User-Name", class: "user-name" },
    h("div", {}, link(h("span", {}, user.name)), isVerified(user) ? h("svg", { "aria-label": w("verifiedIcon"), role: "img", class: "badge-icon" }) : null),
    h("div", {}, link(h("div", { dir: "ltr" }, h("span", {}, handleText(user.screenName))), "handle", { tabindex: "-1" }),
      time ? [h("span", { "aria-hidden": "true" }, "·"),
        h("a", { href: `/${user.screenName}/status/${tweetId}`, role: "link" }, h("time", { datetime: "2026-06-01T12:00:00.000Z" }, w("time")))] : null));
}

let tweetIds = 1000;

/** What a tweet carries besides its text: X's markup for each. */
const MEDIA = {
  // An ordinary video: the player sits in a placementTracking (which is no ad marker).
  video: () => h("div", { "data-testid": "tweetPhoto" }, h("div", {},
    h("div", { "data-testid": "placementTracking" }, h("div", { "data-testid": "videoPlayer" }, h("video", { "aria-label": "Embedded video", muted: true }))))),
  gif: () => h("div", { "data-testid": "tweetPhoto" }, h("div", {},
    h("div", { "data-testid": "placementTracking" }, h("div", { "data-testid": "videoPlayer" },
      h("video", { "aria-label": "Embedded video", muted: true }), h("span", {}, "GIF"))))),
  card: () => h("div", { "data-testid": "card.wrapper" }, h("div", { "data-testid": "card.layoutLarge.media" },
    h("a", { href: "https://example.com/article", role: "link", rel: "noopener" }, h("span", {}, "example.com"), h("span", {}, "Ad")))),
  poll: () => h("div", { "data-testid": "card.wrapper" }, h("div", { "data-testid": "cardPoll" },
    ["Ad", "Promoted", "Neither"].map((choice) => h("div", { role: "radio", "aria-checked": "false" }, h("span", {}, choice))),
    h("span", {}, "12 votes · 2 days left"))),
};

/**
 * A tweet. Options: `promoted` (X's "Ad" label in its top row, no timestamp), `quote` (a quoted tweet by that
 * user, in a role=link box with its own User-Name), `forged` (markup inside the tweet's text
 * imitating an author row and a user cell for that user, as a hostile page could render),
 * `media` (video | gif | card | poll), `social` (the socialContext line: "X reposted", "Pinned"),
 * `replyTo` (a "Replying to @name" line), `kind` (data-fixture-kind, for tests only).
 */
function tweet(user, text, { promoted = false, quote = null, forged = null, media = null, social = null, replyTo = null, kind = null } = {}) {
  const id = String(++tweetIds);
  const body = forged
    ? h("div", { "data-testid": "tweetText", lang: "en" }, text,
      h("div", { "data-testid": "User-Name" }, h("a", { href: `/${forged.screenName}` }, `@${forged.screenName}`)),
      h("div", { "data-testid": "UserCell" }, userNameBlock(forged), followButton(forged)))
    : h("div", { "data-testid": "tweetText", lang: "en" }, text);
  return h("article", { "data-testid": "tweet", role: "article", tabindex: "0", "data-fixture-kind": kind ?? (promoted ? "promoted" : "tweet") },
    social ? h("div", { class: "social" }, h("span", { "data-testid": "socialContext" }, social)) : null,
    h("div", { class: "tweet-row" }, avatar(user), h("div", { class: "tweet-body" },
      h("div", { class: "tweet-top" }, authorRow(user, id, { time: !promoted }), promoted ? h("div", { class: "promoted" }, h("span", {}, w("ad"))) : null,
        h("button", { type: "button", "aria-label": w("more"), "data-testid": "caret", class: "caret" }, "⋯")),
      replyTo ? h("div", { class: "reply-to" }, w("replyingTo"), h("a", { href: `/${replyTo.screenName}`, role: "link" }, `@${replyTo.screenName}`)) : null,
      body,
      media ? MEDIA[media]() : null,
      quote ? h("div", { role: "link", tabindex: "0", class: "quote" }, authorRow(quote, String(++tweetIds)), h("div", { "data-testid": "tweetText" }, "A quoted post.")) : null,
      h("div", { role: "group", "aria-label": "Actions", class: "actions-row" },
        ["reply", "retweet", "like"].map((name) => h("button", { type: "button", "data-testid": name, "aria-label": name }, "·"))))));
}

/** The i-th tweet of the long generated timeline (see the header). */
function generatedTweet(users, i) {
  const pick = (name) => users.get(name.toLowerCase());
  const author = i % 10 === 3 ? pick("bob_fixture") : pick(`user${String(i % 40).padStart(4, "0")}`);
  if (i === 5) return tweet(pick("frank_fixture"), "Try our new app!", { promoted: true });
  if (i === 7) return tweet(pick(me()) ?? author, "A post of my own.", { kind: "own" });
  if (i === 9) return tweet(author, "Look at this:", { forged: pick("erin_fixture") });
  if (i === 11) return tweet(author, "Quoting a friend.", { quote: pick("carol_fixture") });
  if (i === 15) return tweet(author, "Worth reading again.", { social: w("reposted", "User 0039") });
  if (i === 17) return tweet(author, "Watch this.", { media: "video" });
  return tweet(author, `Generated post number ${i}.`);
}

function whoToFollow(users, exclude) {
  const picks = ["dave_fixture", "erin_fixture", "frank_fixture"].filter((name) => name !== exclude);
  return h("section", { "aria-label": w("whoToFollow"), "data-fixture": "who-to-follow" },
    h("div", { class: "section-title" }, h("h2", {}, w("whoToFollow"))),
    h("ul", { role: "list", class: "cells" }, picks.map((name) => userCell(users.get(name), { as: "li" }))));
}

let generated = 0;

function homePage(users) {
  document.title = "Home / X";
  const count = Math.min(Number(new URLSearchParams(location.search).get("tweets")) || 0, 5000);
  generated = 0;
  const more = Array.from({ length: count }, () => generatedTweet(users, generated++));
  const [first, second, third, fourth] = TIMELINE.map(([name, text]) => [users.get(name.toLowerCase()), text]);
  return h("div", {},
    h("div", { class: "page-title" }, w("home")),
    h("section", { "aria-label": "Timeline: Your Home Timeline", "data-fixture": "timeline" },
      tweet(first[0], first[1], { media: "video", kind: "video" }),
      tweet(second[0], second[1], { media: "gif", kind: "gif" }),
      tweet(third[0], third[1], { media: "card", kind: "card" }),
      tweet(fourth[0], fourth[1], { media: "poll", kind: "poll" }),
      tweet(users.get("frank_fixture"), "Try our new app!", { promoted: true }),
      more));
}

/** Appends `n` generated tweets to the home timeline, one cell at a time like X's virtual list. */
async function appendTweets(n) {
  const users = await directory;
  const timeline = primary.querySelector('[data-fixture="timeline"]');
  if (!timeline) throw new Error("appendTweets: not on /home");
  for (let i = 0; i < n; i++) timeline.append(h("div", { "data-testid": "cellInnerDiv" }, generatedTweet(users, generated++)));
}

/**
 * /explore?kinds=1: one tweet of every kind the notes list (video, GIF, card, poll, repost,
 * pinned, quote, reply, promoted), each by a different author, for the surface scenarios.
 */
function kindsTimeline(users) {
  const u = (n) => users.get(`user${String(n).padStart(4, "0")}`);
  return h("section", { "aria-label": "Timeline: kinds", "data-fixture": "kinds" },
    tweet(u(21), "A video.", { media: "video", kind: "video" }),
    tweet(u(22), "A GIF.", { media: "gif", kind: "gif" }),
    tweet(u(23), "A link.", { media: "card", kind: "card" }),
    tweet(u(24), "A poll.", { media: "poll", kind: "poll" }),
    tweet(u(25), "Reposted.", { social: w("reposted", "User 0030"), kind: "repost" }),
    tweet(u(26), "Pinned.", { social: w("pinned"), kind: "pinned" }),
    tweet(u(27), "Quoting.", { quote: u(31), kind: "quote" }),
    tweet(u(28), "A reply.", { replyTo: u(32), kind: "reply" }),
    tweet(users.get("frank_fixture"), "An ad.", { promoted: true, media: "video" }));
}

function reservedPage(segment, users) {
  const title = segment[0].toUpperCase() + segment.slice(1);
  document.title = `${title} / X`;
  const kinds = segment === "explore" && new URLSearchParams(location.search).get("kinds") === "1";
  return h("div", {}, h("div", { class: "page-title" }, title), kinds ? kindsTimeline(users) : null);
}

/** People search (/search?q=…&f=user): the users whose name or handle contains the query. */
function searchPage(users) {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") ?? "").toLowerCase();
  if (params.get("f") !== "user" || !query) return reservedPage("search", users);
  document.title = `${params.get("q")} - Search / X`;
  const found = [...users.values()]
    .filter((user) => !user.suspended && (user.screenName.toLowerCase().includes(query) || user.name.toLowerCase().includes(query)))
    .slice(0, 20);
  // As saved pages write them: absolute links; a bio that mentions someone else.
  return h("div", {}, h("div", { class: "page-title" }, w("people")),
    h("section", { "aria-label": w("searchResults"), "data-fixture": "search-results" }, found.map((user) =>
      userCell(user, { absolute: true, mention: user.screenName === "dave_fixture" ? users.get("alice_fixture") : null }))));
}

/** /<name>/followers and /following: a title bar (not a profile header) and a list of cells. */
function listPage(users, user, tab) {
  document.title = `People ${tab === "followers" ? "following" : "followed by"} ${user.name} (@${user.screenName}) / X`;
  const names = ["dave_fixture", "erin_fixture", "frank_fixture", "bob_fixture", "alice_fixture", me(),
    ...Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(4, "0")}`)];
  const people = names.map((name) => users.get(name.toLowerCase()))
    .filter((other) => other && other.screenName !== user.screenName);
  const tabs = h("nav", { class: "tabs", role: "tablist" }, LIST_TABS.map(([path, label]) =>
    h("a", { href: `/${user.screenName}/${path}`, role: "tab", "aria-selected": String(path === tab) }, w(label))));
  return h("div", {},
    h("div", { class: "page-title" }, h("div", {}, user.name), h("div", { class: "handle" }, `@${user.screenName}`)),
    tabs,
    h("section", { "aria-label": w(tab === "followers" ? "followers" : "followingList"), "data-fixture": tab }, people.map((other) => userCell(other))));
}

/** X's page for an account that does not exist. */
function missingPage(name) {
  document.title = "Profile / X";
  return h("div", {}, h("div", { class: "banner" }), h("div", { class: "header" },
    h("div", { class: "name" }, `@${name}`),
    h("div", { "data-testid": "emptyState" }, h("p", {}, w("missing")))));
}

/** /<name>/status/<id>: the tweet, then replies (one by the author, a thread). */
function statusPage(users, user) {
  document.title = `${user.name} on X`;
  const reply = (name, text) => tweet(users.get(name), text, { replyTo: user, kind: "reply" });
  return h("div", {}, h("div", { class: "page-title" }, "Post"),
    h("section", { "aria-label": "Timeline: Conversation", "data-fixture": "conversation" },
      tweet(user, "The post everyone replies to.", { kind: "focal" }),
      tweet(user, "And a second post in my thread.", { kind: "thread" }),
      reply("dave_fixture", "Agreed!"),
      reply("user0012", "Not so sure."),
      reply("dave_fixture", "Another reply of mine.")));
}

function profileActions(user, own) {
  if (changedHeader()) {
    // As if X renamed its test ids: no userActions, no placementTracking, no id in the follow button.
    return [h("button", { class: "pill icon", "data-testid": "moreMenu", "aria-label": w("more") }, "⋯"),
      h("button", { class: "pill follow", "data-testid": "followButton", "aria-label": followLabel(user) }, w("follow"))];
  }
  if (own) return [h("button", { class: "pill icon", "data-testid": "userActions", "aria-label": w("more") }, "⋯"),
    h("a", { class: "pill", href: "/settings/profile", "data-testid": "editProfileButton" }, w("editProfile"))];
  return [loggedOut() ? null : h("button", { class: "pill icon", "data-testid": "userActions", "aria-label": w("more") }, "⋯"), followButton(user)];
}

function profilePage(user, tab) {
  document.title = `${user.name} (@${user.screenName}) / X`;
  const own = !loggedOut() && user.screenName.toLowerCase() === me().toLowerCase();
  if (user.suspended) {
    return h("div", { class: "profile" }, h("div", { class: "banner" }), h("div", { class: "header" },
      h("div", { class: "name" }, `@${user.screenName}`),
      h("div", { "data-testid": "emptyState" }, h("p", {}, w("suspended")))));
  }
  const tabs = h("nav", { class: "tabs", role: "tablist" }, TABS.map(([path, label]) =>
    h("a", { href: `/${user.screenName}${path ? `/${path}` : ""}`, role: "tab", "aria-selected": String(path === tab) }, w(label))));
  const nameBlock = changedHeader()
    ? h("div", { "data-testid": "UserProfileHeader_Name" }, h("div", { class: "name" }, h("span", {}, user.name)),
      h("div", { class: "handle" }, h("span", {}, handleText(user.screenName))))
    : userNameBlock(user);
  return h("div", { class: "profile" },
    h("div", { class: "banner" }),
    h("div", { class: "header" },
      h("div", { class: "header-top" }, h("div", { class: "avatar" }), h("div", { class: "header-actions" }, profileActions(user, own))),
      nameBlock,
      h("div", { "data-testid": "UserDescription", class: "description" }, user.description)),
    tabs,
    h("section", { "aria-label": w("timeline") },
      tweet(user, "Pinned: what this account is about.", { social: w("pinned"), kind: "pinned" }),
      tweet(user, tab ? `A post on the ${tab} tab.` : "Hello from my profile."),
      tweet(user, "Another day, another fixture.")));
}

/** The page for the current URL, and its route name for tests. */
function page(users) {
  const [first = "home", tab = ""] = location.pathname.split("/").filter(Boolean);
  if (first === "home") return [homePage(users), "home"];
  if (first === "search") return [searchPage(users), "search"];
  if (RESERVED.has(first)) return [reservedPage(first, users), first];
  const user = users.get(first.toLowerCase());
  if (!user) return [missingPage(first), `missing:${first}`];
  if (tab === "status") return [statusPage(users, user), `status:${user.screenName}`];
  if (LIST_TABS.some(([path]) => path === tab)) return [listPage(users, user, tab), `${tab}:${user.screenName}`];
  return [profilePage(user, tab), `profile:${user.screenName}`];
}

/** Replaces the page's DOM now, as a React remount does. */
async function rerender() {
  const users = await directory;
  applyLanguage();
  applyTheme();
  const [content, route] = page(users);
  const profile = route.startsWith("profile:") ? route.slice("profile:".length) : "";
  primary.replaceChildren(content);
  sidebar.replaceChildren(whoToFollow(users, profile));
  const account = document.getElementById("nav-profile"); // X's AppTabBar_Profile_Link
  account.setAttribute("href", `/${me()}`);
  account.hidden = loggedOut();
  if (loggedOut()) account.removeAttribute("data-testid");
  else account.setAttribute("data-testid", "AppTabBar_Profile_Link");
  document.body.dataset.fixtureRoute = route;
  document.body.dataset.fixtureRenders = String(++renders);
}

/** Shows a loading state, then renders after the directory and a frame's delay. */
async function render() {
  const ticket = renders + 1;
  primary.replaceChildren(h("div", { class: "loading", role: "progressbar" }, w("loading")));
  delete document.body.dataset.fixtureRoute;
  await directory;
  await new Promise((resolve) => setTimeout(resolve, 30));
  if (renders < ticket) await rerender();
}

function navigate(path) {
  history.pushState(null, "", path);
  layers.replaceChildren();
  return render();
}

// Links navigate inside the app.
document.addEventListener("click", (event) => {
  const link = event.target.closest?.("a[href]");
  if (!link || link.origin !== location.origin || event.button !== 0 || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
addEventListener("popstate", render);

// Hover cards: after a delay over an author link, a card in #layers with its own Follow button.
let hoverTimer = 0;
document.addEventListener("mouseover", (event) => {
  const link = event.target.closest?.("[data-hovercard]");
  if (!link) return;
  clearTimeout(hoverTimer);
  hoverTimer = setTimeout(async () => {
    const user = (await directory).get(link.dataset.hovercard.toLowerCase());
    const own = user.screenName.toLowerCase() === me().toLowerCase();
    const box = link.getBoundingClientRect();
    // The card's box first, its contents a moment later (as X fetches the user).
    const card = h("div", { "data-testid": "HoverCard", style: `left:${box.left}px;top:${box.bottom + scrollY + 4}px` },
      h("div", { class: "loading", role: "progressbar" }, w("loading")));
    layers.replaceChildren(card);
    hoverTimer = setTimeout(() => card.replaceChildren(
      h("div", { class: "header-top" }, h("div", {}), h("div", { class: "header-actions" }, own ? null : followButton(user))),
      userNameBlock(user),
      h("div", { "data-testid": "UserDescription", class: "description" }, user.description)), HOVER_CONTENT_DELAY_MS);
  }, HOVER_DELAY_MS);
});
document.addEventListener("mouseout", (event) => {
  if (!event.target.closest?.("[data-hovercard], [data-testid='HoverCard']")) return;
  if (event.relatedTarget?.closest?.("[data-testid='HoverCard']")) return;
  clearTimeout(hoverTimer);
  layers.replaceChildren();
});

window.__fixture = { navigate, rerender, appendTweets, get renders() { return renders; } };
render();
