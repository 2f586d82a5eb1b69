// Autocomplete choices for /errcode query: straight from the core's in-memory lookup, nothing awaited.
import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { Entry } from "../../catalog/schema.js";
import type { Lang } from "../../core/card.js";
import { suggest } from "../../core/suggest.js";

export const MAX_AUTOCOMPLETE_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** A dropdown label: no room for "+N more" there, so a long one simply ends in an ellipsis. */
function label(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= MAX_CHOICE_LENGTH ? flat : `${flat.slice(0, MAX_CHOICE_LENGTH - 1).replace(/[\ud800-\udbff]$/, "")}…`;
}

function choiceFor(entry: Entry, lang: Lang): APIApplicationCommandOptionChoice<string> {
  const meaning = (lang === "zh" && entry.zh?.trim()) || entry.en;
  const head = [String(entry.code), entry.symbols[0]].filter(Boolean).join(" ");
  // The value scopes the query to the entry's catalog, so picking a suggestion answers with exactly that entry.
  return { name: label(`${head} — ${meaning}`), value: `${entry.catalog} ${entry.code}` };
}

/** Up to 25 suggestions for what has been typed so far, as Discord choices. */
export function autocompleteChoices(index: CatalogIndex, typed: string, options: { catalog?: string; lang: Lang }): APIApplicationCommandOptionChoice<string>[] {
  return suggest(index, typed, { catalog: options.catalog, limit: MAX_AUTOCOMPLETE_CHOICES }).map((entry) => choiceFor(entry, options.lang));
}

/** The loaded catalogs whose id, name or an alias contains what has been typed, as choices for the `catalog` option. */
export function catalogChoices(index: CatalogIndex, typed: string): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return index.catalogs
    .filter((c) => !needle || [c.id, c.name, ...c.aliases].some((word) => word.toLowerCase().includes(needle)))
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((c) => ({ name: label(`${c.name} (${c.id})`), value: c.id.slice(0, MAX_CHOICE_LENGTH) }));
}
