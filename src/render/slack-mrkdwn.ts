// Text for Slack: escaped so that no input can become markup (a mention, a link, a broadcast), and cut to
// Slack's limits without splitting an entity or a surrogate pair.

import { fitText as fitEscaped } from "../core/text-fit.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Once `<` is escaped, `<!here>` cannot be written; a bare "@here" is also defused (a word joiner after the @)
// in case a surface ever auto-parses it.
const BROADCAST_WORD = /@(here|channel|everyone)\b/gi;
// Control characters other than tab and newline have no business in a chat message.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

function neutralise(text: string): string {
  return text.replace(CONTROL, "").replace(BROADCAST_WORD, "@\u2060$1");
}

/** Escapes `&`, `<` and `>` (and defuses @here/@channel/@everyone) in text for any Slack text object. */
export function escapeSlack(text: string): string {
  return neutralise(text).replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/** Slack decodes only these three entities in incoming text; this undoes them (for a typed query). */
export function unescapeSlack(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) => (name === "lt" ? "<" : name === "gt" ? ">" : "&"));
}

/** Escapes `text` and, when the result is longer than `max`, cuts it to `max` characters ending in "…" (never inside an entity). */
export function fitText(text: string, max: number): string {
  return fitEscaped(escapeSlack(text), max);
}

/**
 * A URL ready to go inside `<url|label>`: only http(s), nothing that could end the link early (`<`, `>`, `|`,
 * spaces), and its `&` escaped like all other text. Undefined for anything else.
 */
export function linkableUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 1000) return undefined;
  return /^https?:\/\/[^\s<>|"`]+$/i.test(url) ? url.replace(/&/g, "&amp;") : undefined;
}

/** "1 card" / "3 cards". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
