// Saves the README's pictures of the button on the fixture profile, from the built extension in
// headless Chromium against the fake X server:
//   docs/button-light.png  before muting (light theme)
//   docs/button-dark.png   after muting (dark theme)
//   docs/button-error.png  the message shown before any keys are saved (dim theme)
// Run: node tests/e2e/screenshots.mjs (after ./build.sh).
import path from "node:path";
import { BUTTON, expectButton, openX, signIn } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";

/** Screenshots the profile header (banner to tabs) of `page` to docs/<name>.png. */
async function shoot(page, name) {
  await page.mouse.move(0, 0);
  const top = await page.locator('[data-testid="primaryColumn"] .banner').boundingBox();
  const tabs = await page.locator('[data-testid="primaryColumn"] .tabs').boundingBox();
  const clip = { x: top.x, y: top.y, width: top.width, height: tabs.y + tabs.height - top.y };
  await page.screenshot({ path: path.join(ROOT, "docs", `${name}.png`), clip });
}

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
try {
  const signedOut = await openX(browser, "/alice_fixture?theme=dim");
  await signedOut.click(BUTTON);
  await expectButton(signedOut, { state: "error" });
  await shoot(signedOut, "button-error");

  await signIn(browser, await fake.createWorld({ screenName: "xmute_demo" }));
  const light = await openX(browser, "/alice_fixture?theme=light");
  await expectButton(light, { label: "Mute" });
  await shoot(light, "button-light");

  const dark = await openX(browser, "/alice_fixture?theme=dark");
  await dark.click(BUTTON);
  await expectButton(dark, { label: "Unmute", state: "done" });
  await shoot(dark, "button-dark");
} finally {
  await browser.close();
  await fake.stop();
}
