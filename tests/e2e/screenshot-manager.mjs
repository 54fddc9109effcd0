// Saves the README's pictures of the manager page: docs/manager.png (240 muted accounts, two
// selected, the Unmute button saying the cost) and docs/import-plan.png (what an import will do,
// before anything is queued). Headless Chromium, the built extension
// (dist/chrome), the fake X server. Run: node tests/e2e/screenshot-manager.mjs (after the build).
import path from "node:path";
import { inOptionsPage, signIn, waitForText } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";
import { shootAround } from "./shoot.mjs";

const NAMES = ["ada", "bea", "cyd", "dot", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lou"];

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
try {
  const world = await fake.createWorld({ screenName: "xmute_demo" });
  await signIn(browser, world);
  await inOptionsPage(browser, async ([acct, names]) => {
    const seed = {};
    const now = Date.now();
    for (let i = 0; i < 240; i += 1) {
      const id = String(1_500_000_000 + i * 7919);
      seed[`m:${acct}:${id}`] = { muted: true, at: now - i * 3_600_000, via: "2", ...(i % 9 === 0 ? { until: now + (i + 1) * 86_400_000 } : {}) };
      seed[`l:${id}`] = [`@${names[i % names.length]}_${String(i).padStart(3, "0")}`];
    }
    await chrome.storage.local.set(seed);
  }, [world.userId, NAMES]);
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(browser.optionsUrl.replace(/options\.html$/, "manager.html"));
  await waitForText(page, "#shown", /^Showing 240 of 240 accounts\.$/);
  await page.selectOption("#sort", "newest");
  await page.click('#viewport [aria-rowindex="3"] input[type="checkbox"]');
  await page.click('#viewport [aria-rowindex="4"] input[type="checkbox"]');
  await waitForText(page, "#unmute-selected", /^Unmute 2 accounts/);
  const top = await page.locator("h1").boundingBox();
  const bottom = await page.locator("#manager-status").boundingBox();
  await page.screenshot({ path: path.join(ROOT, "docs", "manager.png"),
    clip: { x: 0, y: Math.max(0, top.y - 16), width: 1000, height: bottom.y - top.y + 32 } });
  console.log("saved docs/manager.png");

  // An import: X's archive format would do as well; a list shows each kind of line.
  const list = ["@new_friend", "@another_one", "1500000000", "1500007919", "2000000777", "@another_one", "not a handle!", "@x"].join("\n");
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "people-to-mute.txt", { type: "text/plain" }));
    const input = /** @type {HTMLInputElement} */ (document.getElementById("import-file"));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, list);
  await waitForText(page, "#import-summary", /^people-to-mute\.txt/);
  await page.locator("#import-heading").scrollIntoViewIfNeeded();
  await shootAround(page, ["#import-heading", "#import-plan"], "import-plan", { mouseAway: true });
  console.log("saved docs/import-plan.png");
} finally {
  await browser.close();
  await fake.stop();
}
