// Slash command, autocomplete, message context menu and buttons: real discord.js against the fake Discord.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IDS, messagePayload, type RecordedCall } from "../support/fake-discord.js";
import { metricValue, startDiscordApp, type DiscordApp } from "../support/fake-discord-harness.js";

let app: DiscordApp;

beforeAll(async () => {
  app = await startDiscordApp();
});

afterAll(async () => {
  await app?.close();
});

/** Milliseconds from an interaction's creation (its snowflake) to the bot's answer reaching Discord. */
function answeredAfterMs(interaction: { id: string }, call: RecordedCall): number {
  return call.at - Number((BigInt(interaction.id) >> 22n) + 1420070400000n);
}

type Body = { type: number; data: { content?: string; flags?: number; embeds?: Array<Record<string, any>>; components?: Array<{ components: Array<{ label: string; custom_id: string }> }>; allowed_mentions?: unknown; choices?: Array<{ name: string; value: string }> } };

function buttons(call: RecordedCall): Array<{ label: string; custom_id: string }> {
  return ((call.body as Body).data.components ?? []).flatMap((row) => row.components);
}

function button(call: RecordedCall, label: string | RegExp): { label: string; custom_id: string } {
  const found = buttons(call).find((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
  if (!found) throw new Error(`no button ${label} in ${buttons(call).map((b) => b.label).join(", ")}`);
  return found;
}

describe("/errcode", () => {
  it("answers privately by default, within Discord's 3 s, with embeds and no mentions allowed", async () => {
    const interaction = app.fake.slashCommand({ query: "-29036" });
    const call = await app.fake.callbackFor(interaction);
    const body = call.body as Body;
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.content).toContain("29036");
    expect(body.data.embeds![0]!.title).toBe("-29036 ERR\\_DOWN\\_NOTFINISHED\\_FILE");
    expect(body.data.embeds![0]!.footer.text).toContain("COS JSON API v4");
    expect(buttons(call).map((b) => b.label)).toEqual(["Share in channel", "中文"]);
    expect(answeredAfterMs(interaction, call)).toBeLessThan(3000);
    expect(call.query.with_response).toBe("false");
  });

  it("posts for everyone with public:true", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", public: true }));
    expect((call.body as Body).data.flags).toBeUndefined();
    expect(buttons(call).map((b) => b.label)).toEqual(["中文"]);
  });

  it("is public by default in an ONCALL_CHANNELS channel, private there when public:false", async () => {
    const oncall = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", channelId: IDS.oncall }));
    expect((oncall.body as Body).data.flags).toBeUndefined();
    const asked = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", channelId: IDS.oncall, public: false }));
    expect((asked.body as Body).data.flags).toBe(64);
  });

  it("limits the lookup to the chosen catalog", async () => {
    const both = await app.fake.callbackFor(app.fake.slashCommand({ query: "-6101" }));
    expect((both.body as Body).data.embeds![0]!.author.name).toContain("image");
    const scoped = await app.fake.callbackFor(app.fake.slashCommand({ query: "-6101", catalog: "tencent-cos-v4" }));
    const embeds = (scoped.body as Body).data.embeds!;
    expect(embeds).toHaveLength(1);
    expect(embeds[0]!.author.name).toMatch(/^Tencent Cloud COS/);
    expect(embeds[0]!.author.name).not.toContain("image");
  });

  it.each(["zh-CN", "zh-TW"])("answers in Chinese first for locale %s", async (locale) => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", locale }));
    const embed = (call.body as Body).data.embeds![0]!;
    expect(embed.description).toMatch(/[\u4e00-\u9fff]/);
    expect(embed.fields.map((f: { name: string }) => f.name)).toContain("English");
    expect(buttons(call).map((b) => b.label)).toContain("English");
  });

  it("counts lookups in the metrics", async () => {
    expect(await metricValue(app.context.metrics, "errcode_lookups_total", { adapter: "discord" })).toBeGreaterThan(5);
  });
});

describe("autocomplete", () => {
  it("suggests codes as they are typed, at most 25, names within 100 characters, well within 3 s", async () => {
    const interaction = app.fake.autocomplete({ typed: "-2903" });
    const call = await app.fake.callbackFor(interaction);
    const body = call.body as Body;
    expect(body.type).toBe(8);
    const choices = body.data.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    const wanted = choices.find((c) => c.value === "tencent-cos-v4 -29036");
    expect(wanted?.name).toMatch(/^-29036 ERR_DOWN_NOTFINISHED_FILE — The file has not been fully uploaded/);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(answeredAfterMs(interaction, call)).toBeLessThan(3000);
  });

  it("caps a broad query at 25 and cuts long names with an ellipsis", async () => {
    const choices = ((await app.fake.callbackFor(app.fake.autocomplete({ typed: "upload" }))).body as Body).data.choices!;
    expect(choices.length).toBeGreaterThan(3);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it("respects the catalog already chosen, and the locale", async () => {
    const choices = ((await app.fake.callbackFor(app.fake.autocomplete({ typed: "-6101", catalog: "tencent-ci-image", locale: "zh-CN" }))).body as Body).data.choices!;
    expect(choices[0]).toEqual({ value: "tencent-ci-image -6101", name: "-6101 — 图片不存在、图片没有上传或者图片已经删除" });
    for (const choice of choices) expect(choice.value).toMatch(/^tencent-ci-image -?\d+$/);
  });

  it("a picked suggestion answers with exactly that entry", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "tencent-ci-image -6101" }));
    const embeds = (call.body as Body).data.embeds!;
    expect(embeds).toHaveLength(1);
    expect(embeds[0]!.author.name).toContain("image");
  });

  it("answers an empty box with no choices", async () => {
    const call = await app.fake.callbackFor(app.fake.autocomplete({ typed: "  " }));
    expect((call.body as Body).data.choices).toEqual([]);
  });
});

describe("Explain error codes (message context menu)", () => {
  it("explains every code in the message, privately", async () => {
    const target = messagePayload({ content: 'upload failed: {"code": -29036, "request_id": "NWQ1ZjA2XzI0"}' });
    const call = await app.fake.callbackFor(app.fake.messageCommand(target));
    const body = call.body as Body;
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds![0]!.title).toContain("29036");
    expect(JSON.stringify(body.data.embeds)).toContain("NWQ1ZjA2XzI0");
  });

  it("reads codes in an alert's embeds too", async () => {
    const target = messagePayload({ content: "", fromOtherBot: true, embeds: [{ type: "rich", title: "COS upload alert", description: "errno=-29036 on bucket logs" }] });
    const call = await app.fake.callbackFor(app.fake.messageCommand(target));
    expect((call.body as Body).data.embeds![0]!.title).toContain("29036");
  });

  it("says so when the message has no codes", async () => {
    const call = await app.fake.callbackFor(app.fake.messageCommand(messagePayload({ content: "lunch at noon?" })));
    expect((call.body as Body).data.content).toContain("No error codes found");
  });
});

describe("buttons", () => {
  it("中文 on a private answer updates it in place (type 7), in Chinese", async () => {
    const first = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    const press = app.fake.button(button(first, "中文").custom_id, app.fake.botMessageFrom(first));
    const call = await app.fake.callbackFor(press);
    const body = call.body as Body;
    expect(body.type).toBe(7);
    expect(body.data.flags).toBeUndefined();
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds![0]!.description).toMatch(/[\u4e00-\u9fff]/);
    expect(buttons(call).map((b) => b.label)).toContain("English");
  });

  it("on a public answer, a button answers the presser privately and leaves the message alone", async () => {
    const first = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", public: true }));
    const call = await app.fake.callbackFor(app.fake.button(button(first, "中文").custom_id, app.fake.botMessageFrom(first)));
    expect((call.body as Body).type).toBe(4);
    expect((call.body as Body).data.flags).toBe(64);
  });

  it("Share in channel posts the private answer for everyone", async () => {
    const first = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    const call = await app.fake.callbackFor(app.fake.button(button(first, "Share in channel").custom_id, app.fake.botMessageFrom(first)));
    const body = call.body as Body;
    expect(body.type).toBe(4);
    expect(body.data.flags).toBeUndefined();
    expect(body.data.embeds![0]!.title).toContain("29036");
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("Show all matches shows the rest", async () => {
    const first = await app.fake.callbackFor(app.fake.slashCommand({ query: "upload" }));
    expect((first.body as Body).data.content).toMatch(/\+\d+ more not shown/);
    const shown = (first.body as Body).data.embeds!.length;
    const call = await app.fake.callbackFor(app.fake.button(button(first, /^Show all matches/).custom_id, app.fake.botMessageFrom(first)));
    const body = call.body as Body;
    expect(body.type).toBe(7);
    expect(body.data.embeds!.length).toBeGreaterThan(shown);
    expect(body.data.embeds!.length).toBeLessThanOrEqual(10);
  });

  it("keeps a request too long for a custom_id under a ref, and replays it", async () => {
    const log = 'upload failed {"code":-29036} then errno=-6101 while resizing, and "code": -5999 from the proxy; request_id=NWQ1ZjA2XzI0 and more text';
    const first = await app.fake.callbackFor(app.fake.slashCommand({ query: log }));
    const lang = button(first, "中文");
    expect(lang.custom_id).toMatch(/^ec:l:ref:[\w-]{32}$/);
    for (const b of buttons(first)) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    const call = await app.fake.callbackFor(app.fake.button(lang.custom_id, app.fake.botMessageFrom(first)));
    const body = call.body as Body;
    expect(body.type).toBe(7);
    expect(body.data.content).toMatch(/Found \d+ error codes/);
    expect(body.data.embeds![0]!.description).toMatch(/[\u4e00-\u9fff]/);
  });

  it("an unknown ref (older than a day) gets a polite private answer", async () => {
    const call = await app.fake.callbackFor(app.fake.button(`ec:l:ref:${"A".repeat(32)}`, messagePayload({ content: "old", flags: 64 })));
    expect((call.body as Body).data.flags).toBe(64);
    expect((call.body as Body).data.content).toContain("expired");
  });
});

describe("failures", () => {
  it("an expired interaction (10062) is logged and counted, and the next one is answered", async () => {
    const before = await metricValue(app.context.metrics, "errcode_errors_total", { adapter: "discord", kind: "expired-interaction" });
    const late = app.fake.slashCommand({ query: "-29036" });
    app.fake.expireInteraction(late.id);
    const rejected = await app.fake.callbackFor(late);
    expect(rejected.status).toBe(404);
    const next = await app.fake.callbackFor(app.fake.slashCommand({ query: "-6101" }));
    expect(next.status).toBe(204);
    expect(app.logs.some((l) => String(l.msg).includes("10062"))).toBe(true);
    expect(await metricValue(app.context.metrics, "errcode_errors_total", { adapter: "discord", kind: "expired-interaction" })).toBe(before + 1);
    expect(app.fake.calls.filter((c) => c.path.startsWith(`/interactions/${late.id}/`))).toHaveLength(1);
    expect(app.adapter.ready()).toBe(true);
  });

  it("a refused answer is logged without the interaction's token (it lets anyone post as the bot), and the user is told", async () => {
    app.fake.failNext("POST", /^\/interactions\/.*\/callback$/, 400, { message: "Invalid Form Body", code: 50035 });
    const interaction = app.fake.slashCommand({ query: "-29036" });
    const told = await app.fake.waitForCall((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback` && c.status === 204);
    expect((told.body as Body).data.content).toContain("failed");
    await vi.waitFor(() => expect(app.rawLogs.some((line) => line.includes("discord interaction failed"))).toBe(true));
    const logged = app.rawLogs.filter((line) => line.includes("discord interaction failed")).join("");
    expect(logged).toContain(`/interactions/${interaction.id}/[redacted]`);
    expect(logged).toContain("50035");
    expect(logged, "the whole card it tried to send is not logged").not.toContain("requestBody");
    expect(app.rawLogs.join("")).not.toContain(interaction.token);
  });

  it("a command it no longer has is answered, not left spinning", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "x", name: "oldcommand" }));
    expect(call.status).toBe(204);
    expect((call.body as Body).data.flags).toBe(64);
    expect((call.body as Body).data.content).toContain("/errcode");
  });

  it("made no REST call the fake does not know", () => {
    expect(app.fake.unknownCalls).toEqual([]);
  });
});
