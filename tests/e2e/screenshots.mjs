// Saves the README's pictures of the button on the fixture profile, from the built extension in
// headless Chromium against the fake X server:
//   docs/button-light.png  before muting (light theme)
//   docs/button-dark.png   after muting (dark theme)
//   docs/button-error.png  the message shown before any keys are saved (dim theme)
//   docs/surfaces-hovercard.png  a hover card's Mute beside its Follow (light theme)
//   docs/surfaces-cells.png      Who to follow with icon buttons, one account muted (dark theme)
//   docs/surfaces-tweets.png     tweets with the optional author-row buttons on (light theme)
//   docs/options-ja.png          the options page with the browser in Japanese, keys saved
// Run: node tests/e2e/screenshots.mjs (after ./build.sh).
import path from "node:path";
import { BUTTON, expectButton, openX, signIn } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX, waitFor } from "./harness.mjs";
import { shootAround } from "./shoot.mjs";

const SURFACE_BUTTON = '[data-testid="xmute-surface-button"]';

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

  // Hover card: hover an author, wait for the card's contents and its button.
  const home = await openX(browser, "/home?theme=light");
  await home.emulateMedia({ reducedMotion: "reduce" });
  await home.hover('article [data-testid="User-Name"] a.handle[href="/carol_fixture"]');
  await home.locator(`#layers ${SURFACE_BUTTON}`).waitFor();
  await shootAround(home, ['article:has(a.handle[href="/carol_fixture"]) [data-testid="User-Name"]', '#layers [data-testid="HoverCard"]'], "surfaces-hovercard");

  // Who to follow, dark theme, erin muted from her cell.
  const cells = await openX(browser, "/home?theme=dark");
  await cells.locator(`[aria-label="Who to follow"] ${SURFACE_BUTTON}[aria-label="Mute @erin_fixture"]`).click();
  await cells.locator(`${SURFACE_BUTTON}[aria-label="Unmute @erin_fixture"][aria-pressed="true"]`).waitFor();
  await cells.keyboard.press("Escape"); // the Undo toast: not part of this picture
  await cells.locator('[data-testid="xmute-undo-toast"]').waitFor({ state: "detached" });
  await cells.mouse.move(0, 0);
  await shootAround(cells, ['[aria-label="Who to follow"]'], "surfaces-cells");

  // Tweets, with the switch on in the options.
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await options.check("#tweet-buttons");
  await waitFor(async () => (await options.evaluate(() => chrome.storage.local.get("display"))).display?.tweetButtons, { what: "tweet buttons on" });
  await options.close();
  const tweets = await openX(browser, "/home?theme=light");
  await waitFor(async () => (await tweets.locator(`article ${SURFACE_BUTTON}`).count()) === 4, { what: "four tweet buttons" });
  await shootAround(tweets, ['[data-testid="primaryColumn"] article >> nth=0', '[data-testid="primaryColumn"] article >> nth=2'], "surfaces-tweets", { margin: 0 });

  // The options page with the browser in Japanese (Debian's chromium-l10n), keys saved.
  const japanese = await launchBrowser(fake.ports.https, { lang: "ja" });
  try {
    await signIn(japanese, await fake.createWorld({ screenName: "xmute_demo" }), /^保存しました。/);
    const page = await japanese.newPage();
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(japanese.optionsUrl);
    await page.locator("#spend-month").waitFor();
    await page.screenshot({ path: path.join(ROOT, "docs", "options-ja.png") });
  } finally {
    await japanese.close();
  }
} finally {
  await browser.close();
  await fake.stop();
}
