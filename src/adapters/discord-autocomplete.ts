// Autocomplete choices for /errcode query: straight from the core's in-memory lookup, nothing awaited.
import type { APIApplicationCommandOptionChoice } from "discord.js";
import type { CatalogIndex } from "../catalog/catalog-index.js";
import type { Entry } from "../catalog/schema.js";
import type { Lang } from "../core/card.js";
import { lookup } from "../core/lookup.js";

export const MAX_AUTOCOMPLETE_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;
/** What people type into an autocompleted box is short; a pasted log is looked up when sent, not per keystroke. */
const MAX_TYPED = 200;

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

/**
 * Up to 25 suggestions for what has been typed so far: the lookup's matches first, then the index's nearest codes
 * and symbols (so `-2903` already offers -29036 while it is being typed).
 */
export function autocompleteChoices(index: CatalogIndex, typed: string, options: { catalog?: string; lang: Lang }): APIApplicationCommandOptionChoice<string>[] {
  const text = typed.trim().slice(0, MAX_TYPED);
  if (!text) return [];
  const result = lookup(index, text, { catalog: options.catalog });
  const near = index.closest(text, MAX_AUTOCOMPLETE_CHOICES).filter((e) => !options.catalog || e.catalog === options.catalog);
  const entries = [...result.matches.map((m) => m.entry), ...near];
  const seen = new Set<string>();
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const entry of entries) {
    const choice = choiceFor(entry, options.lang);
    if (seen.has(choice.value)) continue;
    seen.add(choice.value);
    choices.push(choice);
    if (choices.length === MAX_AUTOCOMPLETE_CHOICES) break;
  }
  return choices;
}
