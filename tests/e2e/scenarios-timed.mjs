// Timed mutes (issue 15) end to end, in Chromium and Firefox: a mute for a while from the
// profile button's menu (with the keyboard), the button's "Muted until …", and XMute's own
// unmute at the end through its queue, with the queue's clock moved forward (advanceQueue: the
// `testing` storage key, which only the extension's own pages can write); an Unmute and a Mute
// in between leave the account muted; the options page's default length applies to a plain
// click, and an unmute that runs late says when it was due.
import assert from "node:assert/strict";
import {
  BUTTON, accountValue, advanceQueue, axeViolations, apiRequests, buttons, clearTesting, expectButton, history, inOptionsPage, queued, requestsRecorded,
  signIn, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL, DAVE } from "./people.mjs";

const DAY = 24 * 60 * 60 * 1000;
const MENU_BUTTON = '[data-testid="xmute-menu-button"]';
const MENU = '[data-testid="xmute-menu"]';
const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const COST = "X charges about $0.01 now and $0.005 when it ends";

/** The DELETE requests (unmutes) the fake recorded for `user`. */
const unmutesOf = (env, world, user) => apiRequests(env.fake, world, "DELETE", new RegExp(`/muting/${user.id}$`));

/** Waits until the profile's one button reads "Muted until …", pressed; returns it. */
async function expectMutedUntil(page) {
  let last = [];
  try {
    return await waitFor(async () => {
      last = await buttons(page);
      return last.length === 1 && /^Muted until \S+ \S+/.test(last[0].label) && last[0].pressed === "true" ? last[0] : null;
    }, { what: "the button to read Muted until …" });
  } catch (error) {
    throw new Error(`${error.message}; the page shows ${JSON.stringify(last)}`);
  }
}

/** What has the focus in `page`: its role and text. */
const focused = (page) => page.evaluate(() => ({ role: document.activeElement?.getAttribute("role") ?? document.activeElement?.tagName,
  text: document.activeElement?.querySelector(".xmute-menu-what")?.textContent, testid: document.activeElement?.getAttribute("data-testid") }));

/** Waits until the queue has run after advanceQueue: nothing waits, so its alarm is cleared. */
function queueIdle(env) {
  return waitFor(() => inOptionsPage(env.browser, async () => (await chrome.alarms.get("xmute-queue")) === undefined),
    { what: "the queue's alarm to have run and been cleared" });
}

export const timedScenarios = [
  {
    name: "timed mutes: mute for 1 day from the menu with the keyboard; the button says until when; a day later XMute unmutes once by itself",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${ALICE.screenName}`);
      try {
        await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-haspopup"), "menu");
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-label"), `Mute @${ALICE.screenName} for a while…`);

        // The menu button pattern: Enter opens on the first item, arrows move, Escape goes back.
        await page.focus(MENU_BUTTON);
        await page.keyboard.press("Enter");
        await waitFor(async () => (await focused(page)).role === "menuitem", { what: "the first menu item focused" });
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-expanded"), "true");
        // Each item: its length as its name, what it costs (now and at the end) as its description.
        const described = await page.evaluate((menu) => [...document.querySelectorAll(`${menu} [role="menuitem"]`)]
          .map((e) => [e.querySelector(".xmute-menu-what").textContent, document.getElementById(e.getAttribute("aria-describedby")).textContent]), MENU);
        assert.deepEqual(described, [["Mute for 1 day", COST], ["Mute for 7 days", COST], ["Mute for 30 days", COST],
          ["Mute with no end", "X charges about $0.01"]], "each item says what it costs, now and later");
        const items = described.map(([name]) => name);
        assert.equal((await focused(page)).text, items[0]);
        assert.deepEqual(await axeViolations(page, ["[data-xmute-root]"]), [], "axe-core on the open menu");
        await page.keyboard.press("ArrowDown");
        assert.equal((await focused(page)).text, items[1]);
        await page.keyboard.press("ArrowUp");
        await page.keyboard.press("ArrowUp");
        assert.equal((await focused(page)).text, items[3], "wraps to the last");
        await page.keyboard.press("Escape");
        await waitFor(async () => (await focused(page)).testid === "xmute-menu-button", { what: "the focus back on the menu button" });
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-expanded"), "false");
        assert.deepEqual(await apiRequests(env.fake, world, "POST", V2_MUTE), [], "opening the menu sends nothing");

        await page.keyboard.press("ArrowDown");
        await waitFor(async () => (await focused(page)).text === items[0], { what: "the menu open on its first item" });
        await page.keyboard.press("Enter");
        const shown = await expectMutedUntil(page);
        assert.match(shown.title, new RegExp(`^Unmute @${ALICE.screenName} now with XMute \\(X charges about \\$0\\.005\\); otherwise XMute unmutes at `));
        assert.equal((await requestsRecorded(env.fake, world, "POST", V2_MUTE, 1)).length, 1);
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-label"), `Timed mute of @${ALICE.screenName}…`, "the menu now offers to keep it");
        const waiting = await queued(env.browser, ALICE);
        assert.deepEqual([waiting.action, waiting.reason], ["unmute", "timed"]);

        // A day on the queue's clock: its alarm runs the unmute.
        await advanceQueue(env.browser, DAY + 60_000);
        await requestsRecorded(env.fake, world, "DELETE", new RegExp(`/muting/${ALICE.id}$`), 1);
        await expectButton(page, { label: "Mute", status: /^Unmuted at .+, when the timed mute ended\.$/ });
        await waitFor(async () => (await queued(env.browser, ALICE)) == null, { what: "the timed unmute gone from the queue" });
        assert.equal(await page.getAttribute(MENU_BUTTON, "aria-label"), `Mute @${ALICE.screenName} for a while…`);
        await advanceQueue(env.browser, 1000);
        await queueIdle(env);
        assert.equal((await unmutesOf(env, world, ALICE)).length, 1, "exactly one unmute");
        assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 1);
        assert.deepEqual((await history(env.browser)).slice(0, 2).map((e) => [e.action, e.result, e.note ?? null]),
          [["unmute", "done", "timed"], ["mute", "done", null]]);
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "timed mutes: an Unmute and a Mute before the end, or Keep muted from the menu, leave the account muted; the old end sends nothing",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open(`/${BOB.screenName}`);
      try {
        await expectButton(page, { label: "Mute" });
        await page.click(MENU_BUTTON);
        await page.locator(`${MENU} [role="menuitem"]:has-text("7 days")`).waitFor();
        await page.click(`${MENU} [role="menuitem"]:has-text("7 days")`);
        await expectMutedUntil(page);
        // Unmute early: sent at once, and the timed unmute is gone with it.
        await page.click(BUTTON);
        await requestsRecorded(env.fake, world, "DELETE", new RegExp(`/muting/${BOB.id}$`), 1);
        await expectButton(page, { label: "Mute", state: "done" });
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done" });
        assert.ok((await queued(env.browser, BOB)) == null, "nothing waits for the old end");
        assert.deepEqual((await history(env.browser)).slice(0, 3).map((e) => [e.action, e.result, e.note ?? null]),
          [["mute", "done", null], ["unmute", "done", null], ["unmute", "cancelled", "timed-unmuted-early"]]);

        // Keep muted, from the menu beside a timed mute: free, nothing sent, the end forgotten.
        const dave = await env.open(`/${DAVE.screenName}`);
        await expectButton(dave, { label: "Mute" });
        await dave.click(MENU_BUTTON);
        await dave.click(`${MENU} [role="menuitem"]:has-text("1 day")`);
        await expectMutedUntil(dave);
        assert.equal(await dave.getAttribute(MENU_BUTTON, "aria-label"), `Timed mute of @${DAVE.screenName}…`);
        await dave.focus(MENU_BUTTON);
        await dave.keyboard.press("Enter");
        await waitFor(async () => (await focused(dave)).text === "Keep muted, with no end", { what: "the Keep muted item focused" });
        assert.equal(await dave.evaluate((menu) => document.querySelectorAll(`${menu} [role="menuitem"]`).length, MENU), 1);
        await dave.keyboard.press("Enter");
        await expectButton(dave, { label: "Unmute" });
        assert.ok((await queued(env.browser, DAVE)) == null, "no unmute waits");
        assert.deepEqual([(await history(env.browser))[0].note], ["timed-kept"]);
        assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 3, "Bob twice, Dave once: keeping sent nothing");

        await advanceQueue(env.browser, 7 * DAY + 60_000);
        await queueIdle(env);
        assert.equal((await unmutesOf(env, world, BOB)).length, 1, "only the user's own unmute");
        assert.equal((await unmutesOf(env, world, DAVE)).length, 0);
        await expectButton(page, { label: "Unmute" });
        await expectButton(dave, { label: "Unmute" });
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "timed mutes: the options page's default length applies to a plain Mute click; an unmute that runs late says when it was due",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        assert.match(await options.textContent("#mute-length-hint"), /about \$0\.01 now and \$0\.005 when it ends/);
        await options.selectOption("#mute-length", String(7 * DAY));
        await waitForText(options, "#mute-length-status", /^A mute now lasts 7 days\.$/);

        const page = await env.open(`/${CAROL.screenName}`);
        await waitFor(async () => (await page.getAttribute(BUTTON, "title")) === `Mute @${CAROL.screenName} for 7 days with XMute (${COST})`,
          { what: "the tooltip to say the default length and its cost" });
        await page.click(BUTTON);
        await expectMutedUntil(page);
        const waiting = await queued(env.browser, CAROL);
        const record = await accountValue(env.browser, "m", CAROL.id);
        assert.equal(waiting.timed.until - record.at, 7 * DAY);

        // The browser was closed at the end: the unmute runs three hours late, and says so.
        await advanceQueue(env.browser, 7 * DAY + 3 * 3_600_000);
        await requestsRecorded(env.fake, world, "DELETE", new RegExp(`/muting/${CAROL.id}$`), 1);
        await expectButton(page, { label: "Mute", status: /^Unmuted at .+ \(due .+\): the browser was closed or X out of reach\.$/ });
        const [entry] = await history(env.browser);
        assert.deepEqual([entry.action, entry.note, entry.due], ["unmute", "timed-late", waiting.timed.until]);
        await waitForText(options, "#history-rows tr:first-child", /Sent late: it was due at /);
      } finally {
        await options.selectOption("#mute-length", "0");
        await waitForText(options, "#mute-length-status", /^A mute now has no end\.$/);
        await clearTesting(env.browser);
      }
    },
  },
];
