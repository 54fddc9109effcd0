// The end-to-end suite in headless Chromium (dist/chrome): see suite.mjs.
import { defineSuite } from "./suite.mjs";

defineSuite("chromium");
