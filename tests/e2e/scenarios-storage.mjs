// Storage across versions (issue 16): a profile stored by XMute 0.1 (layout 1, captured from the
// built extension after real use: tests/fixtures/storage-v1.json) is migrated when the new
// version's worker starts, and the user finds their mutes, queue and history as they were.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { BUTTON, apiRequests, expectButton, history, inOptionsPage, queued, signIn, waitForText } from "./drive.mjs";
import { ROOT, stopServiceWorker } from "./harness.mjs";
import { ALICE, BOB, CAROL } from "./people.mjs";


export const storageScenarios = [
  {
    name: "update: a profile stored by XMute 0.1 keeps its mutes, queue and history (migrated when the new worker starts)",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const snapshot = JSON.parse(await readFile(path.join(ROOT, "tests/fixtures/storage-v1.json"), "utf8"));
      // The stored profile, as this world's account: its keys, and its id in the sent log.
      snapshot.credentials = { ...snapshot.credentials, consumerKey: world.consumerKey, consumerSecret: world.consumerSecret,
        token: world.token, tokenSecret: world.tokenSecret };
      snapshot.queueState.sent.account = world.userId;
      const bobItem = snapshot.pending[BOB.id];
      snapshot.pending[BOB.id] = { ...bobItem, runAt: Date.now() + 3_600_000 }; // still held, an hour from now
      snapshot.queueState.blocked.mute = Date.now() + 3_600_000;
      await inOptionsPage(env.browser, async (stored) => {
        await chrome.storage.local.clear();
        await chrome.storage.local.set(stored);
        await chrome.storage.session.clear();
      }, snapshot);

      const page = await env.open(`/${ALICE.screenName}`);
      await stopServiceWorker(page); // the update: a new worker starts with the old layout
      await page.reload();
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });
      const carol = await env.open(`/${CAROL.screenName}`);
      await expectButton(carol, { label: "Mute", screenName: CAROL.screenName });
      const bob = await env.open(`/${BOB.screenName}`);
      await expectButton(bob, { label: "Unmute", state: "queued", status: /^Rate limited: mutes at / });

      const { schema, layout1 } = await inOptionsPage(env.browser, async () => {
        const all = await chrome.storage.local.get(null);
        return { schema: all.schema, layout1: ["mutes", "names", "pending", "queueState", "history", "spend", "apiInUse"].filter((k) => k in all) };
      });
      assert.deepEqual([schema, layout1], [2, []]);
      assert.equal((await queued(env.browser, BOB)).id, bobItem.id, "the queued mute is the same item");
      assert.deepEqual((await history(env.browser)).map((e) => [e.action, e.screenName, e.result]),
        snapshot.history.map((e) => [e.action, e.screenName, e.result]));
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await waitForText(options, `#queue-rows tr[data-key="${BOB.id}"]`, /Rate limited: mutes at/);
        assert.equal(await options.locator("#history-rows tr").count(), snapshot.history.length);
        await waitForText(options, "#spend-month", /^This month: /);
      } finally {
        await options.close();
      }
      assert.deepEqual(await env.fake.requests(world.consumerKey), [], "the update sent X nothing");
      await bob.click(BUTTON); // the user changes their mind: the held mute is cancelled, unsent
      await expectButton(bob, { label: "Mute", state: "done" });
      assert.equal(await queued(env.browser, BOB), undefined);
      assert.deepEqual(await env.fake.requests(world.consumerKey), []);
    },
  },
  {
    name: "what the client learned outlives the worker: a clock X corrected once is not relearned with a failed request after a restart",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      // X's clock is 15 minutes ahead of this computer's: the first signature is refused (135)
      // and corrected from X's Date header.
      const response = await fetch(`http://127.0.0.1:${env.fake.ports.http}/__control/clock`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ consumerKey: world.consumerKey, offset: 900 }),
      });
      assert.equal(response.status, 200);
      const alice = await env.open(`/${ALICE.screenName}`);
      await alice.click(BUTTON);
      await expectButton(alice, { label: "Unmute", state: "done" });
      const V2 = /^\/2\/users\/\d+\/muting/;
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2)).map((r) => r.status), [401, 200]);
      const { client } = await inOptionsPage(env.browser, () => chrome.storage.local.get("client"));
      assert.ok(Math.abs(client.state.clockOffset - 900) <= 2, `learned ${client.state.clockOffset} s`);

      await stopServiceWorker(alice);
      const bob = await env.open(`/${BOB.screenName}`);
      await bob.click(BUTTON);
      await expectButton(bob, { label: "Unmute", state: "done" });
      assert.deepEqual((await apiRequests(env.fake, world, "POST", V2)).map((r) => r.status), [401, 200, 200],
        "the new worker signed with the learned offset at once");
    },
  },
];
