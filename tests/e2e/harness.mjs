// The pieces every end-to-end script needs: the fake X server, a browser with the built
// extension and x.com reaching the fake (browsers/chromium.mjs, browsers/firefox.mjs), and
// polling with a deadline.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchChromium } from "./browsers/chromium.mjs";
import { ROOT, waitFor } from "./wait.mjs";

export { ROOT, waitFor };

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
 * A browser with XMute's built extension and the X hosts reaching the fake server, behind the
 * suite's adapter: `kind` is "chromium" (dist/chrome, browsers/chromium.mjs) or "firefox"
 * (dist/firefox, browsers/firefox.mjs). Options: `profileDir` (a profile kept on close: a
 * browser restart), `extensions` (more extensions to load), `headless`.
 */
export async function launchBrowser(httpsPort, options = {}, kind = "chromium") {
  if (kind === "firefox") {
    const { launchFirefox } = await import("./browsers/firefox.mjs");
    return launchFirefox(httpsPort, options);
  }
  return launchChromium(httpsPort, options);
}

/** Evaluates `expression` (an async function body) in XMute's content-script world of `page`. */
export function evaluateInContentScript(page, expression) {
  return page.browserAdapter.evaluateInContentScript(page, expression);
}

/** Stops XMute's background (Chrome's service worker, Firefox's event page) and waits until it is gone. */
export function stopServiceWorker(page) {
  return page.browserAdapter.stopBackground(page);
}
