import { createClient } from "redis";
import type { StateHealth, StateStore } from "./store.js";

// INCR, and an expiry for a key that has none (a new counter), in one atomic step.
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;
// HINCRBY, and an expiry for a hash that has none (a new bucket), in one atomic step.
const INCREMENT_FIELD = `local n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return n`;
// The first free slot of ARGV[1], each one a key held for ARGV[2] ms: a sliding-window cap.
const TAKE_SLOT = `for i = 0, tonumber(ARGV[1]) - 1 do
  if redis.call('SET', KEYS[1] .. '#' .. i, '1', 'NX', 'PX', ARGV[2]) then return 1 end
end
return 0`;

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisStoreOptions {
  url: string;
  /** Put before every key, so several bots (or environments) can share one Redis. */
  prefix: string;
  connectTimeoutMs?: number;
}

/**
 * State shared by every replica in Redis. Commands fail at once while disconnected (no offline queue): the
 * caller (FallbackStore) answers from local state instead of waiting. The client reconnects on its own.
 */
export class RedisStore implements StateStore {
  readonly client: RedisClient;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      commandsQueueMaxLength: 10_000,
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 2000,
        // Keep trying, at most every 2 s: a Redis that comes back is used again.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 6), 2000),
      },
    });
    // An "error" event nobody listens to would crash the process; reporting outages is FallbackStore's job.
    this.client.on("error", () => undefined);
  }

  /** Connects; the client keeps retrying in the background if this first attempt fails. */
  async connect(): Promise<void> {
    await this.client.connect();
  }

  ready(): boolean {
    return this.client.isReady;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const answer = await this.client.set(this.key(key), "1", { condition: "NX", expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) } });
    return answer === "OK";
  }

  async release(key: string): Promise<void> {
    await this.client.del(this.key(key));
  }

  async takeSlot(key: string, limit: number, windowMs: number): Promise<boolean> {
    const taken = await this.client.eval(TAKE_SLOT, { keys: [this.key(key)], arguments: [String(limit), String(Math.max(1, Math.round(windowMs)))] });
    return Number(taken) === 1;
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return Number(await this.client.eval(INCREMENT, { keys: [this.key(key)], arguments: [String(Math.max(1, Math.round(ttlMs)))] }));
  }

  async put(key: string, value: string, ttlMs: number): Promise<void> {
    await this.client.set(this.key(key), value, { expiration: { type: "PX", value: Math.max(1, Math.round(ttlMs)) } });
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.client.get(this.key(key));
    return value === null ? undefined : String(value);
  }

  async incrementField(key: string, field: string, by: number, ttlMs: number): Promise<number> {
    const args = [field, String(Math.trunc(by)), String(Math.max(1, Math.round(ttlMs)))];
    return Number(await this.client.eval(INCREMENT_FIELD, { keys: [this.key(key)], arguments: args }));
  }

  async readCounts(keys: string[]): Promise<Array<Record<string, number>>> {
    if (keys.length === 0) return [];
    // One round trip for every bucket of a window.
    const multi = this.client.multi();
    for (const key of keys) multi.hGetAll(this.key(key));
    const replies = (await multi.execAsPipeline()) as unknown as Array<Record<string, string>>;
    return replies.map((reply) => Object.fromEntries(Object.entries(reply ?? {}).map(([field, count]) => [field, Number(count)])));
  }

  health(): StateHealth {
    return this.client.isReady ? "redis" : "degraded";
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close().catch(() => this.client.destroy());
  }

  private key(key: string): string {
    return `${this.prefix}${key}`;
  }
}
