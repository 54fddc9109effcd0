// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  actionTitle, credentialProblem, dayClock, describeSpend, errorText, failedText, lengthText, muteForLines, muteForTitle, mutedUntilText, noteText,
  queuedText,
} from "./words.js";
import { themeOf } from "../content/button.js";

test("X's three themes from the body background", () => {
  assert.equal(themeOf("rgb(255, 255, 255)"), "light");
  assert.equal(themeOf("rgb(21, 32, 43)"), "dim");
  assert.equal(themeOf("rgb(0, 0, 0)"), "dark");
  assert.equal(themeOf("rgba(0, 0, 0, 0)"), "light");
});

test("every error the core or XMute names gets a sentence that says what to do", () => {
  const names = ["NotSignedIn", "Unauthorized", "NotEnrolled", "TimestampRejected", "RateLimited", "Network",
    "Timeout", "Server", "BadResponse", "ExtensionUnavailable", "CreditsDepleted", "UsageCapped", "OverBudget"];
  for (const name of names) assert.match(errorText({ name }), /^[A-Z].+\.$/, name);
  assert.equal(errorText({ name: "NotSignedIn" }), "Add your API keys in XMute's options.");
  assert.equal(errorText({ name: "CannotMute", detail: "You cannot mute yourself.", message: "cannot mute: You cannot mute yourself." }),
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
  assert.equal(text({ reason: "interrupted" }), `Interrupted: sending again at ${clock}.`);
  assert.equal(text({ reason: "new" }), `Queued: mutes at ${clock}.`);
  assert.equal(failedText({ action: "mute", status: "failed", attempts: 5, error: { name: "Timeout" } }),
    "X didn't answer in time. Try again. Gave up after 5 tries.");
  assert.equal(failedText({ action: "mute", status: "failed", attempts: 1, error: { name: "CannotMute", detail: "User has been suspended." } }),
    "X cannot do this: User has been suspended.");
});

test("pay-per-use: out of credits, the cap, enrolment, the budget and X's own refusals say what to do", () => {
  assert.equal(errorText({ name: "CreditsDepleted" }),
    "Your X app is out of credits. Add credits in the X Developer Console, then press Resume in XMute's options.");
  assert.match(errorText({ name: "UsageCapped", period: "Monthly" }), /^X's monthly usage cap for your app is reached\. .*Resume/);
  assert.match(errorText({ name: "NotEnrolled", reason: "client-not-enrolled" }),
    /\(client-not-enrolled\)\. Give the app pay-per-use access in the X Developer Console/);
  assert.match(errorText({ name: "NotEnrolled", code: 453 }), /\(code 453\)/);
  assert.equal(errorText({ name: "OverBudget", budget: 1_000_000 }),
    "Held: this would take XMute's spending this month past your budget of $1.00. Raise the budget, or send it anyway, in XMute's options.");
  assert.equal(queuedText({ action: "mute", status: "queued", reason: "budget", error: { name: "OverBudget", budget: 500_000 } }),
    errorText({ name: "OverBudget", budget: 500_000 }));
  assert.equal(queuedText({ action: "mute", status: "queued", reason: "paused", error: { name: "CreditsDepleted" } }),
    `${errorText({ name: "CreditsDepleted" })} The mute waits until then.`);
  assert.equal(errorText({ name: "Rejected", status: 409, detail: "Something X will not do." }),
    "X refused this (HTTP 409): Something X will not do.");
  // Never "Can't reach X" for X's own answer.
  assert.doesNotMatch(failedText({ action: "mute", status: "failed", attempts: 1, error: { name: "Rejected", status: 400, detail: "x" } }), /reach/);
});

test("a button's tooltip states what X charges for the click", () => {
  assert.equal(actionTitle("mute", "alice"), "Mute @alice with XMute (X charges about $0.01)");
  assert.equal(actionTitle("unmute", "alice"), "Unmute @alice with XMute (X charges about $0.005)");
});

test("every history note and every credential problem has its words, in every language", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const { useMessages } = await import("./i18n.js");
  const dir = new URL("../_locales/", import.meta.url);
  const catalogs = readdirSync(dir).map((lang) => [lang, JSON.parse(readFileSync(new URL(`${lang}/messages.json`, dir), "utf8"))]);
  assert.ok(catalogs.length >= 2);
  try {
    for (const [lang, catalog] of catalogs) {
      useMessages(catalog, lang);
      for (const note of ["cancelled-by-mute", "cancelled-by-unmute", "replaced-by-mute", "replaced-by-unmute", "cancelled-here", "other-account"]) {
        assert.notEqual(noteText({ note }), note, `${lang} ${note}`);
      }
      assert.match(noteText({ note: "gave-up", attempts: 5 }), /5/);
      for (const field of ["consumerKey", "consumerSecret", "token", "tokenSecret"]) {
        for (const problem of ["empty", "space", "notAscii", "tooLong"]) assert.ok(credentialProblem({ field, problem }));
      }
    }
  } finally {
    useMessages(catalogs.find(([lang]) => lang === "en")[1], "en");
  }
  // XMute 0.1 wrote English words: they are shown as they are.
  assert.equal(noteText({ note: "Cancelled on the options page." }), "Cancelled on the options page.");
  assert.equal(noteText({}), "");
});

test("in Japanese: XMute's words, with times, counts and amounts formatted for Japan (amounts in US dollars)", async () => {
  const { readFileSync } = await import("node:fs");
  const { useMessages } = await import("./i18n.js");
  const load = (lang) => JSON.parse(readFileSync(new URL(`../_locales/${lang}/messages.json`, import.meta.url), "utf8"));
  useMessages(load("ja"), "ja");
  try {
    const at = new Date(2026, 0, 1, 14, 5).getTime();
    assert.equal(queuedText({ action: "mute", status: "queued", runAt: at }), "回数制限中：14:05 にミュートします。");
    assert.equal(actionTitle("mute", "alice"), "XMute で @alice をミュート（X の料金は約 $0.01）");
    assert.equal(describeSpend({ mutes: 1234, unmutes: 1, mutedAccountsRead: 0, usersRead: 0, micros: 12_345_000 }),
      "今月：ミュート 1,234 回、ミュート解除 1 回：約 $12.35。");
    assert.equal(errorText({ name: "OverBudget", budget: 1_000_000 }).includes("$1.00"), true);
  } finally {
    useMessages(load("en"), "en");
  }
  assert.equal(describeSpend({ mutes: 1, unmutes: 2, mutedAccountsRead: 0, usersRead: 0, micros: 20_000 }),
    "This month: 1 mute, 2 unmutes: about $0.02.");
});

test("selector health: the options page names the place XMute could not find and since when", async () => {
  const { healthText } = await import("./words.js");
  const since = new Date(2027, 2, 3, 12).getTime();
  const text = healthText("profile", since);
  assert.match(text, /^XMute could not find the Follow button on profile pages since .+: x\.com may have changed; an update is needed\. /);
  assert.ok(text.includes(new Date(since).toLocaleDateString("en", { dateStyle: "long" })));
});

test("timed mutes: the end as a day and a time, a date when far; lengths and costs in words", () => {
  const now = Date.UTC(2026, 11, 7, 12, 0);
  assert.match(dayClock(now + 86_400_000, now), /^[A-Z][a-z]{2},? \d\d:\d\d/);
  assert.match(dayClock(now + 30 * 86_400_000, now), /^Jan \d{1,2},? \d\d:\d\d/);
  assert.equal(lengthText(86_400_000), "1 day");
  assert.equal(lengthText(30 * 86_400_000), "30 days");
  assert.deepEqual(muteForLines(7 * 86_400_000), ["Mute for 7 days", "X charges about $0.01 now and $0.005 when it ends"]);
  assert.deepEqual(muteForLines(0), ["Mute with no end", "X charges about $0.01"]);
  assert.equal(muteForTitle("ten", 86_400_000), "Mute @ten for 1 day with XMute (X charges about $0.01 now and $0.005 when it ends)");
  assert.match(mutedUntilText(now), /^Muted until /);
});
