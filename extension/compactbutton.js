// @ts-check
/**
 * The small Mute buttons for hover cards, user cells and tweets: their element, states and
 * accessible names. A classic script sharing `globalThis.XMute.compactButton` in the isolated
 * world (after button.js, whose words it reuses); surfaces.js decides when and where they live.
 *
 * Two variants: `pill` (the word Mute/Unmute, for hover cards) and `icon` (a speaker glyph, for
 * cells and tweets). Both are real <button>s named "Mute @name" / "Unmute @name", with
 * `aria-pressed` for the muted state and a live region for messages.
 */
(() => {
  const { errorText, queuedText } = /** @type {any} */ (globalThis).XMute.button;

  /**
   * @typedef {"idle" | "pending" | "done" | "queued" | "error"} ButtonState
   * @typedef {{ state: ButtonState, muted: boolean, message?: string, hint?: string }} CompactView
   *   `message` is shown and announced (the button the user pressed); `hint` only in the tooltip
   */

  const SVG = "http://www.w3.org/2000/svg";
  /** A speaker with a cross, drawn with two paths (no markup strings). */
  const ICON_PATHS = [
    "M3 9h4l5-4v14l-5-4H3z",
    "M16 9l5 6M21 9l-5 6",
  ];
  let instances = 0;

  function icon() {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "xmute-compact-icon");
    for (const d of ICON_PATHS) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  /**
   * @param {{ variant: "pill" | "icon", surface: string, screenName: string, onActivate: () => void }} options
   *   `onActivate` is called for a trusted click or key press only
   */
  function create({ variant, surface, screenName, onActivate }) {
    const root = document.createElement("span");
    root.className = "xmute-compact";
    root.dataset.xmuteSurface = surface;
    root.dataset.variant = variant;

    const button = document.createElement("button");
    button.type = "button";
    button.className = "xmute-compact-button";
    button.setAttribute("data-testid", "xmute-surface-button");
    const spinner = document.createElement("span");
    spinner.className = "xmute-spinner";
    spinner.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "xmute-label";
    if (variant === "icon") label.append(icon());
    button.append(spinner, label);

    const status = document.createElement("span");
    status.className = "xmute-status";
    status.id = `xmute-compact-status-${++instances}`;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-testid", "xmute-status");
    button.setAttribute("aria-describedby", status.id);
    root.append(button, status);

    button.addEventListener("click", (event) => {
      // Synthetic clicks (element.click(), dispatchEvent) are the page's, never the user's.
      if (!event.isTrusted || button.getAttribute("aria-disabled") === "true") return;
      event.preventDefault();
      // Inside links and cells X handles clicks too (navigation): this one is ours.
      event.stopPropagation();
      onActivate();
    });

    let shown = "";
    return {
      root,
      button,
      /** Updates the element only when what it shows changes (no needless DOM mutations). @param {CompactView} view */
      render(view) {
        const verb = view.muted ? "Unmute" : "Mute";
        const message = view.message ?? "";
        const signature = [view.state, verb, message, view.hint ?? ""].join("\u0000");
        if (signature === shown) return;
        shown = signature;
        root.dataset.state = view.state;
        if (variant === "pill") label.textContent = verb;
        button.setAttribute("aria-label", `${verb} @${screenName}`);
        button.title = view.hint ?? `${verb} @${screenName} with XMute`;
        button.setAttribute("aria-pressed", String(view.muted));
        button.setAttribute("aria-disabled", String(view.state === "pending"));
        button.setAttribute("aria-busy", String(view.state === "pending"));
        status.textContent = message;
      },
      /** @param {string} theme */
      setTheme(theme) {
        if (root.dataset.theme !== theme) root.dataset.theme = theme;
      },
    };
  }

  const namespace = /** @type {any} */ (globalThis).XMute ?? {};
  namespace.compactButton = Object.freeze({ create, errorText, queuedText });
  /** @type {any} */ (globalThis).XMute = namespace;
})();
