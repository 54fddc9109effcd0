// XMute's end-to-end suite on node:test: the same scenarios (scenarios*.mjs) in a browser,
// through the adapter both browsers implement (browsers/chromium.mjs, browsers/firefox.mjs),
// against the fake X server. chromium.test.mjs and firefox.test.mjs each define it for one
// browser:
//
//   node --test tests/e2e/chromium.test.mjs tests/e2e/firefox.test.mjs
//   node --test --test-name-pattern="user cells" tests/e2e/firefox.test.mjs
//
// Any reporter of node:test works (--test-reporter=spec, tap, junit, ...). A scenario that
// cannot run in a browser says why (`skip: { firefox: "why" }`) and is reported as skipped;
// after each browser a line counts its scenarios. Screenshots of a failed scenario's pages go
// to tests/e2e/artifacts/ (and with XMUTE_E2E_TRACE=1, a Playwright trace in Chromium). A
// scenario that has not ended after four minutes fails (a hang never stalls the run).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { openX } from "./drive.mjs";
import { ROOT, launchBrowser, startFakeX } from "./harness.mjs";
import { accessibilityScenarios } from "./scenarios-a11y.mjs";
import { accountScenarios } from "./scenarios-accounts.mjs";
import { billingScenarios } from "./scenarios-billing.mjs";
import { languageScenarios } from "./scenarios-language.mjs";
import { managerScenarios } from "./scenarios-manager.mjs";
import { markupScenarios } from "./scenarios-markup.mjs";
import { scenarios as queueScenarios } from "./scenarios-queue.mjs";
import { storageScenarios } from "./scenarios-storage.mjs";
import { scenarios } from "./scenarios.mjs";
import { surfaceScenarios } from "./scenarios-surfaces.mjs";
import { timedScenarios } from "./scenarios-timed.mjs";

const ARTIFACTS = path.join(ROOT, "tests/e2e/artifacts");
const LABELS = { chromium: "Chromium", firefox: "Firefox" };
const SCENARIO_TIMEOUT_MS = 240_000;

/** Every scenario in the order they run: the console check ("9 ...") last, after all others. */
export function allScenarios() {
  const last = (scenario) => scenario.name.startsWith("9 ");
  return [...scenarios.filter((s) => !last(s)), ...queueScenarios, ...surfaceScenarios, ...markupScenarios,
    ...accessibilityScenarios, ...billingScenarios, ...storageScenarios, ...timedScenarios, ...accountScenarios, ...managerScenarios,
    ...languageScenarios, ...scenarios.filter(last)];
}

/** @param {"chromium" | "firefox"} kind */
export function defineSuite(kind) {
  const label = LABELS[kind];
  const ordered = allScenarios();
  const counts = { passed: 0, failed: 0, notHere: 0 };

  describe(`end to end in ${label}`, () => {
    let fake = null;
    let browser = null;
    const secrets = new Set();
    /** Pages opened during the current scenario (screenshotted if it fails, closed after it). */
    let pages = [];

    before(async () => {
      fake = await startFakeX();
      browser = await launchBrowser(fake.ports.https, {}, kind);
      const newPage = browser.newPage.bind(browser);
      browser.newPage = async () => {
        const page = await newPage();
        pages.push(page);
        return page;
      };
    });

    after(async () => {
      await browser?.close();
      await fake?.stop();
      console.log(`\n${label}: ${counts.passed + counts.failed} scenarios run (${counts.passed} passed, ${counts.failed} failed), `
        + `${counts.notHere} not run in ${label} (the reasons are beside them above), ${ordered.length} in the suite`);
    });

    for (const scenario of ordered) {
      const reason = scenario.skip?.[kind];
      if (reason) counts.notHere += 1;
      // A scenario that hangs fails after SCENARIO_TIMEOUT_MS (the longest takes under 30 s) and
      // the suite goes on: a run never waits forever.
      test(scenario.name, { skip: reason ? `not run in ${label}: ${reason}` : false, timeout: SCENARIO_TIMEOUT_MS }, async () => {
        pages = [];
        const env = {
          kind,
          fake,
          browser,
          secrets,
          async newWorld(options = {}) {
            const world = await fake.createWorld(options);
            secrets.add(world.consumerSecret).add(world.tokenSecret);
            return world;
          },
          open: (pathname) => openX(browser, pathname),
          /** Another browser of the same kind (its own profile, or `profileDir`), closed by the caller. */
          launch: (options) => launchBrowser(fake.ports.https, options, kind),
        };
        const tracing = kind === "chromium" && process.env.XMUTE_E2E_TRACE === "1";
        if (tracing) await browser.startTrace();
        try {
          await scenario.run(env);
          counts.passed += 1;
          if (tracing) await browser.stopTrace();
        } catch (error) {
          counts.failed += 1;
          const slug = `${kind}-${scenario.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}`;
          await mkdir(ARTIFACTS, { recursive: true });
          await Promise.all(pages.map((page, i) =>
            page.screenshot({ path: path.join(ARTIFACTS, `${slug}-${i}.png`) }).catch(() => {})));
          if (tracing) await browser.stopTrace(path.join(ARTIFACTS, `${slug}-trace.zip`)).catch(() => {});
          throw error;
        } finally {
          await Promise.all(pages.map((page) => page.close().catch(() => {})));
        }
      });
    }
  });
}
