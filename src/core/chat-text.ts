// Chat markup to plain text, before detection: Slack escapes and link syntax, mentions, code fences,
// full-width forms and the minus signs people paste.
import { normalizeText } from "./query.js";

/** Discord's custom emoji `<:name:123>` and timestamps `<t:1715588504:R>`: ids and times, never codes. */
const DISCORD_TOKEN = /^(?:a?:\w{1,64}:\d{1,20}|t:-?\d{1,16}(?::[tTdDfFR])?)$/;

/**
 * Slack wraps links and mentions in angle brackets (Discord does the same for mentions, and for links it should not
 * preview): `<https://x|label>`, `<@U123>`, `<!here>`, `<#C1|general>`.
 * Mentions and broadcasts hold ids, never error codes, so they are blanked out. A link keeps its URL (the host
 * says which service a message is about; numbers inside URLs are skipped later) and its label, which a person wrote.
 * Real angle brackets in user text arrive escaped (`&lt;`), so every `<...>` here is Slack's own markup.
 */
function unwrapAngleBrackets(text: string): string {
  return text.replace(/<([^<>\n]{1,2000})>/g, (whole, inner: string) => {
    const bar = inner.indexOf("|");
    if (/^[@!]/.test(inner) || DISCORD_TOKEN.test(inner)) return " ";
    if (inner.startsWith("#")) return bar >= 0 ? ` #${inner.slice(bar + 1)} ` : " ";
    if (/^(?:https?|mailto|ftp):/i.test(inner)) return bar >= 0 ? ` ${inner.slice(0, bar)} ${inner.slice(bar + 1)} ` : ` ${inner} `;
    return whole;
  });
}

/** Zero-width characters that chat clients and copy-paste leave between digits. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Characters any of the steps below would change: without them (plain ASCII logs), the text is already plain. */
const NEEDS_WORK = /[<&`\u0080-\uffff]/;

export function chatToPlainText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  // A fence only delimits; its language tag (```json) is a harmless word, and text may follow on the same line.
  const unfenced = unwrapAngleBrackets(text).replace(/```/g, "\n");
  return normalizeText(decodeEntities(unfenced).replace(INVISIBLE, ""));
}

/**
 * Slack's three escapes (`&lt;`, `&gt;`, `&amp;`) decoded in one left-to-right pass, so `&amp;lt;` is the text
 * `&lt;`, not `<`. One pass, no callback per entity: a paste can hold hundreds of thousands of them.
 */
export function decodeEntities(text: string): string {
  let at = text.indexOf("&");
  if (at < 0) return text;
  let out = "";
  let copied = 0;
  while (at >= 0) {
    const length = text.startsWith("lt;", at + 1) || text.startsWith("gt;", at + 1) ? 4 : text.startsWith("amp;", at + 1) ? 5 : 0;
    if (length === 0) {
      at = text.indexOf("&", at + 1);
      continue;
    }
    out += text.slice(copied, at) + (length === 5 ? "&" : text.charCodeAt(at + 1) === 108 ? "<" : ">");
    copied = at + length;
    at = text.indexOf("&", copied);
  }
  return out + text.slice(copied);
}
