// @ts-check
/**
 * The which-account question: a click on x.com while x.com is signed in as an account XMute is
 * not (or the page shows none and XMute has several) asks, in a modal dialog, which of XMute's
 * accounts should act, or to send nothing. messages.js asks it when the background's reply says
 * to, and sends the click again as the account chosen.
 *
 * Accessible as the browser's own modal `<dialog>`: a heading names it, focus moves to the first
 * choice and stays inside, Escape cancels, and focus returns to where it was (the button).
 * Only trusted clicks count: the page cannot answer for the user.
 */
import { speaksXMute, t } from "../shared/i18n.js";

/**
 * @typedef {import("../shared/accounts.js").SignedIn} SignedIn
 * @typedef {{ action: "mute" | "unmute", screenName: string, pageAccount: string | null, accounts: SignedIn[] }} Question
 */

/** The question open now, to cancel when another comes. @type {(() => void) | null} */
let open = null;

/** How an account is named: @handle, or its id while the handle is unknown. @param {SignedIn} account */
function nameOf(account) {
  return account.screenName ? `@${account.screenName}` : t("userById", account.userId ?? account.acct);
}

/**
 * Asks which account should act; resolves to its id, or null when the user cancelled.
 * @param {Question} question
 * @returns {Promise<string | null>}
 */
export function askAccount({ action, screenName, pageAccount, accounts }) {
  open?.();
  const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const dialog = document.createElement("dialog");
  dialog.className = "xmute-ask";
  dialog.setAttribute("data-testid", "xmute-ask");
  speaksXMute(dialog);
  dialog.setAttribute("aria-labelledby", "xmute-ask-title");
  dialog.setAttribute("aria-describedby", "xmute-ask-why");
  const title = document.createElement("h2");
  title.id = "xmute-ask-title";
  title.textContent = t("accountAskTitle");
  const why = document.createElement("p");
  why.id = "xmute-ask-why";
  why.textContent = pageAccount ? t("accountAskOther", pageAccount) : t("accountAskUnknown");
  const what = document.createElement("p");
  what.textContent = t(action === "mute" ? "accountAskMute" : "accountAskUnmute", screenName);
  const choices = document.createElement("div");
  choices.className = "xmute-ask-choices";
  const kept = document.createElement("p");
  kept.className = "xmute-ask-note";
  kept.textContent = t("accountAskRemembered");
  dialog.append(title, why, what, choices, kept);

  return new Promise((resolve) => {
    /** @param {string | null} answer */
    const finish = (answer) => {
      if (open !== cancel) return;
      open = null;
      dialog.close();
      dialog.remove();
      returnTo?.focus();
      resolve(answer);
    };
    const cancel = () => finish(null);
    /**
     * @param {string} label
     * @param {string} testId
     * @param {string | null} answer
     */
    const choice = (label, testId, answer) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = label;
      button.setAttribute("data-testid", testId);
      button.addEventListener("click", (event) => {
        if (!event.isTrusted) return; // the page's synthetic clicks never answer for the user
        event.preventDefault();
        event.stopPropagation();
        finish(answer);
      });
      choices.append(button);
    };
    for (const account of accounts) {
      choice(t(action === "mute" ? "accountMuteAs" : "accountUnmuteAs", nameOf(account)), "xmute-ask-account", account.acct);
    }
    choice(t("accountAskCancel"), "xmute-ask-cancel", null);
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      cancel(); // Escape
    });
    open = cancel;
    document.body.append(dialog);
    dialog.showModal();
    /** @type {HTMLElement | null} */ (choices.querySelector("button"))?.focus();
  });
}
