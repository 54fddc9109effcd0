// ESLint for the extension, the tools and the tests' JavaScript (`./build.sh test` runs it).
// The recommended rules, plus the few that catch what bit this project: unused code and
// shadowed or undeclared names. Formatting is left to the code's own consistency.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["dist/", "pkg/", "target/", "node_modules/", "tests/fake_x/site/", "tests/e2e/artifacts/"] },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-shadow": "error",
      "eqeqeq": ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["**/*.test.js", "tools/**", "tests/**", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Firefox's privileged actor modules (the e2e suite's window to the content-script world).
    files: ["tests/e2e/browsers/firefox-actor/*.sys.mjs"],
    languageOptions: { globals: { JSWindowActorChild: "readonly", JSWindowActorParent: "readonly", Cu: "readonly" } },
  },
];
