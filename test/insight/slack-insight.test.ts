// On-call insight through the real Bolt against the fake Slack: a repeated code updates its card in place
// (chat.update) with the count, `/errcode top` ranks it, "Copy for support" answers privately; the same with two
// replicas sharing a real redis-server.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisStore } from "../../src/state/redis.js";
import { FAKE_SIGNING_SECRET, FakeSlack, type ApiCall } from "../support/fake-slack.js";
import { startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import { asForm, asInteraction, asJson, blockActionPayload, commandPayload, eventCallback, FORM, JSON_TYPE, postSigned } from "../support/fake-slack-requests.js";
import { startRedis, type RedisServer } from "../support/redis-server.js";

// block JSON is untyped here on purpose
type Json = any;

const signed = { secret: FAKE_SIGNING_SECRET };
const ENV = { AUTO_EXPLAIN_MAX_PER_MINUTE: "1000", AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS: "1" };
let tsCounter = 0;
const nextTs = () => `1730000000.${String(++tsCounter).padStart(6, "0")}`;
const textOf = (blocks: Json): string => JSON.stringify(blocks ?? []);

async function paste(h: SlackHarness, channel: string, text: string): Promise<string> {
  const before = await h.handled("message");
  const ts = nextTs();
  expect((await postSigned(h.eventsUrl, asJson(eventCallback({ channel, text, ts })), JSON_TYPE, signed)).status).toBe(200);
  await h.waitForHandled("message", before + 1);
  return ts;
}

async function slash(h: SlackHarness, channel: string, text: string): Promise<Json> {
  const id = randomUUID();
  await postSigned(h.eventsUrl, asForm(commandPayload({ text, response_url: h.fake.responseUrl(id), channel_id: channel, channel_name: "oncall" })), FORM, signed);
  return h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id)?.body, 10_000, `the answer to /errcode ${text}`);
}

const postsIn = (fake: FakeSlack, channel: string): ApiCall[] => fake.callsTo("chat.postMessage").filter((c) => c.args.channel === channel);
const updatesIn = (fake: FakeSlack, channel: string): ApiCall[] => fake.callsTo("chat.update").filter((c) => c.args.channel === channel);

/** Three pastes through `through[i]`: one card, updated twice, reading 3; then /errcode top 1h lists it with 3. */
async function threePastes(through: SlackHarness[], channel: string): Promise<void> {
  const fake = through[0]!.fake;
  const first = await paste(through[0]!, channel, 'download failed: {"code": -29036, "request_id": "req-7f3a"}');
  await paste(through[1 % through.length]!, channel, "again: errno=-29036 while downloading");
  await paste(through[2 % through.length]!, channel, 'and again {"code":-29036}');
  const updates = await fake.waitFor(() => (updatesIn(fake, channel).length >= 2 ? updatesIn(fake, channel) : undefined), 10_000, "two chat.update calls");
  const posts = postsIn(fake, channel);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.args.thread_ts).toBe(first);
  expect(textOf(posts[0]!.args.blocks)).not.toContain("times in");
  expect(updates.map((u) => u.args.ts)).toEqual([posts[0]!.ts, posts[0]!.ts]);
  expect(updates.every((u) => u.outcome === "ok")).toBe(true);
  expect(textOf(updates[0]!.args.blocks)).toContain("2 times in this channel in the last hour");
  expect(textOf(updates[1]!.args.blocks)).toContain("3 times in this channel in the last hour");
  // The card is still the card: its code, its request id, its buttons.
  expect(textOf(updates[1]!.args.blocks)).toContain("ERR_DOWN_NOTFINISHED_FILE");
  expect(textOf(updates[1]!.args.blocks)).toContain("req-7f3a");

  const top = await slash(through[through.length - 1]!, channel, "top 1h");
  expect(top.response_type).toBe("ephemeral");
  expect(textOf(top.blocks)).toContain("Most frequent codes in #oncall, the last hour");
  expect(textOf(top.blocks)).toMatch(/1\. -29036 ERR_DOWN_NOTFINISHED_FILE \(Tencent Cloud COS \(JSON API v4\)\): 3 times \(/);
  expect(textOf(top.blocks)).toContain("/errcode tencent-cos-v4 -29036");
}

describe("one Slack replica, in-memory state", () => {
  let h: SlackHarness;
  const AUTO = "CINSIGHT01";

  beforeAll(async () => {
    h = await startSlackHarness({ mode: "http", env: { ...ENV, AUTO_EXPLAIN_CHANNELS: AUTO } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("/errcode top with nothing counted says so", async () => {
    const top = await slash(h, "CEMPTY0001", "top");
    expect(textOf(top.blocks)).toContain("No error codes seen in #oncall in the last hour");
    const wrong = await slash(h, "CEMPTY0001", "top 3d");
    expect(wrong.text).toContain("Usage: /errcode top [1h|24h|7d]");
  });

  it("three pastes of the same code: one card, two updates in place, the counter reads 3; top 1h lists it", async () => {
    const before = await h.metric("errcode_occurrences_total", { catalog: "tencent-cos-v4" });
    await threePastes([h], AUTO);
    expect(await h.metric("errcode_occurrences_total", { catalog: "tencent-cos-v4" })).toBe(before + 3);
    const metrics = await h.context.metrics.registry.metrics();
    expect(metrics).toMatch(/errcode_occurrences_total\{catalog="tencent-cos-v4"\} \d+/);
  });

  it("a flood costs at most one edit per card per interval, and the last edit carries the final count", async () => {
    const channel = "CFLOOD0001";
    const flood = await startSlackHarness({ mode: "http", fake: h.fake, env: { ...ENV, AUTO_EXPLAIN_CHANNELS: channel, AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS: "2" } });
    try {
      for (let i = 0; i < 10; i++) await paste(flood, channel, `ret: -29036 attempt ${i}`);
      // One immediate edit, one trailing edit when the interval is over; nothing else.
      const updates = await h.fake.waitFor(() => (updatesIn(h.fake, channel).length >= 2 ? updatesIn(h.fake, channel) : undefined), 10_000, "the trailing edit");
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(postsIn(h.fake, channel)).toHaveLength(1);
      expect(updatesIn(h.fake, channel)).toHaveLength(2);
      expect(updates[1]!.at - updates[0]!.at).toBeGreaterThanOrEqual(1900);
      expect(textOf(updates[1]!.args.blocks)).toContain("10 times in this channel");
    } finally {
      await flood.close();
    }
  });

  it("Copy for support answers privately with code, catalog, meaning, request id, time and place", async () => {
    const channel = "CSUPPORT01";
    const support = await startSlackHarness({ mode: "http", fake: h.fake, env: { ...ENV, AUTO_EXPLAIN_CHANNELS: channel } });
    try {
      await paste(support, channel, 'upload failed <!channel> {"code": -29036, "request_id": "req-<!here>-42"} x-cos-request-id: NjA5ZTk0');
      const card = postsIn(h.fake, channel)[0]!;
      const button = card.args.blocks.flatMap((b: Json) => (b.type === "actions" ? b.elements : [])).find((e: Json) => String(e.action_id).startsWith("errcode:support:"));
      expect(button?.text.text).toBe("Copy for support");
      const id = randomUUID();
      await postSigned(support.eventsUrl, asInteraction(blockActionPayload({ action_id: button.action_id, value: button.value, response_url: h.fake.responseUrl(id), channel, is_ephemeral: false })), FORM, signed);
      const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id)?.body, 10_000, "the support text");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.replace_original).toBe(false);
      expect(answer.text).toContain("Error code: -29036 ERR_DOWN_NOTFINISHED_FILE");
      expect(answer.text).toContain("Catalog: Tencent Cloud COS (JSON API v4) (tencent-cos-v4)");
      expect(answer.text).toContain("Meaning: The file has not been fully uploaded");
      expect(answer.text).toMatch(/Request id: (?!none)\S/);
      expect(answer.text).toMatch(/Time \(UTC\): \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
      expect(answer.text).toContain("Where: this channel (slack)");
      expect(answer.text).not.toMatch(/<!(?:here|channel)/);
    } finally {
      await support.close();
    }
  });
});

describe("two Slack replicas sharing a real Redis", () => {
  let redis: RedisServer;
  let fake: FakeSlack;
  const replicas: SlackHarness[] = [];
  const stores: RedisStore[] = [];
  const AUTO = "CINSIGHTR1";

  beforeAll(async () => {
    redis = await startRedis();
    fake = await FakeSlack.start();
    const prefix = `insight-${randomUUID().slice(0, 8)}:`;
    for (let i = 0; i < 2; i++) {
      const state = new RedisStore({ url: redis.url, prefix });
      await state.connect();
      stores.push(state);
      replicas.push(await startSlackHarness({ mode: "http", fake, state, env: { ...ENV, AUTO_EXPLAIN_CHANNELS: AUTO } }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const r of replicas) await r.close();
    for (const s of stores) await s.close();
    await fake?.close();
    await redis?.stop();
  });

  it("pastes through A, B, A: one card, updated twice to 3; top through B lists 3; every key expires", async () => {
    await threePastes([replicas[0]!, replicas[1]!, replicas[0]!], AUTO);
    const keys = await stores[0]!.client.keys("insight-*");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await stores[0]!.client.pTTL(key)).toBeGreaterThan(0);
  });
});
