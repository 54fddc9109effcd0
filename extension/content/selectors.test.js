// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { profileScreenName } from "./selectors.js";

test("profile paths and their tabs name a screen name", () => {
  assert.equal(profileScreenName("/alice_fixture"), "alice_fixture");
  assert.equal(profileScreenName("/Alice_Fixture/with_replies"), "Alice_Fixture");
  assert.equal(profileScreenName("/bob/media"), "bob");
  assert.equal(profileScreenName("/X/likes"), "X");
  assert.equal(profileScreenName("/alice_fixture/highlights"), "alice_fixture");
  assert.equal(profileScreenName("/alice_fixture/"), "alice_fixture");
});

test("X's own pages and impossible names are not profiles", () => {
  for (const path of ["/", "/home", "/explore", "/notifications", "/messages", "/i/bookmarks", "/settings/profile",
    "/search", "/compose/post", "/Home", "/login", "/tos", "/sixteen_chars_xx", "/bad-name", "/%40alice",
    // no profile header on these: a tweet, a photo, the lists of people
    "/alice_fixture/status/1234567890", "/alice_fixture/photo", "/alice_fixture/followers", "/alice_fixture/following",
    "/alice_fixture/verified_followers", "/alice_fixture/lists"]) {
    assert.equal(profileScreenName(path), null, path);
  }
});
