// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { credentialProblem } from "./words.js";
import { checkCredentials, checkPin } from "./credentials.js";

const good = { consumerKey: "ck123", consumerSecret: "cs456", token: "1-tok", tokenSecret: "ts789" };

test("complete credentials pass unchanged", () => {
  assert.deepEqual(checkCredentials(good, { tokenRequired: true }), { ok: true, value: good });
});

test("the app's keys alone pass when no token is required", () => {
  const { consumerKey, consumerSecret } = good;
  assert.deepEqual(checkCredentials({ consumerKey, consumerSecret, token: "", tokenSecret: "" }),
    { ok: true, value: { consumerKey, consumerSecret } });
});

test("each problem names its field and what is wrong; the words name the field in the user's language", () => {
  const cases = [
    [{ consumerKey: "" }, "consumerKey", "empty", /^API key \(consumer key\) is empty\.$/],
    [{ consumerSecret: " cs456" }, "consumerSecret", "space", /space or line break/],
    [{ token: "1-tok\n" }, "token", "space", /space or line break/],
    [{ tokenSecret: "ts\u2019789" }, "tokenSecret", "notAscii", /not plain ASCII/],
    [{ tokenSecret: "" }, "tokenSecret", "empty", /^Access token secret is empty\.$/],
    [{ consumerKey: "k".repeat(201) }, "consumerKey", "tooLong", /too long/],
  ];
  for (const [change, field, problem, words] of cases) {
    const result = checkCredentials({ ...good, ...change }, { tokenRequired: true });
    assert.deepEqual(result, { ok: false, field, problem });
    assert.match(credentialProblem(result), words);
  }
});

test("a token without its secret is refused even when tokens are optional", () => {
  assert.equal(checkCredentials({ ...good, tokenSecret: "" }).ok, false);
});

test("PINs: digits, trimmed", () => {
  assert.equal(checkPin(" 1234567 "), "1234567");
  for (const bad of ["", "12a4567", "123", undefined, 1234567]) assert.equal(checkPin(bad), null);
});
