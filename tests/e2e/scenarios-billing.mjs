// Pay-per-use end to end (issue 13): X bills each successful call from the app's prepaid
// credits. The fake X keeps a ledger of what it charged (its own price table, apart from the
// extension's), answers 402 when the credits run out and 429 UsageCapExceeded at a monthly cap,
// and refuses v1.1 to pay-per-use apps (453). These scenarios check that XMute spends nothing
// without a click that says so, stops instead of retrying when X says money is the problem,
// holds actions at the user's budget, and that its estimate matches what X charged.
import assert from "node:assert/strict";
import {
  BUTTON, SURFACE_BUTTON, accountValue, advanceQueue, apiRequests, expectButton, expectSurface, extensionStorage, history,
  inOptionsPage, muteElsewhere, openHoverCard, requestsRecorded, setTweetButtons, signIn, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL, DAVE } from "./people.mjs";

/** An author of the generated timeline whom no other scenario shows with an id. */
const USER17 = { id: "2000000017", screenName: "user0017" };
const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const V2_LIST = /^\/2\/users\/\d+\/muting$/;
const BY_USERNAME = /^\/2\/users\/by\/username\//;

/** Opens XMute's options page in a new tab. */
async function openOptions(env) {
  const page = await env.browser.newPage();
  await page.goto(env.browser.optionsUrl);
  return page;
}

/** Sets the monthly budget on the options page as a user does: type, then leave the field. */
async function setBudget(options, dollars) {
  await options.fill("#monthly-budget", dollars);
  await options.locator("#monthly-budget").press("Tab");
  const micros = dollars ? Math.round(Number(dollars) * 1_000_000) : undefined;
  await waitFor(async () => (await options.evaluate(() => chrome.storage.local.get("settings"))).settings?.monthlyBudget === micros,
    { what: `the budget saved as ${dollars || "none"}` });
  await waitForText(options, "#budget-status", dollars ? /^Monthly budget: / : /^No monthly budget\.$/);
}

/** XMute's estimate of the signed-in account's spend, in micro-dollars, as stored (all months). */
async function estimatedSpend(env) {
  const spend = (await accountValue(env.browser, "spend")) ?? {};
  return Object.values(spend).reduce((sum, month) => sum + month.micros, 0);
}

/**
 * Checks that what XMute added to its estimate since `before` is what the fake charged the
 * world (scenarios share one browser profile: XMute's spend holds earlier scenarios' too).
 */
async function assertEstimateMatches(env, world, before) {
  assert.equal(await estimatedSpend(env) - before, await charged(env, world), "XMute's estimate is what X charged");
}

/** Dollars for the budget field, from micro-dollars. */
const dollars = (micros) => (micros / 1_000_000).toFixed(6).replace(/\.?0+$/, "");

/** XMute's estimate of this month's spend, in micro-dollars. */
async function monthEstimate(env) {
  const spend = (await accountValue(env.browser, "spend")) ?? {};
  const now = new Date();
  return spend[`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`]?.micros ?? 0;
}

/** What the fake charged this month, in micro-dollars. */
async function charged(env, world) {
  return Math.round((await env.fake.ledger(world.consumerKey)).monthSpend * 1_000_000);
}

/** The mute and unmute requests the fake recorded for `user`. */
async function actionsFor(env, world, user) {
  const requests = await env.fake.requests(world.consumerKey);
  return requests.filter((r) => (r.method === "POST" && V2_MUTE.test(r.path) && r.body?.includes(user.id))
    || (r.method === "DELETE" && r.path.endsWith(`/muting/${user.id}`)));
}

export const billingScenarios = [
  {
    name: "pay-per-use: sign-in costs nothing; a profile's mute is exactly one billed request; each click states its cost; #spend-month matches X's ledger",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const before = await estimatedSpend(env); // this account's (0 for a new one)
      assert.deepEqual(await env.fake.requests(world.consumerKey), [], "saving keys sends nothing");

      const page = await env.open(`/${ALICE.screenName}`);
      await expectButton(page, { label: "Mute", screenName: ALICE.screenName });
      assert.equal(await page.getAttribute(BUTTON, "title"), `Mute @${ALICE.screenName} with XMute (X charges about $0.01)`);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      const requests = await env.fake.requests(world.consumerKey);
      assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`POST /2/users/${world.userId}/muting`], "one request, no lookups");
      assert.deepEqual((await env.fake.ledger(world.consumerKey)).entries.map((e) => [e.kind, e.amount]), [["mute", 0.01]]);
      assert.equal(await page.getAttribute(BUTTON, "title"), `Unmute @${ALICE.screenName} with XMute (X charges about $0.005)`);
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "done" });

      const options = await openOptions(env);
      try {
        // A read of the muted accounts (3 on X's side) and a verification, each a click that says what it costs.
        await muteElsewhere(env.fake, world, [BOB, CAROL, DAVE]);
        await options.click("#refresh-mutes");
        await waitForText(options, "#mute-list", /^3 muted accounts read from X .*about \$0\.003\.$/);
        assert.match(await options.textContent("#verify-cost"), /^One user read: about \$0\.01\.$/);
        await options.click("#verify");
        await waitForText(options, "#status", /^Verified: /);

        const ledger = await env.fake.ledger(world.consumerKey);
        assert.deepEqual(ledger.entries.map((e) => [e.kind, e.resources, e.amount]),
          [["mute", 1, 0.01], ["unmute", 1, 0.005], ["muteListRead", 3, 0.003], ["userRead", 1, 0.01]]);
        await assertEstimateMatches(env, world, before);
        await waitForText(options, "#spend-month", before ? /^This month: .+: about \$[0-9.]+\.$/
          : /^This month: 1 mute, 1 unmute, 3 muted accounts read, 1 account looked up: about \$0\.03\.$/);
        const costs = (await history(env.browser)).map((e) => [e.action, e.cost]);
        assert.deepEqual(costs, [["unmute", 5_000], ["mute", 10_000]], "each history entry keeps its cost");
        await waitForText(options, "#history-rows tr:first-child td:last-child", /^\$0\.005$/);
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "pay-per-use: credits run out: the message, the paused queue, one attempt; nothing sent while paused; top up + Resume lands each held mute once",
    async run(env) {
      const world = await env.newWorld({ credits: 0.01 }); // one mute
      await signIn(env.browser, world);
      const before = await estimatedSpend(env); // this account's (0 for a new one)
      const alice = await env.open(`/${ALICE.screenName}`);
      await alice.click(BUTTON);
      await expectButton(alice, { label: "Unmute", state: "done" });

      const bob = await env.open(`/${BOB.screenName}`);
      await bob.click(BUTTON);
      const outOfCredits = /^Your X app is out of credits\. Add credits in the X Developer Console, then press Resume in XMute's options\. The mute waits until then\.$/;
      await expectButton(bob, { label: "Unmute", state: "queued", status: outOfCredits });
      const carol = await env.open(`/${CAROL.screenName}`);
      await carol.click(BUTTON);
      await expectButton(carol, { label: "Unmute", state: "queued", status: outOfCredits });

      const options = await openOptions(env);
      try {
        await options.locator("#queue-paused").waitFor();
        await waitForText(options, "#queue-paused-text", /^The queue is paused\. Your X app is out of credits\..* Nothing is sent until you press Resume/);
        assert.equal(await options.textContent("#resume-queue"), "Resume");
        // An hour later nothing has been sent again: a pause is not a retry.
        await advanceQueue(env.browser, 3_600_000);
        assert.deepEqual((await actionsFor(env, world, BOB)).map((r) => r.status), [402], "one attempt");
        assert.deepEqual(await actionsFor(env, world, CAROL), [], "nothing sent while paused");
        const held = await accountValue(env.browser, "q", BOB.id);
        assert.deepEqual([held.failures, held.status], [0, "queued"], "no try used up, nothing dropped");

        await env.fake.billing(world.consumerKey, { topUp: 1 });
        await options.click("#resume-queue");
        await expectButton(bob, { label: "Unmute", state: "idle" });
        await expectButton(carol, { label: "Unmute", state: "idle" });
        assert.deepEqual((await actionsFor(env, world, BOB)).map((r) => r.status), [402, 200]);
        assert.deepEqual((await actionsFor(env, world, CAROL)).map((r) => r.status), [200], "once each");
        await options.locator("#queue-paused").waitFor({ state: "hidden" });
        await assertEstimateMatches(env, world, before); // a refused request is not counted
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "pay-per-use: the monthly usage cap pauses the queue (not a 15-minute rate limit); Resume after the cap is raised lands the mute once",
    async run(env) {
      const world = await env.newWorld({ monthlyCap: 0.01 });
      await signIn(env.browser, world);
      const alice = await env.open(`/${ALICE.screenName}`);
      await alice.click(BUTTON);
      await expectButton(alice, { label: "Unmute", state: "done" });
      const bob = await env.open(`/${BOB.screenName}`);
      await bob.click(BUTTON);
      await expectButton(bob, { label: "Unmute", state: "queued", status: /^X's monthly usage cap for your app is reached\. .*Resume in XMute's options\. The mute waits until then\.$/ });
      await advanceQueue(env.browser, 20 * 60_000); // past any rate-limit window
      assert.deepEqual((await actionsFor(env, world, BOB)).map((r) => r.status), [429], "not retried every 15 minutes");

      await env.fake.billing(world.consumerKey, { monthlyCap: null });
      const options = await openOptions(env);
      try {
        await waitForText(options, "#queue-paused-text", /usage cap/);
        await options.click("#resume-queue");
        await expectButton(bob, { label: "Unmute", state: "idle" });
        assert.deepEqual((await actionsFor(env, world, BOB)).map((r) => r.status), [429, 200]);
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "pay-per-use: the monthly budget holds the next action, sends nothing and says why; Send anyway and a higher budget let it go",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const before = await estimatedSpend(env); // this account's (0 for a new one)
      const options = await openOptions(env);
      try {
        // $0.01 more than spent this month so far (earlier scenarios' spend, where it counts).
        const { settings } = await extensionStorage(env.browser, "settings");
        const spent = await monthEstimate(env);
        assert.equal(settings?.monthlyBudget, undefined);
        await setBudget(options, dollars(spent + 10_000));
        const alice = await env.open(`/${ALICE.screenName}`);
        await alice.click(BUTTON); // $0.01: exactly the budget
        await expectButton(alice, { label: "Unmute", state: "done" });
        const bob = await env.open(`/${BOB.screenName}`);
        await bob.click(BUTTON);
        await expectButton(bob, { label: "Unmute", state: "queued",
          status: /^Held: this would take XMute's spending this month past your budget of \$[0-9.,]+\. Raise the budget, or send it anyway, in XMute's options\.$/ });
        assert.deepEqual(await actionsFor(env, world, BOB), [], "nothing sent");

        // The held action on the options page: visible, cancellable, and it can be sent anyway.
        const row = options.locator(`#queue-rows tr[data-key="${BOB.id}"]`);
        await row.waitFor();
        assert.equal(await row.getAttribute("data-reason"), "budget");
        assert.match(await row.textContent(), /Held: this would take/);
        await row.locator('button[data-command="send-anyway"]').click();
        await expectButton(bob, { label: "Unmute", state: "idle" });
        assert.deepEqual((await actionsFor(env, world, BOB)).map((r) => r.status), [200], "sent once");

        // Another one is held; raising the budget lets it go.
        const carol = await env.open(`/${CAROL.screenName}`);
        await carol.click(BUTTON);
        await expectButton(carol, { label: "Unmute", state: "queued", status: /^Held: / });
        assert.deepEqual(await actionsFor(env, world, CAROL), []);
        await setBudget(options, dollars(spent + 1_000_000));
        await expectButton(carol, { label: "Unmute", state: "idle" });
        assert.deepEqual((await actionsFor(env, world, CAROL)).map((r) => r.status), [200]);
        if (!spent) await waitForText(options, "#spend-month", /^This month: 3 mutes: about \$0\.03\.$/);
        await assertEstimateMatches(env, world, before);
      } finally {
        // Back to no budget for the scenarios after this one, also when this one failed.
        await inOptionsPage(env.browser, async () => {
          const { settings } = await chrome.storage.local.get("settings");
          if (settings?.monthlyBudget !== undefined) await chrome.runtime.sendMessage({ type: "setBudget", budget: null });
        });
        await options.close();
      }
    },
  },
  {
    name: "pay-per-use: v1.1 refuses the app too (453): Auto does not stay on v1.1, and the message names the Console step",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      await env.fake.addFaults(world.consumerKey, [{ kind: "not_enrolled", match: { method: "POST", path: "^/2/users/\\d+/muting$" } }]);
      const page = await env.open(`/${ALICE.screenName}`);
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "error",
        status: /^X says your app has no access to this \(client-not-enrolled\)\. Give the app pay-per-use access in the X Developer Console \(console\.x\.com\), then try again\.$/ });
      const requests = (await env.fake.requests(world.consumerKey)).map((r) => `${r.method} ${r.path} ${r.status}`);
      assert.deepEqual(requests, [`POST /2/users/${world.userId}/muting 403`, "POST /1.1/mutes/users/create.json 403"]);
      assert.equal((await extensionStorage(env.browser, "client")).client?.state?.apiVersion ?? "2", "2", "not remembered as v1.1");
      await page.click(BUTTON); // the next try starts from v2 again, which now works
      await expectButton(page, { label: "Unmute", state: "done" });
      assert.equal((await env.fake.requests(world.consumerKey)).at(-1).path, `/2/users/${world.userId}/muting`);
    },
  },
  {
    name: "pay-per-use: a tweet's button mutes by id when XMute has seen the account's id (no lookup); a lookup it must make is counted",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const before = await estimatedSpend(env); // this account's (0 for a new one)
      await setTweetButtons(env.browser, true);
      try {
        const page = await env.open("/home?tweets=20");
        await openHoverCard(page, ALICE.screenName); // the card shows Alice's id beside her handle
        await expectSurface(page, { scope: "#layers", screenName: ALICE.screenName, muted: false, count: 1 });
        await page.mouse.move(0, 0);
        const tweetButton = (user) => page.locator(`article:has(a[href="/${user.screenName}"]) ${SURFACE_BUTTON}[aria-label="Mute @${user.screenName}"]`).first();
        await tweetButton(ALICE).click();
        await expectSurface(page, { screenName: ALICE.screenName, muted: true });
        await requestsRecorded(env.fake, world, "POST", V2_MUTE, 1);
        assert.deepEqual(await apiRequests(env.fake, world, "GET", BY_USERNAME), [], "no lookup: the id was known");

        await tweetButton(USER17).click(); // this id was never shown: X must look it up
        await expectSurface(page, { screenName: USER17.screenName, muted: true });
        await requestsRecorded(env.fake, world, "POST", V2_MUTE, 2);
        await waitFor(async () => (await history(env.browser))[0]?.screenName === USER17.screenName, { what: "the second mute in the history" });
        assert.equal((await apiRequests(env.fake, world, "GET", BY_USERNAME)).length, 1);
        const ledger = await env.fake.ledger(world.consumerKey);
        assert.deepEqual(ledger.entries.map((e) => e.kind), ["mute", "userRead", "mute"]);
        await assertEstimateMatches(env, world, before); // the lookup is counted
        const [looked] = await history(env.browser);
        assert.deepEqual([looked.screenName, looked.cost], [USER17.screenName, 20_000], "a lookup and a mute");
        assert.equal((await apiRequests(env.fake, world, "GET", V2_LIST)).length, 0);
      } finally {
        await setTweetButtons(env.browser, false);
      }
    },
  },
];
