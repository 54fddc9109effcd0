// Accessibility, checked by axe-core (npm axe-core, its default rules: WCAG 2.x A and AA and
// best practices) in both browsers: the options page (empty of nothing: a queue row, the
// history, the selector-health notice), and XMute's buttons and notes on x.com in every state
// a user meets (Mute, Unmute, busy, queued, error, the Undo note), in X's light and dark themes.
// No violations.
import assert from "node:assert/strict";
import {
  BUTTON, SURFACE_BUTTON, axeViolations, clearTesting, expectButton, expectSurface, hoverForCard, inOptionsPage, setTesting, setTweetButtons, signIn, waitForText,
} from "./drive.mjs";
import { ALICE, BOB, CAROL, DAVE, ERIN } from "./people.mjs";

const MUTE_MATCH = { method: "POST", path: "^/2/users/\\d+/muting$" };
/** XMute's elements on x.com: the profile button's root and the small buttons' roots. */
const XMUTE = ["[data-xmute-root]", "[data-xmute-surface]"];

/** Asserts that axe finds nothing in `page` (within `include`), saying where it is if it does. */
async function noViolations(page, what, include = XMUTE) {
  const violations = await axeViolations(page, include);
  assert.deepEqual(violations, [], `axe-core on ${what}`);
}

export const accessibilityScenarios = [
  {
    name: "accessibility (axe-core): the options page, with a queue row, the history and the selector-health notice: no violations",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      // A failed action (a queue row with Retry) and a done one (the history).
      await env.fake.addFaults(world.consumerKey, [{ kind: "timestamp", times: 2, match: MUTE_MATCH }]);
      const page = await env.open(`/${BOB.screenName}`);
      await page.click(BUTTON);
      await expectButton(page, { label: "Mute", state: "error" });
      await inOptionsPage(env.browser, () => chrome.storage.local.set({ selectorHealth: { profile: { since: Date.now() } } }));
      const options = await env.browser.newPage();
      try {
        await options.goto(env.browser.optionsUrl);
        await options.locator(`#queue-rows tr[data-key="${BOB.id}"]`).waitFor();
        await options.locator("#health").waitFor();
        await waitForText(options, "#history-rows", /Failed|Done/);
        await noViolations(options, "the options page", []);
        // The Save button's white text on X's blue: contrast checked above; and the submit state.
        assert.equal(await options.getAttribute("#save", "type"), "submit");
      } finally {
        await inOptionsPage(env.browser, () => chrome.storage.local.remove("selectorHealth"));
        await options.close();
      }
    },
  },
  {
    name: "accessibility (axe-core): the profile button in every state (Mute, Unmute, busy, queued, error, Undo), light and dark: no violations",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      try {
        for (const theme of ["light", "dark"]) {
          const page = await env.open(`/${ALICE.screenName}?theme=${theme}`);
          await expectButton(page, { label: "Mute", state: "idle" });
          await noViolations(page, `Mute (${theme})`);
          await page.click(BUTTON);
          await expectButton(page, { label: "Unmute", state: "done" });
          await page.locator('[data-testid="xmute-undo-toast"]').waitFor();
          await noViolations(page, `Unmute with the Undo note (${theme})`);
          await page.click('[data-testid="xmute-undo"]');
          await expectButton(page, { label: "Mute", state: "done" });

          // Error: X rejects the time, twice (the core corrects once).
          await env.fake.addFaults(world.consumerKey, [{ kind: "timestamp", times: 2, match: MUTE_MATCH }]);
          await page.click(BUTTON);
          await expectButton(page, { label: "Mute", state: "error", status: /rejected the time/ });
          await noViolations(page, `error (${theme})`);

          // Queued: XMute's own window, lowered to 1, holds the mute; a second click cancels it.
          await setTesting(env.browser, { windowLimit: 1 });
          await page.click(BUTTON);
          await expectButton(page, { label: "Unmute", state: "queued", status: /^Queued: / });
          await noViolations(page, `queued (${theme})`);
          await page.click(BUTTON);
          await expectButton(page, { label: "Mute", state: "done" });
          await clearTesting(env.browser);

          // Busy: the mute hangs at X for a while.
          await env.fake.addFaults(world.consumerKey, [{ kind: "hang", seconds: 4, match: MUTE_MATCH }]);
          await page.click(BUTTON);
          await expectButton(page, { state: "pending" });
          await noViolations(page, `busy (${theme})`);
          await expectButton(page, { label: "Unmute", state: "done" }, 20_000);
          await page.click(BUTTON); // back to Mute for the next theme
          await expectButton(page, { label: "Mute", state: "done" });
        }
      } finally {
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "accessibility (axe-core): the small buttons in hover cards, cells and tweets in every state (Mute, Unmute, busy, queued, error, Undo), light and dark: no violations",
    async run(env) {
      const world = await env.newWorld();
      await signIn(env.browser, world);
      await setTweetButtons(env.browser, true);
      try {
        for (const theme of ["light", "dark"]) {
          const page = await env.open(`/home?tweets=12&theme=${theme}`);
          await expectSurface(page, { screenName: DAVE.screenName, muted: false, count: 1 });
          await expectSurface(page, { scope: "article", screenName: ALICE.screenName, muted: false, count: 1 });
          await noViolations(page, `Mute on cells and tweets (${theme})`);

          // Unmute and the Undo note, from a cell.
          await page.click(`[aria-label="Who to follow"] ${SURFACE_BUTTON}[aria-label="Mute @${DAVE.screenName}"]`);
          await expectSurface(page, { screenName: DAVE.screenName, muted: true, count: 1, state: "done" });
          await page.locator('[data-testid="xmute-undo-toast"]').waitFor();
          await noViolations(page, `Unmute with the Undo note (${theme})`);
          await page.keyboard.press("Escape");

          // Error, on a tweet's button (its message shown where it was pressed).
          await env.fake.addFaults(world.consumerKey, [{ kind: "timestamp", times: 2, match: MUTE_MATCH }]);
          await page.click(`article ${SURFACE_BUTTON}[aria-label="Mute @${ALICE.screenName}"]`);
          await expectSurface(page, { scope: "article", screenName: ALICE.screenName, muted: false, count: 1, state: "error" });
          await noViolations(page, `error (${theme})`);

          // Queued, from a cell.
          await setTesting(env.browser, { windowLimit: 1 });
          await page.click(`[aria-label="Who to follow"] ${SURFACE_BUTTON}[aria-label="Mute @${ERIN.screenName}"]`);
          await expectSurface(page, { screenName: ERIN.screenName, muted: true, count: 1, state: "queued" });
          await noViolations(page, `queued (${theme})`);
          await page.click(`[aria-label="Who to follow"] ${SURFACE_BUTTON}[aria-label="Unmute @${ERIN.screenName}"]`);
          await expectSurface(page, { screenName: ERIN.screenName, muted: false, count: 1 });
          await clearTesting(env.browser);

          // A hover card's pill, then busy on it.
          await hoverForCard(page, `article [data-testid="User-Name"] a.handle[href="/${CAROL.screenName}"]`);
          await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: false, count: 1 });
          await noViolations(page, `a hover card (${theme})`);
          await env.fake.addFaults(world.consumerKey, [{ kind: "hang", seconds: 4, match: MUTE_MATCH }]);
          await page.click(`#layers ${SURFACE_BUTTON}`);
          await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: false, count: 1, state: "pending" });
          await noViolations(page, `busy (${theme})`);
          await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: true, count: 1 }, 20_000);
          await page.click(`#layers ${SURFACE_BUTTON}`);
          await expectSurface(page, { scope: "#layers", screenName: CAROL.screenName, muted: false, count: 1, state: "done" });
          await page.mouse.move(0, 0);
          await page.click(`[aria-label="Who to follow"] ${SURFACE_BUTTON}[aria-label="Unmute @${DAVE.screenName}"]`);
          await expectSurface(page, { screenName: DAVE.screenName, muted: false, count: 1, state: "done" });
        }
      } finally {
        await clearTesting(env.browser);
        await setTweetButtons(env.browser, false);
      }
    },
  },
];
