// The queue, retry, undo and adversarial scenarios (issue 5), run by suite.mjs after the base
// scenarios and before the closing console check. Same environment as scenarios.mjs.
//
// Time: nothing here waits for back-off delays or rate-limit windows. The queue's clock is
// moved forward through the `testing.clockShiftMs` storage setting and its alarm fired at once
// (advanceQueue); the Undo toast's clock through XMute.undo.advanceClock in the content-script
// world. Waits are on conditions only (a request recorded, a button's state, a stored item).
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  BUTTON, accountValue, actionRequests, advanceQueue, apiRequests, buttons, clearTesting, expectButton, extensionStorage, fillCredentials,
  fixtureRendered, history, openX, queued, requestsRecorded, setTesting, signIn, waitForText,
} from "./drive.mjs";
import { ROOT, evaluateInContentScript, stopServiceWorker, waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL, DAVE, ERIN, FRANK, SUSPENDED } from "./people.mjs";

const V2_MUTE = /^\/2\/users\/\d+\/muting$/;
const V2_LIST = /^\/2\/users\/\d+\/muting$/;
const MUTE_MATCH = { method: "POST", path: "^/2/users/\\d+/muting$" };
const TIME = String.raw`\d{1,2}:\d\d(?:\s?[AP]M)?`;
const OTHER_EXTENSION = path.join(ROOT, "tests/e2e/fixtures/other-extension");

const UNDO = '[data-testid="xmute-undo"]';
const TOAST = '[data-testid="xmute-undo-toast"]';

// ---- helpers ---------------------------------------------------------------------------------

/** Signs in with a new world and opens `user`'s profile, showing Mute. */
async function signedInOnProfile(env, user) {
  const world = await env.newWorld();
  await signIn(env.browser, world);
  const page = await env.open(`/${user.screenName}`);
  await expectButton(page, { label: "Mute", screenName: user.screenName });
  return { world, page };
}

/** Changes the fake's rate-limit policy for `world` (its counters restart). */
async function setLimits(fake, world, policies) {
  const response = await fetch(`http://127.0.0.1:${fake.ports.http}/__control/limits`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ consumerKey: world.consumerKey, ...policies }),
  });
  assert.equal(response.status, 200);
}

/** The text of each cell of table row `selector`. */
function cells(page, selector) {
  return page.locator(`${selector} > th, ${selector} > td`).allTextContents();
}

/** Sends `message` from XMute's content-script world of `page` and returns the reply. */
function fromContentScript(page, message) {
  return evaluateInContentScript(page, `return chrome.runtime.sendMessage(${JSON.stringify(message)});`);
}

/** Every secret of `world` that must never leave the background and the options page. */
const secretsOf = (world) => [world.consumerSecret, world.token, world.tokenSecret];

// ---- scenarios -------------------------------------------------------------------------------

export const scenarios = [
  {
    name: "queue: a 401 pauses the queue and keeps every action; new keys resume it",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      await env.fake.addFaults(world.consumerKey, [{ kind: "unauthorized", match: MUTE_MATCH }]);
      await page.click(BUTTON);
      const paused = /^X refused your keys\. Sign in again in XMute's options\. The mute waits until then\.$/;
      await expectButton(page, { label: "Unmute", state: "queued", status: paused });

      // Another click while paused is queued without a request: the queue does not hammer X.
      const other = await env.open(`/${CAROL.screenName}`);
      await other.click(BUTTON);
      await expectButton(other, { label: "Unmute", state: "queued", status: paused });
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((r) => r.status), [401]);

      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await waitForText(options, "#queue-paused-text", /^The queue is paused\. X refused your keys\./);
        assert.equal(await options.locator("#queue-rows tr").count(), 2);
        await waitForText(options, "#queue-rows", /Unmute|Mute/);
      } finally {
        await options.close();
      }

      await signIn(env.browser, world); // new keys (here: the same ones saved again)
      await expectButton(page, { label: "Unmute", state: "idle" });
      await expectButton(other, { label: "Unmute", state: "idle" });
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((r) => r.status).sort(), [200, 200, 401]);
      assert.deepEqual([...(await env.fake.state(world.consumerKey)).muting[world.userId]].sort(), [BOB.id, CAROL.id]);
    },
  },
  {
    name: "queue: 5xx is retried with growing back-off; after five tries it fails with the reason; Retry on the options page",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      // 502, not 500 or 503: after those, Chromium itself holds back an extension's next requests
      // to the URL for a second or two (its extension throttle), which would make the quick
      // retries below fail as "Can't reach X". XMute's own waits are far longer.
      await env.fake.addFaults(world.consumerKey, [{ kind: "server_error", status: 502, body: "json", times: 5, match: MUTE_MATCH }]);
      try {
        await page.click(BUTTON);
        const waits = [];
        for (let attempt = 1; attempt < 5; attempt++) {
          const text = new RegExp(`^X is having trouble\\. Trying again at ${TIME} \\(try ${attempt + 1} of 5\\)\\.$`);
          await expectButton(page, { label: "Unmute", state: "queued", status: text });
          const item = await queued(env.browser, BOB);
          assert.equal(item.error.name, "Server");
          assert.equal(item.error.status, 502);
          waits.push(item.runAt - item.sentAt);
          await advanceQueue(env.browser, item.runAt - item.sentAt + 1000);
          await requestsRecorded(env.fake, world, "POST", V2_MUTE, attempt + 1);
        }
        waits.forEach((wait, i) => {
          const base = 40_000 * 2 ** i;
          assert.ok(wait >= 0.8 * base - 50 && wait <= 1.2 * base + 50, `retry ${i + 1} after ${wait} ms, want ${base} ± 20 %`);
        });
        const gaveUp = /^X is having trouble\. Try again later\. Gave up after 5 tries\.$/;
        await expectButton(page, { label: "Mute", state: "error", status: gaveUp });
        const [last] = await history(env.browser);
        assert.deepEqual([last.result, last.userId, last.attempts, last.note], ["failed", BOB.id, 5, "gave-up"]);

        const options = await env.browser.newPage();
        try {
          await options.goto(env.browser.optionsUrl);
          await waitForText(options, `#queue-rows tr[data-key="${BOB.id}"]`, /Failed: X is having trouble\. Try again later\. Gave up after 5 tries\./);
          await options.click(`#queue-rows tr[data-key="${BOB.id}"] button:has-text("Retry")`);
          await options.locator("#queue-empty").waitFor({ state: "visible" });
          await waitForText(options, "#history-rows tr:first-child", /Done\./);
        } finally {
          await options.close();
        }
        await expectButton(page, { label: "Unmute", state: "idle" });
        assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((r) => r.status), [502, 502, 502, 502, 502, 200]);
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "queue: malformed JSON, HTML pages, wrong shapes, huge and slow bodies, hangs, resets: typed errors, then the button recovers",
    async run(env) {
      const cases = [
        [{ kind: "malformed" }, ["BadResponse"], "X is having trouble."],
        [{ kind: "html", status: 503 }, ["Server", "BadResponse"], "X is having trouble."],
        [{ kind: "server_error", status: 500 }, ["Server"], "X is having trouble."],
        [{ kind: "server_error", status: 502, body: "html" }, ["Server", "BadResponse"], "X is having trouble."],
        [{ kind: "wrong_shape" }, ["BadResponse"], "X is having trouble."],
        [{ kind: "huge", bytes: 4 << 20 }, ["BadResponse"], "X is having trouble."],
        [{ kind: "slow_body", seconds: 4 }, ["Timeout"], "X didn't answer in time."],
        [{ kind: "hang", seconds: 4 }, ["Timeout"], "X didn't answer in time."],
        [{ kind: "reset", times: 2 }, ["Network"], "Can't reach X."],
      ];
      try {
        await setTesting(env.browser, { timeoutMs: 1500 });
        for (const [fault, names, cause] of cases) {
          const { world, page } = await signedInOnProfile(env, BOB);
          await env.fake.addFaults(world.consumerKey, [{ ...fault, match: MUTE_MATCH }]);
          await page.click(BUTTON);
          const text = new RegExp(`^${cause.replace(/[.?]/g, "\\$&")} Trying again at ${TIME} \\(try 2 of 5\\)\\.$`);
          await expectButton(page, { label: "Unmute", state: "queued", status: text });
          const item = await queued(env.browser, BOB);
          assert.ok(names.includes(item.error.name), `${fault.kind}: a typed error (${item.error.name})`);
          assert.ok(item.error.message.length > 10, `${fault.kind}: a message (${item.error.message})`);
          await advanceQueue(env.browser, 60_000);
          await expectButton(page, { label: "Unmute", state: "idle" }, 15_000);
          assert.deepEqual((await env.fake.state(world.consumerKey)).muting[world.userId], [BOB.id], fault.kind);
          await waitFor(async () => (await env.fake.requests(world.consumerKey)).some((r) => r.fault === fault.kind),
            { what: `${fault.kind} served by the fake` });
          await page.close();
        }
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "queue: 50 per 15 minutes is kept before X says so; X's remaining 0 and a 429 hold the next mutes",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      try {
        // The client's own window, lowered to 2 for the test (the real limit is 50).
        await setTesting(env.browser, { windowLimit: 2 });
        const pages = {};
        for (const user of [ALICE, BOB, CAROL]) {
          pages[user.screenName] = await env.open(`/${user.screenName}`);
          await expectButton(pages[user.screenName], { label: "Mute" });
          await pages[user.screenName].click(BUTTON);
          if (user !== CAROL) await expectButton(pages[user.screenName], { label: "Unmute", state: "done" });
        }
        const windowText = new RegExp(`^Queued: mutes at ${TIME} \\(X allows 50 per 15 minutes\\)\\.$`);
        await expectButton(pages[CAROL.screenName], { label: "Unmute", state: "queued", status: windowText });
        assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 2, "the third mute was not sent");
        const held = await queued(env.browser, CAROL);
        assert.equal(held.reason, "window");
        assert.ok(held.runAt - Date.now() > 14 * 60 * 1000, "it waits for the window to free a slot");

        await pages[ALICE.screenName].click(BUTTON); // unmutes have their own budget
        await expectButton(pages[ALICE.screenName], { label: "Mute", state: "done" });

        await advanceQueue(env.browser, 15 * 60 * 1000 + 5000);
        await expectButton(pages[CAROL.screenName], { label: "Unmute", state: "idle" });
        const statuses = (await env.fake.requests(world.consumerKey)).map((r) => r.status);
        assert.ok(!statuses.includes(429), "X never had to say 429");
        await clearTesting(env.browser);

        // X's own answer says none remain (its limit lowered to 1 per 3 s for the test): the next
        // mute waits for X's reset without being sent.
        await setLimits(env.fake, world, { mute: { limit: 1, windowSeconds: 3 } });
        const dave = await env.open(`/${DAVE.screenName}`);
        await dave.click(BUTTON);
        await expectButton(dave, { label: "Unmute", state: "done" });
        const erin = await env.open(`/${ERIN.screenName}`);
        await erin.click(BUTTON);
        await expectButton(erin, { label: "Unmute", state: "queued", status: new RegExp(`^Rate limited: mutes at ${TIME}\\.$`) });
        assert.equal((await apiRequests(env.fake, world, "POST", V2_MUTE)).length, 4, "Erin's mute waits unsent");
        const reset = (await env.fake.state(world.consumerKey)).rateLimits.mute.users[world.userId].reset;
        // x-rate-limit-reset is in whole seconds, rounded down: X's window ends within the next one.
        await waitFor(() => Date.now() > (reset + 1) * 1000 + 100, { what: "X's window to reset" });
        await advanceQueue(env.browser, 4000);
        await expectButton(erin, { label: "Unmute", state: "idle" });
        assert.ok(!(await env.fake.requests(world.consumerKey)).some((r) => r.status === 429), "still no 429");
        await setLimits(env.fake, world, { mute: { limit: 50, windowSeconds: 900 } });

        // A 429 from X holds every other mute until its reset, unsent. (First past the hold of
        // Erin's "none remain".)
        await advanceQueue(env.browser, 10_000);
        await env.fake.addFaults(world.consumerKey, [{ kind: "rate_limit", resetIn: 600, match: MUTE_MATCH }]);
        const frank = await env.open(`/${FRANK.screenName}`);
        await frank.click(BUTTON);
        await expectButton(frank, { label: "Unmute", state: "queued", status: /^Rate limited: mutes at / });
        const user1 = await env.open("/user0001");
        await user1.click(BUTTON);
        await expectButton(user1, { label: "Unmute", state: "queued", status: /^Rate limited: mutes at / });
        assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((r) => r.status), [200, 200, 200, 200, 200, 429]);
        await advanceQueue(env.browser, 610_000);
        await expectButton(frank, { label: "Unmute", state: "idle" });
        await expectButton(user1, { label: "Unmute", state: "idle" });
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "queue: double clicks send one request; mute then unmute before sending cancel out; the last intent wins",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      try {
        await page.dblclick(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done" });
        // Two commands at once from the content-script world: still one request.
        const replies = await evaluateInContentScript(page, `
          const mute = () => chrome.runtime.sendMessage({ type: "mute", userId: "${CAROL.id}" });
          return Promise.all([mute(), mute()]);`);
        assert.deepEqual(replies.map((r) => r.ok), [true, true]);
        assert.ok(replies.some((r) => r.user.muted && !r.user.pending), "one reply after the mute");
        await waitFor(async () => (await accountValue(env.browser, "m", CAROL.id))?.muted,
          { what: "Carol muted" });
        const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
        assert.deepEqual(mutes.map((r) => JSON.parse(r.body).target_user_id), [BOB.id, CAROL.id]);

        // Held by the window (lowered to 2), Alice's mute is queued; an unmute cancels it.
        await setTesting(env.browser, { windowLimit: 2 });
        const alice = await env.open(`/${ALICE.screenName}`);
        await alice.click(BUTTON);
        await expectButton(alice, { label: "Unmute", state: "queued" });
        await alice.click(BUTTON);
        await expectButton(alice, { label: "Mute", state: "done" });
        assert.equal(await queued(env.browser, ALICE), undefined);
        const [cancelled] = await history(env.browser);
        assert.deepEqual([cancelled.userId, cancelled.result, cancelled.note],
          [ALICE.id, "cancelled", "cancelled-by-unmute"]);
        await advanceQueue(env.browser, 16 * 60 * 1000);
        await clearTesting(env.browser);

        // Mute Dave while the request hangs at X, then unmute: both are sent, in order.
        await env.fake.addFaults(world.consumerKey, [{ kind: "hang", seconds: 2, match: MUTE_MATCH }]);
        await evaluateInContentScript(page, `
          globalThis.__first = chrome.runtime.sendMessage({ type: "mute", userId: "${DAVE.id}" });`);
        await waitFor(async () => (await env.fake.state(world.consumerKey)).pendingFaults.length === 0,
          { what: "Dave's mute to reach the fake" });
        const second = await fromContentScript(page, { type: "unmute", userId: DAVE.id });
        assert.deepEqual([second.ok, second.user.pending?.status], [true, "running"]);
        const first = await evaluateInContentScript(page, "return globalThis.__first;");
        assert.equal(first.ok, true);
        await waitFor(async () => (await accountValue(env.browser, "m", DAVE.id))?.muted === false,
          { what: "Dave unmuted in the end" });
        const dave = (await env.fake.requests(world.consumerKey)).filter((r) => r.path.endsWith(DAVE.id) || r.body.includes(DAVE.id));
        assert.deepEqual(dave.map((r) => [r.method, r.status]), [["POST", 200], ["DELETE", 200]]);
        assert.ok(!((await env.fake.state(world.consumerKey)).muting[world.userId] ?? []).includes(DAVE.id));
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "queue: the worker stopped mid-request, then while queued: sent again once after the cut-off request surely ended (no paid read of the list), then once when due",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      try {
        // In flight: the mute hangs at the fake for 3 s; the worker is stopped meanwhile.
        await env.fake.addFaults(world.consumerKey, [{ kind: "hang", seconds: 3, match: MUTE_MATCH }]);
        await page.click(BUTTON);
        await expectButton(page, { state: "pending" });
        await waitFor(async () => (await env.fake.state(world.consumerKey)).pendingFaults.length === 0,
          { what: "the mute request to reach the fake and hang" });
        await stopServiceWorker(page);
        // The content script's message failed; it asks again, which starts a new worker. That
        // worker finds the interrupted action and waits for the old request's timeout.
        await expectButton(page, { label: "Unmute", state: "queued", status: new RegExp(`^Interrupted: sending again at ${TIME}\\.$`) });
        const [landed] = await requestsRecorded(env.fake, world, "POST", V2_MUTE, 1);
        assert.equal(landed.status, 200, "the cut-off request still reached X");
        await advanceQueue(env.browser, 30_000);
        await expectButton(page, { label: "Unmute", state: "idle" });
        const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
        assert.deepEqual(mutes.map((r) => r.status), [200, 200], "sent once more: the same mute, harmless to X");
        assert.equal((await apiRequests(env.fake, world, "GET", V2_LIST)).length, 0, "no read of the mute list (X bills each account)");
        const [done] = await history(env.browser);
        assert.deepEqual([done.userId, done.result, done.attempts], [BOB.id, "done", 2]);

        // Queued: a 429 holds Carol's mute for ten minutes; the worker is stopped; a new one
        // sends it once when it is due.
        const carol = await env.open(`/${CAROL.screenName}`);
        await env.fake.addFaults(world.consumerKey, [{ kind: "rate_limit", resetIn: 600, match: MUTE_MATCH }]);
        await carol.click(BUTTON);
        await expectButton(carol, { label: "Unmute", state: "queued", status: /^Rate limited/ });
        await stopServiceWorker(carol);
        await advanceQueue(env.browser, 610_000); // the alarm starts a new worker
        await expectButton(carol, { label: "Unmute", state: "idle" });
        const forCarol = (await apiRequests(env.fake, world, "POST", V2_MUTE)).filter((r) => r.body.includes(CAROL.id));
        assert.deepEqual(forCarol.map((r) => r.status), [429, 200]);
        assert.deepEqual([...(await env.fake.state(world.consumerKey)).muting[world.userId]].sort(), [BOB.id, CAROL.id]);
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "queue: a browser restart with the same profile finishes the queued action once and sends the in-flight one again",
    async run(env) {
      const world = await env.newWorld();
      const profileDir = await mkdtemp(path.join(tmpdir(), "xmute-restart-"));
      const logs = [];
      let browser = null;
      try {
        browser = await env.launch({ profileDir });
        logs.push(browser.consoleLog);
        await signIn(browser, world);
        // Carol is muted; then Bob's mute is queued for ten minutes by a 429, and Carol's unmute
        // hangs at X for 3 s when the browser closes.
        const carol = await openX(browser, `/${CAROL.screenName}`);
        await carol.click(BUTTON);
        await expectButton(carol, { label: "Unmute", state: "done" });
        await env.fake.addFaults(world.consumerKey, [{ kind: "rate_limit", resetIn: 600, match: MUTE_MATCH }]);
        const bob = await openX(browser, `/${BOB.screenName}`);
        await bob.click(BUTTON);
        await expectButton(bob, { label: "Unmute", state: "queued" });
        await env.fake.addFaults(world.consumerKey, [{ kind: "hang", seconds: 3, match: { method: "DELETE" } }]);
        await carol.click(BUTTON);
        await waitFor(async () => (await env.fake.state(world.consumerKey)).pendingFaults.length === 0,
          { what: "Carol's unmute to hang at the fake" });
        await browser.close();
        browser = null;

        browser = await env.launch({ profileDir });
        logs.push(browser.consoleLog);
        await requestsRecorded(env.fake, world, "DELETE", /muting/, 1); // the cut-off unmute lands
        await advanceQueue(browser, 610_000);
        for (const [user, label] of [[BOB, "Unmute"], [CAROL, "Mute"]]) {
          const page = await openX(browser, `/${user.screenName}`);
          await expectButton(page, { label, state: "idle" });
        }
        const target = (r) => JSON.parse(r.body).target_user_id;
        const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
        assert.deepEqual(mutes.filter((r) => target(r) === BOB.id).map((r) => r.status), [429, 200]);
        const unmutes = await apiRequests(env.fake, world, "DELETE", /muting/);
        assert.deepEqual(unmutes.map((r) => r.status), [200, 200], "Carol's cut-off unmute, then once more after the restart");
        assert.equal((await apiRequests(env.fake, world, "GET", V2_LIST)).length, 0, "no paid read of the mute list");
        assert.deepEqual((await env.fake.state(world.consumerKey)).muting[world.userId], [BOB.id]);
        const results = (await history(browser)).map((e) => [e.userId, e.action, e.result]);
        assert.deepEqual(results.slice(0, 2).sort(), [[BOB.id, "mute", "done"], [CAROL.id, "unmute", "done"]]);
        const leaks = logs.flat().filter((entry) => secretsOf(world).some((s) => entry.text.includes(s)));
        assert.deepEqual(leaks, []);
      } finally {
        await browser?.close();
        await rm(profileDir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "undo: a toast after a mute, reached by Tab; Undo unmutes, Escape dismisses, gone after 5 s; page clicks ignored",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      await waitForText(page, `${TOAST} [role="status"]`, /^Muted @bob_fixture\.$/);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "xmute-undo");
      // The page cannot press Undo for the user.
      await page.evaluate((selector) => {
        const undo = document.querySelector(selector);
        undo.click();
        undo.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        undo.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
      }, UNDO);
      assert.equal(await page.locator(TOAST).count(), 1, "synthetic events left the toast");
      assert.deepEqual(await apiRequests(env.fake, world, "DELETE", /muting/), []);
      await page.keyboard.press("Enter");
      await expectButton(page, { label: "Mute", state: "done" });
      assert.equal(await page.locator(TOAST).count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "xmute-button", "focus is back on the button");
      assert.equal((await apiRequests(env.fake, world, "DELETE", /muting/)).length, 1, "Undo sent the unmute");

      await page.keyboard.press("Enter"); // mute again, from the keyboard
      await expectButton(page, { label: "Unmute", state: "done" });
      await page.locator(TOAST).waitFor();
      await page.keyboard.press("Escape");
      await page.locator(TOAST).waitFor({ state: "detached" });
      assert.equal((await apiRequests(env.fake, world, "DELETE", /muting/)).length, 1, "Escape sent nothing");

      await page.click(BUTTON); // unmute: no toast
      await expectButton(page, { label: "Mute", state: "done" });
      assert.equal(await page.locator(TOAST).count(), 0);
      await page.click(BUTTON);
      await page.locator(TOAST).waitFor();
      await evaluateInContentScript(page, "XMute.undo.advanceClock(4900);");
      assert.equal(await page.locator(TOAST).count(), 1, "still there at 4.9 s");
      await evaluateInContentScript(page, "XMute.undo.advanceClock(200);");
      await page.locator(TOAST).waitFor({ state: "detached" });
      await expectButton(page, { label: "Unmute", state: "done" });
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2_MUTE)).map((r) => r.status), [200, 200, 200]);
    },
  },
  {
    name: "options: the queue and the history lists; Cancel, Retry and Clear failed",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      // A permanent failure: X refuses to mute a suspended account.
      const refused = await fromContentScript(page, { type: "mute", userId: SUSPENDED.id });
      assert.equal(refused.user.pending.status, "failed");
      // A failure that a retry fixes: X rejects the timestamp twice (once more after the core's
      // own correction), then no more.
      await env.fake.addFaults(world.consumerKey, [{ kind: "timestamp", times: 2, match: MUTE_MATCH }]);
      const bob = await env.open(`/${BOB.screenName}`);
      await bob.click(BUTTON);
      await expectButton(bob, { label: "Mute", state: "error" });
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        const row = (user) => `#queue-rows tr[data-key="${user.id}"]`;
        await options.locator(row(BOB)).waitFor();
        assert.deepEqual(await options.locator("#queue-table thead th").allTextContents(), ["Account", "Action", "Status", "Tries", "Commands"]);
        assert.equal(await options.locator('h2:has-text("Queue")').count(), 1);
        assert.equal(await options.locator('h2:has-text("History")').count(), 1);
        const [who, what, status, tries, commands] = await cells(options, row(SUSPENDED));
        assert.deepEqual([who, what, tries, commands], ["user 1000000009", "Mute", "1", "Retry"]);
        assert.match(status, /^Failed: .+\.$/);
        assert.deepEqual(await cells(options, row(BOB)),
          ["@bob_fixture", "Mute", "Failed: X rejected the time. Check your computer's clock.", "1", "Retry"]);
        const [time, ...alice] = await cells(options, "#history-rows tr:last-child");
        assert.match(time, /\d/);
        assert.deepEqual(alice, ["@alice_fixture", "Mute", "Done.", "v2", "$0.01"]);

        await options.click(`${row(BOB)} button:has-text("Retry")`);
        await options.locator(row(BOB)).waitFor({ state: "detached" });
        await expectButton(bob, { label: "Unmute", state: "idle" });

        // Queued for ten minutes by a 429; the list follows, and Cancel removes it unsent.
        await env.fake.addFaults(world.consumerKey, [{ kind: "rate_limit", resetIn: 600, match: MUTE_MATCH }]);
        const carol = await env.open(`/${CAROL.screenName}`);
        await carol.click(BUTTON);
        await expectButton(carol, { label: "Unmute", state: "queued" });
        await waitForText(options, row(CAROL), /Rate limited: mutes at/);
        assert.deepEqual((await cells(options, row(CAROL))).filter((_, i) => i !== 2), ["@carol_fixture", "Mute", "1", "Cancel"]);
        await options.click(`${row(CAROL)} button:has-text("Cancel")`);
        await options.locator(row(CAROL)).waitFor({ state: "detached" });
        await waitFor(async () => (await cells(options, "#history-rows tr:first-child"))[3] === "Cancelled on the options page.",
          { what: "the cancelled mute in the history" });
        await expectButton(carol, { label: "Mute", state: "idle" });

        await options.click("#clear-failed");
        await options.locator(row(SUSPENDED)).waitFor({ state: "detached" });
        await options.locator("#queue-empty").waitFor({ state: "visible" });
        assert.equal(await options.locator("#clear-failed").isHidden(), true);
        const results = (await history(env.browser)).slice(0, 5).map((e) => [e.userId, e.result]);
        assert.deepEqual(results, [[CAROL.id, "cancelled"], [BOB.id, "done"], [BOB.id, "failed"], [SUSPENDED.id, "failed"], [ALICE.id, "done"]]);
        const forCarol = (await apiRequests(env.fake, world, "POST", V2_MUTE)).filter((r) => r.body.includes(CAROL.id));
        assert.deepEqual(forCarol.map((r) => r.status), [429], "a cancelled action is not sent");
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "hostile page: postMessage, synthetic events, forged headers in tweets, no runtime in the page: only the user's click mutes",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      const attempts = await page.evaluate(({ bob, selector }) => {
        const results = {};
        for (const message of [
          { type: "mute", userId: bob }, { type: "unmute", userId: bob }, { source: "xmute", type: "mute", userId: bob },
        ]) window.postMessage(message, "*");
        document.dispatchEvent(new CustomEvent("xmute", { detail: { type: "mute", userId: bob } }));
        const button = document.querySelector(selector);
        button.click();
        for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
          button.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true }));
        }
        button.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        button.dispatchEvent(new KeyboardEvent("keyup", { key: " ", bubbles: true }));
        button.closest("[data-xmute-root]").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        try {
          chrome.runtime.sendMessage("any-extension-id", { type: "mute", userId: bob });
          results.runtime = "sent";
        } catch (error) {
          results.runtime = `threw ${error.name}`;
        }
        results.chromeRuntime = typeof globalThis.chrome?.runtime?.sendMessage;
        return results;
      }, { bob: BOB.id, selector: BUTTON });
      assert.equal(attempts.chromeRuntime, "undefined", "web pages have no way to message XMute");
      assert.match(attempts.runtime, /^threw /);

      // A tweet whose markup forges a profile header for Bob (Bob's follow button, Alice's
      // handle), placed before the real header.
      await page.evaluate((bob) => {
        const column = document.querySelector('[data-testid="primaryColumn"]');
        const forged = document.createElement("article");
        forged.setAttribute("data-testid", "tweet");
        forged.id = "forged";
        forged.innerHTML = `<div data-testid="UserName"><span>Alice</span><span>@alice_fixture</span></div>
          <div data-testid="userActions"></div>
          <div data-testid="placementTracking"><button data-testid="${bob}-follow">Follow</button></div>`;
        column.prepend(forged);
      }, BOB.id);
      await expectButton(page, { label: "Mute", state: "idle", screenName: ALICE.screenName });
      assert.equal(await page.locator("#forged [data-xmute-root]").count(), 0, "no button in the forged header");
      const button = await page.locator(BUTTON).boundingBox();
      const forged = await page.locator("#forged").boundingBox();
      assert.ok(button.y > forged.y + forged.height - 1, "the button stayed in the real header");
      assert.deepEqual(await actionRequests(env.fake, world), [], "nothing was sent for the page's attempts");

      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      const sent = await actionRequests(env.fake, world);
      assert.equal(sent.length, 1);
      assert.deepEqual(JSON.parse(sent[0].body), { target_user_id: ALICE.id });
      assert.ok(!(await env.fake.state(world.consumerKey)).muting[world.userId].includes(BOB.id));

      // A profile-like header inside a tweet on the home timeline names nobody to XMute either.
      await page.evaluate(() => window.__fixture.navigate("/home"));
      await fixtureRendered(page);
      await page.evaluate((bob) => {
        const tweet = document.querySelector("article");
        tweet.insertAdjacentHTML("beforeend", `<div data-testid="UserName">@bob_fixture</div>
          <div data-testid="placementTracking"><button data-testid="${bob}-follow">Follow</button></div>`);
      }, BOB.id);
      for (const b of await page.locator(BUTTON).all()) {
        assert.ok(!(await b.getAttribute("title")).includes("@bob_fixture"), "no button for the forged header");
      }
      assert.deepEqual(await buttons(page).then((list) => list.filter((b) => b.title.includes(BOB.screenName))), []);
      assert.equal((await actionRequests(env.fake, world)).length, 1);
    },
  },
  {
    name: "hostile extension: another extension's sendMessage and connect to XMute are refused",
    async run(env) {
      const world = await env.newWorld();
      const browser = await env.launch({ extensions: [OTHER_EXTENSION] });
      try {
        await signIn(browser, world);
        const page = await openX(browser, `/${ALICE.screenName}`);
        await expectButton(page, { label: "Mute" });
        const probe = await browser.otherExtension("probe.js");
        assert.notEqual(probe.id, browser.extensionId);
        const results = await probe.run(([id, userId]) => globalThis.probe(id, { type: "mute", userId }),
          [browser.extensionId, BOB.id]);
        assert.match(results.sendMessage.error ?? "", /Receiving end does not exist/, JSON.stringify(results));
        assert.equal(results.sendMessage.reply, undefined);
        assert.match(results.connect.disconnected ?? results.connect.error ?? "", /Receiving end does not exist/, JSON.stringify(results));
        assert.deepEqual(results.connect.replies ?? [], []);
        // XMute itself still works, and nothing was sent for the other extension.
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done" });
        const sent = await actionRequests(env.fake, world);
        assert.deepEqual(sent.map((r) => JSON.parse(r.body).target_user_id), [ALICE.id]);
        const leaks = browser.consoleLog.filter((entry) => secretsOf(world).some((s) => entry.text.includes(s)));
        assert.deepEqual(leaks, []);
      } finally {
        await browser.close();
      }
    },
  },
  {
    name: "options: keys with stray whitespace, non-ASCII or empty fields are refused with a message and never sent",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const before = (await extensionStorage(env.browser, "credentials")).credentials;
      const fields = { consumerKey: "#consumer-key", consumerSecret: "#consumer-secret", token: "#access-token", tokenSecret: "#access-token-secret" };
      const bad = [
        [" lead", /contains a space or line break/],
        ["tab\tinside", /contains a space or line break/],
        ["nbsp\u00a0", /contains a space or line break/],
        ["caf\u00e9", /not plain ASCII/],
        ["quote\u2019", /not plain ASCII/],
        ["zero\u200bwidth", /not plain ASCII/],
        ["", /is empty\./],
      ];
      const page = await env.browser.newPage();
      try {
        await page.goto(env.browser.optionsUrl);
        for (const [field, selector] of Object.entries(fields)) {
          for (const [value, message] of bad) {
            await fillCredentials(page, { ...world, [field]: `${value}` });
            await page.click("#save");
            await waitForText(page, "#status", message);
            assert.equal(await page.getAttribute(selector, "aria-invalid"), "true", `${field} ${JSON.stringify(value)}`);
            if (field === "consumerKey" || field === "consumerSecret") {
              await page.click("#start-pin");
              await waitForText(page, "#status", message);
            }
            await page.click("#verify"); // a changed form is saved (and checked) first
            await waitForText(page, "#status", message);
          }
        }
        // The background checks again, whatever the page sends.
        const direct = await page.evaluate(async (w) => {
          const send = (message) => chrome.runtime.sendMessage(message);
          return [
            await send({ type: "saveCredentials", credentials: { ...w, consumerKey: ` ${w.consumerKey}` } }),
            await send({ type: "saveCredentials", credentials: { ...w, tokenSecret: `${w.tokenSecret}\u00e9` } }),
            await send({ type: "startPin", credentials: { consumerKey: w.consumerKey, consumerSecret: "" } }),
          ].map((reply) => [reply.ok, reply.error?.name, reply.error?.field]);
        }, world);
        assert.deepEqual(direct, [[false, "InvalidInput", "consumerKey"], [false, "InvalidInput", "tokenSecret"],
          [false, "InvalidInput", "consumerSecret"]]);
      } finally {
        await page.close();
      }
      assert.deepEqual((await extensionStorage(env.browser, "credentials")).credentials, before, "nothing was saved");
      assert.deepEqual(await actionRequests(env.fake, world), [], "nothing was sent with these keys");
      const all = await fetch(`http://127.0.0.1:${env.fake.ports.http}/__control/requests`).then((r) => r.json());
      const refusedKeys = bad.map(([value]) => value);
      const carried = all.filter((r) => refusedKeys.includes(r.oauth?.oauth_consumer_key ?? null)
        || refusedKeys.includes(r.oauth?.oauth_token ?? null) || String(r.headers?.authorization ?? "").includes("%20lead"));
      assert.deepEqual(carried.map((r) => r.path), [], "no request anywhere carried a refused value");
    },
  },
  {
    name: "secrets: nothing the content script receives or can read holds a secret, through mute, pause, failure and unmute",
    skip: { firefox: "Firefox has no storage.local.setAccessLevel: its content scripts can read storage.local, keys included (README, Where your keys live)" },
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      await evaluateInContentScript(page, `
        globalThis.__received = [];
        const record = (kind) => (value) => globalThis.__received.push(JSON.stringify([kind, value]));
        const send = chrome.runtime.sendMessage.bind(chrome.runtime);
        chrome.runtime.sendMessage = (...args) => send(...args).then((reply) => { record("reply")(reply); return reply; });
        chrome.storage.onChanged.addListener((changes, area) => record("storage:" + area)(changes));
        chrome.runtime.onMessage.addListener(record("message"));`);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      await env.fake.addFaults(world.consumerKey, [{ kind: "unauthorized", match: { method: "DELETE" } }]);
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "queued" });
      await signIn(env.browser, world);
      await expectButton(page, { label: "Mute", state: "idle" });
      await fromContentScript(page, { type: "mute", userId: SUSPENDED.id });
      await fromContentScript(page, { type: "status", userId: ALICE.id });

      const seen = await evaluateInContentScript(page, `
        const read = (area) => chrome.storage[area].get(null).then((v) => v, (e) => "refused: " + e.message);
        return {
          received: globalThis.__received,
          local: await read("local"),
          session: await read("session"),
          dom: document.documentElement.outerHTML,
          namespace: Object.keys(globalThis.XMute ?? {}),
        };`);
      assert.ok(seen.received.length >= 6, `the recorder saw the traffic (${seen.received.length})`);
      assert.ok(seen.received.some((r) => r.includes("storage:session")), "view updates were recorded");
      assert.match(String(seen.local), /^refused: /);
      const exposed = JSON.stringify(seen);
      for (const secret of [...secretsOf(world), world.consumerKey]) {
        assert.ok(!exposed.includes(secret), "no credential reaches the content-script world");
      }
    },
  },
];
