// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { classifySender } from "./sender.js";

const self = {
  id: "abcdefghijklmnopabcdefghijklmnop",
  baseUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/",
  optionsUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html",
  managerUrl: "chrome-extension://abcdefghijklmnopabcdefghijklmnop/manager.html",
};
const contentScript = { id: self.id, origin: "https://x.com", url: "https://x.com/alice", frameId: 0, tab: { id: 7 } };
const optionsPage = { id: self.id, origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop", url: `${self.optionsUrl}#top` };

test("this extension's content script in a top frame on an X origin", () => {
  assert.equal(classifySender(contentScript, self), "content");
  for (const origin of ["https://twitter.com", "https://mobile.x.com", "https://mobile.twitter.com"]) {
    assert.equal(classifySender({ ...contentScript, origin }, self), "content");
  }
});

test("the options page, in a tab or embedded", () => {
  assert.equal(classifySender(optionsPage, self), "options");
  assert.equal(classifySender({ ...optionsPage, tab: { id: 3 }, frameId: 0 }, self), "options");
  assert.equal(classifySender({ ...optionsPage, url: `${self.baseUrl}other.html` }, self), "extension");
});

test("the manager page is options-class; without a manager URL it is not", () => {
  const managerPage = { ...optionsPage, url: `${self.managerUrl}?q=1` };
  assert.equal(classifySender(managerPage, self), "options");
  assert.equal(classifySender(managerPage, { ...self, managerUrl: undefined }), "extension");
  assert.equal(classifySender({ ...managerPage, origin: "https://evil.example", tab: { id: 1 }, frameId: 0 }, self), "untrusted");
});

test("a browser that reports no origin: extension pages by URL, content scripts by tab", () => {
  const { origin: _, ...noOrigin } = optionsPage;
  assert.equal(classifySender(noOrigin, self), "options");
  const { origin: __, ...content } = contentScript;
  assert.equal(classifySender(content, self), "content");
});

test("refused: other extensions, sub-frames, other origins, a page pretending with its URL", () => {
  assert.equal(classifySender(undefined, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, id: "someone-else" }, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, frameId: 2 }, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, origin: "https://evil.example" }, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, origin: "https://x.com.evil.example" }, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, tab: undefined }, self), "untrusted");
  assert.equal(classifySender({ ...contentScript, url: self.optionsUrl }, self), "content");
  assert.equal(classifySender({ ...contentScript, origin: "https://evil.example", url: self.optionsUrl }, self), "untrusted");
});
