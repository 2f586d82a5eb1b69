import type { CatalogIndex } from "../catalog/catalog-index.js";
import { CODE_TOKEN, compareCodes } from "../catalog/code.js";
import type { Entry } from "../catalog/schema.js";
import { lookup } from "./lookup.js";
import { normalizeText } from "./query.js";

/** What people type into an autocompleted box is short; a pasted log is looked up when sent, not per keystroke. */
const MAX_TYPED = 200;

/**
 * Codes that start with what has been typed so far: `-2903` offers -29030..-29039, `pay-10` offers PAY-1001...
 * while typing. Shorter codes (the closer fit) first.
 */
function codePrefixMatches(index: CatalogIndex, typed: string, catalog?: string): Entry[] {
  const integer = typed.match(/^([-+]?)(\d+)$/);
  if (!integer && !CODE_TOKEN.test(typed)) return [];
  const sign = integer?.[1];
  const prefix = integer ? integer[2]! : typed.toUpperCase();
  // Digits typed may also begin a string code (`500` -> `5001-A`); a minus only an integer.
  const lists = integer ? (sign === "-" ? [index.integerDigits] : [index.integerDigits, index.tokenCodes]) : [index.tokenCodes];
  const found = lists.flatMap((list) =>
    list.filter(([digits, e]) => digits.startsWith(prefix) && (sign !== "-" || (e.code as number) < 0) && (!catalog || e.catalog === catalog)),
  );
  return found.sort(([a], [b]) => a.length - b.length || compareCodes(a, b)).map(([, e]) => e);
}

/**
 * Suggestions while someone types (autocomplete): the lookup's own matches first, then codes that start with
 * the typed digits, then the nearest codes and symbols. Memory only, nothing awaited.
 */
export function suggest(index: CatalogIndex, typed: string, options: { catalog?: string; limit?: number } = {}): Entry[] {
  const text = normalizeText(typed).trim().slice(0, MAX_TYPED);
  if (!text) return [];
  const limit = options.limit ?? 25;
  const found = new Set<Entry>();
  const add = (entries: Entry[]) => {
    for (const entry of entries) if (found.size < limit && (!options.catalog || entry.catalog === options.catalog)) found.add(entry);
  };
  add(lookup(index, text, { catalog: options.catalog, suggestions: false }).matches.map((m) => m.entry));
  add(codePrefixMatches(index, text, options.catalog));
  if (found.size < limit) add(index.closest(text, limit));
  return [...found];
}

/** Catalogs whose id, name or alias contains what was typed, for a catalog picker. */
export function catalogsMatching(index: CatalogIndex, typed: string, limit: number): Array<{ id: string; name: string }> {
  const needle = typed.trim().toLowerCase();
  return index.catalogs.filter((c) => !needle || [c.id, c.name, ...c.aliases].some((word) => word.toLowerCase().includes(needle))).slice(0, limit);
}

/** The catalog a typed id, alias or name means, if any. */
export function catalogNamed(index: CatalogIndex, typed: string | null | undefined): string | undefined {
  const word = typed?.trim();
  if (!word) return undefined;
  return index.catalogFor(word) ?? index.catalogs.find((c) => c.name.toLowerCase() === word.toLowerCase())?.id;
}
