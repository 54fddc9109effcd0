// The extension with a heavy user's profile (issue 16): 10,000 muted accounts, a 100-entry
// history, 200 actions waiting in the queue, 5,000 handles tied to ids. Built extension
// (dist/chrome) in headless Chromium against the fake X server on loopback.
//
//   node tests/bench/scale.mjs [--runs 20] [--muted 10000] [--out FILE]
//
// Measured, per click on a profile's Mute/Unmute button:
// - click → request received (warm worker, and cold: the worker stopped through DevTools), as
//   in extension.mjs: the click event's timestamp in the page to the fake server's record time;
// - bytes written to chrome.storage: every change the extension's own page sees in `local` and
//   `session` (storage.onChanged in the options page), counted as the JSON of each changed
//   key and its new value;
// - bytes delivered to each x.com tab: the same count, in the content script's world of a second
//   x.com tab (what its storage.onChanged listener receives);
// - the options page's load time: navigation start to its queue (200 rows) and history (100
//   rows) shown, read in the page.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { evaluateInContentScript } from "../e2e/harness.mjs";
import { BUTTON, buttonSettled, launchBrowser, liftRateLimits, openX, signIn, startFakeX, waitFor } from "./browser.mjs";
import { summary } from "./stats.mjs";

const PROFILE = "/alice_fixture";
const MUTE_PATH = /^\/2\/users\/\d+\/muting(\/\d+)?$/;

/**
 * The stored profile of a heavy user, in today's layout (extension/shared/keys.js), for account
 * `acct`. Written as the extension's own pages can write it.
 * @param {string} acct
 * @param {{ muted: number, history: number, queued: number, handles: number }} size
 */
function heavyProfile(acct, { muted, history, queued, handles }) {
  const now = Date.now();
  const day = 86_400_000;
  /** @type {Record<string, unknown>} */
  const values = {};
  for (let i = 0; i < muted; i++) values[`m:${acct}:${4_000_000_000 + i}`] = { muted: true, at: now - day, via: "2" };
  for (let i = 0; i < handles; i++) {
    const id = String(4_000_000_000 + i);
    values[`n:@heavy${i}`] = id;
    values[`l:${id}`] = [`@heavy${i}`];
  }
  for (let i = 0; i < history; i++) {
    values[`h:${acct}:${i}`] = { at: now - day + i, action: "mute", userId: String(4_000_000_000 + i), screenName: `heavy${i}`,
      result: "done", via: "2", attempts: 1, cost: 10_000 };
  }
  values[`hist:${acct}`] = { next: history };
  /** @type {Record<string, number>} */
  const waiting = {};
  for (let i = 0; i < queued; i++) {
    const id = String(5_000_000_000 + i);
    const runAt = now + day + i;
    // Waiting for a retry tomorrow: held, but holding nothing else back.
    values[`q:${acct}:${id}`] = { id: `bench-${i}`, action: "mute", target: { userId: id, screenName: `waiting${i}` }, status: "queued",
      reason: "retry", since: now - 60_000, runAt, attempts: 1, failures: 1, rateLimits: 0, error: { name: "Network", message: "Can't reach X." } };
    waiting[id] = runAt;
  }
  values[`queue:${acct}`] = waiting;
  return values;
}

/** Bytes of a storage change as written: each key and its new value, as JSON. */
const COUNTER = `
  globalThis.__benchBytes = { local: 0, session: 0 };
  chrome.storage.onChanged.addListener((changes, area) => {
    for (const [key, change] of Object.entries(changes)) {
      const size = key.length + (change.newValue === undefined ? 0 : JSON.stringify(change.newValue).length);
      globalThis.__benchBytes[area] = (globalThis.__benchBytes[area] ?? 0) + size;
    }
  });`;

/**
 * @param {{ runs?: number, warmups?: number, muted?: number, log?: (line: string) => void }} [options]
 */
export async function benchScale({ runs = 20, warmups = 2, muted = 10_000, log = () => {} } = {}) {
  const size = { muted, history: 100, queued: 200, handles: 5000 };
  const fake = await startFakeX();
  const browser = await launchBrowser(fake.ports.https);
  try {
    await liftRateLimits(fake);
    const world = await fake.createWorld();
    await signIn(browser, world);

    log(`a stored profile: ${size.muted} muted, ${size.history} history entries, ${size.queued} queued, ${size.handles} handles`);
    const watcher = await browser.context.newPage();
    await watcher.goto(browser.optionsUrl);
    await watcher.evaluate(async ({ profile }) => {
      await chrome.storage.local.set(profile);
      await chrome.storage.session.remove("pub"); // the public state is written again by the next worker
    }, { acct: world.userId, profile: heavyProfile(world.userId, size) });
    const session = await browser.context.newCDPSession(watcher);
    let workerStatus = "unknown";
    session.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) workerStatus = v.runningStatus;
    });
    await session.send("ServiceWorker.enable");
    await session.send("ServiceWorker.stopAllWorkers");
    await waitFor(() => workerStatus === "stopped", { what: "the worker to stop" });

    const rebuildStart = Date.now();
    const page = await openX(browser, PROFILE);
    await buttonSettled(page, "Mute", 60_000);
    // The new worker writes the public state again (as after a browser restart); its mark `pub` comes last.
    await waitFor(() => watcher.evaluate(async () => (await chrome.storage.session.get("pub")).pub !== undefined),
      { what: "the public state written again", timeout: 120_000 });
    const rebuildMs = Date.now() - rebuildStart;
    const publicKeys = await watcher.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).length);
    log(`public state written again in ${rebuildMs} ms: ${publicKeys} keys in storage.session`);
    const otherTab = await openX(browser, "/home");
    await evaluateInContentScript(otherTab, COUNTER);
    await watcher.evaluate(COUNTER);
    await page.evaluate(() => {
      /** @type {any} */ (window).__benchClicks = [];
      addEventListener("click", (event) => /** @type {any} */ (window).__benchClicks.push(performance.timeOrigin + event.timeStamp), true);
    });

    let mutedNow = false;
    let seen = 0;
    /** One click, measured: latency and the bytes it caused. */
    async function click() {
      await watcher.evaluate(() => { globalThis.__benchBytes = { local: 0, session: 0 }; });
      await evaluateInContentScript(otherTab, "globalThis.__benchBytes = { local: 0, session: 0 };");
      await page.click(BUTTON);
      const request = await waitFor(async () => {
        const found = (await fake.requests(world.consumerKey)).filter((r) => r.method !== "GET" && MUTE_PATH.test(r.path));
        return found.length > seen ? found[seen] : null;
      }, { what: "the mute request at the fake server" });
      seen += 1;
      mutedNow = !mutedNow;
      await buttonSettled(page, mutedNow ? "Unmute" : "Mute");
      if (request.status !== 200 || !request.verified) throw new Error(`the fake answered ${request.status} to ${request.method} ${request.path}`);
      const clicks = await page.evaluate(() => /** @type {any} */ (window).__benchClicks);
      const written = await watcher.evaluate(() => globalThis.__benchBytes);
      const delivered = await evaluateInContentScript(otherTab, "return globalThis.__benchBytes;");
      return {
        latency: request.time * 1000 - clicks[clicks.length - 1],
        written: written.local + written.session,
        delivered: delivered.local + delivered.session,
      };
    }

    log(`warm worker: ${warmups} warm-up clicks, ${runs} runs`);
    for (let i = 0; i < warmups; i++) await click();
    const warm = [];
    const written = [];
    const delivered = [];
    for (let i = 0; i < runs; i++) {
      await waitFor(() => workerStatus === "running", { what: "a running worker" });
      const sample = await click();
      warm.push(sample.latency);
      written.push(sample.written);
      delivered.push(sample.delivered);
    }

    log(`cold worker: ${runs} runs`);
    const cold = [];
    for (let i = 0; i < runs; i++) {
      await session.send("ServiceWorker.stopAllWorkers");
      await waitFor(() => workerStatus === "stopped", { what: "the worker to stop" });
      const sample = await click();
      cold.push(sample.latency);
      written.push(sample.written);
      delivered.push(sample.delivered);
    }

    log(`options page load: ${runs} runs`);
    const optionsLoad = [];
    for (let i = 0; i < runs; i++) {
      const options = await browser.context.newPage();
      await options.goto(browser.optionsUrl);
      const ms = await options.waitForFunction(([queued, history]) =>
        document.querySelectorAll("#queue-rows tr").length === queued && document.querySelectorAll("#history-rows tr").length === history
          ? performance.now() : null, [size.queued, size.history], { timeout: 30_000 }).then((handle) => handle.jsonValue());
      optionsLoad.push(ms);
      await options.close();
    }
    await session.detach();
    return {
      chromium: browser.context.browser()?.version() ?? "unknown",
      runs,
      profile: size,
      publicKeys,
      publicStateRebuildMs: rebuildMs,
      clickToRequest: { warm: summary(warm), cold: summary(cold) },
      bytesWrittenPerClick: summary(written),
      bytesDeliveredPerTabPerClick: summary(delivered),
      optionsLoad: summary(optionsLoad),
      raw: { warm, cold, written, delivered, optionsLoad },
    };
  } finally {
    await browser.close();
    await fake.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, muted: { type: "string", default: "10000" }, out: { type: "string" } } });
  const result = await benchScale({ runs: Number(values.runs), muted: Number(values.muted), log: (line) => console.error(`scale: ${line}`) });
  const text = `${JSON.stringify({ ...result, raw: undefined }, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
}
