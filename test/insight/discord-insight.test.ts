// On-call insight through the real discord.js against the fake Discord: three pastes of a code give one reply,
// edited twice (PATCH message) to read 3, and `/errcode query:top 1h` ranks it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDS, type RecordedCall } from "../support/fake-discord.js";
import { startDiscordApp, type DiscordApp } from "../support/fake-discord-harness.js";

// payloads are untyped here on purpose
type Json = any;

let app: DiscordApp;

beforeAll(async () => {
  app = await startDiscordApp({ env: { AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS: "1", AUTO_EXPLAIN_MAX_PER_MINUTE: "100" } });
});

afterAll(async () => {
  await app?.close();
});

const posts = (): RecordedCall[] => app.fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/${IDS.general}/messages` && c.status === 200);
const edits = (): RecordedCall[] => app.fake.calls.filter((c) => c.method === "PATCH" && c.path.startsWith(`/channels/${IDS.general}/messages/`));

describe("Discord", () => {
  it("three pastes of the same code: one reply, two edits in place, the counter reads 3; top 1h lists it with 3", async () => {
    const first = app.fake.message({ content: 'download failed {"code": -29036, "request_id": "req-d1"}', channelId: IDS.general });
    await app.fake.waitForCall((c) => c.method === "POST" && (c.body as Json).message_reference?.message_id === first.id);
    const cardId = ([...app.fake.messages.values()] as Json[]).find((m) => m.message_reference?.message_id === first.id)?.id as string;
    expect(cardId).toBeTruthy();
    app.fake.message({ content: "errno=-29036 again", channelId: IDS.general });
    app.fake.message({ content: 'again {"code":-29036}', channelId: IDS.general });
    // The two pastes arrive together: one edit at once, the other when the edit interval (1 s) is over.
    await app.fake.waitForCall((c) => c.method === "PATCH", 10_000);
    await app.fake.waitForCall((c) => c.method === "PATCH" && edits().length >= 2, 10_000);
    expect(posts()).toHaveLength(1);
    expect(edits()).toHaveLength(2);
    expect(edits()[1]!.at - edits()[0]!.at).toBeGreaterThanOrEqual(900);
    expect(edits().every((e) => e.path === `/channels/${IDS.general}/messages/${cardId}` && e.status === 200)).toBe(true);
    expect(JSON.stringify(edits()[1]!.body)).toContain("3 times in this channel in the last hour");
    const edited = app.fake.messages.get(cardId) as Json;
    expect(JSON.stringify(edited.embeds)).toContain("3 times in this channel in the last hour");
    expect(JSON.stringify(edited.embeds)).toContain("ERR_DOWN_NOTFINISHED_FILE");
    expect(edited.allowed_mentions).toEqual({ parse: [] });

    const top = (await app.fake.callbackFor(app.fake.slashCommand({ query: "top 1h", channelId: IDS.general }))).body as Json;
    const text = JSON.stringify(top.data.embeds);
    expect(text).toContain("Most frequent codes in this channel, the last hour");
    expect(text).toMatch(/-29036 ERR\\\\_DOWN\\\\_NOTFINISHED\\\\_FILE .*3 times/);
  });
});
