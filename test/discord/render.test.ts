import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Card, CardAction, Reply, ReplyRequest } from "../../src/core/card.js";
import { requestRef, requestsByRef } from "../../src/core/button-request.js";
import { lookupReply } from "../../src/core/explain.js";
import { lookup } from "../../src/core/lookup.js";
import {
  actionCustomId,
  decodeCustomId,
  DISCORD_LIMITS,
  embedLength,
  escapeMarkdown,
  neutralizeMentions,
  renderDiscordMessage,
  SEVERITY_COLOR,
  type DiscordMessage,
} from "../../src/render/discord.js";
import { testErrcode } from "../support/fake-discord-harness.js";
import { run } from "../support/spawn.js";

const a = (n: number) => "a".repeat(n);

function card(overrides: Partial<Card> = {}): Card {
  return { title: "T", subtitle: "", severity: "warning", summary: "s", fields: [], sections: [], sourceNotes: [], ...overrides };
}

function reply(cards: Card[], overrides: Partial<Reply> = {}): Reply {
  return { kind: "lookup", headline: "h", cards, omitted: 0, actions: [], lang: "en", ...overrides };
}

function action(kind: CardAction["kind"], query: string, extra: Partial<ReplyRequest> = {}): CardAction {
  return { kind, label: kind, request: { mode: "lookup", query, lang: "en", ...extra } };
}

/** Every Discord limit, checked on a rendered message. */
function expectWithinLimits(message: DiscordMessage): void {
  const L = DISCORD_LIMITS;
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect((message.content ?? "").length).toBeLessThanOrEqual(L.content);
  expect(message.embeds.length).toBeLessThanOrEqual(L.embeds);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(L.embedTotal);
  for (const embed of message.embeds) {
    expect(embed.title!.length).toBeLessThanOrEqual(L.title);
    expect((embed.description ?? "").length).toBeLessThanOrEqual(L.description);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(L.fields);
    expect((embed.footer?.text ?? "").length).toBeLessThanOrEqual(L.footer);
    expect((embed.author?.name ?? "").length).toBeLessThanOrEqual(L.author);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(L.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(L.fieldValue);
    }
  }
  expect(message.components.length).toBeLessThanOrEqual(L.actionRows);
  const ids = message.components.flatMap((row) => row.components.map((b) => b.custom_id));
  for (const row of message.components) expect(row.components.length).toBeLessThanOrEqual(L.buttonsPerRow);
  for (const id of ids) expect(id.length).toBeLessThanOrEqual(L.customId);
  expect(new Set(ids).size).toBe(ids.length);
}

const CUT = /… \(\+\d+ more\)$/;

describe("renderDiscordMessage: Discord's limits, exactly at each and one over", () => {
  it("content: 2000 characters kept whole, 2001 cut with an ellipsis and a count", () => {
    const exact = renderDiscordMessage(reply([card()], { headline: a(1996) }));
    expect(exact.content).toBe(`**${a(1996)}**`);
    expect(exact.content!.length).toBe(2000);
    const over = renderDiscordMessage(reply([card()], { headline: a(1997) }));
    expect(over.content!.length).toBeLessThanOrEqual(2000);
    expect(over.content).toMatch(/^\*\*a+… \(\+\d+ more\)\*\*$/);
  });

  it("embeds: 10 cards give 10 embeds; an 11th is counted in the content, not dropped silently", () => {
    const ten = renderDiscordMessage(reply(Array.from({ length: 10 }, (_, i) => card({ title: `c${i}` }))));
    expect(ten.embeds).toHaveLength(10);
    expect(ten.content).toBe("**h**");
    const eleven = renderDiscordMessage(reply(Array.from({ length: 11 }, (_, i) => card({ title: `c${i}` }))));
    expect(eleven.embeds).toHaveLength(10);
    expect(eleven.content).toContain("+1 more not shown");
  });

  it("omitted cards from the core are announced with the Show all button named", () => {
    const message = renderDiscordMessage(reply([card()], { omitted: 4, actions: [action("show-all", "x", { all: true })] }));
    expect(message.content).toContain("+4 more not shown: press “Show all matches”");
  });

  it("6000 characters over all embeds: exactly 6000 kept whole, 6001 squeezes the last embed and says so", () => {
    const exact = renderDiscordMessage(reply([card({ title: "A", summary: a(2999) }), card({ title: "B", summary: a(2999) })]));
    expect(exact.embeds.reduce((n, e) => n + embedLength(e), 0)).toBe(6000);
    expect(exact.embeds[1]!.description).toBe(a(2999));
    const over = renderDiscordMessage(reply([card({ title: "A", summary: a(2999) }), card({ title: "B", summary: a(3000) })]));
    expect(over.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    expect(over.embeds[0]!.description).toBe(a(2999));
    expect(over.embeds[1]!.description).toMatch(CUT);
  });

  it("6000 characters: a card with no room left is dropped and counted, never silently", () => {
    const cards = [card({ title: "A", summary: a(4000) }), card({ title: "B", summary: a(1990) }), card({ title: "C", summary: a(500) })];
    const message = renderDiscordMessage(reply(cards));
    expectWithinLimits(message);
    expect(message.embeds).toHaveLength(2);
    expect(message.content).toContain("+1 more not shown");
  });

  it("6000 characters: fields go first, replaced by a +N more field", () => {
    const fields = Array.from({ length: 7 }, (_, i) => ({ label: `f${i}`, value: a(1000) }));
    const message = renderDiscordMessage(reply([card({ title: "A", summary: a(200), fields })]));
    expectWithinLimits(message);
    const names = message.embeds[0]!.fields!.map((f) => f.name);
    expect(names.at(-1)).toMatch(/^\+\d+ more$/);
    const kept = names.length - 1;
    expect(names.at(-1)).toBe(`+${7 - kept} more`);
    expect(message.embeds[0]!.description).toBe(a(200));
  });

  it("fields: 25 kept, 26 become 24 and a +2 more field", () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `f${i}`, value: "v" }));
    expect(renderDiscordMessage(reply([card({ fields: fields(25) })])).embeds[0]!.fields).toHaveLength(25);
    const over = renderDiscordMessage(reply([card({ fields: fields(26) })])).embeds[0]!.fields!;
    expect(over).toHaveLength(25);
    expect(over[23]!.name).toBe("f23");
    expect(over[24]).toMatchObject({ name: "+2 more", value: "2 more fields not shown" });
  });

  it.each([
    ["title", 256, (n: number) => card({ title: a(n) }), (m: DiscordMessage) => m.embeds[0]!.title!],
    ["description", 4096, (n: number) => card({ summary: a(n) }), (m: DiscordMessage) => m.embeds[0]!.description!],
    ["field name", 256, (n: number) => card({ fields: [{ label: a(n), value: "v" }] }), (m: DiscordMessage) => m.embeds[0]!.fields![0]!.name],
    ["field value", 1024, (n: number) => card({ fields: [{ label: "l", value: a(n) }] }), (m: DiscordMessage) => m.embeds[0]!.fields![0]!.value],
    ["section text (a field value)", 1024, (n: number) => card({ sections: [{ title: "What to do", text: a(n) }] }), (m: DiscordMessage) => m.embeds[0]!.fields![0]!.value],
    ["footer", 2048, (n: number) => card({ sourceNotes: [a(n)] }), (m: DiscordMessage) => m.embeds[0]!.footer!.text],
    ["author (subtitle)", 256, (n: number) => card({ subtitle: a(n) }), (m: DiscordMessage) => m.embeds[0]!.author!.name],
  ] as const)("%s: %i kept whole, one more cut with … and +N more", (_name, limit, make, pick) => {
    expect(pick(renderDiscordMessage(reply([make(limit)])))).toBe(a(limit));
    const over = pick(renderDiscordMessage(reply([make(limit + 1)])));
    expect(over.length).toBeLessThanOrEqual(limit);
    expect(over).toMatch(/…/);
    expect(over).toMatch(/\+\d+ more/);
  });

  it("footer: whole source notes while they fit, then +N more sources", () => {
    const notes = Array.from({ length: 30 }, (_, i) => `doc-${i} line ${i}: ${a(90)}`);
    const footer = renderDiscordMessage(reply([card({ sourceNotes: notes })])).embeds[0]!.footer!.text;
    expect(footer.length).toBeLessThanOrEqual(2048);
    const lines = footer.split("\n");
    const shown = lines.length - 1;
    expect(lines.at(-1)).toBe(`+${30 - shown} more sources`);
    expect(lines.slice(0, -1)).toEqual(notes.slice(0, shown));
  });

  it("buttons: 25 fill 5 rows of 5; a 26th is announced in the content", () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => action("lang", `q${i}`));
    const exact = renderDiscordMessage(reply([card()], { actions: actions(25) }));
    expect(exact.components).toHaveLength(5);
    expect(exact.components.every((row) => row.components.length === 5)).toBe(true);
    expect(exact.content).toBe("**h**");
    const over = renderDiscordMessage(reply([card()], { actions: actions(26) }));
    expect(over.components.flatMap((r) => r.components)).toHaveLength(25);
    expect(over.content).toContain("+1 more buttons not shown");
  });

  it("button labels: 80 kept, 81 cut", () => {
    const label = (n: number) => renderDiscordMessage(reply([card()], { actions: [{ ...action("lang", "q"), label: a(n) }] })).components[0]!.components[0]!.label!;
    expect(label(80)).toBe(a(80));
    expect(label(81).length).toBeLessThanOrEqual(80);
    expect(label(81)).toMatch(CUT);
  });

  it("custom_id: a request that fits in exactly 100 characters rides inline; 101 travels as a ref", () => {
    const prefix = "ec:l:l:en:0::";
    const exact = action("lang", a(100 - prefix.length));
    const customId = actionCustomId(exact);
    expect(customId).toHaveLength(100);
    expect(decodeCustomId(customId)).toMatchObject({ kind: "lang", decoded: { request: { mode: "lookup", query: a(87), lang: "en" } } });

    const over = action("lang", a(101 - prefix.length));
    const stored = actionCustomId(over);
    const ref = requestRef(over.request);
    expect(stored).toBe(`ec:l:${ref}`);
    expect(stored.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(stored)).toEqual({ kind: "lang", payload: ref, decoded: { ref } });
    // The core stores exactly the requests that travel as refs on Discord.
    expect(requestsByRef(reply([card()], { actions: [exact, over] }), 100 - "ec:l:".length)).toEqual([{ ref, request: over.request }]);
  });

  it("custom_id: every field of a request survives the round trip, colons in the query included", () => {
    const request: ReplyRequest = { mode: "scan", query: "x-errno: -29036", lang: "zh", all: true, catalog: "tencent-cos-v4" };
    const customId = actionCustomId({ kind: "show-all", label: "Show all", request });
    expect(decodeCustomId(customId)).toMatchObject({ kind: "show-all", decoded: { request } });
    expect(decodeCustomId("someone-else:button")).toBeUndefined();
  });
});

describe("renderDiscordMessage: content", () => {
  it("colours embeds by severity", () => {
    const message = renderDiscordMessage(reply([card({ severity: "error" }), card({ severity: "warning" }), card({ severity: "info" })]));
    expect(message.embeds.map((e) => e.color)).toEqual([SEVERITY_COLOR.error, SEVERITY_COLOR.warning, SEVERITY_COLOR.info]);
    expect(new Set(Object.values(SEVERITY_COLOR)).size).toBe(3);
  });

  it("no input can ping anyone: @everyone, @here, user, role and channel mentions are broken up", () => {
    const hostile = "@everyone @here <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678>";
    const message = renderDiscordMessage(
      reply([card({ title: hostile, summary: hostile, fields: [{ label: hostile, value: hostile }], sections: [{ title: "Seen in", text: hostile }], sourceNotes: [hostile], subtitle: hostile })], { headline: hostile }),
    );
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const json = JSON.stringify(message);
    expect(json).not.toMatch(/@everyone|@here/);
    expect(json).not.toMatch(/<@|<#|<!/);
  });

  it("markdown in text is shown literally, not interpreted", () => {
    const message = renderDiscordMessage(reply([card({ summary: "**bold** _it_ `code` [click](https://evil.example) ||spoiler||\n# heading\n> quote" })]));
    expect(message.embeds[0]!.description).toBe("\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[click\\](https://evil.example) \\|\\|spoiler\\|\\|\n\\# heading\n\\> quote");
  });

  it("text with nothing to escape is left as it is, and the shortcut never skips an escape or a broken mention", () => {
    const ZWSP = "\u200b";
    // Every rule applied in full, the way the renderer did before it tested first.
    const neutralizedInFull = (t: string) =>
      t
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
        .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
        .replace(/<([@#!&:/]|a:|t:)/g, `<${ZWSP}$1`);
    const escapedInFull = (t: string) =>
      neutralizedInFull(t)
        .replace(/[\\*_~`|[\]<]/g, "\\$&")
        .replace(/^(\s*)(#{1,3}\s|>|-\s|-#|\+\s)/gm, "$1\\$2")
        .replace(/^(\s*\d+)\.(\s)/gm, "$1\\.$2");
    const pieces = ["@everyone", "@HERE", "<@1>", "<#2>", "<!channel>", "<a:x:1>", "<t:1>", "<", "&", ":", "/", "!", "@", "a:", "t:",
      "\u0000", "\u0008", "\u000b", "\u000c", "\u000e", "\u001f", "\u007f", "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
      "\u2069", "\t", "# ", "> ", "- ", "-#", "+ ", "1. ", "10. ", "\n", " ",
      "*", "_", "`", "|", "[", "]", "\\", "~", "a", "签名", "-29036", "ERR_X"];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(neutralizeMentions(t)).toBe(neutralizedInFull(t));
        expect(escapeMarkdown(t)).toBe(escapedInFull(t));
      }),
      { numRuns: 3000 },
    );
    const plain = "Signature expired: sign again with a fresh expiry time";
    expect(escapeMarkdown(plain)).toBe(plain);
  });

  it("a URL alone in a field stays a working link", () => {
    const message = renderDiscordMessage(reply([card({ fields: [{ label: "Runbook", value: "https://wiki.example/runbooks/cos_upload" }] })]));
    expect(message.embeds[0]!.fields![0]!.value).toBe("https://wiki.example/runbooks/cos_upload");
  });

  it("ephemeral replies get the ephemeral flag, public ones none; the buttons are the reply's (the core drops Share)", () => {
    const r = reply([card()], { actions: [action("share", "q"), action("lang", "q", { lang: "zh" })] });
    const mine = renderDiscordMessage(r, { ephemeral: true });
    expect(mine.flags).toBe(64);
    expect(mine.components[0]!.components.map((b) => b.label)).toEqual(["share", "lang"]);
    const everyone = renderDiscordMessage({ ...r, actions: r.actions.filter((x) => x.kind !== "share") });
    expect(everyone.flags).toBeUndefined();
    expect(everyone.components[0]!.components.map((b) => b.label)).toEqual(["lang"]);
  });

  it("a real card: title, severity colour, fields, the source document in the footer, a 中文 button", () => {
    const errcode = testErrcode();
    const message = renderDiscordMessage(errcode.command("-29036"));
    expectWithinLimits(message);
    const embed = message.embeds[0]!;
    expect(embed.title).toBe("-29036 ERR\\_DOWN\\_NOTFINISHED\\_FILE");
    expect(embed.author?.name).toContain("Tencent Cloud COS");
    expect(embed.fields!.map((f) => f.name)).toContain("What to do");
    expect(embed.footer!.text).toMatch(/line \d+/);
    expect(embed.footer!.text).toContain("COS JSON API v4");
    expect(message.components[0]!.components.map((b) => b.label)).toContain("中文");
  });

  it("every code of every catalog renders within Discord's limits, in both languages and in full", () => {
    const errcode = testErrcode();
    const codes = [...new Set(errcode.index.entries.map((e) => e.code))];
    expect(codes.length).toBeGreaterThan(500);
    for (const code of codes) {
      for (const lang of ["en", "zh"] as const) {
        const result = lookup(errcode.index, String(code));
        expectWithinLimits(renderDiscordMessage(lookupReply(errcode.index, result, { lang, all: true }), { ephemeral: true }));
      }
    }
  });
});

describe("node dist/cli.js lookup --render discord", () => {
  it("prints the exact payload the bot sends", async () => {
    const result = await run("dist/cli.js", ["lookup", "--render", "discord", "--", "-29036"]);
    expect(result.code).toBe(0);
    const payload = JSON.parse(result.stdout) as DiscordMessage;
    expect(payload).toEqual(renderDiscordMessage(testErrcode().command("-29036")));
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(payload.embeds[0]!.title).toContain("29036");
  });

  it("the shell's /render discord prints the same payload", async () => {
    const result = await run("dist/main.js", [], { input: "/render discord -29036\n", env: { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "", HEALTH_PORT: "0" } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(renderDiscordMessage(testErrcode().command("-29036")));
  });
});
