// What adapters hand the core: a few platform-neutral events, each with a neutral conversation address.
import type { ActionKind, Lang } from "./card.js";

/** Where something happened, in terms every platform has. */
export interface Conversation {
  /** The channel (Slack channel id, Discord channel or thread id, "shell"). */
  channel: string;
  /** Its name, when the platform says (Slack's `#name`): ONCALL_CHANNELS may list names. */
  channelName?: string;
  /** The channel a thread belongs to, where threads are channels of their own (Discord). */
  parent?: string;
  /** The thread within the channel (Slack's thread_ts), when in one. */
  thread?: string;
  /** A direct conversation with the bot. */
  direct?: boolean;
}

/** `/errcode <text>`, or "explain this message" (Slack's shortcut, Discord's context menu) with `scan`. */
export interface CommandEvent {
  kind: "command";
  where: Conversation;
  text: string;
  lang?: Lang;
  catalog?: string;
  /** The asker chose: true public, false private. Unset: the channel decides. */
  public?: boolean;
  /** Explain the codes in `text` (a whole message), never a lookup of its words. */
  scan?: boolean;
  /** Every match, not the first few (the "Show all matches" button, or `--all` in the shell). */
  all?: boolean;
}

/** `@errcode <text>` or a DM: a question, answered in the thread for everyone. */
export interface MentionEvent {
  kind: "mention";
  where: Conversation;
  /** The text with the mention itself removed. */
  text: string;
  messageId: string;
  /** The message a bare mention replied to: explained instead of the (empty) text. */
  referenced?: string;
  lang?: Lang;
}

/** A message by a person in a channel: a candidate for auto-explain. */
export interface MessageEvent {
  kind: "message";
  where: Conversation;
  text: string;
  messageId: string;
  lang?: Lang;
}

/** A card's button: its kind and the payload errcode put on it (see button-request.ts). */
export interface ActionEvent {
  kind: "action";
  where: Conversation;
  action: ActionKind;
  payload: string | undefined;
  /** The card it is on is seen by the presser alone (ephemeral). */
  onPrivateCard: boolean;
}

/** What has been typed so far into /errcode's query. */
export interface AutocompleteEvent {
  kind: "autocomplete";
  typed: string;
  catalog?: string;
  lang: Lang;
  /** The platform's limits: how many choices, how long a label. */
  limit: number;
  labelMax: number;
}

export type ChatEvent = CommandEvent | MentionEvent | MessageEvent | ActionEvent | AutocompleteEvent;
