// @ts-check
/**
 * XMute's background: loads the wasm core once, answers messages through a small map of named
 * handlers, and runs queued actions when their alarm fires. Everything that must outlive this
 * worker is in chrome.storage (store.js); the globals here are caches.
 */
import { t } from "../shared/i18n.js";
import init, { XClient, requestToken, accessToken } from "xmute-wasm";
import { checkBudget, checkKey, checkMuteLength, checkTarget } from "./actions.js";
import { actingAccount, checkAccount, removeAccount, shownFor } from "./accounts.js";
import { batchProgress, cancelBatch, checkBatch, checkBatchId, queueBatch } from "./batch.js";
import { mutedAccounts } from "./mutedlist.js";
import { onCommand } from "./commands.js";
import { toErrorJson } from "../shared/errors.js";
import { checkReadMax, learnFrom, refreshMutes, seen, setTweetButtons, view } from "./mutesync.js";
import * as queue from "./queue.js";
import { classifySender } from "./sender.js";
import { completePin, saveCredentials, startPin, verify } from "./signin.js";
import { migrate } from "./migrate.js";
import { accountOf, ensurePublicState, setAccessLevels, transact } from "./store.js";
import { recordHealth } from "./health.js";
import { setMuteLength } from "./timed.js";

// The mark lets the benchmark (tests/bench/extension.mjs) time worker start → wasm ready.
const wasmReady = init({ module_or_path: chrome.runtime.getURL("wasm/xmute_bg.wasm") }).then((exports) => {
  performance.mark("xmute:wasm-ready");
  return exports;
});
// Access levels first (they settle where the public state lives), then older layouts are
// brought up to date, then the public state is there for content scripts (a browser restart
// empties storage.session).
const storageReady = setAccessLevels().then(migrate).then(ensurePublicState);

/** @type {import("./sender.js").Self} */
const thisExtension = {
  id: chrome.runtime.id,
  baseUrl: chrome.runtime.getURL(""),
  optionsUrl: chrome.runtime.getURL("options.html"),
  managerUrl: chrome.runtime.getURL("manager.html"),
};

/**
 * An XClient per account, for its credentials and the API choice; rebuilt when either changes.
 * @type {Map<string, { key: string, client: XClient }>}
 */
const cached = new Map();
/** The credentials' `savedAt` each client was made with: what it learns is stored under it. @type {WeakMap<object, number>} */
const madeWith = new WeakMap();

/**
 * What the X client learned (the API generation in use under "auto", its clock offset, the
 * signed-in user's id), as stored under `client` for the credentials it was learned with (an
 * account's own: another account's user id would send its mutes to the wrong path).
 * @param {import("./store.js").State} state  with `client` and `credentials`
 * @returns {import("xmute-wasm").XClientState | undefined}
 */
function learnedState(state) {
  return state.client?.savedAt === state.credentials?.savedAt ? state.client?.state : undefined;
}

/** The wasm core, as the handlers use it. */
const api = {
  /**
   * @param {import("./store.js").State} state  with `settings`, `client`, `testing` and
   *   `credentials`: the acting account's (shared/accounts.js credentialsOf)
   */
  async client(state) {
    await wasmReady;
    const { credentials, settings } = state;
    const apiVersion = settings?.apiVersion ?? "auto";
    const timeoutMs = queue.timeoutOf(state);
    const acct = String(accountOf(credentials));
    const key = JSON.stringify([credentials.savedAt, credentials.userId, credentials.consumerKey, apiVersion, timeoutMs]);
    const found = cached.get(acct);
    if (found?.key === key) return found.client;
    found?.client.free();
    const { consumerKey, consumerSecret, token, tokenSecret, userId } = credentials;
    // A new worker starts from what the last one learned: no failed request to learn it again.
    const options = { apiVersion, userId, timeoutMs, state: learnedState(state) };
    const client = new XClient({ consumerKey, consumerSecret, token, tokenSecret }, options);
    cached.set(acct, { key, client });
    madeWith.set(client, credentials.savedAt);
    return client;
  },
  /**
   * Stores what the client learned, when it changed, for the next worker.
   * @param {{ state?: object }} client
   */
  async learned(client) {
    const state = client.state;
    const savedAt = madeWith.get(client);
    if (!state || savedAt === undefined) return;
    await transact(["client"], (s) => {
      if (s.client?.savedAt === savedAt && JSON.stringify(s.client?.state) === JSON.stringify(state)) return;
      return { set: { client: { savedAt, state } } };
    });
  },
  /** @param {{ consumerKey: string, consumerSecret: string }} consumer */
  async requestToken(consumer) {
    await wasmReady;
    return requestToken(consumer, {});
  },
  /** @param {{ consumerKey: string, consumerSecret: string, token: string, tokenSecret: string }} request @param {string} pin */
  async accessToken(request, pin) {
    await wasmReady;
    return accessToken(request, pin, {});
  },
};

/**
 * @typedef {Record<string, any> & { type: string }} Message  checked by each handler
 * @typedef {{ from: "content" | "options", run: (message: Message) => Promise<object> }} Handler
 * @type {Record<string, Handler>}
 */
const handlers = {
  mute: { from: "content", run: (m) => learnFrom(m).then(() => act("mute", m, { forMs: checkMuteLength(m.forMs) })) },
  unmute: { from: "content", run: (m) => learnFrom(m).then(() => act("unmute", m)) },
  status: { from: "content", run: (m) => learnFrom(m).then(async () => queue.status(checkTarget(m), await shownFor(m))) },
  view: { from: "content", run: () => storageReady.then(view) },
  seen: { from: "content", run: (m) => seen(m) },
  health: { from: "content", run: (m) => recordHealth(m) }, // selector health (health.js)
  retry: { from: "options", run: (m) => queue.retry(api, checkKey(m), checkAccount(m)) },
  cancel: { from: "options", run: (m) => queue.cancel(checkKey(m), checkAccount(m)) },
  clearFailed: { from: "options", run: (m) => queue.clearFailed(checkAccount(m)) },
  resumeQueue: { from: "options", run: (m) => queue.resume(api, { force: true, as: checkAccount(m) }) },
  sendAnyway: { from: "options", run: (m) => queue.sendAnyway(api, checkKey(m), checkAccount(m)) },
  removeAccount: { from: "options", run: (m) => storageReady.then(() => removeAccount(checkAccount(m))) },
  setBudget: { from: "options", run: (m) => queue.setBudget(api, checkBudget(m)) },
  saveCredentials: { from: "options", run: (m) => storageReady.then(() => saveCredentials(m)) },
  startPin: { from: "options", run: (m) => storageReady.then(() => startPin(api, m)) },
  completePin: { from: "options", run: (m) => storageReady.then(() => completePin(api, m)) },
  verify: { from: "options", run: () => verify(api) },
  refreshMutes: { from: "options", run: (m) => refreshMutes(api, checkReadMax(m.max), checkAccount(m)) },
  setTweetButtons: { from: "options", run: (m) => setTweetButtons(m) },
  setMuteLength: { from: "options", run: (m) => setMuteLength(/** @type {number} */ (checkMuteLength(m.length, "length"))) },
  // The manager page (manager/manager.js): the muted accounts, and batches of actions.
  mutedAccounts: { from: "options", run: (m) => storageReady.then(() => mutedAccounts(checkAccount(m))) },
  queueBatch: { from: "options", run: (m) => storageReady.then(() => queueBatch(api, checkBatch(m), checkAccount(m))) },
  batchProgress: { from: "options", run: (m) => batchProgress(checkAccount(m)) },
  cancelBatch: { from: "options", run: (m) => cancelBatch(checkBatchId(m), checkAccount(m)) },
};

/**
 * A click in a tab: acts as the tab's x.com account when XMute has it; otherwise the reply asks
 * the user which account to act as (accounts.js), and nothing is queued until they choose.
 * @param {"mute" | "unmute"} action
 * @param {Message} message
 * @param {{ forMs?: number }} [options]  a mute's length (timed mutes)
 */
async function act(action, message, options = {}) {
  const target = checkTarget(message);
  const acting = await actingAccount(message);
  if ("ask" in acting) return { ask: acting.ask };
  return queue.enqueue(api, action, target, { ...options, as: acting.acct });
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const type = typeof message?.type === "string" && Object.hasOwn(handlers, message.type) ? message.type : null;
  const from = classifySender(sender, thisExtension);
  const handler = type ? handlers[type] : null;
  if (!handler || handler.from !== from) {
    console.warn(`XMute refused a message (${type ?? "unknown type"}) from a ${from} sender.`);
    sendResponse({ ok: false, error: { name: "Refused", message: t("refusedMessage") } });
    return false;
  }
  Promise.resolve(message).then(handler.run).then(
    (reply) => sendResponse({ ok: true, ...reply }),
    (error) => sendResponse({ ok: false, error: toErrorJson(error) }),
  );
  return true;
});

chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") chrome.runtime.openOptionsPage();
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === queue.QUEUE_ALARM) queue.runQueue(api);
});

// New keys lift a pause caused by X refusing the old ones (401).
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && (changes.credentials || changes.accounts)) queue.resume(api);
});

chrome.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab);
});

// Wakes this worker when the browser starts, so that queued actions run without a click.
chrome.runtime.onStartup.addListener(() => queue.runQueue(api));

queue.start(api, storageReady);
