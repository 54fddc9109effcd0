// @ts-check
/**
 * The profile's Mute button: its element and its states (the words are shared/words.js);
 * profile.js decides when and where it lives.
 *
 * States: idle (showing the account's state), pending (a request is running: disabled, with a
 * spinner), done (the last action succeeded), queued (waits in XMute's queue: says why and
 * until when), error (failed: says what to do; a click tries again). A timed mute shows its end
 * ("Muted until Mon 14:05"); a click unmutes at once. Beside it, the menu of timed mutes
 * (mutemenu.js) while the account is not muted.
 */
import { speaksXMute, t } from "../shared/i18n.js";
import { actionTitle, muteForTitle, mutedUntilText, unmuteEarlyTitle } from "../shared/words.js";
import { createMuteMenu } from "./mutemenu.js";

/**
 * @typedef {"idle" | "pending" | "done" | "queued" | "error"} ButtonState
 * @typedef {{ state: ButtonState, muted: boolean, message?: string, until?: number, muteFor?: number }} ButtonView
 */
let instances = 0;

/**
 * @param {string} screenName  whose button it is (for the tooltip)
 * @param {() => void} onActivate  called for a trusted click or key press only
 * @param {(ms: number) => void} [onMuteFor]  a length chosen in the menu (trusted only); no menu without it
 */
export function create(screenName, onActivate, onMuteFor) {
  const root = document.createElement("div");
  root.className = "xmute";
  root.setAttribute("data-xmute-root", "");

  const button = document.createElement("button");
  button.type = "button";
  button.className = "xmute-button";
  button.setAttribute("data-testid", "xmute-button");
  const spinner = document.createElement("span");
  spinner.className = "xmute-spinner";
  spinner.setAttribute("aria-hidden", "true");
  const label = document.createElement("span");
  label.className = "xmute-label";
  button.append(spinner, label);
  speaksXMute(button);

  const status = document.createElement("span");
  status.className = "xmute-status";
  status.id = `xmute-status-${++instances}`;
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  status.setAttribute("data-testid", "xmute-status");
  speaksXMute(status);
  button.setAttribute("aria-describedby", status.id);
  const menu = onMuteFor ? createMuteMenu(screenName, onMuteFor) : null;
  root.append(button, ...(menu ? [menu.toggle, menu.menu] : []), status);

  button.addEventListener("click", (event) => {
    // Synthetic clicks (element.click(), dispatchEvent) are the page's, never the user's.
    if (!event.isTrusted || button.getAttribute("aria-disabled") === "true") return;
    onActivate();
  });

  return {
    root,
    /** @param {ButtonView} view */
    render(view) {
      const verb = view.muted ? t("buttonUnmute") : t("buttonMute");
      root.dataset.state = view.state;
      label.textContent = view.muted && view.until ? mutedUntilText(view.until) : verb;
      button.title = view.muted && view.until ? unmuteEarlyTitle(screenName, view.until)
        : !view.muted && view.muteFor ? muteForTitle(screenName, view.muteFor)
          : actionTitle(view.muted ? "unmute" : "mute", screenName);
      const idle = view.state !== "pending" && view.state !== "queued";
      menu?.setMode(!idle ? null : !view.muted ? "mute" : view.until ? "keep" : null);
      button.setAttribute("aria-pressed", String(view.muted));
      button.setAttribute("aria-disabled", String(view.state === "pending"));
      button.setAttribute("aria-busy", String(view.state === "pending"));
      status.textContent = view.message ?? "";
    },
    /** @param {string} theme */
    setTheme(theme) {
      if (root.dataset.theme !== theme) root.dataset.theme = theme;
    },
  };
}

/**
 * X's theme from the page background: light, dim (dark blue) or dark ("lights out").
 * @param {string} backgroundColor  a computed `rgb(...)` / `rgba(...)` value
 */
export function themeOf(backgroundColor) {
  const [r = 255, g = 255, b = 255, a = 1] = (backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
  if (a === 0) return "light";
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  if (luminance > 0.5) return "light";
  return b - r > 12 ? "dim" : "dark";
}
