// Interaction round trip through the real Discord adapter (gateway event in -> lookup -> render -> callback out)
// against bare discord.js clients, all on local fake Discords. The fakes run on their own thread and time each
// round trip there, as Discord is another machine in life: otherwise their work would share the event loop of the
// clients being measured.
import { once } from "node:events";
import type { Worker } from "node:worker_threads";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { IDS } from "../test/support/fake-discord.js";
import { built, percentile, typeScriptWorker } from "./measure.js";

const { DiscordAdapter } = await built<typeof import("../src/adapters/discord/adapter.js")>("../src/adapters/discord/adapter.js");
const { loadConfig } = await built<typeof import("../src/config.js")>("../src/config.js");
const { Errcode } = await built<typeof import("../src/core/errcode.js")>("../src/core/errcode.js");
const { MemoryStore } = await built<typeof import("../src/state/memory.js")>("../src/state/memory.js");
const { createLogger } = await built<typeof import("../src/log.js")>("../src/log.js");
const { PrometheusMetrics } = await built<typeof import("../src/prometheus-metrics.js")>("../src/prometheus-metrics.js");

const TOKEN = "bench-token.not-a-secret.0000000000";
const ROUNDS = 12;
const PER_ROUND = 40;
const WARM_UP = 40;

type Kind = "command" | "autocomplete";
const QUERIES = ["-29036", "signature expired", "-6101", "ERR_DOWN_NOTFINISHED_FILE", "upyun 40100006", "upload"];
const TYPED = ["-2903", "sign", "ERR_DOWN", "签名", "-61", "upload"];
const textFor = (kind: Kind, i: number) => (kind === "command" ? QUERIES : TYPED)[i % QUERIES.length]!;

/** The fake Discords' thread: one fake per client measured. */
class FakeDiscordThread {
  private constructor(
    private readonly worker: Worker,
    readonly apiUrls: string[],
  ) {}

  static async start(fakes: number): Promise<FakeDiscordThread> {
    const worker = typeScriptWorker("../test/support/fake-discord-worker.ts", { fakes });
    const [ready] = (await once(worker, "message")) as [{ apiUrls: string[] }];
    return new FakeDiscordThread(worker, ready.apiUrls);
  }

  /** One interaction on fake `fake`: the milliseconds until its callback arrived there, and what the callback said. */
  async trip(fake: number, kind: Kind, text: string): Promise<{ ms: number; data: any }> {
    this.worker.postMessage({ type: "trip", fake, kind, text });
    const [answer] = (await once(this.worker, "message")) as [{ ms: number; data: any; error?: string }];
    if (answer.error) throw new Error(`bench: ${answer.error}`);
    return answer;
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: "close" });
    await once(this.worker, "message");
    await this.worker.terminate();
  }
}

async function startReal(apiUrl: string): Promise<() => Promise<void>> {
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: apiUrl }, { dotenv: false });
  const adapter = new DiscordAdapter({
    errcode: Errcode.load([], { warm: true }),
    state: new MemoryStore(),
    config,
    logger: createLogger({ level: "silent" }),
    metrics: new PrometheusMetrics(),
  });
  await adapter.start();
  return () => adapter.stop();
}

/** What errcode answered to each query, replayed by the second baseline. */
interface Answers {
  command: Map<string, any>;
  autocomplete: Map<string, any>;
}

/**
 * The floor: discord.js receiving the event and acknowledging it, nothing else (`answers` absent); or, with
 * `answers`, a bare client that sends errcode's own answer, prepared beforehand, so both send the same bytes and
 * the difference is errcode's work (lookup, policy, state, render), not the size of the reply.
 */
async function startBare(apiUrl: string, answers?: Answers): Promise<() => Promise<void>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) {
      const choices = answers?.autocomplete.get(String(interaction.options.getFocused())) ?? [];
      void interaction.respond(choices).catch(() => undefined);
    } else if (interaction.isChatInputCommand()) {
      const data = answers?.command.get(interaction.options.getString("query") ?? "");
      if (!data) void interaction.deferReply().catch(() => undefined);
      else
        void interaction
          .reply({ content: data.content, embeds: data.embeds, components: data.components, flags: data.flags, allowedMentions: data.allowed_mentions })
          .catch(() => undefined);
    }
  });
  await client.login(TOKEN);
  return async () => void (await client.destroy());
}

function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const NAMES = ["real", "bare", "same"] as const;
type Name = (typeof NAMES)[number];

export default async function bench(): Promise<void> {
  const fakes = await FakeDiscordThread.start(NAMES.length);
  const stops: Array<() => Promise<void>> = [];
  try {
    stops.push(await startReal(fakes.apiUrls[0]!));
    const answers: Answers = { command: new Map(), autocomplete: new Map() };
    for (let i = 0; i < QUERIES.length; i++) {
      answers.command.set(QUERIES[i]!, (await fakes.trip(0, "command", QUERIES[i]!)).data);
      answers.autocomplete.set(TYPED[i]!, (await fakes.trip(0, "autocomplete", TYPED[i]!)).data.choices);
    }
    stops.push(await startBare(fakes.apiUrls[1]!));
    stops.push(await startBare(fakes.apiUrls[2]!, answers));
    const samples = Object.fromEntries(NAMES.map((n) => [n, { command: [] as number[], autocomplete: [] as number[] }])) as Record<Name, Record<Kind, number[]>>;
    for (const kind of ["command", "autocomplete"] as const) {
      for (let i = 0; i < WARM_UP; i++) for (let f = 0; f < NAMES.length; f++) await fakes.trip(f, kind, textFor(kind, i));
    }
    // Interleaved rounds, so drift on a shared machine hits every client alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ["command", "autocomplete"] as const) {
        for (let f = 0; f < NAMES.length; f++) {
          for (let i = 0; i < PER_ROUND; i++) samples[NAMES[f]!][kind].push((await fakes.trip(f, kind, textFor(kind, round * PER_ROUND + i))).ms);
        }
      }
    }
    const n = ROUNDS * PER_ROUND;
    console.log(`interaction round trip: INTERACTION_CREATE frame sent -> callback POST received, ${n} each; the fake Discords on their own thread`);
    console.log("baselines: a bare discord.js 14 client that only acknowledges (type 5 deferred; empty autocomplete), and one that");
    console.log("sends errcode's own answer, prepared beforehand (same embeds, same 25 choices): the target is against the latter");
    console.log("| interaction | errcode p50 | errcode p99 | bare ack p50 | same reply p50 | same reply p99 | p50 vs ack | p50 vs same reply | p99 vs same reply |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const kind of ["command", "autocomplete"] as const) {
      const ours = summary(samples.real[kind]);
      const ack = summary(samples.bare[kind]);
      const floor = summary(samples.same[kind]);
      const label = kind === "command" ? "/errcode (lookup + embeds)" : "autocomplete (25 choices)";
      console.log(
        `| ${label} | ${ours.p50.toFixed(2)} ms | ${ours.p99.toFixed(2)} ms | ${ack.p50.toFixed(2)} ms | ${floor.p50.toFixed(2)} ms | ${floor.p99.toFixed(2)} ms | ${(ours.p50 / ack.p50).toFixed(2)}x | ${(ours.p50 / floor.p50).toFixed(2)}x | ${(ours.p99 / floor.p99).toFixed(2)}x |`,
      );
    }
    const worst = Math.max(...samples.real.command, ...samples.real.autocomplete);
    console.log(`target: p50 within 1.25x of the bare client sending the same reply; slowest errcode answer: ${worst.toFixed(1)} ms (Discord's deadline: 3000 ms)`);
  } finally {
    for (const stop of stops) await stop();
    await fakes.close();
  }
}
