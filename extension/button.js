// @ts-check
/**
 * The Mute button: its element, its states and its words. A classic script sharing
 * `globalThis.XMute.button` in the isolated world; content.js decides when and where it lives.
 *
 * States: idle (showing the account's state), pending (a request is running: disabled, with a
 * spinner), done (the last action succeeded), queued (waits in XMute's queue: says why and
 * until when), error (failed: says what to do; a click tries again).
 */
(() => {
  /**
   * @typedef {"idle" | "pending" | "done" | "queued" | "error"} ButtonState
   * @typedef {{ state: ButtonState, muted: boolean, message?: string }} ButtonView
   * @typedef {{ name: string, message?: string, resetAt?: number }} ErrorJson
   * @typedef {{ action: "mute" | "unmute", status: string, runAt?: number, reason?: string,
   *             attempts?: number, error?: ErrorJson }} Pending
   */

  let instances = 0;

  /**
   * @param {string} screenName  whose button it is (for the tooltip)
   * @param {() => void} onActivate  called for a trusted click or key press only
   */
  function create(screenName, onActivate) {
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

    const status = document.createElement("span");
    status.className = "xmute-status";
    status.id = `xmute-status-${++instances}`;
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("data-testid", "xmute-status");
    button.setAttribute("aria-describedby", status.id);
    root.append(button, status);

    button.addEventListener("click", (event) => {
      // Synthetic clicks (element.click(), dispatchEvent) are the page's, never the user's.
      if (!event.isTrusted || button.getAttribute("aria-disabled") === "true") return;
      onActivate();
    });

    return {
      root,
      /** @param {ButtonView} view */
      render(view) {
        const verb = view.muted ? "Unmute" : "Mute";
        root.dataset.state = view.state;
        label.textContent = verb;
        button.title = `${verb} @${screenName} with XMute`;
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
  function themeOf(backgroundColor) {
    const [r = 255, g = 255, b = 255, a = 1] = (backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    if (a === 0) return "light";
    const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    if (luminance > 0.5) return "light";
    return b - r > 12 ? "dim" : "dark";
  }

  /** @param {number} ms */
  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /** The queue's tries for a failing request (policy.js MAX_ATTEMPTS). */
  const MAX_ATTEMPTS = 5;
  /** Failures the queue retries by itself (policy.js `classify`). */
  const RETRIED = new Set(["Network", "Timeout", "Server", "BadResponse"]);

  /** @param {ErrorJson | undefined} error */
  function cause(error) {
    switch (error?.name) {
      case "Network":
        return "Can't reach X.";
      case "Timeout":
        return "X didn't answer in time.";
      case "Server":
      case "BadResponse":
        return "X is having trouble.";
      default:
        return "Something went wrong.";
    }
  }

  /**
   * Muted as a button should show it: a queued action shows the state it will make.
   * @param {{ muted: boolean, pending?: Pending }} user
   */
  function intendedMuted(user) {
    return user.pending?.status === "queued" ? user.pending.action === "mute" : user.muted;
  }

  /**
   * Why an action waits in the queue, and until when.
   * @param {Pending} pending
   */
  function queuedText(pending) {
    const verb = pending.action === "mute" ? "mutes" : "unmutes";
    const at = pending.runAt ? clock(pending.runAt) : null;
    switch (pending.reason) {
      case "paused":
        return `${errorText(pending.error ?? { name: "Unauthorized" })} The ${pending.action} waits until then.`;
      case "retry":
        return `${cause(pending.error)} Trying again at ${at} (try ${(pending.attempts ?? 1) + 1} of ${MAX_ATTEMPTS}).`;
      case "window":
        return `Queued: ${verb} at ${at} (X allows 50 per 15 minutes).`;
      case "interrupted":
        return `Interrupted: checking with X at ${at}.`;
      case "rate-limit":
      case undefined:
        return at ? `Rate limited: ${verb} at ${at}.` : `Rate limited: ${verb} later.`;
      default:
        return at ? `Queued: ${verb} at ${at}.` : `Queued: ${verb} soon.`;
    }
  }

  /**
   * What to tell the user about an action that failed in the queue: why, and how many tries.
   * @param {Pending} pending
   */
  function failedText(pending) {
    const error = pending.error ?? { name: "Error" };
    const tries = pending.attempts ?? 1;
    return RETRIED.has(error.name) && tries > 1 ? `${errorText(error)} Gave up after ${tries} tries.` : errorText(error);
  }

  /**
   * What to tell the user about a failed action: always something they can do.
   * @param {ErrorJson} error
   */
  function errorText(error) {
    switch (error.name) {
      case "NotSignedIn":
        return "Add your API keys in XMute's options.";
      case "Unauthorized":
        return "X refused your keys. Sign in again in XMute's options.";
      case "NotEnrolled":
        return "Your X app can't use API v2. Choose auto or v1.1 in XMute's options.";
      case "TimestampRejected":
        return "X rejected the time. Check your computer's clock.";
      case "RateLimited":
        return error.resetAt ? `Rate limited until ${clock(error.resetAt * 1000)}.` : "Rate limited. Try later.";
      case "Network":
        return "Can't reach X. Check your connection and try again.";
      case "Timeout":
        return "X didn't answer in time. Try again.";
      case "Server":
      case "BadResponse":
        return "X is having trouble. Try again later.";
      case "ExtensionUnavailable":
        return "XMute was updated. Reload this page.";
      default:
        return error.message || "Something went wrong. Try again.";
    }
  }

  const namespace = /** @type {any} */ (globalThis).XMute ?? {};
  namespace.button = Object.freeze({ create, themeOf, queuedText, failedText, errorText, intendedMuted });
  /** @type {any} */ (globalThis).XMute = namespace;
})();
