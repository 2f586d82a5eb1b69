#!/usr/bin/env node
import { config as loadDotenv } from "dotenv";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolve as resolvePath } from "node:path";
import { CatalogIndex } from "./catalog/catalog-index.js";
import { IMPORT_FORMATS, type ImportFormat } from "./catalog/import/formats.js";
import { BUILTIN_CATALOG_DIR, CatalogError, catalogFiles, loadCatalogs, parseCatalog } from "./catalog/loader.js";
import type { Entry } from "./catalog/schema.js";
import type { Lang } from "./core/card.js";
import { AUTO_REPLY_CONFIDENCE, EXPLICIT_CONFIDENCE } from "./core/detect/index.js";
import { Errcode } from "./core/errcode.js";
import { detectionsReply, lookupReply } from "./core/explain.js";
import { lookup, type Match } from "./core/lookup.js";
import { RENDER_TARGETS, renderFor, type RenderTarget } from "./render/index.js";

const OUTPUT_OPTIONS = `  --catalog ID     only this catalog (an id or alias: tencent-cos-v4 / cos, tencent-ci-image / image, upyun)
  --json           machine-readable output
  --all            every match, not only the first few
  --lang en|zh     which language comes first
  --render T       terminal (default), or the exact payload for slack or discord
  -h, --help       this help`;

const HELP = {
  lookup: `usage: errcode lookup [options] <query...>
Looks up a code (-29036, 29036, X-ErrNo: -6101), a symbol (ERR_DOWN_NOTFINISHED_FILE) or words (signature expired).
A query that starts with a minus sign needs no "--": errcode lookup -29036.
${OUTPUT_OPTIONS}`,
  scan: `usage: errcode scan [options] [text...]
Finds and explains every error code in a log, a JSON body or a stack trace: the text given as arguments,
or else read from stdin (errcode scan < app.log, kubectl logs pod | errcode scan).
${OUTPUT_OPTIONS}`,
  catalog: `usage:
  errcode catalog export [--json]     every entry of every loaded catalog (tab-separated, or JSON)
  errcode catalog check [PATH...]     validates catalog files (default: CATALOG_PATHS) with the built-in ones`,
};

const USAGE = `usage:
  errcode lookup [options] <query...>     a code, a symbol or words
  errcode scan [options] [text...]        every code in a text (arguments, or stdin)
  errcode catalog export [--json]
  errcode catalog check [PATH...]
  errcode catalog import --from csv|markdown|enum --id ID [--name NAME] [--out FILE] FILE
  errcode <command> --help                that command's options

Catalogs: the built-in ones plus CATALOG_PATHS (comma-separated files or folders).
Exit status: 0 found something, 1 found nothing, 2 usage or catalog error.`;

class UsageError extends Error {
  constructor(
    message: string,
    /** The usage text to print with it: the subcommand's own when known. */
    readonly usage = USAGE,
  ) {
    super(message);
  }
}

/** `--help` anywhere among a subcommand's arguments (before a `--`). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

// A reader that goes away (`errcode catalog export --json | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

function out(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

function extraCatalogPaths(): string[] {
  loadDotenv({ quiet: true });
  return (process.env.CATALOG_PATHS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

export function entryJson(entry: Entry) {
  return {
    catalog: entry.catalog,
    code: String(entry.code),
    name: entry.name ?? entry.symbols[0] ?? null,
    symbols: entry.symbols,
    en: entry.en,
    zh: entry.zh ?? null,
    guidance: entry.guidance ?? null,
    category: entry.category ?? null,
    retry: entry.retry ?? null,
    http: entry.http ?? null,
    related: entry.related ?? [],
    notes: entry.notes ?? [],
    owner: entry.owner ?? null,
    runbook: entry.runbook ?? null,
    definitions: entry.definitions ?? [],
  };
}

function matchJson(match: Match) {
  return { ...entryJson(match.entry), matched_by: match.via, score: Number(match.score.toFixed(3)) };
}

const common = {
  json: { type: "boolean", default: false },
  all: { type: "boolean", default: false },
  lang: { type: "string", default: "en" },
  render: { type: "string" },
  catalog: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

// A negative code looks like an option to parseArgs: `lookup --json -29036` must still read -29036 as the query.
const NEGATIVE_CODE = /^[-\u2212\uFF0D]\d/;
const SHIELD = "\u0000";

function parse(args: string[], usage = USAGE) {
  const shielded = args.map((a) => (NEGATIVE_CODE.test(a) ? SHIELD + a : a));
  let parsed;
  try {
    parsed = parseArgs({ args: shielded, options: common, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages are long and quote oddly; name the option and show this command's usage.
    const option = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    throw new UsageError(option ? `unknown option ${option}` : (error as Error).message, usage);
  }
  const values = parsed.values;
  const positionals = parsed.positionals.map((p) => (p.startsWith(SHIELD) ? p.slice(1) : p));
  if (values.lang !== "en" && values.lang !== "zh") throw new UsageError(`--lang must be en or zh, not "${values.lang}"`, usage);
  if (values.render && !RENDER_TARGETS.includes(values.render as RenderTarget)) throw new UsageError(`--render must be one of ${RENDER_TARGETS.join(", ")}`, usage);
  return { ...values, lang: values.lang as Lang, render: values.render as RenderTarget | undefined, positionals };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `--catalog` as an id or alias (`cos`), resolved to the catalog's id. */
function catalogOption(errcode: Errcode, value: string | undefined, usage: string): string | undefined {
  if (value === undefined) return undefined;
  const id = errcode.index.catalogFor(value);
  if (!id) throw new UsageError(`--catalog: no catalog "${value}" (have ${errcode.index.catalogs.map((c) => c.id).join(", ")})`, usage);
  return id;
}

async function runLookup(args: string[]): Promise<number> {
  const usage = HELP.lookup;
  if (wantsHelp(args)) return help(usage);
  const options = parse(args, usage);
  const query = options.positionals.join(" ").trim();
  if (!query) throw new UsageError("lookup needs a query", HELP.lookup);
  const errcode = Errcode.load(extraCatalogPaths());
  const catalog = catalogOption(errcode, options.catalog, usage);
  const result = lookup(errcode.index, query, { catalog });
  if (options.json) {
    out(JSON.stringify({ query, results: result.matches.map(matchJson), suggestions: result.suggestions.map(entryJson) }, null, 2));
  } else {
    const reply = lookupReply(errcode.index, result, { lang: options.lang, all: options.all, catalog });
    out(await renderFor(options.render ?? "terminal", reply, { color: process.stdout.isTTY, width: process.stdout.columns }));
  }
  return result.matches.length > 0 ? 0 : 1;
}

async function runScan(args: string[]): Promise<number> {
  const usage = HELP.scan;
  if (wantsHelp(args)) return help(usage);
  const options = parse(args, usage);
  if (options.positionals.length === 0 && process.stdin.isTTY) process.stderr.write("errcode scan: reading the text to scan from stdin (end with Ctrl+D; or pass it as arguments)\n");
  const text = options.positionals.length > 0 ? options.positionals.join(" ") : await readStdin();
  if (!text.trim()) throw new UsageError("scan needs text: as arguments, or on stdin", HELP.scan);
  const errcode = Errcode.load(extraCatalogPaths());
  const catalog = catalogOption(errcode, options.catalog, usage);
  const detections = errcode.scan(text, EXPLICIT_CONFIDENCE, catalog);
  if (options.json) {
    out(
      JSON.stringify(
        {
          detections: detections.map((d) => ({
            catalog: d.catalog,
            code: String(d.code),
            name: d.entry.name ?? d.entry.symbols[0] ?? null,
            en: d.entry.en,
            confidence: Number(d.confidence.toFixed(3)),
            auto: d.confidence >= AUTO_REPLY_CONFIDENCE,
            reason: d.reason,
            evidence: d.evidence,
            request_id: d.requestId ?? null,
          })),
          // Places that may hold a code which the scan's budget left unread (0 for any chat-sized text).
          unread: detections.unread,
        },
        null,
        2,
      ),
    );
  } else {
    const reply = detectionsReply(errcode.index, text, detections, { lang: options.lang, all: options.all });
    out(await renderFor(options.render ?? "terminal", reply, { color: process.stdout.isTTY, width: process.stdout.columns }));
  }
  return detections.length > 0 ? 0 : 1;
}

async function runCatalog(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h" || wantsHelp(rest)) return help(HELP.catalog);
  if (sub === "export") {
    const options = parse(rest, HELP.catalog);
    const index = new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, ...extraCatalogPaths()]));
    if (options.json) out(JSON.stringify(index.entries.map(entryJson), null, 2));
    else out(index.entries.map((e) => `${e.catalog}\t${e.code}\t${e.symbols.join(" / ")}\t${e.en}`).join("\n"));
    return 0;
  }
  if (sub === "check") {
    const { positionals } = parse(rest, HELP.catalog);
    // Loaded exactly as start-up loads them (with the built-in catalogs, into the search index): whatever would
    // stop start-up, an id or alias clash included, stops the check too.
    const extra = positionals.length ? positionals : extraCatalogPaths();
    const { catalogs, entries } = Errcode.load(extra, { warm: true }).index;
    // The built-in folder named again on the command line is one set of files, not two.
    const files = new Set(catalogFiles([BUILTIN_CATALOG_DIR, ...extra]).map((file) => resolvePath(file)));
    out(`ok: ${catalogs.length} catalog(s), ${entries.length} entries in ${files.size} file(s)`);
    return 0;
  }
  if (sub === "import") return runImport(rest);
  throw new UsageError(`unknown catalog command "${sub}"`, HELP.catalog);
}

function help(text: string): number {
  out(text);
  return 0;
}

/** Writes a catalog YAML from a team's table or enum; it is checked by the schema before it is written. */
async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { from: { type: "string" }, id: { type: "string" }, name: { type: "string" }, out: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const format = values.from as ImportFormat;
  if (!IMPORT_FORMATS.includes(format)) throw new UsageError(`import: --from must be one of ${IMPORT_FORMATS.join(", ")}`);
  if (!values.id) throw new UsageError("import: --id is required (the new catalog's id, e.g. payments)");
  if (positionals.length !== 1) throw new UsageError("import: give exactly one FILE to read");
  const file = positionals[0]!;
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`import: cannot read ${file}: ${(error as Error).message}`);
  }
  const { importCatalog } = await import("./catalog/import/index.js");
  let imported;
  try {
    imported = importCatalog(format, source, { id: values.id, name: values.name });
  } catch (error) {
    process.stderr.write(`errcode: import: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const target = values.out ?? `${values.id}.yaml`;
  parseCatalog(target, imported.yaml);
  for (const warning of imported.warnings) process.stderr.write(`warning: ${file}: ${warning}\n`);
  if (!values.out) {
    out(imported.yaml);
    return 0;
  }
  if (existsSync(values.out)) throw new UsageError(`import: ${values.out} already exists; choose another --out or remove it`);
  writeFileSync(values.out, imported.yaml);
  process.stderr.write(`wrote ${values.out}: ${imported.entries} codes; fill in owner, runbook and detect, then run: errcode catalog check ${values.out}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "lookup":
        return await runLookup(args);
      case "scan":
        return await runScan(args);
      case "catalog":
        return await runCatalog(args);
      case "help":
      case "--help":
      case "-h":
        out(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "no command given");
    }
  } catch (error) {
    if (error instanceof CatalogError) {
      process.stderr.write(`catalog error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`errcode: ${error.message}\n${error.usage}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
