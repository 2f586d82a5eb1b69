// Signed /errcode requests through the real Slack adapter (real Bolt HTTP receiver: signature check, ack, then
// lookup + render + response_url POST) against a bare Bolt app whose handler only acks, both on 127.0.0.1 in this
// process. Slack's two sides run on their own threads, as they run on other machines in life: the sender (signs,
// POSTs, times the ack) and the fake Slack that receives the cards. Otherwise their work would share the event
// loop of the app being measured.
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { App, HTTPReceiver } from "@slack/bolt";
import type { StateStore } from "../src/state/store.js";
import { FAKE_BOT_ID, FAKE_BOT_TOKEN, FAKE_BOT_USER, FAKE_SIGNING_SECRET } from "../test/support/fake-slack.js";
import { asForm, commandPayload, FORM } from "../test/support/fake-slack-requests.js";
import { startRedis } from "../test/support/redis-server.js";
import { built, percentile, typeScriptWorker } from "./measure.js";

const { SlackAdapter } = await built<typeof import("../src/adapters/slack/adapter.js")>("../src/adapters/slack/adapter.js");
const { loadConfig } = await built<typeof import("../src/config.js")>("../src/config.js");
const { Errcode } = await built<typeof import("../src/core/errcode.js")>("../src/core/errcode.js");
const { FallbackStore } = await built<typeof import("../src/state/fallback.js")>("../src/state/fallback.js");
const { MemoryStore } = await built<typeof import("../src/state/memory.js")>("../src/state/memory.js");
const { RedisStore } = await built<typeof import("../src/state/redis.js")>("../src/state/redis.js");
const { STATE_KEYS } = await built<typeof import("../src/state/store.js")>("../src/state/store.js");
const { createLogger } = await built<typeof import("../src/log.js")>("../src/log.js");
const { PrometheusMetrics } = await built<typeof import("../src/prometheus-metrics.js")>("../src/prometheus-metrics.js");

const ROUNDS = 20;
const PER_ROUND = 20; // 400 requests per app and measure: enough for a p99 that is not just the slowest two
const WARM_UP = 30;
/** "One at a time": after a command is finished, each app sits idle this long before the next (people are slower). */
const SETTLE_MS = 5;
const QUERIES = ["-29036", "signature expired", "-6101", "ERR_DOWN_NOTFINISHED_FILE", "upyun 40100006", 'upload failed: {"code": -29036} errno=-61'];

interface Target {
  url: string;
  stop: () => Promise<void>;
  /** Resolves once the app has no command work left, and then has been idle for SETTLE_MS. */
  idle: (commands: number) => Promise<void>;
}

/** Slack's sending side: signs each request (v0 HMAC-SHA256), POSTs it, times it until the ack (HTTP 200) is read. */
const SENDER = `
const { parentPort } = require("node:worker_threads");
const { createHmac } = require("node:crypto");
parentPort.on("message", async ({ secret, requests }) => {
  const out = [];
  for (const { url, body } of requests) {
    const ts = Math.floor(Date.now() / 1000);
    const signature = "v0=" + createHmac("sha256", secret).update("v0:" + ts + ":" + body).digest("hex");
    const headers = { "content-type": "${FORM}", "x-slack-request-timestamp": String(ts), "x-slack-signature": signature };
    const started = performance.now();
    const response = await fetch(url, { method: "POST", headers, body });
    await response.text();
    out.push({ ms: performance.now() - started, status: response.status });
  }
  parentPort.postMessage(out);
});
`;

class Sender {
  private readonly worker = new Worker(SENDER, { eval: true });

  async send(requests: Array<{ url: string; body: string }>): Promise<number[]> {
    this.worker.postMessage({ secret: FAKE_SIGNING_SECRET, requests });
    const [answers] = (await once(this.worker, "message")) as [Array<{ ms: number; status: number }>];
    const bad = answers.find((a) => a.status !== 200);
    if (bad) throw new Error(`bench: an app answered ${bad.status}`);
    return answers.map((a) => a.ms);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Slack's receiving side: test/support/fake-slack-worker.ts (TypeScript, loaded through tsx's ESM hooks). */
class FakeSlackThread {
  private readonly worker: Worker;
  private readonly cards = new Map<string, () => void>();
  apiUrl = "";
  private port = 0;

  private constructor() {
    this.worker = typeScriptWorker("../test/support/fake-slack-worker.ts");
    this.worker.on("message", (m: { type: string; id?: string; port?: number; apiUrl?: string }) => {
      if (m.type === "card") this.cards.get(m.id!)?.();
    });
  }

  static async start(): Promise<FakeSlackThread> {
    const thread = new FakeSlackThread();
    const [ready] = (await once(thread.worker, "message")) as [{ port: number; apiUrl: string }];
    thread.port = ready.port;
    thread.apiUrl = ready.apiUrl;
    return thread;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Resolves when the card for response_url `id` has reached the fake. */
  card(id: string): Promise<void> {
    const arrived = new Promise<void>((resolve) => this.cards.set(id, resolve));
    this.worker.postMessage({ type: "watch", id });
    return arrived.finally(() => this.cards.delete(id));
  }

  async received(): Promise<number> {
    this.worker.postMessage({ type: "count" });
    for (;;) {
      const [m] = (await once(this.worker, "message")) as [{ type: string; n: number }];
      if (m.type === "count") return m.n;
    }
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: "close" });
    await this.worker.terminate();
  }
}

function silentBoltLogger() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => "error" as never, setName: noop };
}

/** The state as main.ts opens it with REDIS_URL: Redis behind the bounded-timeout local fallback. */
async function redisState(url: string, metrics: InstanceType<typeof PrometheusMetrics>): Promise<InstanceType<typeof FallbackStore>> {
  const store = new FallbackStore(new RedisStore({ url, prefix: `bench-${randomUUID().slice(0, 8)}:` }), new MemoryStore(), { timeoutMs: 250, logger: createLogger({ level: "silent" }), metrics });
  await store.connect(5000);
  if (store.health() !== "redis") throw new Error("bench: redis-server did not answer");
  return store;
}

async function startReal(fake: FakeSlackThread, redisUrl?: string): Promise<Target> {
  const config = loadConfig(
    { SLACK_BOT_TOKEN: FAKE_BOT_TOKEN, SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0" },
    { dotenv: false },
  );
  const metrics = new PrometheusMetrics();
  const state = redisUrl ? await redisState(redisUrl, metrics) : new MemoryStore();
  const adapter = new SlackAdapter({ errcode: Errcode.load([], { warm: true }), state, config, logger: createLogger({ level: "silent" }), metrics });
  await adapter.start();
  // The latency histogram counts finished commands: the card posted and Slack's answer to that post read.
  const finished = async () => ((await metrics.latency.get()).values.find((v) => v.metricName === "errcode_handler_seconds_count" && v.labels.event === "command")?.value ?? 0);
  const idle = async (commands: number) => {
    while ((await finished()) < commands) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  };
  return { url: `http://127.0.0.1:${adapter.address()!.port}/slack/events`, stop: async () => (await adapter.stop(), await state.close()), idle };
}

/**
 * The state operations one auto-explained Slack message costs, in order: the event-id dedupe, the replay check,
 * "answered once", the code's cooldown and the channel's cap. Milliseconds per event.
 */
async function stateOpsPerEvent(store: StateStore, events: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < events; i++) {
    const id = randomUUID();
    const started = performance.now();
    await store.claim(STATE_KEYS.slackEvent(id), 900_000);
    await store.claim(STATE_KEYS.slackSignature(id), 600_000);
    await store.claim(STATE_KEYS.answered("slack", "CBENCH", id), 900_000);
    await store.claim(STATE_KEYS.cooldown(`CBENCH:${id}`, "tencent-cos-v4", -29036), 600_000);
    await store.takeSlot(STATE_KEYS.channelCap(`CBENCH${i % 50}`), 1000, 60_000);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** The floor: Bolt's HTTP receiver verifying the signature and acking, nothing else. */
async function startBare(fake: FakeSlackThread): Promise<Target> {
  const receiver = new HTTPReceiver({ signingSecret: FAKE_SIGNING_SECRET, logger: silentBoltLogger() });
  const app = new App({ token: FAKE_BOT_TOKEN, botId: FAKE_BOT_ID, botUserId: FAKE_BOT_USER, receiver, logger: silentBoltLogger(), clientOptions: { slackApiUrl: fake.apiUrl } });
  app.command("/errcode", async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: "127.0.0.1" })) as Server;
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, stop: async () => void (await app.stop()), idle: () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS)) };
}

function command(fake: FakeSlackThread, target: Target, i: number): { url: string; body: string; id: string } {
  const id = randomUUID();
  return { id, url: target.url, body: asForm(commandPayload({ text: QUERIES[i % QUERIES.length]!, response_url: fake.responseUrl(id) })) };
}

/** One command: the ack time, and for errcode the time until its card reached Slack. */
async function roundTrip(sender: Sender, fake: FakeSlackThread, target: Target, i: number, waitForCard: boolean): Promise<{ ack: number; card?: number }> {
  const request = command(fake, target, i);
  const card = waitForCard ? fake.card(request.id) : undefined;
  const started = performance.now();
  const [ack] = await sender.send([request]);
  if (!card) return { ack: ack! };
  await card;
  return { ack: ack!, card: performance.now() - started };
}

function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export default async function bench(): Promise<void> {
  const redis = await startRedis();
  const fake = await FakeSlackThread.start();
  const real = await startReal(fake);
  const shared = await startReal(fake, redis.url);
  const bare = await startBare(fake);
  const sender = new Sender();
  try {
    for (let i = 0; i < WARM_UP; i++) {
      await roundTrip(sender, fake, real, i, true);
      await roundTrip(sender, fake, shared, i, true);
      await roundTrip(sender, fake, bare, i, false);
    }
    let commands = WARM_UP;
    let sharedCommands = WARM_UP;
    await real.idle(commands);
    await shared.idle(sharedCommands);
    const ours = { ack: [] as number[], card: [] as number[] };
    const withRedis = { ack: [] as number[], card: [] as number[] };
    const floor: number[] = [];
    // Interleaved rounds, so drift on a shared machine hits both apps alike. Each errcode command is finished
    // (card posted, Slack's answer read) before the next one goes out.
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < PER_ROUND; i++) {
        const sample = await roundTrip(sender, fake, real, round * PER_ROUND + i, true);
        await real.idle(++commands);
        ours.ack.push(sample.ack);
        ours.card.push(sample.card!);
      }
      for (let i = 0; i < PER_ROUND; i++) {
        const sample = await roundTrip(sender, fake, shared, round * PER_ROUND + i, true);
        await shared.idle(++sharedCommands);
        withRedis.ack.push(sample.ack);
        withRedis.card.push(sample.card!);
      }
      for (let i = 0; i < PER_ROUND; i++) {
        floor.push((await roundTrip(sender, fake, bare, round * PER_ROUND + i, false)).ack);
        await bare.idle(0);
      }
    }
    // Back to back: the next command goes out as soon as the previous one is acked, while errcode is still
    // looking up and posting the earlier cards.
    const busy: number[] = [];
    const busyFloor: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      busy.push(...(await sender.send(Array.from({ length: PER_ROUND }, (_, i) => command(fake, real, round * PER_ROUND + i)))));
      busyFloor.push(...(await sender.send(Array.from({ length: PER_ROUND }, (_, i) => command(fake, bare, round * PER_ROUND + i)))));
    }
    const expected = 2 * WARM_UP + 3 * ROUNDS * PER_ROUND;
    for (let waited = 0; (await fake.received()) < expected; waited += 50) {
      if (waited > 20_000) throw new Error("bench: not every card reached the fake Slack");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const n = ROUNDS * PER_ROUND;
    const row = (label: string, x: { p50: number; p99: number }, y: { p50: number; p99: number }) =>
      `| ${label} | ${x.p50.toFixed(2)} ms | ${x.p99.toFixed(2)} ms | ${y.p50.toFixed(2)} ms | ${y.p99.toFixed(2)} ms | ${(x.p50 / y.p50).toFixed(2)}x | ${(x.p99 / y.p99).toFixed(2)}x |`;
    const card = summary(ours.card);
    console.log(`signed /errcode over HTTP -> Bolt HTTPReceiver (signature check) -> ack; ${n} per app and measure; sender and fake Slack on their own threads`);
    console.log("baseline: a bare Bolt 5 app whose /errcode handler only acks");
    console.log("| measure | errcode p50 | errcode p99 | bare ack p50 | bare ack p99 | p50 ratio | p99 ratio |");
    console.log("|---|---|---|---|---|---|---|");
    console.log(row("ack, one command at a time", summary(ours.ack), summary(floor)));
    console.log(row("ack, commands back to back (cards still in flight)", summary(busy), summary(busyFloor)));
    console.log(`| card at response_url (ack + lookup + Block Kit + POST) | ${card.p50.toFixed(2)} ms | ${card.p99.toFixed(2)} ms | | | | |`);
    console.log(`target: ack p50 within 1.25x of the bare app; slowest errcode ack ${Math.max(...ours.ack, ...busy).toFixed(1)} ms (Slack's deadline: 3000 ms)`);

    // Shared state in Redis (REDIS_URL) against the default in-memory state, same app, interleaved rounds.
    const memoryStore = new MemoryStore();
    const redisStore = await redisState(redis.url, new PrometheusMetrics());
    await stateOpsPerEvent(redisStore, 200);
    const opsMemory: number[] = [];
    const opsRedis: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      opsMemory.push(...(await stateOpsPerEvent(memoryStore, 50)));
      opsRedis.push(...(await stateOpsPerEvent(redisStore, 50)));
    }
    await redisStore.close();
    const delta = (x: number[], y: number[]) => (summary(x).p50 - summary(y).p50).toFixed(2);
    console.log("");
    console.log(`REDIS_URL set (redis-server on loopback, behind the local fallback) against in-memory state; ${n} commands, ${opsRedis.length} events each`);
    console.log("| measure | in memory p50 | with Redis p50 | Redis adds (p50) | with Redis p99 |");
    console.log("|---|---|---|---|---|");
    const line = (label: string, x: number[], y: number[]) => `| ${label} | ${summary(x).p50.toFixed(2)} ms | ${summary(y).p50.toFixed(2)} ms | ${delta(y, x)} ms | ${summary(y).p99.toFixed(2)} ms |`;
    console.log(line("/errcode ack (replay check before the ack)", ours.ack, withRedis.ack));
    console.log(line("/errcode card at response_url", ours.card, withRedis.card));
    console.log(line("state of one auto-explained message (5 operations)", opsMemory, opsRedis));
    console.log("target: Redis adds < 1 ms p50 per event");
  } finally {
    await sender.close();
    await real.stop();
    await shared.stop();
    await bare.stop();
    await fake.close();
    await redis.stop();
  }
}
