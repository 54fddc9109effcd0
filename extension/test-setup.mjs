// Loaded before every unit test (`node --test --import ./extension/test-setup.mjs extension/`):
// XMute's words come from the English messages.json, as chrome.i18n would give them, and a
// message the code names but the catalog lacks fails the test.
import { readFileSync } from "node:fs";
import { useMessages } from "./shared/i18n.js";

useMessages(JSON.parse(readFileSync(new URL("./_locales/en/messages.json", import.meta.url), "utf8")), "en");
