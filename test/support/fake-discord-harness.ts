// The real DiscordAdapter (real discord.js, real HTTP and WebSocket) wired to a FakeDiscord, with logs captured.
import { Writable } from "node:stream";
import type { AdapterContext } from "../../src/adapters/adapter.js";
import { DiscordAdapter } from "../../src/adapters/discord/adapter.js";
import { loadConfig, type Config } from "../../src/config.js";
import { Errcode } from "../../src/core/errcode.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { MemoryStore } from "../../src/state/memory.js";
import type { StateStore } from "../../src/state/store.js";
import { FakeDiscord, IDS, type FakeDiscordOptions } from "./fake-discord.js";

export const TEST_TOKEN = "fake-bot-token.ABCDEF.secret-part-1234567890";

let shared: Errcode | undefined;
/** The catalogs load once per test file; every app shares the same read-only index. */
export function testErrcode(): Errcode {
  return (shared ??= Errcode.load());
}

export interface DiscordApp {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  /** The context the adapter runs with; its metrics are Prometheus ones, so tests can read them. */
  context: AdapterContext & { metrics: PrometheusMetrics };
  logs: Array<Record<string, unknown>>;
  /** Every log line as written, after secret scrubbing. */
  rawLogs: string[];
  close(): Promise<void>;
}

export interface AppOptions {
  env?: Record<string, string>;
  fake?: FakeDiscordOptions;
  state?: StateStore;
  logLevel?: string;
  /** Catalogs other than the shared built-in ones (a team catalog). */
  errcode?: Errcode;
}

export function testConfig(apiUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: apiUrl,
      AUTO_EXPLAIN_CHANNELS: IDS.general,
      ONCALL_CHANNELS: IDS.oncall,
      ...env,
    },
    { dotenv: false },
  );
}

export async function startDiscordApp(options: AppOptions = {}): Promise<DiscordApp> {
  const fake = await FakeDiscord.start(options.fake);
  const config = testConfig(fake.apiUrl, options.env);
  const rawLogs: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString();
      rawLogs.push(line);
      for (const part of line.split("\n").filter(Boolean)) logs.push(JSON.parse(part) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: options.logLevel ?? "debug", secrets: [TEST_TOKEN], destination: sink });
  const context: AdapterContext & { metrics: PrometheusMetrics } = {
    errcode: options.errcode ?? testErrcode(),
    state: options.state ?? new MemoryStore(),
    config,
    logger,
    metrics: new PrometheusMetrics(),
  };
  const adapter = new DiscordAdapter(context);
  try {
    await adapter.start();
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    adapter,
    context,
    logs,
    rawLogs,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** A counter's value for some labels, read from the registry. */
export async function metricValue(metrics: PrometheusMetrics, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
  return values.filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want)).reduce((n, v) => n + v.value, 0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it stops throwing (for effects that land just after the REST call the fake saw). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}
