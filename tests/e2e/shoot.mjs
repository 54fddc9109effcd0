// What the scripts that take the README's pictures share (screenshots*.mjs): a picture of part
// of a page, saved under docs/.
import path from "node:path";
import { ROOT } from "./harness.mjs";

/**
 * Screenshots the union of the boxes of `selectors` on `page`, with a margin, to docs/<name>.png.
 * `mouseAway` first moves the pointer to the corner (no hover state in the picture).
 * @param {{ margin?: number, mouseAway?: boolean }} [options]
 */
export async function shootAround(page, selectors, name, { margin = 12, mouseAway = false } = {}) {
  if (mouseAway) await page.mouse.move(0, 0);
  const boxes = await Promise.all(selectors.map((selector) => page.locator(selector).first().boundingBox()));
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin;
  await page.screenshot({ path: path.join(ROOT, "docs", `${name}.png`), clip: { x, y, width: right - x, height: bottom - y } });
}
