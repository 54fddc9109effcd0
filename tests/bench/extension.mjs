// Cold start and click latency of the built extension (dist/chrome) in headless Chromium against
// the fake X server on loopback.
//
//   node tests/bench/extension.mjs [--runs 20] [--out FILE]
//
// Measured:
// - click → request received: from the trusted click (Playwright's page.click; the time is the
//   click event's own timestamp, performance.timeOrigin + event.timeStamp, read in the page) to
//   the fake server's record of the mute/unmute request (time.time() when it recorded it, after
//   verifying the signature). Both are this machine's wall clock.
//   Warm: the service worker is running (and has signed before). Cold: it was stopped through
//   DevTools (ServiceWorker.stopAllWorkers) and is started by the click's message.
// - In each cold run, the new worker's performance.timeOrigin (when it started) splits the time
//   into click → worker started and worker started → request received. When the background
//   sets them (performance.mark in the worker), `xmute:background-start` (first statement of
//   background.js) gives worker started → background running, and `xmute:wasm-ready` (init()
//   resolved) gives worker started → wasm ready.
// - wasm init alone: in an extension page (options.html), import of the shipped glue under a
//   fresh URL and init() of the shipped wasm: fetch + compile + instantiate.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { BUTTON, buttonSettled, launchBrowser, liftRateLimits, openX, signIn, startFakeX, waitFor } from "./browser.mjs";
import { summary } from "./stats.mjs";

/** Marks the background may set (performance.mark in the worker), read after each cold start. */
const WASM_READY_MARK = "xmute:wasm-ready";
const BACKGROUND_START_MARK = "xmute:background-start";
const PROFILE = "/alice_fixture";
/** The mute (POST) and unmute (DELETE) requests; a GET of the same path is a mute-list read. */
const MUTE_PATH = /^\/2\/users\/\d+\/muting(\/\d+)?$/;

/**
 * @param {{ runs?: number, warmups?: number, log?: (line: string) => void }} [options]
 */
export async function benchExtension({ runs = 20, warmups = 2, log = () => {} } = {}) {
  const fake = await startFakeX();
  const browser = await launchBrowser(fake.ports.https);
  try {
    await liftRateLimits(fake);
    const chromium = browser.context.browser()?.version() ?? "unknown";

    log("wasm init in an extension page");
    const wasmInit = await measureWasmInit(browser, runs);

    const world = await fake.createWorld();
    await signIn(browser, world);
    const page = await openX(browser, PROFILE);
    await buttonSettled(page, "Mute");
    await page.evaluate(() => {
      /** @type {any} */ (window).__benchClicks = [];
      addEventListener("click", (event) => /** @type {any} */ (window).__benchClicks.push(performance.timeOrigin + event.timeStamp), true);
    });

    // The worker's running status, from DevTools.
    const session = await browser.context.newCDPSession(page);
    let workerStatus = "unknown";
    session.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      for (const v of versions) if (v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) workerStatus = v.runningStatus;
    });
    await session.send("ServiceWorker.enable");

    let muted = false;
    let seen = 0;
    /** Clicks the button; returns the click time and the recorded mute/unmute request. */
    async function click() {
      await page.click(BUTTON);
      const request = await waitFor(async () => {
        const found = (await fake.requests(world.consumerKey)).filter((r) => r.method !== "GET" && MUTE_PATH.test(r.path));
        return found.length > seen ? found[seen] : null;
      }, { what: "the mute request at the fake server" });
      seen += 1;
      muted = !muted;
      await buttonSettled(page, muted ? "Unmute" : "Mute");
      if (request.status !== 200 || !request.verified) {
        throw new Error(`the fake answered ${request.status} (verified: ${request.verified}) to ${request.method} ${request.path}`);
      }
      const clicks = await page.evaluate(() => /** @type {any} */ (window).__benchClicks);
      return { clickAt: clicks[clicks.length - 1], receivedAt: request.time * 1000, method: request.method };
    }

    log(`warm worker: ${warmups} warm-up clicks, ${runs} runs`);
    for (let i = 0; i < warmups; i++) await click();
    const warm = [];
    for (let i = 0; i < runs; i++) {
      await waitFor(() => workerStatus === "running", { what: "a running worker" });
      const { clickAt, receivedAt } = await click();
      warm.push(receivedAt - clickAt);
    }

    log(`cold worker: ${runs} runs`);
    const cold = [];
    const clickToWorker = [];
    const workerToRequest = [];
    const wasmReady = [];
    const backgroundStart = [];
    for (let i = 0; i < runs; i++) {
      await session.send("ServiceWorker.stopAllWorkers");
      await waitFor(() => workerStatus === "stopped", { what: "the worker to stop" });
      const { clickAt, receivedAt } = await click();
      cold.push(receivedAt - clickAt);
      // The worker that this click started (its time origin is after the click).
      const started = await waitFor(async () => {
        const worker = browser.worker();
        if (!worker) return null;
        const info = await worker.evaluate(([ready, start]) => ({
          timeOrigin: performance.timeOrigin,
          ready: performance.getEntriesByName(ready)[0]?.startTime ?? null,
          start: performance.getEntriesByName(start)[0]?.startTime ?? null,
        }), [WASM_READY_MARK, BACKGROUND_START_MARK]).catch(() => null);
        return info && info.timeOrigin > clickAt - 1 ? info : null;
      }, { what: "the restarted worker" });
      clickToWorker.push(started.timeOrigin - clickAt);
      workerToRequest.push(receivedAt - started.timeOrigin);
      if (started.ready !== null) wasmReady.push(started.ready);
      if (started.start !== null) backgroundStart.push(started.start);
    }
    await session.detach();

    return {
      chromium,
      runs,
      clickToRequest: { warm: summary(warm), cold: summary(cold) },
      coldBreakdown: {
        clickToWorkerStart: summary(clickToWorker),
        workerStartToRequest: summary(workerToRequest),
        workerStartToWasmReady: wasmReady.length === runs ? summary(wasmReady) : null,
        wasmReadyMark: WASM_READY_MARK,
        wasmReadyMarkFound: wasmReady.length,
        workerStartToBackgroundRunning: backgroundStart.length === runs ? summary(backgroundStart) : null,
        backgroundStartMark: BACKGROUND_START_MARK,
        backgroundStartMarkFound: backgroundStart.length,
      },
      wasmInit,
      raw: { warm, cold, clickToWorker, workerToRequest, wasmReady, backgroundStart },
    };
  } finally {
    await browser.close();
    await fake.stop();
  }
}

/** import() of the shipped glue under a fresh URL and init() of the shipped wasm, `runs` times. */
async function measureWasmInit(browser, runs) {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.optionsUrl);
    const samples = [];
    for (let i = -2; i < runs; i++) { // two warm-up loads
      const sample = await page.evaluate(async (load) => {
        const t0 = performance.now();
        const glue = await import(chrome.runtime.getURL(`wasm/xmute.js?bench=${load}`));
        const t1 = performance.now();
        await glue.default({ module_or_path: chrome.runtime.getURL("wasm/xmute_bg.wasm") });
        const t2 = performance.now();
        return { importMs: t1 - t0, initMs: t2 - t1, totalMs: t2 - t0 };
      }, i);
      if (i >= 0) samples.push(sample);
    }
    return {
      importGlue: summary(samples.map((s) => s.importMs)),
      initWasm: summary(samples.map((s) => s.initMs)),
      total: summary(samples.map((s) => s.totalMs)),
    };
  } finally {
    await page.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "20" }, out: { type: "string" } } });
  const result = await benchExtension({ runs: Number(values.runs), log: (line) => console.error(`extension: ${line}`) });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
}
