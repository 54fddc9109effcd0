// node --test extension/ (shortcut.js is a classic content script: it fills globalThis.XMute)
import assert from "node:assert/strict";
import { test } from "node:test";
import "./shortcut.js";

const { fromBackground } = globalThis.XMute.shortcut;
const id = "abcdefghijklmnopabcdefghijklmnop";

test("the shortcut's message is accepted from this extension's background only", () => {
  assert.equal(fromBackground({ id, url: `chrome-extension://${id}/background.js` }, id), true);
  assert.equal(fromBackground({ id, tab: { id: 4 }, url: `chrome-extension://${id}/options.html` }, id), false, "a page in a tab");
  assert.equal(fromBackground({ id, tab: { id: 4 }, frameId: 0 }, id), false, "a content script");
  assert.equal(fromBackground({ id: "another-extension" }, id), false);
  assert.equal(fromBackground(undefined, id), false);
});
