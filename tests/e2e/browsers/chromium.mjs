// The Chromium side of the e2e suite's browser adapter (README, Testing the extension): the
// built dist/chrome in /usr/bin/chromium through playwright-core, with the X hosts mapped to the
// fake server. Pages are Playwright's own Page objects (the scenarios use that API; the Firefox
// adapter implements the same subset), each carrying `browserAdapter`; what Playwright's page
// API cannot do (XMute's content-script world, its service worker, a real shortcut key, another
// extension) the adapter does through the DevTools protocol.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { ROOT, waitFor } from "../wait.mjs";

export const EXTENSION_DIR = process.env.XMUTE_EXTENSION_DIR ?? path.join(ROOT, "dist/chrome");
const MAPPED_HOSTS = ["x.com", "api.x.com", "api.twitter.com", "twitter.com", "mobile.x.com"];

/**
 * Chromium with dist/chrome loaded and the X hosts mapped to the fake server's HTTPS port.
 * Every console message of every page and of the service worker lands in `consoleLog`.
 * `profileDir` reuses a profile (kept on close: a browser restart); `extensions` loads more
 * unpacked extensions beside XMute; `lang` is the browser's language (`--lang`, and LANGUAGE,
 * which Chromium on Linux reads first; its locale files come from Debian's chromium-l10n).
 */
export async function launchChromium(httpsPort, { headless = true, profileDir = null, extensions = [], lang = null } = {}) {
  const userDataDir = profileDir ?? await mkdtemp(path.join(tmpdir(), "xmute-profile-"));
  const newProfile = (await readdir(userDataDir)).length === 0;
  const rules = MAPPED_HOSTS.map((host) => `MAP ${host}:443 127.0.0.1:${httpsPort}`).join(", ");
  const loaded = [EXTENSION_DIR, ...extensions].join(",");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless,
    viewport: { width: 1280, height: 800 },
    ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang } } : {}),
    args: [
      ...(lang ? [`--lang=${lang}`] : []),
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
  const isXMuteWorker = (url) => url.startsWith(`chrome-extension://${extensionId}/`) && url.endsWith("/background.js");

  const adapter = {
    kind: "chromium",
    /** Playwright's context: for Chromium-only tools (screenshots.mjs, demo.mjs). */
    context,
    extensionId,
    /** The origin of XMute's pages, as console sources show it. */
    extensionOrigin: `chrome-extension://${extensionId}`,
    consoleLog,
    optionsUrl,
    /** The extension's service worker (it may have been restarted since launch): for tests/bench. */
    worker: () => context.serviceWorkers().find((w) => isXMuteWorker(w.url())),
    /** A new tab. */
    async newPage() {
      return adopt(await context.newPage());
    },
    /** Runs `action` and returns the tab it opened. */
    async waitForPage(action) {
      const [page] = await Promise.all([context.waitForEvent("page"), action()]);
      return adopt(page);
    },
    /** Runs a classic script's `source` in `page`'s own world (a test tool such as axe-core; no page CSP applies). */
    async injectScript(page, source) {
      await page.evaluate(source);
    },
    /** Writes `text` to the console of XMute's background (its service worker). */
    async logInBackground(text) {
      const running = context.serviceWorkers().find((w) => isXMuteWorker(w.url()));
      await running.evaluate((t) => console.info(t), text);
    },
    /**
     * Evaluates `expression` (an async function body) in XMute's content-script world of
     * `page`'s main frame, through the DevTools protocol, and returns its JSON value.
     */
    async evaluateInContentScript(page, expression) {
      const session = await context.newCDPSession(page);
      const contexts = [];
      session.on("Runtime.executionContextCreated", ({ context: c }) => contexts.push(c));
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
    },
    /**
     * Stops XMute's service worker, as Chrome does to an idle one, through DevTools. Waits until
     * the worker that ran is gone: a mark set in its global scope is no longer there (a new
     * worker may start at once, under the same DevTools target).
     */
    async stopBackground(page) {
      const running = context.serviceWorkers().find((w) => isXMuteWorker(w.url()));
      await running.evaluate(() => { globalThis.__e2eStopMark = true; });
      const session = await context.newCDPSession(page);
      const { targetInfos } = await session.send("Target.getTargets");
      const target = targetInfos.find((t) => t.type === "service_worker" && isXMuteWorker(t.url));
      await session.send("Target.closeTarget", { targetId: target.targetId });
      await session.detach();
      const marked = () => Promise.race([
        running.evaluate(() => globalThis.__e2eStopMark === true).catch(() => false),
        new Promise((resolve) => setTimeout(() => resolve(false), 500)),
      ]);
      await waitFor(async () => !(await marked()), { what: "the service worker to stop" });
    },
    /**
     * Presses Alt+Shift+M as a real key press, through the browser's own shortcut handling: a
     * DevTools rawKeyDown reaches the browser's accelerators (extension commands) the way a
     * physical key does; Playwright's keyboard.press sends a typed key that the page consumes.
     */
    async pressShortcut(page) {
      await page.bringToFront();
      const session = await context.newCDPSession(page);
      const key = { modifiers: 1 | 8, key: "M", code: "KeyM", windowsVirtualKeyCode: 77, nativeVirtualKeyCode: 77 };
      await session.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...key });
      await session.send("Input.dispatchKeyEvent", { type: "keyUp", ...key });
      await session.detach();
    },
    /**
     * Another extension loaded with `extensions` (its background is a service worker named
     * `script`): its id, and a way to run a function in its background.
     */
    async otherExtension(script) {
      const theirs = await waitFor(() => context.serviceWorkers().find((w) => w.url().endsWith(`/${script}`)),
        { what: "the other extension's worker" });
      return { id: new URL(theirs.url()).host, run: (fn, arg) => theirs.evaluate(fn, arg) };
    },
    /** Chromium only: a Playwright trace of what follows (`stopTrace` saves it). */
    startTrace: () => context.tracing.start({ screenshots: true, snapshots: true }),
    stopTrace: (file) => context.tracing.stop(file ? { path: file } : undefined),
    async close() {
      await context.close();
      if (!profileDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };

  function adopt(page) {
    page.browserAdapter = adapter;
    return page;
  }
  return adapter;
}
