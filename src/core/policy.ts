// Every "may errcode speak here, and to whom?" decision, for every platform, in one file.
import { STATE_KEYS, type StateStore } from "../state/store.js";
import type { Detection } from "./detect/index.js";
import type { Conversation } from "./events.js";

export interface AutoExplainSettings {
  /** Channel ids where auto-explain runs; `*` for every channel; empty for none. */
  channels: string[];
  cooldownSeconds: number;
  maxPerMinute: number;
  /** Least time between two edits of one auto-explain card (update in place); 0 for no limit. Default 5. */
  editIntervalSeconds?: number;
}

export type PolicyVerdict =
  | { post: true; detections: Detection[]; suppressed: number }
  | { post: false; reason: "channel-off" | "cooldown" | "rate-limit"; suppressed: number };

const MINUTE_MS = 60_000;

/** An on-call channel: listed in ONCALL_CHANNELS by id or `#name`, or a thread in one. */
export function isOncall(oncallChannels: string[], where: Conversation): boolean {
  const name = where.channelName ? `#${where.channelName.replace(/^#/, "")}` : undefined;
  return oncallChannels.some((c) => c === where.channel || (where.parent !== undefined && c === where.parent) || (name !== undefined && (c === name || `#${c}` === name)));
}

/**
 * Is this answer public? What the asker chose when they chose (Discord's `public` option, Slack's shortcut which is
 * always private); otherwise public in on-call channels, where the rotation should see it, and private elsewhere.
 */
export function answerIsPublic(oncallChannels: string[], where: Conversation, asked: boolean | undefined): boolean {
  return asked ?? isOncall(oncallChannels, where);
}

/**
 * The anti-spam rules of auto-explain: where it may speak (a thread follows its channel unless listed itself),
 * the per-code cooldown (same code, same channel or thread), and a cap on replies per channel per minute.
 * The state is in the store, so every replica sharing it keeps the same cooldowns and caps.
 */
export class AutoExplainPolicy {
  constructor(
    private readonly settings: AutoExplainSettings,
    private readonly state: StateStore,
  ) {}

  enabledIn(channel: string): boolean {
    return this.settings.channels.includes("*") || this.settings.channels.includes(channel);
  }

  /** The channel whose setting applies: a thread's own when it is listed, else its parent's. */
  channelFor(where: Conversation): string {
    return !this.enabledIn(where.channel) && where.parent ? where.parent : where.channel;
  }

  /** The cooldown's scope: the channel, or the thread within it. */
  scopeOf(where: Conversation): string {
    return where.thread ? `${where.channel}:${where.thread}` : where.channel;
  }

  /**
   * Decides whether to post for a message's detections and records what is posted.
   * `scope` is the channel, or channel + thread, that the cooldown applies to.
   */
  async admit(channel: string, scope: string, detections: Detection[]): Promise<PolicyVerdict> {
    if (!this.enabledIn(channel)) return { post: false, reason: "channel-off", suppressed: detections.length };
    const cooldownMs = this.settings.cooldownSeconds * 1000;
    // Claiming is atomic: of two replicas seeing the same code at once, one gets it.
    const keys = detections.map((d) => STATE_KEYS.cooldown(scope, d.catalog, d.code));
    const claimed = cooldownMs > 0 ? await Promise.all(keys.map((key) => this.state.claim(key, cooldownMs))) : keys.map(() => true);
    const fresh = detections.filter((_, i) => claimed[i]);
    const suppressed = detections.length - fresh.length;
    if (fresh.length === 0) return { post: false, reason: "cooldown", suppressed };
    if (this.settings.maxPerMinute > 0 && !(await this.state.takeSlot(STATE_KEYS.channelCap(channel), this.settings.maxPerMinute, MINUTE_MS))) {
      // Not posted, so not cooling down either.
      if (cooldownMs > 0) await Promise.all(keys.filter((_, i) => claimed[i]).map((key) => this.state.release(key)));
      return { post: false, reason: "rate-limit", suppressed: detections.length };
    }
    return { post: true, detections: fresh, suppressed };
  }

  /** Gives back the cooldowns admit() claimed for codes whose card could not be posted. */
  async withdraw(scope: string, codes: Array<Pick<Detection, "catalog" | "code">>): Promise<void> {
    if (this.settings.cooldownSeconds > 0) await Promise.all(codes.map((c) => this.state.release(STATE_KEYS.cooldown(scope, c.catalog, c.code))));
  }
}
