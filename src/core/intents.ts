// What the core decides and adapters carry out. A Reply in an intent is final: a public one has no "Share".
import type { Reply } from "./card.js";

export interface Choice {
  name: string;
  value: string;
}

export type Intent =
  /** Answer the asker: for everyone in the conversation, or for the asker alone. */
  | { kind: "answer"; reply: Reply; visibility: "public" | "private" }
  /** Reply in the thread of the message (mentions, DMs, auto-explain), for everyone. */
  | { kind: "thread-reply"; reply: Reply; auto: boolean }
  /** Redraw a card errcode posted earlier (`messageId`, as the adapter reported it delivered): update in place. */
  | { kind: "edit"; messageId: string; reply: Reply }
  /** Replace the presser's own private card with this one. */
  | { kind: "update"; reply: Reply }
  /** Post this card for everyone, and remove the presser's private copy where the platform can. */
  | { kind: "share"; reply: Reply }
  /** A short private note to the presser (a button that expired). */
  | { kind: "notice"; text: string }
  | { kind: "choices"; choices: Choice[] }
  /** Nothing to send, and why. */
  | { kind: "silent"; reason: SilentReason };

export type SilentReason = "no-codes" | "channel-off" | "cooldown" | "rate-limit" | "already-answered" | "invalid-button";
