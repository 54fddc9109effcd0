// What each optimised wasm package exports, exactly: the extension's module has the X client
// and no signer API (its client signs inside wasm); the signer module has the signer and
// nothing else. A feature wired to the wrong build fails here.
//   node tests/node/exports.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_INIT = ["default", "initSync"];
const EXPECTED = {
  "pkg/web": [...WEB_INIT, "XClient", "accessToken", "requestToken"],
  "pkg/signer": [...WEB_INIT, "Signer", "signRequest"],
  "pkg/node": ["Signer", "signRequest"],
};

async function load(which) {
  const dir = path.join(ROOT, which);
  if (which === "pkg/node") return createRequire(import.meta.url)(path.join(dir, "xmute.js"));
  const module = await import(pathToFileURL(path.join(dir, "xmute.js")).href);
  module.initSync({ module: readFileSync(path.join(dir, "xmute_bg.wasm")) });
  return module;
}

const failures = [];
for (const [which, expected] of Object.entries(EXPECTED)) {
  const actual = Object.keys(await load(which)).sort();
  if (actual.join() !== [...expected].sort().join()) {
    failures.push(`${which} exports ${actual.join(", ")}; expected ${[...expected].sort().join(", ")}`);
  }
}
for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(`wasm package exports: ${Object.keys(EXPECTED).length - failures.length}/${Object.keys(EXPECTED).length} as expected`);
process.exit(failures.length ? 1 : 0);
