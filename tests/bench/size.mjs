// Sizes of what ships: the wasm and its glue as the Chrome build carries them (raw and gzip -9
// through node:zlib), the signer-only wasm (pkg/signer) and both extension zips, with the
// issue's budgets next to the wasms and the Chrome zip. A budget miss is reported, never thrown: ./build.sh test owns the check.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGETS = { wasm: 64 * 1024, chromeZip: 150 * 1024 };

/** `{ raw, gzip }` bytes of the file at `file`. */
export async function sizeOf(file) {
  const bytes = await readFile(file);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** @param {string} root the repository */
export async function measureSizes(root) {
  const at = (p) => path.join(root, p);
  const [wasm, signerWasm, glue, chromeZip, firefoxZip] = await Promise.all([
    sizeOf(at("dist/chrome/wasm/xmute_bg.wasm")),
    sizeOf(at("pkg/signer/xmute_bg.wasm")),
    sizeOf(at("dist/chrome/wasm/xmute.js")),
    sizeOf(at("dist/xmute-chrome.zip")),
    sizeOf(at("dist/xmute-firefox.zip")),
  ]);
  return {
    wasm: { ...wasm, budget: BUDGETS.wasm, withinBudget: wasm.raw <= BUDGETS.wasm },
    signerWasm: { ...signerWasm, budget: BUDGETS.wasm, withinBudget: signerWasm.raw <= BUDGETS.wasm },
    glue,
    chromeZip: { ...chromeZip, budget: BUDGETS.chromeZip, withinBudget: chromeZip.raw <= BUDGETS.chromeZip },
    firefoxZip,
  };
}
