import assert from "node:assert/strict";
// Driving XMute and the x.com fixture the way a user would, and reading what they show.
import { waitFor } from "./harness.mjs";

export const BUTTON = '[data-testid="xmute-button"]';
export const SURFACE_BUTTON = '[data-testid="xmute-surface-button"]';

/**
 * Opens the options page, fills the keys and tokens of `world`, saves, and waits for the
 * confirmation (`saved`: its words, in the browser's language). Saving sends X nothing.
 */
export async function signIn(browser, world, saved = /^Saved\./) {
  const page = await browser.newPage();
  try {
    await page.goto(browser.optionsUrl);
    await fillCredentials(page, world);
    await page.selectOption("#api-version", "auto");
    await page.click("#save");
    await waitForText(page, "#status", saved);
  } finally {
    await page.close();
  }
}

/**
 * Says which account the fixture x.com is signed in as in `browser` (its account link and own
 * profile; localStorage.fixtureMe), for the pages opened or reloaded after it; `null`: the
 * fixture's default (@xmute_demo). XMute asks before acting as an account other than the one
 * x.com is signed in as, once it knows its own accounts' screen names (PIN sign-in, Verify).
 */
export async function signInToX(browser, screenName) {
  const page = await browser.newPage();
  try {
    await page.goto("https://x.com/explore");
    await fixtureRendered(page);
    await page.evaluate((me) => (me ? localStorage.setItem("fixtureMe", me) : localStorage.removeItem("fixtureMe")), screenName ?? null);
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
  // The page fills the form from storage first (then marks it loaded): fill after that.
  await page.locator("#credentials-form[data-loaded]").waitFor();
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
  const page = await browser.newPage();
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
  const page = await browser.newPage();
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

/** Runs `fn(arg)` in XMute's options page, a trusted extension page. */
export async function inOptionsPage(browser, fn, arg) {
  const page = await browser.newPage();
  try {
    await page.goto(browser.optionsUrl);
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

/** Sets test-only settings (README: the `testing` storage key). */
export function setTesting(browser, values) {
  return inOptionsPage(browser, async (v) => {
    const { testing = {} } = await chrome.storage.local.get("testing");
    await chrome.storage.local.set({ testing: { ...testing, ...v } });
  }, values);
}

export function clearTesting(browser) {
  return inOptionsPage(browser, () => chrome.storage.local.remove("testing"));
}

/** Moves the queue's clock `ms` forward and fires its alarm now (it wakes a stopped worker). */
export function advanceQueue(browser, ms) {
  return inOptionsPage(browser, async (shift) => {
    const { testing = {} } = await chrome.storage.local.get("testing");
    await chrome.storage.local.set({ testing: { ...testing, clockShiftMs: (testing.clockShiftMs ?? 0) + shift } });
    await chrome.alarms.create("xmute-queue", { when: Date.now() });
  }, ms);
}

/** The queue item for `user`, as stored. */
export async function queued(browser, user) {
  return accountValue(browser, "q", user.id);
}

/** The signed-in account's history, newest first (the ring of shared/history.js). */
export async function history(browser) {
  return inOptionsPage(browser, async () => {
    const { credentials } = await chrome.storage.local.get("credentials");
    const acct = credentials?.userId ?? /^([0-9]+)-/.exec(credentials?.token ?? "")?.[1];
    const next = (await chrome.storage.local.get(`hist:${acct}`))[`hist:${acct}`]?.next ?? 0;
    const slots = Array.from({ length: Math.min(next, 100) }, (_, i) => `h:${acct}:${(next - 1 - i) % 100}`);
    const values = await chrome.storage.local.get(slots);
    return slots.map((slot) => values[slot]);
  });
}

/**
 * A value the signed-in account keeps (shared/keys.js): `accountValue(browser, "m", id)` is its
 * mute record for `id`, `("q", id)` its queued action, `("spend")` its spend by month.
 */
export async function accountValue(browser, kind, person) {
  return inOptionsPage(browser, async ([k, p]) => {
    const { credentials } = await chrome.storage.local.get("credentials");
    const acct = credentials?.userId ?? /^([0-9]+)-/.exec(credentials?.token ?? "")?.[1];
    const key = p == null ? `${k}:${acct}` : `${k}:${acct}:${p}`; // JSON turns undefined into null
    return (await chrome.storage.local.get(key))[key];
  }, [kind, person]);
}

/** Waits until the fake has recorded `count` requests matching `method` and `path`. */
export async function requestsRecorded(fake, world, method, path, count, timeout = 10_000) {
  return waitFor(async () => {
    const found = await apiRequests(fake, world, method, path);
    return found.length >= count ? found : null;
  }, { what: `${count} ${method} ${path} request(s) at the fake`, timeout });
}

/** Every XMute surface button on `page` (inside `scope`), as a user and a screen reader see it. */
export function surfaceButtons(page, scope = "body") {
  return page.evaluate(([scopeSelector, selector]) => [...document.querySelectorAll(`${scopeSelector} ${selector}`)].map((button) => {
    const root = button.closest("[data-xmute-surface]");
    return {
      surface: root?.dataset.xmuteSurface,
      name: button.getAttribute("aria-label"),
      pressed: button.getAttribute("aria-pressed"),
      state: root?.dataset.state,
      status: root?.querySelector('[data-testid="xmute-status"]')?.textContent ?? "",
    };
  }), [scope, SURFACE_BUTTON]);
}

/**
 * Waits until the surface buttons in `scope` named for `screenName` are `count` (default: at
 * least one) and all show `muted`; returns them.
 */
export async function expectSurface(page, { scope = "body", screenName, muted, count, state }, timeout = 10_000) {
  let last = [];
  const verb = muted ? "Unmute" : "Mute";
  try {
    return await waitFor(async () => {
      last = (await surfaceButtons(page, scope)).filter((b) => b.name?.toLowerCase().endsWith(`@${screenName.toLowerCase()}`));
      const ok = (count === undefined ? last.length > 0 : last.length === count)
        && last.every((b) => b.name === `${verb} @${screenName}` && b.pressed === String(muted) && (!state || b.state === state));
      return ok ? last : null;
    }, { what: `${count ?? "some"} ${verb} @${screenName} buttons in ${scope}`, timeout });
  } catch (error) {
    throw new Error(`${error.message}; found ${JSON.stringify(last)}`);
  }
}

/** The fake server's control API (seeding mute lists, changing rate limits). */
export async function control(fake, route, body) {
  const response = await fetch(`http://127.0.0.1:${fake.ports.http}${route}`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Says on X's side that `world`'s user mutes exactly `users` (as if muted in X's app). */
export function muteElsewhere(fake, world, users) {
  return control(fake, "/__control/state", { consumerKey: world.consumerKey, muting: { [world.userId]: users.map((u) => u.id) } });
}

/** Turns the tweet buttons on or off in XMute's options, as a user does. */
export async function setTweetButtons(browser, on) {
  const options = await browser.newPage();
  try {
    await options.goto(browser.optionsUrl);
    const toggle = options.locator("#tweet-buttons");
    assert.equal(await toggle.getAttribute("role"), "switch");
    if (on) await toggle.check();
    else await toggle.uncheck();
    await waitFor(async () => (await options.evaluate(() => chrome.storage.local.get("display"))).display?.tweetButtons === on,
      { what: `tweet buttons ${on ? "on" : "off"} in storage` });
  } finally {
    await options.close();
  }
}

/** Hovers `screenName`'s author link in the first tweet by them and waits for the card's contents. */
/**
 * Hovers the link `selector` with the link in the middle of the viewport first, so that the
 * hover card opening under it fits on screen: a click on the card then needs no scroll, which
 * would move the link from under the pointer and close the card (as it would for a user).
 */
export async function hoverForCard(page, selector) {
  await page.evaluate((css) => document.querySelector(css).scrollIntoView({ block: "center" }), selector);
  await page.hover(selector);
}

export async function openHoverCard(page, screenName) {
  await page.mouse.move(0, 0);
  await hoverForCard(page, `article [data-testid="User-Name"] a.handle[href="/${screenName}"]`);
  await page.locator(`#layers [data-testid="HoverCard"] [data-testid="UserName"]:has-text("@${screenName}")`).waitFor();
}

const AXE_SOURCE = await import("node:fs/promises").then((fs) =>
  fs.readFile(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8"));

/**
 * Runs axe-core (npm axe-core) in `page` over `include` (CSS selectors; the whole page when
 * empty) with its default rules (WCAG 2.x A and AA, and best practices); returns the
 * violations, each as `{ id, impact, nodes: ["target: why"] }`.
 * @param {string[]} [include]
 */
export async function axeViolations(page, include = []) {
  if (!(await page.evaluate(() => typeof window.axe?.run === "function"))) {
    await page.browserAdapter.injectScript(page, AXE_SOURCE);
  }
  return page.evaluate(async (selectors) => {
    const context = selectors.length ? { include: selectors.map((s) => [s]) } : document;
    const results = await window.axe.run(context, { resultTypes: ["violations"] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`) }));
  }, include);
}
