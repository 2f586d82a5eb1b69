import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";
import { lookup } from "./lookup.js";
import { normalizeText } from "./query.js";

/** What people type into an autocompleted box is short; a pasted log is looked up when sent, not per keystroke. */
const MAX_TYPED = 200;

/** Codes whose digits start with what has been typed so far: `-2903` offers -29030..-29039 while typing. */
function codePrefixMatches(index: CatalogIndex, typed: string, catalog?: string): Entry[] {
  const match = typed.match(/^([-+]?)(\d+)$/);
  if (!match) return [];
  const [, sign, digits] = match;
  return index.entries
    .filter((e) => (!catalog || e.catalog === catalog) && String(Math.abs(e.code)).startsWith(digits!) && (sign !== "-" || e.code < 0))
    .sort((a, b) => String(Math.abs(a.code)).length - String(Math.abs(b.code)).length || Math.abs(a.code) - Math.abs(b.code));
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
  add(lookup(index, text, { catalog: options.catalog }).matches.map((m) => m.entry));
  add(codePrefixMatches(index, text, options.catalog));
  add(index.closest(text, limit));
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
