// The pieces every end-to-end script needs: the fake X server, Chromium with the built
// extension and x.com mapped to the fake, polling with a deadline, and console capture.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const EXTENSION_DIR = process.env.XMUTE_EXTENSION_DIR ?? path.join(ROOT, "dist/chrome");
const MAPPED_HOSTS = ["x.com", "api.x.com", "api.twitter.com", "twitter.com", "mobile.x.com"];

/**
 * Polls `check` until it returns something truthy (which is returned) or the deadline passes.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {{ what: string, timeout?: number }} options
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(check, { what, timeout = 10_000 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts tests/fake_x/server.py and returns its control API. */
export async function startFakeX({ demo = false } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "xmute-fake-x-"));
  const readyFile = path.join(dir, "ready.json");
  const args = [path.join(ROOT, "tests/fake_x/server.py"), "--ready-file", readyFile, "--parent-pid", String(process.pid)];
  if (demo) args.push("--demo");
  const child = spawn("python3", args, { stdio: ["ignore", "ignore", "inherit"] });
  let exitCode = null;
  child.on("exit", (code, signal) => { exitCode = code ?? signal; });
  const ports = await waitFor(async () => {
    if (exitCode !== null) throw new Error(`the fake X server exited (${exitCode})`);
    return readFile(readyFile, "utf8").then(JSON.parse, () => null);
  }, { what: "the fake X server", timeout: 20_000 });
  const base = `http://127.0.0.1:${ports.http}`;

  async function control(method, route, body) {
    const response = await fetch(base + route, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${route}: ${json.error}`);
    return json;
  }
  const query = (consumerKey) => `consumerKey=${encodeURIComponent(consumerKey)}`;

  return {
    ports,
    /**
     * A new world; billing defaults to pay-per-use (v1.1 refused) with unlimited credits.
     * @param {{ userId?: string, screenName?: string, tokenPrefix?: boolean,
     *           billing?: "pay-per-use" | "legacy", credits?: number | null,
     *           monthlyCap?: number | null }} [options]
     */
    createWorld: (options = {}) => control("POST", "/__control/worlds", options),
    requests: (consumerKey) => control("GET", `/__control/requests?${query(consumerKey)}`),
    state: (consumerKey) => control("GET", `/__control/state?${query(consumerKey)}`),
    addFaults: (consumerKey, faults) => control("POST", "/__control/faults", { consumerKey, faults }),
    /** Pay-per-use: `{ mode?, credits?, topUp?, monthlyCap? }` for the world (tests/fake_x/README.md). */
    billing: (consumerKey, changes) => control("POST", "/__control/billing", { consumerKey, ...changes }),
    /** What the fake charged the world: `{ credits, monthSpend, entries: [{ kind, resources, amount, ... }] }`. */
    ledger: (consumerKey) => control("GET", `/__control/ledger?${query(consumerKey)}`),
    async stop() {
      if (exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium with dist/chrome loaded and the X hosts mapped to the fake server's HTTPS port.
 * Every console message of every page and of the service worker lands in `consoleLog`.
 * `profileDir` reuses a profile (kept on close: a browser restart); `extensions` loads more
 * unpacked extensions beside XMute.
 */
export async function launchBrowser(httpsPort, { headless = true, profileDir = null, extensions = [] } = {}) {
  const userDataDir = profileDir ?? await mkdtemp(path.join(tmpdir(), "xmute-profile-"));
  const newProfile = (await readdir(userDataDir)).length === 0;
  const rules = MAPPED_HOSTS.map((host) => `MAP ${host}:443 127.0.0.1:${httpsPort}`).join(", ");
  const loaded = [EXTENSION_DIR, ...extensions].join(",");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${loaded}`,
      `--load-extension=${loaded}`,
      `--host-resolver-rules=${rules}`,
      "--ignore-certificate-errors",
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
  /** @type {{ source: string, type: string, text: string }[]} */
  const consoleLog = [];
  context.on("console", (message) => consoleLog.push({
    source: message.page()?.url() ?? message.worker()?.url() ?? "unknown",
    type: message.type(),
    text: message.text(),
  }));
  context.on("weberror", (error) => consoleLog.push({
    source: error.page()?.url() ?? "unknown", type: "pageerror", text: String(error.error()),
  }));

  const worker = await waitFor(
    () => context.serviceWorkers().find((w) => /^chrome-extension:\/\/[a-p]{32}\/background\.js$/.test(w.url())),
    { what: "the extension's service worker" },
  );
  const extensionId = new URL(worker.url()).host;
  const optionsUrl = `chrome-extension://${extensionId}/options.html`;
  // On a new profile XMute opens its options page once installed; a page navigating to it at
  // the same moment would be interrupted, so wait for that tab first.
  if (newProfile) {
    await waitFor(() => context.pages().some((page) => page.url() === optionsUrl), { what: "the options page opened on install" });
  }
  return {
    context,
    extensionId,
    consoleLog,
    /** The extension's service worker (it may have been restarted since launch). */
    worker: () => context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)),
    optionsUrl,
    async close() {
      await context.close();
      if (!profileDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Evaluates `expression` (an async function body) in XMute's content-script world of `page`'s
 * main frame, through the DevTools protocol, and returns its JSON value.
 */
export async function evaluateInContentScript(page, expression) {
  const session = await page.context().newCDPSession(page);
  const contexts = [];
  session.on("Runtime.executionContextCreated", ({ context }) => contexts.push(context));
  await session.send("Runtime.enable");
  const { frameTree } = await session.send("Page.getFrameTree");
  const world = await waitFor(() => contexts.find((c) =>
    c.auxData?.type === "isolated" && c.auxData.frameId === frameTree.frame.id && c.origin.startsWith("chrome-extension://")),
  { what: "the content-script world" });
  const { result, exceptionDetails } = await session.send("Runtime.evaluate", {
    expression: `(async () => { ${expression} })()`,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await session.detach();
  if (exceptionDetails) throw new Error(`content-script evaluation failed: ${exceptionDetails.text}`);
  return result.value;
}

/**
 * Stops XMute's service worker, as Chrome does to an idle one, through DevTools. Waits until the
 * worker that ran is gone: a mark set in its global scope is no longer there (a new worker may
 * start at once, under the same DevTools target).
 */
export async function stopServiceWorker(page) {
  const isXMute = (url) => url.startsWith("chrome-extension://") && url.endsWith("/background.js");
  const running = page.context().serviceWorkers().find((w) => isXMute(w.url()));
  await running.evaluate(() => { globalThis.__e2eStopMark = true; });
  const session = await page.context().newCDPSession(page);
  const { targetInfos } = await session.send("Target.getTargets");
  const target = targetInfos.find((t) => t.type === "service_worker" && isXMute(t.url));
  await session.send("Target.closeTarget", { targetId: target.targetId });
  await session.detach();
  const marked = () => Promise.race([
    running.evaluate(() => globalThis.__e2eStopMark === true).catch(() => false),
    new Promise((resolve) => setTimeout(() => resolve(false), 500)),
  ]);
  await waitFor(async () => !(await marked()), { what: "the service worker to stop" });
}
