// The whole program as an ops team runs it: `node dist/main.js` with Slack (HTTP mode) and Discord configured
// against local fakes of both, probed over /healthz and /metrics, logging at trace level, stopped with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, IDS } from "./support/fake-discord.js";
import { TEST_TOKEN } from "./support/fake-discord-harness.js";
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FakeSlack } from "./support/fake-slack.js";
import { asForm, commandPayload, FORM, postSigned } from "./support/fake-slack-requests.js";
import { until } from "./support/wait.js";

let fake: FakeDiscord;
let slack: FakeSlack;
let slackPort = 0;
let bot: ChildProcess;
let stdout = "";
let stderr = "";
let healthPort = 0;
let exit: Promise<{ code: number | null; signal: string | null }>;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  slack = await FakeSlack.start();
  bot = spawn(process.execPath, ["dist/main.js"], {
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: fake.apiUrl,
      AUTO_EXPLAIN_CHANNELS: IDS.general,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      HOST: "127.0.0.1",
      PORT: "0",
      HEALTH_PORT: "0",
      LOG_LEVEL: "trace",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  exit = new Promise((resolve) => bot.on("exit", (code, signal) => resolve({ code, signal })));
  bot.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  bot.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  healthPort = await until(() => {
    const line = stdout.split("\n").find((l) => l.includes("health and metrics listening"));
    return line ? (JSON.parse(line) as { port: number }).port : undefined;
  }, 60_000, "the health server to listen");
  slackPort = await until(() => {
    const line = stdout.split("\n").find((l) => l.includes('"adapter":"slack"') && l.includes('"address"'));
    return line ? (JSON.parse(line) as { address: { port: number } }).address.port : undefined;
  }, 60_000, "the Slack receiver to listen");
}, 120_000);

afterAll(async () => {
  if (bot.exitCode === null) bot.kill("SIGKILL");
  await fake?.close();
  await slack?.close();
});

const get = (path: string) => fetch(`http://127.0.0.1:${healthPort}${path}`);

describe("a deployed bot", () => {
  it("reports ready on /healthz once the catalogs are loaded and Discord is connected", async () => {
    const status = await until(async () => {
      const res = await get("/healthz");
      return res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
    }, 15_000, "/healthz to answer 200");
    expect(status).toEqual({ ready: true, catalogEntries: 876, adapters: { slack: true, discord: true } });
  });

  it("answers a mention and counts it in /metrics, by adapter", async () => {
    const message = fake.message({ content: `<@${IDS.bot}> -29036`, channelId: IDS.general, mentionsBot: true });
    await fake.waitForCall((c) => c.method === "POST" && c.path === `/channels/${IDS.general}/messages` && (c.body as { message_reference?: { message_id: string } }).message_reference?.message_id === message.id);
    const res = await get("/metrics");
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/errcode_lookups_total\{adapter="discord"[^}]*\} 1/);
    expect(text).toMatch(/errcode_handler_seconds_bucket\{[^}]*adapter="discord"/);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("answers a signed /errcode from Slack and counts it by adapter", async () => {
    const responseUrl = slack.responseUrl();
    const body = asForm(commandPayload({ text: "-29036", response_url: responseUrl }));
    const answer = await postSigned(`http://127.0.0.1:${slackPort}/slack/events`, body, FORM, { secret: FAKE_SIGNING_SECRET });
    expect(answer.status).toBe(200);
    await slack.waitFor(() => slack.sent().find((m) => JSON.stringify(m).includes("ERR_DOWN_NOTFINISHED_FILE")), 10_000, "the card at response_url");
    const text = await (await get("/metrics")).text();
    expect(text).toMatch(/errcode_lookups_total\{adapter="slack"[^}]*\} 1/);
  });

  it("writes JSON logs without the tokens or signing secret, even at trace level", () => {
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(stdout + stderr).not.toContain(TEST_TOKEN);
    expect(stdout + stderr).not.toContain(TEST_TOKEN.split(".").pop());
    expect(stdout + stderr).not.toContain(FAKE_BOT_TOKEN);
    expect(stdout + stderr).not.toContain(FAKE_SIGNING_SECRET);
  });

  it("stops on SIGTERM with 30 Discord replies queued behind a rate limit: delivers them all, exits 0", async () => {
    const route = new RegExp(`^/channels/${IDS.general}/messages$`);
    fake.rateLimitNext("POST", route, 2);
    const since = fake.calls.length;
    const mentions = Array.from({ length: 30 }, (_, i) => fake.message({ content: `<@${IDS.bot}> -${29036 + (i % 3)}`, channelId: IDS.general, mentionsBot: true }));
    await fake.waitForCall((c) => c.method === "POST" && route.test(c.path) && c.status === 429, 15_000, since);
    const started = Date.now();
    bot.kill("SIGTERM");
    const result = await exit;
    expect(result).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(20_000);
    const replied = new Set(fake.calls.slice(since).filter((c) => c.method === "POST" && route.test(c.path) && c.status === 200).map((c) => (c.body as { message_reference?: { message_id: string } }).message_reference?.message_id));
    expect(mentions.filter((m) => replied.has(m.id))).toHaveLength(30);
    expect(stdout).not.toContain("replies still in flight were lost");
    expect(stdout).toContain('"msg":"stopped"');
    await until(() => (fake.connected ? undefined : true), 5_000, "the gateway connection to close");
  });
});
