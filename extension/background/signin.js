// @ts-check
/**
 * The options page's handlers: saving keys, PIN sign-in (request token → authorize → access
 * token) and checking the saved credentials with X. Secrets arrive from the options page and
 * go only to `chrome.storage.local`; replies carry no secret.
 */
import { t } from "../shared/i18n.js";
import { credentialProblem } from "../shared/words.js";
import { API_VERSIONS, checkCredentials, checkPin } from "../shared/credentials.js";
import { namedError } from "../shared/errors.js";
import { keys } from "../shared/keys.js";
import { costOf } from "../shared/prices.js";
import { withUsage } from "../shared/spend.js";
import { MAX_ACCOUNTS, accountList } from "../shared/accounts.js";
import { signInChange, signedOut } from "./queue.js";
import { accountOf, read, transact } from "./store.js";

/**
 * @typedef {import("../shared/credentials.js").Credentials} Credentials
 * @typedef {import("./store.js").State} State
 * @typedef {{ userId: string, screenName: string }} Account
 * @typedef {{
 *   requestToken(consumer: Credentials): Promise<{ token: string, tokenSecret: string, authorizeUrl: string }>,
 *   accessToken(request: Required<Credentials>, pin: string):
 *     Promise<{ token: string, tokenSecret: string, userId?: string, screenName?: string }>,
 *   client(state: State): Promise<{ verifyCredentials(): Promise<Account>,
 *     takeUsage?(): import("../shared/prices.js").Usage, state?: object }>,
 *   learned?(client: { state?: object }): Promise<void>,
 * }} Api
 */

/** @param {Record<string, unknown>} input @param {{ tokenRequired?: boolean }} [options] */
function checked(input, options) {
  const result = checkCredentials(input ?? {}, options);
  if (!result.ok) throw namedError("InvalidInput", credentialProblem(result), { field: result.field });
  return result.value;
}

/** @param {unknown} value */
function checkedApiVersion(value = "auto") {
  if (typeof value !== "string" || !API_VERSIONS.includes(value)) {
    throw namedError("InvalidInput", t("apiVersionInvalid"), { field: "apiVersion" });
  }
  return value;
}

/**
 * Stores new credentials and API choice for the first account (the one the form shows).
 * Signing in as another account there cancels what was queued for the previous one (queue.js);
 * the same account keeps its queue and mute records (each account's are its own). Other keys
 * (another app) sign every further account out: their tokens belong to the old app. What the
 * X client learned (the API generation in use, its clock offset) is forgotten when the token,
 * the app or the API choice changes.
 * @param {Credentials & { userId?: string, screenName?: string }} credentials
 * @param {string} apiVersion
 * @param {string[]} [alsoRemove]
 */
async function storeSignIn(credentials, apiVersion, alsoRemove = []) {
  const { credentials: before, accounts } = await read(["credentials", "accounts"]);
  const sameKeys = before?.consumerKey === credentials.consumerKey && before?.consumerSecret === credentials.consumerSecret;
  const further = accountList({ credentials: before, accounts }).slice(1).map((a) => a.acct);
  const acct = accountOf(credentials);
  if (!sameKeys) for (const other of further) await signedOut(other);
  if (before?.token !== credentials.token) await signInChange(before, credentials);
  await transact(["credentials", "settings", "accounts"], (s) => {
    const kept = { ...(sameKeys ? s.accounts : {}) };
    if (acct) delete kept[acct]; // a further account that becomes the first leaves that list
    const sameToken = s.credentials?.token === credentials.token;
    const sameApp = s.credentials?.consumerKey === credentials.consumerKey;
    const sameChoice = (s.settings?.apiVersion ?? "auto") === apiVersion;
    const known = sameToken ? { userId: s.credentials?.userId, screenName: s.credentials?.screenName } : {};
    return {
      set: {
        credentials: { ...known, ...credentials, savedAt: Date.now() },
        settings: { ...s.settings, apiVersion },
        accounts: kept,
      },
      remove: [...(sameToken && sameApp && sameChoice ? [] : ["client"]), ...alsoRemove],
    };
  });
}

/** @param {Record<string, any>} message  `{ credentials, apiVersion }` from the options page */
export async function saveCredentials(message) {
  const credentials = checked(message.credentials ?? {}, { tokenRequired: true });
  const apiVersion = checkedApiVersion(message.apiVersion);
  await storeSignIn(credentials, apiVersion);
  return {};
}

/**
 * PIN sign-in, step 1: a request token for the app's keys; the options page opens the
 * authorize URL it returns.
 * @param {Api} api
 * @param {Record<string, any>} message  `{ credentials: { consumerKey, consumerSecret } }`
 */
export async function startPin(api, message) {
  const { consumerKey, consumerSecret } = checked(message.credentials ?? {});
  const request = await api.requestToken({ consumerKey, consumerSecret });
  const pinRequest = { consumerKey, consumerSecret, token: request.token, tokenSecret: request.tokenSecret };
  await transact([], () => ({ set: { pinRequest } }));
  return { authorizeUrl: request.authorizeUrl };
}

/**
 * PIN sign-in, step 3: trades the request token and the PIN for an access token and stores it.
 * @param {Api} api
 * @param {Record<string, any>} message  `{ pin, apiVersion }`
 */
export async function completePin(api, message) {
  const apiVersion = checkedApiVersion(message.apiVersion);
  const pin = checkPin(message.pin);
  if (!pin) throw namedError("InvalidInput", t("pinInvalid"), { field: "pin" });
  const { pinRequest } = await read("pinRequest");
  if (!pinRequest) throw namedError("InvalidInput", t("pinNotStarted"), { field: "pin" });
  const access = await api.accessToken(pinRequest, pin);
  const now = await read(["credentials", "accounts"]);
  const first = accountOf(now.credentials);
  const added = accountOf({ token: access.token, userId: access.userId });
  const sameApp = now.credentials?.consumerKey === pinRequest.consumerKey && now.credentials?.consumerSecret === pinRequest.consumerSecret;
  if (first && added && sameApp && added !== first) {
    await addAccount(added, access, apiVersion);
    return { userId: access.userId, screenName: access.screenName, added: true };
  }
  const credentials = {
    consumerKey: pinRequest.consumerKey,
    consumerSecret: pinRequest.consumerSecret,
    token: access.token,
    tokenSecret: access.tokenSecret,
    ...(access.userId ? { userId: access.userId } : {}),
    ...(access.screenName ? { screenName: access.screenName } : {}),
  };
  await storeSignIn(credentials, apiVersion, ["pinRequest"]);
  return { userId: access.userId, screenName: access.screenName };
}

/**
 * Signs in a further account with the app of the first one (a PIN sign-in while x.com was
 * signed in as someone else): it gets its own queue, history and spend; signing in again as an
 * account XMute has replaces its token.
 * @param {string} acct
 * @param {{ token: string, tokenSecret: string, userId?: string, screenName?: string }} access
 * @param {string} apiVersion
 */
async function addAccount(acct, access, apiVersion) {
  const { accounts: before } = await read("accounts");
  if (!before?.[acct] && Object.keys(before ?? {}).length + 1 >= MAX_ACCOUNTS) {
    throw namedError("InvalidInput", t("accountTooMany", String(MAX_ACCOUNTS)), { field: "pin" });
  }
  const { token, tokenSecret, userId, screenName } = access;
  const entry = { token, tokenSecret, ...(userId ? { userId } : {}), ...(screenName ? { screenName } : {}), savedAt: Date.now() };
  await transact(["accounts", "settings"], (s) => ({
    set: { accounts: { ...s.accounts, [acct]: entry }, settings: { ...s.settings, apiVersion } },
    remove: ["pinRequest"],
  }));
}

/**
 * Asks X who the saved credentials belong to and remembers the answer: one user read, which X
 * bills (the options page's button says so); counted in the month's spend.
 * @param {Api} api
 */
export async function verify(api) {
  const state = await read(["credentials", "settings", "client", "testing"]);
  if (!state.credentials?.token) throw namedError("NotSignedIn", t("verifyNeedsKeys"));
  const acct = /** @type {string} */ (accountOf(state.credentials));
  const client = await api.client(state);
  try {
    const account = await client.verifyCredentials();
    const usage = client.takeUsage?.();
    await transact(["credentials", keys.spend(acct)], (s) => {
      const spend = { [keys.spend(acct)]: withUsage(s[keys.spend(acct)], usage, Date.now()) };
      if (s.credentials?.token !== state.credentials.token) return { set: spend };
      return { set: { credentials: { ...s.credentials, ...account }, ...spend } };
    });
    return { userId: account.userId, screenName: account.screenName };
  } catch (error) {
    const usage = client.takeUsage?.(); // nothing is billed for a failure, but keep the counts exact
    if (costOf(usage)) await transact([keys.spend(acct)], (s) => ({ set: { [keys.spend(acct)]: withUsage(s[keys.spend(acct)], usage, Date.now()) } }));
    throw error;
  } finally {
    await api.learned?.(client);
  }
}
