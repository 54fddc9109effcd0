// XMute's end-to-end suite: the built extension (dist/chrome) in headless Chromium against the
// fake X server. Prints one line per scenario and a closing "N passed, M failed" line; exits
// non-zero when any scenario fails. Screenshots of a failed scenario's pages go to
// tests/e2e/artifacts/.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { openX } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";
import { billingScenarios } from "./scenarios-billing.mjs";
import { storageScenarios } from "./scenarios-storage.mjs";
import { scenarios as queueScenarios } from "./scenarios-queue.mjs";
import { scenarios } from "./scenarios.mjs";
import { surfaceScenarios } from "./scenarios-surfaces.mjs";

const ARTIFACTS = path.join(ROOT, "tests/e2e/artifacts");
const only = process.argv[2]; // optional: run the scenarios whose name contains this text

const fake = await startFakeX();
const browser = await launchBrowser(fake.ports.https);
const secrets = new Set();
const results = [];
try {
  // The console check ("9 ...") runs last, after every other scenario of every file.
  const last = (scenario) => scenario.name.startsWith("9 ");
  const ordered = [...scenarios.filter((s) => !last(s)), ...queueScenarios, ...surfaceScenarios, ...billingScenarios, ...storageScenarios, ...scenarios.filter(last)];
  for (const scenario of ordered) {
    if (only && !scenario.name.includes(only) && !last(scenario)) continue;
    const pages = [];
    const env = {
      fake,
      browser,
      secrets,
      async newWorld(options = {}) {
        const world = await fake.createWorld(options);
        secrets.add(world.consumerSecret).add(world.tokenSecret);
        return world;
      },
      async open(pathname) {
        const page = await openX(browser, pathname);
        pages.push(page);
        return page;
      },
    };
    const started = Date.now();
    let failure = null;
    try {
      await scenario.run(env);
    } catch (error) {
      failure = error;
      await saveScreenshots(scenario.name, pages);
    }
    await Promise.all(pages.map((page) => page.close()));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push(!failure);
    console.log(`${failure ? "FAIL" : "PASS"}  ${scenario.name} (${seconds} s)`);
    if (failure) console.log(describe(failure));
  }
} finally {
  await browser.close();
  await fake.stop();
}

const failed = results.filter((ok) => !ok).length;
console.log(`\ne2e: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed || results.length === 0 ? 1 : 0;

/** The failure's message and where in the scenarios it happened, indented under its line. */
function describe(error) {
  const where = String(error.stack ?? "").split("\n").find((line) => line.includes("/tests/e2e/")) ?? "";
  return `${String(error.message ?? error)}\n${where.trim()}`.replace(/^/gm, "      ");
}

async function saveScreenshots(name, pages) {
  await mkdir(ARTIFACTS, { recursive: true });
  const slug = name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
  await Promise.all(pages.map((page, i) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${slug}-${i}.png`) }).catch(() => {})));
}
