// @ts-check
/**
 * XMute's options page, bundled into options.js: the sign-in form, the muted accounts and
 * display settings, and the queue and history. Each module fills its own section.
 */
import "./i18n.js";
import "./form.js";
import "./accounts.js";
import "./costs.js";
import "./mutes.js";
import "./queue.js";
import "./timed.js";
import "./health.js";
