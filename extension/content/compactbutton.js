// @ts-check
/**
 * The small Mute buttons for hover cards, user cells and tweets: their element, states and
 * accessible names. surfaces.js decides when and where they live.
 *
 * Two variants: `pill` (the word Mute/Unmute, for hover cards) and `icon` (a speaker glyph, for
 * cells and tweets). Both are real <button>s named "Mute @name" / "Unmute @name", with
 * `aria-pressed` for the muted state and a live region for messages.
 */
import { speaksXMute, t } from "../shared/i18n.js";
import { actionTitle, muteForTitle, unmuteEarlyTitle } from "../shared/words.js";

/**
 * @typedef {"idle" | "pending" | "done" | "queued" | "error"} ButtonState
 * @typedef {{ state: ButtonState, muted: boolean, message?: string, hint?: string, until?: number, muteFor?: number }} CompactView
 *   `message` is shown and announced (the button the user pressed); `hint` only in the tooltip
 */

const SVG = "http://www.w3.org/2000/svg";
/** A speaker with a cross, as one path: filling it fills the speaker (the cross has no area). */
const ICON_PATH = "M3 9h4l5-4v14l-5-4H3zM16 9l5 6M21 9l-5 6";
let instances = 0;

/** @type {Record<string, HTMLElement>} */
const templates = {};

/**
 * The element tree of a variant, built once and cloned for each button (one native call).
 * @param {"pill" | "icon"} variant
 */
function template(variant) {
  if (templates[variant]) return templates[variant];
  const root = document.createElement("span");
  root.className = "xmute-compact";
  root.dataset.variant = variant;
  root.dataset.state = "idle";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "xmute-compact-button";
  button.setAttribute("data-testid", "xmute-surface-button");
  for (const name of ["aria-pressed", "aria-disabled", "aria-busy"]) button.setAttribute(name, "false");
  speaksXMute(button);
  if (variant === "icon") {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "xmute-compact-icon");
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICON_PATH);
    svg.append(path);
    button.append(svg);
  }
  root.append(button);
  templates[variant] = root;
  return root;
}

/**
 * A button; as few elements as possible, since a timeline may hold hundreds (the spinner is
 * drawn by CSS, the message bubble is made the first time there is a message).
 * @param {{ variant: "pill" | "icon", surface: string, screenName: string, onActivate: () => void }} options
 *   `onActivate` is called for a trusted click or key press only
 */
export function create({ variant, surface, screenName, onActivate }) {
  const root = /** @type {HTMLElement} */ (template(variant).cloneNode(true));
  root.dataset.xmuteSurface = surface;
  const button = /** @type {HTMLButtonElement} */ (root.firstElementChild);

  /** @type {HTMLElement | null} */
  let status = null;
  /** @param {string} text */
  function say(text) {
    if (!status && !text) return;
    if (!status) {
      status = document.createElement("span");
      status.className = "xmute-status";
      status.id = `xmute-compact-status-${++instances}`;
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      status.setAttribute("data-testid", "xmute-status");
      speaksXMute(status);
      button.setAttribute("aria-describedby", status.id);
      root.append(status);
    }
    status.textContent = text;
  }

  button.addEventListener("click", (event) => {
    // Inside tweets and cells X handles clicks too (it opens the tweet, or the cell's profile):
    // a click on this button is ours, whoever made it.
    event.preventDefault();
    event.stopPropagation();
    // Synthetic clicks (element.click(), dispatchEvent) are the page's, never the user's.
    if (!event.isTrusted || button.getAttribute("aria-disabled") === "true") return;
    onActivate();
  });

  /** What the element shows now (the template's defaults at first). @type {Record<string, string>} */
  const shown = { state: "idle", pressed: "false", busy: "false", label: "", title: "", message: "" };
  /** @param {string} key @param {string} value @param {(value: string) => void} write */
  const set = (key, value, write) => {
    if (shown[key] === value) return;
    shown[key] = value;
    write(value);
  };
  return {
    root,
    button,
    /** Touches the element only where what it shows changes (no needless DOM mutations). @param {CompactView} view */
    render(view) {
      const verb = view.muted ? t("buttonUnmute") : t("buttonMute");
      const busy = String(view.state === "pending");
      set("state", view.state, (value) => { root.dataset.state = value; });
      set("label", t(view.muted ? "buttonLabelUnmute" : "buttonLabelMute", screenName), (value) => {
        button.setAttribute("aria-label", value);
        if (variant === "pill") button.textContent = verb;
      });
      const title = view.until ? unmuteEarlyTitle(screenName, view.until)
        : !view.muted && view.muteFor ? muteForTitle(screenName, view.muteFor)
          : actionTitle(view.muted ? "unmute" : "mute", screenName);
      set("title", view.hint ?? title, (value) => { button.title = value; });
      set("pressed", String(view.muted), (value) => button.setAttribute("aria-pressed", value));
      set("busy", busy, (value) => {
        button.setAttribute("aria-disabled", value);
        button.setAttribute("aria-busy", value);
      });
      set("message", view.message ?? "", say);
    },
    /** @param {string} theme */
    setTheme(theme) {
      if (root.dataset.theme !== theme) root.dataset.theme = theme;
    },
  };
}
