// The nonces the signer module makes when the caller passes none (Signer.sign(request),
// signRequest(request, credentials)), through the optimised build (pkg/node, pkg/signer):
//
// - 1,000,000 nonces from one Signer: no repeat, each 32 letters and digits;
// - two Signers of one instance, signing in turn: no nonce in common, nor with signRequest;
// - two instances of the module: two worker threads (pkg/node, --target nodejs), and two
//   instantiations of pkg/signer (--target web) in this thread: no nonce in common;
// - the timestamp is the clock's (within 5 s of Date.now()).
//
//   node tests/node/nonces.mjs [--count 1000000]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const CREDENTIALS = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const REQUEST = { method: "POST", url: "https://api.x.com/1.1/mutes/users/create.json?user_id=2244994945" };
const NONCE = /oauth_nonce="([^"]*)"/;
const TIMESTAMP = /oauth_timestamp="([^"]*)"/;

/** The nonce in a signed request's header (percent-encoding left as is: none is expected). */
function nonceOf(result) {
  const match = NONCE.exec(result.authorization);
  if (!match) throw new Error(`no oauth_nonce in ${result.authorization}`);
  return match[1];
}

/** `count` nonces from `sign()`, as an array. */
function nonces(sign, count) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) out[i] = nonceOf(sign());
  return out;
}

if (!isMainThread) {
  // A worker: its own instance of pkg/node.
  const { Signer } = require(path.join(ROOT, "pkg/node/xmute.js"));
  const signer = new Signer(CREDENTIALS);
  parentPort.postMessage(nonces(() => signer.sign(REQUEST), workerData.count));
} else {
  const { values: args } = parseArgs({ options: { count: { type: "string", default: "1000000" } } });
  const COUNT = Number(args.count);
  const failures = [];
  let checks = 0;
  const check = (ok, message) => {
    checks++;
    if (!ok) failures.push(message);
  };
  const repeats = (list) => list.length - new Set(list).size;
  const common = (a, b) => {
    const seen = new Set(a);
    return b.filter((n) => seen.has(n)).length;
  };

  const { Signer, signRequest } = require(path.join(ROOT, "pkg/node/xmute.js"));

  // 1. One Signer, COUNT nonces.
  const signer = new Signer(CREDENTIALS);
  const many = nonces(() => signer.sign(REQUEST), COUNT);
  check(repeats(many) === 0, `${repeats(many)} repeated nonces in ${COUNT} from one Signer`);
  const malformed = many.filter((n) => !/^[A-Za-z0-9]{32}$/.test(n));
  check(malformed.length === 0, `${malformed.length} nonces are not 32 letters and digits, e.g. ${malformed[0]}`);

  // 2. Two Signers of this instance in turn, and signRequest.
  const [a, b] = [new Signer(CREDENTIALS), new Signer(CREDENTIALS)];
  const fromA = [];
  const fromB = [];
  for (let i = 0; i < 50_000; i++) {
    fromA.push(nonceOf(a.sign(REQUEST)));
    fromB.push(nonceOf(b.sign(REQUEST)));
  }
  const fromSignRequest = nonces(() => signRequest(REQUEST, CREDENTIALS), 50_000);
  check(common(fromA, fromB) === 0, `two Signers shared ${common(fromA, fromB)} nonces`);
  check(common([...fromA, ...fromB], fromSignRequest) === 0, "signRequest repeated a Signer's nonce");
  check(repeats([...fromA, ...fromB, ...fromSignRequest]) === 0, "repeated nonces across two Signers and signRequest");

  // 3a. Two worker threads, each its own instance of pkg/node.
  const inWorker = () => new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { count: 100_000 } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const [workerA, workerB] = await Promise.all([inWorker(), inWorker()]);
  check(workerA.length === 100_000 && workerB.length === 100_000, "a worker did not sign");
  check(common(workerA, workerB) === 0, `two workers shared ${common(workerA, workerB)} nonces`);
  check(common(many, workerA) === 0 && common(many, workerB) === 0, "a worker repeated the main thread's nonces");

  // 3b. Two instantiations of pkg/signer (--target web) in this thread: each import of the glue
  // with its own query string is a module of its own, with its own wasm instance.
  const wasm = readFileSync(path.join(ROOT, "pkg/signer/xmute_bg.wasm"));
  const glue = pathToFileURL(path.join(ROOT, "pkg/signer/xmute.js")).href;
  const instances = [];
  for (const which of ["first", "second"]) {
    const module = await import(`${glue}?instance=${which}`);
    module.initSync({ module: wasm });
    instances.push(module);
  }
  check(instances[0].Signer !== instances[1].Signer, "the two imports are one module");
  const [instanceA, instanceB] = instances.map(({ Signer: S }) => {
    const s = new S(CREDENTIALS);
    return nonces(() => s.sign(REQUEST), 100_000);
  });
  check(common(instanceA, instanceB) === 0, `two instances shared ${common(instanceA, instanceB)} nonces`);

  // 4. The timestamp is now.
  const stamp = Number(TIMESTAMP.exec(signer.sign(REQUEST).authorization)?.[1]);
  check(Math.abs(stamp - Date.now() / 1000) < 5, `oauth_timestamp ${stamp} is not now (${Date.now() / 1000})`);

  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(`nonces: ${checks - failures.length}/${checks} checks passed (${COUNT.toLocaleString("en-US")} from one Signer; two Signers, signRequest, two workers, two instances)`);
  process.exit(failures.length ? 1 : 0);
}
