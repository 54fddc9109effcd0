// End-to-end scenarios for the surfaces beyond the profile header (hover cards, user cells,
// tweets), the muted-accounts cache, cross-tab sync and the keyboard shortcut. Same shape as
// scenarios.mjs: each gets { fake, browser, newWorld, open, secrets }; suite.mjs runs them after
// those and before the console check.
import assert from "node:assert/strict";
import {
  BUTTON, SURFACE_BUTTON, apiRequests, control, expectButton, expectSurface, extensionStorage, fixtureRendered,
  hoverForCard, muteElsewhere, navigate, openHoverCard, setTweetButtons, signIn, surfaceButtons, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL, DAVE, ERIN } from "./people.mjs";

const USER4 = { id: "2000000004", screenName: "user0004" };
const TOAST = '[data-testid="xmute-undo-toast"]';
const UNDO = '[data-testid="xmute-undo"]';
const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const V2_LIST = /^\/2\/users\/\d+\/muting$/;

/** The account the fixture shows as signed in to x.com (localStorage.fixtureMe; scenario 5 changes it). */
function fixtureMe(page) {
  return page.evaluate(() => localStorage.getItem("fixtureMe") || "xmute_demo");
}

/**
 * Presses Alt+Shift+M through the browser's own shortcut handling (Chromium: a DevTools
 * rawKeyDown, as a physical key; Firefox: the <key> Firefox made for the command).
 */
function pressShortcut(page) {
  return page.browserAdapter.pressShortcut(page);
}

export const surfaceScenarios = [
  {
    name: "hover card: contents arrive after the card; a Mute beside its Follow mutes that id and every button for them follows",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open("/home?tweets=12");
      const profile = await env.open(`/${CAROL.screenName}`);
      await expectButton(profile, { label: "Mute", screenName: CAROL.screenName });

      await page.bringToFront();
      // Record, at every change of #layers, whether the card had its Follow button and ours.
      await page.evaluate((selector) => {
        window.__card = [];
        new MutationObserver(() => {
          const card = document.querySelector('#layers [data-testid="HoverCard"]');
          if (card) window.__card.push({ follow: Boolean(card.querySelector('[data-testid$="-follow"]')), button: Boolean(card.querySelector(selector)) });
        }).observe(document.getElementById("layers"), { childList: true, subtree: true });
      }, SURFACE_BUTTON);
      await hoverForCard(page, `article [data-testid="User-Name"] a.handle[href="/${CAROL.screenName}"]`);
      const [card] = await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: false, count: 1 });
      const seen = await page.evaluate(() => window.__card);
      assert.deepEqual(seen[0], { follow: false, button: false }, "the card's box came first, still loading");
      assert.ok(seen.some((s) => s.follow && s.button), JSON.stringify(seen));
      assert.ok(seen.every((s) => s.follow || !s.button), "no button before the card's contents");
      assert.equal(card.surface, "hoverCard");
      const placed = await page.evaluate((selector) => {
        const root = document.querySelector(`#layers ${selector}`).closest("[data-xmute-surface]");
        return root.nextElementSibling?.querySelector("[data-testid$='-follow']")?.getAttribute("data-testid");
      }, SURFACE_BUTTON);
      assert.equal(placed, `${CAROL.id}-follow`, "right before the card's Follow button");

      await page.click(`#layers ${SURFACE_BUTTON}`);
      await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: true, count: 1, state: "done" });
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(mutes.length, 1, "exactly one mute request");
      assert.deepEqual(JSON.parse(mutes[0].body), { target_user_id: CAROL.id });
      assert.equal(mutes[0].verified, true);
      assert.deepEqual((await env.fake.state(world.consumerKey)).muting[world.userId], [CAROL.id]);
      await expectButton(profile, { label: "Unmute", screenName: CAROL.screenName }, 1000);

      // Your own account's card has no Follow button and gets no Mute button.
      await openHoverCard(page, await fixtureMe(page));
      assert.deepEqual(await surfaceButtons(page, "#layers"), [], "no button in your own hover card");
      assert.deepEqual(await page.locator(BUTTON).count(), 0, "and no profile button on /home");
    },
  },
  {
    name: "user cells: lists, Who to follow and people search get an icon button named Mute @name; the keyboard mutes that id everywhere",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${ALICE.screenName}/followers`);
      const expected = await page.evaluate(() => [...document.querySelectorAll('[data-testid="UserCell"]')]
        .filter((cell) => cell.querySelector('[data-testid$="-follow"]')).length);
      assert.ok(expected >= 25, `the fixture lists people (${expected})`);
      const all = await waitFor(async () => {
        const found = await surfaceButtons(page, '[data-testid="UserCell"]');
        return found.length === expected ? found : null;
      }, { what: `${expected} cell buttons` });
      assert.ok(all.every((b) => b.surface === "userCell" && /^Mute @\w+$/.test(b.name) && b.pressed === "false"), JSON.stringify(all));
      const me = await fixtureMe(page);
      assert.equal(await page.locator(`[data-testid="UserCell"]:has-text("@${me}")`).count(), 1, "you are in the list");
      assert.equal(all.filter((b) => b.name === `Mute @${me}`).length, 0, "no button in your own cell");
      assert.equal(await page.locator(BUTTON).count(), 0, "a list page has no profile button");
      assert.equal(await page.evaluate((selector) => [...document.querySelectorAll(selector)].every((button) =>
        button.closest("[data-xmute-surface]").nextElementSibling?.matches('[data-testid$="-follow"]')), SURFACE_BUTTON), true,
      "each button sits right before its cell's Follow");

      // A page script's click does nothing.
      await page.evaluate((selector) => document.querySelector(selector).click(), SURFACE_BUTTON);
      // The keyboard: Tab to dave's button in the list, a visible focus ring, Enter.
      const daveInList = `[aria-label="Followers"] ${SURFACE_BUTTON}[aria-label="Mute @${DAVE.screenName}"]`;
      await page.locator(daveInList).focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { name: document.activeElement.getAttribute("aria-label"), outline: `${style.outlineStyle} ${style.outlineWidth}` };
      });
      assert.deepEqual(ring, { name: `Mute @${DAVE.screenName}`, outline: "solid 2px" });
      await page.keyboard.press("Enter");
      // Both of dave's buttons (the list and Who to follow) follow.
      await expectSurface(page, { screenName: DAVE.screenName, muted: true, count: 2 });
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.deepEqual(mutes.map((m) => [JSON.parse(m.body).target_user_id, m.verified]), [[DAVE.id, true]], "only the key press muted");

      await navigate(page, "/search?q=fixture&f=user");
      await expectSurface(page, { scope: '[aria-label="Search results"]', screenName: DAVE.screenName, muted: true, count: 1 });
      await expectSurface(page, { scope: '[aria-label="Search results"]', screenName: ERIN.screenName, muted: false, count: 1 });
    },
  },
  {
    name: "tweets: no buttons by default; the options switch adds one per author row in every tab (not promoted, own, quoted or forged); one click mutes by @handle",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open("/home?tweets=60");
      const other = await env.open("/home?tweets=60");
      // Cells are there (so the extension is running), tweets have no button.
      await expectSurface(page, { screenName: DAVE.screenName, muted: false, count: 1 });
      assert.equal((await surfaceButtons(page, "article")).length, 0, "off by default");

      await setTweetButtons(env.browser, true);
      // 4 + promoted + 60 generated tweets, of which one promoted and one your own.
      const expected = 4 + 60 - 2;
      for (const tab of [page, other]) {
        await waitFor(async () => (await surfaceButtons(tab, "article")).length === expected, { what: `${expected} tweet buttons`, timeout: 1000 });
      }
      const layout = await page.evaluate((selector) => [...document.querySelectorAll("article")].map((article) => {
        const buttons = [...article.querySelectorAll(selector)];
        return {
          count: buttons.length,
          // Promoted: the fixture's ad (X's "Ad" label); video tweets have a placementTracking too.
          promoted: article.dataset.fixtureKind === "promoted",
          author: article.querySelector('[data-testid="User-Name"] a.handle')?.textContent,
          inAuthorRow: buttons.every((b) => b.closest("[data-xmute-surface]").parentElement === article.querySelector('[data-testid="User-Name"]')),
          inTextOrQuote: buttons.some((b) => b.closest('[data-testid="tweetText"], [role="link"]')),
        };
      }), SURFACE_BUTTON);
      const me = await fixtureMe(page);
      assert.equal(layout.filter((tweet) => tweet.author === `@${me}`).length, 1, "one tweet of your own");
      for (const tweet of layout) {
        const want = tweet.promoted || tweet.author === `@${me}` ? 0 : 1;
        assert.equal(tweet.count, want, JSON.stringify(tweet));
        assert.ok(tweet.inAuthorRow && !tweet.inTextOrQuote, JSON.stringify(tweet));
      }
      assert.equal(await page.locator(`article ${SURFACE_BUTTON}[aria-label$="@${ERIN.screenName}"]`).count(), 0, "nothing for the forged row and cell");
      assert.equal(await page.locator(`article ${SURFACE_BUTTON}[aria-label$="@${CAROL.screenName}"]`).count(), 1, "carol's own tweet only, not her quote");

      // user0004 wrote tweets 4 and 44: one click mutes them by @handle (resolved by the API).
      await page.locator(`article ${SURFACE_BUTTON}[aria-label="Mute @${USER4.screenName}"]`).first().click();
      await expectSurface(page, { scope: "article", screenName: USER4.screenName, muted: true, count: 2 });
      await expectSurface(other, { scope: "article", screenName: USER4.screenName, muted: true, count: 2 }, 1000);
      const [lookup] = await apiRequests(env.fake, world, "GET", /^\/2\/users\/by\/username\//);
      assert.equal(lookup.path, `/2/users/by/username/${USER4.screenName}`);
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.deepEqual(mutes.map((m) => [JSON.parse(m.body).target_user_id, m.verified]), [[USER4.id, true]]);

      await setTweetButtons(env.browser, false);
      for (const tab of [page, other]) {
        await waitFor(async () => (await surfaceButtons(tab, "article")).length === 0, { what: "no tweet buttons", timeout: 1000 });
      }
      assert.equal((await surfaceButtons(page, '[data-testid="UserCell"]')).length, 3, "cells keep theirs");
    },
  },
  {
    name: "undo on the small buttons: a toast after a mute from a cell or a tweet; Tab and Enter undo it by the same id; the tweet never sees the click",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${ALICE.screenName}/followers`);
      const dave = `[aria-label="Followers"] ${SURFACE_BUTTON}[aria-label="Mute @${DAVE.screenName}"]`;
      await page.locator(dave).click();
      await expectSurface(page, { screenName: DAVE.screenName, muted: true, count: 2 });
      // One toast, beside the button that was pressed, not beside dave's other button.
      await waitForText(page, `[aria-label="Followers"] [data-xmute-surface] ${TOAST} [role="status"]`, /^Muted @dave_fixture\.$/);
      assert.equal(await page.locator(TOAST).count(), 1);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), `Undo: unmute @${DAVE.screenName}`);
      await page.keyboard.press("Enter");
      await expectSurface(page, { screenName: DAVE.screenName, muted: false, count: 2 });
      assert.equal(await page.locator(TOAST).count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), `Mute @${DAVE.screenName}`,
        "focus is back on the button");
      const unmutes = await apiRequests(env.fake, world, "DELETE", /muting/);
      assert.deepEqual(unmutes.map((r) => [r.path.split("/").pop(), r.verified]), [[DAVE.id, true]], "Undo unmuted that id");

      // In a tweet: X opens the tweet on a click inside it; neither XMute button lets it through.
      await setTweetButtons(env.browser, true);
      const home = await env.open("/home?tweets=60");
      const user4 = `article ${SURFACE_BUTTON}[aria-label="Mute @${USER4.screenName}"]`;
      await home.locator(user4).first().waitFor();
      await home.evaluate(() => {
        window.__tweetClicks = 0;
        for (const article of document.querySelectorAll("article")) article.addEventListener("click", () => { window.__tweetClicks += 1; });
      });
      await home.locator(user4).first().click();
      await expectSurface(home, { scope: "article", screenName: USER4.screenName, muted: true, count: 2 });
      await home.locator(`article ${UNDO}`).click();
      await expectSurface(home, { scope: "article", screenName: USER4.screenName, muted: false, count: 2 });
      assert.equal(await home.evaluate(() => window.__tweetClicks), 0, "the tweet's own click handler saw nothing");
      assert.equal((await apiRequests(env.fake, world, "DELETE", /muting/)).length, 2);

      // An unmute offers nothing to undo.
      await home.locator(user4).first().click();
      await expectSurface(home, { scope: "article", screenName: USER4.screenName, muted: true, count: 2 });
      await home.locator(TOAST).waitFor();
      await home.keyboard.press("Escape");
      await home.locator(TOAST).waitFor({ state: "detached" });
      await home.locator(`article ${SURFACE_BUTTON}[aria-label="Unmute @${USER4.screenName}"]`).first().click();
      await expectSurface(home, { scope: "article", screenName: USER4.screenName, muted: false, count: 2 });
      assert.equal(await home.locator(TOAST).count(), 0);
      await setTweetButtons(env.browser, false);
    },
  },
  {
    name: "a long timeline: 1,000 tweets, then 300 streaming in, each with exactly one button",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      await setTweetButtons(env.browser, true);
      const page = await env.open("/home?tweets=1000");
      const me = await fixtureMe(page);
      const eligible = () => page.evaluate((own) => [...document.querySelectorAll("article")].filter((a) =>
        a.dataset.fixtureKind !== "promoted" && !a.querySelector(`a.handle[href="/${own}"]`)).length, me);
      const count = () => page.evaluate((selector) => document.querySelectorAll(`article ${selector}`).length, SURFACE_BUTTON);
      const first = await eligible();
      assert.equal(first, 4 + 1000 - 2);
      await waitFor(async () => (await count()) === first, { what: `${first} tweet buttons` });
      // As scrolling does: small batches, each its own mutation, the next before the last settles.
      for (let batch = 0; batch < 30; batch++) await page.evaluate(() => window.__fixture.appendTweets(10));
      const total = await eligible();
      assert.equal(total, first + 300);
      await waitFor(async () => (await count()) === total, { what: `${total} tweet buttons` });
      const perTweet = await page.evaluate((selector) => [...document.querySelectorAll("article")]
        .map((a) => a.querySelectorAll(selector).length).filter((n) => n > 1).length, SURFACE_BUTTON);
      assert.equal(perTweet, 0, "never two buttons in one tweet");
      await setTweetButtons(env.browser, false);
    },
  },
  {
    name: "one state per person: a mute by @handle from a tweet and an unmute by id from a hover card show on every surface and tab",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      await setTweetButtons(env.browser, true);
      const page = await env.open("/home?tweets=20");
      await expectSurface(page, { scope: "article", screenName: BOB.screenName, muted: false, count: 3 });
      await page.locator(`article ${SURFACE_BUTTON}[aria-label="Mute @${BOB.screenName}"]`).first().click();
      await expectSurface(page, { scope: "article", screenName: BOB.screenName, muted: true, count: 3 });
      const [mute] = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.deepEqual(JSON.parse(mute.body), { target_user_id: BOB.id });

      // Bob's profile (it knows his id) opened after the mute by @handle: Unmute.
      const profile = await env.open(`/${BOB.screenName}`);
      await expectButton(profile, { label: "Unmute", screenName: BOB.screenName });
      // His hover card (id and handle) too, and an unmute there reaches the tweets and the profile.
      await page.bringToFront();
      await openHoverCard(page, BOB.screenName);
      await expectSurface(page, { scope: "#layers", screenName: BOB.screenName, muted: true, count: 1 });
      await page.click(`#layers ${SURFACE_BUTTON}`);
      await expectSurface(page, { scope: "#layers", screenName: BOB.screenName, muted: false, count: 1, state: "done" });
      await expectSurface(page, { scope: "article", screenName: BOB.screenName, muted: false, count: 3 }, 1000);
      await expectButton(profile, { label: "Mute", screenName: BOB.screenName }, 1000);
      const [unmute, ...more] = await apiRequests(env.fake, world, "DELETE", /muting/);
      assert.equal(more.length, 0);
      assert.equal(unmute.path, `/2/users/${world.userId}/muting/${BOB.id}`);

      // And back by @handle from a tweet: the profile in the other tab follows within a second.
      await page.mouse.move(0, 0);
      await page.locator(`article ${SURFACE_BUTTON}[aria-label="Mute @${BOB.screenName}"]`).last().click();
      await expectSurface(page, { scope: "article", screenName: BOB.screenName, muted: true, count: 3 });
      await expectButton(profile, { label: "Unmute", screenName: BOB.screenName }, 1000);
      await setTweetButtons(env.browser, false);
    },
  },
  {
    name: "muted elsewhere: sign-in reads nothing; the read is a click that states its cost, capped, it updates every tab, a 429 says when the next may run",
    async run(env) {
      const world = await env.newWorld();
      await muteElsewhere(env.fake, world, [ALICE, ERIN]);
      await signIn(env.browser, world);
      const page = await env.open(`/${ALICE.screenName}`);
      await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
      assert.equal((await apiRequests(env.fake, world, "GET", V2_LIST)).length, 0, "signing in reads nothing (X bills each account)");

      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await waitForText(options, "#mute-list", /^Not read from X yet\.$/);
        assert.equal(await options.textContent("#refresh-mutes"), "Read up to 1,000 muted accounts from X (at most $1.00)");
        await options.fill("#mute-read-max", "1");
        assert.equal(await options.textContent("#refresh-mutes"), "Read up to 1 muted account from X (at most $0.001)");
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /^1 muted account read from X at \d\d:\d\d.* \(you have more: the read stopped at its limit\), about \$0\.001\.$/);
        assert.match((await apiRequests(env.fake, world, "GET", V2_LIST))[0].target, /max_results=1(&|$)/, "X is asked for no more than wanted");

        await options.fill("#mute-read-max", "1000");
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /^2 muted accounts read from X at \d\d:\d\d/);
        await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });
        await expectSurface(page, { screenName: ERIN.screenName, muted: true, count: 1 });
        await expectSurface(page, { screenName: DAVE.screenName, muted: false, count: 1 });
        const reads = await apiRequests(env.fake, world, "GET", V2_LIST);
        assert.equal(reads.length, 2);
        assert.equal(reads[1].verified, true);
        assert.match(reads[1].target, /max_results=1000/);

        // Since then: alice unmuted and dave muted in X's app.
        await muteElsewhere(env.fake, world, [DAVE, ERIN]);
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /^2 muted accounts read from X/);
        await expectButton(page, { label: "Mute", screenName: ALICE.screenName }, 1000);
        await expectSurface(page, { screenName: DAVE.screenName, muted: true, count: 1 }, 1000);
        await expectSurface(page, { screenName: ERIN.screenName, muted: true, count: 1 });

        // X's limit: one more read allowed, then 429; XMute then waits for the reset.
        await control(env.fake, "/__control/limits", { consumerKey: world.consumerKey, mutingList: { limit: 1 } });
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /^2 muted accounts read from X/);
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /you can refresh again at \d\d:\d\d( [AP]M)?\.$/);
        assert.equal(await options.getAttribute("#mute-list", "class"), "account error");
        const before = (await apiRequests(env.fake, world, "GET", V2_LIST)).map((r) => r.status);
        assert.deepEqual(before, [200, 200, 200, 200, 429]);
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /you can refresh again at/);
        await waitFor(() => options.isEnabled("#refresh-mutes"), { what: "the refresh to end" });
        assert.equal((await apiRequests(env.fake, world, "GET", V2_LIST)).length, 5, "no request before X's reset time");
        const { muteList } = await extensionStorage(env.browser, "muteList");
        assert.equal(muteList.error.name, "RateLimited");
        assert.ok(muteList.retryAt > Date.now(), "the reset time is remembered");
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "the shortcut: a real Alt+Shift+M mutes and unmutes the profile in view, else the open hover card; other senders cannot trigger it",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open("/home");
      // No profile and no hover card: the command does nothing (the mutes below are the only ones;
      // the card below takes over half a second to appear, long after this command was handled).
      await pressShortcut(page);
      await openHoverCard(page, CAROL.screenName);
      await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: false, count: 1 });
      await pressShortcut(page);
      await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: true, count: 1 });
      await navigate(page, `/${ALICE.screenName}`);
      await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
      await pressShortcut(page);
      await expectButton(page, { label: "Unmute", state: "done" });
      await pressShortcut(page);
      await expectButton(page, { label: "Mute", state: "done" });
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((m) => JSON.parse(m.body).target_user_id), [CAROL.id, ALICE.id]);
      assert.deepEqual((await apiRequests(env.fake, world, "DELETE", /muting/)).map((r) => r.path), [`/2/users/${world.userId}/muting/${ALICE.id}`]);

      // The same message from an extension page in a tab (it has a sender.tab) is refused.
      await navigate(page, `/${BOB.screenName}`);
      await expectButton(page, { label: "Mute", screenName: BOB.screenName });
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        const replies = await options.evaluate(async () => {
          const tabs = await chrome.tabs.query({});
          const answers = await Promise.all(tabs.map((tab) =>
            chrome.tabs.sendMessage(tab.id, { type: "toggleMute" }, { frameId: 0 }).catch(() => null)));
          return answers.filter(Boolean);
        });
        assert.ok(replies.length >= 1, "the x.com tab answered");
        assert.deepEqual(replies.map((r) => [r.ok, r.error?.name]), replies.map(() => [false, "Refused"]));
        const commands = await options.evaluate(() => chrome.commands.getAll());
        assert.deepEqual(commands.map((c) => [c.name, c.shortcut]), [["toggle-mute", "Alt+Shift+M"]]);
      } finally {
        await options.close();
      }
      await fixtureRendered(page);
      await expectButton(page, { label: "Mute", state: "idle", screenName: BOB.screenName });
      assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 2, "no mute for bob");
    },
  },
];
