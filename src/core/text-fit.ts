// The one way errcode shortens text for a limit (Slack blocks, Discord embeds, dropdown labels, quoted queries):
// a whole-character cut, an ellipsis, optionally how much was left out. Nothing is cut silently.

export const ELLIPSIS = "…";

/**
 * The longest start of `text` within `max` characters that ends on a whole character: never half a surrogate
 * pair, half an HTML entity (`&amp;`, which Slack text is full of), or a lone escaping backslash.
 */
function wholeHead(text: string, max: number): string {
  let head = text.slice(0, Math.max(0, max));
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const amp = head.lastIndexOf("&");
  if (amp >= 0 && !head.includes(";", amp) && /^&#?\w{1,8};/.test(text.slice(amp))) head = head.slice(0, amp);
  const backslashes = /\\+$/.exec(head)?.[0].length ?? 0;
  if (backslashes % 2 === 1) head = head.slice(0, -1);
  return head.trimEnd();
}

/**
 * `text` when it fits in `max` characters; otherwise its start and "…", never longer than `max`. With `unit`, the
 * cut also says how much was left out when there is room: `Lorem ipsum… (+1234 more)`.
 */
export function fitText(text: string, max: number, unit?: string): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  if (unit) {
    // The count has no more digits than the whole text's length, so this is the longest the suffix can be.
    const longestSuffix = `${ELLIPSIS} (+${text.length} ${unit})`.length;
    if (longestSuffix <= max) {
      const head = wholeHead(text, max - longestSuffix);
      return `${head}${ELLIPSIS} (+${text.length - head.length} ${unit})`;
    }
  }
  return `${wholeHead(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

/** Text on one line (runs of whitespace become one space), fitted to `max`. */
export function fitLine(text: string, max: number): string {
  // Autocomplete fits 25 labels a keystroke, nearly all already on one line: testing is cheaper than replacing.
  return fitText(NOT_ONE_LINE.test(text) ? text.replace(/\s+/g, " ").trim() : text, max);
}

/** Whitespace other than single spaces between words. */
const NOT_ONE_LINE = /\s\s|[^\S ]|^ | $/;
