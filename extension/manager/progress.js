// @ts-check
/**
 * The manager page's "In progress" section: each batch of queued actions (an import, an unmute
 * of many) with done / total, failures, what holds it (X's limit and when the next goes, the
 * budget, a pause), and Cancel for what still waits. The background counts (background/batch.js);
 * this page asks again whenever the queue changes in storage.
 */
import { forAccount } from "./account.js";
import { t } from "../shared/i18n.js";
import { clock, errorText } from "../shared/words.js";

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const list = byId("batches");
const none = byId("batch-none");
const status = byId("batch-status");

/** @typedef {import("../background/batch.js").BatchProgress} BatchProgress */

/** @param {BatchProgress} batch */
function describe(batch) {
  const mute = batch.action === "mute";
  const n = (/** @type {number} */ x) => x.toLocaleString();
  if (batch.pending === 0) {
    return t(mute ? "batchFinishedMute" : "batchFinishedUnmute", n(batch.done), n(batch.failed), n(batch.cancelled));
  }
  const text = t(mute ? "batchMuting" : "batchUnmuting", n(batch.done), n(batch.total), n(batch.failed), n(batch.pending));
  if (batch.held === "budget") return `${text} ${t("batchHeldBudget")}`;
  if (batch.held === "paused") return `${text} ${t("batchHeldPaused")}`;
  if (batch.nextAt && batch.nextAt > Date.now() + 1000) return `${text} ${t("batchNext", clock(batch.nextAt))}`;
  return text;
}

/** @param {BatchProgress} batch */
function item(batch) {
  const li = document.createElement("li");
  li.dataset.batch = batch.id;
  const text = document.createElement("p");
  text.className = "batch-text";
  text.textContent = describe(batch);
  const bar = document.createElement("progress");
  bar.max = batch.total;
  bar.value = batch.done + batch.failed + batch.cancelled;
  bar.setAttribute("aria-label", text.textContent);
  li.append(text, bar);
  if (batch.pending > 0) {
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "batch-cancel";
    cancel.textContent = t("batchCancel");
    cancel.addEventListener("click", async () => {
      cancel.disabled = true;
      const reply = await chrome.runtime.sendMessage(forAccount({ type: "cancelBatch", batch: batch.id })).catch(() => null);
      status.textContent = reply?.ok ? t("batchCancelled", reply.cancelled.toLocaleString()) : errorText(reply?.error ?? { name: "Error" });
      await refresh();
    });
    li.append(cancel);
  }
  return li;
}

/** Asks the background for the batches' progress and shows it. */
export async function refresh() {
  const reply = await chrome.runtime.sendMessage(forAccount({ type: "batchProgress" })).catch(() => null);
  /** @type {BatchProgress[]} */
  const batches = reply?.ok ? reply.batches : [];
  // Every unfinished batch, and the newest finished one.
  const shown = batches.filter((batch, i) => batch.pending > 0 || i === batches.findIndex((b) => b.pending === 0));
  none.hidden = shown.length > 0;
  list.replaceChildren(...shown.map(item));
}
