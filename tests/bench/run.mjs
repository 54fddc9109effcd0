// `./build.sh bench`: XMute against what a developer would use instead, in one run. Prints one
// table and writes it, with every sample and the machine it ran on, to target/bench/bench.json.
// Assumes ./build.sh has just built pkg/node (the signer module), dist/chrome, dist/firefox and
// the zips; builds the benchmark-only crates (tests/bench/oauth1_peer, xmute_loop, native) itself, under
// target/bench/. Numbers are reported, never asserted: a missed target or budget shows as MISS
// and the exit status stays 0. A signer whose signatures oauthlib rejects stops the run (exit 1).
//
//   node tests/bench/run.mjs [--only size,signing,native,extension,observer] [--runs 20] [--rounds 11]
import { existsSync } from "node:fs";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchExtension } from "./extension.mjs";
import { benchScale } from "./scale.mjs";
import { benchObserver } from "./observer.mjs";
import { writeTsv, workload } from "./requests.mjs";
import { measureSizes, sizeOf } from "./size.mjs";
import { kib, median, ms, thousands } from "./stats.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const OUT = path.join(ROOT, "target/bench");
const CARGO_TARGET = path.join(OUT, "cargo");
const PARTS = ["size", "signing", "native", "extension", "scale", "observer"];

const { values: args } = parseArgs({
  options: {
    only: { type: "string", default: PARTS.join(",") },
    runs: { type: "string", default: "20" },
    rounds: { type: "string", default: "11" },
    "observer-rounds": { type: "string", default: "7" },
  },
});
const only = new Set(args.only.split(","));
for (const part of only) if (!PARTS.includes(part)) throw new Error(`unknown part ${part}; parts: ${PARTS.join(", ")}`);

const env = {
  ...process.env,
  PATH: [path.join(ROOT, "node_modules/.bin"), path.join(os.homedir(), ".cargo/bin"), process.env.PATH].join(path.delimiter),
  WASM_PACK_CACHE: process.env.WASM_PACK_CACHE ?? path.join(ROOT, "target/wasm-pack-cache"),
  CARGO_TARGET_DIR: CARGO_TARGET,
};
const started = Date.now();
const log = (line) => console.error(`\x1b[1m==> bench: ${line}\x1b[0m (${((Date.now() - started) / 1000).toFixed(0)} s)`);

/** Runs a command, its output on stderr; rejects on a non-zero exit. Returns its stdout if `capture`. */
function run(command, commandArgs, { capture = false, cwd = ROOT, env: extra = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd, env: { ...env, ...extra }, stdio: ["ignore", capture ? "pipe" : process.stderr, process.stderr] });
    let out = "";
    child.stdout?.on("data", (chunk) => { out += chunk; });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${commandArgs.join(" ")} exited with ${code}`))));
  });
}

/** build.sh's wasm-opt flags, read from build.sh so the two never differ. */
async function wasmOptFlags() {
  const script = await readFile(path.join(ROOT, "build.sh"), "utf8");
  const match = /^WASM_OPT_FLAGS=\(([^)]*)\)/m.exec(script);
  if (!match) throw new Error("WASM_OPT_FLAGS not found in build.sh");
  return match[1].split(/\s+/).filter(Boolean);
}

/**
 * wasm-pack --target nodejs --release for a benchmark crate, then wasm-opt as build.sh does.
 * `optLevel` overrides the crate's release opt-level (its Cargo.toml has XMute's profile); such
 * a build gets its own cargo target directory and output directory (suffix `-o<level>`).
 */
async function buildWasmCrate(name, flags, { optLevel = null } = {}) {
  const suffix = optLevel === null ? "" : `-o${optLevel}`;
  const out = path.join(OUT, "pkg", `${name}${suffix}`);
  const overrides = optLevel === null ? {} : { CARGO_PROFILE_RELEASE_OPT_LEVEL: String(optLevel), CARGO_TARGET_DIR: `${CARGO_TARGET}${suffix}` };
  await run("wasm-pack", ["--quiet", "build", "--release", "--no-pack", "--target", "nodejs",
    "--out-dir", out, "--out-name", name, path.join(HERE, name)], { env: overrides });
  const wasm = path.join(out, `${name}_bg.wasm`);
  await run("wasm-opt", [...flags, wasm, "-o", wasm]);
  // The glue is CommonJS; the repository's package.json says "module". Its snippets (inline JS
  // of the xmute crate) are ES modules, which Node 20.19+ loads through require().
  await writeFile(path.join(out, "package.json"), '{ "type": "commonjs" }\n');
  if (existsSync(path.join(out, "snippets"))) {
    await writeFile(path.join(out, "snippets", "package.json"), '{ "type": "module" }\n');
  }
  return { glue: path.join(out, `${name}.js`), wasm };
}

function machine() {
  const cpuinfo = (() => { try { return readFileSync("/proc/cpuinfo", "utf8"); } catch { return ""; } })();
  const tryRun = (command, commandArgs) => { try { return execFileSync(command, commandArgs, { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }).trim(); } catch { return null; } };
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    rustc: tryRun("rustc", ["--version"]),
    wasmOpt: tryRun("wasm-opt", ["--version"]),
    commit: tryRun("git", ["-C", ROOT, "describe", "--always", "--dirty"]),
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

// ---------------------------------------------------------------------------------------------
await mkdir(OUT, { recursive: true });
const info = machine();
const results = {};
const { credentials, requests } = workload();
const tsv = path.join(OUT, "requests.tsv");
await writeTsv(tsv, requests);

if (only.has("signing") || only.has("native")) {
  const flags = await wasmOptFlags();
  if (only.has("signing")) {
    log("building the benchmark-only wasm crates (oauth1_peer twice, xmute_loop)");
    results.peerBuild = await buildWasmCrate("oauth1_peer", flags);
    results.peerO3Build = await buildWasmCrate("oauth1_peer", flags, { optLevel: 3 });
    results.loopBuild = await buildWasmCrate("xmute_loop", flags);
    results.peerWasmSize = await sizeOf(results.peerBuild.wasm);
    results.peerO3WasmSize = await sizeOf(results.peerO3Build.wasm);
  }
  if (only.has("native")) {
    log("building the native harness");
    await run("cargo", ["build", "--quiet", "--release", "--manifest-path", path.join(HERE, "native/Cargo.toml")]);
  }
}

if (only.has("signing")) {
  log("signing: every signer checked with oauthlib, then timed");
  const out = path.join(OUT, "signing.json");
  await run(process.execPath, [path.join(HERE, "signing.mjs"), "--out", out, "--rounds", args.rounds,
    "--peer", results.peerBuild.glue, "--peer-o3", results.peerO3Build.glue, "--loop", results.loopBuild.glue]);
  results.signing = JSON.parse(await readFile(out, "utf8"));
}

if (only.has("native")) {
  log("native ceiling");
  const binary = path.join(CARGO_TARGET, "release", "xmute-bench-native");
  const { consumerKey, consumerSecret, token, tokenSecret } = credentials;
  const native = JSON.parse(await run(binary, [tsv, consumerKey, consumerSecret, token, tokenSecret, args.rounds, "80"], { capture: true }));
  // The native signatures must be the wasm build's.
  const xmute = createRequire(import.meta.url)(path.join(ROOT, "pkg/node/xmute.js"));
  const bad = [];
  requests.forEach((r, i) => {
    const want = xmute.signRequest({ method: r.method, url: r.url, body: r.body, contentType: r.contentType }, credentials, { nonce: r.nonce, timestamp: r.timestamp }).signature;
    for (const [who, list] of Object.entries(native.signatures)) {
      if (decodeURIComponent(list[i]) !== want && bad.length < 5) bad.push(`${who} request ${i}: ${decodeURIComponent(list[i])}, wasm ${want}`);
    }
  });
  if (bad.length) {
    console.error(`bench: native signatures differ from the wasm build's (a harness bug):\n  ${bad.join("\n  ")}`);
    process.exit(1);
  }
  delete native.signatures;
  results.native = { ...native, verified: true,
    xmuteMedian: Math.round(median(native.xmute.sigPerSec)), oauth1RequestMedian: Math.round(median(native.oauth1Request.sigPerSec)) };
}

if (only.has("extension")) {
  log(`extension: click → request and cold start, ${args.runs} runs each`);
  results.extension = await benchExtension({ runs: Number(args.runs), log });
}

if (only.has("scale")) {
  log(`scale: a heavy user's profile (10,000 muted), ${args.runs} runs`);
  results.scale = await benchScale({ runs: Number(args.runs), log });
}

if (only.has("observer")) {
  log("content script: observer callbacks on a streaming timeline");
  results.observer = await benchObserver({ rounds: Number(args["observer-rounds"]), log });
}

if (only.has("size")) results.sizes = await measureSizes(ROOT);

info.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
info.chromium = results.extension?.chromium ?? null;
info.seconds = Math.round((Date.now() - started) / 1000);

// ---- the table -----------------------------------------------------------------------------
/** @type {(string[] | { section: string })[]} */
const rows = [];
/** @type {{ target: string, measured: string, met: boolean }[]} */
const targets = [];
const status = (met) => (met ? "ok" : "MISS");
const target = (name, measured, met) => { targets.push({ target: name, measured, met }); return status(met); };

if (results.sizes) {
  const { wasm, signerWasm, glue, chromeZip, firefoxZip } = results.sizes;
  const peer = results.peerWasmSize;
  rows.push({ section: "Size (gzip: -9 through node:zlib)" });
  rows.push(["xmute_bg.wasm (dist/chrome, after wasm-opt -Oz): X client, signing inside", `${kib(wasm.raw)} raw`, `${kib(wasm.gzip)} gzip`,
    `<= ${kib(wasm.budget.gzip)} gzip (raw <= ${kib(wasm.budget.raw)})`,
    target(`extension's wasm (X client) <= ${kib(wasm.budget.gzip)} gzip, raw <= ${kib(wasm.budget.raw)}`, `${kib(wasm.gzip)} gzip, ${kib(wasm.raw)} raw`, wasm.withinBudget)]);
  const smallerThanPeer = peer ? signerWasm.raw < peer.raw : true;
  rows.push(["xmute_bg.wasm (pkg/signer, = pkg/node): signRequest + Signer", `${kib(signerWasm.raw)} raw`, `${kib(signerWasm.gzip)} gzip`,
    `<= ${kib(signerWasm.budget)} raw${peer ? ", < oauth1-request's (opt z)" : ""}`,
    target("signer-only wasm <= 64 KiB raw and smaller than oauth1-request's at the same settings (opt z)", kib(signerWasm.raw), signerWasm.withinBudget && smallerThanPeer)]);
  rows.push(["xmute.js, wasm-bindgen glue (dist/chrome)", `${kib(glue.raw)} raw`, `${kib(glue.gzip)} gzip`, "", ""]);
  rows.push(["dist/xmute-chrome.zip", kib(chromeZip.raw), "", "<= 150 KiB",
    target("Chrome zip <= 150 KiB", kib(chromeZip.raw), chromeZip.withinBudget)]);
  rows.push(["dist/xmute-firefox.zip", kib(firefoxZip.raw), "", "", ""]);
  if (peer) rows.push(["oauth1-request peer wasm, opt z (signing only)", `${kib(peer.raw)} raw`, `${kib(peer.gzip)} gzip`, "", ""]);
  if (results.peerO3WasmSize) {
    rows.push(["oauth1-request peer wasm, opt-level 3", `${kib(results.peerO3WasmSize.raw)} raw`, `${kib(results.peerO3WasmSize.gzip)} gzip`, "", ""]);
  }
}

const ratio = (x, y) => (x / y).toFixed(x / y < 10 ? 2 : 1) + "x";
if (results.signing) {
  const s = results.signing;
  const by = Object.fromEntries(s.results.map((r) => [r.id, r]));
  const signer = by["xmute-signer"].sigPerSec;
  const request = by["xmute-signRequest"].sigPerSec;
  const ratios = (v) => `Signer ${ratio(signer, v)}, signRequest ${ratio(request, v)}`;
  rows.push({ section: `Signing as callers call it: no nonce or timestamp passed, each signer makes its own; the same ${thousands(s.requests)} mute requests in one Node process; sig/s = median of ${args.rounds} rounds; ratio = XMute ÷ row` });
  const callerTargets = {
    "oauth-1.0a+crypto-js": ["Signer >= 10x", 10],
    "oauth-1.0a+node:crypto": ["Signer >= 3x", 3],
    "oauth1-request-call-o3": ["Signer >= 1.0x", 1],
  };
  for (const r of s.results.filter((result) => !result.fixedNonce)) {
    if (r.id === "xmute-signer") {
      rows.push([r.label, `${thousands(r.sigPerSec)} sig/s`, "the figure the targets use", "", ""]);
    } else if (r.id === "xmute-signRequest") {
      rows.push([r.label, `${thousands(r.sigPerSec)} sig/s`, `Signer ${ratio(signer, r.sigPerSec)}`, "Signer <= 1.5x",
        target("XMute signRequest within 1.5x of Signer.sign", `Signer ${ratio(signer, r.sigPerSec)}`, signer <= 1.5 * r.sigPerSec)]);
    } else if (r.id === "xmute-signRequest-alternating") {
      rows.push([r.label, `${thousands(r.sigPerSec)} sig/s`, `Signer ${ratio(signer, r.sigPerSec)}, signRequest ${ratio(request, r.sigPerSec)}`, "", ""]);
    } else {
      const [goal, factor] = callerTargets[r.id] ?? ["", 0];
      rows.push([r.label, `${thousands(r.sigPerSec)} sig/s`, ratios(r.sigPerSec), goal,
        factor ? target(`XMute Signer.sign ${goal.replace("Signer ", "")} ${r.label}`, ratio(signer, r.sigPerSec), signer >= factor * r.sigPerSec) : ""]);
    }
  }
}

if (results.signing || results.native) {
  const s = results.signing;
  const by = Object.fromEntries((s?.results ?? []).map((r) => [r.id, r]));
  const signer = by["xmute-signer-fixed"]?.sigPerSec;
  const request = by["xmute-signRequest-fixed"]?.sigPerSec;
  const ratios = (v) => `Signer ${ratio(signer, v)}, signRequest ${ratio(request, v)}`;
  rows.push({ section: `Signing with a fixed nonce and timestamp: every signer given the workload's (how earlier runs were measured; no targets); ratio = XMute's fixed-nonce row ÷ row` });
  for (const r of (s?.results ?? []).filter((result) => result.fixedNonce)) {
    const peerLoop = (id) => by[id] ? ratio(r.sigPerSec, by[id].sigPerSec) : "n/a";
    const detail = r.id === "xmute-signer-fixed" ? `${ratio(r.sigPerSec, by["xmute-signer"].sigPerSec)} the caller's Signer.sign`
      : r.id === "xmute-signRequest-fixed" ? `Signer ${ratio(signer, r.sigPerSec)}`
      // Like with like: this loop against oauth1-request's loops.
      : r.id === "xmute-loop-fixed" ? `${peerLoop("oauth1-request-loop-fixed")} / ${peerLoop("oauth1-request-loop-o3-fixed")} oauth1-request's loop (opt z / opt 3)`
      : ratios(r.sigPerSec);
    rows.push([r.label, `${thousands(r.sigPerSec)} sig/s`, detail, "", ""]);
  }
  if (results.native) {
    const n = results.native;
    rows.push(["XMute native (opt z), loop: the ceiling", `${thousands(n.xmuteMedian)} sig/s`, signer ? `fixed-nonce Signer at ${((signer / n.xmuteMedian) * 100).toFixed(1)}% of it` : "", "", ""]);
    rows.push(["oauth1-request native (opt z), loop", `${thousands(n.oauth1RequestMedian)} sig/s`, signer ? ratios(n.oauth1RequestMedian) : "", "", ""]);
  }
}

if (results.extension) {
  const e = results.extension;
  const row = (label, sm, goal, limit) => [label, `median ${ms(sm.median)}`, `p95 ${ms(sm.p95)}`, goal,
    limit ? target(`${label}: ${goal}`, ms(sm.median), sm.median < limit) : ""];
  rows.push({ section: `Extension (dist/chrome) in headless Chromium ${e.chromium}, fake X on loopback, ${e.runs} runs` });
  rows.push(row("click → request received, warm worker", e.clickToRequest.warm, "median < 50 ms", 50));
  rows.push(row("click → request received, cold worker", e.clickToRequest.cold, "median < 100 ms", 100));
  rows.push(row("  cold: click → worker started", e.coldBreakdown.clickToWorkerStart, "", 0));
  rows.push(row("  cold: worker started → request received", e.coldBreakdown.workerStartToRequest, "", 0));
  const b = e.coldBreakdown;
  if (b.workerStartToBackgroundRunning) rows.push(row("  cold: worker started → background.js running", b.workerStartToBackgroundRunning, "", 0));
  if (b.workerStartToWasmReady) rows.push(row("  cold: worker started → wasm ready", b.workerStartToWasmReady, "", 0));
  else rows.push(["  cold: worker started → wasm ready", "n/a", `no "${b.wasmReadyMark}" mark in the worker`, "", ""]);
  rows.push(row("wasm init alone (import + init() in an extension page)", e.wasmInit.total, "", 0));
}

if (results.scale) {
  const sc = results.scale;
  const p = sc.profile;
  const timing = (label, sm, goal, limit) => [label, `median ${ms(sm.median)}`, `p95 ${ms(sm.p95)}`, goal,
    limit ? target(`${label}: ${goal}`, ms(sm.median), sm.median < limit) : ""];
  const bytes = (label, sm, goal, limit) => [label, `median ${thousands(sm.median)} B`, `max ${thousands(sm.max)} B`, goal,
    limit ? target(`${label}: ${goal}`, `${thousands(sm.median)} B`, sm.max <= limit) : ""];
  rows.push({ section: `Scale: a profile with ${thousands(p.muted)} muted accounts, ${p.history} history entries, ${p.queued} queued actions, ${thousands(p.handles)} known handles; ${sc.runs} runs` });
  rows.push(timing("click → request received, warm worker", sc.clickToRequest.warm, "median < 20 ms", 20));
  rows.push(timing("click → request received, cold worker", sc.clickToRequest.cold, "median < 100 ms", 100));
  rows.push(bytes("written to chrome.storage per click", sc.bytesWrittenPerClick, "<= 4 KiB", 4096));
  rows.push(bytes("delivered to another x.com tab per click", sc.bytesDeliveredPerTabPerClick, "<= 4 KiB", 4096));
  rows.push(timing("options page load (queue and history shown)", sc.optionsLoad, "", 0));
  rows.push([`  public state written again (as after a browser restart)`, `${thousands(sc.publicStateRebuildMs)} ms`, `${thousands(sc.publicKeys)} keys`, "", ""]);
}

if (results.observer) {
  const o = results.observer;
  rows.push({ section: `Content script: XMute's MutationObserver callbacks on a profile page while its timeline streams, rounds of ${o.batchesPerRound} batches of ~10 records` });
  for (const sc of o.scenarios) {
    const name = sc.cells ? `${thousands(sc.timelineCells)}-cell timeline (${thousands(sc.timelineElements)} elements)`
      : `${thousands(Math.round(sc.timelineElements / 1000) * 1000)}-element timeline (${thousands(sc.timelineCells)} cells)`;
    rows.push([`${name}: per batch`, `median ${ms(sc.perBatchMs.median)}`, `p95 ${ms(sc.perBatchMs.p95)}`, "median < 0.1 ms",
      target(`observer per batch, ${name}: median < 0.1 ms`, ms(sc.perBatchMs.median), sc.perBatchMs.median < 0.1)]);
    rows.push(["  per 1,000 mutation records", `median ${ms(sc.per1000MutationsMs.median)}`, `${sc.rounds} rounds`, "", ""]);
    rows.push(["  forced layouts / style recalcs in the callback", `${sc.forcedLayoutsInCallback} / ${sc.forcedStyleRecalcsInCallback}`,
      `${sc.callbacksPerBatch} callback, ${sc.recordsPerBatch} records a batch`, "none",
      target(`no forced layout in the callback, ${name}`, `${sc.forcedLayoutsInCallback} / ${sc.forcedStyleRecalcsInCallback}`, sc.forcedLayoutsInCallback + sc.forcedStyleRecalcsInCallback === 0)]);
  }
}

const header = ["Measure", "Value", "Detail", "Target", "Result"];
const cells = [header, ...rows.filter((r) => Array.isArray(r))];
const widths = header.map((_, i) => Math.max(...cells.map((r) => [...r[i]].length)));
const pad = (text, width) => text + " ".repeat(Math.max(0, width - [...text].length));
const line = (r) => r.map((c, i) => pad(c, widths[i])).join("  ").trimEnd();
const totalWidth = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
const title = [
  `XMute benchmarks, ${info.date.slice(0, 16).replace("T", " ")} UTC, commit ${info.commit ?? "?"}, ./build.sh bench`,
  `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB; Node ${info.node}${info.chromium ? `; Chromium ${info.chromium}` : ""}; ` +
    `load average ${info.loadAverageAtStart[0]} at start, ${info.loadAverageAtEnd[0]} at end`,
].join("\n");
const table = [title, "", line(header), "-".repeat(totalWidth),
  ...rows.map((r) => (Array.isArray(r) ? line(r) : `-- ${r.section} `.padEnd(totalWidth, "-")))].join("\n");

const notes = [
  "First signing table: what callers do. XMute's Signer.sign(request) (new Signer(credentials) once) and signRequest(request, credentials) with no options: the nonce from a pool of crypto.getRandomValues bytes fetched 1,024 nonces at a time, the time from Date.now(); the peers with their own nonce and clock (oauth-1.0a: Math.random and Date; oauth1-request: rand's ThreadRng, a ChaCha12 generator seeded once, and Date.now()). Every target uses it.",
  "Every signer's signatures for all requests were checked with oauthlib before timing (tests/bench/verify_oauthlib.py): oauthlib's HMAC-SHA1 over oauthlib's base string; the given nonce and timestamp in the second table, a current timestamp and no repeated nonce in the first.",
  "'credentials alternating': signRequest with two credential sets in turn, so it derives the key on every call; with the same credentials as last time it reuses the key it prepared then.",
  "XMute's signRequest and Signer are timed in pkg/node, the signer module (pkg/signer's build for Node); the extension's module has no signer API, its X client calls the same Rust signer inside wasm.",
  "Web Crypto rows: hand-built base string and header, key imported once; 'awaited each' signs one request at a time, 'Promise.all' starts a whole pass of 1,000 at once.",
  "'loop in wasm' rows: the requests are loaded into wasm once and one call signs a whole round, no JS-to-wasm crossing per signature; 'call per sig' rows cross once per signature. Native rows: the same loop, native.",
  "opt z = XMute's release profile: opt-level \"z\" with SHA-1 (sha1, hmac, digest, block-buffer) at 3, and for XMute its signer crate (xmute-oauth1) at 3 too; lto, codegen-units 1, panic abort, build.sh's wasm-opt flags. opt 3 / opt-level 3 = everything at opt-level 3, oauth1-request at its fastest.",
  "sig/s is per second of wall-clock time; bench.json also has each row's rate per second of the process's CPU time (sigPerCpuSec), steadier when other work shares the machine.",
  "Click times are the click event's own timestamp in the page; 'request received' is the fake server's record time (after it verified the signature); both this machine's wall clock.",
  "Scale: the profile is written in today's storage layout before the runs; bytes are each changed key and its new value as JSON, as the extension's options page (written) and a second x.com tab's content script (delivered) receive them through storage.onChanged, warm and cold clicks together.",
  "Observer: time in the content scripts' callbacks (one shared MutationObserver, watch.js, and the animation-frame passes it schedules) from a Chromium trace (devtools.timeline FunctionCall events), per batch of streamed mutations; thread CPU time is in bench.json.",
];
if (info.loadAverageAtStart[0] > info.cores * 0.75) notes.push(`The machine was busy (load average ${info.loadAverageAtStart[0]} on ${info.cores} cores at start): figures are noisier and slower than on an idle machine.`);
const text = `${table}\n\n${notes.map((n) => `* ${n}`).join("\n")}\n`;
process.stdout.write(`\n${text}`);

await writeFile(path.join(OUT, "bench.json"), `${JSON.stringify({ machine: info, command: "./build.sh bench", targets, results, table, notes }, null, 2)}\n`);
await writeFile(path.join(OUT, "bench.txt"), text);
log(`wrote target/bench/bench.json and bench.txt`);
