// The real SlackAdapter (real Bolt, real HTTP / WebSocket) wired to a FakeSlack on 127.0.0.1.
import { Writable } from "node:stream";
import type { AdapterContext } from "../../src/adapters/adapter.js";
import { SLACK_EVENTS_PATH, SlackAdapter, type SlackAdapterOptions } from "../../src/adapters/slack/adapter.js";
import { loadConfig } from "../../src/config.js";
import { Errcode } from "../../src/core/errcode.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { MemoryStore } from "../../src/state/memory.js";
import type { StateStore } from "../../src/state/store.js";
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FakeSlack } from "./fake-slack.js";

let sharedErrcode: Errcode | undefined;
/** The catalogs load once per test process. */
export function errcodeForTests(): Errcode {
  sharedErrcode ??= Errcode.load();
  return sharedErrcode;
}

export interface SlackHarness {
  fake: FakeSlack;
  adapter: SlackAdapter;
  /** The context the adapter runs with; its metrics are Prometheus ones, so tests can read them. */
  context: AdapterContext & { metrics: PrometheusMetrics };
  /** Every log line the app wrote (JSON), for checking that secrets and raw input stay out. */
  logs: string[];
  /** HTTP mode: the bot's /slack/events URL. */
  eventsUrl: string;
  /** Sum of a counter's values whose labels include `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** How many pieces of after-the-ack work of this kind have finished (the latency histogram's count). */
  handled(event: string): Promise<number>;
  /** Resolves once `count` pieces of `event` work have finished: the point after which nothing more will be sent. */
  waitForHandled(event: string, count: number): Promise<void>;
  /** Resolves with the log lines containing `text` once there are at least `count` of them. */
  waitForLog(text: string, count?: number): Promise<string[]>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode: "http" | "socket";
  env?: Record<string, string>;
  adapterOptions?: SlackAdapterOptions;
  fake?: FakeSlack;
  /** Catalogs other than the built-in ones (a team catalog). */
  errcode?: Errcode;
  /** Shared state (another replica's, say); a fresh in-memory store by default. */
  state?: StateStore;
}

/** Fast retries so failure tests finish quickly; the behaviour (what is retried, Retry-After) is the real one. */
export const FAST_RETRIES: SlackAdapterOptions = {
  webApiRetry: { retries: 2, factor: 1, minTimeout: 20, maxTimeout: 50 },
  responseUrlRetry: { retries: 2, minDelayMs: 20, maxDelayMs: 2000, timeoutMs: 5000 },
};

async function poll(done: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const fake = options.fake ?? (await FakeSlack.start());
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "debug",
    ...(options.mode === "socket" ? { SLACK_APP_TOKEN: FAKE_APP_TOKEN } : { SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET }),
    ...options.env,
  };
  const config = loadConfig(env, { dotenv: false });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  // No secrets list on purpose: the scrubbing in createLogger must not be what keeps tokens out of these logs.
  const logger = createLogger({ level: config.logLevel, destination: sink });
  const metrics = new PrometheusMetrics();
  const context: AdapterContext & { metrics: PrometheusMetrics } = { errcode: options.errcode ?? errcodeForTests(), state: options.state ?? new MemoryStore(), config, logger, metrics };
  const adapter = new SlackAdapter(context, { ...FAST_RETRIES, ...options.adapterOptions });
  await adapter.start();
  const port = adapter.address()?.port;
  const harness: SlackHarness = {
    fake,
    adapter,
    context,
    logs,
    eventsUrl: port ? `http://127.0.0.1:${port}${SLACK_EVENTS_PATH}` : "",
    async metric(name, labels = {}) {
      const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
      const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number> }>;
      return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
    },
    async handled(event) {
      const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === "errcode_handler_seconds");
      const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
      return values.filter((v) => v.metricName === "errcode_handler_seconds_count" && v.labels.event === event).reduce((sum, v) => sum + v.value, 0);
    },
    async waitForHandled(event, count) {
      await poll(async () => (await harness.handled(event)) >= count, `${count} finished "${event}" handler(s)`);
    },
    async waitForLog(text, count = 1) {
      const matching = () => logs.filter((l) => l.includes(text));
      await poll(async () => matching().length >= count, `${count} log line(s) containing "${text}"`);
      return matching();
    },
    async close() {
      await adapter.stop();
      if (!options.fake) await fake.close();
    },
  };
  return harness;
}
