import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import { FallbackStore } from "./fallback.js";
import { MemoryStore } from "./memory.js";
import type { StateStore } from "./store.js";

export interface StateSettings {
  redisUrl?: string;
  redisPrefix: string;
  redisTimeoutMs: number;
}

/** Memory unless REDIS_URL is set; then Redis, falling back to memory whenever Redis does not answer in time. */
export async function openStateStore(settings: StateSettings, logger: Logger, metrics: Metrics): Promise<StateStore> {
  if (!settings.redisUrl) return new MemoryStore();
  // The Redis client is loaded only when it is used: it is the largest thing a memory-only bot would import.
  const { RedisStore } = await import("./redis.js");
  const redis = new RedisStore({ url: settings.redisUrl, prefix: settings.redisPrefix });
  const store = new FallbackStore(redis, new MemoryStore(), { timeoutMs: settings.redisTimeoutMs, logger, metrics });
  await store.connect(2000);
  if (store.health() === "redis") logger.info({ prefix: settings.redisPrefix }, "shared state in Redis");
  return store;
}
