// A Reply as a Discord message payload: embeds (one per card), buttons, and no way to ping anyone.
// Pure: plain JSON typed with discord-api-types, no SDK at run time.
import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIEmbed,
  APIEmbedField,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord-api-types/v10";
import { buttonPayload, decodeButtonPayload, type DecodedButton } from "../core/button-request.js";
import type { ActionKind, Card, CardAction, Reply, Severity } from "../core/card.js";
import { fitText } from "../core/text-fit.js";

/** Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

export type DiscordButton = APIButtonComponentWithCustomId;
export type DiscordActionRow = APIActionRowComponent<DiscordButton>;

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordActionRow[];
  allowed_mentions: { parse: [] };
  /** 64 (ephemeral) when rendered for one person's eyes only. */
  flags?: MessageFlags.Ephemeral;
}

export interface DiscordRenderOptions {
  /** Only the asker sees it: adds the ephemeral flag. (Which buttons a card has is the core's decision.) */
  ephemeral?: boolean;
}

const ACTION_ROW = 1 as ComponentType.ActionRow;
const BUTTON = 2 as ComponentType.Button;
const EPHEMERAL = 64 as MessageFlags.Ephemeral;
const BUTTON_STYLE: Record<ActionKind, ButtonStyle.Primary | ButtonStyle.Secondary> = {
  share: 1 as ButtonStyle.Primary,
  "show-all": 2 as ButtonStyle.Secondary,
  lang: 2 as ButtonStyle.Secondary,
  support: 2 as ButtonStyle.Secondary,
};
// Discord's own palette: red, yellow, blurple.
export const SEVERITY_COLOR: Record<Severity, number> = { error: 0xed4245, warning: 0xfee75c, info: 0x5865f2 };

const ZERO_WIDTH_SPACE = "\u200b";

// ---------------------------------------------------------------------------------------------------------------
// Text: neutralise, escape, cut

/** Control and bidi characters, which neutralizeMentions removes. */
const CONTROL_AND_BIDI = "[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]";
const CONTROL_AND_BIDI_ALL = new RegExp(CONTROL_AND_BIDI, "g");
// One test first: most text has nothing to neutralize or escape, and three replaces cost more than one test.
const NEEDS_NEUTRALIZING = new RegExp(`${CONTROL_AND_BIDI}|@(?:everyone|here)|<(?:[@#!&:/]|a:|t:)`, "i");
const NEEDS_ESCAPING = /[\\*_~`|[\]<]|^\s*(?:#{1,3}\s|>|-\s|-#|\+\s|\d+\.\s)/m;

/**
 * Control and bidi characters out (an override or isolate would let a pasted filename read backwards);
 * `@everyone`/`@here` and `<@…>`/`<#…>`/`<!…>` broken so they never render as mentions.
 */
export function neutralizeMentions(text: string): string {
  if (!NEEDS_NEUTRALIZING.test(text)) return text;
  return text
    .replace(CONTROL_AND_BIDI_ALL, "")
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<([@#!&:/]|a:|t:)/g, `<${ZERO_WIDTH_SPACE}$1`);
}

/** Text shown where Discord parses markdown (content, description, titles, fields): literal, never formatting. */
export function escapeMarkdown(text: string): string {
  const clean = neutralizeMentions(text);
  if (!NEEDS_ESCAPING.test(clean)) return clean;
  return (
    clean
      .replace(/[\\*_~`|[\]<]/g, "\\$&")
      // Block syntax only counts at the start of a line: headings, quotes, lists, subtext.
      .replace(/^(\s*)(#{1,3}\s|>|-\s|-#|\+\s)/gm, "$1\\$2")
      .replace(/^(\s*\d+)\.(\s)/gm, "$1\\.$2")
  );
}

/** A URL alone in a field stays a clickable link; markdown escapes would break it. */
function linkOrEscaped(text: string): string {
  return /^https?:\/\/[^\s<>()[\]`|*]+$/.test(text) ? text : escapeMarkdown(text);
}

/** `text` within `max`, saying how much was cut: `Lorem ipsum… (+1234 more)`. Nothing is ever cut silently. */
export function cut(text: string, max: number, unit = "more"): string {
  return fitText(text, max, unit);
}

// ---------------------------------------------------------------------------------------------------------------
// Button ids

const KIND_CODE: Record<ActionKind, string> = { share: "s", "show-all": "a", lang: "l", support: "c" };
const CODE_KIND: Record<string, ActionKind> = { s: "share", a: "show-all", l: "lang", c: "support" };
export const CUSTOM_ID_PREFIX = "ec";

const PREFIX_LENGTH = `${CUSTOM_ID_PREFIX}:s:`.length;
/** Characters of a custom_id left for the request (see src/core/button-request.ts for the encoding). */
export const DISCORD_BUTTON_ROOM = DISCORD_LIMITS.customId - PREFIX_LENGTH;

/** The custom_id of a button: `ec:<kind>:<request or ref>`, within Discord's 100 characters. */
export function actionCustomId(action: CardAction): string {
  return `${CUSTOM_ID_PREFIX}:${KIND_CODE[action.kind]}:${buttonPayload(action.request, DISCORD_BUTTON_ROOM)}`;
}

/** A custom_id errcode made: the button's kind and its payload; undefined for anyone else's. */
export function decodeCustomId(customId: string): { kind: ActionKind; payload: string; decoded: DecodedButton } | undefined {
  const [prefix, code] = customId.split(":", 2);
  const kind = CODE_KIND[code ?? ""];
  if (prefix !== CUSTOM_ID_PREFIX || !kind) return undefined;
  const payload = customId.slice(PREFIX_LENGTH);
  const decoded = decodeButtonPayload(payload);
  return "invalid" in decoded ? undefined : { kind, payload, decoded };
}

// ---------------------------------------------------------------------------------------------------------------
// Embeds

/** What Discord counts toward the 6000-character total of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function field(name: string, value: string, inline: boolean): APIEmbedField {
  return {
    name: cut(escapeMarkdown(name), DISCORD_LIMITS.fieldName) || ZERO_WIDTH_SPACE,
    value: cut(linkOrEscaped(value), DISCORD_LIMITS.fieldValue) || ZERO_WIDTH_SPACE,
    inline,
  };
}

/**
 * The owner with its Discord role as a link (`<@&id>` renders as the role's name). Nothing in an embed pings,
 * and allowed_mentions stays empty, so the role is shown, never notified.
 */
function ownerField(card: Card, f: { label: string; value: string }): APIEmbedField | undefined {
  if (f.label !== "Owner" || !card.owner?.discordRole) return undefined;
  const role = `<@&${card.owner.discordRole}>`;
  return { name: "Owner", value: `${cut(escapeMarkdown(card.owner.label), DISCORD_LIMITS.fieldValue - role.length - 1)} ${role}`, inline: true };
}

function moreFields(count: number): APIEmbedField {
  return { name: `+${count} more`, value: `${count} more fields not shown`, inline: false };
}

/** Source notes as footer text: whole notes while they fit, then "+N more sources". */
function footerText(notes: string[], max: number = DISCORD_LIMITS.footer): string | undefined {
  const lines = notes.map((n) => neutralizeMentions(n).trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const all = lines.join("\n");
  if (all.length <= max) return all;
  const tail = (hidden: number) => `\n+${hidden} more sources`;
  let kept = 0;
  let length = 0;
  while (kept < lines.length) {
    const next = length + (kept ? 1 : 0) + lines[kept]!.length;
    if (next + tail(lines.length - kept - 1).length > max) break;
    length = next;
    kept++;
  }
  if (kept === 0) return cut(lines[0]!, max - tail(lines.length - 1).length) + tail(lines.length - 1);
  return lines.slice(0, kept).join("\n") + tail(lines.length - kept);
}

/** An embed before it is fitted: every field, the full footer. */
interface EmbedParts {
  base: APIEmbed;
  fields: APIEmbedField[];
  notes: string[];
}

function embedParts(card: Card): EmbedParts {
  const base: APIEmbed = {
    title: cut(escapeMarkdown(card.title), DISCORD_LIMITS.title),
    color: SEVERITY_COLOR[card.severity],
  };
  const description = cut(escapeMarkdown(card.summary), DISCORD_LIMITS.description);
  if (description) base.description = description;
  if (card.subtitle.trim()) base.author = { name: cut(neutralizeMentions(card.subtitle), DISCORD_LIMITS.author) };
  const link = card.permalink ?? card.url;
  if (link && /^https?:\/\//.test(link)) base.url = link;
  const fields = [...card.fields.map((f) => ownerField(card, f) ?? field(f.label, f.value, true)), ...card.sections.map((s) => field(s.title, s.text, false))];
  return { base, fields, notes: card.sourceNotes };
}

/** The embed with its first `keep` fields (never more than 25 in all, counting the "+N more" field). */
function assemble(parts: EmbedParts, keep: number, footerMax: number = DISCORD_LIMITS.footer): APIEmbed {
  const embed: APIEmbed = { ...parts.base };
  const total = parts.fields.length;
  const shown = Math.min(keep, total <= DISCORD_LIMITS.fields ? total : DISCORD_LIMITS.fields - 1);
  if (total > 0) embed.fields = shown < total ? [...parts.fields.slice(0, shown), moreFields(total - shown)] : parts.fields;
  const footer = footerText(parts.notes, footerMax);
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Smallest useful description when an embed is squeezed to fit the 6000-character budget. */
const MIN_SQUEEZED_DESCRIPTION = 40;
const SQUEEZED_FOOTER = 160;

/**
 * The card as an embed within `budget` characters, or undefined when even a squeezed version would not fit:
 * the footer shrinks first, then fields go from the end (counted in a "+N more" field), then the description is cut.
 */
function fittedEmbed(card: Card, budget: number): APIEmbed | undefined {
  const parts = embedParts(card);
  const full = assemble(parts, parts.fields.length);
  if (embedLength(full) <= budget) return full;
  let keep = parts.fields.length;
  let embed = assemble(parts, keep, SQUEEZED_FOOTER);
  while (keep > 0 && embedLength(embed) > budget) embed = assemble(parts, --keep, SQUEEZED_FOOTER);
  const over = embedLength(embed) - budget;
  if (over <= 0) return embed;
  const allowed = (embed.description ?? "").length - over;
  if (allowed < MIN_SQUEEZED_DESCRIPTION) return undefined;
  embed.description = cut(embed.description!, allowed);
  return embedLength(embed) <= budget ? embed : undefined;
}

/** Embeds for the cards within 10 embeds and 6000 characters; how many cards did not fit. */
function fitEmbeds(cards: Card[]): { embeds: APIEmbed[]; dropped: number } {
  const embeds: APIEmbed[] = [];
  let used = 0;
  for (const card of cards.slice(0, DISCORD_LIMITS.embeds)) {
    const embed = fittedEmbed(card, DISCORD_LIMITS.embedTotal - used);
    if (!embed) break;
    embeds.push(embed);
    used += embedLength(embed);
  }
  return { embeds, dropped: cards.length - embeds.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Buttons and content

function buttonsFor(shown: CardAction[]): { rows: DiscordActionRow[]; dropped: number } {
  const max = DISCORD_LIMITS.actionRows * DISCORD_LIMITS.buttonsPerRow;
  const buttons: DiscordButton[] = shown.slice(0, max).map((action) => ({
    type: BUTTON,
    style: BUTTON_STYLE[action.kind],
    label: cut(neutralizeMentions(action.label), DISCORD_LIMITS.buttonLabel) || action.kind,
    custom_id: actionCustomId(action),
  }));
  const rows: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ACTION_ROW, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return { rows, dropped: shown.length - buttons.length };
}

function contentFor(reply: Reply, hiddenCards: number, hiddenButtons: number): string {
  const notes: string[] = [];
  if (hiddenCards > 0) {
    const showAll = reply.actions.some((a) => a.kind === "show-all");
    notes.push(`+${hiddenCards} more not shown${showAll ? ": press “Show all matches”" : ""}`);
  }
  if (hiddenButtons > 0) notes.push(`+${hiddenButtons} more buttons not shown`);
  for (const note of reply.notes ?? []) notes.push(escapeMarkdown(note));
  const tail = notes.length ? `\n${notes.join("\n")}` : "";
  // The headline is bold; its cut leaves room for the closing ** and the notes.
  const headline = cut(escapeMarkdown(reply.headline), DISCORD_LIMITS.content - tail.length - 4);
  return `**${headline}**${tail}`;
}

/** The message the bot sends for a reply: content (headline), one embed per card, buttons, no mentions. */
export function renderDiscordMessage(reply: Reply, options: DiscordRenderOptions = {}): DiscordMessage {
  const { embeds, dropped } = fitEmbeds(reply.cards);
  const { rows, dropped: droppedButtons } = buttonsFor(reply.actions);
  const message: DiscordMessage = {
    content: contentFor(reply, reply.omitted + dropped, droppedButtons),
    embeds,
    components: rows,
    allowed_mentions: { parse: [] },
  };
  if (options.ephemeral) message.flags = EPHEMERAL;
  return message;
}
