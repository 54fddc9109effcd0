// The published vectors (tests/vectors.json) through `signRequest` and `new Signer()` of an
// optimised build of the signer module:
//   node tests/node/vectors.mjs pkg/node     --target nodejs (default; what the benchmarks time)
//   node tests/node/vectors.mjs pkg/signer   --target web (what a page that only signs loads)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const which = process.argv[2] ?? "pkg/node";
const dir = path.resolve(ROOT, which);
let xmute;
if (which === "pkg/node") {
  xmute = createRequire(import.meta.url)(path.join(dir, "xmute.js"));
} else {
  xmute = await import(pathToFileURL(path.join(dir, "xmute.js")).href);
  xmute.initSync({ module: readFileSync(path.join(dir, "xmute_bg.wasm")) });
}
const { signRequest, Signer } = xmute;
const { groups } = JSON.parse(readFileSync(new URL("../vectors.json", import.meta.url), "utf8"));

let checked = 0;
const failures = [];
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());

for (const group of groups) {
  for (const v of group.vectors) {
    for (const [how, sign] of [
      ["signRequest", () => signRequest(v.request, v.credentials, v.options)],
      ["Signer.sign", () => new Signer(v.credentials).sign(v.request, v.options)],
    ]) {
      const label = `${v.name} via ${how} [${group.source.slice(0, 60)}...]`;
      const got = sign();
      const problems = [];
      if (v.expect.signature && got.signature !== v.expect.signature) problems.push(`signature ${got.signature} != ${v.expect.signature}`);
      if (v.expect.signature && !got.authorization.includes(`oauth_signature="${encode(v.expect.signature)}"`)) problems.push(`header lacks the signature: ${got.authorization}`);
      if (v.expect.baseString && got.baseString !== v.expect.baseString) problems.push(`base string ${got.baseString}`);
      if (v.expect.authorizationStartsWith && !got.authorization.startsWith(v.expect.authorizationStartsWith)) problems.push(`header ${got.authorization}`);
      checked++;
      if (problems.length) failures.push(`${label}: ${problems.join("; ")}`);
    }
  }
}

// Bad input throws an Error naming the field; it never panics (a panic would abort the module).
const base = groups[0].vectors[0];
const badCases = [
  [{ ...base.request }, { ...base.credentials, consumerKey: undefined }, base.options, "credentials.consumerKey"],
  [{ ...base.request, url: "::" }, base.credentials, base.options, "request.url"],
  [base.request, base.credentials, { ...base.options, signatureMethod: "MD5" }, "options.signatureMethod"],
  [base.request, base.credentials, { ...base.options, timestamp: "soon" }, "options.timestamp"],
];
for (const [request, credentials, options, field] of badCases) {
  checked++;
  try {
    signRequest(request, credentials, options);
    failures.push(`no error for bad ${field}`);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "InvalidInput" || error.field !== field || !error.message.includes(field)) {
      failures.push(`bad ${field}: got ${error?.name}: ${error?.message} (field ${error?.field})`);
    }
  }
}

for (const failure of failures) console.error(`FAIL ${failure}`);
console.log(`node vectors (${which}): ${checked - failures.length}/${checked} passed`);
process.exit(failures.length ? 1 : 0);
