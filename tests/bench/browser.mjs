// The few browser steps the benchmarks need, on top of tests/e2e/harness.mjs (the fake X
// server and Chromium with dist/chrome). Small copies of what tests/e2e/drive.mjs does, kept
// here so that changes to the e2e helpers do not move the benchmark.
import { waitFor } from "../e2e/harness.mjs";

import { launchBrowser as launch } from "../e2e/harness.mjs";

export { startFakeX, waitFor } from "../e2e/harness.mjs";

/**
 * Chromium with dist/chrome (tests/e2e/harness.mjs), once the tab XMute opens on install is
 * there and closed again, so that it cannot interrupt the benchmark's own navigation.
 */
export async function launchBrowser(httpsPort) {
  const browser = await launch(httpsPort);
  const isOptions = (page) => page.url().startsWith(browser.optionsUrl);
  const tab = await waitFor(() => browser.context.pages().find(isOptions) ?? false, { what: "the install tab", timeout: 3000 })
    .catch(() => null); // an extension that opens no tab on install is fine too
  if (tab) await tab.close();
  return browser;
}

export const BUTTON = '[data-testid="xmute-button"]';

/** Saves `world`'s keys and tokens through the options page, as a user would. */
export async function signIn(browser, world) {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.optionsUrl);
    await page.fill("#consumer-key", world.consumerKey);
    await page.fill("#consumer-secret", world.consumerSecret);
    await page.fill("#access-token", world.token);
    await page.fill("#access-token-secret", world.tokenSecret);
    await page.click("#save");
    let status = "";
    await waitFor(async () => /^Saved\./.test(status = (await page.locator("#status").textContent()) ?? ""), { what: "Saved." })
      .catch(async (error) => {
        const probe = await page.evaluate(() => [chrome.i18n.getMessage("saved", ["x"]), chrome.i18n.getMessage("extName"), document.documentElement.lang]).catch((e) => String(e));
        throw new Error(`${error.message}; the page says ${JSON.stringify(status)}; ${JSON.stringify(probe)}`);
      });
  } finally {
    await page.close();
  }
}

/**
 * Navigates `page` to x.com at `pathname` and waits for the fixture to render it. A refused
 * connection is tried again once, half a second later (seen once, right after start-up).
 */
export async function gotoX(page, pathname) {
  const url = `https://x.com${pathname}`;
  await page.goto(url).catch(async (error) => {
    if (!/ERR_CONNECTION_REFUSED/.test(String(error))) throw error;
    console.error(`bench: ${url} refused the connection; trying once more`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.goto(url);
  });
  await page.waitForFunction(() => document.body.dataset.fixtureRoute !== undefined);
}

/** Opens x.com at `pathname` in a new tab and waits for the fixture to render it. */
export async function openX(browser, pathname) {
  // The adapter's page (a Playwright page that knows its adapter: evaluateInContentScript).
  const page = await browser.newPage();
  await gotoX(page, pathname);
  return page;
}

/** Waits until the page shows one XMute button whose label is `label` and which is not busy. */
export function buttonSettled(page, label, timeout = 10_000) {
  return waitFor(() => page.evaluate(([selector, wanted]) => {
    const buttons = document.querySelectorAll(selector);
    const state = buttons[0]?.closest("[data-xmute-root]")?.getAttribute("data-state");
    return buttons.length === 1 && buttons[0].textContent === wanted && state !== "pending";
  }, [BUTTON, label]), { what: `the button to show ${label}`, timeout });
}

/** Sets rate limits on the fake high enough that no benchmark run meets one. */
export async function liftRateLimits(fake) {
  const response = await fetch(`http://127.0.0.1:${fake.ports.http}/__control/limits`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ mute: { limit: 100_000 }, unmute: { limit: 100_000 }, v1Mute: { limit: 100_000 }, v1Unmute: { limit: 100_000 } }),
  });
  if (!response.ok) throw new Error(`POST /__control/limits: ${response.status}`);
}
