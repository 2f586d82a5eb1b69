// Interaction round trip through the real Discord adapter (gateway event in -> lookup -> render -> callback out),
// against a bare discord.js client that only acknowledges (type 5, deferred), both on a local fake Discord.
import { Client, Events, GatewayIntentBits } from "discord.js";
import { DiscordAdapter } from "../src/adapters/discord/adapter.js";
import { loadConfig } from "../src/config.js";
import { Errcode } from "../src/core/errcode.js";
import { MemoryStore } from "../src/state/memory.js";
import { createLogger } from "../src/log.js";
import { Metrics } from "../src/metrics.js";
import { FakeDiscord, IDS } from "../test/support/fake-discord.js";
import { percentile } from "./measure.js";

const TOKEN = "bench-token.not-a-secret.0000000000";
const ROUNDS = 12;
const PER_ROUND = 40;
const WARM_UP = 40;

type Kind = "command" | "autocomplete";
const QUERIES = ["-29036", "signature expired", "-6101", "ERR_DOWN_NOTFINISHED_FILE", "upyun 40100006", "upload"];
const TYPED = ["-2903", "sign", "ERR_DOWN", "签名", "-61", "upload"];

/** Dispatches one interaction and resolves with the milliseconds until the bot's callback reached the fake. */
async function roundTrip(fake: FakeDiscord, kind: Kind, i: number): Promise<number> {
  const started = performance.now();
  const interaction = kind === "command" ? fake.slashCommand({ query: QUERIES[i % QUERIES.length]! }) : fake.autocomplete({ typed: TYPED[i % TYPED.length]! });
  await fake.callbackFor(interaction);
  return performance.now() - started;
}

async function startReal(): Promise<{ fake: FakeDiscord; stop: () => Promise<void> }> {
  const fake = await FakeDiscord.start();
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: fake.apiUrl }, { dotenv: false });
  const adapter = new DiscordAdapter({
    errcode: Errcode.load(),
    state: new MemoryStore(),
    config,
    logger: createLogger({ level: "silent" }),
    metrics: new Metrics(),
  });
  await adapter.start();
  return { fake, stop: async () => (await adapter.stop(), await fake.close()) };
}

/** The floor: discord.js receiving the event and acknowledging it, nothing else. */
async function startBare(): Promise<{ fake: FakeDiscord; stop: () => Promise<void> }> {
  const fake = await FakeDiscord.start();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) void interaction.respond([]).catch(() => undefined);
    else if (interaction.isRepliable()) void interaction.deferReply().catch(() => undefined);
  });
  await client.login(TOKEN);
  return { fake, stop: async () => (await client.destroy(), await fake.close()) };
}

function summary(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export default async function bench(): Promise<void> {
  const real = await startReal();
  const bare = await startBare();
  try {
    const samples: Record<"real" | "bare", Record<Kind, number[]>> = { real: { command: [], autocomplete: [] }, bare: { command: [], autocomplete: [] } };
    for (const kind of ["command", "autocomplete"] as const) {
      for (let i = 0; i < WARM_UP; i++) {
        await roundTrip(real.fake, kind, i);
        await roundTrip(bare.fake, kind, i);
      }
    }
    // Interleaved rounds, so drift on a shared machine hits both clients alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ["command", "autocomplete"] as const) {
        for (let i = 0; i < PER_ROUND; i++) samples.real[kind].push(await roundTrip(real.fake, kind, round * PER_ROUND + i));
        for (let i = 0; i < PER_ROUND; i++) samples.bare[kind].push(await roundTrip(bare.fake, kind, round * PER_ROUND + i));
      }
    }
    const n = ROUNDS * PER_ROUND;
    console.log(`interaction round trip: INTERACTION_CREATE on the gateway -> callback POST received, ${n} each, same process, local fake Discord`);
    console.log("baseline: a bare discord.js 14 client that only acknowledges (type 5 deferred; empty autocomplete)");
    console.log("| interaction | errcode p50 | errcode p99 | bare ack p50 | bare ack p99 | p50 ratio | p99 ratio |");
    console.log("|---|---|---|---|---|---|---|");
    for (const kind of ["command", "autocomplete"] as const) {
      const ours = summary(samples.real[kind]);
      const floor = summary(samples.bare[kind]);
      const label = kind === "command" ? "/errcode (lookup + embeds)" : "autocomplete (25 choices)";
      console.log(
        `| ${label} | ${ours.p50.toFixed(2)} ms | ${ours.p99.toFixed(2)} ms | ${floor.p50.toFixed(2)} ms | ${floor.p99.toFixed(2)} ms | ${(ours.p50 / floor.p50).toFixed(2)}x | ${(ours.p99 / floor.p99).toFixed(2)}x |`,
      );
    }
    const worst = Math.max(...samples.real.command, ...samples.real.autocomplete);
    console.log(`slowest errcode answer: ${worst.toFixed(1)} ms (Discord's deadline: 3000 ms)`);
  } finally {
    await real.stop();
    await bare.stop();
  }
}
