// @ts-check
/**
 * The manager page's list of muted accounts: an ARIA grid that puts in the page only the rows
 * in view (a fixed row height, a spacer as tall as all rows), so that 10,000 accounts scroll
 * and filter without lag. `aria-rowcount` and each row's `aria-rowindex` tell assistive
 * technology where it is; the grid keeps the focus and names the active row with
 * `aria-activedescendant`. Keys: arrows, Page Up/Down, Home/End move; Space selects; Ctrl+A
 * (or Cmd+A) selects every row shown. A click on a row or its checkbox selects it.
 */
import { locale, t } from "../shared/i18n.js";

/** Each row's height in pixels (manager.css `.grid-row`). */
export const ROW_HEIGHT = 40;
/** Rows drawn above and below the ones in view. */
const OVERSCAN = 6;

/**
 * @typedef {import("../background/mutedlist.js").Row} Row
 */

/** @param {number | undefined} ms */
export function when(ms) {
  return typeof ms === "number" ? new Date(ms).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" }) : "";
}

/** How an account is named: `@handle`, or its id. @param {Row} row */
export function accountName(row) {
  return row.handle ? `@${row.handle}` : t("managerUnknownAccount", String(row.id));
}

/** The account's profile on X. @param {Row} row */
export function profileUrl(row) {
  return row.handle ? `https://x.com/${encodeURIComponent(row.handle)}` : `https://x.com/i/user/${row.id}`;
}

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} children
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export class Grid {
  /**
   * @param {HTMLElement} grid  the element with role="grid"
   * @param {HTMLElement} viewport  the scrolling rowgroup
   * @param {HTMLElement} spacer  as tall as every row
   * @param {() => void} onSelection  called when the selection changes
   */
  constructor(grid, viewport, spacer, onSelection) {
    this.grid = grid;
    this.viewport = viewport;
    this.spacer = spacer;
    this.onSelection = onSelection;
    /** @type {Row[]} */
    this.rows = [];
    /** @type {Set<string>} the selected rows' keys */
    this.selected = new Set();
    this.active = 0;
    this.frame = 0;
    viewport.addEventListener("scroll", () => this.schedule());
    grid.addEventListener("keydown", (event) => this.key(event));
    viewport.addEventListener("click", (event) => this.click(event));
  }

  /** Shows `rows` (already filtered and sorted); keeps the selection of those still there. @param {Row[]} rows */
  setRows(rows) {
    this.rows = rows;
    const keys = new Set(rows.map((row) => row.key));
    for (const key of this.selected) if (!keys.has(key)) this.selected.delete(key);
    this.active = Math.min(this.active, Math.max(0, rows.length - 1));
    this.grid.setAttribute("aria-rowcount", String(rows.length + 1));
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.render();
    this.onSelection();
  }

  /** The selected rows, in the order shown. */
  selection() {
    return this.rows.filter((row) => this.selected.has(row.key));
  }

  /** @param {boolean} on  selects every row shown, or none */
  selectAll(on) {
    if (on) for (const row of this.rows) this.selected.add(row.key);
    else this.selected.clear();
    this.render();
    this.onSelection();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** Puts in the page the rows in view, and no others. */
  render() {
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight || 440;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const drawn = [];
    for (let index = first; index < last; index += 1) drawn.push(this.row(index));
    this.viewport.replaceChildren(this.spacer, ...drawn);
    const active = this.rows.length ? `row-${this.active}` : "";
    if (active && first <= this.active && this.active < last) this.grid.setAttribute("aria-activedescendant", active);
    else this.grid.removeAttribute("aria-activedescendant");
  }

  /** @param {number} index */
  row(index) {
    const row = this.rows[index];
    const selected = this.selected.has(row.key);
    const name = accountName(row);
    const box = /** @type {HTMLInputElement} */ (h("input", { type: "checkbox", tabindex: "-1", "aria-label": t("managerSelectRow", name) }));
    box.checked = selected;
    const account = h("div", { role: "gridcell" }, h("span", { class: "handle" }, name));
    if (row.handle && row.id) account.append(h("span", { class: "id" }, row.id));
    if (row.pending) account.append(h("span", { class: "pending" }, t(row.pending === "mute" ? "managerPendingMute" : "managerPendingUnmute")));
    const link = h("a", { href: profileUrl(row), target: "_blank", rel: "noopener noreferrer", tabindex: "-1",
      "aria-label": t("managerProfileLabel", name) }, t("managerProfileLink"));
    const element = h("div", {
      role: "row",
      id: `row-${index}`,
      class: `grid-row${index === this.active ? " active" : ""}`,
      "aria-rowindex": String(index + 2),
      "aria-selected": String(selected),
      "data-key": row.key,
    },
    h("div", { role: "gridcell" }, box),
    account,
    h("div", { role: "gridcell" }, when(row.mutedAt)),
    h("div", { role: "gridcell" }, row.until ? when(row.until) : t("managerUntilNever")),
    h("div", { role: "gridcell" }, link));
    element.style.top = `${index * ROW_HEIGHT}px`;
    return element;
  }

  /** @param {number} index */
  toggle(index) {
    const row = this.rows[index];
    if (!row) return;
    if (this.selected.has(row.key)) this.selected.delete(row.key);
    else this.selected.add(row.key);
    this.render();
    this.onSelection();
  }

  /** Makes row `index` active and scrolls it into view. @param {number} index */
  moveTo(index) {
    if (this.rows.length === 0) return;
    this.active = Math.max(0, Math.min(this.rows.length - 1, index));
    const top = this.active * ROW_HEIGHT;
    const height = this.viewport.clientHeight || 440;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + height) this.viewport.scrollTop = top + ROW_HEIGHT - height;
    this.render();
  }

  /** @param {KeyboardEvent} event */
  key(event) {
    const page = Math.max(1, Math.floor((this.viewport.clientHeight || 440) / ROW_HEIGHT) - 1);
    /** @type {Record<string, () => void>} */
    const moves = {
      ArrowDown: () => this.moveTo(this.active + 1),
      ArrowUp: () => this.moveTo(this.active - 1),
      PageDown: () => this.moveTo(this.active + page),
      PageUp: () => this.moveTo(this.active - page),
      Home: () => this.moveTo(0),
      End: () => this.moveTo(this.rows.length - 1),
      " ": () => this.toggle(this.active),
    };
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
      event.preventDefault();
      this.selectAll(true);
      return;
    }
    const move = moves[event.key];
    if (!move || event.altKey) return;
    event.preventDefault();
    move();
  }

  /** @param {MouseEvent} event */
  click(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.closest("a")) return;
    const row = /** @type {HTMLElement | null} */ (target.closest('[role="row"]'));
    if (!row) return;
    const index = Number(row.id.slice("row-".length));
    this.active = index;
    this.toggle(index);
    this.grid.focus({ preventScroll: true });
  }
}
