// Languages (issue 18). x.com in Japanese and in Arabic (right to left): the fixture renders the
// same pages with X's translated labels (tests/fake_x/site/__fixture/app.js, ?lang=), and XMute
// finds its place on each surface by test ids, links and handles alone, and sits on the right
// side of Follow in either direction. Then the browser itself in Japanese: XMute's options page
// and button speak Japanese, and a mute works.
import assert from "node:assert/strict";
import {
  BUTTON, SURFACE_BUTTON, apiRequests, buttons, expectButton, expectSurface, fillCredentials, navigate, openHoverCard,
  openX, setTweetButtons, signIn, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";

const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
/** X's Follow label in each language, as the fixture renders it. */
const FOLLOW_LABEL = { ja: (name) => `フォロー @${name}`, ar: (name) => `متابعة @${name}` };
/** Per language, people no other language's run touches: a profile, a cell, a hover card. */
const PEOPLE = {
  ja: { profile: { id: "1000000002", screenName: "bob_fixture" }, cell: "dave_fixture", card: "user0021" },
  ar: { profile: { id: "1000000003", screenName: "carol_fixture" }, cell: "frank_fixture", card: "user0022" },
};

/** The ids the fake was asked to mute for `world`, in order. */
async function mutedIds(fake, world) {
  return (await apiRequests(fake, world, "POST", V2_MUTE)).map((r) => JSON.parse(r.body).target_user_id);
}

/**
 * Where the profile button sits: the page's direction, the direction and language of XMute's
 * words, and the boxes of the header's More button, XMute's (its Mute button and the menu of
 * timed mutes beside it) and Follow.
 */
function headerPlacement(page) {
  return page.evaluate((selector) => {
    const button = document.querySelector(selector);
    const root = button.closest("[data-xmute-root]");
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return {
      pageDirection: getComputedStyle(root).direction,
      wordsDirection: getComputedStyle(button).direction,
      wordsLang: button.getAttribute("lang"),
      more: box(document.querySelector('[data-testid="userActions"]')),
      xmute: box(root),
      mute: box(button),
      menu: root.querySelector('[data-testid="xmute-menu-button"]') ? box(root.querySelector('[data-testid="xmute-menu-button"]')) : null,
      follow: box(root.nextElementSibling.querySelector('[data-testid$="-follow"]')),
    };
  }, BUTTON);
}

/** Each user cell of `section`: its handle (from the handle link's href), its Follow label and XMute's buttons. */
function cells(page, section) {
  return page.evaluate(([scope, selector]) => [...document.querySelectorAll(`${scope} [data-testid="UserCell"]`)].map((cell) => ({
    handle: cell.querySelector('a[tabindex="-1"][role="link"]:not([aria-hidden])')?.getAttribute("href")?.replace(/^.*\//, "") ?? null,
    follow: cell.querySelector('[data-testid$="-follow"], [data-testid$="-unfollow"]')?.getAttribute("aria-label") ?? null,
    buttons: [...cell.querySelectorAll(selector)].map((b) => b.getAttribute("aria-label")),
  })), [`[data-fixture="${section}"]`, SURFACE_BUTTON]);
}

/** Each tweet: its kind (the fixture's), its author (from the handle link's href) and XMute's buttons in it. */
function tweets(page) {
  return page.evaluate((selector) => [...document.querySelectorAll("article")].map((article) => ({
    kind: article.dataset.fixtureKind,
    author: article.querySelector('[data-testid="User-Name"] a.handle')?.getAttribute("href")?.slice(1) ?? null,
    buttons: [...article.querySelectorAll(selector)].map((b) => b.getAttribute("aria-label")),
  })), SURFACE_BUTTON);
}

export const languageScenarios = [
  {
    name: "x.com in Japanese and in Arabic (right to left): headers, cells, hover cards and tweets get one button each, in its place; each mutes the right id",
    async run(env) {
      await setTweetButtons(env.browser, true);
      let page = null;
      try {
        for (const lang of ["ja", "ar"]) {
          const { profile, cell, card } = PEOPLE[lang];
          const world = await env.newWorld();
          await signIn(env.browser, world);
          page = await env.open(`/${profile.screenName}?lang=${lang}`);
          await page.evaluate((l) => localStorage.setItem("fixtureLang", l), lang);
          assert.equal(await page.evaluate(() => document.documentElement.dir), lang === "ar" ? "rtl" : "ltr");
          assert.equal(await page.locator('[data-testid="placementTracking"] [data-testid$="-follow"]').first().getAttribute("aria-label"),
            FOLLOW_LABEL[lang](profile.screenName), "X's label is in the page's language");

          // The profile header: XMute's button between More and Follow, on the side the page's direction puts it.
          await expectButton(page, { label: "Mute", state: "idle", screenName: profile.screenName });
          const at = await headerPlacement(page);
          assert.deepEqual([at.pageDirection, at.wordsDirection, at.wordsLang], [lang === "ar" ? "rtl" : "ltr", "ltr", "en"],
            "placed in the page's direction; XMute's own (English) words left to right");
          // Reading order More → XMute → Follow: left to right in Japanese, right to left in Arabic.
          const gaps = lang === "ar"
            ? [at.more.left - at.xmute.right, at.xmute.left - at.follow.right]
            : [at.xmute.left - at.more.right, at.follow.left - at.xmute.right];
          assert.ok(gaps.every((gap) => gap >= 4 && gap <= 40), `XMute's button sits between More and Follow with room on both sides: ${JSON.stringify(at)}`);
          assert.ok(Math.abs(at.xmute.top - at.follow.top) < 12, `on Follow's line: ${JSON.stringify(at)}`);
          // Inside XMute's place, Mute first and its menu after, in the page's reading order.
          assert.ok(lang === "ar" ? at.menu.right <= at.mute.left : at.menu.left >= at.mute.right, `the menu after Mute: ${JSON.stringify(at)}`);
          await page.click(BUTTON);
          await expectButton(page, { label: "Unmute", state: "done", screenName: profile.screenName });

          // User cells: one button per cell with a Follow button, named for the cell's own handle.
          await navigate(page, "/alice_fixture/followers");
          const listed = await waitFor(async () => {
            const all = await cells(page, "followers");
            return all.length > 20 && all.filter((c) => c.follow).every((c) => c.buttons.length === 1) ? all : null;
          }, { what: "a button in every followers cell" });
          for (const c of listed.filter((x) => x.follow)) {
            assert.match(c.buttons[0], new RegExp(`^(Mute|Unmute) @${c.handle}$`), JSON.stringify(c));
            assert.ok(c.follow.includes(`@${c.handle}`) && !c.follow.startsWith("Follow"), `X's label is translated: ${c.follow}`);
          }
          // Following them first: X's label turns into "フォロー中 @name" / "تتابع @name"; the button stays theirs.
          const row = page.locator(`[data-fixture="followers"] [data-testid="UserCell"]:has(a[href="/${cell}"])`);
          await row.locator('[data-testid$="-follow"]').click();
          const following = lang === "ar" ? `تتابع @${cell}` : `フォロー中 @${cell}`;
          await waitFor(async () => (await cells(page, "followers")).find((c) => c.handle === cell && c.follow === following),
            { what: "X's Following label" });
          await row.locator(SURFACE_BUTTON).click();
          await expectSurface(page, { scope: '[data-fixture="followers"]', screenName: cell, muted: true, count: 1 });

          // Tweets of every kind: one button per author row; none on the ad, whose label is translated.
          await navigate(page, "/explore?kinds=1");
          const seen = await waitFor(async () => {
            const all = await tweets(page);
            return all.length === 9 && all.filter((t) => t.kind !== "promoted").every((t) => t.buttons.length === 1) ? all : null;
          }, { what: "a button on every tweet but the ad" });
          for (const tweet of seen) {
            assert.deepEqual(tweet.buttons, tweet.kind === "promoted" ? [] : [`Mute @${tweet.author}`], JSON.stringify(tweet));
          }
          assert.equal(await page.locator("article .promoted").first().textContent(), lang === "ar" ? "إعلان" : "プロモーション");

          // A hover card: its button beside its Follow mutes the card's id.
          await openHoverCard(page, card);
          const hover = page.locator(`#layers [data-testid="HoverCard"] ${SURFACE_BUTTON}`);
          await waitFor(async () => (await hover.count()) === 1, { what: "the hover card's button" });
          await hover.click();
          await expectSurface(page, { scope: "#layers", screenName: card, muted: true, count: 1 });

          const cardId = `20000000${card.slice(-2)}`;
          const cellId = await waitFor(async () => (await mutedIds(env.fake, world)).length === 3 ? mutedIds(env.fake, world) : null,
            { what: "three mutes at X" });
          assert.deepEqual([cellId[0], cellId[2]], [profile.id, cardId], `${lang}: the header's and the card's own ids`);
          assert.match(cellId[1], /^\d+$/);
          await page.evaluate(() => localStorage.removeItem("fixtureLang"));
          await page.close();
          page = null;
        }
      } finally {
        await page?.evaluate(() => localStorage.removeItem("fixtureLang")).catch(() => {});
        await setTweetButtons(env.browser, false);
      }
    },
  },
  {
    name: "the browser in Japanese: the options page and XMute's button speak Japanese, and a mute works",
    async run(env) {
      const world = await env.newWorld();
      const browser = await env.launch({ lang: "ja" });
      try {
        const options = await browser.newPage();
        await options.goto(browser.optionsUrl);
        assert.equal(await options.evaluate(() => document.documentElement.lang), "ja");
        assert.equal(await options.evaluate(() => document.title), "XMute のオプション");
        assert.equal((await options.locator("#app-heading").textContent()).trim(), "1. X アプリ");
        await fillCredentials(options, world);
        await options.selectOption("#api-version", "auto");
        await options.click("#save");
        await waitForText(options, "#status", /^保存しました。/);

        const page = await openX(browser, "/alice_fixture");
        const [idle] = await waitFor(async () => {
          const found = await buttons(page);
          return found.length === 1 && found[0].label === "ミュート" ? found : null;
        }, { what: "XMute's button in Japanese" });
        assert.match(idle.title, /^XMute で @alice_fixture をミュート（X の料金は約 \$0\.01[0-9]*）$/);
        assert.equal(await page.locator(BUTTON).getAttribute("lang"), "ja");
        await page.click(BUTTON);
        await waitFor(async () => {
          const [b] = await buttons(page);
          return b?.label === "ミュート解除" && b.pressed === "true" && b.state === "done";
        }, { what: "ミュート解除 after the mute" });
        assert.deepEqual(await mutedIds(env.fake, world), ["1000000001"]);
      } finally {
        await browser.close();
      }
    },
  },
];
