// @ts-check
/**
 * What the manager page says about a batch before it starts, besides its cost: how long X's rate
 * limit makes it take at least ("5 hours", "1 hour, 15 minutes", through Intl), and whether it
 * goes past the monthly budget (the queue then holds what is past it).
 */
import { locale, t } from "../shared/i18n.js";
import { formatUsd } from "../shared/prices.js";

/** @param {number} ms */
export function duration(ms) {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  /** @param {number} n @param {"hour" | "minute"} unit */
  const part = (n, unit) => new Intl.NumberFormat(locale(), { style: "unit", unit, unitDisplay: "long" }).format(n);
  const parts = [...(hours ? [part(hours, "hour")] : []), ...(rest || !hours ? [part(rest, "minute")] : [])];
  return new Intl.ListFormat(locale(), { type: "unit", style: "long" }).format(parts);
}

/**
 * A sentence when `cost` goes past what is left of the monthly budget; "" otherwise.
 * @param {{ budget: number, spent: number } | undefined} budget
 * @param {number} cost
 */
export function overBudget(budget, cost) {
  if (!budget || budget.spent + cost <= budget.budget) return "";
  return t("managerOverBudget", formatUsd(Math.max(0, budget.budget - budget.spent)));
}
