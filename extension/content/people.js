// @ts-check
/**
 * What this tab knows about the people it shows: the public settings (signed in, the account,
 * display switches) and each person's state as buttons show it, read from the public area the
 * background writes (shared/keys.js) only for the people on screen, and followed through
 * `storage.onChanged`. One store per tab, shared by every button.
 *
 * Each state carries the background's change count (`rev`): a reply to a click and a storage
 * change may arrive in either order, and the newer one wins.
 *
 * With several XMute accounts, the tab shows the state of the one x.com is signed in as here
 * (shared/accounts.js), looked up again with each read: X's account switcher reloads the page.
 */
import { shownAccount } from "../shared/accounts.js";
import { PUBLIC_SETTINGS, keys } from "../shared/keys.js";

/**
 * @typedef {import("../background/store.js").UserView} UserView
 * @typedef {import("../background/store.js").PublicSettings} PublicSettings
 * @typedef {{ area: "session" | "local", settings: PublicSettings }} Hello  the background's `view` reply
 * @typedef {(key: string) => void} Listener
 */

/** The state of someone the public area says nothing about. */
export const NOT_MUTED = Object.freeze({ muted: false, rev: -1 });

/**
 * @param {{ storage: typeof chrome.storage, schedule?: (run: () => void) => void,
 *           pageAccount?: () => string | null }} platform  `schedule` batches reads (a
 *   microtask by default); `pageAccount` is the screen name x.com is signed in as in the tab
 */
export function createPeople({ storage, schedule = queueMicrotask, pageAccount = () => null }) {
  /** @type {PublicSettings} */
  let settings = { signedIn: false };
  /** @type {"session" | "local" | null} */
  let area = null;
  /** @type {Map<string, UserView>} */
  const known = new Map();
  /** Keys asked for and not yet read. @type {Set<string>} */
  const wanted = new Set();
  let reading = false;
  /** @type {Map<string, Set<Listener>>} */
  const listeners = new Map();
  /** @type {Set<() => void>} */
  const settingsListeners = new Set();

  /** The account whose state this tab shows. @type {string | undefined} */
  let acct;
  /** @param {string} person */
  const storageKey = (person) => keys.view(/** @type {string} */ (acct), person);

  /**
   * Settles which account's state the tab shows; when that changed, what was read is read again.
   * @returns {boolean} whether it changed
   */
  function followAccount() {
    const next = settings.accounts?.length ? shownAccount(settings.accounts, pageAccount()) ?? undefined : settings.acct;
    if (next === acct) return false;
    acct = next;
    for (const key of known.keys()) wanted.add(key);
    known.clear();
    return true;
  }

  /** @param {string} key */
  function notify(key) {
    for (const listener of listeners.get(key) ?? []) listener(key);
  }

  /**
   * Takes a state for `key` if it is newer than what is known.
   * @param {string} key
   * @param {UserView | undefined} user
   */
  function take(key, user) {
    if (!user) return false;
    const current = known.get(key);
    if (current && current.rev > user.rev) return false;
    known.set(key, user);
    notify(key);
    return true;
  }

  async function readWanted() {
    reading = false;
    followAccount();
    if (!area || !acct || wanted.size === 0) return;
    const batch = [...wanted];
    wanted.clear();
    const readFor = acct;
    /** @type {Record<string, any>} */
    const values = await storage[area].get(batch.map(storageKey)).catch(() => ({}));
    if (acct !== readFor) {
      // The account changed while this read was out: its answers are another account's.
      for (const key of batch) if (!known.has(key)) wanted.add(key);
      readWanted();
      return;
    }
    for (const key of batch) {
      if (!take(key, values[storageKey(key)]) && !known.has(key)) {
        known.set(key, NOT_MUTED);
        notify(key);
      }
    }
  }

  /**
   * @param {Record<string, chrome.storage.StorageChange>} changes
   * @param {string} changedArea
   */
  function onChanged(changes, changedArea) {
    if (changedArea !== area) return;
    if (changes[PUBLIC_SETTINGS]?.newValue) {
      settings = /** @type {PublicSettings} */ (changes[PUBLIC_SETTINGS].newValue);
      if (followAccount()) readWanted();
      for (const listener of settingsListeners) listener();
    }
    if (!acct) return;
    const prefix = keys.view(acct, "");
    for (const [changedKey, change] of Object.entries(changes)) {
      if (!changedKey.startsWith(prefix)) continue;
      const key = changedKey.slice(prefix.length);
      if (known.has(key) || listeners.has(key)) take(key, /** @type {UserView | undefined} */ (change.newValue));
    }
  }

  return {
    /**
     * Starts from the background's hello: where the public state is, and the settings.
     * @param {Hello} hello
     */
    start(hello) {
      area = hello.area;
      settings = hello.settings;
      followAccount();
      storage.onChanged.addListener(onChanged);
      readWanted();
    },
    get settings() {
      return settings;
    },
    /** @param {string} key @returns {UserView} */
    get(key) {
      return known.get(key) ?? NOT_MUTED;
    },
    /** Whether the state of `key` has been read. @param {string} key */
    has(key) {
      return known.has(key);
    },
    /**
     * Asks for the state of `keyList` (read together, soon); listeners hear when it comes.
     * @param {string[]} keyList
     */
    want(keyList) {
      for (const key of keyList) if (!known.has(key)) wanted.add(key);
      if (wanted.size && !reading) {
        reading = true;
        schedule(readWanted);
      }
    },
    /**
     * A reply's state (the answer to a click), if newer than the storage's.
     * @param {string} key
     * @param {UserView} user
     */
    reply(key, user) {
      take(key, user);
    },
    /**
     * Calls `listener` whenever the state of `key` changes; returns the way to stop.
     * @param {string} key
     * @param {Listener} listener
     */
    subscribe(key, listener) {
      if (!listeners.has(key)) listeners.set(key, new Set());
      /** @type {Set<Listener>} */ (listeners.get(key)).add(listener);
      return () => {
        listeners.get(key)?.delete(listener);
        if (listeners.get(key)?.size === 0) listeners.delete(key);
      };
    },
    /** Calls `listener` when the public settings change. @param {() => void} listener */
    onSettings(listener) {
      settingsListeners.add(listener);
    },
  };
}

/** @typedef {ReturnType<typeof createPeople>} People */
