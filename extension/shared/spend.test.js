// node --test extension/
import assert from "node:assert/strict";
import { test } from "node:test";
import { PRICES, PRICES_AS_OF, costOf, formatUsd, parseUsd } from "./prices.js";
import { MONTHS_KEPT, appSpend, monthKey, monthSpend, nextMonthStart, withUsage, withinBudget } from "./spend.js";

test("X's prices of 2026-06-18, in micro-dollars", () => {
  assert.equal(PRICES_AS_OF, "2026-06-18");
  assert.deepEqual({ ...PRICES }, { mute: 10_000, unmute: 5_000, mutedAccountRead: 1_000, userRead: 10_000 });
  // The README's worked example: muting 100 accounts is about $1; reading 1,000 muted accounts about $1.
  assert.equal(costOf({ mutes: 100 }), 1_000_000);
  assert.equal(costOf({ mutedAccountsRead: 1000 }), 1_000_000);
  assert.equal(costOf({ mutes: 3, unmutes: 1, mutedAccountsRead: 212, usersRead: 1 }), 30_000 + 5_000 + 212_000 + 10_000);
  assert.equal(costOf(undefined), 0);
  assert.equal(costOf({ mutes: -3, unmutes: 1.5, usersRead: "2" }), 0, "only whole counts count");
});

test("amounts in dollars for people, and back", () => {
  assert.equal(formatUsd(0), "$0.00");
  assert.equal(formatUsd(5_000), "$0.005");
  assert.equal(formatUsd(10_000), "$0.01");
  assert.equal(formatUsd(247_000), "$0.25");
  assert.equal(formatUsd(12_345_678_000), "$12,345.68");
  assert.equal(parseUsd(""), null);
  assert.equal(parseUsd(" 5 "), 5_000_000);
  assert.equal(parseUsd("$2.50"), 2_500_000);
  assert.equal(parseUsd("0.005"), 5_000);
  for (const bad of ["-1", "abc", "1e3", "1,5", "1.1234567", "12345678"]) assert.ok(Number.isNaN(parseUsd(bad)), bad);
});

test("spend is kept by calendar month; a new month starts from nothing", () => {
  const december = new Date(2026, 11, 31, 23, 59).getTime();
  const january = new Date(2027, 0, 1, 0, 0, 1).getTime();
  assert.equal(monthKey(december), "2026-12");
  assert.equal(nextMonthStart(december), new Date(2027, 0, 1).getTime());
  let spend = withUsage(undefined, { mutes: 2 }, december);
  spend = withUsage(spend, { unmutes: 1 }, december);
  assert.deepEqual(monthSpend(spend, december), { mutes: 2, unmutes: 1, mutedAccountsRead: 0, usersRead: 0, micros: 25_000 });
  assert.equal(monthSpend(spend, january).micros, 0);
  spend = withUsage(spend, { usersRead: 1 }, january);
  assert.equal(monthSpend(spend, january).micros, 10_000);
  assert.equal(monthSpend(spend, december).micros, 25_000, "December is kept");
  assert.equal(withUsage(spend, {}, january), spend, "nothing billable changes nothing");
  for (let month = 1; month <= 20; month++) spend = withUsage(spend, { mutes: 1 }, new Date(2027, month, 2).getTime());
  assert.equal(Object.keys(spend).length, MONTHS_KEPT);
});

test("the budget: within it up to the cent, none means no limit", () => {
  const now = new Date(2026, 11, 7).getTime();
  const spend = withUsage(undefined, { mutes: 99 }, now); // $0.99
  assert.equal(withinBudget([spend], 1_000_000, PRICES.mute, now), true, "exactly $1.00");
  assert.equal(withinBudget([spend], 1_000_000, PRICES.mute + 1, now), false);
  assert.equal(withinBudget([spend], null, 10 ** 12, now), true);
  assert.equal(withinBudget([spend], 0, 0, now), false, "$0.99 already spent is past a $0 budget");
  assert.equal(withinBudget([undefined], 0, 0, now), true);
});

test("the budget counts every account's spend together (X bills the app)", () => {
  const now = Date.UTC(2026, 11, 7);
  const ann = withUsage(undefined, { mutes: 60 }, now); // $0.60
  const ben = withUsage(undefined, { mutes: 39 }, now); // $0.39
  assert.equal(appSpend([ann, ben, undefined], now), 990_000);
  assert.equal(withinBudget([ann, ben], 1_000_000, PRICES.mute, now), true, "exactly $1.00");
  assert.equal(withinBudget([ann, ben], 1_000_000, PRICES.mute + 1, now), false, "one account's $0.39 alone would allow it");
});
