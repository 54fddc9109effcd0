// Saves the README's pictures of *Several X accounts*, from the built extension in headless
// Chromium against the fake X server:
//   docs/accounts-ask.png      the question on x.com when x.com is signed in as an account XMute
//                              does not have (light theme)
//   docs/accounts-options.png  the options page's X accounts section with two accounts
// Run: node tests/e2e/screenshots-accounts.mjs (after ./build.sh).
import path from "node:path";
import { BUTTON, expectButton, openX, signInToX } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";
import { signInByPin } from "./scenarios-accounts.mjs";

const ERIN = { id: "1000000005", screenName: "erin_fixture" };

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
try {
  const env = { browser, fake, secrets: new Set() };
  const world = await fake.createWorld({});
  await signInByPin(env, world);
  await signInByPin(env, world, ERIN);

  await signInToX(browser, "frank_fixture");
  const page = await openX(browser, "/bob_fixture?theme=light");
  await expectButton(page, { label: "Mute" });
  await page.click(BUTTON);
  const ask = page.locator('[data-testid="xmute-ask"]');
  await ask.waitFor();
  const box = await ask.boundingBox();
  const margin = 24;
  await page.screenshot({
    path: path.join(ROOT, "docs", "accounts-ask.png"),
    clip: { x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin },
  });

  const options = await browser.newPage();
  await options.goto(browser.optionsUrl);
  await options.locator("#account-view-row:not([hidden])").waitFor();
  await options.locator("#accounts").screenshot({ path: path.join(ROOT, "docs", "accounts-options.png") });
} finally {
  await browser.close();
  await fake.stop();
}
