// @ts-check
/**
 * XMute's content script, bundled into one classic script (content scripts cannot be ES
 * modules): the profile button, the buttons on other surfaces, and the keyboard shortcut's end
 * in the page. Everything runs in the extension's isolated world, out of the page's reach.
 */
import { startProfile } from "./profile.js";
import { listen } from "./shortcut.js";
import { startSurfaces } from "./surfaces.js";
import { advanceClock } from "./undo.js";

const profile = startProfile();
const surfaces = startSurfaces();
listen(profile, surfaces);

// The e2e suite moves the Undo toast's clock from this world (the page cannot reach it).
/** @type {any} */ (globalThis).XMute = Object.freeze({ undo: Object.freeze({ advanceClock }) });
