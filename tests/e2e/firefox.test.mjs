// The end-to-end suite in headless Firefox ESR (dist/firefox): see suite.mjs.
import { defineSuite } from "./suite.mjs";

defineSuite("firefox");
