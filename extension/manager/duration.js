// @ts-check
/**
 * A duration in the user's language ("5 hours", "1 hour, 15 minutes"), through Intl: how long
 * X's rate limit makes a batch take at least.
 */
import { locale } from "../shared/i18n.js";

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
