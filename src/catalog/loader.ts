import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { createRequire } from "node:module";
import { extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Document, LineCounter } from "yaml";
import type { ZodError } from "zod";
import { codeKey } from "./code.js";
import { unsafePatternReason } from "./safe-pattern.js";
import { catalogSchemas, type Catalog, type CatalogData, type Entry } from "./schema.js";
import { readSnapshot } from "./snapshot.js";

// YAML is loaded on first use: the built-in catalogs usually come from the build-time snapshot.
const yaml = () => createRequire(import.meta.url)("yaml") as typeof import("yaml");

export const BUILTIN_CATALOG_DIR = fileURLToPath(new URL("../../catalog/", import.meta.url));
const CATALOG_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/**
 * Bounds on what one catalog file may hold, so that a hostile or mistaken file fails fast with a clear message
 * instead of exhausting memory or time. Each is far above the built-in catalogs (the largest file is 370 kB, the
 * longest text 439 characters) and above what a card can show.
 */
export const CATALOG_LIMITS = {
  /** Bytes per file: parsing YAML costs about 50 times the file in memory. */
  fileBytes: 2 * 1024 * 1024,
  /** Characters per string (a key or a value). */
  stringChars: 4000,
  /** Alias expansions (`*anchor`) per file: a few are handy, thousands are an alias bomb. */
  aliases: 100,
} as const;

/** A catalog that cannot be loaded. The message names file, line and field, in that order. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${field ? `${field}: ` : ""}${problem}`);
    this.name = "CatalogError";
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`))
    .join("");
}

function lineOf(doc: Document, counter: LineCounter, path: ReadonlyArray<PropertyKey>): number | undefined {
  // The offending node may not exist (a missing field): fall back to its closest existing parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function schemaError(file: string, doc: Document, counter: LineCounter, error: ZodError): CatalogError {
  const issue = error.issues[0]!;
  const path = issue.path;
  let problem = issue.message;
  if (issue.code === "invalid_type" && doc.getIn(path as unknown[]) === undefined) problem = "is required";
  // An unknown field is reported on its own line, not on the line where its entry starts.
  const at = issue.code === "unrecognized_keys" ? [...path, issue.keys[0]!] : path;
  if (issue.code === "unrecognized_keys") problem = `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return new CatalogError(file, lineOf(doc, counter, at), fieldName(path) || undefined, problem);
}

/** The first string longer than the limit, key or value, with where it is. */
function longString(node: unknown, path: PropertyKey[]): { path: PropertyKey[]; node: { range?: [number, number, number] | null }; length: number } | undefined {
  const { isMap, isScalar, isSeq } = yaml();
  if (isScalar(node)) {
    return typeof node.value === "string" && node.value.length > CATALOG_LIMITS.stringChars ? { path, node, length: node.value.length } : undefined;
  }
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = longString(item, [...path, i]);
      if (found) return found;
    }
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "?";
      const found = longString(pair.key, path) ?? longString(pair.value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Deeper than any catalog needs; yaml takes seconds and hundreds of MB to give up on a million open brackets. */
const MAX_NESTING = 64;
const MAX_INDENT = 256;

/**
 * A quick linear look for nesting no catalog has, before the parser recurses into it: open brackets (counted
 * even inside quotes, which can only make the count smaller) and indentation.
 */
function tooDeep(source: string): { line: number; problem: string } | undefined {
  let depth = 0;
  let line = 1;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (ch === 10) {
      line++;
      indent = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart && ch === 32) {
      if (++indent > MAX_INDENT) return { line, problem: `indented more than ${MAX_INDENT} spaces; a catalog needs a few levels` };
      continue;
    }
    atLineStart = false;
    if (ch === 91 || ch === 123) {
      if (++depth > MAX_NESTING) return { line, problem: `more than ${MAX_NESTING} nested [ or {; a catalog needs a few levels` };
    } else if ((ch === 93 || ch === 125) && depth > 0) depth--;
  }
  return undefined;
}

function longStringIn(file: string, doc: Document): ReturnType<typeof longString> {
  try {
    return longString(doc.contents, []);
  } catch (error) {
    if (error instanceof RangeError) throw new CatalogError(file, undefined, undefined, "nested too deeply for a catalog");
    throw error;
  }
}

/**
 * Parses and validates one catalog file's text, the one check every catalog goes through (start-up and
 * `catalog check` alike); throws CatalogError on the first problem.
 */
export function parseCatalog(file: string, source: string): { data: CatalogData; lineAt: LineFinder } {
  const { LineCounter, parseDocument } = yaml();
  if (source.length > CATALOG_LIMITS.fileBytes) throw tooLarge(file, Buffer.byteLength(source));
  if (source.trim() === "") throw new CatalogError(file, undefined, undefined, "the file is empty (a catalog needs id, name and entries)");
  const nesting = tooDeep(source);
  if (nesting) throw new CatalogError(file, nesting.line, undefined, nesting.problem);
  const counter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    // yaml's parser recurses per nesting level, and per error on badly indented text: past the stack it throws.
    if (error instanceof RangeError) throw new CatalogError(file, undefined, undefined, "syntax error: too deeply nested or too badly indented to parse");
    throw error;
  }
  const syntax = doc.errors[0];
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    throw new CatalogError(file, line, undefined, `syntax error: ${syntax.message.split("\n")[0]}`);
  }
  const long = longStringIn(file, doc);
  if (long) {
    const line = long.node.range ? counter.linePos(long.node.range[0]).line : undefined;
    throw new CatalogError(file, line, fieldName(long.path) || undefined, `a text of ${long.length} characters; at most ${CATALOG_LIMITS.stringChars} are allowed`);
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: CATALOG_LIMITS.aliases });
  } catch (error) {
    // yaml throws a ReferenceError when aliases expand past maxAliasCount (an alias bomb) or point nowhere.
    throw new CatalogError(file, undefined, undefined, `YAML aliases: ${(error as Error).message} (at most ${CATALOG_LIMITS.aliases} alias expansions per file)`);
  }
  if (js === null || typeof js !== "object" || Array.isArray(js)) {
    throw new CatalogError(file, 1, undefined, `must be a mapping with id, name and entries, not ${js === null ? "an empty document" : Array.isArray(js) ? "a list" : `a ${typeof js}`}`);
  }
  const parsed = catalogSchemas().CatalogSchema.safeParse(js);
  if (!parsed.success) throw schemaError(file, doc, counter, parsed.error);
  return { data: parsed.data, lineAt: (path) => lineOf(doc, counter, path) };
}

function tooLarge(file: string, bytes: number): CatalogError {
  const size = (n: number) => `${n.toLocaleString("en-US")} bytes`;
  return new CatalogError(file, undefined, undefined, `is ${size(bytes)}; a catalog file may be at most ${size(CATALOG_LIMITS.fileBytes)} (split it into several catalogs)`);
}

/** A file-system error in words, naming what went wrong rather than a generic "not found". */
function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "ELOOP":
      return "symbolic link loop (a link that points back to itself)";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    default:
      return `cannot read: ${(error as Error).message}`;
  }
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new CatalogError(displayPath(resolve(path)), undefined, undefined, fileProblem(error));
  }
}

type LineFinder = (path: ReadonlyArray<PropertyKey>) => number | undefined;

/** `detect.pattern` must be safe to run over any message, and every code of the catalog must match it. */
function checkDetect(file: string, data: CatalogData, lineAt: LineFinder): void {
  const pattern = data.detect?.pattern;
  if (pattern === undefined) return;
  const problem = unsafePatternReason(pattern);
  if (problem) throw new CatalogError(file, lineAt(["detect", "pattern"]), "detect.pattern", problem);
  const whole = new RegExp(`^(?:${pattern})$`, "iu");
  const i = data.entries.findIndex((e) => !whole.test(String(e.code)));
  if (i >= 0) throw new CatalogError(file, lineAt(["entries", i, "code"]), `entries[${i}].code`, `${data.entries[i]!.code} does not match detect.pattern`);
}

function toCatalog(file: string, data: CatalogData, lineAt: LineFinder): Catalog {
  const seen = new Map<string, number>();
  const entries = data.entries.map((raw, i): Entry => {
    const first = seen.get(codeKey(raw.code));
    if (first !== undefined) {
      throw new CatalogError(file, lineAt(["entries", i, "code"]), `entries[${i}].code`, `code ${raw.code} is already defined by entries[${first}]`);
    }
    seen.set(codeKey(raw.code), i);
    const symbols = [...new Set([raw.name, ...(raw.definitions ?? []).map((d) => d.symbol)].filter((s): s is string => !!s))];
    return {
      ...raw,
      owner: raw.owner ?? data.owner,
      runbook: raw.runbook ?? data.runbook,
      catalog: data.id,
      catalogName: data.name,
      symbols,
    };
  });
  checkDetect(file, data, lineAt);
  return { id: data.id, name: data.name, vendor: data.vendor, aliases: data.aliases ?? [], file, detect: data.detect, documents: data.documents, entries };
}

export function loadCatalogFile(path: string): Catalog & { lineAt: LineFinder } {
  const file = displayPath(resolve(path));
  const stats = statOf(path);
  // Checked before reading: a 5 GB file or a device is refused at once, not read into memory.
  if (!stats.isFile()) throw new CatalogError(file, undefined, undefined, "not a regular file");
  if (stats.size > CATALOG_LIMITS.fileBytes) throw tooLarge(file, stats.size);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new CatalogError(file, undefined, undefined, fileProblem(error));
  }
  const { data, lineAt } = parseCatalog(file, source);
  return { ...toCatalog(file, data, lineAt), lineAt };
}

/** Expands files and folders (one level: the catalogs themselves, not their sources/) into catalog files. */
export function catalogFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statOf(path).isDirectory()) return [path];
    let names: string[];
    try {
      names = readdirSync(path);
    } catch (error) {
      throw new CatalogError(displayPath(resolve(path)), undefined, undefined, fileProblem(error));
    }
    return names
      .filter((name) => CATALOG_EXTENSIONS.has(extname(name)))
      .sort()
      .map((name) => join(path, name));
  });
}

/** Words a query may start with to mean "a code follows": a catalog id or alias must not take them over. */
const QUERY_WORDS = new Set(["code", "error", "err", "errno", "errcode", "ret", "retcode", "status", "help", "x-errno"]);

/** Every scope word (id and aliases) picks exactly one catalog: a later catalog cannot take over an earlier one's. */
function checkScopeWords(catalog: Catalog & { lineAt: LineFinder }, taken: Map<string, Catalog>): void {
  const words: Array<[string, ReadonlyArray<PropertyKey>]> = [[catalog.id, ["id"]], ...catalog.aliases.map((a, i): [string, PropertyKey[]] => [a, ["aliases", i]])];
  for (const [word, path] of words) {
    const key = word.toLowerCase();
    const owner = taken.get(key);
    const field = fieldName(path);
    if (owner && owner.id !== catalog.id) throw new CatalogError(catalog.file, catalog.lineAt(path), field, `"${word}" already names catalog ${owner.id} (${owner.file})`);
    if (owner) throw new CatalogError(catalog.file, catalog.lineAt(path), field, `catalog id "${catalog.id}" is already used by ${owner.file}`);
    if (QUERY_WORDS.has(key)) throw new CatalogError(catalog.file, catalog.lineAt(path), field, `"${word}" is a query word (as in "${word} -29036") and cannot name a catalog`);
    if (/^[-+]?\d+$/.test(key)) throw new CatalogError(catalog.file, catalog.lineAt(path), field, `"${word}" looks like a code and cannot name a catalog`);
  }
  for (const [word] of words) taken.set(word.toLowerCase(), catalog);
}

/** Loads every catalog, all or nothing: the first bad file stops the load. */
export function loadCatalogs(paths: string[], options: { snapshot?: boolean } = {}): Catalog[] {
  const catalogs: Catalog[] = [];
  const scopeWords = new Map<string, Catalog>();
  const builtin = options.snapshot !== false && paths.some((path) => resolve(path) === resolve(BUILTIN_CATALOG_DIR)) ? builtinFromSnapshot() : undefined;
  for (const catalog of builtin ?? []) checkScopeWords({ ...catalog, lineAt: () => undefined }, scopeWords);
  if (builtin) catalogs.push(...builtin);
  const rest = builtin ? paths.filter((path) => resolve(path) !== resolve(BUILTIN_CATALOG_DIR)) : paths;
  for (const file of catalogFiles(rest)) {
    const { lineAt, ...catalog } = loadCatalogFile(file);
    checkScopeWords({ ...catalog, lineAt }, scopeWords);
    catalogs.push(catalog);
  }
  return catalogs;
}

/** The built-in catalogs from the build-time snapshot, or undefined when there is none or a catalog changed since. */
function builtinFromSnapshot(): Catalog[] | undefined {
  const files = catalogFiles([BUILTIN_CATALOG_DIR]);
  return readSnapshot(files, (name) => displayPath(join(BUILTIN_CATALOG_DIR, name)));
}

/** The built-in catalogs parsed and validated from their YAML, never from the snapshot (the snapshot is made from this). */
export function parseBuiltinCatalogs(): Catalog[] {
  return loadCatalogs([BUILTIN_CATALOG_DIR], { snapshot: false });
}
