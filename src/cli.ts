#!/usr/bin/env node
import { config as loadDotenv } from "dotenv";
import { parseArgs } from "node:util";
import { CatalogIndex } from "./catalog/catalog-index.js";
import { BUILTIN_CATALOG_DIR, CatalogError, catalogFiles, loadCatalogs } from "./catalog/loader.js";
import type { Entry } from "./catalog/schema.js";
import type { Lang } from "./core/card.js";
import { AUTO_REPLY_CONFIDENCE, EXPLICIT_CONFIDENCE } from "./core/detect/index.js";
import { Errcode } from "./core/errcode.js";
import { detectionsReply, lookupReply } from "./core/explain.js";
import { lookup, type Match } from "./core/lookup.js";
import { RENDER_TARGETS, renderFor, type RenderTarget } from "./render/index.js";

const USAGE = `usage:
  errcode lookup [--catalog ID] [--json] [--all] [--lang en|zh] [--render terminal|slack|discord] <query...>
  errcode scan [--catalog ID] [--json] [--all] [--lang en|zh] [--render terminal|slack|discord]   (text on stdin)
  errcode catalog export [--json]
  errcode catalog check [PATH...]

Catalogs: the built-in ones plus CATALOG_PATHS (comma-separated files or folders).
Exit status: 0 found something, 1 found nothing, 2 usage or catalog error.`;

class UsageError extends Error {}

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
} as const;

// A negative code looks like an option to parseArgs: `lookup --json -29036` must still read -29036 as the query.
const NEGATIVE_CODE = /^[-\u2212\uFF0D]\d/;
const SHIELD = "\u0000";

function parse(args: string[]) {
  const shielded = args.map((a) => (NEGATIVE_CODE.test(a) ? SHIELD + a : a));
  const parsed = parseArgs({ args: shielded, options: common, allowPositionals: true, strict: true });
  const values = parsed.values;
  const positionals = parsed.positionals.map((p) => (p.startsWith(SHIELD) ? p.slice(1) : p));
  if (values.lang !== "en" && values.lang !== "zh") throw new UsageError(`--lang must be en or zh, not "${values.lang}"`);
  if (values.render && !RENDER_TARGETS.includes(values.render as RenderTarget)) throw new UsageError(`--render must be one of ${RENDER_TARGETS.join(", ")}`);
  return { ...values, lang: values.lang as Lang, render: values.render as RenderTarget | undefined, positionals };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function runLookup(args: string[]): Promise<number> {
  const options = parse(args);
  const query = options.positionals.join(" ").trim();
  if (!query) throw new UsageError("lookup needs a query");
  const errcode = Errcode.load(extraCatalogPaths());
  if (options.catalog && !errcode.index.catalogs.some((c) => c.id === options.catalog)) {
    throw new UsageError(`--catalog: no catalog "${options.catalog}" (have ${errcode.index.catalogs.map((c) => c.id).join(", ")})`);
  }
  const result = lookup(errcode.index, query, { catalog: options.catalog });
  if (options.json) {
    out(JSON.stringify({ query, results: result.matches.map(matchJson), suggestions: result.suggestions.map(entryJson) }, null, 2));
  } else {
    const reply = lookupReply(errcode.index, result, { lang: options.lang, all: options.all, catalog: options.catalog });
    out(await renderFor(options.render ?? "terminal", reply, { color: process.stdout.isTTY, width: process.stdout.columns }));
  }
  return result.matches.length > 0 ? 0 : 1;
}

async function runScan(args: string[]): Promise<number> {
  const options = parse(args);
  const text = await readStdin();
  const errcode = Errcode.load(extraCatalogPaths());
  if (options.catalog && !errcode.index.catalogs.some((c) => c.id === options.catalog)) {
    throw new UsageError(`--catalog: no catalog "${options.catalog}" (have ${errcode.index.catalogs.map((c) => c.id).join(", ")})`);
  }
  const detections = errcode.scan(text, EXPLICIT_CONFIDENCE, options.catalog);
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
  if (sub === "export") {
    const options = parse(rest);
    const index = new CatalogIndex(loadCatalogs([BUILTIN_CATALOG_DIR, ...extraCatalogPaths()]));
    if (options.json) out(JSON.stringify(index.entries.map(entryJson), null, 2));
    else out(index.entries.map((e) => `${e.catalog}\t${e.code}\t${e.symbols.join(" / ")}\t${e.en}`).join("\n"));
    return 0;
  }
  if (sub === "check") {
    const { positionals } = parse(rest);
    // Loaded exactly as start-up loads them (with the built-in catalogs, into the search index): whatever would
    // stop start-up, an id or alias clash included, stops the check too.
    const extra = positionals.length ? positionals : extraCatalogPaths();
    const { catalogs, entries } = Errcode.load(extra).index;
    out(`ok: ${catalogs.length} catalog(s), ${entries.length} entries in ${catalogFiles([BUILTIN_CATALOG_DIR, ...extra]).length} file(s)`);
    return 0;
  }
  throw new UsageError(`unknown catalog command "${sub ?? ""}"`);
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
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`errcode: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
