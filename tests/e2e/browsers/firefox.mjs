// The Firefox side of the e2e suite's browser adapter (README, Testing the extension): the
// built dist/firefox in headless Firefox ESR over geckodriver, with the same page API the
// scenarios use on Chromium (the subset of Playwright's Page and Locator they call), so the
// same scenarios run in both. Playwright cannot drive Firefox ESR with extensions; this talks
// WebDriver BiDi for pages (navigation, script, trusted input, console, screenshots) and
// WebDriver classic for what only it offers (installing add-ons, Firefox's chrome context).
//
// - x.com and the API hosts reach the fake server through a small CONNECT proxy chosen by a PAC
//   pref (Firefox cannot map host names like Chromium's --host-resolver-rules);
//   acceptInsecureCerts accepts its certificate.
// - dist/firefox is a temporary add-on with a fixed internal UUID (its pages have known URLs).
//   With `profileDir` (a browser restart on the same profile) it is installed for good from
//   dist/xmute-firefox.zip instead (signatures are not required in Firefox ESR), since a
//   temporary add-on does not survive a restart.
// - XMute's content-script world is reached through a test-only window actor
//   (firefox-actor/), registered from the chrome context, that evaluates in the extension's
//   content-script sandbox of the page, as DevTools can.
// - The background is stopped as about:debugging's "Terminate background script" does:
//   WebExtensionPolicy.getByID(id).extension.terminateBackground() in the chrome context.
// - The shortcut runs the <key> element Firefox made for the command (its own dispatch, then
//   XMute's onCommand); WebDriver's key presses never reach browser shortcuts.
// - Console: WebDriver BiDi's log events (pages and content scripts, with their page) and
//   Firefox's own stdout with devtools.console.stdout.* on (every context, the background and
//   extension pages included, without a source except for script errors).
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import WebSocket from "ws";
import { ROOT, waitFor } from "../wait.mjs";
import { QUERY_SOURCE } from "./query.mjs";

const FIREFOX = process.env.XMUTE_FIREFOX ?? "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.XMUTE_GECKODRIVER ?? path.join(homedir(), ".cargo/bin/geckodriver");
const ADDON_ID = "xmute@xmute";
const ADDON_UUID = "5a1c2e0d-7c1b-4f7e-9a59-6d0f2b1e3c4d";
const EXTENSION_DIR = path.join(ROOT, "dist/firefox");
const EXTENSION_XPI = path.join(ROOT, "dist/xmute-firefox.zip");
const ACTOR_DIR = path.join(ROOT, "tests/e2e/browsers/firefox-actor");
const PROXIED = ["x.com", "api.x.com", "api.twitter.com", "twitter.com", "mobile.x.com"];
const ACTION_TIMEOUT = 30_000;
/** WebDriver's codes for the keys the scenarios press. */
const KEYS = {
  Enter: "\uE007", Tab: "\uE004", Escape: "\uE00C", Shift: "\uE008", Alt: "\uE00A", Control: "\uE009",
  Meta: "\uE03D", Backspace: "\uE003", Space: " ", ArrowUp: "\uE013", ArrowDown: "\uE015",
};

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    }).on("error", reject);
  });
}

/** An HTTP CONNECT proxy that tunnels the X hosts (port 443) to the fake server; refuses others. */
async function startProxy(httpsPort) {
  const sockets = new Set();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.once("data", (head) => {
      const match = /^CONNECT ([^\s:]+):443 HTTP\/1\.[01]\r\n/.exec(head.toString("latin1"));
      if (!match || !PROXIED.includes(match[1].toLowerCase())) {
        client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
        return;
      }
      const upstream = connect(httpsPort, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: /** @type {import("node:net").AddressInfo} */ (server.address()).port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

/** A Firefox copy of a Chromium test extension (tests/e2e/fixtures/*): its worker as an event page, and a page to run it from. */
async function firefoxCopy(dir, id) {
  const copy = await mkdtemp(path.join(tmpdir(), "xmute-other-extension-"));
  await cp(dir, copy, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  const script = manifest.background.service_worker;
  manifest.background = { scripts: [script] };
  manifest.browser_specific_settings = { gecko: { id } };
  await writeFile(path.join(copy, "manifest.json"), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(copy, "page.html"), `<!DOCTYPE html><meta charset="utf-8"><script src="${script}"></script>`);
  return { dir: copy, script };
}

/** A deterministic UUID for a test add-on id. */
function uuidFor(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hex = hash.toString(16).padStart(8, "0");
  return `${hex}-0000-4000-8000-${hex}0000`;
}

/**
 * Headless Firefox ESR with dist/firefox installed; the same adapter shape as
 * launchChromium's (browsers/chromium.mjs).
 */
export async function launchFirefox(httpsPort, { headless = true, profileDir = null, extensions = [], lang = null } = {}) {
  const proxy = await startProxy(httpsPort);
  const driverPort = await freePort();
  const bidiPort = await freePort();
  const profileRoot = await mkdtemp(path.join(tmpdir(), "xmute-firefox-"));
  /** @type {{ source: string, type: string, text: string }[]} */
  const consoleLog = [];
  const others = await Promise.all(extensions.map(async (dir) => {
    const id = `${path.basename(dir)}@xmute-e2e`;
    return { id, uuid: uuidFor(id), ...(await firefoxCopy(dir, id)) };
  }));

  const driver = spawn(GECKODRIVER, ["--port", String(driverPort), "--websocket-port", String(bidiPort),
    "--profile-root", profileRoot, "--allow-system-access"], { stdio: ["ignore", "pipe", "pipe"] });
  let driverLog = "";
  let pendingLine = "";
  const onOutput = (chunk) => {
    driverLog = (driverLog + chunk).slice(-8000);
    const lines = (pendingLine + chunk).split("\n");
    pendingLine = lines.pop() ?? "";
    for (const line of lines) readFirefoxLine(line);
  };
  driver.stdout.on("data", onOutput);
  driver.stderr.on("data", onOutput);
  /** Firefox's stdout: console calls of every context, and script errors with their source. */
  function readFirefoxLine(line) {
    const call = /^console\.(\w+): (.*)$/.exec(line);
    if (call) {
      let text = call[2];
      try { if (/^".*"$/.test(text)) text = JSON.parse(text); } catch { /* as printed */ }
      consoleLog.push({ source: "firefox-stdout", type: call[1], text });
      return;
    }
    const error = /^JavaScript (error|warning): (\S*), line \d+: (.*)$/.exec(line);
    if (error) consoleLog.push({ source: error[2], type: error[1] === "error" ? "pageerror" : "warning", text: error[3] });
  }

  const base = `http://127.0.0.1:${driverPort}`;
  async function classic(method, route, body) {
    const response = await fetch(base + route, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${route}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  let session = null;
  let socket = null;
  try {
    await waitFor(() => fetch(`${base}/status`).then((r) => r.ok, () => false), { what: "geckodriver", timeout: 20_000 });
    const pac = `function FindProxyForURL(url, host) { return ${JSON.stringify(PROXIED)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${proxy.port}" : "DIRECT"; }`;
    const uuids = { [ADDON_ID]: ADDON_UUID, ...Object.fromEntries(others.map((o) => [o.id, o.uuid])) };
    const created = await classic("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "firefox",
          acceptInsecureCerts: true,
          webSocketUrl: true,
          "moz:firefoxOptions": {
            binary: FIREFOX,
            args: [...(headless ? ["-headless"] : []), ...(profileDir ? ["-profile", profileDir] : [])],
            prefs: {
              "network.proxy.type": 2,
              "network.proxy.autoconfig_url": `data:text/javascript,${encodeURIComponent(pac)}`,
              "extensions.webextensions.uuids": JSON.stringify(uuids),
              "network.http.http3.enable": false,
              // The test-only window actor's module is read by content processes.
              "security.sandbox.content.read_path_whitelist": `${ACTOR_DIR}/`,
              "devtools.console.stdout.content": true,
              "devtools.console.stdout.chrome": true,
              // A profile kept for a restart: XMute installed for good, unsigned (ESR allows it).
              "xpinstall.signatures.required": false,
              "browser.tabs.warnOnClose": false,
              // No password manager or form history: its popup under a focused password field
              // (the options page's secrets) would swallow the next click, as it does for users.
              "signon.rememberSignons": false,
              "signon.autofillForms": false,
              "signon.generation.enabled": false,
              "signon.firefoxRelay.feature": "disabled",
              "browser.formfill.enable": false,
              // `lang`: the browser's language (its language pack, firefox-esr-l10n-<lang>).
              ...(lang ? { "intl.locale.requested": lang, "intl.accept_languages": lang } : {}),
            },
          },
        },
      },
    });
    session = `/session/${created.sessionId}`;
    socket = new WebSocket(created.capabilities.webSocketUrl);
    await new Promise((resolve, reject) => { socket.once("open", resolve); socket.once("error", reject); });
  } catch (error) {
    driver.kill("SIGTERM");
    proxy.close();
    throw new Error(`Firefox did not start: ${error.message}\n${driverLog}`);
  }

  // ---- WebDriver BiDi -------------------------------------------------------------------------
  let nextId = 0;
  const replies = new Map();
  /** @type {Set<(event: any) => void>} */
  const listeners = new Set();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    if (message.id !== undefined && replies.has(message.id)) {
      replies.get(message.id)(message);
      replies.delete(message.id);
    } else if (message.type === "event") {
      for (const listener of listeners) listener(message);
    }
  });
  function bidi(method, params = {}) {
    return new Promise((resolve, reject) => {
      const id = ++nextId;
      replies.set(id, (message) => (message.type === "error"
        ? reject(new Error(`${method}: ${message.error}: ${message.message}`))
        : resolve(message.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The URL of each top-level browsing context, as its events tell. */
  const urls = new Map();
  /** @type {Set<string>} */
  const topLevel = new Set();
  listeners.add(({ method, params }) => {
    if (method === "browsingContext.contextCreated" && !params.parent) {
      topLevel.add(params.context);
      urls.set(params.context, params.url);
    } else if (method === "browsingContext.contextDestroyed") {
      topLevel.delete(params.context);
    } else if (["browsingContext.load", "browsingContext.domContentLoaded", "browsingContext.historyUpdated",
      "browsingContext.fragmentNavigated", "browsingContext.navigationCommitted"].includes(method) && urls.has(params.context)) {
      urls.set(params.context, params.url);
    } else if (method === "log.entryAdded") {
      const source = urls.get(params.source?.context) ?? "unknown";
      const type = params.type === "javascript" ? "pageerror" : params.method ?? params.level;
      consoleLog.push({ source, type, text: params.text ?? "" });
    }
  });
  await bidi("session.subscribe", {
    events: ["log.entryAdded", "browsingContext.contextCreated", "browsingContext.contextDestroyed", "browsingContext.load",
      "browsingContext.domContentLoaded", "browsingContext.historyUpdated", "browsingContext.fragmentNavigated"],
  });
  /** Reads every tab's URL from the browser (events may lag behind, or name an early about:blank). */
  async function refreshTabs() {
    for (const context of (await bidi("browsingContext.getTree", { maxDepth: 0 })).contexts) {
      topLevel.add(context.context);
      urls.set(context.context, context.url);
    }
  }
  await refreshTabs();

  try {
    return await setUp();
  } catch (error) {
    await classic("DELETE", session).catch(() => {});
    socket.close();
    driver.kill("SIGTERM");
    proxy.close();
    throw new Error(`Firefox's set-up failed: ${error.message}\n${driverLog}`);
  }

  async function setUp() {

  // ---- the chrome context (classic) -----------------------------------------------------------
  await classic("POST", `${session}/moz/context`, { context: "chrome" });
  /** Runs `body` (an async function body, `args` in scope) in Firefox's chrome context; returns its value. */
  async function chrome(body, ...args) {
    const script = `const done = arguments[arguments.length - 1]; const args = [...arguments].slice(0, -1);
      (async () => { ${body} })().then(done, (error) => done({ __error: String(error) }));`;
    const value = await classic("POST", `${session}/execute/async`, { script, args });
    if (value && typeof value === "object" && "__error" in value) throw new Error(`chrome context: ${value.__error}`);
    return value;
  }

  const installed = await chrome(`
    const { AddonManager } = ChromeUtils.importESModule("resource://gre/modules/AddonManager.sys.mjs");
    return Boolean(await AddonManager.getAddonByID(args[0]));`, ADDON_ID);
  const optionsUrl = `moz-extension://${ADDON_UUID}/options.html`;
  if (!installed) {
    const install = profileDir ? { path: EXTENSION_XPI, temporary: false } : { path: EXTENSION_DIR, temporary: true };
    await classic("POST", `${session}/moz/addon/install`, install);
    // XMute opens its options page once installed: wait for that tab (as on Chromium).
    await waitFor(async () => {
      await refreshTabs();
      return [...topLevel].some((context) => urls.get(context) === optionsUrl);
    }, { what: "the options page opened on install" });
  }
  for (const other of others) await classic("POST", `${session}/moz/addon/install`, { path: other.dir, temporary: true });
  await chrome(`
    const resources = Services.io.getProtocolHandler("resource").QueryInterface(Ci.nsIResProtocolHandler);
    resources.setSubstitution("xmute-e2e", Services.io.newURI(args[0]));
    try {
      ChromeUtils.registerWindowActor("XMuteE2E", {
        parent: { esModuleURI: "resource://xmute-e2e/XMuteE2EParent.sys.mjs" },
        child: { esModuleURI: "resource://xmute-e2e/XMuteE2EChild.sys.mjs" },
        matches: ["https://x.com/*", "https://mobile.x.com/*", "https://twitter.com/*"],
      });
    } catch (error) {
      if (!String(error).includes("NotSupportedError")) throw error; // registered already
    }`, `${pathToFileURL(ACTOR_DIR).href}/`);

  const adapter = {
    kind: "firefox",
    /** Firefox's runtime.sendMessage takes the add-on id. */
    extensionId: ADDON_ID,
    extensionOrigin: `moz-extension://${ADDON_UUID}`,
    consoleLog,
    optionsUrl,
    async newPage() {
      const { context } = await bidi("browsingContext.create", { type: "tab" });
      topLevel.add(context);
      urls.set(context, "about:blank");
      return new FirefoxPage(context);
    },
    async waitForPage(action) {
      const before = new Set(topLevel);
      await action();
      const context = await waitFor(async () => {
        await refreshTabs();
        return [...topLevel].find((c) => !before.has(c));
      }, { what: "a new tab" });
      const page = new FirefoxPage(context);
      await waitFor(async () => {
        await refreshTabs();
        return urls.get(context) !== "about:blank";
      }, { what: "the new tab to navigate" });
      await page.waitForLoadState();
      return page;
    },
    /** Runs a classic script's `source` in `page`'s own world (a test tool such as axe-core; no page CSP applies). */
    async injectScript(page, source) {
      const result = await bidi("script.evaluate", { expression: source, target: { context: page.context }, awaitPromise: false });
      if (result.type === "exception") throw new Error(`script failed: ${result.exceptionDetails?.text}`);
    },
    async logInBackground(text) {
      const page = await adapter.newPage();
      try {
        await page.goto(optionsUrl);
        await page.evaluate((t) => browser.runtime.getBackgroundPage().then((background) => background.console.info(t)), text);
      } finally {
        await page.close();
      }
    },
    async evaluateInContentScript(page, expression) {
      let last = "";
      const reply = await waitFor(async () => {
        const answer = await chrome(`
          const { NavigableManager } = ChromeUtils.importESModule("chrome://remote/content/shared/NavigableManager.sys.mjs");
          const actor = NavigableManager.getBrowsingContextById(args[0]).currentWindowGlobal.getActor("XMuteE2E");
          return actor.sendQuery("eval", { addonId: args[1], body: args[2] });`, page.context, ADDON_ID, expression);
        last = answer.error ?? "";
        return answer.error?.startsWith("no content-script world") ? null : answer;
      }, { what: `the content-script world (${last})` });
      if (reply.error) throw new Error(`content-script evaluation failed: ${reply.error}`);
      return JSON.parse(reply.value);
    },
    /** about:debugging's "Terminate background script"; waits until it has stopped. */
    async stopBackground() {
      const state = await chrome(`
        const extension = WebExtensionPolicy.getByID(args[0]).extension;
        await extension.terminateBackground();
        return extension.backgroundState;`, ADDON_ID);
      if (state !== "stopped") throw new Error(`the background is ${state} after terminateBackground()`);
    },
    async pressShortcut(page) {
      await page.bringToFront();
      const key = await chrome(`
        const win = Services.wm.getMostRecentWindow("navigator:browser");
        const key = win.document.querySelector("keyset#ext-keyset-id-xmute_xmute > key");
        if (!key) return null;
        key.doCommand();
        return [key.getAttribute("key"), key.getAttribute("modifiers")];`);
      if (JSON.stringify(key) !== JSON.stringify(["M", "alt,shift"])) throw new Error(`the command's key: ${JSON.stringify(key)}`);
    },
    /** Another extension loaded with `extensions`: its id, and a way to run a function in its page. */
    async otherExtension(script) {
      const other = others.find((o) => o.script === script);
      return {
        id: other.id,
        async run(fn, arg) {
          const page = await adapter.newPage();
          try {
            await page.goto(`moz-extension://${other.uuid}/page.html`);
            return await page.evaluate(fn, arg);
          } finally {
            await page.close();
          }
        },
      };
    },
    async close() {
      await classic("DELETE", session).catch(() => {});
      socket.close();
      driver.kill("SIGTERM");
      proxy.close();
      await rm(profileRoot, { recursive: true, force: true });
      for (const other of others) await rm(other.dir, { recursive: true, force: true });
    },
  };

  // ---- pages ----------------------------------------------------------------------------------
  /**
   * Makes `context` the focused tab before input reaches it, as every page is in Playwright's
   * headless Chromium: in Firefox a background tab gets no blur (so no `change`) from a key.
   */
  function activate(context) {
    return bidi("browsingContext.activate", { context });
  }
  /**
   * Calls `fn(arg)` in the page's own world (a function, as Playwright's evaluate takes) and
   * returns its JSON value.
   */
  async function evaluateIn(context, fn, arg) {
    const source = typeof fn === "function" ? fn.toString() : `() => (${fn})`;
    const functionDeclaration = `async function (json) {
      const value = await (${source})(json === undefined ? undefined : JSON.parse(json));
      return value === undefined ? "u" : "j" + JSON.stringify(value);
    }`;
    const result = await bidi("script.callFunction", {
      functionDeclaration,
      arguments: arg === undefined ? [] : [{ type: "string", value: JSON.stringify(arg) }],
      target: { context },
      awaitPromise: true,
    });
    if (result.type === "exception") {
      throw new Error(`evaluation failed: ${result.exceptionDetails?.text ?? "an exception"}`);
    }
    const text = result.result.value;
    return text === "u" ? undefined : JSON.parse(text.slice(1));
  }

  /**
   * Finds `selector` (nth: null for strict, a number, or -1 for the last) and reports on it;
   * for actions, scrolls it to the middle and gives its centre. Runs in the page.
   */
  const INSPECT = `function (selector, nth, scroll) {
    const queryAll = ${QUERY_SOURCE};
    const all = queryAll(document, selector);
    if (nth === null && all.length > 1) return { strict: all.length };
    const element = nth === null ? all[0] : nth < 0 ? all[all.length + nth] : all[nth];
    if (!element) return { count: all.length };
    let rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const visible = rect.width > 0 && rect.height > 0 && style.visibility !== "hidden";
    const info = { count: all.length, visible, enabled: !element.disabled, rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height } };
    if (scroll && visible) {
      element.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      rect = element.getBoundingClientRect();
      const x = rect.x + rect.width / 2;
      const y = rect.y + rect.height / 2;
      const hit = document.elementFromPoint(x, y);
      info.receives = Boolean(hit && (element === hit || element.contains(hit)));
      info.center = { x: Math.round(x), y: Math.round(y) };
    }
    return info;
  }`;

  class FirefoxLocator {
    constructor(page, selector, nth = null) {
      this.page = page;
      this.selector = selector;
      this.nth = nth;
    }
    first() { return new FirefoxLocator(this.page, this.selector, 0); }
    last() { return new FirefoxLocator(this.page, this.selector, -1); }
    nthOf(i) { return new FirefoxLocator(this.page, this.selector, i); }
    locator(inner) { return new FirefoxLocator(this.page, `${this.selector} ${inner}`); }

    async inspect(scroll = false) {
      const result = await bidi("script.callFunction", {
        functionDeclaration: INSPECT,
        arguments: [{ type: "string", value: this.selector }, this.nth === null ? { type: "null" } : { type: "number", value: this.nth },
          { type: "boolean", value: scroll }],
        target: { context: this.page.context },
        awaitPromise: false,
      });
      if (result.type === "exception") throw new Error(`${this.selector}: ${result.exceptionDetails?.text}`);
      const info = Object.fromEntries(result.result.value.map(([key, value]) => [key, deserialize(value)]));
      if (info.strict) throw new Error(`strict mode violation: ${this.selector} matches ${info.strict} elements`);
      return info;
    }

    /** Waits until the element is there (and, for actions, visible, enabled and not covered). */
    async ready(action, timeout = ACTION_TIMEOUT) {
      let last = {};
      try {
        return await waitFor(async () => {
          last = await this.inspect(action);
          if (last.rect === undefined) return null;
          if (!action) return last;
          return last.visible && last.enabled && last.receives ? last : null;
        }, { what: `${this.selector}${action ? " to be visible, enabled and not covered" : ""}`, timeout });
      } catch (error) {
        throw new Error(`${error.message} (${JSON.stringify(last)})`);
      }
    }

    /** Calls `fn(element, arg)` on the element in the page. */
    async on(fn, arg) {
      await this.ready(false);
      return evaluateIn(this.page.context,
        new Function("input", `const queryAll = ${QUERY_SOURCE};
          const all = queryAll(document, input.selector);
          const element = input.nth === null ? all[0] : input.nth < 0 ? all[all.length + input.nth] : all[input.nth];
          return (${fn.toString()})(element, input.arg);`), { selector: this.selector, nth: this.nth, arg });
    }

    async count() { return (await this.nthOf(0).inspect()).count ?? 0; }
    async allTextContents() {
      return evaluateIn(this.page.context, new Function("input", `const queryAll = ${QUERY_SOURCE};
        return queryAll(document, input.selector).map((e) => e.textContent ?? "");`), { selector: this.selector });
    }
    async all() {
      const n = await this.count();
      return Array.from({ length: n }, (_, i) => this.nthOf(i));
    }
    textContent() { return this.on((e) => e.textContent); }
    getAttribute(name) { return this.on((e, n) => e.getAttribute(n), name); }
    inputValue() { return this.on((e) => e.value); }
    async isEnabled() { return (await this.ready(false)).enabled; }
    async isHidden() {
      const info = await this.inspect();
      return !info.visible;
    }
    async boundingBox() { return (await this.ready(false)).rect; }
    /** Focuses without Firefox's own scroll to it, which runs a frame later and would move the
     * page under the next click; the scroll happens here and now instead. */
    focus() {
      return this.on((e) => {
        e.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
        e.focus({ preventScroll: true });
      });
    }

    async waitFor({ state = "visible", timeout = ACTION_TIMEOUT } = {}) {
      await waitFor(async () => {
        const info = await this.inspect();
        if (state === "attached") return info.rect !== undefined;
        if (state === "detached") return info.rect === undefined;
        if (state === "hidden") return !info.visible;
        return info.visible;
      }, { what: `${this.selector} to be ${state}`, timeout });
    }

    async pointer(actions) {
      // Scrolls Firefox still owes (a caret or selection brought into view after typing) run at
      // the next frames: let them, so the centre measured next is where the element stays.
      await evaluateIn(this.page.context, () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))));
      const { center } = await this.ready(true);
      await activate(this.page.context);
      await bidi("input.performActions", {
        context: this.page.context,
        actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
          actions: [{ type: "pointerMove", x: center.x, y: center.y, origin: "viewport" }, ...actions] }],
      });
    }
    click() { return this.pointer([{ type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }]); }
    dblclick() {
      return this.pointer([{ type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 },
        { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }]);
    }
    hover() { return this.pointer([]); }
    async check() { if (!(await this.on((e) => e.checked))) await this.click(); }
    async uncheck() { if (await this.on((e) => e.checked)) await this.click(); }
    async press(key) {
      await this.focus();
      await this.page.keyboard.press(key);
    }
    /** As Playwright's fill: focus, select, and type `value` in as user input (change fires on blur). */
    async fill(value) {
      await this.ready(false);
      await activate(this.page.context);
      const ok = await this.on((element, text) => {
        element.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
        element.focus({ preventScroll: true }); // as focus() above
        element.select?.();
        // execCommand edits whatever has the focus: only when that is this field.
        if (document.activeElement === element) {
          if (text) document.execCommand("insertText", false, text);
          else document.execCommand("delete");
        }
        if (element.value !== text) {
          const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), "value").set;
          setter.call(element, text);
          element.dispatchEvent(new Event("input", { bubbles: true }));
        }
        return element.value === text;
      }, value);
      if (!ok) throw new Error(`fill ${this.selector}: the value did not take`);
    }
    selectOption(value) {
      return this.on((element, v) => {
        element.value = v;
        element.dispatchEvent(new Event("input", { bubbles: true }));
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }, value);
    }
  }

  class FirefoxPage {
    constructor(context) {
      this.context = context;
      this.browserAdapter = adapter;
      this.keyboard = {
        press: (combination) => {
          const parts = combination === "+" ? ["+"] : combination.split("+");
          const keys = parts.map((part) => KEYS[part] ?? part);
          const down = keys.map((value) => ({ type: "keyDown", value }));
          const up = [...keys].reverse().map((value) => ({ type: "keyUp", value }));
          return activate(context).then(() => bidi("input.performActions", { context, actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] }));
        },
      };
      this.mouse = {
        move: (x, y) => bidi("input.performActions", {
          context,
          actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
            actions: [{ type: "pointerMove", x: Math.round(x), y: Math.round(y), origin: "viewport" }] }],
        }),
      };
    }
    url() { return urls.get(this.context) ?? "about:blank"; }
    locator(selector) { return new FirefoxLocator(this, selector); }
    async goto(url) {
      await bidi("browsingContext.navigate", { context: this.context, url, wait: "complete" });
      urls.set(this.context, url);
    }
    reload() { return bidi("browsingContext.reload", { context: this.context, wait: "complete" }); }
    async goBack() {
      await bidi("browsingContext.traverseHistory", { context: this.context, delta: -1 });
    }
    async close() {
      await bidi("browsingContext.close", { context: this.context }).catch(() => {});
      topLevel.delete(this.context);
    }
    bringToFront() { return bidi("browsingContext.activate", { context: this.context }); }
    evaluate(fn, arg) { return evaluateIn(this.context, fn, arg); }
    async waitForFunction(fn, arg, { timeout = ACTION_TIMEOUT } = {}) {
      return waitFor(() => this.evaluate(fn, arg), { what: `a condition in ${this.url()}`, timeout });
    }
    waitForLoadState() {
      return waitFor(() => this.evaluate(() => document.readyState === "complete"), { what: "the page to load", timeout: ACTION_TIMEOUT });
    }
    async screenshot({ path: file } = {}) {
      const { data } = await bidi("browsingContext.captureScreenshot", { context: this.context });
      const png = Buffer.from(data, "base64");
      if (file) await writeFile(file, png);
      return png;
    }
    // As Playwright's page methods (not its locators): the first match, not strict.
    click(selector) { return this.locator(selector).first().click(); }
    dblclick(selector) { return this.locator(selector).first().dblclick(); }
    hover(selector) { return this.locator(selector).first().hover(); }
    focus(selector) { return this.locator(selector).first().focus(); }
    fill(selector, value) { return this.locator(selector).first().fill(value); }
    selectOption(selector, value) { return this.locator(selector).first().selectOption(value); }
    getAttribute(selector, name) { return this.locator(selector).first().getAttribute(name); }
    textContent(selector) { return this.locator(selector).first().textContent(); }
    inputValue(selector) { return this.locator(selector).first().inputValue(); }
    isEnabled(selector) { return this.locator(selector).first().isEnabled(); }
  }

  return adapter;
  }
}

/** A BiDi remote value as a plain value (what INSPECT returns: objects, numbers, booleans). */
function deserialize(remote) {
  switch (remote.type) {
    case "object": return Object.fromEntries(remote.value.map(([key, value]) => [key, deserialize(value)]));
    case "array": return remote.value.map(deserialize);
    case "undefined": return undefined;
    case "null": return null;
    default: return remote.value;
  }
}
