// The /errcode `catalog` option autocompletes from the catalogs the bot has loaded: a team catalog added to
// CATALOG_PATHS shows up without registering the commands again. Real discord.js against the fake Discord.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";
import { startDiscordApp, type DiscordApp } from "../support/fake-discord-harness.js";

const TEAM_CATALOG = `id: payments
name: Payments API
aliases: [pay]
entries:
  - code: 1001
    name: CARD_DECLINED
    en: The card was declined.
`;

type Body = { type: number; data: { content?: string; flags?: number; embeds?: Array<Record<string, any>>; choices?: Array<{ name: string; value: string }> } };

let app: DiscordApp;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "errcode-team-"));
  writeFileSync(join(dir, "payments.yaml"), TEAM_CATALOG);
  app = await startDiscordApp({ errcode: Errcode.load([dir]) });
});

afterAll(async () => {
  await app?.close();
});

async function catalogChoices(typed: string) {
  const call = await app.fake.callbackFor(app.fake.autocomplete({ typed, focus: "catalog" }));
  expect((call.body as Body).type).toBe(8);
  return (call.body as Body).data.choices!;
}

describe("/errcode catalog option", () => {
  it("offers every loaded catalog, the team's included, on an empty box", async () => {
    const values = (await catalogChoices("")).map((c) => c.value);
    expect(values).toEqual(["tencent-ci-image", "tencent-cos-v4", "upyun", "payments"]);
  });

  it("narrows by id, name or alias as you type", async () => {
    expect(await catalogChoices("pay")).toEqual([{ name: "Payments API (payments)", value: "payments" }]);
    expect((await catalogChoices("UpYun")).map((c) => c.value)).toEqual(["upyun"]);
    expect(await catalogChoices("no such thing")).toEqual([]);
  });

  it("scopes the lookup to a catalog typed by alias", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "1001", catalog: "pay" }));
    const embeds = (call.body as Body).data.embeds!;
    expect(embeds[0]!.title).toBe("1001 CARD\\_DECLINED");
  });

  it("answers a catalog that is not loaded with the ones that are, privately", async () => {
    const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036", catalog: "@everyone nope" }));
    const body = call.body as Body;
    expect(body.data.flags).toBe(64);
    expect(body.data.content).toContain('No catalog "@everyone nope"');
    expect(body.data.content).toContain("payments");
    expect(body.data.embeds ?? []).toEqual([]);
  });
});
