// @ts-check
/**
 * The options page: the form for keys and tokens, PIN sign-in and the check with X. It reads
 * the saved values to fill the form; every change goes through the background's handlers,
 * which check again before storing.
 */
import { checkCredentials, checkPin } from "../shared/credentials.js";
import { PRICES, formatUsd } from "../shared/prices.js";
import { t } from "../shared/i18n.js";
import { credentialProblem, errorText } from "../shared/words.js";

/** @param {string} id */
const element = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

const form = /** @type {HTMLFormElement} */ (document.getElementById("credentials-form"));
const inputs = {
  consumerKey: element("consumer-key"),
  consumerSecret: element("consumer-secret"),
  token: element("access-token"),
  tokenSecret: element("access-token-secret"),
};
const apiVersion = /** @type {HTMLSelectElement} */ (/** @type {unknown} */ (element("api-version")));
const pinInput = element("pin");
const status = element("status");
const account = element("account");
const buttons = [...document.querySelectorAll("button")];

let dirty = false;

/** @param {string} message @param {boolean} [isError] */
function show(message, isError = false) {
  status.textContent = message;
  status.classList.toggle("error", isError);
}

/** @param {{ screenName?: string } | undefined} credentials */
function showAccount(credentials) {
  account.textContent = credentials?.screenName ? t("signedInAs", credentials.screenName) : "";
}

/** @param {string | null} field  the invalid field's name, or null to clear the marks */
function markInvalid(field) {
  for (const [name, input] of Object.entries({ ...inputs, pin: pinInput })) {
    input.setAttribute("aria-invalid", String(name === field));
  }
  if (field && field in inputs) inputs[/** @type {keyof typeof inputs} */ (field)].focus();
  if (field === "pin") pinInput.focus();
}

/**
 * Sends a command to the background with the buttons disabled; shows its error if it fails.
 * @param {string} type
 * @param {Record<string, unknown>} [payload]
 * @returns {Promise<Record<string, any> | null>} the reply when it succeeded
 */
async function call(type, payload = {}) {
  for (const button of buttons) button.disabled = true;
  try {
    const reply = await chrome.runtime.sendMessage({ type, ...payload }).catch(() => null);
    if (reply?.ok) return reply;
    markInvalid(reply?.error?.field ?? null);
    show(reply?.error ? errorText(reply.error) : t("backgroundSilent"), true);
    return null;
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

/** Fields the user typed in while the page was still reading storage: the read does not undo them. */
const typedBeforeLoad = new Set();
let loaded = false;

/**
 * Fills the form from storage (the options page is one of the extension's trusted pages). The
 * first fill leaves alone what the user already typed (and the form stays dirty then); then
 * the form says it is ready (`data-loaded`).
 */
async function load() {
  /** @type {Record<string, any>} */
  const { credentials, settings } = await chrome.storage.local.get(["credentials", "settings"]);
  for (const [name, input] of Object.entries(inputs)) {
    if (!loaded && typedBeforeLoad.has(input)) continue;
    input.value = credentials?.[name] ?? "";
  }
  if (loaded || !typedBeforeLoad.has(apiVersion)) apiVersion.value = settings?.apiVersion ?? "auto";
  showAccount(credentials);
  dirty = !loaded && typedBeforeLoad.size > 0;
  loaded = true;
  form.dataset.loaded = "";
}

/**
 * Checks the form; shows what is wrong and returns null, or returns the credentials.
 * @param {{ tokenRequired: boolean, consumerOnly?: boolean }} options
 */
function checkedForm({ tokenRequired, consumerOnly = false }) {
  const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value]));
  if (consumerOnly) Object.assign(values, { token: "", tokenSecret: "" });
  const result = checkCredentials(values, { tokenRequired });
  if (!result.ok) {
    markInvalid(result.field);
    show(credentialProblem(result), true);
    return null;
  }
  markInvalid(null);
  return result.value;
}

async function save() {
  const credentials = checkedForm({ tokenRequired: true });
  if (!credentials) return false;
  if (!(await call("saveCredentials", { credentials, apiVersion: apiVersion.value }))) return false;
  dirty = false;
  showAccount(undefined);
  show(t("saved", formatUsd(PRICES.userRead)));
  return true;
}

async function verify() {
  if (dirty && !(await save())) return;
  show(t("checking"));
  const reply = await call("verify");
  if (!reply) return;
  showAccount(reply);
  show(t("verified", reply.screenName));
}

async function startPin() {
  const credentials = checkedForm({ tokenRequired: false, consumerOnly: true });
  if (!credentials) return;
  show(t("askingForPin"));
  const reply = await call("startPin", { credentials });
  if (!reply) return;
  await chrome.tabs.create({ url: reply.authorizeUrl });
  show(t("authorisePin"));
  pinInput.focus();
}

async function completePin() {
  const pin = checkPin(pinInput.value);
  if (!pin) {
    markInvalid("pin");
    show(t("pinInvalid"), true);
    return;
  }
  const reply = await call("completePin", { pin, apiVersion: apiVersion.value });
  if (!reply) return;
  markInvalid(null);
  pinInput.value = "";
  await load();
  show(reply.added ? t("accountAdded", reply.screenName) : t("pinSignedIn", reply.screenName));
}

form.addEventListener("input", (event) => {
  if (event.target === pinInput) return;
  dirty = true;
  if (!loaded) typedBeforeLoad.add(event.target);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  save();
});
pinInput.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  completePin();
});
element("verify").addEventListener("click", verify);
element("start-pin").addEventListener("click", startPin);
element("complete-pin").addEventListener("click", completePin);
load();
