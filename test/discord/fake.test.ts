// The fake Discord itself: what the other tests rely on it to do, checked through @discordjs/rest.
import { DiscordAPIError, REST, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, IDS } from "../support/fake-discord.js";
import { TEST_TOKEN } from "../support/fake-discord-harness.js";

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await FakeDiscord.start();
  rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken(TEST_TOKEN);
});
afterAll(async () => {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
  await fake.close();
});

describe("the fake Discord", () => {
  it("answers 404 to a route it does not know, and records it as unknown", async () => {
    const error = await rest.get(Routes.guildBans(IDS.guild)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(fake.unknownCalls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /guilds/${IDS.guild}/bans`]);
  });

  it("serves /gateway/bot and /users/@me with the bot's identity", async () => {
    expect(await rest.get(Routes.gatewayBot())).toMatchObject({ url: fake.gatewayUrl, shards: 1 });
    expect(await rest.get(Routes.user())).toMatchObject({ id: IDS.bot, bot: true });
  });

  it("takes an interaction callback once, then follow-ups and edits on its webhook; 10062 for unknown ones", async () => {
    const interaction = { id: "123456789012345678", token: "nope" };
    const unknown = await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 5 }, auth: false }).catch((e: unknown) => e);
    expect((unknown as DiscordAPIError).code).toBe(10062);

    const built = fake.createInteraction(2, { name: "errcode", type: 1, options: [] });
    await rest.post(Routes.interactionCallback(built.id, built.token), { body: { type: 4, data: { content: "hi" } }, auth: false });
    const twice = await rest.post(Routes.interactionCallback(built.id, built.token), { body: { type: 4, data: { content: "again" } }, auth: false }).catch((e: unknown) => e);
    expect((twice as DiscordAPIError).code).toBe(40060);
    const followUp = (await rest.post(Routes.webhook(IDS.application, built.token), { body: { content: "more" }, auth: false })) as { content: string };
    expect(followUp.content).toBe("more");
    const edited = (await rest.patch(Routes.webhookMessage(IDS.application, built.token, "@original"), { body: { content: "edited" }, auth: false })) as { content: string };
    expect(edited.content).toBe("edited");
    expect(fake.calls.filter((c) => c.path.startsWith("/webhooks/")).map((c) => c.status)).toEqual([200, 200]);
  });
});
