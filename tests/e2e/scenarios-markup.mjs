// Surfaces as x.com renders them (issue 17): the fixture's pages follow pages saved from x.com
// (tests/fake_x/site/__fixture/app.js): profile headers signed in, logged out, protected,
// verified and your own; user cells in Who to follow (li), followers lists and people search
// (the Follow <button> inside the cell's <button>, the handle as a second link, "Follow back",
// absolute links, a bio's @mention); tweets of every kind and a conversation. Each surface gets
// exactly one button, for the right user id and handle, and none where none belongs; a click
// mutes the id the surface shows. Then selector health: a header whose test ids X "changed".
import assert from "node:assert/strict";
import {
  BUTTON, SURFACE_BUTTON, apiRequests, expectButton, expectSurface, extensionStorage, fixtureRendered, navigate,
  setTweetButtons, signIn, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL, DAVE, ERIN } from "./people.mjs";

const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const HEALTH = /^XMute could not find the Follow button on profile pages since .+: x\.com may have changed; an update is needed\. /;

/** The ids the fake was asked to mute for `world`, in order. */
async function mutedIds(fake, world) {
  return (await apiRequests(fake, world, "POST", V2_MUTE)).map((r) => JSON.parse(r.body).target_user_id);
}

/** Where the profile button sits: the test id of the Follow button right after it. */
function followAfterButton(page) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)?.closest("[data-xmute-root]");
    return root?.nextElementSibling?.querySelector('[data-testid$="-follow"]')?.getAttribute("data-testid") ?? null;
  }, BUTTON);
}

/**
 * Every user cell in `scope`: its handle link's name, its Follow button's test id, and the
 * XMute buttons inside it.
 */
function cells(page, scope) {
  return page.evaluate(([scopeSelector, selector]) => [...document.querySelectorAll(`${scopeSelector} [data-testid="UserCell"]`)].map((cell) => ({
    tag: cell.localName,
    handle: cell.querySelector('a[tabindex="-1"][role="link"]:not([aria-hidden])')?.textContent ?? null,
    follow: cell.querySelector('[data-testid$="-follow"]')?.getAttribute("data-testid") ?? null,
    followLabel: cell.querySelector('[data-testid$="-follow"]')?.getAttribute("aria-label") ?? null,
    buttons: [...cell.querySelectorAll(selector)].map((b) => b.getAttribute("aria-label")),
    beforeFollow: [...cell.querySelectorAll(selector)].every((b) => b.closest("[data-xmute-surface]").nextElementSibling?.matches('[data-testid$="-follow"]')),
  })), [scope, SURFACE_BUTTON]);
}

/** Each tweet on the page: its kind (the fixture's), its author's handle and XMute's buttons in it. */
function tweets(page) {
  return page.evaluate((selector) => [...document.querySelectorAll("article")].map((article) => {
    const row = [...article.querySelectorAll('[data-testid="User-Name"]')].find((r) => r.parentElement.closest('article, [role="link"], [data-testid="tweetText"]') === article);
    return {
      kind: article.dataset.fixtureKind,
      author: row?.querySelector("a.handle")?.textContent ?? null,
      buttons: [...article.querySelectorAll(selector)].map((b) => ({
        name: b.getAttribute("aria-label"),
        inAuthorRow: b.closest("[data-xmute-surface]").parentElement === row,
      })),
    };
  }), SURFACE_BUTTON);
}

export const markupScenarios = [
  {
    name: "markup: profile headers as x.com renders them (verified, protected, logged out, your own): one button before Follow, for the right id",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${BOB.screenName}`);
      try {
        // Verified: a badge <button> in the name row; the handle is plain text.
        assert.equal(await page.locator('[data-testid="UserName"] button[aria-label="Provides details about verified accounts."]').count(), 1);
        await expectButton(page, { label: "Mute", state: "idle", screenName: BOB.screenName });
        assert.equal(await followAfterButton(page), `${BOB.id}-follow`, "right before the header's placementTracking");
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done", screenName: BOB.screenName });

        // Protected: a lock in the name row.
        await navigate(page, `/${ERIN.screenName}`);
        assert.equal(await page.locator('[data-testid="UserName"] [aria-label="Protected account"]').count(), 1);
        await expectButton(page, { label: "Mute", screenName: ERIN.screenName });
        assert.equal(await followAfterButton(page), `${ERIN.id}-follow`);
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done", screenName: ERIN.screenName });

        // Logged out of x.com: no userActions, no account link; the Follow button still names the id.
        await navigate(page, `/${CAROL.screenName}?loggedout=1`);
        assert.equal(await page.locator('[data-testid="userActions"]').count(), 0);
        assert.equal(await page.locator('[data-testid="AppTabBar_Profile_Link"]').count(), 0);
        await expectButton(page, { label: "Mute", screenName: CAROL.screenName });
        assert.equal(await followAfterButton(page), `${CAROL.id}-follow`);
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done", screenName: CAROL.screenName });
        assert.deepEqual(await mutedIds(env.fake, world), [BOB.id, ERIN.id, CAROL.id], "each header muted its own id");

        // Your own profile (Edit profile instead of Follow): none; then another profile has one again.
        await page.evaluate((me) => localStorage.setItem("fixtureMe", me), ALICE.screenName);
        await navigate(page, `/${ALICE.screenName}`);
        assert.equal(await page.locator('[data-testid="editProfileButton"]').count(), 1);
        assert.deepEqual(await page.locator(BUTTON).count(), 0, "no button on your own profile");
        await navigate(page, `/${DAVE.screenName}`);
        await expectButton(page, { label: "Mute", screenName: DAVE.screenName });
      } finally {
        await page.evaluate(() => localStorage.removeItem("fixtureMe"));
      }
    },
  },
  {
    name: "markup: user cells as x.com renders them (li in Who to follow, a Follow button inside the cell's button, Follow back, absolute links, a bio's @mention): one button each, for the cell's own id",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${ALICE.screenName}/followers`);
      const me = await page.evaluate(() => localStorage.getItem("fixtureMe") || "xmute_demo");
      // The Follow <button> is inside the cell's <button>, as React builds it.
      assert.equal(await page.locator('button[data-testid="UserCell"] button[data-testid$="-follow"]').count() > 20, true);
      const listed = await waitFor(async () => {
        const found = await cells(page, '[aria-label="Followers"]');
        return found.filter((c) => c.follow).every((c) => c.buttons.length === 1) ? found : null;
      }, { what: "a button in every followers cell" });
      for (const cell of listed) {
        assert.equal(cell.tag, "button", JSON.stringify(cell));
        if (cell.handle === `@${me}`) {
          assert.deepEqual([cell.follow, cell.buttons], [null, []], "your own cell: no Follow, no button");
          continue;
        }
        assert.deepEqual(cell.buttons, [`Mute ${cell.handle}`], JSON.stringify(cell));
        assert.ok(cell.beforeFollow, JSON.stringify(cell));
      }
      const erin = listed.find((c) => c.handle === `@${ERIN.screenName}`);
      assert.equal(erin.followLabel, `Follow back @${ERIN.screenName}`);

      // Who to follow: li cells, one button each.
      const sidebar = await cells(page, '[aria-label="Who to follow"]');
      assert.deepEqual(sidebar.map((c) => [c.tag, c.buttons]), [DAVE, ERIN, { screenName: "frank_fixture" }].map((u) => ["li", [`Mute @${u.screenName}`]]));

      // A click mutes the cell's id and stays on the list (the cell's own click opens the profile).
      await page.locator(`[aria-label="Followers"] ${SURFACE_BUTTON}[aria-label="Mute @${ERIN.screenName}"]`).click();
      await expectSurface(page, { screenName: ERIN.screenName, muted: true, count: 2 });
      assert.equal(await fixtureRendered(page), `followers:${ALICE.screenName}`, "the cell did not open the profile");

      // People search: absolute https://x.com/name links; dave's bio mentions @alice_fixture.
      await navigate(page, "/search?q=fixture&f=user");
      const found = await waitFor(async () => {
        const all = await cells(page, '[aria-label="Search results"]');
        return all.filter((c) => c.follow).every((c) => c.buttons.length === 1) ? all : null;
      }, { what: "a button in every search result" });
      assert.equal(await page.locator('[aria-label="Search results"] a[href^="https://x.com/"]').count() > 0, true);
      const dave = found.find((c) => c.handle === `@${DAVE.screenName}`);
      assert.deepEqual(dave.buttons, [`Mute @${DAVE.screenName}`], "the bio's @mention names nobody");
      for (const cell of found.filter((c) => c.follow)) assert.deepEqual(cell.buttons, [`${cell.handle === `@${ERIN.screenName}` ? "Unmute" : "Mute"} ${cell.handle}`]);
      await page.locator(`[aria-label="Search results"] ${SURFACE_BUTTON}[aria-label="Mute @${DAVE.screenName}"]`).click();
      await expectSurface(page, { scope: '[aria-label="Search results"]', screenName: DAVE.screenName, muted: true, count: 1 });
      assert.deepEqual(await mutedIds(env.fake, world), [ERIN.id, DAVE.id]);
      assert.deepEqual(await apiRequests(env.fake, world, "GET", /^\/2\/users\/by\//), [], "cells mute by id: no lookup");
    },
  },
  {
    name: "markup: tweets of every kind (video, GIF, card, poll, repost, pinned, quote, reply, a thread): one button for the author; none on the ad or for the quoted author",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      await setTweetButtons(env.browser, true);
      try {
        const page = await env.open("/explore?kinds=1");
        const kinds = ["video", "gif", "card", "poll", "repost", "pinned", "quote", "reply", "promoted"];
        const seen = await waitFor(async () => {
          const all = await tweets(page);
          return all.filter((t) => t.kind !== "promoted").every((t) => t.buttons.length === 1) ? all : null;
        }, { what: "a button on every tweet but the ad" });
        assert.deepEqual(seen.map((t) => t.kind), kinds);
        for (const tweet of seen) {
          if (tweet.kind === "promoted") {
            assert.deepEqual(tweet.buttons, [], "no button on the ad, though its video's placementTracking is like any video's");
            continue;
          }
          assert.deepEqual(tweet.buttons, [{ name: `Mute ${tweet.author}`, inAuthorRow: true }], JSON.stringify(tweet));
        }
        assert.equal(await page.locator(`${SURFACE_BUTTON}[aria-label="Mute @user0031"]`).count(), 0, "the quoted author gets none");
        assert.equal(await page.locator(`${SURFACE_BUTTON}[aria-label="Mute @user0030"]`).count(), 0, "the reposter gets none");
        assert.equal(await page.locator(`${SURFACE_BUTTON}[aria-label="Mute @user0032"]`).count(), 0, "the replied-to account gets none");
        // The video tweet's button mutes its author (by @handle: a tweet shows no id).
        await page.locator(`article[data-fixture-kind="video"] ${SURFACE_BUTTON}`).click();
        await expectSurface(page, { scope: "article", screenName: "user0021", muted: true, count: 1 });
        assert.deepEqual(await mutedIds(env.fake, world), ["2000000021"]);

        // A conversation: the tweet and its thread by alice, replies by dave (two) and user0012.
        await navigate(page, `/${ALICE.screenName}/status/1`);
        const conversation = await waitFor(async () => {
          const all = await tweets(page);
          return all.length === 5 && all.every((t) => t.buttons.length === 1) ? all : null;
        }, { what: "a button on each tweet of the conversation" });
        assert.deepEqual(conversation.map((t) => [t.kind, t.buttons[0].name]), [
          ["focal", `Mute @${ALICE.screenName}`], ["thread", `Mute @${ALICE.screenName}`], ["reply", `Mute @${DAVE.screenName}`],
          ["reply", "Mute @user0012"], ["reply", `Mute @${DAVE.screenName}`]]);
        assert.equal(await page.locator(BUTTON).count(), 0, "a tweet's page is no profile");
        // The profile's pinned tweet: one for its author, beside the header's own button.
        await navigate(page, `/${BOB.screenName}`);
        await expectButton(page, { label: "Mute", screenName: BOB.screenName });
        await expectSurface(page, { scope: 'article[data-fixture-kind="pinned"]', screenName: BOB.screenName, muted: false, count: 1 });
      } finally {
        await setTweetButtons(env.browser, false);
      }
    },
  },
  {
    name: "selector health: a profile header whose test ids X changed is recorded once, the options page says so in plain words; a working header clears it",
    async run(env) {
      const page = await env.open(`/${ALICE.screenName}?changed=header`);
      const recorded = await waitFor(async () => (await extensionStorage(env.browser, "selectorHealth")).selectorHealth?.profile,
        { what: "the selector health record", timeout: 20_000 });
      assert.deepEqual(Object.keys(recorded), ["since"]);
      assert.ok(Math.abs(recorded.since - Date.now()) < 60_000, "when it was noticed");
      assert.equal(await page.locator(BUTTON).count(), 0, "no button where XMute found no place");
      // Another changed profile in another tab keeps the first record.
      const other = await env.open(`/${BOB.screenName}?changed=header`);
      await navigate(other, `/${CAROL.screenName}?changed=header`);

      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await options.locator("#health").waitFor();
        await waitForText(options, '#health-list li[data-kind="profile"]', HEALTH);
        assert.equal(await options.locator("#health-list li").count(), 1, "once per page kind");
        assert.equal((await extensionStorage(env.browser, "selectorHealth")).selectorHealth.profile.since, recorded.since);

        // A profile where XMute finds its place again: the notice goes.
        await other.close(); // its own report may still come; not after the notice is cleared
        await navigate(page, `/${ALICE.screenName}`);
        await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
        await options.locator("#health").waitFor({ state: "hidden" });
        assert.equal((await extensionStorage(env.browser, "selectorHealth")).selectorHealth, undefined);
      } finally {
        await options.close();
      }
    },
  },
];
