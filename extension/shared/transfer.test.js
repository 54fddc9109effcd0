import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CSV_HEADER, ImportRefused, MAX_BYTES, csvCell, csvRows, isUserId, minimumTime, parseAccount, parseImport, planImport,
  toCsv, toJson, unmuteCost,
} from "./transfer.js";

const AT = Date.UTC(2026, 11, 7, 18, 0, 0);
const ACCOUNTS = [
  { key: "1000000001", id: "1000000001", handle: "alice", name: "Alice, \"A\"", mutedAt: AT },
  { key: "1000000002", id: "1000000002", handle: "bob", name: "=HYPERLINK(\"http://evil\")", mutedAt: AT, until: AT + 3_600_000 },
  { key: "@carol", handle: "carol", mutedAt: AT },
];

/** @param {() => unknown} fn @param {string} code */
function refused(fn, code) {
  assert.throws(fn, (error) => error instanceof ImportRefused && error.code === code);
}

test("ids: 1 to 19 digits, below 2^63", () => {
  assert.ok(isUserId("1"));
  assert.ok(isUserId("9223372036854775807"));
  assert.ok(!isUserId("9223372036854775808"));
  assert.ok(!isUserId("1234567890123456789012345"));
  assert.ok(!isUserId("0"));
  assert.ok(!isUserId("12a"));
});

test("a line names an id, a handle or a profile link", () => {
  assert.deepEqual(parseAccount("  @Alice_1 "), { screenName: "Alice_1" });
  assert.deepEqual(parseAccount("alice"), { screenName: "alice" });
  assert.deepEqual(parseAccount("783214"), { userId: "783214" });
  assert.deepEqual(parseAccount("https://x.com/jack?lang=en"), { screenName: "jack" });
  assert.deepEqual(parseAccount("https://twitter.com/12"), { userId: "12" });
  assert.deepEqual(parseAccount("1234567890123456789012345"), { bad: "id" });
  assert.deepEqual(parseAccount("@sixteen_letters_"), { bad: "handle" });
  assert.deepEqual(parseAccount("hello world"), { bad: "unknown" });
});

test("CSV export: the header, quoting, formulas neutralised, ISO times", () => {
  const csv = toCsv(ACCOUNTS);
  const lines = csv.split("\r\n");
  assert.equal(lines[0], CSV_HEADER);
  assert.equal(lines[1], '1000000001,alice,"Alice, ""A""",2026-12-07T18:00:00.000Z,');
  assert.equal(lines[2], `1000000002,bob,"'=HYPERLINK(""http://evil"")",2026-12-07T18:00:00.000Z,2026-12-07T19:00:00.000Z`);
  assert.equal(lines[3], ",carol,,2026-12-07T18:00:00.000Z,");
  assert.equal(csvCell("+1"), "'+1");
  assert.equal(csvCell("-x"), "'-x");
  assert.equal(csvCell("@x"), "'@x");
  assert.equal(csvCell("\tx"), "'\tx");
});

test("CSV export reads back as the same accounts (round trip)", () => {
  const parsed = parseImport(toCsv(ACCOUNTS));
  assert.equal(parsed.format, "xmute-csv");
  assert.deepEqual(parsed.entries.map(({ userId, screenName }) => ({ userId, screenName })), [
    { userId: "1000000001", screenName: "alice" },
    { userId: "1000000002", screenName: "bob" },
    { userId: undefined, screenName: "carol" },
  ]);
  assert.deepEqual(parsed.bad, []);
});

test("JSON export: every field, null when unknown; reads back", () => {
  const json = JSON.parse(toJson(ACCOUNTS, AT));
  assert.equal(json.format, "xmute-mutes");
  assert.equal(json.version, 1);
  assert.equal(json.exportedAt, "2026-12-07T18:00:00.000Z");
  assert.deepEqual(json.accounts[1], {
    id: "1000000002", handle: "bob", name: "=HYPERLINK(\"http://evil\")", mutedAt: "2026-12-07T18:00:00.000Z", until: "2026-12-07T19:00:00.000Z",
  });
  assert.deepEqual(json.accounts[2], { id: null, handle: "carol", name: null, mutedAt: "2026-12-07T18:00:00.000Z", until: null });
  const parsed = parseImport(toJson(ACCOUNTS, AT));
  assert.equal(parsed.format, "xmute-json");
  assert.equal(parsed.entries.length, 3);
});

test("X's archive mute.js", () => {
  const text = 'window.YTD.mute.part0 = [\n  {\n    "muting" : {\n      "accountId" : "1000000001",\n      "userLink" : "https://twitter.com/intent/user?user_id=1000000001"\n    }\n  },\n'
    + '  { "muting" : { "accountId" : "1000000002" } },\n  { "muting" : { "accountId" : "1000000001" } },\n  { "muting" : { "accountId" : "12345678901234567890123" } }\n]';
  const parsed = parseImport(text);
  assert.equal(parsed.format, "archive");
  assert.deepEqual(parsed.entries.map((e) => e.userId), ["1000000001", "1000000002"]);
  assert.equal(parsed.duplicates, 1);
  assert.deepEqual(parsed.bad, [{ line: 4, reason: "id" }]);
  refused(() => parseImport("window.YTD.mute.part0 = [ {"), "wrongFormat");
});

test("a plain list: handles, ids, links; bad lines by number; repeats counted once", () => {
  const parsed = parseImport("@alice\r\nbob\n# a comment\n\n1000000003\nALICE\n1234567890123456789012345\nhttps://x.com/dave\n@way_too_long_handle\n");
  assert.equal(parsed.format, "list");
  assert.deepEqual(parsed.entries, [
    { line: 1, screenName: "alice" }, { line: 2, screenName: "bob" }, { line: 5, userId: "1000000003" }, { line: 8, screenName: "dave" },
  ]);
  assert.equal(parsed.duplicates, 1);
  assert.deepEqual(parsed.bad, [{ line: 7, reason: "id" }, { line: 9, reason: "handle" }]);
});

test("bad files are refused whole", () => {
  refused(() => parseImport("x".repeat(10), 10 * 1024 * 1024), "tooLarge");
  refused(() => parseImport("a".repeat(MAX_BYTES + 1)), "tooLarge");
  refused(() => parseImport("abc\u0000def"), "notText");
  refused(() => parseImport("\uFFFD\uFFFD PNG"), "notText");
  refused(() => parseImport(""), "empty");
  refused(() => parseImport("  \n\n"), "empty");
  refused(() => parseImport('{"hello": 1}'), "wrongFormat");
  refused(() => parseImport("[1, 2, 3]"), "wrongFormat");
  refused(() => parseImport("{ not json"), "wrongFormat");
  refused(() => parseImport("name,email\nAlice,a@example.com\n"), "wrongFormat");
  refused(() => parseImport("Dear friend, this is a letter.\nIt is not a list.\n"), "wrongFormat");
  refused(() => parseImport("1234567890123456789012345\n99999999999999999999\n"), "empty");
  refused(() => parseImport(Array.from({ length: 10_002 }, (_, i) => `user${i}`).join("\n")), "tooMany");
});

test("a CSV with a formula is refused, with its line", () => {
  const csv = `${CSV_HEADER}\n1000000001,alice,Alice,,\n1000000002,bob,=cmd|' /C calc'!A0,,\n`;
  assert.throws(() => parseImport(csv), (error) => error instanceof ImportRefused && error.code === "formula" && error.line === 3);
  refused(() => parseImport(`${CSV_HEADER}\n@SUM(1),alice,,,\n`), "formula");
  refused(() => parseImport(`${CSV_HEADER}\n+1000000001,alice,,,\n`), "formula");
});

test("CSV rows: quoted cells with commas, quotes and line breaks", () => {
  assert.deepEqual(csvRows('a,"b,c","d""e"\r\n"x\ny",z\n'), [
    { line: 1, cells: ["a", "b,c", 'd"e'] },
    { line: 2, cells: ["x\ny", "z"] },
  ]);
});

test("the plan: new mutes, already muted, lookups, cost and time", () => {
  const parsed = parseImport("@alice\n@carol\n1000000002\n1000000009\n@erin\n@frank\n1234567890123456789012345\n1000000009\n");
  const plan = planImport(parsed, ACCOUNTS, { "@erin": "1000000005" });
  assert.deepEqual(plan.toMute, [
    { line: 4, userId: "1000000009" }, { line: 5, screenName: "erin", userId: "1000000005" }, { line: 6, screenName: "frank" },
  ]);
  assert.equal(plan.alreadyMuted, 3);
  assert.equal(plan.duplicates, 1);
  assert.equal(plan.bad.length, 1);
  assert.equal(plan.lookups, 1);
  assert.equal(plan.cost, 3 * 10_000 + 10_000);
  assert.equal(plan.minMs, 15 * 60 * 1000);
});

test("the plan: a handle and the id it belongs to count once, muted or not", () => {
  const parsed = parseImport("@alice\n1000000001\n@erin\n1000000005\n");
  const plan = planImport(parsed, ACCOUNTS, { "@erin": "1000000005" });
  assert.equal(plan.alreadyMuted, 1);
  assert.equal(plan.duplicates, 2);
  assert.deepEqual(plan.toMute, [{ line: 3, screenName: "erin", userId: "1000000005" }]);
});

test("the time X's limit needs: 1,000 mutes take at least five hours", () => {
  assert.equal(minimumTime(1000), 5 * 60 * 60 * 1000);
  assert.equal(minimumTime(50), 15 * 60 * 1000);
  assert.equal(minimumTime(51), 30 * 60 * 1000);
  assert.equal(minimumTime(0), 0);
});

test("unmuting costs an unmute each, and a lookup for a handle alone", () => {
  assert.equal(unmuteCost(ACCOUNTS), 3 * 5_000 + 10_000);
});

test("timed mutes round-trip: the file's end comes back; the plan counts their unmutes and leaves out the ended", () => {
  for (const text of [toCsv(ACCOUNTS), toJson(ACCOUNTS, AT)]) {
    const parsed = parseImport(text);
    assert.deepEqual(parsed.entries.map((e) => e.until), [undefined, AT + 3_600_000, undefined], parsed.format);
    const before = planImport(parsed, [], {}, AT);
    assert.deepEqual([before.toMute.length, before.timed, before.ended], [3, 1, 0]);
    assert.equal(before.toMute[1].until, AT + 3_600_000);
    // Three mutes, one lookup (carol), and bob's unmute at his end.
    assert.equal(before.cost, 3 * 10_000 + 10_000 + 5_000);
    const after = planImport(parsed, [], {}, AT + 3_600_000);
    assert.deepEqual([after.toMute.length, after.timed, after.ended], [2, 0, 1], "bob's mute has ended: left out");
  }
  // An end that is not an exported time is a bad line, not a mute with no end.
  const csv = `${CSV_HEADER}\r\n1000000009,dave,,2026-12-07T18:00:00.000Z,tomorrow\r\n1000000010,erin,,,\r\n`;
  const parsed = parseImport(csv);
  assert.deepEqual(parsed.bad, [{ line: 2, reason: "until" }]);
  assert.deepEqual(parsed.entries.map((e) => e.userId), ["1000000010"]);
  assert.deepEqual(parseImport(JSON.stringify({ format: "xmute-mutes", version: 1, accounts: [{ id: "5", until: 5 }, { id: "6", until: null }] })).bad,
    [{ line: 1, reason: "until" }]);
});
