import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Code } from "../catalog/code.js";
import type { Entry } from "../catalog/schema.js";
import { parseQuery, type ParsedQuery } from "./query.js";

export type MatchKind = "code" | "symbol" | "symbol-part" | "message" | "text";

export interface Match {
  entry: Entry;
  via: MatchKind;
  score: number;
}

export interface LookupResult {
  query: string;
  parsed: ParsedQuery;
  matches: Match[];
  /** Close codes or symbols, filled only when nothing matched. */
  suggestions: Entry[];
}

function byCatalogOrder(index: CatalogIndex) {
  const order = new Map(index.catalogs.map((c, i) => [c.id, i]));
  const documented = (m: Match) => m.entry.definitions?.length ?? 0;
  // Ties: the entry more documents define first (COS before the image service for a shared PROXY code).
  return (a: Match, b: Match) => b.score - a.score || documented(b) - documented(a) || order.get(a.entry.catalog)! - order.get(b.entry.catalog)!;
}

function codeMatches(index: CatalogIndex, code: Code, signed: boolean, catalog?: string): Match[] {
  // People drop the minus sign: 29036 means -29036 unless some catalog really has +29036.
  let entries = index.byExactCode(code, catalog);
  if (entries.length === 0 && !signed && typeof code === "number" && code > 0) entries = index.byExactCode(-code, catalog);
  return entries.map((entry) => ({ entry, via: "code" as const, score: 100 }));
}

function symbolMatches(index: CatalogIndex, symbol: string, catalog?: string): Match[] {
  const exact = index.byExactSymbol(symbol, catalog);
  if (exact.length > 0) return exact.map((entry) => ({ entry, via: "symbol" as const, score: 90 }));
  if (symbol.length < 4) return [];
  return index.bySymbolPart(symbol, catalog).map((entry, rank) => ({ entry, via: "symbol-part" as const, score: 80 - rank * 0.01 }));
}

function textMatches(index: CatalogIndex, text: string, catalog?: string): Match[] {
  // An UpYun message pasted whole ("file or directory not found") is that entry's symbol.
  const message = index.byExactSymbol(text.trim(), catalog);
  if (message.length > 0) return message.map((entry) => ({ entry, via: "message" as const, score: 90 }));
  return index.search(text, { catalog }).map(({ entry, score }) => ({ entry, via: "text" as const, score }));
}

export function lookup(index: CatalogIndex, query: string, options: { catalog?: string } = {}): LookupResult {
  const parsed = parseQuery(query, (word) => index.catalogFor(word), (token) => index.hasTokenCode(token));
  const catalog = options.catalog ?? parsed.catalog;
  let matches: Match[] = [];
  switch (parsed.kind) {
    case "empty":
      break;
    case "code":
      matches = codeMatches(index, parsed.code, parsed.signed, catalog);
      break;
    case "symbol":
      matches = symbolMatches(index, parsed.symbol, catalog);
      // A misspelt symbol is better answered with "did you mean" than with loose word matches.
      if (matches.length === 0 && index.closest(parsed.symbol).length === 0) matches = textMatches(index, parsed.symbol, catalog);
      break;
    case "text":
      matches = textMatches(index, parsed.text, catalog);
      break;
  }
  matches.sort(byCatalogOrder(index));
  const suggestions =
    matches.length === 0 && parsed.kind !== "empty"
      ? index.closest(parsed.kind === "code" ? String(parsed.code) : parsed.kind === "symbol" ? parsed.symbol : parsed.text)
      : [];
  return { query, parsed: { ...parsed, catalog }, matches, suggestions };
}
