import { describe, expect, it } from "vitest";
import { Errcode } from "../src/core/errcode.js";
import { renderDiscordMessage } from "../src/render/discord.js";
import { renderSlackMessage } from "../src/render/slack.js";
import { fitText } from "../src/render/slack-mrkdwn.js";
import { renderTerminal } from "../src/render/terminal.js";

const errcode = Errcode.load();
const LITERAL = (mark: string) => `<!date^00000000^{_}|${mark}>`;
const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];

// Text in a section, as Slack would show it, once each date token is replaced by its fallback.
const shown = (mrkdwn: string) => mrkdwn.replace(/<!date\^00000000\^\{_\}\|(.)>/g, "$1");

function slackSection(text: string, title: string): string {
  const blocks = renderSlackMessage(errcode.command(text)).blocks as Array<{ text?: { text: string } }>;
  const found = blocks.find((b) => b.text?.text.startsWith(`*${title}*`));
  expect(found, `a "${title}" section`).toBeDefined();
  return found!.text!.text.slice(title.length + 3);
}

describe("quoted user text is shown literally in Slack", () => {
  const pasted = 'upload *bold* ~strike~ _italic_ `code` failed: {"code":-29036}';

  it("writes every formatting mark of a pasted line as a literal, so none of it formats", () => {
    const seen = slackSection(pasted, "Seen in");
    expect(seen).toContain(`${LITERAL("*")}bold${LITERAL("*")}`);
    expect(seen).toContain(`${LITERAL("~")}strike${LITERAL("~")}`);
    expect(seen).toContain(`${LITERAL("_")}italic${LITERAL("_")}`);
    expect(seen).toContain(`${LITERAL("`")}code${LITERAL("`")}`);
    // No mark is left bare, and the reader sees exactly what was pasted.
    expect(seen.replace(/<!date\^00000000\^\{_\}\|.>/g, "")).not.toMatch(/[*_~`]/);
    expect(shown(seen)).toContain("upload *bold* ~strike~ _italic_ `code` failed");
  });

  it("leaves marks inside a word alone (symbols stay readable and short)", () => {
    expect(fitText("ERR_DOWN_NOTFINISHED_FILE 2*3", 100)).toBe("ERR_DOWN_NOTFINISHED_FILE 2*3");
  });

  it("keeps a quoted query literal in a no-match title too", () => {
    const blocks = renderSlackMessage(errcode.command("*zzqx* _nothing_")).blocks as Array<{ type: string; text?: { text: string } }>;
    const title = blocks.find((b) => b.type === "section" && b.text?.text.includes("Nothing for"))!.text!.text;
    expect(title).toContain(`${LITERAL("*")}zzqx${LITERAL("*")}`);
  });

  it("never cuts a literal mark in half and stays within the limit", () => {
    const text = "*".repeat(500);
    const out = fitText(text, 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.replace(/<!date\^00000000\^\{_\}\|\*>/g, "")).toBe("…");
  });

  it("keeps a line that starts with > from becoming a quote", () => {
    expect(fitText("> not a quote\n> nor this", 100)).toBe("\u00ad&gt; not a quote\n\u00ad&gt; nor this");
  });

  it("uses no date tokens where Slack shows plain text (header, buttons, fallback)", () => {
    const message = renderSlackMessage(errcode.command("*zzqx* _nothing_"));
    const header = message.blocks[0] as { text: { text: string } };
    expect(header.text.text).toContain("*zzqx*");
    expect(message.text).not.toContain("<!date");
  });
});

describe("bidi controls never reach a chat", () => {
  const reversed = `file inv\u202eexe.pdf\u202c \u2066x\u2069 \u200fy\u200e failed: {"code":-29036}`;

  // What a reader sees: button values and ids are requests the bot reads back, never shown.
  const visible = (payload: unknown) =>
    JSON.stringify(payload, function (this: { type?: unknown }, key, value: unknown) {
      return (key === "value" && this.type === "button") || key === "custom_id" ? undefined : value;
    });

  it.each(["slack", "discord", "terminal"])("%s", (platform) => {
    const reply = errcode.command(reversed);
    const out = platform === "slack" ? visible(renderSlackMessage(reply)) : platform === "discord" ? visible(renderDiscordMessage(reply)) : renderTerminal(reply);
    expect(out).toContain("-29036");
    expect(out).toContain("invexe.pdf");
    for (const control of BIDI) expect(out).not.toContain(control);
    // JSON.stringify leaves these characters as they are; make sure they are not hiding as escapes either.
    expect(out).not.toMatch(/\\u20(2[a-e]|6[6-9]|0[ef])/i);
  });
});

describe("quoted user text is shown literally in Discord", () => {
  it("escapes markdown in the quoted line", () => {
    const message = renderDiscordMessage(errcode.command('upload *bold* ~~strike~~ `code` failed: {"code":-29036}'));
    const seen = message.embeds!.flatMap((e) => e.fields ?? []).find((f) => f.name === "Seen in")!.value;
    expect(seen).toContain("\\*bold\\*");
    expect(seen).toContain("\\~\\~strike\\~\\~");
    expect(seen).toContain("\\`code\\`");
  });
});
