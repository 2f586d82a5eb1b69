// Two built bot processes behind one (fake) Slack, sharing one real redis-server: whichever replica a delivery
// reaches, a person sees one answer; and when Redis dies, both keep answering.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, type BotProcess } from "../support/bot-process.js";
import { FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET, FakeSlack, type SentMessage } from "../support/fake-slack.js";
import { asForm, asInteraction, asJson, blockActionPayload, commandPayload, eventCallback, FORM, JSON_TYPE, postSigned } from "../support/fake-slack-requests.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";
import { until } from "../support/wait.js";

const AUTO = "CREPLICAS1";
const signed = { secret: FAKE_SIGNING_SECRET };
let redis: RedisServer;
let slack: FakeSlack;
let a: BotProcess;
let b: BotProcess;
let tsCounter = 0;
const nextTs = () => `1720000000.${String(++tsCounter).padStart(6, "0")}`;

beforeAll(async () => {
  redis = await startRedis();
  slack = await FakeSlack.start();
  const env = {
    SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
    SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    AUTO_EXPLAIN_CHANNELS: AUTO,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `replicas-${randomUUID().slice(0, 8)}:`,
    LOG_LEVEL: "info",
  };
  [a, b] = await Promise.all([startBot(env), startBot(env)]);
}, 120_000);

afterAll(async () => {
  a?.kill();
  b?.kill();
  await slack?.close();
  await redis?.stop();
});

const inThread = (ts: string): SentMessage[] => slack.sent().filter((m) => m.channel === AUTO && m.thread_ts === ts);
const atResponseUrl = (id: string): SentMessage[] => slack.sent().filter((m) => m.responseUrlId === id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function slash(bot: BotProcess, text: string): Promise<{ id: string; status: number }> {
  const id = randomUUID();
  const answer = await postSigned(bot.eventsUrl, asForm(commandPayload({ text, response_url: slack.responseUrl(id) })), FORM, signed);
  return { id, status: answer.status };
}

describe("two replicas sharing Redis", () => {
  it("an event delivered to replica A and retried to replica B is answered once", async () => {
    const ts = nextTs();
    const body = asJson(eventCallback({ channel: AUTO, text: 'upload failed: {"code": -29036}', ts }, "EvREPLICA0001"));
    expect((await postSigned(a.eventsUrl, body, JSON_TYPE, signed)).status).toBe(200);
    expect((await postSigned(b.eventsUrl, body, JSON_TYPE, { ...signed, retryNum: 1 })).status).toBe(200);
    expect((await postSigned(b.eventsUrl, body, JSON_TYPE, { ...signed, retryNum: 2, retryReason: "http_error" })).status).toBe(200);
    await slack.waitFor(() => inThread(ts)[0], 20_000, "the reply in the thread");
    await b.waitForLog('"eventId":"EvREPLICA0001"', 2);
    expect(b.logs('"eventId":"EvREPLICA0001"').every((l) => l.includes("dropping a redelivered Slack event"))).toBe(true);
    expect(inThread(ts)).toHaveLength(1);
  });

  it("the same code pasted through A, then through B inside the cooldown, gives one card", async () => {
    const [first, second] = [nextTs(), nextTs()];
    const text = "download failed with errno=-6101";
    await postSigned(a.eventsUrl, asJson(eventCallback({ channel: AUTO, text, ts: first })), JSON_TYPE, signed);
    await slack.waitFor(() => inThread(first)[0], 20_000, "A's card");
    await postSigned(b.eventsUrl, asJson(eventCallback({ channel: AUTO, text, ts: second })), JSON_TYPE, signed);
    await until(async () => ((await b.metric("errcode_suppressed_replies_total", 'reason="cooldown"')) >= 1 ? true : undefined), 20_000, "B to stay silent for the cooldown");
    expect(inThread(second)).toHaveLength(0);
    expect(slack.sent().filter((m) => m.channel === AUTO && JSON.stringify(m.blocks).includes("-6101"))).toHaveLength(1);
  });

  it("a button whose long request replica A stored works when pressed through replica B", async () => {
    const log = Array.from({ length: 40 }, (_, i) => `${i}: upload failed {"code":-29036} errno=-6101 request_id=NWQ1ZjA2XzI0${i}`).join("\n");
    const { id } = await slash(a, log);
    const [card] = await slack.waitFor(() => (atResponseUrl(id).length ? atResponseUrl(id) : undefined), 20_000, "A's card");
    const lang = (card!.blocks ?? []).filter((x) => x.type === "actions").flatMap((x) => x.elements).find((e: { action_id: string }) => e.action_id.startsWith("errcode:lang:"));
    expect(lang.value).toMatch(/^ref:[\w-]{32}$/);
    const pressed = randomUUID();
    const click = blockActionPayload({ action_id: lang.action_id, value: lang.value, response_url: slack.responseUrl(pressed), is_ephemeral: true });
    expect((await postSigned(b.eventsUrl, asInteraction(click), FORM, signed)).status).toBe(200);
    const [replaced] = await slack.waitFor(() => (atResponseUrl(pressed).length ? atResponseUrl(pressed) : undefined), 20_000, "B's answer to the press");
    expect(replaced!.replace_original).toBe(true);
    expect(JSON.stringify(replaced)).not.toContain("expired");
    expect(JSON.stringify(replaced!.blocks)).toMatch(/[\u4e00-\u9fff]/);
  });

  it("a replayed signed request is refused through either replica; so is a timestamp in the future", async () => {
    const id = randomUUID();
    const body = asForm(commandPayload({ text: "-29036", response_url: slack.responseUrl(id) }));
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postSigned(a.eventsUrl, body, FORM, { ...signed, timestamp })).status).toBe(200);
    const again = await Promise.all([postSigned(a.eventsUrl, body, FORM, { ...signed, timestamp }), postSigned(b.eventsUrl, body, FORM, { ...signed, timestamp })]);
    expect(again.map((r) => r.status)).toEqual([401, 401]);
    const future = await postSigned(b.eventsUrl, body, FORM, { ...signed, timestamp: timestamp + 365 * 24 * 3600 });
    expect(future.status).toBe(401);
    await slack.waitFor(() => atResponseUrl(id)[0], 20_000, "the one answer");
    await sleep(500);
    expect(atResponseUrl(id)).toHaveLength(1);
    expect(await a.metric("errcode_replayed_requests_total", 'reason="replayed"')).toBe(1);
    expect(await b.metric("errcode_replayed_requests_total", 'reason="replayed"')).toBe(1);
    expect(await b.metric("errcode_replayed_requests_total", 'reason="future"')).toBe(1);
  });

  it("Redis killed mid-run: both replicas keep answering, report redis degraded (still 200), and log it once", async () => {
    await redis.kill();
    const asked = await Promise.all([slash(a, "-29036"), slash(b, "ERR_DOWN_NOTFINISHED_FILE"), slash(a, "-6101"), slash(b, "signature expired")]);
    expect(asked.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    for (const { id } of asked) await slack.waitFor(() => atResponseUrl(id)[0], 20_000, `the answer at ${id}`);
    const ts = nextTs();
    await postSigned(b.eventsUrl, asJson(eventCallback({ channel: AUTO, text: 'resize failed: {"code": -5999}', ts })), JSON_TYPE, signed);
    await slack.waitFor(() => inThread(ts)[0], 20_000, "auto-explain without Redis");
    for (const bot of [a, b]) {
      const health = await bot.get("/healthz");
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ready: true, redis: "degraded" });
      expect(bot.logs("Redis unavailable")).toHaveLength(1);
      expect(await bot.metric("errcode_state_fallbacks_total")).toBeGreaterThan(0);
      expect(await bot.metric("errcode_redis_up")).toBe(0);
    }
  }, 60_000);
});
