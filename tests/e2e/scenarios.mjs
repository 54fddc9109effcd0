// The end-to-end scenarios, in the order suite.mjs runs them. Each gets { fake, browser, newWorld,
// open }: `newWorld(options)` makes an isolated world on the fake X server (options as for
// POST /__control/worlds, e.g. { billing: "legacy" } for an app that may use v1.1; the default is
// a pay-per-use app) and remembers its secrets for the console check; `open` opens x.com pages
// that are screenshotted if the scenario fails.
import assert from "node:assert/strict";
import {
  BUTTON, apiRequests, buttons, expectButton, extensionStorage, fillCredentials, fixtureRendered,
  hoverForCard, navigate, signIn, signInToX, waitForText,
} from "./drive.mjs";
import { evaluateInContentScript, waitFor } from "./harness.mjs";
import { ALICE, BOB, CAROL } from "./people.mjs";

const V2_MUTE = /^\/2\/users\/\d+\/muting$/;

/**
 * Signs in with a new world (`worldOptions` as for POST /__control/worlds) and opens `user`'s
 * profile with its button showing Mute.
 */
async function signedInOnProfile({ browser, newWorld, open }, user, worldOptions = {}) {
  const world = await newWorld(worldOptions);
  await signIn(browser, world);
  const page = await open(`/${user.screenName}`);
  await expectButton(page, { label: "Mute", screenName: user.screenName });
  return { world, page };
}

export const scenarios = [
  {
    name: "7 no credentials: the button says to add the API keys",
    async run({ open }) {
      const page = await open(`/${ALICE.screenName}`);
      await expectButton(page, { label: "Mute", state: "idle", screenName: ALICE.screenName });
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "error", status: /^Add your API keys in XMute's options\.$/ });
    },
  },
  {
    name: "1 options: validation, save, verify shows the screen name",
    async run({ browser, fake, newWorld }) {
      const world = await newWorld();
      const page = await browser.newPage();
      try {
        await page.goto(browser.optionsUrl);
        await fillCredentials(page, { ...world, consumerSecret: ` ${world.consumerSecret}` });
        await page.click("#save");
        await waitForText(page, "#status", /contains a space or line break/);
        assert.equal(await page.getAttribute("#consumer-secret", "aria-invalid"), "true");
        await fillCredentials(page, { ...world, token: `${world.token}\u2019` });
        await page.click("#save");
        await waitForText(page, "#status", /^Access token contains a character that is not plain ASCII/);
        await fillCredentials(page, { ...world, tokenSecret: "" });
        await page.click("#save");
        await waitForText(page, "#status", /^Access token secret is empty\.$/);

        await fillCredentials(page, world);
        await page.click("#save");
        await waitForText(page, "#status", /^Saved\./);
        await page.click("#verify");
        await waitForText(page, "#status", new RegExp(`^Verified: these keys sign in as @${world.screenName}\\.$`));
        await waitForText(page, "#account", new RegExp(`^Signed in as @${world.screenName}$`));
        const [check] = await apiRequests(fake, world, "GET", /^\/2\/users\/me$/);
        assert.ok(check?.verified, "GET /2/users/me was signed correctly");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "2 mute on a profile: one button, a verified v2 mute for the right id, Unmute",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done", screenName: ALICE.screenName });
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(mutes.length, 1, "exactly one mute request");
      assert.equal(mutes[0].path, `/2/users/${world.userId}/muting`);
      assert.deepEqual(JSON.parse(mutes[0].body), { target_user_id: ALICE.id });
      assert.equal(mutes[0].verified, true, "oauthlib verified the signature");
      assert.equal(mutes[0].status, 200);
      assert.equal(mutes[0].host, "api.x.com");
      const state = await env.fake.state(world.consumerKey);
      assert.deepEqual(state.muting[world.userId], [ALICE.id]);
    },
  },
  {
    name: "3 unmute: DELETE, then Mute; a reload shows the stored state",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      await page.reload();
      await fixtureRendered(page);
      await expectButton(page, { label: "Unmute", state: "idle", screenName: ALICE.screenName });
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "done" });
      const [unmute, ...more] = await apiRequests(env.fake, world, "DELETE", /muting/);
      assert.equal(more.length, 0, "exactly one unmute request");
      assert.equal(unmute.path, `/2/users/${world.userId}/muting/${ALICE.id}`);
      assert.equal(unmute.verified, true);
      assert.equal(unmute.status, 200);
      await page.reload();
      await fixtureRendered(page);
      await expectButton(page, { label: "Mute", state: "idle" });
      assert.deepEqual((await env.fake.state(world.consumerKey)).muting[world.userId] ?? [], []);
    },
  },
  {
    name: "4 SPA navigation and re-renders: one button, always for the profile on screen",
    async run(env) {
      const { page } = await signedInOnProfile(env, ALICE);
      // Record, in the page, the most buttons ever present at once and whose profile each
      // button named while the URL named a profile.
      await page.evaluate((selector) => {
        window.__seen = { max: 1, mismatches: [] };
        new MutationObserver(() => {
          const all = document.querySelectorAll(selector);
          window.__seen.max = Math.max(window.__seen.max, all.length);
          const inUrl = location.pathname.split("/")[1].toLowerCase();
          for (const button of all) {
            const owner = /@(\w+) /.exec(button.title)?.[1].toLowerCase();
            if (owner !== inUrl) window.__seen.mismatches.push(`${location.pathname}: ${button.title}`);
          }
        }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
      }, BUTTON);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });

      await navigate(page, `/${BOB.screenName}`);
      await expectButton(page, { label: "Mute", screenName: BOB.screenName });
      await page.evaluate(() => window.__fixture.rerender());
      await expectButton(page, { label: "Mute", screenName: BOB.screenName });
      await page.goBack();
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });
      await page.click('[role="tab"]:has-text("Media")');
      assert.equal(await fixtureRendered(page), `profile:${ALICE.screenName}`);
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });
      await navigate(page, "/home");
      assert.deepEqual(await buttons(page), []);
      await navigate(page, `/${ALICE.screenName}`);
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });
      await page.click(`[data-testid="${ALICE.id}-follow"]`); // React-style attribute change
      await expectButton(page, { label: "Unmute", screenName: ALICE.screenName });

      const seen = await page.evaluate(() => window.__seen);
      assert.equal(seen.max, 1, "never more than one button");
      assert.deepEqual(seen.mismatches, [], "every button belonged to the profile in the URL");
    },
  },
  {
    name: "5 own profile, other pages, hover cards: no button",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      const page = await env.open("/home");
      await page.evaluate((me) => localStorage.setItem("fixtureMe", me), world.screenName);
      const pages = [
        "/home", "/explore", "/notifications", "/messages", "/settings/profile", "/i/bookmarks",
        "/search?q=mute", "/compose/post", "/nobody_here_x", "/suspended_fix",
        `/${world.screenName}`, `/${world.screenName}/likes`,
      ];
      for (const path of pages) {
        // A profile with a button first, so "no button" below is not just "not yet".
        await navigate(page, `/${BOB.screenName}`);
        await expectButton(page, { screenName: BOB.screenName });
        await navigate(page, path);
        assert.deepEqual(await buttons(page), [], `no button on ${path}`);
      }
      assert.equal(await page.locator('[data-testid="editProfileButton"]').count(), 1);

      await navigate(page, "/home");
      await hoverForCard(page, `article [data-testid="User-Name"] a[href="/${CAROL.screenName}"]`);
      await page.locator('#layers [data-testid="HoverCard"] [data-testid="placementTracking"]').waitFor();
      assert.deepEqual(await buttons(page), [], "no button in a hover card");
    },
  },
  {
    name: "6 403 client-not-enrolled: falls back to v1.1 create.json and stays there",
    async run(env) {
      // An app from before pay-per-use, where v1.1 still works.
      const { world, page } = await signedInOnProfile(env, ALICE, { billing: "legacy" });
      await env.fake.addFaults(world.consumerKey, [{ kind: "not_enrolled", match: { method: "POST", path: "^/2/users/\\d+/muting$" } }]);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      const [v2] = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(v2.status, 403);
      assert.equal(v2.fault, "not_enrolled");
      const [v1] = await apiRequests(env.fake, world, "POST", /^\/1\.1\/mutes\/users\/create\.json$/);
      assert.equal(v1.verified, true);
      assert.equal(v1.status, 200);
      assert.equal(new URLSearchParams(v1.target.split("?")[1] ?? v1.body).get("user_id"), ALICE.id);
      assert.equal((await extensionStorage(env.browser, "client")).client?.state?.apiVersion, "1.1");

      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "done" });
      const [destroy] = await apiRequests(env.fake, world, "POST", /^\/1\.1\/mutes\/users\/destroy\.json$/);
      assert.equal(destroy.status, 200);
      assert.deepEqual(await apiRequests(env.fake, world, "DELETE", /muting/), [], "no v2 unmute was tried");
    },
  },
  {
    name: "8 a page script's click() or dispatched events cause no request; the keyboard works",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      const after = await page.evaluate((selector) => {
        const button = document.querySelector(selector);
        button.click();
        button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
        button.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        return button.closest("[data-xmute-root]").dataset.state;
      }, BUTTON);
      assert.equal(after, "idle", "synthetic events left the button idle");
      await page.focus(BUTTON);
      await page.keyboard.press("Enter");
      await expectButton(page, { label: "Unmute", state: "done" });
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.equal(mutes.length, 1, "only the real key press muted");
      assert.deepEqual(await apiRequests(env.fake, world, "DELETE", /./), []);
    },
  },
  {
    name: "10 PIN sign-in on the authorize page (only the OAuth requests, nothing billable), then a mute with the new token",
    async run(env) {
      const world = await env.newWorld();
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await fillCredentials(options, { consumerKey: world.consumerKey, consumerSecret: world.consumerSecret });
        const authorize = await env.browser.waitForPage(() => options.click("#start-pin"));
        await authorize.waitForLoadState();
        assert.match(authorize.url(), /^https:\/\/api\.x\.com\/oauth\/authorize\?oauth_token=/);
        await authorize.click("#allow");
        const pin = (await authorize.locator("#oauth_pin").textContent()).trim();
        await authorize.close();
        await options.fill("#pin", pin);
        await options.click("#complete-pin");
        await waitForText(options, "#status", new RegExp(`^Signed in as @${world.screenName}\\. XMute is ready\\.$`));
        const token = await options.inputValue("#access-token");
        env.secrets.add(await options.inputValue("#access-token-secret"));
        assert.notEqual(token, world.token, "a new access token from the PIN flow");
        assert.ok(token.startsWith(`${world.userId}-`));
        // What XMute sent (the authorize page is the user's own visit, in the X tab).
        const signInRequests = (await env.fake.requests(world.consumerKey))
          .filter((r) => r.path !== "/oauth/authorize").map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(signInRequests, ["POST /oauth/request_token", "POST /oauth/access_token"],
          "the PIN sign-in sends only the OAuth requests it needs");
        assert.deepEqual((await env.fake.ledger(world.consumerKey)).entries, [], "nothing billable");

        await signInToX(env.browser, world.screenName);
        const page = await env.open(`/${CAROL.screenName}`);
        await page.click(BUTTON);
        await expectButton(page, { label: "Unmute", state: "done" });
        const [mute] = await apiRequests(env.fake, world, "POST", V2_MUTE);
        assert.equal(mute.verified, true);
        assert.equal(mute.oauth.oauth_token, token);
        assert.deepEqual(JSON.parse(mute.body), { target_user_id: CAROL.id });
      } finally {
        await options.close();
      }
    },
  },
  {
    name: "two tabs: a mute in one shows in the other within a second",
    async run(env) {
      const { page } = await signedInOnProfile(env, ALICE);
      const other = await env.open(`/${ALICE.screenName}`);
      await expectButton(other, { label: "Mute" });
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "done" });
      await expectButton(other, { label: "Unmute" }, 1000);
    },
  },
  {
    name: "429: the button says when the queued mute runs, and it runs then",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, BOB);
      await env.fake.addFaults(world.consumerKey, [{ kind: "rate_limit", resetIn: 2, match: { method: "POST", path: "^/2/users/\\d+/muting$" } }]);
      await page.click(BUTTON);
      await expectButton(page, { label: "Unmute", state: "queued", status: /^Rate limited: mutes at \d\d:\d\d/ });
      await expectButton(page, { label: "Unmute", state: "idle" }, 20_000);
      const mutes = await apiRequests(env.fake, world, "POST", V2_MUTE);
      assert.deepEqual(mutes.map((m) => m.status), [429, 200]);
    },
  },
  {
    name: "the background refuses sign-in commands from the content-script world and bad targets",
    async run(env) {
      const { world, page } = await signedInOnProfile(env, ALICE);
      const replies = await evaluateInContentScript(page, `
        const send = (message) => chrome.runtime.sendMessage(message);
        return {
          save: await send({ type: "saveCredentials", credentials: { consumerKey: "a", consumerSecret: "b", token: "c", tokenSecret: "d" } }),
          verify: await send({ type: "verify" }),
          unknown: await send({ type: "exportSecrets" }),
          badId: await send({ type: "mute", userId: "12ab" }),
          nobody: await send({ type: "status" }),
        };`);
      assert.deepEqual(Object.fromEntries(Object.entries(replies).map(([k, r]) => [k, [r.ok, r.error.name]])), {
        save: [false, "Refused"], verify: [false, "Refused"], unknown: [false, "Refused"],
        badId: [false, "InvalidInput"], nobody: [false, "InvalidInput"],
      });
      const stored = await extensionStorage(env.browser, "credentials");
      assert.equal(stored.credentials.consumerKey, world.consumerKey, "the credentials are unchanged");
      assert.deepEqual(await apiRequests(env.fake, world, "POST", /./), []);
    },
  },
  {
    name: "secrets: the content-script world cannot read chrome.storage.local; session holds no secret",
    skip: { firefox: "Firefox has no storage.local.setAccessLevel: its content scripts can read storage.local, keys included (README, Where your keys live)" },
    async run(env) {
      const { world, page } = await signedInOnProfile(env, CAROL);
      const seen = await evaluateInContentScript(page, `
        const read = (area) => chrome.storage[area].get(null).then((v) => ({ value: v }), (e) => ({ error: e.message }));
        return { local: await read("local"), session: await read("session"), sync: await read("sync") };`);
      assert.match(seen.local.error ?? "", /not allowed/, `local is closed: ${JSON.stringify(seen.local)}`);
      const publicKeys = Object.keys(seen.session.value ?? {});
      assert.deepEqual(publicKeys.filter((key) => key !== "pub" && key !== "rev" && !/^u:\d+:(?:\d+|@\w+)$/.test(key)), [],
        "session holds only the public state: settings, each person's state and the change count");
      assert.ok(publicKeys.includes("pub"));
      const exposed = JSON.stringify(seen);
      for (const secret of [world.consumerSecret, world.tokenSecret, world.token, world.consumerKey]) {
        assert.ok(!exposed.includes(secret), "no credential is readable from the content script");
      }
      const pageWorld = await page.evaluate(() => typeof globalThis.chrome?.storage);
      assert.equal(pageWorld, "undefined", "the page itself has no chrome.storage");
    },
  },
  {
    name: "9 no console message in any context contains a secret",
    async run(env) {
      // Probes first: a message from each kind of context must be captured, or the check below
      // would pass by seeing nothing.
      const probe = "xmute-e2e-console-probe";
      const page = await env.open(`/${ALICE.screenName}`);
      await evaluateInContentScript(page, `console.info("${probe} content");`);
      await page.evaluate((text) => console.info(`${text} page`), probe);
      await env.browser.logInBackground(`${probe} worker`);
      const options = await env.browser.newPage();
      await options.goto(env.browser.optionsUrl);
      await options.evaluate((text) => console.info(`${text} options`), probe);
      await options.close();
      await waitFor(() => ["content", "page", "worker", "options"].every((where) =>
        env.browser.consoleLog.some((entry) => entry.text === `${probe} ${where}`)), { what: "the console probes" });

      assert.ok(env.secrets.size >= 2);
      const leaks = env.browser.consoleLog.filter((entry) => [...env.secrets].some((s) => entry.text.includes(s)));
      assert.deepEqual(leaks, []);
      // The fake's own authorize page is not ours (its favicon request fails OAuth checks).
      const ours = (entry) => entry.source.startsWith(`${env.browser.extensionOrigin}/`) || entry.source.startsWith("https://x.com/");
      const errors = env.browser.consoleLog.filter((e) => ours(e) && (e.type === "error" || e.type === "pageerror"));
      assert.deepEqual(errors, [], "no errors in the extension's or x.com's consoles");
    },
  },
];
