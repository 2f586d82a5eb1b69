import { LRUCache } from "lru-cache";
import type { Reply, ReplyRequest } from "../core/card.js";
import { decodeActionValue, encodeActionValue, REF_PREFIX } from "../render/slack-action-value.js";

/**
 * Keeps the requests behind buttons whose value is a `ref:` (a request too long to carry inline, usually a
 * pasted log). Bounded by count and by total query size; a button older than the TTL or than a restart expires.
 */
export class ReplyRequestStore {
  private readonly requests = new LRUCache<string, ReplyRequest>({
    max: 10_000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (request) => request.query.length + 64,
    ttl: 24 * 60 * 60_000,
  });

  /** Remembers every request of `reply` that its buttons carry by reference. */
  remember(reply: Reply): void {
    for (const action of reply.actions) {
      const value = encodeActionValue(action.request);
      if (value.startsWith(REF_PREFIX)) this.requests.set(value, action.request);
    }
  }

  /** The request behind a button value, "expired" for a ref no longer kept, "invalid" for anything else. */
  resolve(value: string | undefined): ReplyRequest | "expired" | "invalid" {
    const decoded = decodeActionValue(value);
    if ("request" in decoded) return decoded.request;
    if ("ref" in decoded) return this.requests.get(decoded.ref) ?? "expired";
    return "invalid";
  }
}
