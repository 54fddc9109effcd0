// The muted accounts manager, export and import (issue 15, items 2 and 3): the manager page
// lists what XMute knows to be muted in a virtualised grid (10,000 rows, few in the page),
// unmutes a selection after saying its cost (exactly those DELETEs reach X), exports CSV and
// JSON, imports a file after showing its plan, queues it as a batch paced by X's limit with
// progress and Cancel, and refuses bad files without changing anything.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  accountValue, advanceQueue, apiRequests, axeViolations, clearTesting, inOptionsPage, muteElsewhere, requestsRecorded, setTesting,
  signIn, waitForText,
} from "./drive.mjs";
import { waitFor } from "./harness.mjs";
import { BOB, CAROL, DAVE } from "./people.mjs";

const DELETE_MUTE = /^\/2\/users\/\d+\/muting\/\d+$/;
const POST_MUTE = /^\/2\/users\/\d+\/muting$/;

/**
 * Signs in as `world` and checks that the stored keys are the world's (the options page fills
 * its form from storage before the keys are typed: drive.mjs waits for it).
 */
async function signInAs(env, world, browser = env.browser) {
  await signIn(browser, world);
  const { credentials } = await inOptionsPage(browser, () => chrome.storage.local.get("credentials"));
  assert.equal(credentials?.token, world.token, "the world's keys are the ones saved");
}

/** Opens the manager page (an extension page beside options.html). */
async function openManager(env, browser = env.browser) {
  const page = await browser.newPage();
  await page.goto(browser.optionsUrl.replace(/options\.html$/, "manager.html"));
  return page;
}

/** Reads the muted accounts from X on the options page, as a user does (the priced read). */
async function readList(env, count) {
  const options = await env.browser.newPage();
  try {
    await options.goto(env.browser.optionsUrl);
    await options.click("#refresh-mutes");
    await waitForText(options, "#mute-list", new RegExp(`^${count} muted accounts? read from X `));
  } finally {
    await options.close();
  }
}

/** Chooses a file in the import field, as the file picker would. */
function chooseFile(page, name, text, bytes = 0) {
  return page.evaluate(([fileName, content, size]) => {
    const data = size ? new Uint8Array(size).fill(0x41) : content;
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], fileName, { type: "text/plain" }));
    const input = /** @type {HTMLInputElement} */ (document.getElementById("import-file"));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, [name, text, bytes]);
}

/** Clicks an export button and returns the file it offers: `{ name, text }`. */
async function exported(page, button) {
  await page.evaluate(() => {
    window.__downloads = [];
    HTMLAnchorElement.prototype.click = function capture() {
      window.__downloads.push(fetch(this.href).then((r) => r.text()).then((text) => ({ name: this.download, text })));
    };
  });
  await page.click(button);
  await waitFor(() => page.evaluate(() => window.__downloads.length === 1), { what: "a file offered" });
  return page.evaluate(() => window.__downloads[0]);
}

/** The number of account rows the grid has in the page. */
const rowsInPage = (page) => page.evaluate(() => document.querySelectorAll('#viewport [role="row"]').length);

/** The signed-in account's queue items, as stored. */
const queuedKeys = (env) => inOptionsPage(env.browser, async () => {
  const all = await chrome.storage.local.get(null);
  return Object.keys(all).filter((key) => key.startsWith("q:"));
});

export const managerScenarios = [
  {
    name: "manager: 10,000 muted accounts: the grid puts only the rows in view in the page while it scrolls, searches and selects",
    async run(env) {
      const world = await env.newWorld();
      await signInAs(env, world);
      // 10,000 mute records as a read of the list from X leaves them, with a handle for each.
      await inOptionsPage(env.browser, async (acct) => {
        const seed = {};
        for (let i = 0; i < 10_000; i += 1) {
          const id = String(7_000_000_000 + i);
          seed[`m:${acct}:${id}`] = { muted: true, at: 1_700_000_000_000 + i * 1000, via: "2" };
          seed[`l:${id}`] = [`@mgr_${String(i).padStart(5, "0")}`];
        }
        await chrome.storage.local.set(seed);
      }, world.userId);
      const page = await openManager(env);
      try {
        await waitForText(page, "#shown", /^Showing 10,000 of 10,000 accounts\.$/, 20_000);
        assert.equal(await page.getAttribute("#grid", "aria-rowcount"), "10001");
        const first = await rowsInPage(page);
        assert.ok(first > 0 && first < 40, `only the rows in view are in the page (${first})`);

        await page.evaluate(() => { const v = document.getElementById("viewport"); v.scrollTop = v.scrollHeight; });
        await waitFor(() => page.evaluate(() => document.querySelector('#viewport [aria-rowindex="10001"]') !== null),
          { what: "the last row drawn after scrolling to the end" });
        assert.ok(await rowsInPage(page) < 40, "still only the rows in view");

        await page.fill("#search", "mgr_09998");
        await waitForText(page, "#shown", /^Showing 1 of 10,000 accounts\.$/);
        assert.match(await page.textContent('#viewport [aria-rowindex="2"]'), /@mgr_09998/);

        // Keyboard: the grid takes the focus, Space selects the active row.
        await page.fill("#search", "mgr_0000");
        await waitForText(page, "#shown", /^Showing 10 of 10,000 accounts\.$/);
        await page.focus("#grid");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("Space");
        assert.equal(await page.getAttribute('#viewport [aria-rowindex="3"]', "aria-selected"), "true");
        await waitForText(page, "#unmute-selected", /^Unmute 1 account — about \$0\.005$/);
        assert.deepEqual(await apiRequests(env.fake, world, "DELETE", DELETE_MUTE), [], "selecting sends nothing");
      } finally {
        await page.close();
        await inOptionsPage(env.browser, async (acct) => {
          const all = await chrome.storage.local.get(null);
          await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith(`m:${acct}:`) || /^l:7\d{9}$/.test(k)));
        }, world.userId);
      }
    },
  },
  {
    name: "manager: unmuting 2 selected says the cost first, then exactly two DELETEs reach X; export CSV and JSON",
    async run(env) {
      const world = await env.newWorld();
      await signInAs(env, world);
      await muteElsewhere(env.fake, world, [BOB, CAROL, DAVE]);
      await readList(env, 3);
      const page = await openManager(env);
      try {
        await waitForText(page, "#shown", /^Showing 3 of 3 accounts\.$/);
        assert.deepEqual(await axeViolations(page), [], "the manager page passes axe");
        await page.click(`[data-key="${BOB.id}"] input[type="checkbox"]`);
        await page.click(`[data-key="${CAROL.id}"] input[type="checkbox"]`);
        await waitForText(page, "#unmute-selected", /^Unmute 2 accounts — about \$0\.01$/);
        await page.click("#unmute-selected");
        await waitForText(page, "#confirm-text", /^Unmute 2 accounts\? X charges about \$0\.01\. X allows 50 unmutes per 15 minutes: this takes at least 15 minutes\./);
        assert.deepEqual(await apiRequests(env.fake, world, "DELETE", DELETE_MUTE), [], "nothing sent before the confirmation");
        await page.click("#confirm-unmute");
        await waitForText(page, "#manager-status", /^Queued: 2\. Skipped/);
        await waitForText(page, "#shown", /^Showing 1 of 1 accounts\.$/, 15_000);
        const deletes = await apiRequests(env.fake, world, "DELETE", DELETE_MUTE);
        assert.deepEqual(deletes.map((r) => r.path.split("/").pop()).sort(), [BOB.id, CAROL.id]);
        assert.equal((await accountValue(env.browser, "m", BOB.id))?.muted, false);
        await waitForText(page, "#batches", /^Unmuting finished: 2 done, 0 failed, 0 cancelled\./);

        const csv = await exported(page, "#export-csv");
        assert.match(csv.name, /^xmute-muted-\d{4}-\d{2}-\d{2}\.csv$/);
        const lines = csv.text.split("\r\n");
        assert.equal(lines[0], "id,handle,name,muted_at,until");
        assert.match(lines[1], new RegExp(`^${DAVE.id},[a-z0-9_]*,,\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z,$`));
        assert.equal(lines.length, 3, "one account, and the final line end");
        const json = JSON.parse((await exported(page, "#export-json")).text);
        assert.equal(json.format, "xmute-mutes");
        assert.deepEqual(json.accounts.map((a) => [a.id, a.until]), [[DAVE.id, null]]);
        await waitForText(page, "#export-status", /^Exported 1 muted account\.$/);

        // XMute's own file reads back: every account in it is muted already.
        await chooseFile(page, csv.name, csv.text);
        await waitForText(page, "#import-summary", /\(XMute CSV\)\. To mute: 0\. Already muted: 1\. Repeated: 0\. Lines that name no account: 0\.$/);
        assert.equal(await page.textContent("#import-cost"), "Nothing to mute: every account in the file is muted already.");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "import: a list with new, repeated and bad lines shows the plan, queues it paced by X's limit, shows progress, and Cancel stops the rest",
    async run(env) {
      const world = await env.newWorld();
      await signInAs(env, world);
      await muteElsewhere(env.fake, world, [{ id: "2000000114" }]);
      await readList(env, 1);
      await setTesting(env.browser, { windowLimit: 2 });
      const page = await openManager(env);
      try {
        await waitForText(page, "#shown", /^Showing 1 of 1 accounts\.$/);
        await chooseFile(page, "list.txt", "2000000111\n2000000112\n2000000111\n1234567890123456789012345\n2000000113\n2000000114\n2000000115\n");
        await waitForText(page, "#import-summary",
          /^list\.txt \(list of handles or ids\)\. To mute: 4\. Already muted: 1\. Repeated: 1\. Lines that name no account: 1\.$/);
        assert.equal(await page.textContent("#import-bad"), "Skipped lines: 4.");
        assert.match(await page.textContent("#import-cost"), /^X charges about \$0\.04 at most\. X allows 50 mutes per 15 minutes: this takes at least 15 minutes\.$/);
        assert.equal(await page.textContent("#import-start"), "Mute 4 accounts — about $0.04");
        assert.deepEqual(await apiRequests(env.fake, world, "POST", POST_MUTE), [], "nothing sent before the click");

        await page.click("#import-start");
        await waitForText(page, "#import-status", /^Queued: 4\. Skipped \(already in that state or already queued\): 0\.$/);
        await requestsRecorded(env.fake, world, "POST", POST_MUTE, 2);
        await waitForText(page, "#batches", /^Muting: 2 of 4 done, 0 failed, 2 waiting\./, 15_000);
        await page.click(".batch-cancel");
        await waitForText(page, "#batch-status", /^Cancelled 2 waiting actions; nothing more of this batch is sent\.$/);
        await waitForText(page, "#batches", /^Muting finished: 2 done, 0 failed, 2 cancelled\./);
        assert.deepEqual(await queuedKeys(env), [], "nothing left in the queue");
        await advanceQueue(env.browser, 20 * 60 * 1000);
        assert.equal((await apiRequests(env.fake, world, "POST", POST_MUTE)).length, 2, "nothing sent after Cancel");
      } finally {
        await page.close();
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "import: an exported timed mute comes back timed: the plan says so (and leaves out one that ended); XMute unmutes it by itself at its end",
    async run(env) {
      const world = await env.newWorld();
      await signInAs(env, world);
      const page = await openManager(env);
      const day = 24 * 60 * 60 * 1000;
      const iso = (ms) => new Date(ms).toISOString();
      const now = Date.now();
      try {
        await waitForText(page, "#shown", /^Showing 0 of 0 accounts\.$/);
        const csv = ["id,handle,name,muted_at,until", `2000000121,,,${iso(now - day)},${iso(now + 2 * day)}`,
          `2000000122,,,${iso(now - 3 * day)},${iso(now - day)}`, `2000000123,,,${iso(now - day)},`].join("\r\n");
        await chooseFile(page, "xmute-mutes.csv", csv);
        await waitForText(page, "#import-summary", /^xmute-mutes\.csv \(.+\)\. To mute: 2\. /);
        assert.match(await page.textContent("#import-cost"),
          /^X charges about \$0\.03 at most\. .* One of them is a timed mute: .* One timed mute in the file has already ended: it is left out\.$/);
        await page.click("#import-start");
        const mutes = await requestsRecorded(env.fake, world, "POST", POST_MUTE, 2);
        assert.deepEqual(mutes.map((r) => JSON.parse(r.body).target_user_id).sort(), ["2000000121", "2000000123"]);
        assert.deepEqual(await apiRequests(env.fake, world, "DELETE", /^\/2\/users\/\d+\/muting\/\d+$/), [], "nothing unmuted before its end");
        await advanceQueue(env.browser, 2 * day + 60_000);
        const [unmute] = await requestsRecorded(env.fake, world, "DELETE", /^\/2\/users\/\d+\/muting\/\d+$/, 1);
        assert.match(unmute.path, /\/muting\/2000000121$/, "the timed one, at its end");
        assert.equal((await apiRequests(env.fake, world, "DELETE", /^\/2\/users\/\d+\/muting\/\d+$/)).length, 1);
      } finally {
        await page.close();
        await clearTesting(env.browser);
      }
    },
  },
  {
    name: "import: a browser closed halfway through an import goes on where it stopped after a restart",
    async run(env) {
      const world = await env.newWorld();
      const profileDir = await mkdtemp(path.join(tmpdir(), "xmute-import-restart-"));
      let browser = null;
      const ids = ["2000000121", "2000000122", "2000000123", "2000000124", "2000000125"];
      try {
        browser = await env.launch({ profileDir });
        await signInAs(env, world, browser);
        await setTesting(browser, { windowLimit: 2 });
        const page = await openManager(env, browser);
        await waitForText(page, "#shown", /^Showing 0 of 0 accounts\.$/);
        await chooseFile(page, "five.txt", `${ids.join("\n")}\n`);
        await waitForText(page, "#import-start", /^Mute 5 accounts — about \$0\.05$/);
        await page.click("#import-start");
        await requestsRecorded(env.fake, world, "POST", POST_MUTE, 2);
        await waitForText(page, "#batches", /^Muting: 2 of 5 done, 0 failed, 3 waiting\./);
        await browser.close();
        browser = null;

        browser = await env.launch({ profileDir });
        await advanceQueue(browser, 16 * 60 * 1000);
        await requestsRecorded(env.fake, world, "POST", POST_MUTE, 4, 15_000);
        await advanceQueue(browser, 16 * 60 * 1000);
        await requestsRecorded(env.fake, world, "POST", POST_MUTE, 5, 15_000);
        const again = await openManager(env, browser);
        await waitForText(again, "#batches", /^Muting finished: 5 done, 0 failed, 0 cancelled\./, 15_000);
        const posts = await apiRequests(env.fake, world, "POST", POST_MUTE);
        assert.deepEqual(posts.map((r) => JSON.parse(r.body).target_user_id).sort(), ids, "each account muted once");
        assert.deepEqual([...(await env.fake.state(world.consumerKey)).muting[world.userId]].sort(), ids);
      } finally {
        await browser?.close();
        await rm(profileDir, { recursive: true, force: true });
      }
    },
  },
  {
    name: "import: bad files (formulas, wrong format, 25-digit ids, 10 MB of junk, binary) get a clear message and change nothing",
    async run(env) {
      const world = await env.newWorld();
      await signInAs(env, world);
      const page = await openManager(env);
      try {
        await waitForText(page, "#shown", /^Showing 0 of 0 accounts\.$/);
        const cases = [
          ["formula.csv", "id,handle,name,muted_at,until\n1000000021,ann,Ann,,\n1000000022,bea,=HYPERLINK(\"http://x\"),,\n", 0,
            /^Line 3 holds a spreadsheet formula: XMute does not import files with formulas\. Nothing was changed\.$/],
          ["other.json", "{\"users\": [1, 2]}", 0, /^XMute does not know this file's format: .* Nothing was changed\.$/],
          ["letter.txt", "Dear friend, hello.\nThis is not a list.\n", 0, /^XMute does not know this file's format: /],
          ["long-ids.txt", "1234567890123456789012345\n9999999999999999999999999\n", 0, /^This file names no account XMute can mute .* Nothing was changed\.$/],
          ["junk.bin", "", 10 * 1024 * 1024, /^This file is larger than 1 MB: .* Nothing was changed\.$/],
          ["binary.dat", "PK\u0000\u0003junk", 0, /^This is not a text file\. Nothing was changed\.$/],
        ];
        for (const [name, text, bytes, message] of cases) {
          await chooseFile(page, name, text, bytes);
          await waitForText(page, "#import-error", message);
          assert.equal(await page.evaluate(() => document.getElementById("import-plan").hidden), true, `${name}: no plan`);
        }
        assert.deepEqual(await queuedKeys(env), [], "nothing queued");
        assert.deepEqual(await env.fake.requests(world.consumerKey), [], "nothing sent to X");
      } finally {
        await page.close();
      }
    },
  },
];
