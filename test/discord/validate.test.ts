// Gateway dispatches of unexpected shape at the real discord.js client: dropped, never a crash, and the next real
// command is answered.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchProblem } from "../../src/adapters/discord/validate.js";
import { IDS } from "../support/fake-discord.js";
import { startDiscordApp, type DiscordApp } from "../support/fake-discord-harness.js";

const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
let app: DiscordApp;

beforeAll(async () => {
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  app = await startDiscordApp({ env: { LOG_LEVEL: "debug", AUTO_EXPLAIN_CHANNELS: IDS.general } });
});

afterAll(async () => {
  await app?.close();
  process.off("uncaughtException", onCrash);
  process.off("unhandledRejection", onCrash);
});

async function answersNextCommand() {
  const call = await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
  expect(JSON.stringify(call.body)).toContain("29036");
}

const dropped = () => app.logs.filter((l) => l.msg === "unexpected gateway dispatch dropped").length;

describe("Discord gateway dispatches of unexpected shape are dropped", () => {
  it.each([
    ["MESSAGE_CREATE with d null", "MESSAGE_CREATE", null],
    ["MESSAGE_CREATE without an author", "MESSAGE_CREATE", { id: "1", channel_id: IDS.general, content: "-29036" }],
    ["MESSAGE_CREATE with numeric content", "MESSAGE_CREATE", { id: "2", channel_id: IDS.general, author: { id: IDS.human }, content: 29036 }],
    ["INTERACTION_CREATE with d a string", "INTERACTION_CREATE", "x"],
    ["INTERACTION_CREATE without a token", "INTERACTION_CREATE", { id: "3", application_id: IDS.application, type: 2 }],
    ["GUILD_CREATE with d an array", "GUILD_CREATE", []],
    ["an unknown event with d a number", "SOMETHING_NEW", 5],
    // Found by the fuzz below: discord.js writes `${data.type}` into a debug line for a channel of unknown type.
    ["CHANNEL_CREATE whose type is an object with its own toString", "CHANNEL_CREATE", { id: "4", type: { toString: 1 } }],
    ["TYPING_START whose timestamp is an object with its own valueOf", "TYPING_START", { channel_id: IDS.general, timestamp: { valueOf: [] } }],
  ])("%s", async (_name, t, d) => {
    const before = dropped();
    app.fake.dispatch(t, d);
    await app.fake.callbackFor(app.fake.slashCommand({ query: "-29036" }));
    expect(dropped()).toBe(before + 1);
    expect(crashes).toEqual([]);
  });

  it("well-formed dispatches pass", () => {
    expect(dispatchProblem({ t: "MESSAGE_CREATE", d: { id: "1", channel_id: "2", author: { id: "3" }, content: "x" } })).toBeUndefined();
    expect(dispatchProblem({ t: "TYPING_START", d: { channel_id: "2" } })).toBeUndefined();
  });

  it("fuzz: random dispatches never take the client down, and the next command is answered", async () => {
    const d = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ id: fc.oneof(fc.constant("1"), fc.jsonValue({ maxDepth: 1 })), channel_id: fc.oneof(fc.constant(IDS.general), fc.jsonValue({ maxDepth: 1 })), author: fc.jsonValue({ maxDepth: 2 }), content: fc.jsonValue({ maxDepth: 1 }), type: fc.jsonValue({ maxDepth: 1 }), token: fc.jsonValue({ maxDepth: 1 }), data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
    );
    const t = fc.constantFrom("MESSAGE_CREATE", "INTERACTION_CREATE", "GUILD_CREATE", "CHANNEL_CREATE", "MESSAGE_UPDATE", "TYPING_START", "GUILD_MEMBER_ADD");
    await fc.assert(
      fc.asyncProperty(t, d, async (type, payload) => {
        app.fake.dispatch(type, payload);
      }),
      { numRuns: 200 },
    );
    await answersNextCommand();
    expect(crashes).toEqual([]);
    expect(app.adapter.ready()).toBe(true);
  }, 60_000);
});
