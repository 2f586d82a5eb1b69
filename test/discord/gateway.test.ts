// The gateway connection: how discord.js finds and speaks to it, heartbeats, drops, resumes, and the
// MessageContent intent being refused. Real discord.js over a real WebSocket to the fake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDS, MESSAGE_CONTENT_INTENT, type RecordedCall } from "../support/fake-discord.js";
import { eventually, startDiscordApp, TEST_TOKEN, type DiscordApp } from "../support/fake-discord-harness.js";

const GUILDS = 1 << 0;
const GUILD_MESSAGES = 1 << 9;
const DIRECT_MESSAGES = 1 << 12;

type Body = { type: number; data: { content?: string; embeds?: Array<{ title: string }> } };

function replyTo(app: DiscordApp, message: { id: string; channel_id: string }): Promise<RecordedCall> {
  return app.fake.waitForCall((c) => c.method === "POST" && c.path === `/channels/${message.channel_id}/messages` && c.status === 200 && c.body.message_reference?.message_id === message.id);
}

describe("connecting and staying connected", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("finds the gateway through DISCORD_API_URL (GET /gateway/bot) and speaks v10 JSON to the URL it returned", () => {
    expect(app.fake.calls[0]).toMatchObject({ method: "GET", path: "/gateway/bot", authorized: true, status: 200 });
    expect(app.fake.gatewayQueries[0]).toBe("?v=10&encoding=json");
    expect(app.fake.identifies).toHaveLength(1);
    expect(app.fake.identifies[0]!.token).toBe(TEST_TOKEN);
    expect(app.adapter.ready()).toBe(true);
  });

  it("asks for Guilds, GuildMessages, DirectMessages and MessageContent", () => {
    const { intents } = app.fake.identifies[0]!;
    expect(intents).toBe(GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES | MESSAGE_CONTENT_INTENT);
    expect(app.adapter.hasMessageContent).toBe(true);
  });

  it("a dropped connection is resumed, and the next interaction is answered", async () => {
    const resumed = app.fake.waitFor("resumed");
    app.fake.dropConnection();
    await resumed;
    expect(app.fake.resumes).toHaveLength(1);
    expect(app.fake.identifies).toHaveLength(1);
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    expect((call.body as Body).data.embeds![0]!.title).toContain("29036");
    expect(app.logs.some((l) => l.msg === "discord gateway dropped; reconnecting")).toBe(true);
    expect(app.logs.some((l) => l.msg === "discord gateway session resumed")).toBe(true);
  });

  it("an event sent while the connection was down is replayed on RESUME and answered", async () => {
    const resumed = app.fake.waitFor("resumed");
    app.fake.dropConnection();
    await eventually(() => expect(app.fake.connected).toBe(false));
    const during = app.fake.slashCommand({ query: "-6101" });
    await resumed;
    const call = await app.fake.callbackFor(during);
    expect(call.status).toBe(204);
    expect(app.fake.identifies).toHaveLength(1);
  });

  it("stop() finishes a reply in flight, then closes the connection and reports not ready", async () => {
    app.fake.rateLimitNext("POST", new RegExp(`^/channels/${IDS.general}/messages$`), 1);
    const message = app.fake.message({ content: "cos upload failed: errno=-5999", channelId: IDS.general });
    await app.fake.waitForCall((c) => c.status === 429);
    await app.adapter.stop();
    const attempts = app.fake.calls.filter((c) => c.body?.message_reference?.message_id === message.id);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(app.adapter.ready()).toBe(false);
    await eventually(() => expect(app.fake.connected).toBe(false));
    expect(app.fake.unknownCalls).toEqual([]);
  });
});

describe("heartbeats", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp({ fake: { heartbeatIntervalMs: 400 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("beats at the interval HELLO gave, gets acknowledged, and keeps one session", async () => {
    await eventually(() => expect(app.fake.heartbeats.length).toBeGreaterThanOrEqual(3), 10_000);
    expect(app.fake.identifies).toHaveLength(1);
    expect(app.fake.resumes).toHaveLength(0);
    expect(app.adapter.ready()).toBe(true);
  });
});

describe("when Discord will not resume the session", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp({ fake: { refuseResume: true } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("identifies again (after INVALID_SESSION) and answers the next event", async () => {
    const identified = app.fake.waitFor("ready");
    app.fake.dropConnection();
    await identified;
    expect(app.fake.resumes).toHaveLength(1);
    expect(app.fake.identifies).toHaveLength(2);
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    expect((call.body as Body).data.embeds![0]!.title).toContain("29036");
  });
});

describe("without the MessageContent intent (Discord closes with 4014)", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp({ fake: { disallowedIntents: MESSAGE_CONTENT_INTENT }, logLevel: "trace" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reconnects without it and says in the log why auto-explain is off", () => {
    expect(app.fake.identifies.map((i) => (i.intents & MESSAGE_CONTENT_INTENT) !== 0)).toEqual([true, false]);
    expect(app.adapter.hasMessageContent).toBe(false);
    expect(app.adapter.ready()).toBe(true);
    const warning = app.logs.find((l) => String(l.msg).includes("4014"));
    expect(warning?.level).toBe(40);
    expect(String(warning?.msg)).toMatch(/auto-explain is OFF/);
    expect(String(warning?.msg)).toMatch(/Message Content Intent/);
  });

  it("slash commands still work", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    expect((call.body as Body).data.embeds![0]!.title).toContain("29036");
  });

  it("mentions still work (Discord delivers the text of messages that mention the bot)", async () => {
    const message = app.fake.message({ content: `<@${IDS.bot}> -29036`, channelId: IDS.general, mentionsBot: true });
    expect(((await replyTo(app, message)).body as Body["data"]).embeds![0]!.title).toContain("29036");
  });

  it("auto-explain stays off", async () => {
    const log = app.fake.message({ content: '{"code": -5999}', channelId: IDS.general });
    const marker = app.fake.message({ content: `<@${IDS.bot}> help`, channelId: IDS.general, mentionsBot: true });
    await replyTo(app, marker);
    expect(app.fake.calls.filter((c) => c.body?.message_reference?.message_id === log.id)).toEqual([]);
  });

  it("never writes the token to the log, even at trace level", () => {
    expect(app.rawLogs.length).toBeGreaterThan(20);
    expect(app.rawLogs.join("")).not.toContain(TEST_TOKEN);
  });
});

describe("when the MessageContent intent is withdrawn while running", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("reconnects without it, logs why, and keeps answering", async () => {
    expect(app.adapter.hasMessageContent).toBe(true);
    app.fake.options.disallowedIntents = MESSAGE_CONTENT_INTENT;
    const identified = app.fake.waitFor("ready");
    app.fake.closeConnection(4014, "Disallowed intent(s).");
    await identified;
    await eventually(() => expect(app.adapter.ready()).toBe(true));
    expect(app.adapter.hasMessageContent).toBe(false);
    expect(app.fake.identifies.map((i) => (i.intents & MESSAGE_CONTENT_INTENT) !== 0)).toEqual([true, false]);
    expect(app.logs.some((l) => String(l.msg).includes("auto-explain is OFF"))).toBe(true);
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    expect((call.body as Body).data.embeds![0]!.title).toContain("29036");
  });
});

describe("with AUTO_EXPLAIN_CHANNELS empty", () => {
  let app: DiscordApp;
  beforeAll(async () => {
    app = await startDiscordApp({ env: { AUTO_EXPLAIN_CHANNELS: "" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("does not ask for the privileged MessageContent intent, and says so", () => {
    expect(app.fake.identifies).toHaveLength(1);
    expect(app.fake.identifies[0]!.intents).toBe(GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES);
    expect(app.adapter.hasMessageContent).toBe(false);
    expect(app.logs.some((l) => String(l.msg).includes("MessageContent intent is not requested"))).toBe(true);
  });

  it("still answers mentions and DMs", async () => {
    const mention = app.fake.message({ content: `<@${IDS.bot}> -29036`, channelId: IDS.general, mentionsBot: true });
    expect(((await replyTo(app, mention)).body as Body["data"]).embeds![0]!.title).toContain("29036");
    const dm = app.fake.message({ content: "-6101", dm: true });
    expect(((await replyTo(app, dm)).body as Body["data"]).embeds![0]!.title).toContain("6101");
  });
});
