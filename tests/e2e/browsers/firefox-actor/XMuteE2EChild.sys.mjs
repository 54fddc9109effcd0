// Test-only (the e2e suite's Firefox adapter, browsers/firefox.mjs): a window actor that
// evaluates code in an extension's content-script world of an x.com page, as DevTools' console
// can. Registered by the suite through WebDriver's chrome context, never shipped.
import { ExtensionContent } from "resource://gre/modules/ExtensionContent.sys.mjs";

export class XMuteE2EChild extends JSWindowActorChild {
  async receiveMessage({ data }) {
    const context = ExtensionContent.getContextByExtensionId(data.addonId, this.contentWindow);
    if (!context?.sandbox) return { error: "no content-script world of that extension in this page" };
    try {
      const source = `(async () => { ${data.body} })().then((v) => JSON.stringify(v === undefined ? null : v))`;
      return { value: await Cu.evalInSandbox(source, context.sandbox) };
    } catch (error) {
      return { error: String(error) };
    }
  }
}
