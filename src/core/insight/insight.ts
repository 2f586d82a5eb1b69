// What the occurrence counts say, as cards: the "Seen N times" line, `/errcode top`, and "Copy for support".
import type { CatalogIndex } from "../../catalog/catalog-index.js";
import type { Card, Reply } from "../card.js";
import { entryTitle } from "../explain.js";
import type { Conversation } from "../events.js";
import { fitLine } from "../text-fit.js";
import { WINDOWS, type CodeRef, type CodeStats, type InsightWindow, type Occurrences } from "./occurrences.js";

export const SEEN_LABEL = "Seen";
/** The window the card's line counts over. */
const CARD_WINDOW: InsightWindow = "1h";
const TOP_LIMIT = 10;
/** The window before counts this many times more (or less) for the trend to be rising (or falling). */
const TREND_FACTOR = 1.5;

/** How a conversation is named in a sentence: `#oncall` when the platform says, else what it is. */
export function conversationLabel(where: Conversation): string {
  if (where.channelName) return `#${where.channelName.replace(/^#/, "")}`;
  return where.direct ? "this conversation" : "this channel";
}

/** `10:41` within a day, `12-01 10:41` beyond (UTC). */
function clock(ms: number, window: InsightWindow): string {
  const iso = new Date(ms).toISOString();
  return WINDOWS[window].ms > 24 * 3_600_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
}

const times = (count: number) => (count === 1 ? "once" : `${count} times`);

/** "14 times in #oncall in the last hour (first 10:02, last 10:41 UTC)" */
export function seenLine(stats: CodeStats, where: string, window: InsightWindow): string {
  const span = stats.count > 1 && stats.first !== stats.last ? `first ${clock(stats.first, window)}, last ${clock(stats.last, window)} UTC` : `at ${clock(stats.last, window)} UTC`;
  return `${times(stats.count)} in ${where} in ${WINDOWS[window].label} (${span})`;
}

export type Trend = "rising" | "steady" | "falling";

export function trendOf(stats: CodeStats): Trend {
  if (stats.count > stats.previous * TREND_FACTOR) return "rising";
  if (stats.count * TREND_FACTOR < stats.previous) return "falling";
  return "steady";
}

const TREND_MARK: Record<Trend, string> = { rising: "↑ rising", steady: "→ steady", falling: "↓ falling" };

/** The stats a card speaks for: its entry's, else the same code counted under another catalog (a shared layer). */
function statsFor(card: Card, stats: CodeStats[]): CodeStats | undefined {
  const entry = card.entry;
  if (!entry) return undefined;
  return stats.find((s) => s.catalog === entry.catalog && s.code === entry.code) ?? stats.find((s) => s.code === entry.code);
}

export class Insight {
  constructor(
    private readonly occurrences: Occurrences,
    private readonly index: CatalogIndex,
  ) {}

  record(where: Conversation, refs: CodeRef[], at?: number): Promise<void> {
    return this.occurrences.record(where.channel, refs, at);
  }

  /** The reply with "Seen N times …" first on each card whose code was seen before in the last hour. */
  async annotate(reply: Reply, where: Conversation, at?: number): Promise<Reply> {
    if (!reply.cards.some((card) => card.entry)) return reply;
    const stats = await this.occurrences.window(where.channel, CARD_WINDOW, { at });
    const label = conversationLabel(where);
    const cards = reply.cards.map((card) => {
      const seen = statsFor(card, stats);
      if (!seen || seen.count < 2) return card;
      return { ...card, fields: [{ label: SEEN_LABEL, value: seenLine(seen, label, CARD_WINDOW) }, ...card.fields.filter((f) => f.label !== SEEN_LABEL)] };
    });
    return { ...reply, cards };
  }

  /** `/errcode top [1h|24h|7d]`: the conversation's most frequent codes, each with the command that explains it. */
  async top(where: Conversation, window: InsightWindow, at?: number): Promise<Reply> {
    const stats = (await this.occurrences.window(where.channel, window, { at, trend: true })).slice(0, TOP_LIMIT);
    const label = conversationLabel(where);
    const span = WINDOWS[window].label;
    if (stats.length === 0) {
      const card: Card = {
        title: `No error codes seen in ${label} in ${span}`,
        subtitle: "Codes are counted when they are pasted (auto-explain), explained on request or mentioned",
        severity: "info",
        summary: "Nothing to rank yet. Try a longer window: /errcode top 24h or /errcode top 7d.",
        fields: [],
        sections: [],
        sourceNotes: [],
      };
      return { kind: "insight", headline: card.title, cards: [card], omitted: 0, actions: [], lang: "en" };
    }
    const lines = stats.map((s, i) => {
      const entry = this.index.byExactCode(s.code, s.catalog)[0];
      const name = entry ? fitLine(entryTitle(entry), 60) : String(s.code);
      const where = entry ? entry.catalogName : s.catalog;
      return `${i + 1}. ${name} (${where}): ${seenLine(s, label, window).replace(` in ${label} in ${span}`, "")}, ${TREND_MARK[trendOf(s)]} · /errcode ${s.catalog} ${s.code}`;
    });
    const card: Card = {
      title: `Most frequent codes in ${label}, ${span}`,
      subtitle: `Trend against the ${span.replace("the last", "").trim()} before · each line ends with the command that explains it`,
      severity: "info",
      summary: lines.join("\n"),
      fields: [],
      sections: [],
      sourceNotes: [],
    };
    return { kind: "insight", headline: card.title, cards: [card], omitted: 0, actions: [], lang: "en" };
  }

  /**
   * The ready-to-paste text vendor support asks for: each code with its catalog, meaning, vendor text and the
   * request ids found, when (UTC) and where it was seen.
   */
  async supportText(reply: Reply, where: Conversation, platform: string, at = Date.now()): Promise<string> {
    const stats = await this.occurrences.window(where.channel, CARD_WINDOW, { at });
    const label = conversationLabel(where);
    const blocks = reply.cards
      .filter((card) => card.entry)
      .map((card) => {
        const entry = this.index.byExactCode(card.entry!.code, card.entry!.catalog)[0];
        const requestIds = card.fields.filter((f) => f.label === "Request id").map((f) => f.value);
        const seen = statsFor(card, stats);
        return [
          `Error code: ${card.title}`,
          `Catalog: ${entry?.catalogName ?? card.entry!.catalog} (${card.entry!.catalog})`,
          `Meaning: ${entry?.en ?? card.summary}`,
          ...(entry?.zh ? [`Vendor text: ${entry.zh}`] : []),
          `Request id: ${requestIds.length ? requestIds.join(", ") : "none found in the message"}`,
          ...(seen ? [`Seen: ${seenLine(seen, label, CARD_WINDOW)}`] : []),
        ].join("\n");
      });
    const time = new Date(at).toISOString().replace("T", " ").slice(0, 19);
    return [...blocks, `Time (UTC): ${time}`, `Where: ${label} (${platform})`].join("\n\n");
  }
}

/** `top`, `top 24h`: the window asked for; undefined when the text is not a top request; "invalid" for `top 3d`. */
export function parseTop(text: string): InsightWindow | "invalid" | undefined {
  const match = /^top(?:\s+(\S+))?$/i.exec(text.trim());
  if (!match) return undefined;
  const window = (match[1] ?? "1h").toLowerCase();
  return window in WINDOWS ? (window as InsightWindow) : "invalid";
}
