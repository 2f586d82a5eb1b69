import { LRUCache } from "lru-cache";
import type { StateHealth, StateStore } from "./store.js";

export interface MemoryStoreOptions {
  /** Most keys kept; past it the least recently used go first. */
  max?: number;
  /** Total characters of stored values (button requests can be long pasted logs). */
  maxSize?: number;
  /** The clock TTLs are measured on (tests move one by hand). */
  now?: () => number;
}

type Value = string | number | Map<string, number>;

/** Characters a counts hash is charged for: its fields and 8 per count. */
function countsSize(counts: Map<string, number>): number {
  let size = 0;
  for (const field of counts.keys()) size += field.length + 8;
  return Math.max(1, size);
}

/** State in this process: bounded LRU caches with a TTL on every key. The default, and Redis's fallback. */
export class MemoryStore implements StateStore {
  private readonly values: LRUCache<string, Value>;

  constructor(options: MemoryStoreOptions = {}) {
    this.values = new LRUCache<string, Value>({
      max: options.max ?? 100_000,
      maxSize: options.maxSize ?? 64 * 1024 * 1024,
      sizeCalculation: (value, key) => key.length + (typeof value === "string" ? value.length : typeof value === "number" ? 8 : countsSize(value)),
      ttl: 60_000,
      ttlAutopurge: false,
      // ttlResolution 0: otherwise lru-cache reuses its last clock reading for 1 ms, and a clock that jumps (an
      // injected one in tests) would be ignored.
      ttlResolution: 0,
      ...(options.now ? { perf: { now: options.now } } : {}),
    });
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.claimNow(key, ttlMs);
  }

  async release(key: string): Promise<void> {
    this.values.delete(key);
  }

  async takeSlot(key: string, limit: number, windowMs: number): Promise<boolean> {
    for (let slot = 0; slot < limit; slot++) if (this.claimNow(`${key}#${slot}`, windowMs)) return true;
    return false;
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const current = this.values.get(key);
    const next = (typeof current === "number" ? current : 0) + 1;
    // An existing counter keeps the expiry it was created with.
    this.values.set(key, next, { ttl: ttlMs, noUpdateTTL: current !== undefined });
    return next;
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, value, { ttl: ttlMs });
  }

  async get(key: string): Promise<string | undefined> {
    const value = this.values.get(key);
    return value === undefined || value instanceof Map ? undefined : String(value);
  }

  async incrementField(key: string, field: string, by: number, ttlMs: number): Promise<number> {
    const current = this.values.get(key);
    const counts = current instanceof Map ? current : new Map<string, number>();
    const next = (counts.get(field) ?? 0) + by;
    counts.set(field, next);
    // Set again so the cache re-measures the hash; an existing one keeps the expiry it was created with.
    this.values.set(key, counts, { ttl: ttlMs, noUpdateTTL: current instanceof Map });
    return next;
  }

  async readCounts(keys: string[]): Promise<Array<Record<string, number>>> {
    return keys.map((key) => {
      const value = this.values.get(key);
      return value instanceof Map ? Object.fromEntries(value) : {};
    });
  }

  health(): StateHealth {
    return "memory";
  }

  async close(): Promise<void> {
    this.values.clear();
  }

  private claimNow(key: string, ttlMs: number): boolean {
    if (this.values.has(key)) return false;
    this.values.set(key, 1, { ttl: Math.max(1, ttlMs) });
    return true;
  }
}
