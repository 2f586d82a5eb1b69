import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";
import { parseQuery, type ParsedQuery } from "./query.js";

export type MatchKind = "code" | "symbol" | "alias" | "symbol-part" | "message" | "text";

export interface Match {
  entry: Entry;
  via: MatchKind;
  score: number;
}

export interface LookupResult {
  query: string;
  parsed: ParsedQuery;
  matches: Match[];
  /** Close codes, symbols or entries below the search's floor: "did you mean", filled only when nothing matched. */
  suggestions: Entry[];
}

function byCatalogOrder(index: CatalogIndex) {
  const order = new Map(index.catalogs.map((c, i) => [c.id, i]));
  const documented = (m: Match) => m.entry.definitions?.length ?? 0;
  // Ties: the entry more documents define first (COS before the image service for a shared PROXY code).
  return (a: Match, b: Match) => b.score - a.score || documented(b) - documented(a) || order.get(a.entry.catalog)! - order.get(b.entry.catalog)!;
}

function codeMatches(index: CatalogIndex, code: number, signed: boolean, catalog?: string): Match[] {
  // People drop the minus sign: 29036 means -29036 unless some catalog really has +29036.
  let entries = index.byExactCode(code, catalog);
  if (entries.length === 0 && !signed && code > 0) entries = index.byExactCode(-code, catalog);
  return entries.map((entry) => ({ entry, via: "code" as const, score: 100 }));
}

function aliasMatches(index: CatalogIndex, name: string, catalog?: string): Match[] {
  // S3 / COS XML API names (NoSuchBucket, InvalidAccessKeyId) for the same error.
  return index.byExactAlias(name, catalog).map((entry) => ({ entry, via: "alias" as const, score: 90 }));
}

function symbolMatches(index: CatalogIndex, symbol: string, catalog?: string): Match[] {
  const exact = index.byExactSymbol(symbol, catalog);
  if (exact.length > 0) return exact.map((entry) => ({ entry, via: "symbol" as const, score: 90 }));
  const alias = aliasMatches(index, symbol, catalog);
  if (alias.length > 0) return alias;
  if (symbol.length < 4) return [];
  return index.bySymbolPart(symbol, catalog).map((entry, rank) => ({ entry, via: "symbol-part" as const, score: 80 - rank * 0.01 }));
}

function textMatches(index: CatalogIndex, text: string, catalog?: string): { matches: Match[]; near: Entry[] } {
  // An UpYun message pasted whole ("file or directory not found") is that entry's symbol.
  const message = index.byExactSymbol(text.trim(), catalog);
  if (message.length > 0) return { matches: message.map((entry) => ({ entry, via: "message" as const, score: 90 })), near: [] };
  const alias = aliasMatches(index, text.trim(), catalog);
  if (alias.length > 0) return { matches: alias, near: [] };
  const { hits, near } = index.search(text, { catalog });
  return { matches: hits.map(({ entry, score }) => ({ entry, via: "text" as const, score })), near: near.map((s) => s.entry) };
}

export function lookup(index: CatalogIndex, query: string, options: { catalog?: string } = {}): LookupResult {
  const parsed = parseQuery(query, (word) => index.catalogFor(word));
  const catalog = options.catalog ?? parsed.catalog;
  let matches: Match[] = [];
  let near: Entry[] = [];
  switch (parsed.kind) {
    case "empty":
      break;
    case "code":
      matches = codeMatches(index, parsed.code, parsed.signed, catalog);
      break;
    case "symbol":
      matches = symbolMatches(index, parsed.symbol, catalog);
      // A misspelt symbol is better answered with "did you mean" than with loose word matches.
      if (matches.length === 0 && index.closest(parsed.symbol).length === 0) ({ matches, near } = textMatches(index, parsed.symbol, catalog));
      break;
    case "text":
      ({ matches, near } = textMatches(index, parsed.text, catalog));
      break;
  }
  matches.sort(byCatalogOrder(index));
  const suggestions =
    matches.length === 0 && parsed.kind !== "empty"
      ? uniqueEntries([...index.closest(parsed.kind === "code" ? String(parsed.code) : parsed.kind === "symbol" ? parsed.symbol : parsed.text), ...near]).slice(0, 5)
      : [];
  return { query, parsed: { ...parsed, catalog }, matches, suggestions };
}

function uniqueEntries(entries: Entry[]): Entry[] {
  return [...new Set(entries)];
}
