import type { Code } from "../../catalog/code.js";
// How often each code was seen in a conversation: counts in time buckets kept in the state store (memory or
// Redis), per minute for a day and per hour for two weeks. Every bucket is one hash (field `catalog:code`) that
// expires, so memory and Redis keys stay bounded however many codes are pasted.
import { STATE_KEYS, type StateStore } from "../../state/store.js";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Minute buckets cover any window up to a day; hour buckets a week and the week before it (for the trend). */
export const MINUTE_BUCKETS_TTL_MS = DAY_MS + 2 * MINUTE_MS;
export const HOUR_BUCKETS_TTL_MS = 14 * DAY_MS + 2 * HOUR_MS;

export type InsightWindow = "1h" | "24h" | "7d";
export const WINDOWS: Record<InsightWindow, { ms: number; label: string }> = {
  "1h": { ms: HOUR_MS, label: "the last hour" },
  "24h": { ms: DAY_MS, label: "the last 24 hours" },
  "7d": { ms: 7 * DAY_MS, label: "the last 7 days" },
};

export interface CodeRef {
  catalog: string;
  code: Code;
}

export interface CodeStats extends CodeRef {
  count: number;
  /** Start of the first and last bucket it was seen in (ms since the epoch). */
  first: number;
  last: number;
  /** Its count in the window before this one. */
  previous: number;
}

const fieldOf = (ref: CodeRef) => `${ref.catalog}:${ref.code}`;

function refOf(field: string): CodeRef | undefined {
  const colon = field.lastIndexOf(":");
  const code = Number(field.slice(colon + 1));
  return colon > 0 && Number.isInteger(code) ? { catalog: field.slice(0, colon), code } : undefined;
}

/** The buckets of one resolution covering (from, to]: their keys and start times. */
function buckets(resolution: "m" | "h", conversation: string, from: number, to: number): Array<{ key: string; start: number }> {
  const size = resolution === "m" ? MINUTE_MS : HOUR_MS;
  const out: Array<{ key: string; start: number }> = [];
  for (let b = Math.floor(from / size) + 1; b <= Math.floor(to / size); b++) out.push({ key: STATE_KEYS.occurrences(resolution, conversation, b), start: b * size });
  return out;
}

export class Occurrences {
  constructor(private readonly state: StateStore) {}

  /** Counts each (catalog, code) once, whatever the number of times `refs` holds it. */
  async record(conversation: string, refs: CodeRef[], at = Date.now()): Promise<void> {
    const fields = [...new Set(refs.map(fieldOf))];
    const minute = STATE_KEYS.occurrences("m", conversation, Math.floor(at / MINUTE_MS));
    const hour = STATE_KEYS.occurrences("h", conversation, Math.floor(at / HOUR_MS));
    await Promise.all(fields.flatMap((field) => [this.state.incrementField(minute, field, 1, MINUTE_BUCKETS_TTL_MS), this.state.incrementField(hour, field, 1, HOUR_BUCKETS_TTL_MS)]));
  }

  /**
   * Every code seen in the conversation within the window ending at `at`, most frequent first (then most recent).
   * Windows up to a day are read from minute buckets (first/last to the minute), longer ones from hour buckets.
   */
  async window(conversation: string, window: InsightWindow, options: { at?: number; trend?: boolean } = {}): Promise<CodeStats[]> {
    const at = options.at ?? Date.now();
    const { ms } = WINDOWS[window];
    const current = buckets(ms <= DAY_MS ? "m" : "h", conversation, at - ms, at);
    // The window before: to the minute for the hour (minute buckets last a day), by the hour beyond.
    const previous = options.trend ? buckets(ms < DAY_MS ? "m" : "h", conversation, at - 2 * ms, at - ms) : [];
    const counts = await this.state.readCounts([...current, ...previous].map((b) => b.key));
    const stats = new Map<string, CodeStats>();
    current.forEach((bucket, i) => {
      for (const [field, count] of Object.entries(counts[i]!)) {
        const ref = refOf(field);
        if (!ref || !(count > 0)) continue;
        const seen = stats.get(field);
        if (!seen) stats.set(field, { ...ref, count, first: bucket.start, last: bucket.start, previous: 0 });
        else {
          seen.count += count;
          seen.last = bucket.start;
        }
      }
    });
    previous.forEach((_, i) => {
      for (const [field, count] of Object.entries(counts[current.length + i]!)) {
        const seen = stats.get(field);
        if (seen && count > 0) seen.previous += count;
      }
    });
    return [...stats.values()].sort((a, b) => b.count - a.count || b.last - a.last);
  }
}
