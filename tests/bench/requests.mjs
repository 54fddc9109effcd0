// The benchmark's workload: 1,000 realistic mute requests and one set of credentials, generated
// deterministically (same seed, same requests, on every machine), with a nonce and timestamp
// per request chosen here, so that every signer signs exactly the same bytes.
//
// Kinds, drawn uniformly: v2 POST /2/users/:me/muting with a JSON body; v2 DELETE
// /2/users/:me/muting/:target; v1.1 POST mutes/users/create.json and destroy.json with
// user_id or screen_name in the query.
import { writeFile } from "node:fs/promises";

/** mulberry32: a small, fast, seeded PRNG (not for secrets; only to make the workload). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SCREEN_NAME = `${ALPHANUMERIC}_`;

/**
 * @typedef {{ method: string, url: string, body?: string, contentType?: string,
 *             nonce: string, timestamp: number, kind: string }} BenchRequest
 * @typedef {{ consumerKey: string, consumerSecret: string, token: string, tokenSecret: string }} BenchCredentials
 */

/**
 * @param {{ count?: number, seed?: number }} [options]
 * @returns {{ credentials: BenchCredentials, requests: BenchRequest[] }}
 */
export function workload({ count = 1000, seed = 5849 } = {}) {
  const random = prng(seed);
  const pick = (alphabet, length) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
  const between = (low, high) => low + Math.floor(random() * (high - low + 1));
  const userId = () => String(between(1, 9)) + pick("0123456789", between(6, 18));

  // The shapes X issues: 25-character consumer key, 50-character secrets, "<user id>-<40>" token.
  const me = userId();
  const credentials = {
    consumerKey: pick(ALPHANUMERIC, 25),
    consumerSecret: pick(ALPHANUMERIC, 50),
    token: `${me}-${pick(ALPHANUMERIC, 40)}`,
    tokenSecret: pick(ALPHANUMERIC, 45),
  };

  const base = "https://api.x.com";
  /** @type {BenchRequest[]} */
  const requests = [];
  for (let i = 0; i < count; i++) {
    const nonce = pick(ALPHANUMERIC, 32);
    const timestamp = 1_760_000_000 + i;
    const target = random() < 0.5 ? `user_id=${userId()}` : `screen_name=${pick(SCREEN_NAME, between(4, 15))}`;
    switch (Math.floor(random() * 4)) {
      case 0:
        requests.push({ kind: "v2 mute", method: "POST", url: `${base}/2/users/${me}/muting`,
          body: JSON.stringify({ target_user_id: userId() }), contentType: "application/json", nonce, timestamp });
        break;
      case 1:
        requests.push({ kind: "v2 unmute", method: "DELETE", url: `${base}/2/users/${me}/muting/${userId()}`, nonce, timestamp });
        break;
      case 2:
        requests.push({ kind: "v1.1 create", method: "POST", url: `${base}/1.1/mutes/users/create.json?${target}`, nonce, timestamp });
        break;
      default:
        requests.push({ kind: "v1.1 destroy", method: "POST", url: `${base}/1.1/mutes/users/destroy.json?${target}`, nonce, timestamp });
    }
  }
  return { credentials, requests };
}

/** The batch as the Rust harnesses read it (tests/bench/shared/batch.rs). */
export function toTsv(requests) {
  return requests.map((r) => [r.method, r.url, r.body ?? "", r.contentType ?? "", r.nonce, r.timestamp].join("\t")).join("\n") + "\n";
}

/** Writes the batch for the Rust harnesses. */
export async function writeTsv(path, requests) {
  await writeFile(path, toTsv(requests));
}
