import { LRUCache } from "lru-cache";

/** Slack retries an unacknowledged event for about five minutes; remember deliveries well past that. */
export const DEDUPE_TTL_MS = 15 * 60_000;

/**
 * Remembers what was already handled, so a retried delivery never produces a second reply: by the Events API's
 * `event_id`, and by the message itself (channel + ts), which is what a person sees answered twice.
 * Only deliveries seen by this process count: a retry whose original never arrived is the first delivery here,
 * and is handled (in Socket Mode the retry can be the only delivery).
 */
export class SlackDeduper {
  private readonly seen: LRUCache<string, true>;

  constructor(options: { ttlMs?: number; max?: number } = {}) {
    this.seen = new LRUCache({ max: options.max ?? 50_000, ttl: options.ttlMs ?? DEDUPE_TTL_MS, ttlAutopurge: false });
  }

  /** True the first time an event id is seen, false for every later delivery of it. */
  firstEvent(eventId: string | undefined): boolean {
    return eventId ? this.claim(`event:${eventId}`) : true;
  }

  /** True the first time a reply to this message is claimed, false afterwards. */
  firstReplyTo(channel: string, ts: string): boolean {
    return this.claim(`message:${channel}:${ts}`);
  }

  private claim(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.set(key, true);
    return true;
  }
}
