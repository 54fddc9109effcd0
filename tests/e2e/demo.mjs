// ./build.sh demo: XMute against the fake X server's demo world, no X developer account needed.
// Starts the fake server, launches Chromium with dist/chrome loaded and the X hosts mapped to
// the fake, saves the demo credentials through the options page and opens a fixture profile.
// - With a display ($DISPLAY): a window to try the button in; close it to end the demo.
// - Without one: clicks the button headlessly and saves dist/demo.png (before | after).
// The demo credentials are the fake server's fixed demo world (tests/fake_x/README.md); they
// live here, never in the extension.
import path from "node:path";
import { BUTTON, expectButton, openX, signIn } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";

const DEMO_WORLD = {
  consumerKey: "xmute-demo-consumer-key",
  consumerSecret: "xmute-demo-consumer-secret-not-a-real-secret",
  token: "1234567890-xmutedemoaccesstoken0000000000000000",
  tokenSecret: "xmute-demo-token-secret-not-a-real-secret",
};
const PROFILE = "/alice_fixture";
const interactive = Boolean(process.env.DISPLAY);

const fake = await startFakeX({ demo: true });
const browser = await launchBrowser(fake.ports.https, { headless: !interactive });
try {
  await signIn(browser, DEMO_WORLD);
  const page = await openX(browser, PROFILE);
  await expectButton(page, { label: "Mute" });
  if (interactive) {
    await runWithWindow(page);
  } else {
    await runHeadless(page);
  }
} finally {
  await browser.close().catch(() => {});
  await fake.stop();
}

async function runWithWindow(page) {
  const options = await browser.context.newPage();
  await options.goto(browser.optionsUrl);
  await page.bringToFront();
  console.log(`XMute demo: https://x.com${PROFILE} is open with the demo keys saved in XMute's options.`);
  console.log("Click Mute, try other profiles (/bob_fixture, /home, ?theme=dark). Close the browser to end.");
  await new Promise((resolve) => browser.context.on("close", resolve));
}

async function runHeadless(page) {
  await page.emulateMedia({ reducedMotion: "reduce" }); // no hover transition in the picture
  const before = await page.screenshot();
  await page.click(BUTTON);
  await expectButton(page, { label: "Unmute", state: "done" });
  await page.mouse.move(0, 0);
  const after = await page.screenshot();
  const muted = (await fake.state(DEMO_WORLD.consumerKey)).muting["1234567890"] ?? [];
  if (!muted.includes("1000000001")) throw new Error("the demo mute did not reach the fake X server");

  // One picture: before on the left, after on the right.
  const sheet = await browser.context.newPage();
  const image = (png, caption) =>
    `<figure><figcaption>${caption}</figcaption><img src="data:image/png;base64,${png.toString("base64")}"></figure>`;
  await sheet.setContent(`<style>body{margin:0;display:inline-flex;gap:16px;padding:16px;font:16px sans-serif}
    figure{margin:0}img{width:640px;border:1px solid #ccc}</style>
    ${image(before, "Before: Mute")}${image(after, "After: the fake X server muted @alice_fixture")}`);
  await sheet.waitForFunction(() => [...document.images].every((img) => img.complete));
  const output = path.join(ROOT, "dist/demo.png");
  await sheet.locator("body").screenshot({ path: output });
  console.log(`XMute demo: muted @alice_fixture through the fake X API; saved ${path.relative(ROOT, output)}.`);
}
