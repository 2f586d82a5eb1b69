import { LRUCache } from "lru-cache";
import type { Detection } from "./detect/index.js";

export interface AutoExplainSettings {
  /** Channel ids where auto-explain runs; `*` for every channel; empty for none. */
  channels: string[];
  cooldownSeconds: number;
  maxPerMinute: number;
}

export type PolicyVerdict =
  | { post: true; detections: Detection[]; suppressed: number }
  | { post: false; reason: "channel-off" | "cooldown" | "rate-limit"; suppressed: number };

const MINUTE_MS = 60_000;

/**
 * The anti-spam rules every adapter shares: where auto-explain may speak, the per-code cooldown
 * (same code, same channel or thread), and a cap on replies per channel per minute.
 * State lives in bounded LRU caches, so a busy workspace cannot grow memory without limit.
 */
export class AutoExplainPolicy {
  private readonly recent: LRUCache<string, true>;
  private readonly replies: LRUCache<string, number[]>;
  private readonly now: () => number;

  constructor(
    private readonly settings: AutoExplainSettings,
    options: { now?: () => number; maxKeys?: number } = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    const perf = { now: this.now };
    // ttlResolution 0: lru-cache otherwise reuses its last reading of the clock for 1 ms of real time, so a clock
    // that jumps (an injected one in tests) would be ignored and an expired cooldown would still look active.
    const ttlResolution = 0;
    this.recent = new LRUCache({ max: options.maxKeys ?? 50_000, ttl: Math.max(1, settings.cooldownSeconds * 1000), perf, ttlResolution, ttlAutopurge: false });
    this.replies = new LRUCache({ max: options.maxKeys ?? 10_000, ttl: MINUTE_MS, perf, ttlResolution });
  }

  enabledIn(channel: string): boolean {
    return this.settings.channels.includes("*") || this.settings.channels.includes(channel);
  }

  /**
   * Decides whether to post for a message's detections and records what is posted.
   * `scope` is the channel, or channel + thread, that the cooldown applies to.
   */
  admit(channel: string, scope: string, detections: Detection[]): PolicyVerdict {
    if (!this.enabledIn(channel)) return { post: false, reason: "channel-off", suppressed: detections.length };
    const fresh = detections.filter((d) => !this.recent.has(`${scope}|${d.catalog}:${d.code}`));
    const suppressed = detections.length - fresh.length;
    if (fresh.length === 0) return { post: false, reason: "cooldown", suppressed };
    const now = this.now();
    const window = (this.replies.get(channel) ?? []).filter((t) => now - t < MINUTE_MS);
    if (this.settings.maxPerMinute > 0 && window.length >= this.settings.maxPerMinute) {
      return { post: false, reason: "rate-limit", suppressed: detections.length };
    }
    window.push(now);
    this.replies.set(channel, window);
    if (this.settings.cooldownSeconds > 0) for (const d of fresh) this.recent.set(`${scope}|${d.catalog}:${d.code}`, true);
    return { post: true, detections: fresh, suppressed };
  }
}
