// A team catalog with string codes and a detect: section, end to end: detection, then the real Bolt and
// discord.js against the local fakes, asserting on what the bot actually sent.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Errcode } from "../src/core/errcode.js";
import { AUTO_REPLY_CONFIDENCE, detect } from "../src/core/detect/index.js";
import { IDS, type RecordedCall } from "./support/fake-discord.js";
import { startDiscordApp, type DiscordApp } from "./support/fake-discord-harness.js";
import { startSlackHarness, type SlackHarness } from "./support/fake-slack-harness.js";
import { asJson, eventCallback, JSON_TYPE, postSigned } from "./support/fake-slack-requests.js";
import { FAKE_SIGNING_SECRET } from "./support/fake-slack.js";

const TEAM = fileURLToPath(new URL("fixtures/team/payments.yaml", import.meta.url));
const errcode = Errcode.load([TEAM]);
const WITH_WORD = 'payments-api failed: {"errorCode":"PAY-1001"}';
const WITHOUT_WORD = 'failed: {"errorCode":"PAY-1001"}';

const found = (text: string) => detect(errcode.index, text, { minConfidence: 0 }).map((d) => [d.catalog, d.code, d.confidence >= AUTO_REPLY_CONFIDENCE]);

describe("detecting a team's codes", () => {
  it("auto-explains a string code in a code key when the message names the catalog", () => {
    expect(found(WITH_WORD)).toEqual([["payments", "PAY-1001", true]]);
    expect(found("upload to pay.internal failed with E1234")).toEqual([["payments", "E1234", true]]);
    expect(found("支付服务 报错 accessdenied")).toEqual([["payments", "AccessDenied", true]]);
  });

  it("finds it only on an explicit request without the catalog's words", () => {
    expect(found(WITHOUT_WORD)).toEqual([["payments", "PAY-1001", false]]);
    const explicit = errcode.explainMessage(WITHOUT_WORD);
    expect(explicit.cards[0]!.title).toBe("PAY-1001 PAY_CARD_DECLINED");
    expect(errcode.autoExplain(WITHOUT_WORD)).toBeUndefined();
  });

  it("reads the catalog's own keys, and a numeric team code next to the catalog's words", () => {
    expect(found('payments-api: {"payErr": "PAY-1002"}')).toEqual([["payments", "PAY-1002", true]]);
    expect(found('payments-api answered {"code":1001,"message":"oops"}').filter(([c]) => c === "payments")).toEqual([["payments", 1001, true]]);
  });

  it("stays silent on words that merely contain a code or a catalog word", () => {
    expect(found("see https://pay.internal/PAY-1001 for the design")).toEqual([]);
    expect(found("payments-apis are fine; REPAY-1001X is a branch name")).toEqual([]);
  });
});

describe("through the Slack fake", () => {
  const AUTO = "CTEAMAUTO1";
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: "http", errcode, env: { AUTO_EXPLAIN_CHANNELS: AUTO, AUTO_EXPLAIN_MAX_PER_MINUTE: "100" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  async function post(text: string, ts: string) {
    const before = await h.handled("message");
    const answer = await postSigned(h.eventsUrl, asJson(eventCallback({ channel: AUTO, text, ts })), JSON_TYPE, { secret: FAKE_SIGNING_SECRET });
    expect(answer.status).toBe(200);
    await h.waitForHandled("message", before + 1);
    return h.fake.sent().filter((m) => m.channel === AUTO && m.thread_ts === ts);
  }

  it("auto-explains the team code with owner and runbook on the card, pinging nobody", async () => {
    const replies = await post(WITH_WORD, "1720000000.000001");
    expect(replies).toHaveLength(1);
    const text = JSON.stringify(replies[0]);
    expect(text).toContain("PAY-1001 PAY_CARD_DECLINED");
    expect(text).toContain("Owner: *@payments-oncall*");
    expect(text).toContain("<https://wiki.example.com/payments|Runbook>");
    expect(text).not.toMatch(/<!subteam|<!here|<!channel|<@/);
  });

  it("stays silent on the same message without the catalog's word", async () => {
    expect(await post(WITHOUT_WORD, "1720000000.000002")).toEqual([]);
  });
});

describe("through the Discord fake", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp({ errcode });
  });
  afterAll(async () => {
    await app?.close();
  });
  type Sent = { content: string; embeds: Array<{ title: string; fields?: Array<{ name: string; value: string }>; url?: string }>; allowed_mentions: unknown; message_reference?: { message_id: string } };
  const replyTo = (message: { id: string; channel_id: string }): Promise<RecordedCall> =>
    app.fake.waitForCall((c) => c.method === "POST" && c.path === `/channels/${message.channel_id}/messages` && c.status === 200 && (c.body as Sent).message_reference?.message_id === message.id);

  it("auto-explains the team code with owner (the role as a link) and runbook, allowed_mentions empty", async () => {
    const message = app.fake.message({ content: WITH_WORD, channelId: IDS.general });
    const body = (await replyTo(message)).body as Sent;
    const embed = body.embeds[0]!;
    expect(embed.title).toContain("PAY-1001");
    expect(embed.fields?.find((f) => f.name === "Owner")?.value).toBe("@payments-oncall <@&112233445566778899>");
    expect(embed.fields?.find((f) => f.name === "Runbook")?.value).toBe("https://wiki.example.com/payments");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("stays silent on the same message without the catalog's word", async () => {
    const silent = app.fake.message({ content: WITHOUT_WORD.replace("PAY-1001", "PAY-1002"), channelId: IDS.general });
    // A later mention in the same channel is answered after anything the first one caused.
    const marker = app.fake.message({ content: `<@${IDS.bot}> help`, channelId: IDS.general, mentionsBot: true });
    await replyTo(marker);
    expect(app.fake.calls.filter((c) => c.method === "POST" && (c.body as Sent).message_reference?.message_id === silent.id)).toEqual([]);
  });
});
