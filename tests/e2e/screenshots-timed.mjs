// Saves the README's pictures of timed mutes (section "Mute for a while"), from the built
// extension in headless Chromium against the fake X server:
//   docs/timed-menu.png   the profile button's menu of timed mutes, open (light theme)
//   docs/timed-until.png  the button of an account muted for 7 days (dark theme)
// Run: node tests/e2e/screenshots-timed.mjs (after ./build.sh).
import { BUTTON, expectButton, openX, signIn } from "./drive.mjs";
import { launchBrowser, startFakeX, waitFor } from "./harness.mjs";
import { shootAround } from "./shoot.mjs";

const MENU = '[data-testid="xmute-menu"]';

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
try {
  await signIn(browser, await fake.createWorld({ screenName: "xmute_demo" }));
  const light = await openX(browser, "/alice_fixture?theme=light");
  await expectButton(light, { label: "Mute" });
  await light.focus('[data-testid="xmute-menu-button"]');
  await light.keyboard.press("Enter");
  await light.locator(MENU).waitFor();
  await shootAround(light, ['[data-testid="primaryColumn"] [data-testid="1000000001-follow"]', "[data-xmute-root]", MENU], "timed-menu", { mouseAway: true });

  const dark = await openX(browser, "/bob_fixture?theme=dark");
  await expectButton(dark, { label: "Mute" });
  await dark.click('[data-testid="xmute-menu-button"]');
  await dark.click(`${MENU} [role="menuitem"]:has-text("7 days")`);
  await waitFor(async () => /^Muted until /.test((await dark.textContent(BUTTON)) ?? ""), { what: "Muted until" });
  await dark.keyboard.press("Escape"); // the Undo toast: not part of this picture
  await dark.locator('[data-testid="xmute-undo-toast"]').waitFor({ state: "detached" });
  await shootAround(dark, ['[data-testid="primaryColumn"] [data-testid="1000000002-follow"]', "[data-xmute-root]"], "timed-until", { mouseAway: true });
} finally {
  await browser.close();
  await fake.stop();
}
