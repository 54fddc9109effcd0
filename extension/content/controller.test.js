// node --test extension/ — the one button controller, over the tab's store (people.js) with an
// in-memory public area, a scripted background and a recording element: every surface's button
// behaves alike.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createController } from "./controller.js";
import { createIdentities } from "./identities.js";
import { createPeople } from "./people.js";

/** An in-memory public area with onChanged, as a content script sees it. */
function storage() {
  const data = {};
  const listeners = [];
  const area = {
    async get(keys) { return Object.fromEntries([keys].flat().filter((k) => k in data).map((k) => [k, structuredClone(data[k])])); },
  };
  return {
    session: area,
    onChanged: { addListener: (listener) => listeners.push(listener) },
    /** The background writes: the change reaches every listener. */
    write(values) {
      const changes = {};
      for (const [key, value] of Object.entries(values)) {
        changes[key] = { newValue: value, oldValue: data[key] };
        data[key] = value;
      }
      for (const listener of listeners) listener(changes, "session");
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A store started as the background's hello would start it. */
function startedPeople(area = storage()) {
  const people = createPeople({ storage: area });
  people.start({ area: "session", settings: { signedIn: true, acct: "42" } });
  return { people, area };
}

/** An element that remembers what it was told to show. */
function element() {
  const shown = [];
  return {
    shown,
    make: (onActivate) => ({ root: { isConnected: true, remove() {} }, render: (view) => shown.push(view), click: onActivate }),
  };
}

test("the state comes from the public area, only for this person, and follows its changes", async () => {
  const { people, area } = startedPeople();
  area.write({ "u:42:10": { muted: true, rev: 3 }, "u:42:11": { muted: false, rev: 4 } });
  const ui = element();
  createController({ who: { userId: "10", screenName: "ten" }, ui: ui.make, people, send: async () => assert.fail(), offerUndo() {} });
  await settle();
  assert.deepEqual(ui.shown.at(-1), { state: "idle", muted: true });
  const renders = ui.shown.length;
  area.write({ "u:42:11": { muted: true, rev: 5 } });
  assert.equal(ui.shown.length, renders, "another person's change is not this button's");
  area.write({ "u:42:10": { muted: false, pending: { action: "mute", status: "queued", reason: "window", runAt: 0 }, rev: 6 } });
  assert.equal(ui.shown.at(-1).state, "queued");
  assert.equal(ui.shown.at(-1).muted, true, "a queued action shows the state it will make");
  assert.match(ui.shown.at(-1).hint, /^Queued: mutes at/, "a small button keeps messages it was not pressed for in its tooltip");
});

test("a click sends what the state says, shows it, and offers Undo after a mute", async () => {
  const { people } = startedPeople();
  const sent = [];
  const undos = [];
  const ui = element();
  const button = createController({
    who: { userId: "10", screenName: "ten" }, ui: ui.make, people, alwaysShowMessages: true,
    send: async (type, target) => {
      sent.push([type, target]);
      return { ok: true, signedIn: true, user: { muted: type === "mute", rev: 9 } };
    },
    offerUndo: (root, options) => undos.push(options),
  });
  await settle();
  button.activate();
  assert.equal(ui.shown.at(-1).state, "pending");
  await settle();
  assert.deepEqual(sent, [["mute", { userId: "10", screenName: "ten" }]]);
  assert.deepEqual(ui.shown.at(-1), { state: "done", muted: true });
  assert.equal(undos.length, 1);
  undos[0].onUndo();
  await settle();
  assert.deepEqual(sent[1], ["unmute", { userId: "10", screenName: "ten" }]);
  assert.equal(undos.length, 1, "no Undo after an unmute");
});

test("a reply older than the public state does not win", async () => {
  const { people, area } = startedPeople();
  const ui = element();
  const button = createController({
    who: { userId: "10", screenName: "ten" }, ui: ui.make, people, offerUndo() {},
    send: async () => {
      area.write({ "u:42:10": { muted: false, rev: 12 } }); // an unmute elsewhere, after this reply was made
      return { ok: true, signedIn: true, user: { muted: true, rev: 11 } };
    },
  });
  await settle();
  button.activate();
  await settle();
  assert.equal(ui.shown.at(-1).muted, false);
});

test("a failure is shown where the user pressed, and a new state replaces it", async () => {
  const { people, area } = startedPeople();
  const ui = element();
  const button = createController({
    who: { userId: "10", screenName: "ten" }, ui: ui.make, people, offerUndo() {},
    send: async () => ({ ok: false, error: { name: "NotSignedIn" } }),
  });
  await settle();
  button.activate();
  await settle();
  assert.deepEqual(ui.shown.at(-1), { state: "error", muted: false, message: "Add your API keys in XMute's options." });
  area.write({ "u:42:10": { muted: true, rev: 20 } });
  assert.deepEqual(ui.shown.at(-1), { state: "idle", muted: true });
});

test("a tweet's handle is sent with the id this tab saw beside it", async () => {
  const { people, area } = startedPeople();
  area.write({ "u:42:77": { muted: false, rev: 1 }, "u:42:@seven": { muted: false, rev: 1 } });
  const reported = [];
  const identities = createIdentities({ people, send: async (type, payload) => reported.push([type, payload]), later: (run) => run() });
  identities.saw({ userId: "77", screenName: "Seven" }); // a hover card
  const sent = [];
  const button = createController({
    who: { screenName: "Seven" }, ui: element().make, people, offerUndo() {}, knownId: identities.idOf,
    send: async (type, target) => {
      sent.push(target);
      return { ok: true, signedIn: true, user: { muted: true, rev: 2 } };
    },
  });
  await settle();
  button.activate();
  await settle();
  assert.deepEqual(sent, [{ userId: "77", screenName: "Seven" }]);
  assert.deepEqual(reported, [], "the public state already agrees: nothing to report");
});

test("a pair the public state shows differently by id and by handle is reported once", async () => {
  const { people, area } = startedPeople();
  area.write({ "u:42:@eve": { muted: true, rev: 1 } }); // muted from a tweet; the id never seen
  const reported = [];
  const identities = createIdentities({ people, send: async (type, payload) => reported.push([type, payload]), later: (run) => run() });
  identities.saw({ userId: "5", screenName: "Eve" });
  await settle();
  identities.saw({ userId: "5", screenName: "Eve" });
  assert.deepEqual(reported, [["seen", { users: [{ userId: "5", screenName: "Eve" }] }]]);
});

test("a read that was out when the x.com tab's account changed does not show the old account's state", async () => {
  const area = storage();
  area.write({ "u:42:alice": { muted: true, rev: 3 }, "u:43:alice": { muted: false, rev: 1 } });
  // Reads wait until the test lets them go: the account changes while one is out.
  const gates = [];
  const get = area.session.get;
  area.session.get = (keys) => new Promise((resolve) => gates.push(() => resolve(get(keys))));
  const { people } = startedPeople(area);
  people.want(["alice"]);
  await settle();
  assert.equal(gates.length, 1, "the read for account 42 is out");
  area.write({ pub: { signedIn: true, acct: "43" } });
  gates.shift()();
  await settle();
  assert.equal(people.has("alice"), false, "42's answer was not taken for 43");
  assert.equal(gates.length, 1, "read again for 43");
  gates.shift()();
  await settle();
  assert.deepEqual(people.get("alice"), { muted: false, rev: 1 });
});

test("timed mutes: a menu's length goes with the mute; the button shows the end; an early click unmutes; the end is said", async () => {
  const { people, area } = startedPeople();
  const sent = [];
  const ui = element();
  const until = Date.now() + 86_400_000;
  const make = (onActivate, onMuteFor) => ({ ...ui.make(onActivate), muteFor: onMuteFor });
  const controller = createController({
    who: { userId: "10", screenName: "ten" }, ui: make, people, alwaysShowMessages: true, offerUndo() {},
    send: async (type, target) => {
      sent.push([type, target]);
      return { ok: true, signedIn: true, user: type === "mute" ? { muted: true, until, rev: 10 } : { muted: false, rev: 11 } };
    },
  });
  await settle();
  controller.ui.muteFor(86_400_000);
  await settle();
  assert.deepEqual(sent, [["mute", { userId: "10", screenName: "ten", forMs: 86_400_000 }]]);
  assert.deepEqual([ui.shown.at(-1).muted, ui.shown.at(-1).until], [true, until], "the button shows the end");
  controller.ui.muteFor(86_400_000);
  await settle();
  assert.equal(sent.length, 1, "no menu mute of a muted account");
  controller.ui.muteFor(0);
  await settle();
  assert.deepEqual(sent[1], ["mute", { userId: "10", screenName: "ten", forMs: 0 }], "keep muted, with no end");
  area.write({ "u:42:10": { muted: true, until, rev: 20 } });
  controller.activate();
  await settle();
  assert.deepEqual(sent[2], ["unmute", { userId: "10", screenName: "ten" }], "a click unmutes now");
  area.write({ "u:42:10": { muted: false, ended: { at: until + 3 * 3_600_000, due: until }, rev: 30 } });
  assert.match(ui.shown.at(-1).message, /^Unmuted at .+ \(due .+\): the browser was closed or X out of reach\.$/);
});

test("the default length of a mute (public settings) is in the view, for the tooltip", async () => {
  const people = createPeople({ storage: storage() });
  people.start({ area: "session", settings: { signedIn: true, acct: "42", muteFor: 604_800_000 } });
  const ui = element();
  createController({ who: { userId: "10", screenName: "ten" }, ui: ui.make, people, send: async () => assert.fail(), offerUndo() {} });
  await settle();
  assert.deepEqual(ui.shown.at(-1), { state: "idle", muted: false, muteFor: 604_800_000 });
});
