// Saves the README's pictures of timed mutes (section "Mute for a while"), from the built
// extension in headless Chromium against the fake X server:
//   docs/timed-menu.png   the profile button's menu of timed mutes, open (light theme)
//   docs/timed-until.png  the button of an account muted for 7 days (dark theme)
// Run: node tests/e2e/screenshots-timed.mjs (after ./build.sh).
import path from "node:path";
import { BUTTON, expectButton, openX, signIn } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX, waitFor } from "./harness.mjs";

const MENU = '[data-testid="xmute-menu"]';

/** Screenshots the union of the boxes of `selectors` on `page`, with a margin, to docs/<name>.png. */
async function shootAround(page, selectors, name, margin = 12) {
  await page.mouse.move(0, 0);
  const boxes = await Promise.all(selectors.map((selector) => page.locator(selector).first().boundingBox()));
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  await page.screenshot({ path: path.join(ROOT, "docs", `${name}.png`), clip: { x, y, width: right - x, height: bottom - y } });
}

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
try {
  await signIn(browser, await fake.createWorld({ screenName: "xmute_demo" }));
  const light = await openX(browser, "/alice_fixture?theme=light");
  await expectButton(light, { label: "Mute" });
  await light.focus('[data-testid="xmute-menu-button"]');
  await light.keyboard.press("Enter");
  await light.locator(MENU).waitFor();
  await shootAround(light, ['[data-testid="primaryColumn"] [data-testid="1000000001-follow"]', "[data-xmute-root]", MENU], "timed-menu");

  const dark = await openX(browser, "/bob_fixture?theme=dark");
  await expectButton(dark, { label: "Mute" });
  await dark.click('[data-testid="xmute-menu-button"]');
  await dark.click(`${MENU} [role="menuitem"]:has-text("7 days")`);
  await waitFor(async () => /^Muted until /.test((await dark.textContent(BUTTON)) ?? ""), { what: "Muted until" });
  await dark.keyboard.press("Escape"); // the Undo toast: not part of this picture
  await dark.locator('[data-testid="xmute-undo-toast"]').waitFor({ state: "detached" });
  await shootAround(dark, ['[data-testid="primaryColumn"] [data-testid="1000000002-follow"]', "[data-xmute-root]"], "timed-until");
} finally {
  await browser.close();
  await fake.stop();
}
