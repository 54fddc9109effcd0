// Checks XMute's words: every message a piece of the extension names exists in every language,
// the languages agree with each other, and no word the user reads is written into the code.
// Usage: node tools/i18n_check.mjs   (exits 1 with one line per problem)
//
// - Locales (extension/_locales/<lang>/messages.json): the same keys as the default language
//   (manifest.json's default_locale), each message non-empty, with the same placeholders, each
//   `$NAME$` it uses defined and each placeholder's content a `$1`..`$9`; a description for
//   translators in the default language.
// - Keys used: `t("key", …)` and `counted(n, "one", "other", …)` in the scripts (both branches of
//   a `?:`), `data-i18n`, `data-i18n-placeholder` in HTML, `__MSG_key__` in manifest.json: each
//   must exist. A key nothing names is reported too (dead words rot untranslated). Keys reached
//   through a table (words.js NOTES, …) are named there as string literals, which counts as a
//   use; the unit tests look every one of them up with missing keys failing (useMessages
//   strict).
// - Literals: the scripts are parsed (TypeScript's parser, so comments and regular expressions
//   are not text) and any string or template that reads like a sentence (two words or more with a
//   capital letter or a full stop) is reported unless it is a developer's line (console.*, an
//   Error thrown for a developer, a CSS selector, a test id). In HTML, an element's own text and
//   its title, aria-label, placeholder and alt must come from data-i18n*.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXT = path.join(ROOT, "extension");
/** @type {string[]} */
const problems = [];
const rel = (/** @type {string} */ file) => path.relative(ROOT, file);

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

// --- locales
const manifest = JSON.parse(readFileSync(path.join(EXT, "manifest.json"), "utf8"));
const defaultLang = manifest.default_locale;
if (!defaultLang) problems.push("extension/manifest.json: no default_locale");
const localesDir = path.join(EXT, "_locales");
/** @type {Record<string, Record<string, { message: string, description?: string, placeholders?: Record<string, { content: string }> }>>} */
const locales = {};
for (const lang of readdirSync(localesDir)) {
  const file = path.join(localesDir, lang, "messages.json");
  try {
    locales[lang] = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${rel(file)}: ${error instanceof Error ? error.message : error}`);
  }
}
const base = locales[defaultLang] ?? {};
if (!locales[defaultLang]) problems.push(`extension/_locales/${defaultLang}/messages.json is missing (the default_locale)`);
const KEY = /^[A-Za-z0-9_]+$/;

/** @param {{ message: string, placeholders?: Record<string, { content: string }> }} entry */
function placeholderShape(entry) {
  return Object.entries(entry.placeholders ?? {}).map(([name, p]) => `${name.toLowerCase()}=${p.content}`).sort().join(",");
}

for (const [lang, messages] of Object.entries(locales)) {
  const where = `extension/_locales/${lang}/messages.json`;
  for (const [key, entry] of Object.entries(messages)) {
    if (!KEY.test(key)) problems.push(`${where}: ${key}: a key is letters, digits and _ only`);
    if (typeof entry?.message !== "string" || entry.message.trim() === "") {
      problems.push(`${where}: ${key}: empty message`);
      continue;
    }
    if (lang === defaultLang && !entry.description) problems.push(`${where}: ${key}: no description for translators`);
    const defined = new Set(Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()));
    for (const [, name] of entry.message.replace(/\$\$/g, "").matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
      if (!defined.has(name.toLowerCase())) problems.push(`${where}: ${key}: $${name}$ is not a placeholder of this message`);
    }
    for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
      if (!/^\$[1-9]$/.test(p.content)) problems.push(`${where}: ${key}: placeholder ${name} is not $1..$9`);
      if (!new RegExp(`\\$${name}\\$`, "i").test(entry.message)) problems.push(`${where}: ${key}: placeholder ${name} is never used`);
    }
    if (lang !== defaultLang) {
      if (!base[key]) problems.push(`${where}: ${key}: not a message of ${defaultLang}`);
      else if (placeholderShape(base[key]) !== placeholderShape(entry)) {
        problems.push(`${where}: ${key}: placeholders differ from ${defaultLang} (${placeholderShape(entry)} vs ${placeholderShape(base[key])})`);
      }
    }
  }
  if (lang !== defaultLang) {
    for (const key of Object.keys(base)) if (!messages[key]) problems.push(`${where}: ${key} is missing`);
  }
}

// --- keys used, and literals in the scripts
/** @type {Map<string, string>} key → where first used */
const used = new Map();
/** String literals anywhere in the scripts (a key in a table counts as used). */
const literals = new Set();
const use = (/** @type {string} */ key, /** @type {string} */ where) => {
  if (!used.has(key)) used.set(key, where);
};

/** A sentence a user would read. @param {string} text */
const sentence = (text) => /[A-Za-z]{2,}[ ,][^]*[A-Za-z]{2,}/.test(text) && (/[A-Z]/.test(text[0] ?? "") || /[.!?:…]\s*$/.test(text));

/** Whether `node` sits inside a call or `new` of something a developer reads. @param {ts.Node} node */
function forDevelopers(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression.getText();
      if (/^console\.|^(new )?(Error|TypeError|RangeError)$|querySelector|closest|matches|^assert/.test(callee)) return true;
      if (ts.isNewExpression(n) && /Error$/.test(callee)) return true;
    }
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** The string literals an argument may evaluate to (both arms of ?:, ||, ??). @param {ts.Expression | undefined} e @returns {string[] | null} */
function literalValues(e) {
  if (!e) return null;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literalValues(e.expression);
  if (ts.isConditionalExpression(e)) {
    const a = literalValues(e.whenTrue);
    const b = literalValues(e.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  return null;
}

const scripts = walk(EXT).filter((f) => f.endsWith(".js") && !f.endsWith(".test.js"));
for (const file of scripts) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  /** @param {ts.Node} node */
  const visit = (node) => {
    const where = () => `${rel(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      const args = name === "t" ? [node.arguments[0]] : name === "counted" ? [node.arguments[1], node.arguments[2]] : [];
      for (const arg of args) {
        const values = literalValues(arg);
        if (values) for (const v of values) use(v, where());
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" x ")
        : node.text;
      literals.add(text);
      const inImport = ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent);
      if (!inImport && sentence(text) && !forDevelopers(node)) problems.push(`${where()}: words the user may read are written into the code: ${JSON.stringify(text.slice(0, 60))}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

// --- HTML
for (const file of walk(EXT).filter((f) => f.endsWith(".html"))) {
  const html = readFileSync(file, "utf8").replace(/<!--[^]*?-->/g, "");
  const lineOf = (/** @type {number} */ i) => `${rel(file)}:${html.slice(0, i).split("\n").length}`;
  for (const m of html.matchAll(/data-i18n(?:-placeholder)?="([^"]*)"/g)) use(m[1], lineOf(m.index ?? 0));
  // Text between tags belongs to a data-i18n element (filled at load) or is not words at all.
  const tags = [...html.matchAll(/<(\/?)([a-zA-Z0-9-]+)([^>]*)>/g)];
  /** @type {{ name: string, i18n: boolean }[]} */
  const open = [];
  for (let i = 0; i < tags.length; i++) {
    const [whole, closing, name, attrs] = tags[i];
    const start = tags[i].index ?? 0;
    if (closing) {
      const at = open.map((o) => o.name).lastIndexOf(name.toLowerCase());
      if (at >= 0) open.length = at;
    } else {
      for (const a of attrs.matchAll(/\s(title|aria-label|placeholder|alt)="([^"]*)"/g)) {
        if (/[A-Za-z]{2,}/.test(a[2])) problems.push(`${lineOf(start)}: ${a[1]}="${a[2]}" is written into the page; use a message`);
      }
      if (!/\/>$/.test(whole) && !/^(meta|link|input|br|img|hr|col|source)$/i.test(name)) {
        open.push({ name: name.toLowerCase(), i18n: /\sdata-i18n="/.test(attrs) });
      }
    }
    const next = tags[i + 1]?.index ?? html.length;
    const text = html.slice(start + whole.length, next).trim();
    const inside = open.at(-1);
    if (text && /[A-Za-z]{2,}/.test(text) && !open.some((o) => o.i18n) && !/^(script|style)$/.test(inside?.name ?? "")) {
      problems.push(`${lineOf(start)}: text written into the page: ${JSON.stringify(text.slice(0, 60))}`);
    }
  }
}

// --- manifest
for (const m of JSON.stringify(manifest).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) use(m[1], "extension/manifest.json");
for (const field of ["name", "description"]) {
  if (!/^__MSG_/.test(manifest[field] ?? "")) problems.push(`extension/manifest.json: ${field} is not a message`);
}
for (const [name, command] of Object.entries(manifest.commands ?? {})) {
  if (command.description && !/^__MSG_/.test(command.description)) problems.push(`extension/manifest.json: commands.${name}.description is not a message`);
}

for (const [key, where] of used) {
  for (const [lang, messages] of Object.entries(locales)) {
    if (!messages[key]) problems.push(`${where}: message ${key} is missing in ${lang}`);
  }
}
for (const key of Object.keys(base)) {
  if (!used.has(key) && !literals.has(key)) problems.push(`extension/_locales/${defaultLang}/messages.json: ${key} is never used`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  console.error(`${problems.length} problem(s) with XMute's words.`);
  process.exit(1);
}
console.log(`XMute's words: ${Object.keys(base).length} messages in ${Object.keys(locales).sort().join(", ")}; ${used.size} named by the code; no words written into it.`);
