// Small statistics and formatting helpers shared by the benchmark scripts.

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The p-th percentile by the nearest-rank method (p95 of 20 values is the 19th smallest).
 * @param {number[]} values @param {number} p in (0, 100]
 */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

/** `{ median, p95, min, max, n }` of `values`, rounded to `digits` decimals. */
export function summary(values, digits = 2) {
  const round = (x) => Number(x.toFixed(digits));
  return {
    median: round(median(values)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    n: values.length,
  };
}

/** 1234567.8 → "1,234,568" */
export function thousands(x) {
  return Math.round(x).toLocaleString("en-US");
}

/** A duration in ms with sensible precision: "0.042 ms", "3.21 ms", "187 ms". */
export function ms(x) {
  if (!Number.isFinite(x)) return "n/a";
  if (x < 1) return `${x.toFixed(3)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 100) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(0)} ms`;
}

/** Bytes as KiB with one decimal: "133.3 KiB". */
export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
