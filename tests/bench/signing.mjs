// Signing speed, every signer in this one Node process, on the same 1,000 requests, two ways:
//
// - as callers call them (the headline table; every target uses it): no nonce or timestamp
//   passed, each signer makes its own (XMute: Signer.sign(request), signRequest(request,
//   credentials); oauth-1.0a its Math.random nonce and Date; oauth1-request its ThreadRng nonce
//   and Date.now());
// - with the workload's fixed nonce and timestamp (requests.mjs) passed to every signer (the
//   second table; the in-wasm loops and the native ceiling can only be measured this way).
//
// Before any timing, every signer's signatures for all 1,000 requests are checked with oauthlib
// (verify_oauthlib.py): its HMAC-SHA1 over its base string of the request and the header's
// protocol parameters; the fixed nonce and timestamp where given, else a current timestamp and
// no repeated nonce. A failure is a bug in this harness and stops the run.
//
//   node tests/bench/signing.mjs [--out FILE] [--rounds 11] [--min-round-ms 80]
//
// A round is as many passes over the 1,000 requests as fill --min-round-ms (calibrated once
// per signer after a warm-up); rounds of the signers alternate, so drift hits them alike; the
// figure is the median over rounds of signatures per second of wall-clock time (the process's
// CPU time per round is recorded too, as sigPerCpuSec).
import { webcrypto } from "node:crypto";
import { createHmac } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./stats.mjs";
import { toTsv, workload } from "./requests.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    rounds: { type: "string", default: "11" },
    "min-round-ms": { type: "string", default: "80" },
    xmute: { type: "string", default: path.join(ROOT, "pkg/node/xmute.js") },
    peer: { type: "string", default: path.join(ROOT, "target/bench/pkg/oauth1_peer/oauth1_peer.js") },
    "peer-o3": { type: "string", default: path.join(ROOT, "target/bench/pkg/oauth1_peer-o3/oauth1_peer.js") },
    loop: { type: "string", default: path.join(ROOT, "target/bench/pkg/xmute_loop/xmute_loop.js") },
  },
});
const ROUNDS = Number(args.rounds);
const MIN_ROUND_MS = Number(args["min-round-ms"]);

const xmute = require(args.xmute);
const peerBuilds = [
  { id: "", profile: "opt z", Oauth1Peer: require(args.peer).Oauth1Peer },
  { id: "-o3", profile: "opt 3", Oauth1Peer: require(args["peer-o3"]).Oauth1Peer },
];
const { XmuteLoop } = require(args.loop);
const OAuth = require("oauth-1.0a");
const CryptoJS = require("crypto-js");

const { credentials, requests } = workload();
const N = requests.length;
// A second credential set, for signRequest with the credentials changing on every call.
const otherCredentials = workload({ count: 1, seed: 1849 }).credentials;

// ---- the signers ---------------------------------------------------------------------------
// Each has `sign(i)` for request i (sync or async) returning what its API returns, and
// `header(result)` reading the Authorization header out of it (or a whole pass at once:
// `signAllAsync`, or `loop` and `headers` for the loops inside wasm). Inputs are prepared before
// timing, identically for all: what a caller passes, the signer's API decides.

/** XMute's request and options objects, made once. */
const xmuteRequests = requests.map(({ method, url, body, contentType }) =>
  (body === undefined ? { method, url } : { method, url, body, contentType }));
const xmuteOptions = requests.map(({ nonce, timestamp }) => ({ nonce, timestamp }));

/** oauth-1.0a with `hash`: with its own nonce (Math.random) and timestamp (Date), or, `fixed`,
 * with the workload's. */
function oauth10a(hash, { fixed }) {
  const oauth = OAuth({ consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: "HMAC-SHA1", hash_function: hash });
  let current = 0;
  if (fixed) {
    oauth.getNonce = () => requests[current].nonce;
    oauth.getTimeStamp = () => requests[current].timestamp;
  }
  const token = { key: credentials.token, secret: credentials.tokenSecret };
  // What a caller passes: { url, method } (a JSON body is not signed, so it is not passed).
  const data = requests.map(({ url, method }) => ({ url, method }));
  return (i) => {
    current = i;
    return oauth.toHeader(oauth.authorize(data[i], token)).Authorization;
  };
}

/** RFC 3986 percent-encoding as JavaScript developers write it. */
const percentEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const formDecode = (s) => decodeURIComponent(s.replace(/\+/g, " "));

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const nonceBytes = new Uint8Array(32);
/** A nonce as a Web Crypto caller would make one: 32 random bytes as letters and digits. */
function randomNonce() {
  webcrypto.getRandomValues(nonceBytes);
  let nonce = "";
  for (const b of nonceBytes) nonce += ALPHANUMERIC[b % 62];
  return nonce;
}

/** A hand-built signature base string and header (RFC 5849 3.4.1, 3.5.1) for Web Crypto. */
function handBuilt(i, fixed) {
  const { method, url } = requests[i];
  const nonce = fixed ? requests[i].nonce : randomNonce();
  const timestamp = fixed ? requests[i].timestamp : Math.floor(Date.now() / 1000);
  const q = url.indexOf("?");
  const baseUrl = q < 0 ? url : url.slice(0, q);
  const oauthParams = [
    ["oauth_consumer_key", credentials.consumerKey],
    ["oauth_nonce", nonce],
    ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", String(timestamp)],
    ["oauth_token", credentials.token],
    ["oauth_version", "1.0"],
  ];
  const pairs = oauthParams.map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  if (q >= 0) {
    for (const part of url.slice(q + 1).split("&")) {
      if (!part) continue;
      const eq = part.indexOf("=");
      pairs.push([percentEncode(formDecode(eq < 0 ? part : part.slice(0, eq))), percentEncode(formDecode(eq < 0 ? "" : part.slice(eq + 1)))]);
    }
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join("&");
  const baseString = `${method.toUpperCase()}&${percentEncode(baseUrl)}&${percentEncode(normalized)}`;
  return { baseString, oauthParams };
}

const encoder = new TextEncoder();
const webCryptoKey = await webcrypto.subtle.importKey("raw",
  encoder.encode(`${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`),
  { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);

/** Web Crypto: hand-built base string, HMAC-SHA1 by crypto.subtle.sign, header by hand. */
async function webCryptoSign(i, fixed) {
  const { baseString, oauthParams } = handBuilt(i, fixed);
  const mac = new Uint8Array(await webcrypto.subtle.sign("HMAC", webCryptoKey, encoder.encode(baseString)));
  const signature = btoa(String.fromCharCode(...mac));
  const params = [...oauthParams.slice(0, 2), ["oauth_signature", signature], ...oauthParams.slice(2)];
  return { baseString, signature, authorization: `OAuth ${params.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(", ")}` };
}

const signer = new xmute.Signer(credentials);
const { consumerKey, consumerSecret, token, tokenSecret } = credentials;
const loop = new XmuteLoop(consumerKey, consumerSecret, token, tokenSecret);
for (const build of peerBuilds) build.peer = new build.Oauth1Peer(consumerKey, consumerSecret, token, tokenSecret);
if ([loop, ...peerBuilds.map((b) => b.peer)].some((harness) => harness.load_batch(toTsv(requests)) !== N)) {
  throw new Error("the wasm harnesses did not load every request");
}

/**
 * @typedef {{ id: string, label: string, what: string, fixed: boolean, kind: "sync" | "async" | "batch" | "loop",
 *   sign?: (i: number) => any, header?: (result: any) => string, signAllAsync?: () => Promise<any[]>,
 *   loop?: (passes: number) => number, headers?: () => string[], credentials?: (i: number) => object }} Peer
 */
const authorization = (r) => r.authorization;
const same = (r) => r;
const CALLER_NOTE = "no nonce or timestamp passed";

/** @type {Peer[]} As callers call them: the headline table. */
const callers = [
  { id: "xmute-signer", label: "XMute Signer.sign(request)", kind: "sync",
    what: `new Signer(credentials) once, then .sign(request) per request (${CALLER_NOTE}): one JS→wasm call each; the nonce from a pool of crypto.getRandomValues bytes, the time from Date.now(); returns { authorization, baseString, signature }`,
    sign: (i) => signer.sign(xmuteRequests[i]), header: authorization },
  { id: "xmute-signRequest", label: "XMute signRequest(request, credentials)", kind: "sync",
    what: `signRequest(request, credentials) per request (${CALLER_NOTE}): reads the credentials every call and reuses the key prepared for the same credentials last time`,
    sign: (i) => xmute.signRequest(xmuteRequests[i], credentials), header: authorization },
  { id: "xmute-signRequest-alternating", label: "XMute signRequest, credentials alternating", kind: "sync",
    what: `signRequest(request, credentials) per request (${CALLER_NOTE}), the credentials alternating between two sets, so the key is derived on every call`,
    sign: (i) => xmute.signRequest(xmuteRequests[i], i % 2 ? otherCredentials : credentials), header: authorization,
    credentials: (i) => (i % 2 ? otherCredentials : credentials) },
  { id: "oauth-1.0a+crypto-js", label: "oauth-1.0a + crypto-js", kind: "sync",
    what: "npm oauth-1.0a 2.2.6, hash_function = CryptoJS.HmacSHA1(base, key).toString(Base64); toHeader(authorize({ url, method }, token)) per request; its own nonce (Math.random) and timestamp (Date)",
    sign: oauth10a((base, key) => CryptoJS.HmacSHA1(base, key).toString(CryptoJS.enc.Base64), { fixed: false }), header: same },
  { id: "oauth-1.0a+node:crypto", label: "oauth-1.0a + node:crypto", kind: "sync",
    what: "npm oauth-1.0a 2.2.6, hash_function = createHmac('sha1', key).update(base).digest('base64'); toHeader(authorize({ url, method }, token)) per request; its own nonce (Math.random) and timestamp (Date)",
    sign: oauth10a((base, key) => createHmac("sha1", key).update(base).digest("base64"), { fixed: false }), header: same },
  { id: "webcrypto-await", label: "Web Crypto subtle.sign, awaited each", kind: "async",
    what: "hand-built base string and header; nonce from crypto.getRandomValues, time from Date.now(); HMAC key imported once; await crypto.subtle.sign per request, one at a time",
    sign: (i) => webCryptoSign(i, false), header: authorization },
  { id: "webcrypto-all", label: "Web Crypto subtle.sign, Promise.all", kind: "batch",
    what: "as above, but the 1,000 signatures of a pass started together and awaited with Promise.all",
    signAllAsync: () => Promise.all(requests.map((_, i) => webCryptoSign(i, false))), header: authorization },
  ...peerBuilds.map(({ id, profile, peer }) => (
    { id: `oauth1-request-call${id}`, label: `oauth1-request (${profile === "opt 3" ? "opt-level 3" : "opt z"}), one call per signature, method and URL in, header string out`, kind: "sync",
      what: `oauth1-request 0.6 (feature js) in wasm, ${profile === "opt 3" ? "cargo opt-level 3 (its fastest)" : "XMute's release profile (opt-level z, lto, codegen-units 1, panic abort)"}, wasm-opt with build.sh's flags; sign_default(method, url) per request: its nonce from rand's ThreadRng (ChaCha12 seeded once from crypto.getRandomValues), its timestamp from Date.now(); the header string out`,
      sign: (i) => peer.sign_default(requests[i].method, requests[i].url), header: same })),
].map((p) => ({ ...p, fixed: false }));

/** @type {Peer[]} Every signer given the workload's nonce and timestamp: the second table. */
const fixedNonce = [
  { id: "xmute-signer-fixed", label: "XMute Signer.sign(request, { nonce, timestamp })", kind: "sync",
    what: "new Signer(credentials) once, then .sign(request, { nonce, timestamp }) per request",
    sign: (i) => signer.sign(xmuteRequests[i], xmuteOptions[i]), header: authorization },
  { id: "xmute-signRequest-fixed", label: "XMute signRequest(request, credentials, { nonce, timestamp })", kind: "sync",
    what: "signRequest(request, credentials, { nonce, timestamp }) per request",
    sign: (i) => xmute.signRequest(xmuteRequests[i], credentials, xmuteOptions[i]), header: authorization },
  { id: "oauth-1.0a+crypto-js-fixed", label: "oauth-1.0a + crypto-js", kind: "sync",
    what: "as in the first table, getNonce and getTimeStamp replaced to return the workload's",
    sign: oauth10a((base, key) => CryptoJS.HmacSHA1(base, key).toString(CryptoJS.enc.Base64), { fixed: true }), header: same },
  { id: "oauth-1.0a+node:crypto-fixed", label: "oauth-1.0a + node:crypto", kind: "sync",
    what: "as in the first table, getNonce and getTimeStamp replaced to return the workload's",
    sign: oauth10a((base, key) => createHmac("sha1", key).update(base).digest("base64"), { fixed: true }), header: same },
  { id: "webcrypto-await-fixed", label: "Web Crypto subtle.sign, awaited each", kind: "async",
    what: "as in the first table, with the workload's nonce and timestamp",
    sign: (i) => webCryptoSign(i, true), header: authorization },
  { id: "webcrypto-all-fixed", label: "Web Crypto subtle.sign, Promise.all", kind: "batch",
    what: "as in the first table, with the workload's nonce and timestamp",
    signAllAsync: () => Promise.all(requests.map((_, i) => webCryptoSign(i, true))), header: authorization },
  ...peerBuilds.flatMap(({ id, profile, peer }) => [
    { id: `oauth1-request-call${id}-fixed`, label: `oauth1-request wasm (${profile}), call per sig`, kind: "sync",
      what: `the same wasm build; sign_one(method, url, nonce, timestamp) per request: three strings in, the header out`,
      sign: (i) => peer.sign_one(requests[i].method, requests[i].url, requests[i].nonce, requests[i].timestamp), header: same },
    { id: `oauth1-request-loop${id}-fixed`, label: `oauth1-request wasm (${profile}), loop in wasm`, kind: "loop",
      what: "the same wasm build; the 1,000 requests loaded once, then sign_loaded(passes): the loop runs inside wasm, one call per round, no crossing per signature",
      loop: (passes) => peer.sign_loaded(passes), headers: () => peer.loaded_headers().split("\n") },
  ]),
  { id: "xmute-loop-fixed", label: "XMute wasm (opt z), loop in wasm", kind: "loop",
    what: "xmute::oauth::Signer (the code behind Signer.sign) in a benchmark-only wasm build with XMute's release profile and wasm-opt flags; the same loop inside wasm as oauth1-request's, so the two compare like with like",
    loop: (passes) => loop.sign_loaded(passes), headers: () => loop.loaded_headers().split("\n") },
].map((p) => ({ ...p, fixed: true }));
const peers = [...callers, ...fixedNonce];

// ---- check: every signer's signatures, request by request, with oauthlib ---------------------
const job = { credentials, signers: [] };
const plain = ({ method, url, body, contentType }) => ({ method, url, body, contentType });
for (const p of peers) {
  let headers;
  if (p.kind === "sync") headers = requests.map((_, i) => p.header(p.sign(i)));
  else if (p.kind === "async") {
    headers = [];
    for (let i = 0; i < N; i++) headers.push(p.header(await p.sign(i)));
  } else if (p.kind === "batch") headers = (await p.signAllAsync()).map(p.header);
  else headers = p.headers();
  job.signers.push({ id: p.id, fixed: p.fixed, signed: headers.map((header, i) => ({
    request: plain(requests[i]), authorization: header, nonce: requests[i].nonce, timestamp: requests[i].timestamp,
    ...(p.credentials ? { credentials: p.credentials(i) } : {}) })) });
}
const scratch = mkdtempSync(path.join(os.tmpdir(), "xmute-bench-"));
let verified;
try {
  writeFileSync(path.join(scratch, "signed.json"), JSON.stringify(job));
  verified = JSON.parse(execFileSync("python3", [path.join(ROOT, "tests/bench/verify_oauthlib.py"), path.join(scratch, "signed.json")],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }));
} catch (error) {
  const report = error.stdout ? JSON.parse(error.stdout) : null;
  console.error(`signing.mjs: oauthlib rejected signatures (a harness bug; nothing was timed):\n  ${report ? report.failures.join("\n  ") : error.message}`);
  process.exit(1);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// ---- timing ----------------------------------------------------------------------------------
let sink = 0;
/** One round of `passes` passes; returns signatures per second of wall-clock and of CPU time. */
async function round(p, passes) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  if (p.kind === "sync") {
    const sign = p.sign;
    for (let pass = 0; pass < passes; pass++) for (let i = 0; i < N; i++) sink += sign(i) ? 1 : 0;
  } else if (p.kind === "async") {
    for (let pass = 0; pass < passes; pass++) for (let i = 0; i < N; i++) sink += (await p.sign(i)) ? 1 : 0;
  } else if (p.kind === "batch") {
    for (let pass = 0; pass < passes; pass++) sink += (await p.signAllAsync()).length;
  } else {
    sink += p.loop(passes);
  }
  const wall = (performance.now() - start) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { wall: (passes * N) / wall, cpu: (passes * N) / ((user + system) / 1e6) };
}

const plan = [];
for (const p of peers) {
  await round(p, 2); // warm-up: JIT tiers, wasm tier-up, caches
  const perPass = 1000 / (await round(p, 1)).wall * N; // ms for one pass
  plan.push({ p, passes: Math.max(1, Math.ceil(MIN_ROUND_MS / perPass)), rounds: [] });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const entry of plan) entry.rounds.push(await round(entry.p, entry.passes));
}

const results = plan.map(({ p, passes, rounds }) => {
  const wall = rounds.map((r) => r.wall);
  const cpu = rounds.map((r) => r.cpu);
  return {
    id: p.id, label: p.label, what: p.what, fixedNonce: p.fixed, passesPerRound: passes,
    sigPerSec: Math.round(median(wall)), best: Math.round(Math.max(...wall)), rounds: wall.map(Math.round),
    sigPerCpuSec: Math.round(median(cpu)), cpuRounds: cpu.map(Math.round),
  };
});
const report = {
  requests: N,
  kinds: Object.fromEntries([...new Set(requests.map((r) => r.kind))].map((k) => [k, requests.filter((r) => r.kind === k).length])),
  rounds: ROUNDS, minRoundMs: MIN_ROUND_MS, verified: { by: "oauthlib", signatures: verified.checked }, results, sink: sink > 0,
};
if (args.out) await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
else console.log(JSON.stringify(report, null, 2));
