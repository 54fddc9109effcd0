// Sizes of what ships: the wasm and its glue as the Chrome build carries them (raw and gzip -9
// through node:zlib), the signer-only wasm (pkg/signer) and both extension zips, with the
// budgets next to them (the same as tools/size_budget.py's). A budget miss is reported, never
// thrown: ./build.sh test owns the check.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGETS = {
  // The extension's wasm: 48 KiB gzip, what a user downloads; the raw ceiling moves with it.
  wasmGzip: 48 * 1024,
  wasmRaw: 108 * 1024,
  signerWasm: 64 * 1024,
  chromeZip: 150 * 1024,
};

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
    wasm: { ...wasm, budget: { gzip: BUDGETS.wasmGzip, raw: BUDGETS.wasmRaw },
      withinBudget: wasm.gzip <= BUDGETS.wasmGzip && wasm.raw <= BUDGETS.wasmRaw },
    signerWasm: { ...signerWasm, budget: BUDGETS.signerWasm, withinBudget: signerWasm.raw <= BUDGETS.signerWasm },
    glue,
    chromeZip: { ...chromeZip, budget: BUDGETS.chromeZip, withinBudget: chromeZip.raw <= BUDGETS.chromeZip },
    firefoxZip,
  };
}
