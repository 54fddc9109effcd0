// @ts-check
/**
 * Export and import of muted accounts, as pure functions (no chrome.*, no I/O): the manager page
 * (manager/manager.js) reads the file, and the background queues what the user confirms.
 *
 * - Export: CSV (`id,handle,name,muted_at,until`, times in ISO 8601 UTC) and JSON
 *   (`{ format: "xmute-mutes", version: 1, exportedAt, accounts: [...] }`). A CSV cell that a
 *   spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 *   return) is neutralised with a leading `'`.
 * - Import: XMute's CSV or JSON, X's data-archive `mute.js`
 *   (`window.YTD.mute.part0 = [{ "muting": { "accountId": "…" } }]`), or a plain list of @handles,
 *   ids or profile links, one a line. A file that is too large, not text, in no format XMute
 *   knows, a CSV with a formula, or without one account in it is refused whole: nothing changes.
 *   Lines that name no valid account (an id of 25 digits, a handle of 16 letters) are reported
 *   with their line numbers and skipped; an account named twice counts once.
 * - Plan: what an import will do against the accounts XMute knows to be muted: new mutes,
 *   already muted, the lines it skips, what X charges at most, and the least time X's limit of
 *   50 mutes per 15 minutes needs.
 */
import { SCREEN_NAME, nameKey } from "./ids.js";
import { PRICES } from "./prices.js";

/** The largest file XMute reads (a list of 10,000 accounts in XMute's CSV is about 600 kB). */
export const MAX_BYTES = 1024 * 1024;
/** The most lines (or accounts) one import may hold. */
export const MAX_LINES = 10_000;
/** X's limit: this many mutes (or unmutes) per window. */
export const PER_WINDOW = 50;
/** X's rate-limit window. */
export const WINDOW_MS = 15 * 60 * 1000;
/** The CSV header XMute writes and reads. */
export const CSV_HEADER = "id,handle,name,muted_at,until";
/** The largest user id X can have: a signed 64-bit integer. */
const MAX_ID = 9_223_372_036_854_775_807n;

/**
 * @typedef {{ key: string, id?: string, handle?: string, name?: string, mutedAt?: number, until?: number }} Account
 *   an account XMute knows to be muted; `key` is its person key (shared/ids.js)
 * @typedef {{ line: number, userId?: string, screenName?: string, until?: number }} Entry  an account a
 *   file names; `until`: the end of a timed mute exported by XMute
 * @typedef {{ line: number, reason: "id" | "handle" | "until" | "unknown" }} BadLine
 * @typedef {"xmute-csv" | "xmute-json" | "archive" | "list"} Format
 * @typedef {{ format: Format, entries: Entry[], bad: BadLine[], duplicates: number }} Parsed
 * @typedef {"tooLarge" | "notText" | "wrongFormat" | "formula" | "tooMany" | "empty"} Refusal
 * @typedef {{ toMute: Entry[], alreadyMuted: number, bad: BadLine[], duplicates: number,
 *             lookups: number, cost: number, minMs: number, timed: number, ended: number }} Plan
 *   `timed`: mutes to make that end by themselves (XMute unmutes them at their end, counted in
 *   `cost`); `ended`: timed mutes of the file whose end has passed (left out)
 */

/**
 * Why a file is refused whole, with the line at fault when there is one.
 */
export class ImportRefused extends Error {
  /** @param {Refusal} code @param {number} [line] */
  constructor(code, line) {
    super(`import refused: ${code}${line ? ` (line ${line})` : ""}`);
    this.name = "ImportRefused";
    this.code = code;
    this.line = line;
  }
}

// ---- ids and handles --------------------------------------------------------------------------

/** Whether `text` is an X user id: 1 to 19 digits, below 2^63, no leading zero. @param {string} text */
export function isUserId(text) {
  return /^[1-9][0-9]{0,18}$/.test(text) && BigInt(text) <= MAX_ID;
}

/**
 * The account one line of a plain list names: an id, a handle (with or without `@`) or a
 * profile link (`https://x.com/handle`); null when it names none. `tooLong` tells an id that
 * is all digits but too long from other junk.
 * @param {string} text
 * @returns {{ userId?: string, screenName?: string } | { bad: BadLine["reason"] }}
 */
export function parseAccount(text) {
  const value = text.trim().replace(/^"(.*)"$/s, "$1").trim();
  const link = /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\/([^/?#\s]+)\/?(?:[?#].*)?$/i.exec(value);
  const word = link ? link[1] : value;
  if (/^[0-9]+$/.test(word)) return isUserId(word) ? { userId: word } : { bad: "id" };
  const handle = word.replace(/^@/, "");
  if (SCREEN_NAME.test(handle) && !/^[0-9]+$/.test(handle)) return { screenName: handle };
  if (/^@?[A-Za-z0-9_]+$/.test(word)) return { bad: "handle" };
  return { bad: "unknown" };
}

// ---- export -----------------------------------------------------------------------------------

/** @param {number | undefined} ms */
const iso = (ms) => (typeof ms === "number" && Number.isFinite(ms) ? new Date(ms).toISOString() : "");

/**
 * One CSV cell: quoted when it holds a comma, a quote or a line break, and neutralised (a
 * leading `'`) when a spreadsheet would take it for a formula.
 * @param {string} value
 */
export function csvCell(value) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The accounts as XMute's CSV (header `id,handle,name,muted_at,until`, CRLF line ends as RFC 4180).
 * @param {Account[]} accounts
 */
export function toCsv(accounts) {
  const lines = accounts.map((a) => [a.id ?? "", a.handle ?? "", a.name ?? "", iso(a.mutedAt), iso(a.until)].map(csvCell).join(","));
  return `${[CSV_HEADER, ...lines].join("\r\n")}\r\n`;
}

/**
 * The accounts as XMute's JSON.
 * @param {Account[]} accounts
 * @param {number} now  ms
 */
export function toJson(accounts, now) {
  const list = accounts.map((a) => ({
    id: a.id ?? null,
    handle: a.handle ?? null,
    name: a.name ?? null,
    mutedAt: iso(a.mutedAt) || null,
    until: iso(a.until) || null,
  }));
  return `${JSON.stringify({ format: "xmute-mutes", version: 1, exportedAt: iso(now), accounts: list }, null, 2)}\n`;
}

// ---- import -----------------------------------------------------------------------------------

/**
 * Splits CSV text into rows of cells (RFC 4180: quoted cells may hold commas, quotes and line
 * breaks). Each row keeps the line it starts on.
 * @param {string} text
 * @returns {{ line: number, cells: string[] }[]}
 */
export function csvRows(text) {
  /** @type {{ line: number, cells: string[] }[]} */
  const rows = [];
  let cells = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line += 1;
        cell += c;
      }
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i += 1;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = "";
      line += 1;
      start = line;
    } else cell += c;
  }
  if (cell !== "" || cells.length) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows.filter((row) => row.cells.some((c) => c.trim() !== ""));
}

/**
 * Collects entries, dropping repeats of an account (by id, or by lower-case handle).
 * @param {Format} format
 * @param {({ line: number, parsed: ReturnType<typeof parseAccount> })[]} items
 * @returns {Parsed}
 */
function collect(format, items) {
  /** @type {Entry[]} */
  const entries = [];
  /** @type {BadLine[]} */
  const bad = [];
  const seen = new Set();
  let duplicates = 0;
  for (const { line, parsed } of items) {
    if ("bad" in parsed) {
      bad.push({ line, reason: parsed.bad });
      continue;
    }
    const key = parsed.userId ?? nameKey(/** @type {string} */ (parsed.screenName));
    const handleKey = parsed.screenName ? nameKey(parsed.screenName) : null;
    if (seen.has(key) || (handleKey && seen.has(handleKey))) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    if (handleKey) seen.add(handleKey);
    entries.push({ line, ...parsed });
  }
  if (entries.length === 0) throw new ImportRefused("empty");
  return { format, entries, bad, duplicates };
}

/** An exported time: ISO 8601 in UTC, as toCsv and toJson write it. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?Z$/;

/**
 * An account from XMute's CSV or JSON: its id when valid, else its handle; both when both are;
 * and the end of a timed mute, when the file gives one.
 * @param {unknown} id
 * @param {unknown} handle
 * @param {unknown} [until]
 * @returns {ReturnType<typeof parseAccount> & { until?: number }}
 */
function fromFields(id, handle, until) {
  const idText = typeof id === "string" ? id.trim() : "";
  const handleText = typeof handle === "string" ? handle.trim().replace(/^'?@?/, "") : "";
  const untilText = typeof until === "string" ? until.trim() : "";
  if (idText && !isUserId(idText)) return { bad: "id" };
  if (handleText && !SCREEN_NAME.test(handleText)) return { bad: "handle" };
  if (!idText && !handleText) return { bad: "unknown" };
  const end = untilText ? Date.parse(untilText) : NaN;
  if ((untilText && (!ISO_UTC.test(untilText) || Number.isNaN(end))) || (until !== undefined && until !== null && typeof until !== "string")) {
    return { bad: "until" };
  }
  return { ...(idText ? { userId: idText } : {}), ...(handleText ? { screenName: handleText } : {}), ...(untilText ? { until: end } : {}) };
}

/** @param {string} text @returns {Parsed} */
function parseCsv(text) {
  const rows = csvRows(text).slice(1);
  if (rows.length > MAX_LINES) throw new ImportRefused("tooMany");
  for (const row of rows) {
    // XMute neutralises formulas when it exports ('=…); a raw one was written by something else.
    if (row.cells.some((cell) => /^[=+\-@\t\r]/.test(cell))) throw new ImportRefused("formula", row.line);
  }
  return collect("xmute-csv", rows.map((row) => ({ line: row.line, parsed: fromFields(row.cells[0], row.cells[1], row.cells[4]) })));
}

/** @param {unknown} value @returns {Parsed} */
function parseXmuteJson(value) {
  const accounts = /** @type {{ accounts?: unknown }} */ (value).accounts;
  if (!Array.isArray(accounts)) throw new ImportRefused("wrongFormat");
  if (accounts.length > MAX_LINES) throw new ImportRefused("tooMany");
  return collect("xmute-json", accounts.map((account, i) => ({
    line: i + 1,
    parsed: account && typeof account === "object" ? fromFields(account.id, account.handle, account.until) : { bad: /** @type {const} */ ("unknown") },
  })));
}

/**
 * X's data archive `data/mute.js`: `window.YTD.mute.part0 = [ { "muting": { "accountId": "…" } } ]`.
 * @param {string} text
 * @returns {Parsed}
 */
function parseArchive(text) {
  const match = /^\s*window\.YTD\.mute\.part[0-9]+\s*=\s*([\s\S]*?);?\s*$/.exec(text);
  /** @type {unknown} */
  let list;
  try {
    list = JSON.parse(match?.[1] ?? "");
  } catch {
    throw new ImportRefused("wrongFormat");
  }
  if (!Array.isArray(list)) throw new ImportRefused("wrongFormat");
  if (list.length > MAX_LINES) throw new ImportRefused("tooMany");
  return collect("archive", list.map((item, i) => {
    const id = item?.muting?.accountId;
    return { line: i + 1, parsed: typeof id === "string" ? fromFields(id, undefined) : { bad: /** @type {const} */ ("unknown") } };
  }));
}

/** @param {string[]} lines @returns {Parsed} */
function parseList(lines) {
  /** @type {{ line: number, parsed: ReturnType<typeof parseAccount> }[]} */
  const items = [];
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    items.push({ line: i + 1, parsed: parseAccount(text) });
  });
  // A file of which most lines name no account is not a list of accounts.
  const valid = items.filter((item) => !("bad" in item.parsed)).length;
  if (items.length > 0 && valid === 0 && items.every((item) => "bad" in item.parsed && item.parsed.bad === "unknown")) {
    throw new ImportRefused("wrongFormat");
  }
  return collect("list", items);
}

/**
 * Reads an import file: the accounts it names, the lines that name none, how many repeats.
 * Throws ImportRefused when the file is refused whole.
 * @param {string} text  the file's text (decoded as UTF-8)
 * @param {number} [bytes]  the file's size, when known (else the text's UTF-8 length)
 * @returns {Parsed}
 */
export function parseImport(text, bytes) {
  const size = bytes ?? new TextEncoder().encode(text).length;
  if (size > MAX_BYTES) throw new ImportRefused("tooLarge");
  // Binary files: NUL bytes, or bytes that were not UTF-8 (decoded as U+FFFD).
  if (text.includes("\u0000") || text.includes("\uFFFD")) throw new ImportRefused("notText");
  const body = text.replace(/^\uFEFF/, "");
  const trimmed = body.trim();
  if (trimmed === "") throw new ImportRefused("empty");
  if (/^window\.YTD\./.test(trimmed)) return parseArchive(trimmed);
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    /** @type {unknown} */
    let value;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new ImportRefused("wrongFormat");
    }
    if (value && typeof value === "object" && !Array.isArray(value) && /** @type {any} */ (value).format === "xmute-mutes") {
      return parseXmuteJson(value);
    }
    throw new ImportRefused("wrongFormat");
  }
  const lines = body.split(/\r\n|\n|\r/);
  if (lines.filter((l) => l.trim() !== "").length > MAX_LINES + 1) throw new ImportRefused("tooMany");
  const header = lines[0].trim().replace(/\s/g, "").toLowerCase();
  if (header === CSV_HEADER) return parseCsv(body);
  if (lines.some((line) => line.includes(","))) throw new ImportRefused("wrongFormat");
  return parseList(lines);
}

// ---- plan -------------------------------------------------------------------------------------

/**
 * The least time X's limit needs for `n` actions: 50 per 15-minute window (1,000 mutes: five
 * hours).
 * @param {number} n
 */
export function minimumTime(n) {
  return Math.ceil(n / PER_WINDOW) * WINDOW_MS;
}

/**
 * What importing `parsed` will do, given the accounts XMute knows to be muted and the ids it
 * knows for handles: which accounts to mute, how many are muted already, the lines skipped, what
 * X charges at most (a mute each, a user lookup for a handle whose id XMute does not know, and
 * the unmute at the end of a timed mute), and the least time it takes. A timed mute whose end
 * has passed is left out.
 * @param {Parsed} parsed
 * @param {Account[]} muted
 * @param {Record<string, string>} [knownIds]  `@handle` key → id
 * @param {number} [now]
 * @returns {Plan}
 */
export function planImport(parsed, muted, knownIds = {}, now = Date.now()) {
  const mutedKeys = new Set();
  /** @type {Record<string, string>} the ids of handles: learned, and those of the muted rows */
  const ids = { ...knownIds };
  for (const account of muted) {
    mutedKeys.add(account.key);
    if (account.id) mutedKeys.add(account.id);
    if (account.handle) mutedKeys.add(nameKey(account.handle));
    if (account.handle && account.id) ids[nameKey(account.handle)] = account.id;
  }
  /** @type {Entry[]} */
  const toMute = [];
  let alreadyMuted = 0;
  let lookups = 0;
  let timed = 0;
  let ended = 0;
  const planned = new Set();
  let duplicates = parsed.duplicates;
  for (const entry of parsed.entries) {
    const handleKey = entry.screenName ? nameKey(entry.screenName) : null;
    const id = entry.userId ?? (handleKey ? ids[handleKey] : undefined);
    if (id && planned.has(id)) {
      duplicates += 1; // a handle and the id it belongs to, both in the file
      continue;
    }
    if (id) planned.add(id);
    if (entry.until !== undefined && entry.until <= now) {
      ended += 1; // a timed mute that has ended: nothing to mute
      continue;
    }
    if ((id && mutedKeys.has(id)) || (handleKey && mutedKeys.has(handleKey))) {
      alreadyMuted += 1;
      continue;
    }
    if (!id) lookups += 1;
    if (entry.until !== undefined) timed += 1;
    toMute.push(id && !entry.userId ? { ...entry, userId: id } : entry);
  }
  return {
    toMute,
    alreadyMuted,
    bad: parsed.bad,
    duplicates,
    lookups,
    cost: toMute.length * PRICES.mute + lookups * PRICES.userRead + timed * PRICES.unmute,
    minMs: minimumTime(toMute.length),
    timed,
    ended,
  };
}

/**
 * What unmuting `accounts` costs at most: an unmute each, and a lookup for those known only by
 * handle.
 * @param {Account[]} accounts
 */
export function unmuteCost(accounts) {
  return accounts.reduce((sum, a) => sum + PRICES.unmute + (a.id ? 0 : PRICES.userRead), 0);
}
