// Occurrence counts on the in-memory store and on a real redis-server: windows, first/last, trend, expiry, and
// memory and Redis keys that stay bounded however many detections are counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Insight, parseTop, seenLine, trendOf } from "../../src/core/insight/insight.js";
import { HOUR_BUCKETS_TTL_MS, HOUR_MS, MINUTE_BUCKETS_TTL_MS, MINUTE_MS, Occurrences } from "../../src/core/insight/occurrences.js";
import { MemoryStore } from "../../src/state/memory.js";
import { RedisStore } from "../../src/state/redis.js";
import type { StateStore } from "../../src/state/store.js";
import { errcodeForTests } from "../support/fake-slack-harness.js";
import { redisForFile } from "../support/redis-server.js";

const redis = redisForFile({ beforeAll, afterAll });
let run = 0;

async function redisStore(): Promise<RedisStore> {
  const store = redis.track(new RedisStore({ url: redis.url(), prefix: `occ${++run}:` }));
  await store.connect();
  return store;
}

const T0 = Date.UTC(2026, 11, 2, 10, 2, 30);
const COS = "tencent-cos-v4";

describe.each([
  ["memory", async (): Promise<StateStore> => new MemoryStore()],
  ["redis", redisStore],
])("occurrences on the %s store", (_kind, open) => {
  it("counts each code once per message, in the window, with first and last seen to the minute", async () => {
    const occ = new Occurrences(await open());
    await occ.record("C1", [{ catalog: COS, code: -29036 }, { catalog: COS, code: -29036 }, { catalog: "upyun", code: 40400001 }], T0);
    await occ.record("C1", [{ catalog: COS, code: -29036 }], T0 + 20 * MINUTE_MS);
    await occ.record("C1", [{ catalog: COS, code: -29036 }], T0 + 39 * MINUTE_MS);
    await occ.record("C2", [{ catalog: COS, code: -29036 }], T0);
    const stats = await occ.window("C1", "1h", { at: T0 + 40 * MINUTE_MS });
    expect(stats.map((s) => [s.code, s.count])).toEqual([
      [-29036, 3],
      [40400001, 1],
    ]);
    expect(seenLine(stats[0]!, "#oncall", "1h")).toBe("3 times in #oncall in the last hour (first 10:02, last 10:41 UTC)");
    // Later the hour's window no longer holds the first ones; the day's still does.
    expect((await occ.window("C1", "1h", { at: T0 + 90 * MINUTE_MS })).map((s) => s.count)).toEqual([1]);
    expect((await occ.window("C1", "24h", { at: T0 + 90 * MINUTE_MS }))[0]!.count).toBe(3);
  });

  it("the trend compares with the window before: rising, steady, falling", async () => {
    const occ = new Occurrences(await open());
    const at = T0 + 3 * HOUR_MS;
    const paste = (code: number, times: number, hoursAgo: number) =>
      Promise.all(Array.from({ length: times }, (_, i) => occ.record("C1", [{ catalog: COS, code }], at - hoursAgo * HOUR_MS + i * 1000)));
    await paste(-1, 2, 1.5); // 2 before, 6 now: rising
    await paste(-1, 6, 0.5);
    await paste(-2, 3, 1.5); // 3 before, 3 now: steady
    await paste(-2, 3, 0.5);
    await paste(-3, 6, 1.5); // 6 before, 1 now: falling
    await paste(-3, 1, 0.5);
    const stats = await occ.window("C1", "1h", { at, trend: true });
    expect(Object.fromEntries(stats.map((s) => [s.code, trendOf(s)]))).toEqual({ "-1": "rising", "-2": "steady", "-3": "falling" });
  });
});

describe("bounded", () => {
  it("Redis: every bucket key expires; keys per conversation are at most one per minute and one per hour", async () => {
    const store = await redisStore();
    const occ = new Occurrences(store);
    // 3 hours of pastes, one a minute, 20 codes.
    for (let m = 0; m < 180; m++) await occ.record("C1", [{ catalog: COS, code: -(m % 20) - 1 }], T0 + m * MINUTE_MS);
    const keys = await store.client.keys(`occ${run}:occ:*`);
    expect(keys.length).toBe(180 + 4); // 180 minute buckets, the hours 10:00 to 13:00
    for (const key of keys) {
      const ttl = await store.client.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(key.includes(":m:") ? MINUTE_BUCKETS_TTL_MS : HOUR_BUCKETS_TTL_MS);
    }
  });

  it("memory: 100,000 detections over 1,000 codes stay within the LRU's bounds", async () => {
    const store = new MemoryStore({ max: 20_000, maxSize: 8 * 1024 * 1024 });
    const occ = new Occurrences(store);
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    // 100,000 detections in 10 conversations over 7 days (one paste every 6 seconds), 1,000 distinct codes.
    for (let i = 0; i < 100_000; i++) await occ.record(`C${i % 10}`, [{ catalog: COS, code: -(i % 1000) - 1 }], T0 + i * 6000);
    globalThis.gc?.();
    const grown = process.memoryUsage().heapUsed - before;
    console.log(`insight memory: ${(grown / 1024 / 1024).toFixed(1)} MB heap growth after 100,000 detections over 1,000 codes`);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    // C3 pasted once a minute: the last hour's 60 minute buckets hold 59 of them (the current minute has none yet).
    expect((await occ.window("C3", "1h", { at: T0 + 100_000 * 6000 })).reduce((n, s) => n + s.count, 0)).toBe(59);
  });
});

describe("insight", () => {
  it("parses top windows", () => {
    expect([parseTop("top"), parseTop("TOP 24h"), parseTop("top 7d"), parseTop("top 3d"), parseTop("-29036")]).toEqual(["1h", "24h", "7d", "invalid", undefined]);
  });

  it("top with no data says so; with data lists codes with counts and the command for each card", async () => {
    const state = new MemoryStore();
    const insight = new Insight(new Occurrences(state), errcodeForTests().index);
    const where = { channel: "C9", channelName: "oncall" };
    expect((await insight.top(where, "1h", T0)).cards[0]!.title).toBe("No error codes seen in #oncall in the last hour");
    await insight.record(where, [{ catalog: COS, code: -29036 }], T0 - 5 * MINUTE_MS);
    await insight.record(where, [{ catalog: COS, code: -29036 }], T0);
    const top = await insight.top(where, "1h", T0);
    expect(top.cards[0]!.summary).toBe(`1. -29036 ERR_DOWN_NOTFINISHED_FILE (Tencent Cloud COS (JSON API v4)): 2 times (first 09:57, last 10:02 UTC), ↑ rising · /errcode ${COS} -29036`);
  });
});
