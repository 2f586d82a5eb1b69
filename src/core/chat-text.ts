// Chat markup to plain text, before detection: Slack escapes and link syntax, mentions, code fences.
import { normalizeText } from "./query.js";

const SLACK_ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&" };

/**
 * Slack wraps links and mentions in angle brackets: `<https://x|label>`, `<@U123>`, `<!here>`, `<#C1|general>`.
 * Links and mentions hold ids and URLs, never error codes, so they are blanked out (keeping a label, which
 * a person wrote). Spans are kept as spaces, not removed, so offsets stay meaningful and words don't merge.
 */
function blankSlackSpecials(text: string): string {
  return text.replace(/<([^<>\n]{1,2000})>/g, (whole, inner: string) => {
    if (/^(?:https?:|mailto:|[@#!])/.test(inner)) {
      const bar = inner.indexOf("|");
      const label = bar >= 0 && !inner.startsWith("@") && !inner.startsWith("!") ? inner.slice(bar + 1) : "";
      return ` ${label}`.padEnd(whole.length, " ");
    }
    return whole;
  });
}

export function chatToPlainText(text: string): string {
  const withoutMarkup = blankSlackSpecials(text)
    .replace(/```[a-z0-9_+-]*\n?/gi, "\n")
    .replace(/&(?:lt|gt|amp);/g, (entity) => SLACK_ENTITIES[entity]!);
  return normalizeText(withoutMarkup);
}
