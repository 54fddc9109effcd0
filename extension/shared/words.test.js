// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { errorText, failedText, queuedText } from "./words.js";
import { themeOf } from "../content/button.js";

test("X's three themes from the body background", () => {
  assert.equal(themeOf("rgb(255, 255, 255)"), "light");
  assert.equal(themeOf("rgb(21, 32, 43)"), "dim");
  assert.equal(themeOf("rgb(0, 0, 0)"), "dark");
  assert.equal(themeOf("rgba(0, 0, 0, 0)"), "light");
});

test("every error the core or XMute names gets a sentence that says what to do", () => {
  const names = ["NotSignedIn", "Unauthorized", "NotEnrolled", "TimestampRejected", "RateLimited", "Network",
    "Timeout", "Server", "BadResponse", "ExtensionUnavailable"];
  for (const name of names) assert.match(errorText({ name }), /^[A-Z].+\.$/, name);
  assert.equal(errorText({ name: "NotSignedIn" }), "Add your API keys in XMute's options.");
  assert.equal(errorText({ name: "CannotMute", message: "X cannot do this: You cannot mute yourself." }),
    "X cannot do this: You cannot mute yourself.");
  assert.equal(errorText({ name: "Mystery" }), "Something went wrong. Try again.");
});

test("a queued action says when it runs, in the user's clock format", () => {
  const at = new Date(2026, 0, 1, 14, 5).getTime();
  const clock = new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  assert.match(clock, /05/);
  assert.equal(queuedText({ action: "mute", status: "queued", runAt: at }), `Rate limited: mutes at ${clock}.`);
  assert.equal(queuedText({ action: "unmute", status: "queued" }), "Rate limited: unmutes later.");
});

test("each reason a queued action waits for has its own words, with the time", () => {
  const at = new Date(2026, 0, 1, 14, 5).getTime();
  const clock = new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const text = (pending) => queuedText({ action: "mute", status: "queued", runAt: at, ...pending });
  assert.equal(text({ reason: "rate-limit" }), `Rate limited: mutes at ${clock}.`);
  assert.equal(text({ reason: "window" }), `Queued: mutes at ${clock} (X allows 50 per 15 minutes).`);
  assert.equal(text({ reason: "retry", attempts: 1, error: { name: "Network" } }), `Can't reach X. Trying again at ${clock} (try 2 of 5).`);
  assert.equal(text({ reason: "retry", attempts: 3, error: { name: "BadResponse" } }), `X is having trouble. Trying again at ${clock} (try 4 of 5).`);
  assert.equal(text({ reason: "paused", error: { name: "Unauthorized" } }),
    "X refused your keys. Sign in again in XMute's options. The mute waits until then.");
  assert.equal(text({ reason: "interrupted" }), `Interrupted: checking with X at ${clock}.`);
  assert.equal(text({ reason: "new" }), `Queued: mutes at ${clock}.`);
  assert.equal(failedText({ action: "mute", status: "failed", attempts: 5, error: { name: "Timeout" } }),
    "X didn't answer in time. Try again. Gave up after 5 tries.");
  assert.equal(failedText({ action: "mute", status: "failed", attempts: 1, error: { name: "CannotMute", message: "X cannot do this." } }),
    "X cannot do this.");
});
