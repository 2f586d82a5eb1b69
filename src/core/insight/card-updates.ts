// Update in place: which message holds the auto-explain card of a code (kept in the state store, so any replica
// can edit it), and a limit of one edit per card per interval, with one trailing edit that carries the latest count.
import type { Logger } from "../../log.js";
import { STATE_KEYS, type StateStore } from "../../state/store.js";
import type { Lang } from "../card.js";
import type { CodeRef } from "./occurrences.js";

/** A posted auto-explain card: the message that holds it, and what it was made from. */
export interface CardRecord {
  messageId: string;
  /** The message it explains, secrets masked: scanned again to draw the card anew. */
  text: string;
  codes: CodeRef[];
  lang: Lang;
}

function parseRecord(stored: string | undefined): CardRecord | undefined {
  if (!stored) return undefined;
  try {
    const record = JSON.parse(stored) as CardRecord;
    return typeof record.messageId === "string" && typeof record.text === "string" && Array.isArray(record.codes) ? record : undefined;
  } catch {
    return undefined;
  }
}

export class CardUpdates {
  constructor(
    private readonly state: StateStore,
    /** At most one edit per card in this time; 0 for no limit (the shell). */
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Remembers the card for each of its codes, for as long as the cooldown keeps the codes from a new card. */
  async remember(scope: string, record: CardRecord, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const stored = JSON.stringify(record);
    await Promise.all(record.codes.map((c) => this.state.put(STATE_KEYS.card(scope, c.catalog, c.code), stored, ttlMs)));
  }

  /** The cards holding these codes in this scope, each once. */
  async cardsFor(scope: string, codes: CodeRef[]): Promise<CardRecord[]> {
    const records = await Promise.all(codes.map(async (c) => parseRecord(await this.state.get(STATE_KEYS.card(scope, c.catalog, c.code)))));
    const byMessage = new Map<string, CardRecord>();
    for (const record of records) if (record && !byMessage.has(record.messageId)) byMessage.set(record.messageId, record);
    return [...byMessage.values()];
  }

  /**
   * Runs `edit` now if the card was not edited within the interval; otherwise once when the interval is over (by
   * whichever replica asked first), so a flood of pastes costs one edit per interval and the last count shows.
   */
  async throttle(card: CardRecord, edit: () => Promise<void>): Promise<"now" | "later" | "skipped"> {
    if (this.intervalMs <= 0) {
      await edit();
      return "now";
    }
    const key = STATE_KEYS.cardEdit(card.messageId);
    if (await this.state.claim(key, this.intervalMs)) {
      await edit();
      return "now";
    }
    if (!(await this.state.claim(STATE_KEYS.cardEditPending(card.messageId), this.intervalMs))) return "skipped";
    const timer = setTimeout(() => {
      void this.state
        .claim(key, this.intervalMs)
        .then(() => edit())
        .catch((error: unknown) => this.logger.warn({ err: error, messageId: card.messageId }, "updating an auto-explain card failed"));
    }, this.intervalMs);
    timer.unref();
    return "later";
  }
}
