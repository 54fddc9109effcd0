// node --test extension/ — several X accounts with one app: which account acts for a tab, that
// each acts with its own token and keeps its own queue, history, spend and mutes, and that PIN
// sign-in adds an account and Remove takes one away (over an in-memory chrome.storage).
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { fakeChrome } from "./testkit.js";

const store = fakeChrome();

const { accountList, chooseAccount, credentialsOf, shownAccount, tabOf } = await import("../shared/accounts.js");
const queue = await import("./queue.js");
const { actingAccount, removeAccount } = await import("./accounts.js");
const { completePin } = await import("./signin.js");
const { settled } = await import("./store.js");

const APP = { consumerKey: "ck", consumerSecret: "cs" };
const ANN = { acct: "100", userId: "100", screenName: "ann" };
const BEN = { acct: "200", userId: "200", screenName: "Ben" };
const CAROL = { userId: "1000000003", screenName: "carol" };
const signedInTwice = () => ({
  credentials: { ...APP, token: "100-a", tokenSecret: "as", userId: "100", screenName: "ann", savedAt: 1 },
  accounts: { 200: { token: "200-b", tokenSecret: "bs", userId: "200", screenName: "Ben", savedAt: 2 } },
});

/** A client that records the credentials it was made with and what it sent. */
function recording() {
  const sent = [];
  return {
    sent,
    api: {
      async client(state) {
        const { token, tokenSecret, consumerKey } = state.credentials;
        const as = { token, tokenSecret, consumerKey };
        return {
          mute: async (t) => (sent.push({ action: "mute", target: t.userId, as }), { muting: true, via: "2" }),
          unmute: async (t) => (sent.push({ action: "unmute", target: t.userId, as }), { muting: false, via: "2" }),
          takeUsage: () => ({ mutes: 1, unmutes: 0 }),
        };
      },
    },
  };
}

beforeEach(async () => {
  await settled();
  store.local = signedInTwice();
  await queue.start(recording().api);
});

test("the list: the first account, then the others in sign-in order; credentials per account", () => {
  assert.deepEqual(accountList(store.local), [ANN, BEN]);
  assert.deepEqual(credentialsOf(store.local, "200"), { ...APP, token: "200-b", tokenSecret: "bs", userId: "200", screenName: "Ben", savedAt: 2 });
  assert.equal(credentialsOf(store.local, "100").token, "100-a");
  assert.equal(credentialsOf(store.local, "300"), undefined);
  assert.deepEqual(accountList({}), []);
  assert.deepEqual(accountList({ credentials: APP, accounts: store.local.accounts }), [], "no first account: signed out");
});

test("which account acts: x.com's when XMute has it, else the user is asked", () => {
  const list = [ANN, BEN];
  assert.deepEqual(chooseAccount(list, { pageAccount: "ben" }), { acct: "200" }, "screen names ignore case");
  assert.deepEqual(chooseAccount(list, { pageAccount: "ANN" }), { acct: "100" });
  assert.deepEqual(chooseAccount(list, { pageAccount: "carol" }), { ask: true });
  assert.deepEqual(chooseAccount(list, { pageAccount: null }), { ask: true }, "several accounts, none on the page");
  assert.deepEqual(chooseAccount(list, { pageAccount: "carol", chosen: "200" }), { acct: "200" });
  assert.deepEqual(chooseAccount(list, { pageAccount: "carol", chosen: "999" }), { ask: true }, "a choice not signed in");
  assert.deepEqual(chooseAccount([ANN], { pageAccount: null }), { acct: "100" }, "one account, logged out of x.com: as before");
  assert.deepEqual(chooseAccount([ANN], { pageAccount: "carol" }), { ask: true }, "one account, x.com as someone else");
  const pasted = { acct: "300" }; // a pasted token: the id is in it, the screen name is not known
  assert.deepEqual(chooseAccount([pasted], { pageAccount: "carol" }), { acct: "300" }, "one account that may be x.com's: as before");
  assert.deepEqual(chooseAccount([pasted, BEN], { pageAccount: "carol" }), { ask: true });
  assert.deepEqual(chooseAccount([pasted, BEN], { pageAccount: "ben" }), { acct: "200" });
  assert.deepEqual(chooseAccount([], { pageAccount: "ann" }), { none: true });
  assert.equal(shownAccount(list, "carol"), "100", "a tab of another x.com account shows the first's state");
  assert.equal(shownAccount(list, "ben"), "200");
  assert.deepEqual(tabOf({ as: "ben", actAs: "200" }), { pageAccount: "ben", chosen: "200" });
  assert.deepEqual(tabOf({ as: "no spaces allowed", actAs: "2-00" }), { pageAccount: null, chosen: null });
});

test("a click acts as the tab's x.com account, with its token; state, history and spend are its own", async () => {
  const { api, sent } = recording();
  const acting = await actingAccount({ as: "Ben" });
  assert.deepEqual(acting, { acct: "200" });
  await queue.enqueue(api, "mute", CAROL, { as: acting.acct });
  assert.deepEqual(sent, [{ action: "mute", target: CAROL.userId, as: { token: "200-b", tokenSecret: "bs", consumerKey: "ck" } }]);
  await settled();
  assert.equal(store.local[`m:200:${CAROL.userId}`].muted, true);
  assert.equal(store.local[`m:100:${CAROL.userId}`], undefined, "Ann did not mute Carol");
  assert.equal(store.local["h:200:0"].result, "done");
  assert.equal(store.local["h:100:0"], undefined);
  assert.ok(store.local["spend:200"]);
  assert.equal(store.local["spend:100"], undefined);

  await queue.enqueue(api, "mute", CAROL, { as: (await actingAccount({ as: "ann" })).acct });
  assert.equal(sent[1].as.token, "100-a");
  assert.equal(store.local[`m:100:${CAROL.userId}`].muted, true);
});

test("an x.com account XMute does not have: the reply asks, and nothing is queued", async () => {
  const acting = await actingAccount({ as: "carol" });
  assert.deepEqual(acting, { ask: { pageAccount: "carol", accounts: [ANN, BEN] } });
  assert.deepEqual(Object.keys(store.local).filter((key) => /^(q|queue|active):/.test(key)), []);
  assert.deepEqual(await actingAccount({ as: "carol", actAs: "200" }), { acct: "200" }, "the user's choice acts");
  store.local = {};
  await assert.rejects(actingAccount({ as: "carol" }), { name: "NotSignedIn" });
});

test("PIN sign-in with the same app as another user adds an account; as an account XMute has, it replaces its token", async () => {
  const api = {
    async accessToken() { return { token: "300-c", tokenSecret: "cs3", userId: "300", screenName: "cat" }; },
  };
  store.local.pinRequest = { ...APP, token: "req", tokenSecret: "reqs" };
  const reply = await completePin(api, { pin: "1234567", apiVersion: "auto" });
  assert.equal(reply.added, true);
  assert.equal(store.local.credentials.token, "100-a", "the first account is kept");
  assert.deepEqual(accountList(store.local).map((a) => a.screenName), ["ann", "Ben", "cat"]);
  assert.equal(store.local.pinRequest, undefined);

  api.accessToken = async () => ({ token: "200-new", tokenSecret: "bs2", userId: "200", screenName: "Ben" });
  store.local.pinRequest = { ...APP, token: "req2", tokenSecret: "reqs2" };
  await completePin(api, { pin: "7654321", apiVersion: "auto" });
  assert.equal(credentialsOf(store.local, "200").token, "200-new");
  assert.equal(accountList(store.local).length, 3);

  // Another app's keys: its token replaces them all (the old tokens belong to the old app).
  api.accessToken = async () => ({ token: "400-d", tokenSecret: "ds", userId: "400", screenName: "dan" });
  store.local.pinRequest = { consumerKey: "ck2", consumerSecret: "cs2", token: "req3", tokenSecret: "reqs3" };
  await completePin(api, { pin: "1111111", apiVersion: "auto" });
  assert.deepEqual(accountList(store.local).map((a) => a.acct), ["400"]);
});

test("Remove: an account's queue is cancelled (history kept); removing the first makes the next one first", async () => {
  const never = { async client() { return { mute: () => new Promise(() => {}) }; } };
  store.local.settings = { monthlyBudget: 0 }; // held for the budget: it waits in Ben's queue
  await queue.enqueue(never, "mute", CAROL, { as: "200" });
  await settled();
  assert.equal(store.local[`q:200:${CAROL.userId}`].reason, "budget");
  await removeAccount("200");
  await settled();
  assert.equal(store.local[`q:200:${CAROL.userId}`], undefined);
  assert.equal(store.local["h:200:0"].result, "cancelled");
  assert.deepEqual(accountList(store.local), [ANN]);

  store.local = signedInTwice();
  await removeAccount("100");
  assert.deepEqual(accountList(store.local), [{ acct: "200", userId: "200", screenName: "Ben" }]);
  assert.equal(store.local.credentials.consumerKey, "ck");
  assert.equal(store.local.credentials.token, "200-b");
  assert.deepEqual(store.local.accounts, {});
  await removeAccount("200");
  assert.deepEqual(accountList(store.local), [], "the last one: signed out, the app's keys kept");
  assert.equal(store.local.credentials.consumerKey, "ck");
  await assert.rejects(removeAccount("200"), { name: "NotSignedIn" });
});

test("the monthly budget counts every account's spend together (X bills the app)", async () => {
  const { monthKey } = await import("../shared/spend.js");
  const { api, sent } = recording();
  store.local.settings = { monthlyBudget: 15_000 }; // $0.015
  store.local["spend:100"] = { [monthKey(Date.now())]: { mutes: 1, unmutes: 0, mutedAccountsRead: 0, usersRead: 0, micros: 10_000 } };
  await queue.enqueue(api, "mute", CAROL, { as: "200" }); // Ben has spent nothing, but Ann has: $0.01 + $0.01 > $0.015
  await settled();
  assert.deepEqual(sent, []);
  const held = store.local[`q:200:${CAROL.userId}`];
  assert.equal(held.reason, "budget");
  assert.equal(held.error.spent, 10_000);
});

test("reading the muted accounts from X reads the chosen account's list, with its token, into its records", async () => {
  const { refreshMutes } = await import("./mutesync.js");
  const made = [];
  const api = {
    async client(state) {
      made.push(state.credentials.token);
      return { mutedUsers: async () => ({ ids: ["1000000004"], complete: true }), takeUsage: () => ({ mutedAccountsRead: 1 }), apiVersionInUse: "2" };
    },
  };
  await refreshMutes(api, 10, "200");
  await settled();
  assert.deepEqual(made, ["200-b"]);
  assert.equal(store.local["m:200:1000000004"].muted, true);
  assert.equal(store.local["m:100:1000000004"], undefined, "Ann's records untouched");
  assert.equal(store.local.muteList.savedAt, 2, "the read is Ben's");
  await assert.rejects(refreshMutes(api, 10, "999"), { name: "NotSignedIn" });
});

test("the manager's batches act as the account it shows: queued, sent with its token, its progress and its muted list", async () => {
  const { queueBatch, batchProgress } = await import("./batch.js");
  const { mutedAccounts } = await import("./mutedlist.js");
  const { sent, api } = recording();
  const reply = await queueBatch(api, { action: "mute", targets: [{ userId: "1000000007" }, { userId: "1000000008" }] }, "200");
  assert.deepEqual([reply.queued, reply.skipped], [2, 0]);
  for (let i = 0; i < 50 && sent.length < 2; i += 1) await settled();
  assert.deepEqual(sent.map((s) => [s.target, s.as.token]), [["1000000007", "200-b"], ["1000000008", "200-b"]]);
  assert.deepEqual((await batchProgress("200")).batches.map((b) => [b.total, b.done]), [[2, 2]]);
  assert.deepEqual((await batchProgress("100")).batches, [], "Ann has no batch");
  const ben = await mutedAccounts("200");
  assert.deepEqual([ben.account, ben.accounts.map((a) => a.id).sort()], [{ acct: "200", screenName: "Ben" }, ["1000000007", "1000000008"]]);
  assert.deepEqual((await mutedAccounts("100")).accounts, []);
  await assert.rejects(mutedAccounts("999"), { name: "NotSignedIn" });
});
