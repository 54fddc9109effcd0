// Makes pkg/signer an npm package: writes its package.json and copies its README and the
// repository's LICENSE into it. wasm-pack builds the module with --no-pack (build.sh), so the
// metadata is this file's, not wasm-pack's guess. The version is the `xmute` crate's, the crate
// the module is built from. Usage: node tools/signer_package.mjs pkg/signer
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node tools/signer_package.mjs pkg/signer");
  process.exit(2);
}

/** `version` of Cargo.toml's [package] table. */
function crateVersion(manifest) {
  const table = /^\[package\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(manifest)?.[1] ?? "";
  const version = /^version\s*=\s*"([^"]+)"\s*$/m.exec(table)?.[1];
  if (!version) throw new Error("Cargo.toml: no version in [package]");
  return version;
}

// What wasm-bindgen made (--target web, --out-name xmute); a missing one is a build error.
const files = ["xmute.js", "xmute.d.ts", "xmute_bg.wasm", "xmute_bg.wasm.d.ts"];
for (const file of files) {
  if (!existsSync(path.join(out, file))) throw new Error(`${out}/${file} is missing: build the module first`);
}
// wasm-bindgen's inline JavaScript (the signer's result builder), which xmute.js imports.
if (existsSync(path.join(out, "snippets"))) files.push("snippets/");

const pkg = {
  name: "xmute-signer",
  version: crateVersion(readFileSync(path.join(ROOT, "Cargo.toml"), "utf8")),
  description:
    "OAuth 1.0a (RFC 5849) request signing in WebAssembly: signRequest and Signer make the " +
    "Authorization header, the signature base string and the signature (HMAC-SHA1, " +
    "HMAC-SHA256, PLAINTEXT). It sends nothing; nonces come from Web Crypto.",
  keywords: ["oauth", "oauth1", "oauth1a", "rfc5849", "signature", "hmac-sha1", "webassembly", "wasm"],
  license: "MIT",
  type: "module",
  main: "xmute.js",
  module: "xmute.js",
  types: "xmute.d.ts",
  files,
  sideEffects: false,
};
writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
copyFileSync(path.join(ROOT, "tools/signer_package.md"), path.join(out, "README.md"));
copyFileSync(path.join(ROOT, "LICENSE"), path.join(out, "LICENSE"));
