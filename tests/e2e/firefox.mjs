// A smoke test of the built Firefox extension (dist/firefox) in headless Firefox ESR, driven
// over WebDriver (geckodriver) against the fake X server. Run: node tests/e2e/firefox.mjs
//
// Firefox cannot map host names like Chromium's --host-resolver-rules, so a small CONNECT proxy
// here (chosen by a PAC script for x.com, api.x.com and api.twitter.com only) tunnels those
// hosts to the fake server's HTTPS port; WebDriver's acceptInsecureCerts accepts its self-signed
// certificate. The add-on is installed as a temporary add-on with a fixed internal UUID, so its
// options page has a known URL.
//
// What it checks, with the fake server verifying every signature: the event-page background
// loads the wasm core and answers the options page (save keys; the mute list is read from X on
// sign-in); the content script puts the profile button and the user-cell buttons on a fixture
// page; a click mutes through v2; a second tab follows the change through storage.onChanged;
// the hover card gets its button; the command (Alt+Shift+M) reaches the content script through
// Firefox's own dispatch. Prints one line per step and exits non-zero on failure. Paths can be
// overridden with XMUTE_FIREFOX, XMUTE_GECKODRIVER and XMUTE_FIREFOX_EXT (the add-on directory).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { ROOT, startFakeX, waitFor } from "./harness.mjs";

const FIREFOX = process.env.XMUTE_FIREFOX ?? "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.XMUTE_GECKODRIVER ?? path.join(homedir(), ".cargo/bin/geckodriver");
const ADDON_ID = "xmute@xmute";
const ADDON_UUID = "5a1c2e0d-7c1b-4f7e-9a59-6d0f2b1e3c4d";
const OPTIONS_URL = `moz-extension://${ADDON_UUID}/options.html`;
const PROXIED = ["x.com", "api.x.com", "api.twitter.com", "twitter.com", "mobile.x.com"];
const ALICE = { id: "1000000001", screenName: "alice_fixture" };
const BUTTON = '[data-testid="xmute-button"]';
const SURFACE_BUTTON = '[data-testid="xmute-surface-button"]';

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
  const server = createServer((client) => {
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
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: /** @type {import("node:net").AddressInfo} */ (server.address()).port, close: () => server.close() };
}

/** A minimal WebDriver client over fetch. */
function webdriver(base) {
  async function call(method, route, body) {
    const response = await fetch(base + route, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${route}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }
  return { call };
}

const fake = await startFakeX();
const proxy = await startProxy(fake.ports.https);
const driverPort = await freePort();
const profileRoot = await mkdtemp(path.join(tmpdir(), "xmute-firefox-"));
const driver = spawn(GECKODRIVER, ["--port", String(driverPort), "--profile-root", profileRoot, "--allow-system-access"], { stdio: ["ignore", "ignore", "pipe"] });
let driverLog = "";
driver.stderr.on("data", (chunk) => { driverLog = (driverLog + chunk).slice(-4000); });
const wd = webdriver(`http://127.0.0.1:${driverPort}`);
let session = null;
let failed = false;

/** Runs one named step and prints its outcome. */
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    console.log(`PASS  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed = true;
    console.log(`FAIL  ${name}\n      ${String(error.message ?? error).replace(/\n/g, "\n      ")}`);
    throw error;
  }
}

try {
  await waitFor(() => fetch(`http://127.0.0.1:${driverPort}/status`).then((r) => r.ok, () => false), { what: "geckodriver", timeout: 20_000 });
  const pac = `function FindProxyForURL(url, host) { return ${JSON.stringify(PROXIED)}.indexOf(host) >= 0 ? "PROXY 127.0.0.1:${proxy.port}" : "DIRECT"; }`;
  const { sessionId } = await wd.call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        acceptInsecureCerts: true,
        "moz:firefoxOptions": {
          binary: FIREFOX,
          args: ["-headless"],
          prefs: {
            "network.proxy.type": 2,
            "network.proxy.autoconfig_url": `data:text/javascript,${encodeURIComponent(pac)}`,
            "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
            "network.http.http3.enable": false,
          },
        },
      },
    },
  });
  session = `/session/${sessionId}`;
  const wdSession = {
    go: (url) => wd.call("POST", `${session}/url`, { url }),
    find: (css) => wd.call("POST", `${session}/element`, { using: "css selector", value: css }).then((e) => Object.values(e)[0]),
    click: (element) => wd.call("POST", `${session}/element/${element}/click`, {}),
    type: (element, text) => wd.call("POST", `${session}/element/${element}/value`, { text }),
    run: (script, ...args) => wd.call("POST", `${session}/execute/async`, { script: `const done = arguments[arguments.length - 1]; (async () => { ${script} })().then(done, (e) => done({ error: String(e) }));`, args }),
    window: (handle) => wd.call("POST", `${session}/window`, { handle }),
    newTab: () => wd.call("POST", `${session}/window/new`, { type: "tab" }).then((w) => w.handle),
  };
  const waitForPage = (what, check, timeout = 10_000) => waitFor(async () => {
    const value = await wdSession.run(check);
    if (value?.error) throw new Error(value.error);
    return value;
  }, { what, timeout });

  await step("install dist/firefox as a temporary add-on", async () => {
    await wd.call("POST", `${session}/moz/addon/install`, { path: process.env.XMUTE_FIREFOX_EXT ?? path.join(ROOT, "dist/firefox"), temporary: true });
  });

  const world = await fake.createWorld();
  await step("options page (event-page background, wasm): save keys (nothing sent); the mute list is read from X on a click", async () => {
    // WebDriver may not navigate to moz-extension: URLs; XMute opens its options page itself on
    // install, in a tab of its own.
    await waitFor(async () => {
      for (const handle of await wd.call("GET", `${session}/window/handles`)) {
        await wdSession.window(handle);
        if ((await wd.call("GET", `${session}/url`)) === OPTIONS_URL) return handle;
      }
      return null;
    }, { what: "the options page XMute opens on install" });
    await waitForPage("the options page to load", `return document.readyState === "complete";`);
    for (const [id, value] of [["consumer-key", world.consumerKey], ["consumer-secret", world.consumerSecret],
      ["access-token", world.token], ["access-token-secret", world.tokenSecret]]) {
      await wdSession.type(await wdSession.find(`#${id}`), value);
    }
    await wdSession.click(await wdSession.find("#save"));
    await waitForPage("Saved.", `return /^Saved\\./.test(document.getElementById("status").textContent);`);
    if ((await fake.requests(world.consumerKey)).length !== 0) throw new Error("saving keys sent X a request");
    await wdSession.click(await wdSession.find("#refresh-mutes"));
    await waitForPage("the mute list read from X", `return /^0 muted accounts read from X/.test(document.getElementById("mute-list").textContent);`);
    const reads = (await fake.requests(world.consumerKey)).filter((r) => r.method === "GET" && /\/muting$/.test(r.path));
    if (reads.length !== 1 || !reads[0].verified) throw new Error(`expected one verified read: ${JSON.stringify(reads)}`);
  });

  let firstTab;
  await step("x.com profile: the profile button and the user cells' buttons appear", async () => {
    firstTab = await wdSession.newTab();
    await wdSession.window(firstTab);
    await wdSession.go(`https://x.com/${ALICE.screenName}`);
    await waitForPage("the profile button", `const b = document.querySelector('${BUTTON}'); return b && b.textContent === "Mute" && b.title.includes("@${ALICE.screenName} ");`);
    await waitForPage("three cell buttons", `return document.querySelectorAll('[data-testid="UserCell"] ${SURFACE_BUTTON}').length === 3;`);
  });

  let secondTab;
  await step("a click mutes through v2 (signature verified); another tab follows", async () => {
    secondTab = await wdSession.newTab();
    await wdSession.window(secondTab);
    await wdSession.go(`https://x.com/${ALICE.screenName}`);
    await waitForPage("the second tab's button", `return document.querySelector('${BUTTON}')?.textContent === "Mute";`);
    await wdSession.window(firstTab);
    await wdSession.click(await wdSession.find(BUTTON));
    await waitForPage("Unmute", `const b = document.querySelector('${BUTTON}'); return b?.textContent === "Unmute" && b.getAttribute("aria-pressed") === "true";`);
    const mutes = (await fake.requests(world.consumerKey)).filter((r) => r.method === "POST" && /\/muting$/.test(r.path));
    if (mutes.length !== 1 || !mutes[0].verified || JSON.parse(mutes[0].body).target_user_id !== ALICE.id) {
      throw new Error(`expected one verified mute of alice: ${JSON.stringify(mutes)}`);
    }
    await wdSession.window(secondTab);
    await waitForPage("the other tab to show Unmute", `return document.querySelector('${BUTTON}')?.textContent === "Unmute";`, 2000);
  });

  await step("hover card: its button appears beside Follow", async () => {
    await wdSession.go("https://x.com/home");
    await waitForPage("the timeline", `return document.body.dataset.fixtureRoute === "home";`);
    const link = await wdSession.find('article [data-testid="User-Name"] a.handle[href="/carol_fixture"]');
    await wd.call("POST", `${session}/actions`, { actions: [{ type: "pointer", id: "mouse", actions: [{ type: "pointerMove", origin: { "element-6066-11e4-a52e-4f735466cecf": link }, x: 0, y: 0 }] }] });
    await waitForPage("the hover card's button", `return document.querySelector('#layers ${SURFACE_BUTTON}')?.getAttribute("aria-label") === "Mute @carol_fixture";`);
  });

  await step("the shortcut: Firefox's own Alt+Shift+M key for the command unmutes the profile on screen", async () => {
    await wdSession.go(`https://x.com/${ALICE.screenName}`);
    await waitForPage("the profile's Unmute", `return document.querySelector('${BUTTON}')?.textContent === "Unmute";`);
    // WebDriver's key actions are synthesized inside the page and never reach the browser's
    // shortcuts, so this runs, in the browser window (chrome context), the <key> element that
    // Firefox made for the command: its own dispatch, then our event page's onCommand,
    // tabs.sendMessage and the content script's check of the sender. Matching the key press
    // itself is Firefox's and is not exercised here.
    await wd.call("POST", `${session}/moz/context`, { context: "chrome" });
    const key = await wd.call("POST", `${session}/execute/sync`, { script: `
      const win = Services.wm.getMostRecentWindow("navigator:browser");
      const key = win.document.querySelector("keyset#ext-keyset-id-xmute_xmute > key");
      if (!key) return null;
      key.doCommand();
      return [key.getAttribute("key"), key.getAttribute("modifiers")];`, args: [] });
    await wd.call("POST", `${session}/moz/context`, { context: "content" });
    if (JSON.stringify(key) !== JSON.stringify(["M", "alt,shift"])) throw new Error(`the command's key: ${JSON.stringify(key)}`);
    await waitForPage("Mute after the shortcut", `return document.querySelector('${BUTTON}')?.textContent === "Mute";`);
    const unmutes = (await fake.requests(world.consumerKey)).filter((r) => r.method === "DELETE");
    if (unmutes.length !== 1 || !unmutes[0].verified) throw new Error(`expected one verified unmute: ${JSON.stringify(unmutes)}`);
  });
} catch (error) {
  if (!failed) console.log(`FAIL  set-up: ${error.message}\n${driverLog}`);
  failed = true;
} finally {
  if (session) await wd.call("DELETE", session).catch(() => {});
  driver.kill("SIGTERM");
  proxy.close();
  await fake.stop();
  await rm(profileRoot, { recursive: true, force: true });
}
console.log(`\nfirefox: ${failed ? "FAILED" : "passed"}`);
process.exitCode = failed ? 1 : 0;
