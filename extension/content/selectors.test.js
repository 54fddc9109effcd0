// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { profileScreenName } from "./selectors.js";

test("profile paths and their tabs name a screen name", () => {
  assert.equal(profileScreenName("/alice_fixture"), "alice_fixture");
  assert.equal(profileScreenName("/Alice_Fixture/with_replies"), "Alice_Fixture");
  assert.equal(profileScreenName("/bob/media"), "bob");
  assert.equal(profileScreenName("/X/likes"), "X");
  assert.equal(profileScreenName("/alice_fixture/highlights"), "alice_fixture");
  assert.equal(profileScreenName("/alice_fixture/"), "alice_fixture");
});

test("X's own pages and impossible names are not profiles", () => {
  for (const path of ["/", "/home", "/explore", "/notifications", "/messages", "/i/bookmarks", "/settings/profile",
    "/search", "/compose/post", "/Home", "/login", "/tos", "/sixteen_chars_xx", "/bad-name", "/%40alice",
    // no profile header on these: a tweet, a photo, the lists of people
    "/alice_fixture/status/1234567890", "/alice_fixture/photo", "/alice_fixture/followers", "/alice_fixture/following",
    "/alice_fixture/verified_followers", "/alice_fixture/lists"]) {
    assert.equal(profileScreenName(path), null, path);
  }
});

// ---- x.com markup, as saved from real pages (shared x-api-notes), built with DOM calls --------
import { Window } from "happy-dom";
import { findProfileHeader, isPromoted, profilePageSettled, readSurface } from "./selectors.js";

const window = new Window({ url: "https://x.com/home" });
const { document } = window;
globalThis.location = /** @type {any} */ (window.location);
globalThis.HTMLAnchorElement = /** @type {any} */ (window.HTMLAnchorElement);

/** A DOM builder: h("div", { "data-testid": "x" }, child, "text"). */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}
const link = (name, label, extra = {}) => h("a", { href: `/${name}`, role: "link", ...extra }, h("span", {}, label));
/**
 * A tweet's author row: name link, @handle link and, unless it is an ad's, the time link. An
 * ad's row has no timestamp; X puts its label ("Ad", "プロモーション", ...) in the top row instead.
 */
const authorRow = (name, href = `/${name}`, { time = true, handle = `@${name}` } = {}) => h("div", { "data-testid": "User-Name" },
  h("div", {}, h("a", { href, role: "link" }, h("span", {}, "Display Name"))),
  h("div", {}, h("a", { href, role: "link", tabindex: "-1" }, h("div", { dir: "ltr" }, h("span", {}, handle))),
    time ? h("a", { href: `/${name}/status/1`, role: "link" }, h("time", { datetime: "2026-06-01T12:00:00.000Z" }, "Jun 1")) : null));
/**
 * A tweet: `extra` are elements after its text; `top` beside the author row; `ad` is X's label
 * of a promoted tweet (its author row then has no time link); `handle` the handle link's text.
 */
function tweet(name, text, { extra = [], top = [], social = null, href, ad = null, handle } = {}) {
  const article = h("article", { "data-testid": "tweet", role: "article" },
    social ? h("div", {}, h("span", { "data-testid": "socialContext" }, social)) : null,
    h("div", {}, authorRow(name, href, { time: !ad, handle }), ...top, ad ? h("div", {}, h("span", {}, ad)) : null),
    h("div", { "data-testid": "tweetText" }, text), ...extra);
  document.body.append(article);
  return article;
}
const video = () => h("div", { "data-testid": "tweetPhoto" }, h("div", {},
  h("div", { "data-testid": "placementTracking" }, h("div", { "data-testid": "videoPlayer" }, h("video", {})))));
const screenNameOf = (container) => readSurface(container)?.screenName ?? null;

test("tweets: a video's placementTracking is no ad; a tweet without a timestamp of its own is, in any language", () => {
  assert.equal(screenNameOf(tweet("alice", "Plain.")), "alice");
  const withVideo = tweet("bob", "Watch.", { extra: [video()] });
  assert.equal(isPromoted(withVideo), false);
  assert.equal(screenNameOf(withVideo), "bob", "an ordinary video tweet gets its author's button");
  // X's label in English, Japanese, Arabic and a language XMute has never heard of.
  for (const label of ["Ad", "Promoted", "プロモーション", "إعلان", "Reklam"]) {
    const ad = tweet("brand", "Buy.", { ad: label, extra: [video()] });
    assert.equal(isPromoted(ad), true, label);
    assert.equal(readSurface(ad), null, label);
  }
  // An ad that quotes a tweet: the quoted tweet's timestamp is not the ad's.
  const quotingAd = tweet("brand", "Buy.", { ad: "Ad", extra: [h("div", { role: "link", tabindex: "0" }, authorRow("quoted"))] });
  assert.equal(isPromoted(quotingAd), true);
  // A conversation's focal tweet has its time under the text, not in its author row.
  const focal = h("article", { "data-testid": "tweet", role: "article" },
    h("div", {}, authorRow("focal", "/focal", { time: false })), h("div", { "data-testid": "tweetText" }, "Hi."),
    h("div", {}, h("a", { href: "/focal/status/9", role: "link" }, h("time", { datetime: "2026-06-01T12:00:00.000Z" }, "12:00 PM · Jun 1, 2026"))));
  document.body.append(focal);
  assert.equal(screenNameOf(focal), "focal");
});

test("tweets: a handle link wrapped in direction marks (as right-to-left pages write it) still names its author", () => {
  for (const handle of ["\u2066@rtl_author\u2069", "\u200E@rtl_author", "@rtl_author\u200F"]) {
    assert.equal(screenNameOf(tweet("rtl_author", "مرحبا", { handle })), "rtl_author", JSON.stringify(handle));
  }
});

test("tweets: 'Ad' in someone's words (text, card, poll, name, a quoted tweet) makes no ad", () => {
  const cases = [
    tweet("carol", "Ad"),
    tweet("dave", "A link.", { extra: [h("div", { "data-testid": "card.wrapper" }, h("a", { href: "https://example.com" }, h("span", {}, "Ad")))] }),
    tweet("erin", "A poll.", { extra: [h("div", { "data-testid": "card.wrapper" }, h("div", { "data-testid": "cardPoll" }, h("div", { role: "radio" }, h("span", {}, "Ad"))))] }),
    tweet("frank", "Quoting.", { extra: [h("div", { role: "link", tabindex: "0" }, authorRow("quoted"), h("div", {}, h("span", {}, "Ad")))] }),
  ];
  assert.deepEqual(cases.map(screenNameOf), ["carol", "dave", "erin", "frank"]);
});

test("tweets: reposts, pinned tweets and replies name their author; a quote's author and a forged row get nothing", () => {
  const repost = tweet("author1", "Again.", { social: h("a", { href: "/reposter", role: "link" }, h("span", {}, "Reposter reposted")) });
  assert.equal(screenNameOf(repost), "author1");
  assert.equal(screenNameOf(tweet("author2", "Mine.", { social: "Pinned" })), "author2");
  const reply = tweet("author3", "Yes.", { top: [h("div", {}, "Replying to ", link("someone", "@someone"))] });
  assert.equal(screenNameOf(reply), "author3");
  const quote = tweet("author4", "Look.", { extra: [h("div", { role: "link" }, authorRow("quoted"))] });
  const found = readSurface(quote);
  assert.equal(found?.screenName, "author4");
  assert.equal(found?.anchor.closest('[role="link"]'), null, "the button goes in the author's own row");
  // A saved page's absolute links are on this site too; another site's are not.
  assert.equal(screenNameOf(tweet("author5", "Saved.", { href: "https://x.com/author5" })), "author5");
  assert.equal(screenNameOf(tweet("author6", "Elsewhere.", { href: "https://example.com/author6" })), null);
});

/** A user cell as x.com builds it: the Follow <button> inside the cell's <button>. */
function cell(name, id, { as = "button", followBack = false, mentionFirst = null, absolute = false, label = null, handle = `@${name}` } = {}) {
  const href = absolute ? `https://x.com/${name}` : `/${name}`;
  const root = h(as, as === "li" ? { role: "listitem", tabindex: "0", "data-testid": "UserCell" } : { role: "button", "data-testid": "UserCell" });
  const follow = h("button", { "aria-describedby": "id__1", "aria-label": label ?? `${followBack ? "Follow back" : "Follow"} @${name}`, role: "button",
    "data-testid": `${id}-follow`, type: "button" }, h("span", {}, "Follow"));
  root.append(
    h("div", { "data-testid": `UserAvatar-Container-${name}` }, h("a", { href, "aria-hidden": "true", tabindex: "-1" })),
    mentionFirst ? h("div", {}, "Thanks to ", link(mentionFirst, `@${mentionFirst}`)) : null,
    h("a", { href, role: "link" }, h("div", {}, h("span", {}, "Name"))),
    h("a", { href, role: "link", tabindex: "-1" }, h("div", { dir: "ltr" }, h("span", {}, handle))),
    follow, h("div", { id: "id__1" }, `Click to Follow ${name}`),
    h("div", { dir: "auto" }, "Bio mentioning ", link("other", "@other")));
  assert.equal(follow.parentElement, root, "the Follow button sits inside the cell's button");
  document.body.append(root);
  return root;
}

test("user cells: li and button cells, Follow back, absolute links and @mentions name the cell's own account", () => {
  for (const options of [{ as: "li" }, { as: "button" }, { followBack: true }, { absolute: true }, { mentionFirst: "someone_else" }]) {
    const found = readSurface(cell("person", "123", options));
    assert.deepEqual([found?.kind, found?.userId, found?.screenName, found?.position], ["userCell", "123", "person", "beforebegin"], JSON.stringify(options));
    assert.equal(found.anchor.getAttribute("data-testid"), "123-follow", "right before the Follow button");
  }
});

test("user cells in other languages: X's translated Follow labels and direction marks name the same account", () => {
  const labels = [["ja", "フォロー @person"], ["ja (following)", "フォロー中 @person"], ["ar", "متابعة @person"], ["he", "\u200Fעקוב אחרי @person"]];
  for (const [lang, label] of labels) {
    for (const handle of ["@person", "\u2066@person\u2069"]) {
      const found = readSurface(cell("person", "321", { label, handle }));
      assert.deepEqual([found?.userId, found?.screenName], ["321", "person"], `${lang} ${JSON.stringify(handle)}`);
    }
  }
});

/** A profile page: the main column with a header. */
function profile({ loggedOut = false, verified = false, changed = false, empty = false } = {}) {
  const follow = h("div", { "data-testid": "placementTracking" }, h("div", {},
    h("button", { role: "button", "data-testid": "42-follow", "aria-label": "Follow @target" }, "Follow")));
  const header = changed
    ? h("div", {}, h("div", { "data-testid": "UserProfileHeader_Name" }, "Target @target"), h("button", { "data-testid": "followButton" }, "Follow"))
    : h("div", {}, loggedOut ? null : h("button", { "data-testid": "userActions" }, "⋯"), follow,
      h("div", { "data-testid": "UserName" },
        h("div", {}, h("span", {}, "Target"), verified ? h("button", { "aria-label": "Provides details about verified accounts." }) : null),
        h("div", {}, h("div", { dir: "ltr" }, h("span", {}, "@target")))));
  const column = h("div", { "data-testid": "primaryColumn" }, empty ? h("div", { "data-testid": "emptyState" }, "This account doesn’t exist") : header);
  const root = h("div", {}, column);
  return root;
}

test("profile headers: signed in, verified, logged out: the id from Follow, the button before its placementTracking", () => {
  for (const options of [{}, { verified: true }, { loggedOut: true }]) {
    const header = findProfileHeader(profile(options), "/target");
    assert.deepEqual([header?.screenName, header?.userId, header?.own, header?.position], ["target", "42", false, "beforebegin"], JSON.stringify(options));
    assert.equal(header.anchor.getAttribute("data-testid"), "placementTracking");
  }
  assert.equal(findProfileHeader(profile(), "/someone_else"), null, "another profile's header");
});

test("selector health: a changed header is no header; X's empty state and loading are no page to judge", () => {
  const changed = profile({ changed: true });
  assert.equal(findProfileHeader(changed, "/target"), null);
  assert.equal(profilePageSettled(changed), true, "a rendered page without XMute's place: worth a note");
  assert.equal(profilePageSettled(profile({ empty: true })), false, "an account that does not exist");
  const loading = h("div", {}, h("div", { "data-testid": "primaryColumn" }, h("div", { role: "progressbar" }, "Loading…")));
  assert.equal(profilePageSettled(loading), false);
  assert.equal(profilePageSettled(h("div", {}, h("div", { "data-testid": "primaryColumn" }))), false, "nothing rendered yet");
});
