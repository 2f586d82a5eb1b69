import type { Card, Reply, Severity } from "../core/card.js";

export interface TerminalOptions {
  color?: boolean;
  width?: number;
}

const SEVERITY_MARK: Record<Severity, string> = { info: "ℹ", warning: "▲", error: "✖" };
const SEVERITY_COLOR: Record<Severity, number> = { info: 36, warning: 33, error: 31 };

/** Strips control and bidi characters so pasted text cannot move the cursor, recolour the terminal or read backwards. */
function safe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

function wrap(text: string, width: number, indent: string): string {
  return safe(text)
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(/ +/)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      lines.push(line);
      return lines.map((l) => indent + l).join("\n");
    })
    .join("\n");
}

function renderCard(card: Card, paint: (code: number, s: string) => string, width: number): string {
  const out: string[] = [];
  out.push(paint(SEVERITY_COLOR[card.severity], `${SEVERITY_MARK[card.severity]} ${safe(card.title)}`));
  if (card.subtitle) out.push(paint(2, `  ${safe(card.subtitle)}`));
  out.push("", wrap(card.summary, width, "  "));
  for (const field of card.fields) out.push(`  ${paint(1, `${safe(field.label)}:`)} ${safe(field.value)}`);
  for (const section of card.sections) out.push("", paint(1, `  ${safe(section.title)}`), wrap(section.text, width, "    "));
  if (card.sourceNotes.length) {
    out.push("", paint(2, "  Sources"));
    for (const note of card.sourceNotes) out.push(paint(2, wrap(note, width, "    ")));
  }
  return out.join("\n");
}

/** A reply as a person reads it in a terminal; colour only when asked (a TTY). */
export function renderTerminal(reply: Reply, options: TerminalOptions = {}): string {
  const width = Math.max(40, Math.min(options.width ?? 100, 160)) - 4;
  const paint = (code: number, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  // A one-card reply whose headline is the card's title (help, nothing found) says it once.
  const headline = reply.cards.length === 1 && reply.cards[0]!.title === reply.headline ? [] : [paint(1, safe(reply.headline))];
  const parts = [...headline, ...reply.cards.map((c) => renderCard(c, paint, width))];
  if (reply.omitted > 0) parts.push(`+${reply.omitted} more (ask with --all, or press "Show all matches" in chat)`);
  for (const note of reply.notes ?? []) parts.push(safe(note));
  return `${parts.join("\n\n")}\n`;
}
