// Content-script cost on a large x.com page: the time Chromium spends in XMute's
// MutationObserver callbacks while a timeline streams mutations in.
//
//   node tests/bench/observer.mjs [--rounds 7] [--out FILE]
//
// The page is the fixture's profile page (/alice_fixture: the header XMute puts its button in,
// then the timeline). Before timing, the timeline is filled with tweet cells shaped like the
// fixture's (article, User-Name with two links, tweetText, an action group with reply and like
// counts; every tenth cell promoted with a Follow button) until it holds the wanted size. Then
// each round streams 100 batches, one task each (a MessageChannel message between them), of: three cells
// appended, the three oldest removed, two like counts changed and two `data-testid` attribute
// flips (like ↔ unlike), which is about 10 mutation records a batch, 1,000 a round.
//
// How the time is read: a DevTools trace (category devtools.timeline) records every call from
// Chromium into JavaScript as a FunctionCall event with its script URL and its duration in µs;
// the events from XMute's content scripts (content.js, surfaces.js, ...) are its observer
// callbacks and the animation-frame passes they schedule. console.timeStamp() marks
// each batch in the same trace. The mutation records are counted by an observer of the page's
// own with the same options as XMute's. Layout and style recalculation events nested inside a
// content-script call are forced (synchronous) ones.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { gotoX, launchBrowser, startFakeX, waitFor } from "./browser.mjs";
import { median, summary } from "./stats.mjs";

const PROFILE = "/alice_fixture";
const BATCHES_PER_ROUND = 100;

/**
 * @param {{ rounds?: number, scenarios?: { id: string, label: string, cells?: number, elements?: number }[],
 *           log?: (line: string) => void }} [options]
 */
export async function benchObserver({ rounds = 7, scenarios = SCENARIOS, log = () => {} } = {}) {
  const fake = await startFakeX();
  const browser = await launchBrowser(fake.ports.https);
  try {
    const results = [];
    for (const scenario of scenarios) {
      const scenarioRounds = Math.min(rounds, scenario.rounds ?? rounds);
      log(`${scenario.label}: ${scenarioRounds} rounds of ${BATCHES_PER_ROUND} batches`);
      results.push(await runScenario(browser, scenario, scenarioRounds));
    }
    return { batchesPerRound: BATCHES_PER_ROUND, rounds, scenarios: results };
  } finally {
    await browser.close();
    await fake.stop();
  }
}

/**
 * The pages measured. 2,000 elements is about what X keeps rendered (its timeline is
 * virtualised); 2,000 cells (about 20,000 elements) is the stress case, in fewer rounds since
 * every frame of it is slow to render.
 */
export const SCENARIOS = [
  { id: "timeline-2000-elements", label: "timeline of 2,000 elements", elements: 2000 },
  { id: "timeline-2000-cells", label: "timeline of 2,000 tweet cells", cells: 2000, rounds: 3 },
];

async function runScenario(browser, scenario, rounds) {
  const page = await browser.context.newPage();
  try {
    // Counts the mutation records, with XMute's observer options, per batch.
    await page.addInitScript(() => {
      const bench = { batch: -1, records: /** @type {number[]} */ ([]) };
      /** @type {any} */ (window).__bench = bench;
      new MutationObserver((records) => {
        if (bench.batch >= 0) bench.records[bench.batch] = (bench.records[bench.batch] ?? 0) + records.length;
      }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-testid"] });
    });
    await gotoX(page, PROFILE);
    await waitFor(() => page.evaluate(() => document.querySelectorAll('[data-testid="xmute-button"]').length === 1),
      { what: "XMute's button on the profile" });

    const size = await page.evaluate(fillTimeline, { cells: scenario.cells ?? 0, elements: scenario.elements ?? 0 });
    // Let rendering and XMute settle before tracing.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

    const cdpBrowser = browser.context.browser();
    if (!cdpBrowser) throw new Error("no browser handle for tracing");
    await cdpBrowser.startTracing(page, { categories: ["devtools.timeline"] });
    let trace;
    try {
      for (let round = -1; round < rounds; round++) { // round -1: warm-up
        await page.evaluate(streamRound, { round, batches: BATCHES_PER_ROUND });
      }
    } finally {
      trace = JSON.parse((await cdpBrowser.stopTracing()).toString("utf8"));
    }
    const records = await page.evaluate(() => /** @type {any} */ (window).__bench.records);
    const stillOne = await page.evaluate(() => document.querySelectorAll('[data-testid="xmute-button"]').length === 1);
    if (!stillOne) throw new Error("XMute's button is not on the page after streaming");
    return { id: scenario.id, label: scenario.label, cells: scenario.cells ?? null, elements: scenario.elements ?? null,
      rounds, ...size, ...analyse(trace, records, rounds) };
  } finally {
    await page.close();
  }
}

/** In the page: fills the timeline section to the wanted size; returns what it holds. */
function fillTimeline({ cells, elements }) {
  const timeline = document.querySelector('section[aria-label="Timeline"]');
  if (!timeline) throw new Error("no timeline on the profile page");
  let serial = 0;
  /** @type {any} */ (window).__benchCell = function cell() {
    const n = serial++;
    const name = `user${String(n % 2000).padStart(4, "0")}`;
    const element = (tag, attributes, ...children) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
      e.append(...children);
      return e;
    };
    const link = (text, cls) => element("a", { href: `/${name}`, class: cls, "data-hovercard": name }, text);
    const count = (testid, value) => element("button", { "data-testid": testid, class: "action" }, element("span", {}, String(value)));
    const article = element("article", { "data-testid": "tweet", role: "article" },
      element("div", { "data-testid": "User-Name", class: "user-name" }, link(`User ${n}`, ""), link(`@${name}`, "handle")),
      element("div", { "data-testid": "tweetText" }, `Streamed post number ${n}.`),
      element("div", { role: "group" }, count("reply", n % 7), count("like", n % 13)));
    if (n % 10 === 9) {
      article.append(element("div", { class: "promoted" }, element("span", {}, "Promoted"),
        element("div", { "data-testid": "placementTracking" },
          element("button", { role: "button", class: "pill follow", "data-testid": `${2000000000 + (n % 2000)}-follow` }, "Follow"))));
    }
    return article;
  };
  const make = /** @type {any} */ (window).__benchCell;
  const count = () => timeline.getElementsByTagName("*").length;
  if (cells) for (let i = 0; i < cells; i++) timeline.append(make());
  else while (count() < elements) timeline.append(make());
  return {
    timelineCells: timeline.querySelectorAll("article").length,
    timelineElements: count(),
    documentElements: document.getElementsByTagName("*").length,
  };
}

/** In the page: one round of streamed batches, each in its own task. */
async function streamRound({ round, batches }) {
  const bench = /** @type {any} */ (window).__bench;
  const make = /** @type {any} */ (window).__benchCell;
  const timeline = document.querySelector('section[aria-label="Timeline"]');
  if (!timeline) throw new Error("the timeline is gone");
  // A new task without setTimeout's clamping: a message to ourselves.
  const channel = new MessageChannel();
  const nextTask = () => new Promise((resolve) => { channel.port1.onmessage = () => resolve(undefined); channel.port2.postMessage(null); });
  for (let b = 0; b < batches; b++) {
    const index = round < 0 ? -1 : round * batches + b;
    bench.batch = index;
    console.timeStamp(`bench-batch:${index}`);
    for (let i = 0; i < 3; i++) timeline.append(make());
    for (let i = 0; i < 3; i++) timeline.querySelector("article")?.remove();
    const articles = timeline.getElementsByTagName("article");
    for (let i = 0; i < 2; i++) {
      const cell = articles[(b * 7 + i * 31) % articles.length];
      const likes = cell.querySelector('[data-testid="like"] span, [data-testid="unlike"] span');
      if (likes) likes.textContent = String(Number(likes.textContent) + 1);
      const button = cell.querySelector('[data-testid="like"], [data-testid="unlike"]');
      button?.setAttribute("data-testid", button.getAttribute("data-testid") === "like" ? "unlike" : "like");
    }
    await nextTask();
  }
  bench.batch = -1;
  console.timeStamp("bench-batch:end");
}

/** Callback time per batch and per 1,000 mutation records, from the trace. */
function analyse(trace, records, rounds) {
  const events = trace.traceEvents ?? trace;
  const stamps = events
    .filter((e) => e.name === "TimeStamp" && /^bench-batch:/.test(e.args?.data?.message ?? ""))
    .map((e) => ({ ts: e.ts, pid: e.pid, tid: e.tid, batch: e.args.data.message.slice("bench-batch:".length) }))
    .sort((a, b) => a.ts - b.ts);
  if (stamps.length === 0) throw new Error("no batch marks in the trace");
  const { pid, tid } = stamps[0];
  const onThread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X");
  const calls = onThread.filter((e) => e.name === "FunctionCall" && /^chrome-extension:\/\/[^/]+\/[\w-]+\.js$/.test(e.args?.data?.url ?? ""));
  const relayouts = onThread.filter((e) => e.name === "Layout" || e.name === "UpdateLayoutTree");

  /** The batch each call belongs to: the last mark before it. */
  const batchOf = (ts) => {
    let lo = 0, hi = stamps.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (stamps[mid].ts <= ts) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found < 0 ? "none" : stamps[found].batch;
  };
  const perBatchUs = new Map();
  const perBatchCpuUs = new Map();
  const perBatchCalls = new Map();
  /** Per script file: its total over the measured batches. */
  const perScriptUs = new Map();
  let forcedLayouts = 0, forcedStyles = 0;
  for (const call of calls) {
    const batch = batchOf(call.ts);
    if (!/^\d+$/.test(batch)) continue; // warm-up round or outside the rounds
    const script = call.args.data.url.replace(/^.*\//, "");
    perScriptUs.set(script, (perScriptUs.get(script) ?? 0) + call.dur);
    perBatchUs.set(batch, (perBatchUs.get(batch) ?? 0) + call.dur);
    perBatchCpuUs.set(batch, (perBatchCpuUs.get(batch) ?? 0) + (call.tdur ?? call.dur));
    perBatchCalls.set(batch, (perBatchCalls.get(batch) ?? 0) + 1);
    for (const r of relayouts) {
      if (r.ts >= call.ts && r.ts + (r.dur ?? 0) <= call.ts + call.dur) {
        if (r.name === "Layout") forcedLayouts++;
        else forcedStyles++;
      }
    }
  }

  const batchMs = [], batchCpuMs = [];
  const per1000 = [], per1000Cpu = [];
  for (let round = 0; round < rounds; round++) {
    let us = 0, cpuUs = 0, count = 0;
    for (let b = 0; b < BATCHES_PER_ROUND; b++) {
      const index = String(round * BATCHES_PER_ROUND + b);
      const t = perBatchUs.get(index) ?? 0;
      const cpu = perBatchCpuUs.get(index) ?? 0;
      batchMs.push(t / 1000);
      batchCpuMs.push(cpu / 1000);
      us += t;
      cpuUs += cpu;
      count += records[Number(index)] ?? 0;
    }
    per1000.push((us / 1000 / count) * 1000);
    per1000Cpu.push((cpuUs / 1000 / count) * 1000);
  }
  const recordsPerBatch = records.filter((n) => n !== null && n !== undefined);
  const callsPerBatch = [...perBatchCalls.values()];
  return {
    perBatchMs: summary(batchMs, 4),
    per1000MutationsMs: summary(per1000, 3),
    perBatchCpuMs: summary(batchCpuMs, 4),
    per1000MutationsCpuMs: summary(per1000Cpu, 3),
    recordsPerBatch: median(recordsPerBatch),
    callbacksPerBatch: median(callsPerBatch),
    batchesWithoutCallback: rounds * BATCHES_PER_ROUND - perBatchUs.size,
    /** Mean milliseconds per batch in each script's callbacks. */
    perBatchMsByScript: Object.fromEntries([...perScriptUs].map(([script, us]) =>
      [script, Math.round((us / 1000 / (rounds * BATCHES_PER_ROUND)) * 10000) / 10000])),
    forcedLayoutsInCallback: forcedLayouts,
    forcedStyleRecalcsInCallback: forcedStyles,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, out: { type: "string" } } });
  const result = await benchObserver({ rounds: Number(values.rounds), log: (line) => console.error(`observer: ${line}`) });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  else process.stdout.write(text);
}
