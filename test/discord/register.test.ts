// Command registration: the definitions, `npm run discord:register` (dist/discord-register.js), and start-up
// registration, all against the fake Discord's REST API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandDefinitions, CONTEXT_MENU_NAME } from "../../src/adapters/discord/commands.js";
import { FakeDiscord, IDS } from "../support/fake-discord.js";
import { startDiscordApp, TEST_TOKEN } from "../support/fake-discord-harness.js";
import { run } from "../support/spawn.js";

const GUILD_ROUTE = `/applications/${IDS.application}/guilds/${IDS.guild}/commands`;
const GLOBAL_ROUTE = `/applications/${IDS.application}/commands`;

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterAll(async () => {
  await fake?.close();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_TOKEN: TEST_TOKEN, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: fake.apiUrl, SLACK_BOT_TOKEN: "", ...extra };
}

describe("command definitions", () => {
  const [slash, menu] = commandDefinitions() as Array<Record<string, any>>;

  it("/errcode: query (required, autocomplete), catalog (autocomplete), public (boolean)", () => {
    expect(slash).toMatchObject({ type: 1, name: "errcode" });
    expect(slash!.options.map((o: { name: string; type: number }) => [o.name, o.type])).toEqual([["query", 3], ["catalog", 3], ["public", 5]]);
    expect(slash!.options[0]).toMatchObject({ required: true, autocomplete: true });
    // Choices fixed at registration would need a new registration for every team catalog.
    expect(slash!.options[1]).toMatchObject({ required: false, autocomplete: true });
    expect(slash!.options[1].choices).toBeUndefined();
  });

  it("the message context menu command", () => {
    expect(menu).toMatchObject({ type: 3, name: CONTEXT_MENU_NAME });
    expect(menu!.description).toBeUndefined();
  });

  it("stays within Discord's command limits", () => {
    const texts = [slash!.description, ...slash!.options.map((o: { description: string }) => o.description), ...Object.values(slash!.description_localizations)];
    for (const text of texts) expect((text as string).length).toBeLessThanOrEqual(100);
    expect(slash!.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
    expect(CONTEXT_MENU_NAME.length).toBeLessThanOrEqual(32);
  });
});

describe("npm run discord:register (dist/discord-register.js)", () => {
  it("with DISCORD_GUILD_ID: overwrites that server's commands, and running it again changes nothing", async () => {
    const first = await run("dist/discord-register.js", [], { env: env({ DISCORD_GUILD_ID: IDS.guild }) });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`registered 2 commands in server ${IDS.guild}`);
    const second = await run("dist/discord-register.js", [], { env: env({ DISCORD_GUILD_ID: IDS.guild }) });
    expect(second.code).toBe(0);
    const puts = fake.calls.filter((c) => c.method === "PUT" && c.path === GUILD_ROUTE);
    expect(puts).toHaveLength(2);
    expect(puts[0]!.authorized).toBe(true);
    expect(puts[1]!.body).toEqual(puts[0]!.body);
    expect((puts[0]!.body as Array<{ name: string }>).map((c) => c.name)).toEqual(["errcode", CONTEXT_MENU_NAME]);
  }, 60_000);

  it("without DISCORD_GUILD_ID: registers globally", async () => {
    const result = await run("dist/discord-register.js", [], { env: env() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("globally");
    expect(fake.calls.some((c) => c.method === "PUT" && c.path === GLOBAL_ROUTE)).toBe(true);
  });

  it("--help says what it does and what it reads, without a token and without calling Discord", async () => {
    const before = fake.calls.length;
    const result = await run("dist/discord-register.js", ["--help"], { env: { DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run discord:register/);
    expect(result.stdout).toContain("DISCORD_GUILD_ID");
    expect(fake.calls.length).toBe(before);
  });

  it("refuses an unknown argument with the usage", async () => {
    const result = await run("dist/discord-register.js", ["--global"], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unexpected argument "--global"');
  });

  it("says what is missing, without a token", async () => {
    const result = await run("dist/discord-register.js", [], { env: { DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DISCORD_TOKEN");
  });

  it("reports a rejected token without printing it", async () => {
    fake.failNext("PUT", /commands$/, 401, { message: "401: Unauthorized", code: 0 });
    const result = await run("dist/discord-register.js", [], { env: env({ DISCORD_GUILD_ID: IDS.guild }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("DISCORD_TOKEN was rejected");
    expect(result.stderr + result.stdout).not.toContain(TEST_TOKEN);
  });

  it("made no REST call the fake does not know", () => {
    expect(fake.unknownCalls).toEqual([]);
  });
});

describe("DISCORD_REGISTER_COMMANDS=true", () => {
  it("registers to DISCORD_GUILD_ID before connecting the gateway", async () => {
    const app = await startDiscordApp({ env: { DISCORD_REGISTER_COMMANDS: "true", DISCORD_GUILD_ID: IDS.guild } });
    try {
      const paths = app.fake.calls.map((c) => `${c.method} ${c.path}`);
      expect(paths.slice(0, 2)).toEqual([`PUT ${GUILD_ROUTE}`, "GET /gateway/bot"]);
      expect(app.logs.some((l) => l.msg === "discord commands registered")).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("a failed registration is logged and the bot still connects", async () => {
    const app = await startDiscordApp({ env: { DISCORD_REGISTER_COMMANDS: "true", DISCORD_APPLICATION_ID: "999999999999999999" } });
    try {
      expect(app.adapter.ready()).toBe(true);
      expect(app.logs.some((l) => String(l.msg).startsWith("discord command registration failed"))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
