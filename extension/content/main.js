// @ts-check
/**
 * XMute's content script, bundled into one classic script (content scripts cannot be ES
 * modules): the profile button, the buttons on other surfaces, and the keyboard shortcut's end
 * in the page. Everything runs in the extension's isolated world, out of the page's reach.
 */
import { createIdentities } from "./identities.js";
import { send } from "./messages.js";
import { createPeople } from "./people.js";
import { startProfile } from "./profile.js";
import { pageAccount } from "./selectors.js";
import { listen } from "./shortcut.js";
import { startSurfaces } from "./surfaces.js";
import { advanceClock } from "./undo.js";

const people = createPeople({ storage: chrome.storage, pageAccount: () => pageAccount(document) });
const identities = createIdentities({ people, send });
const profile = startProfile({ people, send, identities });
const surfaces = startSurfaces({ people, send, identities });
listen(profile, surfaces);

// Where the public state is and who is signed in; then the surfaces' first scan.
send("view").then((reply) => {
  if (reply.ok) people.start({ area: reply.area, settings: reply.settings });
  surfaces.scanAll();
});

// The e2e suite moves the Undo toast's clock from this world (the page cannot reach it).
/** @type {any} */ (globalThis).XMute = Object.freeze({ undo: Object.freeze({ advanceClock }) });
