// @ts-check
/**
 * The manager page's Export and Import sections. Export saves the accounts listed as XMute's CSV
 * or JSON (shared/transfer.js). Import reads a file the user chooses, refuses a bad one whole
 * with a clear message, shows the plan (new mutes, already muted, repeats, skipped lines, what X
 * charges at most, the least time X's limit needs), and queues it as one batch only on the click
 * that says the cost.
 */
import { forAccount } from "./account.js";
import { t } from "../shared/i18n.js";
import { formatUsd } from "../shared/prices.js";
import { ImportRefused, MAX_BYTES, parseImport, planImport, toCsv, toJson } from "../shared/transfer.js";
import { counted, errorText } from "../shared/words.js";
import { duration, overBudget } from "./estimate.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const exportStatus = byId("export-status");
const fileInput = /** @type {HTMLInputElement} */ (byId("import-file"));
const importError = byId("import-error");
const planBox = byId("import-plan");
const summary = byId("import-summary");
const badLines = byId("import-bad");
const costText = byId("import-cost");
const start = /** @type {HTMLButtonElement} */ (byId("import-start"));
const discard = /** @type {HTMLButtonElement} */ (byId("import-discard"));
const importStatus = byId("import-status");

/**
 * @typedef {import("../background/mutedlist.js").Row} Row
 * @typedef {{ listed: Row[], all: Row[], knownIds: Record<string, string>, budget?: { budget: number, spent: number } }} Known
 *   the rows listed now (searched and sorted: what export saves), every row (what the import
 *   plan compares with), the ids known for handles, and the monthly budget
 */

/** @type {Record<string, string>} */
const FORMATS = { "xmute-csv": "importFormatCsv", "xmute-json": "importFormatJson", archive: "importFormatArchive", list: "importFormatList" };
/** @type {Record<string, string>} */
const REFUSALS = {
  tooLarge: "importRefusedTooLarge", notText: "importRefusedNotText", wrongFormat: "importRefusedWrongFormat",
  formula: "importRefusedFormula", tooMany: "importRefusedTooMany", empty: "importRefusedEmpty",
};

/**
 * Offers `text` as a download named `name`.
 * @param {string} text @param {string} name @param {string} type
 */
function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Wires the sections to the page's list.
 * @param {() => Known} known
 * @param {(reply: any) => void} queued  called with the background's reply once a batch is queued
 */
export function setUpTransfer(known, queued) {
  /** @param {"csv" | "json"} kind */
  const exportAs = (kind) => {
    const accounts = known().listed;
    if (accounts.length === 0) {
      exportStatus.textContent = t("exportEmpty");
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    if (kind === "csv") download(toCsv(accounts), `xmute-muted-${day}.csv`, "text/csv");
    else download(toJson(accounts, Date.now()), `xmute-muted-${day}.json`, "application/json");
    exportStatus.textContent = t("exportDone", counted(accounts.length, "countMutedAccountsOne", "countMutedAccountsOther"));
  };
  byId("export-csv").addEventListener("click", () => exportAs("csv"));
  byId("export-json").addEventListener("click", () => exportAs("json"));

  /** @type {import("../shared/transfer.js").Plan | null} */
  let plan = null;
  const reset = () => {
    plan = null;
    planBox.hidden = true;
    fileInput.value = "";
  };

  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    importError.textContent = "";
    importStatus.textContent = "";
    planBox.hidden = true;
    plan = null;
    if (!file) return;
    try {
      // A file too large is refused before it is read (10 MB of junk never reaches memory).
      if (file.size > MAX_BYTES) throw new ImportRefused("tooLarge");
      const parsed = parseImport(await file.text(), file.size);
      const { all, knownIds, budget } = known();
      plan = planImport(parsed, all, knownIds);
      const n = (/** @type {number} */ x) => x.toLocaleString();
      summary.textContent = t("importPlanSummary", file.name, t(FORMATS[parsed.format]), n(plan.toMute.length), n(plan.alreadyMuted),
        n(plan.duplicates), n(plan.bad.length));
      const lines = plan.bad.slice(0, 10).map((bad) => n(bad.line)).join(", ") + (plan.bad.length > 10 ? ", …" : "");
      badLines.textContent = plan.bad.length ? t("importPlanBadLines", lines) : "";
      badLines.hidden = plan.bad.length === 0;
      if (plan.toMute.length === 0) {
        costText.textContent = [t("importPlanNothing"), plan.ended ? counted(plan.ended, "importPlanEndedOne", "importPlanEndedOther") : ""].filter(Boolean).join(" ");
        start.hidden = true;
      } else {
        const cost = plan.lookups
          ? t("importPlanCostLookups", formatUsd(plan.cost), n(plan.lookups), duration(plan.minMs))
          : t("importPlanCost", formatUsd(plan.cost), duration(plan.minMs));
        const timed = plan.timed ? counted(plan.timed, "importPlanTimedOne", "importPlanTimedOther") : "";
        const ended = plan.ended ? counted(plan.ended, "importPlanEndedOne", "importPlanEndedOther") : "";
        costText.textContent = [cost, timed, ended, overBudget(budget, plan.cost)].filter(Boolean).join(" ");
        start.textContent = counted(plan.toMute.length, "importStartOne", "importStartOther", formatUsd(plan.cost));
        start.hidden = false;
      }
      planBox.hidden = false;
    } catch (error) {
      fileInput.value = "";
      if (error instanceof ImportRefused) {
        importError.textContent = error.code === "formula" ? t(REFUSALS.formula, String(error.line ?? "?")) : t(REFUSALS[error.code]);
      } else {
        importError.textContent = t("importUnreadable");
      }
    }
  });

  start.addEventListener("click", async () => {
    if (!plan || plan.toMute.length === 0) return;
    start.disabled = true;
    try {
      const targets = plan.toMute.map(({ userId, screenName, until }) =>
        ({ ...(userId ? { userId } : {}), ...(screenName ? { screenName } : {}), ...(until ? { until } : {}) }));
      const reply = await chrome.runtime.sendMessage(forAccount({ type: "queueBatch", action: "mute", targets })).catch(() => null);
      if (!reply?.ok) {
        importError.textContent = errorText(reply?.error ?? { name: "Error" });
        return;
      }
      importStatus.textContent = t("batchQueued", reply.queued.toLocaleString(), reply.skipped.toLocaleString());
      reset();
      queued(reply);
    } finally {
      start.disabled = false;
    }
  });
  discard.addEventListener("click", reset);
}
