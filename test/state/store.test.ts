// The state store's contract, held by the in-memory store and by a real redis-server alike, and what happens to
// a replica when Redis goes away and comes back.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { FallbackStore } from "../../src/state/fallback.js";
import { MemoryStore } from "../../src/state/memory.js";
import { RedisStore } from "../../src/state/redis.js";
import { incrementWindow, type StateStore } from "../../src/state/store.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { until } from "../support/wait.js";

let redis: RedisServer;
const opened: StateStore[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(opened.map((s) => s.close()));
  await redis?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let run = 0;

async function redisStore(prefix = `test${++run}:`): Promise<RedisStore> {
  const store = new RedisStore({ url: redis.url, prefix });
  await store.connect();
  opened.push(store);
  return store;
}

const kinds: Array<[string, () => Promise<StateStore>]> = [
  ["memory", async () => new MemoryStore()],
  ["redis", () => redisStore()],
];

describe.each(kinds)("the %s store", (_kind, open) => {
  it("claim: one caller gets a key, until it expires or is released", async () => {
    const store = await open();
    const first = await Promise.all([store.claim("k", 150), store.claim("k", 150), store.claim("k", 150)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    await sleep(250);
    expect(await store.claim("k", 5000)).toBe(true);
    await store.release("k");
    expect(await store.claim("k", 5000)).toBe(true);
  });

  it("takeSlot: at most `limit` takers per window, each slot free again a window after it was taken", async () => {
    const store = await open();
    const taken = await Promise.all(Array.from({ length: 5 }, () => store.takeSlot("cap", 3, 300)));
    expect(taken.filter(Boolean)).toHaveLength(3);
    await sleep(400);
    expect(await store.takeSlot("cap", 3, 300)).toBe(true);
  });

  it("increment: counts atomically, and the count expires with the key's first TTL", async () => {
    const store = await open();
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.increment("n", 300)));
    expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await sleep(400);
    expect(await store.increment("n", 300)).toBe(1);
  });

  it("incrementWindow: counts per time bucket", async () => {
    const store = await open();
    const at = 1_700_000_000_000;
    expect(await incrementWindow(store, "occurrences:C1:cos:-29036", 60_000, at)).toBe(1);
    expect(await incrementWindow(store, "occurrences:C1:cos:-29036", 60_000, at + 1000)).toBe(2);
    expect(await incrementWindow(store, "occurrences:C1:cos:-29036", 60_000, at + 61_000)).toBe(1);
  });

  it("put / get: a value until its TTL", async () => {
    const store = await open();
    await store.put("button:ref:x", "l:en:0::-29036", 200);
    expect(await store.get("button:ref:x")).toBe("l:en:0::-29036");
    expect(await store.get("missing")).toBeUndefined();
    await sleep(300);
    expect(await store.get("button:ref:x")).toBeUndefined();
  });
});

describe("Redis keys", () => {
  it("carry the prefix, and every one has a TTL", async () => {
    const store = await redisStore("prefix-check:");
    await store.claim("a", 60_000);
    await store.takeSlot("b", 2, 60_000);
    await store.increment("c", 60_000);
    await store.put("d", "v", 60_000);
    const keys = await store.client.keys("*");
    expect(keys.filter((k) => k.startsWith("prefix-check:")).sort()).toEqual(["prefix-check:a", "prefix-check:b#0", "prefix-check:c", "prefix-check:d"]);
    for (const key of keys) expect(await store.client.pTTL(key), key).toBeGreaterThan(0);
  });
});

describe("Redis trouble never silences the bot", () => {
  it("answers from local state while Redis is down, logs once per outage, counts it, and goes back to Redis", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
    const metrics = new PrometheusMetrics();
    const store = new FallbackStore(new RedisStore({ url: redis.url, prefix: "outage:" }), new MemoryStore(), { timeoutMs: 200, logger, metrics });
    opened.push(store);
    await store.connect(2000);
    expect(store.health()).toBe("redis");
    expect(await store.claim("before", 60_000)).toBe(true);

    await redis.kill();
    const started = performance.now();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await store.claim(`during-${i}`, 60_000));
    expect(answers.every(Boolean)).toBe(true);
    expect(await store.claim("during-0", 60_000)).toBe(false); // the local state still deduplicates
    expect(performance.now() - started).toBeLessThan(21 * 250); // each bounded by the timeout, none hangs
    expect(store.health()).toBe("degraded");
    const outageLines = lines.filter((l) => l.includes("Redis unavailable"));
    expect(outageLines).toHaveLength(1);
    const fallbacks = (await metrics.stateFallbacks.get()).values.reduce((n, v) => n + v.value, 0);
    expect(fallbacks).toBeGreaterThanOrEqual(21);
    expect((await metrics.redisUp.get()).values[0]!.value).toBe(0);

    await redis.restart();
    await until(() => (store.health() === "redis" ? true : undefined), 10_000, "the store to reconnect");
    expect(await store.claim("after", 60_000)).toBe(true);
    expect(await (store as unknown as { redis: RedisStore }).redis.client.exists("outage:after")).toBe(1);
    expect(lines.filter((l) => l.includes("Redis is back"))).toHaveLength(1);
    expect((await metrics.redisUp.get()).values[0]!.value).toBe(1);
  }, 60_000);
});
