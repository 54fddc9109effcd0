// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromBackground } from "./shortcut.js";

const id = "abcdefghijklmnopabcdefghijklmnop";
const base = `chrome-extension://${id}/`;
const chrome = { id, backgroundUrls: [`${base}background.js`] };
const firefox = { id, backgroundUrls: [`moz-extension://uuid/_generated_background_page.html`] };

test("the shortcut's message is accepted from this extension's background only", () => {
  assert.equal(fromBackground({ id, url: `${base}background.js`, origin: base.slice(0, -1) }, chrome), true);
  assert.equal(fromBackground({ id, url: "moz-extension://uuid/_generated_background_page.html" }, firefox), true);
  assert.equal(fromBackground({ id }, chrome), true, "a browser that reports no URL: id and no tab");
});

test("refused: the options page (Chrome reports no tab for it), tabs, content scripts, other extensions", () => {
  assert.equal(fromBackground({ id, url: `${base}options.html` }, chrome), false);
  assert.equal(fromBackground({ id, tab: { id: 4 }, url: `${base}background.js` }, chrome), false);
  assert.equal(fromBackground({ id, tab: { id: 4 }, frameId: 0, url: "https://x.com/alice" }, chrome), false);
  assert.equal(fromBackground({ id: "another-extension", url: `${base}background.js` }, chrome), false);
  assert.equal(fromBackground(undefined, chrome), false);
});
