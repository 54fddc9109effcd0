// Driving XMute and the x.com fixture the way a user would, and reading what they show.
import { waitFor } from "./harness.mjs";

export const BUTTON = '[data-testid="xmute-button"]';

/**
 * Opens the options page, fills the keys and tokens of `world`, saves, and waits for the
 * confirmation and for the mute-list read that saving starts.
 */
export async function signIn(browser, world) {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.optionsUrl);
    await fillCredentials(page, world);
    await page.selectOption("#api-version", "auto");
    await page.click("#save");
    await waitForText(page, "#status", /^Saved\./);
    // Saving starts a read of the mute list from X in the background; wait for its outcome so
    // that no scenario races it (scenarios that count requests leave those reads out).
    await waitFor(async () => {
      const { muteList, credentials } = await page.evaluate(() => chrome.storage.local.get(["muteList", "credentials"]));
      return muteList !== undefined && muteList.savedAt === credentials?.savedAt;
    }, { what: "the sign-in's read of the mute list" });
  } finally {
    await page.close();
  }
}

/** The API requests the fake recorded for `world` other than reads of the mute list. */
export async function actionRequests(fake, world) {
  const listRead = (r) => r.method === "GET" && (/^\/2\/users\/\d+\/muting$/.test(r.path) || r.path === "/1.1/mutes/users/ids.json");
  return (await fake.requests(world.consumerKey)).filter((r) => !listRead(r));
}

export async function fillCredentials(page, world) {
  await page.fill("#consumer-key", world.consumerKey);
  await page.fill("#consumer-secret", world.consumerSecret);
  await page.fill("#access-token", world.token ?? "");
  await page.fill("#access-token-secret", world.tokenSecret ?? "");
}

/** Waits until `selector`'s text matches `pattern`; returns the text. */
export async function waitForText(page, selector, pattern, timeout = 10_000) {
  let last = "";
  try {
    return await waitFor(async () => {
      last = (await page.locator(selector).textContent()) ?? "";
      return pattern.test(last) ? last : null;
    }, { what: `${selector} to match ${pattern}`, timeout });
  } catch (error) {
    throw new Error(`${error.message}; it says ${JSON.stringify(last)}`);
  }
}

/** Opens x.com at `path` in a new tab and waits for the fixture to render it. */
export async function openX(browser, path) {
  const page = await browser.context.newPage();
  await page.goto(`https://x.com${path}`);
  await fixtureRendered(page);
  return page;
}

/** Waits until the fixture has rendered the page for the current URL. */
export async function fixtureRendered(page) {
  await page.waitForFunction(() => document.body.dataset.fixtureRoute !== undefined);
  return page.evaluate(() => document.body.dataset.fixtureRoute);
}

/** Navigates inside the fixture app (history.pushState + async render). */
export async function navigate(page, path) {
  await page.evaluate((p) => window.__fixture.navigate(p), path);
  return fixtureRendered(page);
}

/** What the XMute buttons on `page` show. */
export function buttons(page) {
  return page.evaluate((selector) => [...document.querySelectorAll(selector)].map((button) => ({
    label: button.textContent,
    pressed: button.getAttribute("aria-pressed"),
    state: button.closest("[data-xmute-root]")?.dataset.state,
    title: button.title,
    status: button.closest("[data-xmute-root]")?.querySelector('[data-testid="xmute-status"]')?.textContent ?? "",
  })), BUTTON);
}

/**
 * Waits until `page` shows exactly one XMute button matching `expected` (label, state,
 * screenName, status pattern); returns it.
 * @param {{ label?: string, state?: string, screenName?: string, status?: RegExp }} expected
 */
export async function expectButton(page, expected, timeout = 10_000) {
  let last = [];
  const matches = (b) =>
    (!expected.label || (b.label === expected.label && b.pressed === String(expected.label === "Unmute"))) &&
    (!expected.state || b.state === expected.state) &&
    (!expected.screenName || b.title.includes(`@${expected.screenName} `)) &&
    (!expected.status || expected.status.test(b.status));
  try {
    return await waitFor(async () => {
      last = await buttons(page);
      return last.length === 1 && matches(last[0]) ? last[0] : null;
    }, { what: `one button like ${JSON.stringify(expected, (k, v) => (v instanceof RegExp ? String(v) : v))}`, timeout });
  } catch (error) {
    throw new Error(`${error.message}; the page shows ${JSON.stringify(last)}`);
  }
}

/** Reads keys of chrome.storage.local through the options page (a trusted extension page). */
export async function extensionStorage(browser, keys) {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.optionsUrl);
    return await page.evaluate((k) => chrome.storage.local.get(k), keys);
  } finally {
    await page.close();
  }
}

/** The API requests the fake recorded for `world` that match `method` and `path` (a RegExp). */
export async function apiRequests(fake, world, method, path) {
  return (await fake.requests(world.consumerKey)).filter((r) => r.method === method && path.test(r.path));
}
