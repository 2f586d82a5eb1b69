import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { ZodError } from "zod";
import { codeKey } from "./code.js";
import { unsafePatternReason } from "./safe-pattern.js";
import { CatalogSchema, type Catalog, type CatalogData, type Entry } from "./schema.js";

export const BUILTIN_CATALOG_DIR = fileURLToPath(new URL("../../catalog/", import.meta.url));
const CATALOG_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

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
  if (issue.code === "unrecognized_keys") problem = `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  return new CatalogError(file, lineOf(doc, counter, path), fieldName(path) || undefined, problem);
}

/** Parses and validates one catalog file; throws CatalogError on the first problem. */
export function parseCatalog(file: string, source: string): { data: CatalogData; lineAt: LineFinder } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = counter.linePos(syntax.pos[0]).line;
    throw new CatalogError(file, line, undefined, `syntax error: ${syntax.message.split("\n")[0]}`);
  }
  const parsed = CatalogSchema.safeParse(doc.toJS());
  if (!parsed.success) throw schemaError(file, doc, counter, parsed.error);
  return { data: parsed.data, lineAt: (path) => lineOf(doc, counter, path) };
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
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new CatalogError(file, undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
  const { data, lineAt } = parseCatalog(file, source);
  return { ...toCatalog(file, data, lineAt), lineAt };
}

/** Expands files and folders (one level: the catalogs themselves, not their sources/) into catalog files. */
export function catalogFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new CatalogError(displayPath(resolve(path)), undefined, undefined, "no such file or folder");
    }
    if (!stats.isDirectory()) return [path];
    return readdirSync(path)
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
export function loadCatalogs(paths: string[]): Catalog[] {
  const catalogs: Catalog[] = [];
  const scopeWords = new Map<string, Catalog>();
  for (const file of catalogFiles(paths)) {
    const { lineAt, ...catalog } = loadCatalogFile(file);
    checkScopeWords({ ...catalog, lineAt }, scopeWords);
    catalogs.push(catalog);
  }
  return catalogs;
}
