// The same flows in Socket Mode: apps.connections.open through SLACK_API_URL, envelopes over a real WebSocket,
// acks recorded by the fake.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_BOT_USER, type SentMessage } from "../support/fake-slack.js";
import { startSlackHarness, type SlackHarness } from "../support/fake-slack-harness.js";
import { blockActionPayload, commandPayload, eventCallback, type MessageEventFields, messageShortcutPayload } from "../support/fake-slack-requests.js";

// block JSON is untyped here on purpose
type Json = any;

const AUTO = "CAUTO00003";
const QUIET = "CQUIET0003";
let h: SlackHarness;
let tsCounter = 0;
const nextTs = () => `1730000000.${String(++tsCounter).padStart(6, "0")}`;

beforeAll(async () => {
  h = await startSlackHarness({ mode: "socket", env: { AUTO_EXPLAIN_CHANNELS: AUTO, AUTO_EXPLAIN_MAX_PER_MINUTE: "1000" } });
});

afterAll(async () => {
  await h?.close();
});

const viaResponseUrl = (id: string): SentMessage[] => h.fake.sent().filter((m) => m.responseUrlId === id);
const waitForResponseUrl = (id: string, count = 1) => h.fake.waitFor(() => (viaResponseUrl(id).length >= count ? viaResponseUrl(id) : undefined));
const repliesIn = (channel: string, threadTs: string) => h.fake.sent().filter((m) => m.channel === channel && m.thread_ts === threadTs);
const header = (m: SentMessage): string => (m.blocks ?? []).find((b: Json) => b.type === "header")?.text.text;
const buttons = (m: SentMessage): Json[] => (m.blocks ?? []).filter((b: Json) => b.type === "actions").flatMap((b: Json) => b.elements);

async function eventEnvelope(fields: MessageEventFields, options: { eventId?: string; retryAttempt?: number } = {}) {
  const body = eventCallback(fields, options.eventId);
  const extra = options.retryAttempt ? { retry_attempt: options.retryAttempt, retry_reason: "timeout" } : { retry_attempt: 0, retry_reason: "" };
  const ack = await h.fake.sendEnvelope("events_api", body, extra);
  return { ack, eventId: body.event_id as string };
}

describe("Socket Mode", () => {
  it("connects through SLACK_API_URL: auth.test with the bot token, apps.connections.open with the app token", () => {
    expect(h.fake.callsTo("auth.test").map((c) => c.token)).toEqual([FAKE_BOT_TOKEN]);
    expect(h.fake.callsTo("apps.connections.open").map((c) => c.token)).toEqual([FAKE_APP_TOKEN]);
    expect(h.fake.openSockets).toBe(1);
    expect(h.adapter.ready()).toBe(true);
    expect(h.adapter.address()).toBeUndefined();
  });

  it("/errcode is acked over the socket and answered through response_url", async () => {
    const id = randomUUID();
    const ack = await h.fake.sendEnvelope("slash_commands", commandPayload({ text: "-29036", response_url: h.fake.responseUrl(id) }));
    expect(ack.payload ?? {}).toEqual({});
    const [reply] = await waitForResponseUrl(id);
    expect(reply!.response_type).toBe("ephemeral");
    expect(header(reply!)).toBe("-29036 in Tencent Cloud COS (JSON API v4)");
  });

  it("auto-explain replies in the message's thread", async () => {
    const ts = nextTs();
    const before = await h.handled("message");
    await eventEnvelope({ channel: AUTO, text: 'upload failed: {"code": -29036, "message": "x"}', ts });
    await h.waitForHandled("message", before + 1);
    const replies = repliesIn(AUTO, ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("-29036");
  });

  it("a redelivered envelope (retry_attempt) is acked but not answered twice", async () => {
    const ts = nextTs();
    const fields = { channel: AUTO, text: "download failed with errno=-6101", ts };
    const before = await h.handled("message");
    const { eventId } = await eventEnvelope(fields);
    await h.waitForHandled("message", before + 1);
    const retry = await eventEnvelope(fields, { eventId, retryAttempt: 1 });
    expect(retry.ack.envelope_id).toBeTruthy();
    await h.waitForLog(`"eventId":"${eventId}"`);
    expect(repliesIn(AUTO, ts)).toHaveLength(1);
  });

  it("a retry whose original never arrived is answered: in Socket Mode it can be the only delivery", async () => {
    const ts = nextTs();
    const before = await h.handled("message");
    await eventEnvelope({ channel: AUTO, text: 'upyun request failed: {"code": 40100006, "msg": "x"}', ts }, { retryAttempt: 2 });
    await h.waitForHandled("message", before + 1);
    expect(repliesIn(AUTO, ts)).toHaveLength(1);
  });

  it("buttons arrive as interactive envelopes: 中文 replaces the card", async () => {
    const id = randomUUID();
    await h.fake.sendEnvelope("slash_commands", commandPayload({ text: "-29036", response_url: h.fake.responseUrl(id) }));
    const [card] = await waitForResponseUrl(id);
    const lang = buttons(card!).find((b) => String(b.action_id).startsWith("errcode:lang:"));
    const clickId = randomUUID();
    const ack = await h.fake.sendEnvelope("interactive", blockActionPayload({ action_id: lang.action_id, value: lang.value, response_url: h.fake.responseUrl(clickId) }));
    expect(ack.envelope_id).toBeTruthy();
    const [replaced] = await waitForResponseUrl(clickId);
    expect(replaced!.replace_original).toBe(true);
    expect(JSON.stringify(replaced)).toContain("文件没上传完整");
  });

  it("Share in channel works over the socket too", async () => {
    const id = randomUUID();
    await h.fake.sendEnvelope("slash_commands", commandPayload({ text: "-6101", response_url: h.fake.responseUrl(id) }));
    const [card] = await waitForResponseUrl(id);
    const share = buttons(card!).find((b) => String(b.action_id).startsWith("errcode:share:"));
    const clickId = randomUUID();
    await h.fake.sendEnvelope("interactive", blockActionPayload({ action_id: share.action_id, value: share.value, response_url: h.fake.responseUrl(clickId) }));
    const [shared, deleted] = await waitForResponseUrl(clickId, 2);
    expect(shared!.response_type).toBe("in_channel");
    expect(deleted!.delete_original).toBe(true);
  });

  it("the message shortcut arrives as an interactive envelope and is answered ephemerally", async () => {
    await h.fake.sendEnvelope("interactive", messageShortcutPayload({ channel: QUIET, text: "the job died with errno=-6101", response_url: h.fake.responseUrl() }));
    const [reply] = await h.fake.waitFor(() => {
      const found = h.fake.sent().filter((m) => m.via === "chat.postEphemeral" && m.channel === QUIET);
      return found.length ? found : undefined;
    });
    expect(reply!.user).toBe("UALICE0001");
    expect(JSON.stringify(reply)).toContain("-6101");
  });

  it("a mention is answered in the thread", async () => {
    const ts = nextTs();
    const before = await h.handled("mention");
    await eventEnvelope({ type: "app_mention", channel: QUIET, text: `<@${FAKE_BOT_USER}> X-ErrNo: -61`, ts });
    await h.waitForHandled("mention", before + 1);
    const [reply] = repliesIn(QUIET, ts);
    expect(header(reply!)).toContain("-61");
  });

  it("hostile text over the socket is acked, survived and never echoed as markup", async () => {
    const before = await h.handled("message");
    const parent = nextTs();
    await eventEnvelope({ channel: AUTO, thread_ts: parent, text: '<!channel> <@U0BAD> @here upload failed: {"code": -29036, "message": "<!here>"}', ts: nextTs() });
    await eventEnvelope({ channel: AUTO, text: "7".repeat(1_000_000), ts: nextTs() });
    await h.waitForHandled("message", before + 2);
    const [reply] = repliesIn(AUTO, parent);
    expect(JSON.stringify(reply)).not.toMatch(/<!|<@|@here\b/);
    expect(h.adapter.ready()).toBe(true);
  });

  it("never logs a token", () => {
    const all = h.logs.join("");
    expect(all).not.toContain(FAKE_BOT_TOKEN);
    expect(all).not.toContain(FAKE_APP_TOKEN);
    expect(h.fake.unknown).toEqual([]);
  });

  it("stop() closes the connection and the adapter is no longer ready", async () => {
    const separate = await startSlackHarness({ mode: "socket", fake: h.fake });
    expect(h.fake.openSockets).toBe(2);
    await separate.adapter.stop();
    expect(separate.adapter.ready()).toBe(false);
    await h.fake.waitFor(() => h.fake.openSockets === 1, 5000, "the socket to close");
  });
});
