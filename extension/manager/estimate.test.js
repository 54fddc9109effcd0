import assert from "node:assert/strict";
import { test } from "node:test";
import { duration, overBudget } from "./estimate.js";

test("durations in words, through Intl", () => {
  assert.equal(duration(5 * 60 * 60 * 1000), "5 hours");
  assert.equal(duration(75 * 60 * 1000), "1 hour, 15 minutes");
  assert.equal(duration(15 * 60 * 1000), "15 minutes");
  assert.equal(duration(0), "0 minutes");
});

test("a batch past the monthly budget says so, with what is left", () => {
  assert.equal(overBudget(undefined, 1_000_000), "");
  assert.equal(overBudget({ budget: 1_000_000, spent: 500_000 }, 500_000), "");
  assert.match(overBudget({ budget: 1_000_000, spent: 900_000 }, 200_000), /^This goes past your monthly budget \(\$0\.10 left this month\)/);
  assert.match(overBudget({ budget: 1_000_000, spent: 1_200_000 }, 10_000), /\(\$0\.00 left this month\)/);
});
