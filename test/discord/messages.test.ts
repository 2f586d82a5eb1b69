// Mentions, DMs and auto-explain on MESSAGE_CREATE, and a REST 429 on the way out: real discord.js, fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_USER, IDS, type RecordedCall } from "../support/fake-discord.js";
import { eventually, metricValue, startDiscordApp, type DiscordApp } from "../support/fake-discord-harness.js";

let app: DiscordApp;

beforeAll(async () => {
  app = await startDiscordApp();
});

afterAll(async () => {
  await app?.close();
});

type Sent = { content: string; embeds: Array<{ title: string; description?: string }>; allowed_mentions: unknown; message_reference?: { message_id: string; fail_if_not_exists?: boolean } };

/** The message the bot posted in reply to `message` (a POST to its channel referencing it). */
function replyTo(message: { id: string; channel_id: string }, timeoutMs?: number): Promise<RecordedCall> {
  return app.fake.waitForCall(
    (c) => c.method === "POST" && c.path === `/channels/${message.channel_id}/messages` && c.status === 200 && (c.body as Sent).message_reference?.message_id === message.id,
    timeoutMs,
  );
}

function repliesTo(message: { id: string }): RecordedCall[] {
  return app.fake.calls.filter((c) => c.method === "POST" && (c.body as Sent).message_reference?.message_id === message.id);
}

/**
 * Waits until everything sent before now in `channelId` has been handled: a mention there is answered after any
 * earlier message's reply (same route, same queue), so "no reply to X" is then a fact, not a timing guess.
 */
async function settle(channelId: string = IDS.general): Promise<void> {
  const marker = app.fake.message({ content: `<@${IDS.bot}> help`, channelId, mentionsBot: true });
  await replyTo(marker);
}

/**
 * Waits until auto-explain has handled everything sent before now in `channelId`: a person's paste of a code not
 * yet in cooldown, sent now, goes through the same work and the same REST queue, so it is answered after them.
 */
async function settleAutoExplain(channelId: string, freshCode: number): Promise<void> {
  await replyTo(app.fake.message({ content: `{"code": ${freshCode}}`, channelId }));
}

describe("mentions", () => {
  it("`@errcode -29036` is answered in a reply that references it and pings nobody", async () => {
    const message = app.fake.message({ content: `<@${IDS.bot}> -29036`, channelId: IDS.oncall, mentionsBot: true });
    const body = (await replyTo(message)).body as Sent;
    expect(body.embeds[0]!.title).toContain("29036");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.message_reference).toMatchObject({ message_id: message.id, fail_if_not_exists: false });
  });

  it("answers the nickname form <@!id> too, once, even in an auto-explain channel", async () => {
    const message = app.fake.message({ content: `<@!${IDS.bot}> errno=-5999`, channelId: IDS.general, mentionsBot: true });
    expect(((await replyTo(message)).body as Sent).embeds[0]!.title).toContain("5999");
    await settle();
    expect(repliesTo(message)).toHaveLength(1);
  });

  it("a bare mention replying to a message explains that message", async () => {
    const log = app.fake.message({ content: 'upload failed {"code": -29036}', channelId: IDS.oncall });
    const ask = app.fake.message({ content: `<@${IDS.bot}>`, channelId: IDS.oncall, mentionsBot: true, referenceTo: log.id });
    const body = (await replyTo(ask)).body as Sent;
    expect(body.content).toContain("Found");
    expect(body.embeds[0]!.title).toContain("29036");
  });

  it("a bare mention alone gets the help card", async () => {
    const message = app.fake.message({ content: `<@${IDS.bot}>`, channelId: IDS.oncall, mentionsBot: true });
    expect(((await replyTo(message)).body as Sent).embeds[0]!.title).toContain("errcode");
  });

  it("nothing in the question can make the answer ping anyone", async () => {
    const message = app.fake.message({ content: `<@${IDS.bot}> @everyone <@&900000000000000009> @here nonsense words`, channelId: IDS.oncall, mentionsBot: true });
    const body = (await replyTo(message)).body as Sent;
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = JSON.stringify({ content: body.content, embeds: body.embeds });
    expect(text).not.toMatch(/@everyone|@here|<@&/);
  });

  it("a DM is a question to the bot", async () => {
    const message = app.fake.message({ content: "-29036", dm: true });
    const body = (await replyTo(message)).body as Sent;
    expect(body.embeds[0]!.title).toContain("29036");
    expect(body.allowed_mentions).toMatchObject({ parse: [] });
  });
});

describe("auto-explain", () => {
  it("explains a confident code in an AUTO_EXPLAIN_CHANNELS channel, replying to the message", async () => {
    const message = app.fake.message({ content: '{"code": -29036, "message": "ERR_DOWN_NOTFINISHED_FILE"}', channelId: IDS.general });
    const body = (await replyTo(message)).body as Sent;
    expect(body.content).toContain("Found -29036 ERR\\_DOWN\\_NOTFINISHED\\_FILE");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    await eventually(async () => expect(await metricValue(app.context.metrics, "errcode_auto_replies_total", { adapter: "discord" })).toBe(1));
  });

  it("stays silent on the same code in the same channel (cooldown), and counts it", async () => {
    const again = app.fake.message({ content: 'retry failed again {"code": -29036}', channelId: IDS.general });
    await settle();
    expect(repliesTo(again)).toEqual([]);
    expect(await metricValue(app.context.metrics, "errcode_suppressed_replies_total", { adapter: "discord", reason: "cooldown" })).toBe(1);
  });

  it("a thread follows its parent channel's setting, with its own cooldown", async () => {
    const message = app.fake.message({ content: '{"code": -29036}', channelId: IDS.thread });
    expect(((await replyTo(message)).body as Sent).embeds[0]!.title).toContain("29036");
  });

  it("stays silent in channels not listed, on chatter, and for bots and webhooks", async () => {
    const unlisted = app.fake.message({ content: "got error code -61 from cos", channelId: IDS.oncall });
    const chatter = app.fake.message({ content: "deployed 2 services in 30 s on port 8080", channelId: IDS.general });
    // Codes auto-explain would answer from a person (the control below is one of them).
    const bot = app.fake.message({ content: '{"code": -5998}', channelId: IDS.general, fromOtherBot: true });
    const webhook = app.fake.message({ content: '{"code": -5997}', channelId: IDS.general, webhook: true });
    await settle(IDS.oncall);
    await settleAutoExplain(IDS.general, -5996);
    for (const message of [unlisted, chatter, bot, webhook]) expect(repliesTo(message)).toEqual([]);
  });

  it("survives a REST 429: discord.js waits Retry-After, retries, and the reply goes out", async () => {
    app.fake.rateLimitNext("POST", new RegExp(`^/channels/${IDS.general}/messages$`), 1);
    const message = app.fake.message({ content: "got error code -61 from cos", channelId: IDS.general });
    const sent = await replyTo(message, 15_000);
    const attempts = app.fake.calls.filter((c) => c.method === "POST" && (c.body as Sent).message_reference?.message_id === message.id);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(sent.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(app.logs.some((l) => String(l.msg).includes("rate limit"))).toBe(true);
    expect(app.adapter.ready()).toBe(true);
  });

  it("its own messages never trigger it", async () => {
    const own = app.fake.message({ content: '{"code": -5995}', channelId: IDS.general, author: BOT_USER });
    await settleAutoExplain(IDS.general, -5994);
    expect(repliesTo(own)).toEqual([]);
  });

  it("made no REST call the fake does not know", () => {
    expect(app.fake.unknownCalls).toEqual([]);
  });
});
