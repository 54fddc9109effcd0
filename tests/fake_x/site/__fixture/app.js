// The x.com fixture: a small single-page app with the markup extensions read on x.com (see
// shared x-api-notes: test ids, async rendering, SPA navigation, re-renders, hover cards).
//
// - Routes by location.pathname: /home, reserved pages (/explore, /notifications, /settings/…,
//   /i/…, /search, /messages, /compose), and profiles /<screen_name>[/with_replies|/media|/likes].
// - User lists: /<screen_name>/followers and /following, and people search
//   (/search?q=<text>&f=user), made of UserCells; "Who to follow" in the sidebar. A cell for the
//   signed-in user has no Follow button, as on X.
// - /home?tweets=<n> adds a long timeline of generated tweets (repeating authors, a promoted
//   tweet, one of your own, a quote tweet and one whose text carries forged test ids);
//   window.__fixture.appendTweets(n) streams more in, as scrolling does.
// - Renders asynchronously like React: after the user directory (/__fixture/users.json) and a
//   short timeout; navigation first shows a loading state, so the old header disappears.
// - The signed-in user is localStorage.fixtureMe (default xmute_demo): their profile shows
//   "Edit profile" instead of Follow.
// - Theme: ?theme=light|dim|dark or localStorage.fixtureTheme; set as the body's background
//   colour, as X does.
// - For tests: window.__fixture.navigate(path) (pushState + render) and .rerender() (replaces
//   the page's DOM at once, like a React remount); body[data-fixture-route] names what is shown.
// - Hover cards appear in #layers after a delay over an author link; the card's box comes
//   first and its contents (name, Follow button with the user id) arrive a moment later.

const RESERVED = new Set(["home", "explore", "notifications", "messages", "i", "settings", "search", "compose"]);
const TABS = [["", "Posts"], ["with_replies", "Replies"], ["media", "Media"], ["likes", "Likes"]];
const THEMES = { light: "rgb(255, 255, 255)", dim: "rgb(21, 32, 43)", dark: "rgb(0, 0, 0)" };
const HOVER_DELAY_MS = 400;
const HOVER_CONTENT_DELAY_MS = 150;
const LIST_TABS = [["followers", "Followers"], ["following", "Following"]];
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

function applyTheme() {
  const asked = new URLSearchParams(location.search).get("theme") || localStorage.getItem("fixtureTheme");
  const theme = asked in THEMES ? asked : "light";
  document.body.dataset.theme = theme;
  document.body.style.backgroundColor = THEMES[theme];
}

function followButton(user) {
  const button = h("button", {
    role: "button", class: "pill follow", "data-testid": `${user.id}-follow`, "aria-label": `Follow @${user.screenName}`,
  }, "Follow");
  button.addEventListener("click", () => {
    const following = button.dataset.testid.endsWith("-unfollow");
    button.dataset.testid = `${user.id}-${following ? "follow" : "unfollow"}`;
    button.textContent = following ? "Follow" : "Following";
    button.classList.toggle("follow", following);
  });
  return h("div", { "data-testid": "placementTracking" }, button);
}

function userNameBlock(user) {
  return h("div", { "data-testid": "UserName" },
    h("div", { class: "name" }, h("span", {}, user.name)),
    h("div", { class: "handle" }, h("span", {}, `@${user.screenName}`)));
}

/** A cell in a "Who to follow" list: same test ids as the profile header, not the header. */
function userCell(user) {
  const own = user.screenName.toLowerCase() === me().toLowerCase();
  return h("div", { "data-testid": "UserCell", class: "cell" },
    h("a", { href: `/${user.screenName}` }, userNameBlock(user)), own ? null : followButton(user));
}

/** A tweet's author row: display name and @handle, both links to the profile. */
function authorRow(user) {
  const link = (label, cls) => h("a", { href: `/${user.screenName}`, class: cls, "data-hovercard": user.screenName }, label);
  return h("div", { "data-testid": "User-Name", class: "user-name" }, link(user.name), link(`@${user.screenName}`, "handle"));
}

/**
 * A tweet. `quote`: a quoted tweet by that user inside it (X wraps it in a role=link box);
 * `forged`: markup inside the tweet's text that imitates an author row and a user cell for
 * that user, as a hostile page could render.
 */
function tweet(user, text, { promoted = false, quote = null, forged = null } = {}) {
  const body = forged
    ? h("div", { "data-testid": "tweetText" }, text,
      h("div", { "data-testid": "User-Name" }, h("a", { href: `/${forged.screenName}` }, `@${forged.screenName}`)),
      h("div", { "data-testid": "UserCell" }, userNameBlock(forged), followButton(forged)))
    : h("div", { "data-testid": "tweetText" }, text);
  return h("article", { "data-testid": "tweet", role: "article" },
    authorRow(user),
    body,
    quote ? h("div", { role: "link", tabindex: "0", class: "quote" }, authorRow(quote), h("div", {}, "A quoted post.")) : null,
    promoted ? h("div", { class: "promoted" }, "Promoted", followButton(user)) : null);
}

/** The i-th tweet of the long generated timeline (see the header). */
function generatedTweet(users, i) {
  const pick = (name) => users.get(name.toLowerCase());
  const author = i % 10 === 3 ? pick("bob_fixture") : pick(`user${String(i % 40).padStart(4, "0")}`);
  if (i === 5) return tweet(pick("frank_fixture"), "Try our new app!", { promoted: true });
  if (i === 7) return tweet(pick(me()) ?? author, "A post of my own.");
  if (i === 9) return tweet(author, "Look at this:", { forged: pick("erin_fixture") });
  if (i === 11) return tweet(author, "Quoting a friend.", { quote: pick("carol_fixture") });
  return tweet(author, `Generated post number ${i}.`);
}

function whoToFollow(users, exclude) {
  const picks = ["dave_fixture", "erin_fixture", "frank_fixture"].filter((name) => name !== exclude);
  return h("section", { "aria-label": "Who to follow" },
    h("div", { class: "section-title" }, "Who to follow"),
    picks.map((name) => userCell(users.get(name))));
}

let generated = 0;

function homePage(users) {
  document.title = "Home / X";
  const count = Math.min(Number(new URLSearchParams(location.search).get("tweets")) || 0, 5000);
  generated = 0;
  const more = Array.from({ length: count }, () => generatedTweet(users, generated++));
  return h("div", {},
    h("div", { class: "page-title" }, "Home"),
    h("section", { "aria-label": "Timeline: Your Home Timeline", "data-fixture": "timeline" },
      TIMELINE.map(([name, text]) => tweet(users.get(name.toLowerCase()), text)),
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

function reservedPage(segment) {
  const title = segment[0].toUpperCase() + segment.slice(1);
  document.title = `${title} / X`;
  return h("div", {}, h("div", { class: "page-title" }, title));
}

/** People search (/search?q=…&f=user): the users whose name or handle contains the query. */
function searchPage(users) {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") ?? "").toLowerCase();
  if (params.get("f") !== "user" || !query) return reservedPage("search");
  document.title = `${params.get("q")} - Search / X`;
  const found = [...users.values()]
    .filter((user) => !user.suspended && (user.screenName.toLowerCase().includes(query) || user.name.toLowerCase().includes(query)))
    .slice(0, 20);
  return h("div", {}, h("div", { class: "page-title" }, "People"),
    h("section", { "aria-label": "Search results" }, found.map(userCell)));
}

/** /<name>/followers and /following: a title bar (not a profile header) and a list of cells. */
function listPage(users, user, tab) {
  document.title = `People ${tab === "followers" ? "following" : "followed by"} ${user.name} (@${user.screenName}) / X`;
  const names = ["dave_fixture", "erin_fixture", "frank_fixture", "bob_fixture", "alice_fixture", me(),
    ...Array.from({ length: 20 }, (_, i) => `user${String(i).padStart(4, "0")}`)];
  const people = names.map((name) => users.get(name.toLowerCase()))
    .filter((other) => other && other.screenName !== user.screenName);
  const tabs = h("nav", { class: "tabs", role: "tablist" }, LIST_TABS.map(([path, label]) =>
    h("a", { href: `/${user.screenName}/${path}`, role: "tab", "aria-selected": String(path === tab) }, label)));
  return h("div", {},
    h("div", { class: "page-title" }, h("div", {}, user.name), h("div", { class: "handle" }, `@${user.screenName}`)),
    tabs,
    h("section", { "aria-label": tab === "followers" ? "Followers" : "Following" }, people.map(userCell)));
}

function missingPage(name) {
  document.title = "Profile / X";
  return h("div", {}, h("div", { class: "banner" }), h("div", { class: "header" },
    h("div", { class: "name" }, `@${name}`), h("p", {}, "This account doesn’t exist")));
}

function profilePage(user, tab) {
  document.title = `${user.name} (@${user.screenName}) / X`;
  const own = user.screenName.toLowerCase() === me().toLowerCase();
  const actions = user.suspended ? [] : [
    h("button", { class: "pill icon", "data-testid": "userActions", "aria-label": "More" }, "⋯"),
    own
      ? h("a", { class: "pill", href: "/settings/profile", "data-testid": "editProfileButton" }, "Edit profile")
      : followButton(user),
  ];
  const tabs = h("nav", { class: "tabs", role: "tablist" }, TABS.map(([path, label]) =>
    h("a", { href: `/${user.screenName}${path ? `/${path}` : ""}`, role: "tab", "aria-selected": String(path === tab) }, label)));
  return h("div", { class: "profile" },
    h("div", { class: "banner" }),
    h("div", { class: "header" },
      h("div", { class: "header-top" }, h("div", { class: "avatar" }), h("div", { class: "header-actions" }, actions)),
      userNameBlock(user),
      user.suspended
        ? h("p", {}, "Account suspended")
        : h("div", { "data-testid": "UserDescription", class: "description" }, user.description)),
    tabs,
    user.suspended ? null : h("section", { "aria-label": "Timeline" },
      tweet(user, tab ? `A post on the ${tab} tab.` : "Hello from my profile."),
      tweet(user, "Another day, another fixture.")));
}

/** The page for the current URL, and its route name for tests. */
function page(users) {
  const [first = "home", tab = ""] = location.pathname.split("/").filter(Boolean);
  if (first === "home") return [homePage(users), "home"];
  if (first === "search") return [searchPage(users), "search"];
  if (RESERVED.has(first)) return [reservedPage(first), first];
  const user = users.get(first.toLowerCase());
  if (!user) return [missingPage(first), `missing:${first}`];
  if (LIST_TABS.some(([path]) => path === tab)) return [listPage(users, user, tab), `${tab}:${user.screenName}`];
  return [profilePage(user, tab), `profile:${user.screenName}`];
}

/** Replaces the page's DOM now, as a React remount does. */
async function rerender() {
  const users = await directory;
  applyTheme();
  const [content, route] = page(users);
  const profile = route.startsWith("profile:") ? route.slice("profile:".length) : "";
  primary.replaceChildren(content);
  sidebar.replaceChildren(whoToFollow(users, profile));
  document.getElementById("nav-profile").setAttribute("href", `/${me()}`); // X's AppTabBar_Profile_Link
  document.body.dataset.fixtureRoute = route;
  document.body.dataset.fixtureRenders = String(++renders);
}

/** Shows a loading state, then renders after the directory and a frame's delay. */
async function render() {
  const ticket = renders + 1;
  primary.replaceChildren(h("div", { class: "loading", role: "progressbar" }, "Loading…"));
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
      h("div", { class: "loading", role: "progressbar" }, "Loading…"));
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
