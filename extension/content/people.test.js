// node --test extension/ — with several XMute accounts, a tab shows the state of the account
// x.com is signed in as there (X's account link), else of the first; switching x.com's account
// reads the people on screen again under the new account.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createPeople } from "./people.js";

/** An in-memory public area with onChanged. */
function storage(data) {
  const listeners = [];
  return {
    session: { async get(keys) { return Object.fromEntries([keys].flat().filter((k) => k in data).map((k) => [k, data[k]])); } },
    onChanged: { addListener: (listener) => listeners.push(listener) },
    write(values) {
      const changes = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { newValue: value }]));
      Object.assign(data, values);
      for (const listener of listeners) listener(changes, "session");
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const ACCOUNTS = [{ acct: "100", screenName: "ann" }, { acct: "200", screenName: "Ben" }];

test("a tab shows its x.com account's state; another x.com account shows the first's", async () => {
  const area = storage({ "u:100:7": { muted: false, rev: 1 }, "u:200:7": { muted: true, rev: 2 } });
  let page = "ben";
  const people = createPeople({ storage: area, pageAccount: () => page });
  people.start({ area: "session", settings: { signedIn: true, acct: "100", accounts: ACCOUNTS } });
  people.want(["7"]);
  await settle();
  assert.equal(people.get("7").muted, true, "Ben's");
  area.write({ "u:100:7": { muted: true, rev: 3 } });
  area.write({ "u:200:7": { muted: false, rev: 4 } });
  assert.equal(people.get("7").muted, false, "only Ben's changes reach this tab");

  page = "carol"; // x.com switched to an account XMute does not have: the first's state
  people.want(["8"]);
  await settle();
  assert.equal(people.get("7").muted, true, "Ann's, read again");
});

test("one account (no list): its state, whatever x.com shows", async () => {
  const area = storage({ "u:100:7": { muted: true, rev: 1 } });
  const people = createPeople({ storage: area, pageAccount: () => "someone" });
  people.start({ area: "session", settings: { signedIn: true, acct: "100" } });
  people.want(["7"]);
  await settle();
  assert.equal(people.get("7").muted, true);
});
