import { LRUCache } from "lru-cache";
import type { ReplyRequest } from "../core/card.js";

/**
 * The requests behind buttons too small to carry them (a pasted log behind "中文"), under the key the
 * platform's renderer put on the button. Bounded by count and total size; a button older than a day, or
 * than a restart, has expired and says so.
 */
export class ButtonRequests {
  private readonly requests = new LRUCache<string, ReplyRequest>({
    max: 10_000,
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (request) => request.query.length + 64,
    ttl: 24 * 60 * 60_000,
  });

  keep(key: string, request: ReplyRequest): void {
    this.requests.set(key, request);
  }

  find(key: string): ReplyRequest | undefined {
    return this.requests.get(key);
  }
}
