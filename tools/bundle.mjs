// Bundles the extension's three runtimes from extension/ into one browser's directory with
// esbuild. Usage: node tools/bundle.mjs <out-dir>
//
// - background/main.js → background.js: an ES module (Chrome's service worker is
//   `"type": "module"`, Firefox's event page loads it as a module too). `xmute-wasm` stays an
//   import of ./wasm/xmute.js, the wasm-bindgen glue build.sh copies beside it.
// - content/main.js → content.js: one classic script (content scripts cannot be modules), and
//   content/content.css → content.css.
// - options/main.js → options.js (a module script of options.html), with options.html and
//   options.css copied; manager/main.js → manager.js likewise for manager.html (the muted
//   accounts page, which uses options.css too), with manager.html and manager.css.
// - _locales/ (every word the user reads, per language) and icons/ copied.
// Nothing is minified: what ships reads like the source (store reviewers, stack traces).
import { cp, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = path.join(ROOT, "extension");
const [outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node tools/bundle.mjs <out-dir>");
  process.exit(2);
}
const out = path.resolve(outDir);

/** `import ... from "xmute-wasm"` → the glue shipped at ./wasm/xmute.js. */
const wasmGlue = {
  name: "xmute-wasm",
  setup(b) {
    b.onResolve({ filter: /^xmute-wasm$/ }, () => ({ path: "./wasm/xmute.js", external: true }));
  },
};

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  outdir: out,
  target: ["chrome120", "firefox140"],
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
};

await mkdir(out, { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: { background: path.join(SOURCE, "background/main.js") }, format: "esm", plugins: [wasmGlue] }),
  build({
    ...common,
    entryPoints: { content: path.join(SOURCE, "content/main.js") },
    format: "iife",
  }),
  build({ ...common, entryPoints: { content: path.join(SOURCE, "content/content.css") } }),
  build({ ...common, entryPoints: { options: path.join(SOURCE, "options/main.js") }, format: "esm" }),
  cp(path.join(SOURCE, "options/options.html"), path.join(out, "options.html")),
  cp(path.join(SOURCE, "options/options.css"), path.join(out, "options.css")),
  build({ ...common, entryPoints: { manager: path.join(SOURCE, "manager/main.js") }, format: "esm" }),
  cp(path.join(SOURCE, "manager/manager.html"), path.join(out, "manager.html")),
  cp(path.join(SOURCE, "manager/manager.css"), path.join(out, "manager.css")),
  cp(path.join(SOURCE, "icons"), path.join(out, "icons"), { recursive: true }),
  cp(path.join(SOURCE, "_locales"), path.join(out, "_locales"), { recursive: true }),
]);
