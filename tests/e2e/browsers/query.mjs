// The selector engine the Firefox adapter injects into pages: CSS, plus Playwright's
// `:has-text("text")` (an element whose text contains `text`, case-insensitive, white space
// collapsed), which the scenarios use. Returned as source text for WebDriver's script calls.

/** @param {ParentNode} root @param {string} selector @returns {Element[]} */
function queryAll(root, selector) {
  const at = selector.indexOf(":has-text(");
  if (at < 0) return [...root.querySelectorAll(selector)];
  const open = at + ":has-text(".length;
  const quote = selector[open];
  const close = selector.indexOf(quote, open + 1);
  const text = selector.slice(open + 1, close).replace(/\s+/g, " ").trim().toLowerCase();
  const prefix = selector.slice(0, at);
  const rest = selector.slice(close + 2);
  const matches = [...root.querySelectorAll(prefix)].filter((element) =>
    (element.textContent ?? "").replace(/\s+/g, " ").toLowerCase().includes(text));
  if (!rest.trim()) return matches;
  const found = new Set();
  for (const element of matches) for (const inner of queryAll(element, `:scope${rest}`)) found.add(inner);
  return [...found];
}

export const QUERY_SOURCE = queryAll.toString();
