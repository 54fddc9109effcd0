// Signs every case of a JSON-lines file with XMute's `signRequest` (the optimised
// --target nodejs build) and writes one JSON line per case: { signature, baseString,
// authorization } or { error }. Driven by tests/differential/run.py.
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { signRequest } = require("../../pkg/node/xmute.js");
const [input, output] = process.argv.slice(2);
const out = createWriteStream(output);
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  if (!line) continue;
  const { request, credentials, options } = JSON.parse(line);
  let result;
  try {
    result = signRequest(request, credentials, options);
  } catch (error) {
    result = { error: `${error.name}: ${error.message}` };
  }
  out.write(JSON.stringify(result) + "\n");
}
out.end();
