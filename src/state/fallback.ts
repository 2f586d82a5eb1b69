import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { MemoryStore } from "./memory.js";
import type { RedisStore } from "./redis.js";
import type { StateHealth, StateStore } from "./store.js";

class RedisTimeout extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = "RedisTimeout";
  }
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeout(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Redis when it answers in time, this process's memory when it does not: a Redis outage costs the replicas their
 * shared view (an occasional duplicate reply), never their answers. Logged once per outage, counted in
 * `errcode_state_fallbacks_total`, shown as `redis: degraded` in /healthz; the client reconnects by itself.
 */
export class FallbackStore implements StateStore {
  private degraded = false;

  constructor(
    private readonly redis: RedisStore,
    private readonly local: MemoryStore,
    private readonly options: { timeoutMs: number; logger: Logger; metrics: Metrics },
  ) {
    redis.client.on("error", (error: unknown) => this.outage("connection", error));
    redis.client.on("ready", () => this.recovered());
    this.options.metrics.redisUp.set(0);
  }

  /** Connects within the timeout, or starts degraded and lets the client keep trying. */
  async connect(connectTimeoutMs: number): Promise<void> {
    try {
      await within(this.redis.connect(), connectTimeoutMs);
      this.recovered();
    } catch (error) {
      this.outage("connect", error);
    }
  }

  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.attempt("claim", (s) => s.claim(key, ttlMs));
  }

  release(key: string): Promise<void> {
    return this.attempt("release", (s) => s.release(key));
  }

  takeSlot(key: string, limit: number, windowMs: number): Promise<boolean> {
    return this.attempt("takeSlot", (s) => s.takeSlot(key, limit, windowMs));
  }

  increment(key: string, ttlMs: number): Promise<number> {
    return this.attempt("increment", (s) => s.increment(key, ttlMs));
  }

  incrementField(key: string, field: string, by: number, ttlMs: number): Promise<number> {
    return this.attempt("incrementField", (s) => s.incrementField(key, field, by, ttlMs));
  }

  readCounts(keys: string[]): Promise<Array<Record<string, number>>> {
    return this.attempt("readCounts", (s) => s.readCounts(keys));
  }

  put(key: string, value: string, ttlMs: number): Promise<void> {
    // Kept locally too: a button stored while Redis is up still works here if Redis goes away before it is pressed.
    void this.local.put(key, value, ttlMs);
    return this.attempt("put", (s) => s.put(key, value, ttlMs));
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.attempt("get", (s) => s.get(key))) ?? this.local.get(key);
  }

  health(): StateHealth {
    return this.degraded || !this.redis.ready() ? "degraded" : "redis";
  }

  async close(): Promise<void> {
    await this.redis.close().catch(() => undefined);
    await this.local.close();
  }

  private async attempt<T>(op: string, work: (store: StateStore) => Promise<T>): Promise<T> {
    if (this.redis.ready()) {
      try {
        const value = await within(work(this.redis), this.options.timeoutMs);
        this.recovered();
        return value;
      } catch (error) {
        this.outage(op, error);
      }
    } else {
      this.outage(op, undefined);
    }
    this.options.metrics.stateFallbacks.inc({ op });
    return work(this.local);
  }

  private outage(op: string, error: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.options.metrics.redisUp.set(0);
    const reason = error instanceof Error ? error.message : "not connected";
    this.options.logger.warn({ state: "redis", op, reason: reason.slice(0, 200) }, "Redis unavailable: answering from this replica's local state until it is back");
  }

  private recovered(): void {
    if (!this.redis.ready()) return;
    this.options.metrics.redisUp.set(1);
    if (!this.degraded) return;
    this.degraded = false;
    this.options.logger.info({ state: "redis" }, "Redis is back: shared state again");
  }
}
