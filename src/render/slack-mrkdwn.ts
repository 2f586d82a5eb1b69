// Text for Slack: escaped so that no input can become markup (a mention, a link, a broadcast), and cut to
// Slack's limits without splitting an entity or a surrogate pair.

import { ELLIPSIS } from "../core/text-fit.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Once `<` is escaped, `<!here>` cannot be written; a bare "@here" is also defused (a word joiner after the @)
// in case a surface ever auto-parses it.
const BROADCAST_WORD = /@(here|channel|everyone)\b/gi;
// Control characters other than tab and newline have no business in a chat message; bidi embeddings, overrides,
// isolates and marks would let a pasted filename read backwards.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function neutralise(text: string): string {
  return text.replace(CONTROL, "").replace(BROADCAST_WORD, "@\u2060$1");
}

// Slack has no escape for its formatting marks. A date token with an invalid format always shows its fallback
// text, unformatted, so a mark that could open or close formatting is written as one (as jsx-slack's <Escape>
// does). A mark between two letters or digits formats nothing (ERR_DOWN_NOTFINISHED_FILE) and stays as it is.
const FORMAT_MARK = new Set(["*", "_", "~", "`"]);
const literalMark = (mark: string) => `<!date^00000000^{_}|${mark}>`;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// A `>` starting a line would quote it; an invisible soft hyphen in front keeps it a character.
const SOFT_HYPHEN = "\u00ad";

type Mode = "mrkdwn" | "plain";

/** The escaped form of each character of `text`, in order, so that a cut between two of them splits nothing. */
function escapedPieces(text: string, mode: Mode): string[] {
  const chars = [...neutralise(text)];
  return chars.map((ch, i) => {
    if (mode === "mrkdwn" && FORMAT_MARK.has(ch)) {
      const loose = !WORD_CHAR.test(chars[i - 1] ?? " ") || !WORD_CHAR.test(chars[i + 1] ?? " ");
      if (loose) return literalMark(ch);
    }
    if (mode === "mrkdwn" && ch === ">" && (i === 0 || chars[i - 1] === "\n")) return `${SOFT_HYPHEN}&gt;`;
    return ENTITIES[ch] ?? ch;
  });
}

/**
 * Escapes `&`, `<` and `>` (and defuses @here/@channel/@everyone, drops control and bidi characters) in text for
 * any Slack text object; in mrkdwn also every formatting mark, so the text shows literally.
 */
export function escapeSlack(text: string, mode: Mode = "mrkdwn"): string {
  return escapedPieces(text, mode).join("");
}

/** Slack decodes only these three entities in incoming text; this undoes them (for a typed query). */
export function unescapeSlack(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) => (name === "lt" ? "<" : name === "gt" ? ">" : "&"));
}

/**
 * Escapes `text` and, when the result is longer than `max`, cuts it to `max` characters ending in "…".
 * Cuts happen between whole characters of the original text, so an entity or a literal mark is never split.
 * `plain` is for plain_text objects (headers, buttons) and the fallback text, where Slack parses no formatting.
 */
export function fitText(text: string, max: number, mode: Mode = "mrkdwn"): string {
  const pieces = escapedPieces(text, mode);
  const escaped = pieces.join("");
  if (escaped.length <= max) return escaped;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let out = "";
  for (const piece of pieces) {
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
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
