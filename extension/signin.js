// @ts-check
/**
 * The options page's handlers: saving keys, PIN sign-in (request token → authorize → access
 * token) and checking the saved credentials with X. Secrets arrive from the options page and
 * go only to `chrome.storage.local`; replies carry no secret.
 */
import { API_VERSIONS, checkCredentials, checkPin } from "./credentials.js";
import { namedError } from "./errors.js";
import { read, update } from "./store.js";

/**
 * @typedef {import("./credentials.js").Credentials} Credentials
 * @typedef {import("./store.js").State} State
 * @typedef {{ userId: string, screenName: string }} Account
 * @typedef {{
 *   requestToken(consumer: Credentials): Promise<{ token: string, tokenSecret: string, authorizeUrl: string }>,
 *   accessToken(request: Required<Credentials>, pin: string):
 *     Promise<{ token: string, tokenSecret: string, userId?: string, screenName?: string }>,
 *   client(state: State): Promise<{ verifyCredentials(): Promise<Account> }>,
 * }} Api
 */

/** @param {Record<string, unknown>} input @param {{ tokenRequired?: boolean }} [options] */
function checked(input, options) {
  const result = checkCredentials(input ?? {}, options);
  if (!result.ok) throw namedError("InvalidInput", result.message, { field: result.field });
  return result.value;
}

/**
 * Stores new credentials. A different access token means a different account (or a new
 * sign-in): its mute records and the remembered API generation start afresh.
 * @param {State} s
 * @param {Credentials & { userId?: string, screenName?: string }} credentials
 */
function storeCredentials(s, credentials) {
  const sameToken = s.credentials?.token === credentials.token;
  const sameApp = s.credentials?.consumerKey === credentials.consumerKey;
  const known = sameToken ? { userId: s.credentials?.userId, screenName: s.credentials?.screenName } : {};
  return {
    set: {
      credentials: { ...known, ...credentials, savedAt: Date.now() },
      ...(sameToken ? {} : { mutes: {}, pending: {} }),
    },
    remove: sameToken && sameApp ? [] : ["apiInUse"],
  };
}

/** @param {Record<string, any>} message  `{ credentials, apiVersion }` from the options page */
export async function saveCredentials(message) {
  const credentials = checked(message.credentials ?? {}, { tokenRequired: true });
  const apiVersion = message.apiVersion ?? "auto";
  if (typeof apiVersion !== "string" || !API_VERSIONS.includes(apiVersion)) {
    throw namedError("InvalidInput", "Choose auto, 2 or 1.1 as the API version.", { field: "apiVersion" });
  }
  await update((s) => {
    const change = storeCredentials(s, credentials);
    const apiChanged = (s.settings?.apiVersion ?? "auto") !== apiVersion;
    return {
      set: { ...change.set, settings: { apiVersion } },
      remove: apiChanged ? ["apiInUse"] : change.remove,
    };
  });
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
  await update(() => ({ set: { pinRequest } }));
  return { authorizeUrl: request.authorizeUrl };
}

/**
 * PIN sign-in, step 3: trades the request token and the PIN for an access token and stores it.
 * @param {Api} api
 * @param {Record<string, any>} message  `{ pin }`
 */
export async function completePin(api, message) {
  const pin = checkPin(message.pin);
  if (!pin) throw namedError("InvalidInput", "Type the PIN X showed you (digits only).", { field: "pin" });
  const { pinRequest } = await read("pinRequest");
  if (!pinRequest) throw namedError("InvalidInput", "Start the sign-in first (Sign in with X).", { field: "pin" });
  const access = await api.accessToken(pinRequest, pin);
  const credentials = {
    consumerKey: pinRequest.consumerKey,
    consumerSecret: pinRequest.consumerSecret,
    token: access.token,
    tokenSecret: access.tokenSecret,
    ...(access.userId ? { userId: access.userId } : {}),
    ...(access.screenName ? { screenName: access.screenName } : {}),
  };
  await update((s) => {
    const change = storeCredentials(s, credentials);
    return { set: change.set, remove: [...change.remove, "pinRequest"] };
  });
  return { userId: access.userId, screenName: access.screenName };
}

/**
 * Asks X who the saved credentials belong to and remembers the answer.
 * @param {Api} api
 */
export async function verify(api) {
  const state = await read();
  if (!state.credentials?.token) throw namedError("NotSignedIn", "Save your API keys and access token first.");
  const account = await (await api.client(state)).verifyCredentials();
  await update((s) => {
    if (s.credentials?.token !== state.credentials.token) return;
    return { set: { credentials: { ...s.credentials, ...account } } };
  });
  return { userId: account.userId, screenName: account.screenName };
}
