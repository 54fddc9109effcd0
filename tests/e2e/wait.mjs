// What every e2e module shares: the repository's root and polling with a deadline.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Polls `check` until it returns something truthy (which is returned) or the deadline passes.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {{ what: string, timeout?: number }} options
 * @returns {Promise<NonNullable<T>>}
 */
export async function waitFor(check, { what, timeout = 10_000 }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
