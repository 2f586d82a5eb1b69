// A Reply as Slack Block Kit: the exact `{ text, blocks }` the bot posts. Pure: plain JSON typed with @slack/types.
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import type { ActionKind, Card, CardAction, CardField, Reply, Severity } from "../core/card.js";
import type { Owner } from "../core/owner.js";
import { buttonPayload } from "../core/button-request.js";
import { escapeSlack, fitText, linkableUrl, plural } from "./slack-mrkdwn.js";

export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  actionElements: 25,
  contextElements: 10,
  buttonText: 75,
  /**
   * Our budget for the serialized blocks (JSON characters, so markup and button values count too).
   * Slack answers `msg_blocks_too_long` from about 12,000; this keeps a message well under that.
   */
  messageChars: 10_000,
  /** The plain `text` fallback (notifications, screen readers, old clients). */
  fallbackText: 1000,
} as const;

/**
 * Characters of a button value given to its request (Slack allows 2000; three buttons carrying 1000 each leave
 * most of a message's size budget for the cards). A longer request travels as a ref (src/core/button-request.ts).
 */
export const SLACK_BUTTON_ROOM = 1000;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const ACTION_ID_PREFIX = "errcode:";
const ACTION_KINDS: readonly ActionKind[] = ["share", "show-all", "lang", "support"];

/** `errcode:<kind>:<position>`: unique within a message, as Slack requires, and says what the button does. */
export function actionIdFor(kind: ActionKind, position: number): string {
  return `${ACTION_ID_PREFIX}${kind}:${position}`;
}

export function actionKindOf(actionId: string): ActionKind | undefined {
  const kind = actionId.slice(ACTION_ID_PREFIX.length).split(":")[0];
  return actionId.startsWith(ACTION_ID_PREFIX) ? ACTION_KINDS.find((k) => k === kind) : undefined;
}

const SEVERITY_EMOJI: Record<Severity, string> = { info: ":information_source:", warning: ":warning:", error: ":x:" };
const TITLE_MAX = 250;
const SUBTITLE_MAX = 300;
const LABEL_MAX = 100;
const SOURCE_NOTE_MAX = 300;

const mrkdwn = (text: string): MrkdwnElement => ({ type: "mrkdwn", text, verbatim: true });
const section = (text: string): SectionBlock => ({ type: "section", text: mrkdwn(text) });

/** `head` (already escaped) on its own line, then as much of `body` as fits in `max`. */
function headed(head: string, body: string, max: number): string {
  if (!body) return head;
  return `${head}\n${fitText(body, max - head.length - 1)}`;
}

function cardHead(card: Card): string {
  const title = fitText(card.title, TITLE_MAX) || "(untitled)";
  const url = linkableUrl(card.permalink ?? card.url);
  const head = `${SEVERITY_EMOJI[card.severity]} *${url ? `<${url}|${title}>` : title}*`;
  return card.subtitle ? `${head}\n_${fitText(card.subtitle, SUBTITLE_MAX)}_` : head;
}

function fieldText(field: CardField): string {
  const label = `*${fitText(field.label, LABEL_MAX) || "—"}*`;
  // A field that is just a link (a runbook) is made clickable: verbatim text is never auto-linked.
  const url = linkableUrl(field.value.trim());
  if (url && label.length + url.length + 3 <= SLACK_LIMITS.fieldText) return `${label}\n<${url}>`;
  return headed(label, field.value, SLACK_LIMITS.fieldText);
}

function fieldsSection(fields: CardField[]): SectionBlock {
  const max = SLACK_LIMITS.fields;
  const shown = fields.length > max ? fields.slice(0, max - 1) : fields;
  const texts = shown.map(fieldText);
  if (fields.length > max) {
    const rest = fields.slice(max - 1);
    texts.push(headed(`*+${rest.length} more*`, rest.map((f) => f.label).join(", "), SLACK_LIMITS.fieldText));
  }
  return { type: "section", fields: texts.map(mrkdwn) };
}

function sourcesContext(notes: string[]): ContextBlock {
  const max = SLACK_LIMITS.contextElements;
  const shown = notes.length > max ? notes.slice(0, max - 1) : notes;
  const elements = shown.map((note, i) => mrkdwn(`${i === 0 ? "Sources: " : ""}${fitText(note, SOURCE_NOTE_MAX)}`));
  if (notes.length > max) elements.push(mrkdwn(`+${notes.length - shown.length} more sources`));
  return { type: "context", elements };
}

/**
 * `Owner: @payments-oncall · Runbook`. The name is text and the runbook a link: Slack has no way to link a user
 * group without notifying its members, so `<!subteam^…>` is never written and the group id is only named.
 */
function ownerContext(owner: Owner, runbook: string | undefined): ContextBlock {
  const group = owner.slackGroup && owner.label !== owner.slackGroup ? ` (user group ${owner.slackGroup})` : "";
  const link = linkableUrl(runbook);
  const elements = [mrkdwn(`Owner: *${fitText(owner.label, TITLE_MAX)}*${group}`)];
  if (link) elements.push(mrkdwn(`<${link}|Runbook>`));
  return { type: "context", elements };
}

type PieceKind = "card" | "detail";

/** A unit that is shown whole or not at all; a card's details are never shown without the card itself. */
interface Piece {
  kind: PieceKind;
  card: number;
  blocks: KnownBlock[];
}

function cardPieces(card: Card, index: number): Piece[] {
  const summary: KnownBlock[] = [section(headed(cardHead(card), card.summary, SLACK_LIMITS.sectionText))];
  if (index > 0) summary.unshift({ type: "divider" });
  const pieces: Piece[] = [{ kind: "card", card: index, blocks: summary }];
  // The owner goes in the context block below the fields, beside the runbook link.
  const fields = card.owner ? card.fields.filter((f) => f.label !== "Owner") : card.fields;
  if (fields.length) pieces.push({ kind: "detail", card: index, blocks: [fieldsSection(fields)] });
  const owner = card.owner && ownerContext(card.owner, card.url);
  if (owner) pieces.push({ kind: "detail", card: index, blocks: [owner] });
  for (const s of card.sections) {
    pieces.push({ kind: "detail", card: index, blocks: [section(headed(`*${fitText(s.title, TITLE_MAX) || "—"}*`, s.text, SLACK_LIMITS.sectionText))] });
  }
  if (card.sourceNotes.length) pieces.push({ kind: "detail", card: index, blocks: [sourcesContext(card.sourceNotes)] });
  return pieces;
}

function button(action: CardAction, position: number): Button {
  return {
    type: "button",
    action_id: actionIdFor(action.kind, position),
    text: { type: "plain_text", text: fitText(action.label, SLACK_LIMITS.buttonText, "plain") || action.kind, emoji: true },
    value: buttonPayload(action.request, SLACK_BUTTON_ROOM),
    ...(action.kind === "share" ? { style: "primary" as const } : {}),
  };
}

interface Cut {
  cards: number;
  details: number;
  buttons: number;
}

function noteBlock(reply: Reply, cut: Cut): ContextBlock | undefined {
  const parts: string[] = [];
  if (reply.omitted > 0) {
    const showAll = reply.actions.some((a) => a.kind === "show-all") ? ": press *Show all matches*" : "";
    parts.push(`+${reply.omitted} more ${reply.omitted === 1 ? "match" : "matches"} not shown${showAll}`);
  }
  const cutParts = [cut.cards ? `+${plural(cut.cards, "more card")}` : "", cut.details ? `+${plural(cut.details, "more detail")}` : ""].filter(Boolean);
  if (cutParts.length) parts.push(`${cutParts.join(", ")} cut to fit Slack's message limits`);
  if (cut.buttons) parts.push(`+${plural(cut.buttons, "more button")} not shown`);
  for (const note of reply.notes ?? []) parts.push(escapeSlack(note));
  return parts.length ? { type: "context", elements: [mrkdwn(parts.join(" · "))] } : undefined;
}

const WORST_CUT: Cut = { cards: 9999, details: 9999, buttons: 9999 };

function sizeOf(blocks: KnownBlock[]): number {
  return blocks.reduce((sum, b) => sum + JSON.stringify(b).length + 1, 1);
}

function fits(count: number, size: number): boolean {
  return count <= SLACK_LIMITS.blocks && size <= SLACK_LIMITS.messageChars;
}

function fallbackText(reply: Reply): string {
  const lines = [reply.headline, ...reply.cards.map((c) => `${c.title}: ${c.summary}`)];
  if (reply.omitted > 0) lines.push(`+${reply.omitted} more`);
  return fitText(lines.join("\n"), SLACK_LIMITS.fallbackText, "plain") || "errcode";
}

/**
 * Renders a reply within Block Kit's limits: 50 blocks, 3000-character sections, a 150-character header,
 * 10 fields of 2000 characters, 25 buttons per actions block, and a whole-message size budget. What does not fit
 * is cut with "…" or left out, and a closing note says "+N more": nothing disappears silently.
 * All text is escaped, so nothing in a query, a message or a catalog can become a mention or a link.
 */
export function renderSlackMessage(reply: Reply): SlackMessage {
  const head: HeaderBlock = { type: "header", text: { type: "plain_text", text: fitText(reply.headline, SLACK_LIMITS.headerText, "plain") || "errcode", emoji: true } };
  const pieces = reply.cards.flatMap(cardPieces);

  // Buttons first: they are what lets a reader get the rest, so they are the last thing to give up.
  const cut: Cut = { cards: 0, details: 0, buttons: 0 };
  let buttons = reply.actions.slice(0, SLACK_LIMITS.actionElements).map(button);
  cut.buttons = reply.actions.length - buttons.length;
  const tail = (): KnownBlock[] => (buttons.length ? [{ type: "actions", elements: buttons } satisfies ActionsBlock] : []);
  const worstNote = noteBlock({ ...reply, omitted: Math.max(reply.omitted, 1) }, WORST_CUT)!;
  while (buttons.length && !fits(3, sizeOf([head, worstNote, ...tail()]))) {
    buttons = buttons.slice(0, -1);
    cut.buttons += 1;
  }

  const everything = [head, ...pieces.flatMap((p) => p.blocks)];
  const plainNote = noteBlock(reply, cut);
  const whole = [...everything, ...(plainNote ? [plainNote] : []), ...tail()];
  if (fits(whole.length, sizeOf(whole))) return { text: fallbackText(reply), blocks: whole };

  // Too big: keep pieces in order while they fit with room for the closing note and the buttons.
  const reserved = [worstNote, ...tail()];
  const reservedSize = sizeOf(reserved) - 1;
  const chosen: KnownBlock[] = [head];
  let size = sizeOf(chosen);
  const droppedCards = new Set<number>();
  for (const piece of pieces) {
    if (droppedCards.has(piece.card)) continue; // counted with its card
    const pieceSize = sizeOf(piece.blocks) - 1;
    if (fits(chosen.length + piece.blocks.length + reserved.length, size + pieceSize + reservedSize)) {
      chosen.push(...piece.blocks);
      size += pieceSize;
    } else if (piece.kind === "card") {
      droppedCards.add(piece.card);
      cut.cards += 1;
    } else {
      cut.details += 1;
    }
  }
  const note = noteBlock(reply, cut);
  return { text: fallbackText(reply), blocks: [...chosen, ...(note ? [note] : []), ...tail()] };
}
