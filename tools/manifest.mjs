// Derives one browser's manifest from extension/manifest.json (the Chrome MV3 manifest, the
// single source). Usage: node tools/manifest.mjs chrome|firefox extension/manifest.json
//
// Firefox differences (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/manifest.json):
// - the background is an event page: `background.scripts` (with `type: "module"`), not a
//   `service_worker`;
// - `browser_specific_settings.gecko` carries the add-on id, the minimum version and the
//   data-collection declaration that new listings require;
// - `options_ui.open_in_tab` is kept; Chrome-only keys are dropped.
import { readFileSync } from "node:fs";

const [browser, source] = process.argv.slice(2);
if (!["chrome", "firefox"].includes(browser) || !source) {
  console.error("usage: node tools/manifest.mjs chrome|firefox extension/manifest.json");
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(source, "utf8"));
const firefoxSettings = manifest.browser_specific_settings;
delete manifest.browser_specific_settings;

if (browser === "firefox") {
  const worker = manifest.background?.service_worker;
  if (!worker) throw new Error("manifest.json: background.service_worker is required");
  manifest.background = { scripts: [worker], type: "module" };
  if (!firefoxSettings?.gecko?.id) throw new Error("manifest.json: browser_specific_settings.gecko.id is required");
  manifest.browser_specific_settings = firefoxSettings;
  delete manifest.minimum_chrome_version;
}

process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
