// Signing speed, every signer in this one Node process, on the same 1,000 requests with the
// same nonces and timestamps (requests.mjs). Before any timing, every signer must produce
// XMute's signature for every request (and the hand-built Web Crypto signer XMute's base
// string too); a disagreement is a bug in this harness and stops the run.
//
//   node tests/bench/signing.mjs [--out FILE] [--rounds 11] [--min-round-ms 80]
//
// A round is as many passes over the 1,000 requests as fill --min-round-ms (calibrated once
// per signer after a warm-up); rounds of the signers alternate, so drift hits them alike; the
// figure is the median over rounds of signatures per second.
import { webcrypto } from "node:crypto";
import { createHmac } from "node:crypto";
import { writeFile } from "node:fs/promises";
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

// ---- the signers ---------------------------------------------------------------------------
// Each has `sign(i)` for request i (sync or async) returning what its API returns, and
// `signature(result)` reading the base64 signature out of it. Inputs are prepared before
// timing, identically for all: what a caller passes, the signer's API decides.

/** XMute's request and options objects, made once. */
const xmuteRequests = requests.map(({ method, url, body, contentType }) =>
  (body === undefined ? { method, url } : { method, url, body, contentType }));
const xmuteOptions = requests.map(({ nonce, timestamp }) => ({ nonce, timestamp }));

/** Reads `oauth_signature` out of an Authorization header and decodes it. */
function headerSignature(header) {
  const match = /oauth_signature="([^"]*)"/.exec(header);
  if (!match) throw new Error(`no oauth_signature in ${header}`);
  return decodeURIComponent(match[1]);
}

/** oauth-1.0a with `hash`; nonce and timestamp come from the workload, not from Math.random. */
function oauth10a(hash) {
  const oauth = OAuth({ consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: "HMAC-SHA1", hash_function: hash });
  let current = 0;
  oauth.getNonce = () => requests[current].nonce;
  oauth.getTimeStamp = () => requests[current].timestamp;
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

/** A hand-built signature base string and header (RFC 5849 3.4.1, 3.5.1) for Web Crypto. */
function handBuilt(i) {
  const { method, url, nonce, timestamp } = requests[i];
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
async function webCryptoSign(i) {
  const { baseString, oauthParams } = handBuilt(i);
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
 * @typedef {{ id: string, label: string, what: string, kind: "sync" | "async" | "batch" | "loop",
 *   sign?: (i: number) => any, signature?: (result: any) => string, signAllAsync?: () => Promise<any[]>,
 *   loop?: (passes: number) => number, headers?: () => string[] }} Peer
 * @type {Peer[]}
 */
const peers = [
  { id: "xmute-signer", label: "XMute Signer.sign (wasm), call per sig", kind: "sync",
    what: "new Signer(credentials) once, then .sign(request, { nonce, timestamp }) per request: one JS→wasm call each; returns { authorization, baseString, signature }",
    sign: (i) => signer.sign(xmuteRequests[i], xmuteOptions[i]), signature: (r) => r.signature },
  { id: "xmute-signRequest", label: "XMute signRequest (wasm), call per sig", kind: "sync",
    what: "signRequest(request, credentials, { nonce, timestamp }) per request: reads the credentials and derives the key every call",
    sign: (i) => xmute.signRequest(xmuteRequests[i], credentials, xmuteOptions[i]), signature: (r) => r.signature },
  { id: "oauth-1.0a+crypto-js", label: "oauth-1.0a + crypto-js", kind: "sync",
    what: "npm oauth-1.0a 2.2.6, hash_function = CryptoJS.HmacSHA1(base, key).toString(Base64); toHeader(authorize(...)) per request",
    sign: oauth10a((base, key) => CryptoJS.HmacSHA1(base, key).toString(CryptoJS.enc.Base64)), signature: headerSignature },
  { id: "oauth-1.0a+node:crypto", label: "oauth-1.0a + node:crypto", kind: "sync",
    what: "npm oauth-1.0a 2.2.6, hash_function = createHmac('sha1', key).update(base).digest('base64'); toHeader(authorize(...)) per request",
    sign: oauth10a((base, key) => createHmac("sha1", key).update(base).digest("base64")), signature: headerSignature },
  { id: "webcrypto-await", label: "Web Crypto subtle.sign, awaited each", kind: "async",
    what: "hand-built base string and header; HMAC key imported once; await crypto.subtle.sign per request, one at a time",
    sign: webCryptoSign, signature: (r) => r.signature },
  { id: "webcrypto-all", label: "Web Crypto subtle.sign, Promise.all", kind: "batch",
    what: "as above, but the 1,000 signatures of a pass started together and awaited with Promise.all",
    signAllAsync: () => Promise.all(requests.map((_, i) => webCryptoSign(i))), signature: (r) => r.signature },
  ...peerBuilds.flatMap(({ id, profile, peer }) => [
    { id: `oauth1-request-call${id}`, label: `oauth1-request wasm (${profile}), call per sig`, kind: "sync",
      what: `oauth1-request 0.6 (feature js) in wasm, ${profile === "opt 3" ? "cargo opt-level 3 (its fastest), otherwise XMute's release profile" : "XMute's release profile (opt-level z, lto, codegen-units 1, panic abort)"}, wasm-opt with build.sh's flags; sign_one(method, url, nonce, timestamp) per request: three strings in, the header out`,
      sign: (i) => peer.sign_one(requests[i].method, requests[i].url, requests[i].nonce, requests[i].timestamp), signature: headerSignature },
    { id: `oauth1-request-loop${id}`, label: `oauth1-request wasm (${profile}), loop in wasm`, kind: "loop",
      what: "the same wasm build; the 1,000 requests loaded once, then sign_loaded(passes): the loop runs inside wasm, one call per round, no crossing per signature",
      loop: (passes) => peer.sign_loaded(passes), headers: () => peer.loaded_headers().split("\n") },
  ]),
  { id: "xmute-loop", label: "XMute wasm (opt z), loop in wasm", kind: "loop",
    what: "xmute::oauth::Signer (the code behind Signer.sign) in a benchmark-only wasm build with XMute's release profile and wasm-opt flags; the same loop inside wasm as oauth1-request's, so the two compare like with like",
    loop: (passes) => loop.sign_loaded(passes), headers: () => loop.loaded_headers().split("\n") },
];

// ---- check: every signer agrees with XMute, request by request --------------------------------
const expected = requests.map((_, i) => xmute.signRequest(xmuteRequests[i], credentials, xmuteOptions[i]));
const mismatches = [];
function check(id, i, actual, field = "signature") {
  if (actual !== expected[i][field] && mismatches.length < 10) {
    mismatches.push(`${id}: request ${i} (${requests[i].kind} ${requests[i].method} ${requests[i].url}): ${field} ${JSON.stringify(actual)}, XMute ${JSON.stringify(expected[i][field])}`);
  }
}
for (const p of peers) {
  if (p.kind === "sync") {
    for (let i = 0; i < N; i++) check(p.id, i, p.signature(p.sign(i)));
  } else if (p.kind === "async") {
    for (let i = 0; i < N; i++) {
      const r = await p.sign(i);
      check(p.id, i, r.signature);
      check(p.id, i, r.baseString, "baseString");
    }
  } else if (p.kind === "batch") {
    (await p.signAllAsync()).forEach((r, i) => check(p.id, i, r.signature));
  } else {
    p.headers().forEach((header, i) => check(p.id, i, headerSignature(header)));
  }
}
for (let i = 0; i < N; i++) {
  const again = signer.sign(xmuteRequests[i], xmuteOptions[i]);
  check("xmute-signer", i, again.authorization, "authorization");
  check("xmute-signer", i, again.baseString, "baseString");
}
if (mismatches.length) {
  console.error(`signing.mjs: signers disagree with XMute (a harness bug; nothing was timed):\n  ${mismatches.join("\n  ")}`);
  process.exit(1);
}

// ---- timing ----------------------------------------------------------------------------------
let sink = 0;
/** One round of `passes` passes; returns signatures per second. */
async function round(p, passes) {
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
  return (passes * N) / ((performance.now() - start) / 1000);
}

const plan = [];
for (const p of peers) {
  await round(p, 2); // warm-up: JIT tiers, wasm tier-up, caches
  const perPass = 1000 / (await round(p, 1)) * N; // ms for one pass
  plan.push({ p, passes: Math.max(1, Math.ceil(MIN_ROUND_MS / perPass)), rounds: [] });
}
for (let r = 0; r < ROUNDS; r++) {
  for (const entry of plan) entry.rounds.push(await round(entry.p, entry.passes));
}

const results = plan.map(({ p, passes, rounds }) => ({
  id: p.id, label: p.label, what: p.what, passesPerRound: passes,
  sigPerSec: Math.round(median(rounds)), best: Math.round(Math.max(...rounds)), rounds: rounds.map(Math.round),
}));
const report = {
  requests: N,
  kinds: Object.fromEntries([...new Set(requests.map((r) => r.kind))].map((k) => [k, requests.filter((r) => r.kind === k).length])),
  rounds: ROUNDS, minRoundMs: MIN_ROUND_MS, verified: true, results, sink: sink > 0,
};
if (args.out) await writeFile(args.out, `${JSON.stringify(report, null, 2)}\n`);
else console.log(JSON.stringify(report, null, 2));
