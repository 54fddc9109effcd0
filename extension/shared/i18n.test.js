// node --test --import ./extension/test-setup.mjs extension/
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { readFileSync } from "node:fs";
import { Window } from "happy-dom";
import { direction, speaksXMute, useMessages, wordsLanguage } from "./i18n.js";

const load = (lang) => JSON.parse(readFileSync(new URL(`../_locales/${lang}/messages.json`, import.meta.url), "utf8"));
after(() => useMessages(load("en"), "en"));

test("XMute's words carry their messages file's language and direction, not the page's", () => {
  const { document } = new Window();
  useMessages(load("en"), "en");
  assert.deepEqual([wordsLanguage(), direction()], ["en", "ltr"]);
  useMessages(load("ja"), "ja");
  assert.deepEqual([wordsLanguage(), direction()], ["ja", "ltr"]);
  const button = speaksXMute(document.createElement("button"));
  assert.deepEqual([button.getAttribute("lang"), button.getAttribute("dir")], ["ja", "ltr"]);
  // A right-to-left language added later: its file's tag turns the direction.
  for (const tag of ["ar", "he", "fa", "ur"]) {
    useMessages({ ...load("en"), wordsLanguage: { message: tag } }, tag);
    assert.equal(direction(), "rtl", tag);
    assert.equal(speaksXMute(document.createElement("span")).getAttribute("dir"), "rtl", tag);
  }
  // The browser's language does not decide it: Hebrew UI, English words (no Hebrew file).
  useMessages(load("en"), "he");
  assert.deepEqual([wordsLanguage(), direction()], ["en", "ltr"]);
});

test("an extension page the browser gave no messages reads its messages file itself", async () => {
  const { messagesReady, t } = await import("./i18n.js");
  const asked = [];
  const saved = { chrome: globalThis.chrome, fetch: globalThis.fetch };
  globalThis.chrome = /** @type {any} */ ({
    i18n: { getMessage: () => "", getUILanguage: () => "ja-JP" },
    runtime: { getManifest: () => ({ default_locale: "en" }), getURL: (p) => `chrome-extension://x/${p}` },
  });
  globalThis.fetch = /** @type {any} */ (async (url) => {
    asked.push(url);
    if (url.endsWith("/_locales/ja/messages.json")) return { ok: true, json: async () => load("ja") };
    throw new TypeError("Failed to fetch");
  });
  try {
    await messagesReady();
    assert.deepEqual(asked, ["chrome-extension://x/_locales/ja_JP/messages.json", "chrome-extension://x/_locales/ja/messages.json"]);
    assert.equal(t("buttonMute"), "ミュート");
    assert.equal(t("noSuchMessage"), "noSuchMessage", "a missing message is its key, as in a browser, not an exception");
  } finally {
    globalThis.chrome = saved.chrome;
    globalThis.fetch = saved.fetch;
    useMessages(load("en"), "en");
  }
});
