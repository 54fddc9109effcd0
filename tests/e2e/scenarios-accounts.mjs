// Several X accounts with one app (issue 15, item 4): XMute signs in two accounts of the fake X
// with the same keys (the second by the PIN flow while the fake's x.com session is that account),
// acts on a page as the account x.com is signed in as there (X's account link), signed with that
// account's token, keeps each account's history, spend and mutes apart, and asks before acting
// when x.com is signed in as an account XMute does not have: nothing is sent until the user
// chooses, and nothing at all when they cancel.
import assert from "node:assert/strict";
import {
  BUTTON, apiRequests, axeViolations, control, expectButton, fillCredentials, fixtureRendered, inOptionsPage, requestsRecorded,
  signInToX, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { ALICE, BOB, ERIN, FRANK } from "./people.mjs";

const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const ASK = '[data-testid="xmute-ask"]';

/** The history of account `acct`, newest first (shared/history.js's ring). */
function historyOf(browser, acct) {
  return inOptionsPage(browser, async (a) => {
    const next = (await chrome.storage.local.get(`hist:${a}`))[`hist:${a}`]?.next ?? 0;
    const slots = Array.from({ length: Math.min(next, 100) }, (_, i) => `h:${a}:${(next - 1 - i) % 100}`);
    const values = await chrome.storage.local.get(slots);
    return slots.map((slot) => values[slot]);
  }, acct);
}

/** Account `acct`'s spend this month, as stored (shared/spend.js). */
function spendOf(browser, acct) {
  return inOptionsPage(browser, async (a) => {
    const spend = (await chrome.storage.local.get(`spend:${a}`))[`spend:${a}`] ?? {};
    const month = `${new Date().getFullYear()}-${String(new Date().getMonth() + 1).padStart(2, "0")}`;
    return spend[month] ?? null;
  }, acct);
}

/**
 * Signs in with `world`'s app by the PIN flow as `who` (the fake's x.com session: the world's
 * own user when `who` is null), as a user does on the options page; returns the account's token.
 */
export async function signInByPin(env, world, who = null) {
  const user = who ?? { id: world.userId, screenName: world.screenName };
  await control(env.fake, "/__control/session", { consumerKey: world.consumerKey, ...(who ? { screenName: who.screenName } : {}) });
  const options = await env.browser.newPage();
  try {
    await options.goto(env.browser.optionsUrl);
    await options.locator("#account-list[data-loaded]").waitFor({ state: "attached" });
    const before = await options.locator("#account-list li").count();
    if (!who) await fillCredentials(options, { consumerKey: world.consumerKey, consumerSecret: world.consumerSecret });
    const authorize = await env.browser.waitForPage(() => options.click("#start-pin"));
    await authorize.waitForLoadState();
    assert.match(await authorize.locator("body").textContent(), new RegExp(`Signed in as @${user.screenName}`));
    await authorize.click("#allow");
    const pin = (await authorize.locator("#oauth_pin").textContent()).trim();
    await authorize.close();
    await options.fill("#pin", pin);
    await options.click("#complete-pin");
    await waitForText(options, "#status", who ? new RegExp(`^Signed in as @${user.screenName} too\\.`) : new RegExp(`^Signed in as @${user.screenName}\\. XMute is ready\\.$`));
    await waitFor(async () => (await options.locator("#account-list li").count()) === (who ? before + 1 : 1), { what: "the account listed" });
  } finally {
    await options.close();
  }
  const { credentials, accounts } = await inOptionsPage(env.browser, () => chrome.storage.local.get(["credentials", "accounts"]));
  const signedIn = who ? accounts?.[user.id] : credentials;
  assert.ok(signedIn?.token?.startsWith(`${user.id}-`), `@${user.screenName}'s own token, from the PIN flow`);
  env.secrets.add(signedIn.tokenSecret);
  return signedIn.token;
}

/** Switches the fixture x.com in `page` to `screenName` as X's account switcher does (a reload). */
async function switchX(env, page, screenName) {
  await page.evaluate((me) => localStorage.setItem("fixtureMe", me), screenName);
  await page.reload();
  await fixtureRendered(page);
  assert.equal(await page.getAttribute('[data-testid="AppTabBar_Profile_Link"]', "href"), `/${screenName}`);
}

export const accountScenarios = [
  {
    name: "accounts: two X accounts with one app; a mute acts as the account x.com is signed in as in the tab, with its token; history, spend and mutes per account; Remove",
    async run(env) {
      const world = await env.newWorld();
      const myToken = await signInByPin(env, world);
      const erinToken = await signInByPin(env, world, ERIN);
      const options = await env.browser.newPage();
      await options.goto(env.browser.optionsUrl);
      await options.locator("#account-list[data-loaded]").waitFor({ state: "attached" });
      await options.locator("#credentials-form[data-loaded]").waitFor();
      const listed = await options.locator("#account-list li").allTextContents();
      assert.deepEqual(listed, [`@${world.screenName} Remove`, `@${ERIN.screenName} Remove`]);
      assert.equal(await options.inputValue("#access-token"), myToken, "the form shows the first account's token");
      await signInToX(env.browser, world.screenName);

      // x.com as the first account: its mute, its token.
      const page = await env.open(`/${ALICE.screenName}`);
      await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done", screenName: ALICE.screenName });
      const [first] = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(first.verified, true);
      assert.equal(first.path, `/2/users/${world.userId}/muting`);
      assert.equal(first.oauth.oauth_token, myToken);

      // x.com switched to erin: the tab shows erin's state (she has not muted alice) and mutes as erin.
      await switchX(env, page, ERIN.screenName);
      await expectButton(page, { label: "Mute", state: "idle", screenName: ALICE.screenName });
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done", screenName: ALICE.screenName });
      const mutes = await requestsRecorded(env.fake, world, "POST", V2_MUTE, 2);
      assert.equal(mutes[1].verified, true);
      assert.equal(mutes[1].path, `/2/users/${ERIN.id}/muting`);
      assert.equal(mutes[1].oauth.oauth_token, erinToken);
      await page.goto(`https://x.com/${BOB.screenName}`);
      await fixtureRendered(page);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done", screenName: BOB.screenName });
      const state = await env.fake.state(world.consumerKey);
      assert.deepEqual(state.muting, { [world.userId]: [ALICE.id], [ERIN.id]: [BOB.id, ALICE.id] }, "each account muted as itself");

      // History and spend, each account its own.
      const mine = await historyOf(env.browser, world.userId);
      const erins = await historyOf(env.browser, ERIN.id);
      assert.deepEqual(mine.map((e) => [e.action, e.userId, e.result]), [["mute", ALICE.id, "done"]]);
      assert.deepEqual(erins.map((e) => [e.action, e.userId, e.result]), [["mute", BOB.id, "done"], ["mute", ALICE.id, "done"]]);
      assert.equal((await spendOf(env.browser, world.userId))?.mutes, 1);
      assert.equal((await spendOf(env.browser, ERIN.id))?.mutes, 2);

      // The options page shows the chosen account's spending and history.
      await options.reload();
      await waitForText(options, "#spend-month", /^This month: 1 mute: about \$0\.01\.$/);
      await waitFor(async () => (await options.locator("#history-rows tr").count()) === 1, { what: "the first account's history" });
      await options.selectOption("#account-view", ERIN.id);
      await waitForText(options, "#spend-month", /^This month: 2 mutes: about \$0\.02\.$/);
      await waitFor(async () => (await options.locator("#history-rows tr").count()) === 2, { what: "erin's history" });
      assert.deepEqual(await axeViolations(options, ["#accounts"]), [], "the X accounts section passes axe");
      // Reading the muted accounts from X reads erin's list, as erin.
      await options.click("#refresh-mutes");
      await waitForText(options, "#mute-list", /^2 muted accounts read from X at /);
      const [read] = await requestsRecorded(env.fake, world, "GET", /^\/2\/users\/\d+\/muting$/, 1);
      assert.equal(read.path, `/2/users/${ERIN.id}/muting`);
      assert.equal(read.oauth.oauth_token, erinToken);

      // The manager page opens for the account the options page shows: erin's muted accounts.
      const href = await options.getAttribute("#open-manager", "href");
      assert.equal(href, `manager.html?acct=${ERIN.id}`);
      const manager = await env.browser.newPage();
      await manager.goto(env.browser.optionsUrl.replace(/options\.html$/, href));
      await waitForText(manager, "#manager-account", new RegExp(`^Muted by @${ERIN.screenName}\\.$`));
      const rows = await waitFor(async () => {
        const text = await manager.evaluate(() => [...document.querySelectorAll('#viewport [role="row"]')].map((row) => row.textContent));
        return text.length === 2 ? text : null;
      }, { what: "erin's two muted accounts in the manager" });
      assert.ok(rows.some((row) => row.includes(BOB.screenName)) && rows.some((row) => row.includes(ALICE.screenName)), JSON.stringify(rows));
      await manager.close();

      // Remove erin: a page signed in to x.com as erin now asks instead of muting as her.
      await options.click(`#account-list li:has-text("@${ERIN.screenName}") button`);
      await waitForText(options, "#accounts-status", new RegExp(`^@${ERIN.screenName} was removed from XMute`));
      assert.deepEqual(await options.locator("#account-list li").allTextContents(), [`@${world.screenName} Remove`]);
      await options.close();
      await page.goto(`https://x.com/${FRANK.screenName}`);
      await fixtureRendered(page);
      await page.click(BUTTON);
      await page.locator(ASK).waitFor();
      await page.keyboard.press("Escape");
      await expectButton(page, { label: "Mute", state: "error", status: /^Nothing was sent/ });
      assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 3, "nothing sent for frank");
      await signInToX(env.browser, null);
    },
  },
  {
    name: "accounts: x.com signed in as an account XMute does not have: the button asks (an accessible dialog), sends nothing on Cancel or Escape, and acts as the account chosen (for that tab)",
    async run(env) {
      const world = await env.newWorld();
      const token = await signInByPin(env, world);
      await signInToX(env.browser, FRANK.screenName);
      const page = await env.open(`/${BOB.screenName}`);
      await expectButton(page, { label: "Mute", screenName: BOB.screenName });

      // Asked: who x.com is, who XMute can act as; focus on the first choice.
      await page.click(BUTTON);
      await page.locator(ASK).waitFor();
      assert.match(await page.locator(ASK).textContent(), new RegExp(`x\\.com is signed in as @${FRANK.screenName} in this tab`));
      assert.deepEqual(await page.locator(`${ASK} button`).allTextContents(), [`Mute as @${world.screenName}`, "Cancel: send nothing"]);
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), `Mute as @${world.screenName}`);
      assert.equal(await page.evaluate((s) => document.querySelector(s).getAttribute("aria-labelledby") && document.querySelector(s).open, ASK), true);
      assert.deepEqual(await axeViolations(page, [ASK]), [], "the question passes axe");
      // A page script cannot answer for the user.
      await page.evaluate((s) => document.querySelector(`${s} button`).click(), ASK);
      assert.equal(await page.locator(ASK).count(), 1, "still asking after a synthetic click");
      await page.click(`${ASK} [data-testid="xmute-ask-cancel"]`);
      await expectButton(page, { label: "Mute", state: "error", status: /^Nothing was sent: you chose not to act as another account\.$/ });
      assert.equal(await page.locator(ASK).count(), 0);
      assert.equal(await page.evaluate((b) => document.activeElement === document.querySelector(b), BUTTON), true, "focus back on the button");

      // Escape cancels too; nothing has reached X.
      await page.click(BUTTON);
      await page.locator(ASK).waitFor();
      await page.keyboard.press("Escape");
      await expectButton(page, { label: "Mute", state: "error", status: /^Nothing was sent/ });
      assert.deepEqual(await apiRequests(env.fake, world, "POST", V2_MUTE), [], "nothing sent until the user chose");

      // Chosen: the mute goes out as that account.
      await page.click(BUTTON);
      await page.locator(ASK).waitFor();
      await page.click(`${ASK} [data-testid="xmute-ask-account"]`);
      await expectButton(page, { label: "Unmute", state: "done", screenName: BOB.screenName });
      const [mute] = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(mute.verified, true);
      assert.equal(mute.oauth.oauth_token, token);
      assert.deepEqual(JSON.parse(mute.body), { target_user_id: BOB.id });
      // The choice holds in this tab (the question said so): Unmute goes out as it, unasked.
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "done", screenName: BOB.screenName });
      assert.equal(await page.locator(ASK).count(), 0);
      const [unmute] = await apiRequests(env.fake, world, "DELETE", /muting/);
      assert.equal(unmute.oauth.oauth_token, token);
      // A reload (as X's account switcher does) forgets it: the next click asks again.
      await page.reload();
      await fixtureRendered(page);
      await expectButton(page, { label: "Mute", screenName: BOB.screenName });
      await page.click(BUTTON);
      await page.locator(ASK).waitFor();
      await page.keyboard.press("Escape");
      await expectButton(page, { label: "Mute", state: "error", status: /^Nothing was sent/ });

      // Logged out of x.com (no account link) with one XMute account: it acts as before, unasked.
      await page.goto(`https://x.com/${ALICE.screenName}?loggedout=1`);
      await fixtureRendered(page);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done", screenName: ALICE.screenName });
      assert.equal(await page.locator(ASK).count(), 0);
      await signInToX(env.browser, null);
    },
  },
];
