import { spawnSync } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ShellAdapter } from "../../src/adapters/shell/adapter.js";
import type { Card, CardAction, Reply, ReplyRequest } from "../../src/core/card.js";
import { MemoryStore } from "../../src/state/memory.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { renderFor } from "../../src/render/index.js";
import { actionKindOf, renderSlackMessage, SLACK_BUTTON_ROOM, SLACK_LIMITS, type SlackMessage } from "../../src/render/slack.js";
import { decodeButtonPayload, requestRef } from "../../src/core/button-request.js";
import { escapeSlack, fitText, unescapeSlack } from "../../src/render/slack-mrkdwn.js";
import { loadConfig } from "../../src/config.js";
import { blockProblems } from "../support/fake-slack.js";
import { errcodeForTests } from "../support/fake-slack-harness.js";

// block JSON is untyped here on purpose
type Json = any;

const card = (over: Partial<Card> = {}): Card => ({ title: "T", subtitle: "", severity: "warning", summary: "S", fields: [], sections: [], sourceNotes: [], ...over });
const reply = (over: Partial<Reply> = {}): Reply => ({ kind: "lookup", headline: "H", cards: [card()], omitted: 0, actions: [], lang: "en", ...over });
const request: ReplyRequest = { mode: "lookup", query: "x", lang: "en" };
const action = (kind: CardAction["kind"], label: string = kind, req: ReplyRequest = request): CardAction => ({ kind, label, request: req });

function blocksOfType(message: SlackMessage, type: string): Json[] {
  return message.blocks.filter((b) => b.type === type);
}
function sectionTexts(message: SlackMessage): string[] {
  return blocksOfType(message, "section").flatMap((b) => (b.text ? [b.text.text] : []));
}
function noteText(message: SlackMessage): string | undefined {
  const last = [...message.blocks].reverse().find((b) => b.type === "context" && (b as Json).elements.length === 1 && /\+\d+ more/.test((b as Json).elements[0].text));
  return (last as Json)?.elements[0].text;
}
/** What Slack itself would reject, per the fake's checks, plus our own size budget. */
function expectValid(message: SlackMessage): void {
  expect(blockProblems(message.blocks)).toEqual([]);
  expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
  expect(message.text.length).toBeGreaterThan(0);
}

describe("Slack text escaping", () => {
  it("escapes &, < and > and defuses broadcast words", () => {
    expect(escapeSlack("a & b <!channel> <@U123> > @here @Channel @everyone")).toBe("a &amp; b &lt;!channel&gt; &lt;@U123&gt; &gt; @\u2060here @\u2060Channel @\u2060everyone");
    expect(unescapeSlack("&lt;a&gt; &amp;amp;")).toBe("<a> &amp;");
  });

  it("cuts to the limit with an ellipsis, never inside an entity or a surrogate pair", () => {
    expect(fitText("abc", 3)).toBe("abc");
    expect(fitText("abcd", 3)).toBe("ab…");
    const amps = fitText("&".repeat(100), 23);
    expect(amps).toBe(`${"&amp;".repeat(4)}…`);
    expect(amps.length).toBeLessThanOrEqual(23);
    const emoji = fitText("😀".repeat(10), 6);
    expect(emoji).toBe("😀😀…");
  });
});

describe("Block Kit limits", () => {
  it("header: 150 characters exactly is kept, one more is cut with an ellipsis", () => {
    const at = renderSlackMessage(reply({ headline: "h".repeat(SLACK_LIMITS.headerText) }));
    expect((at.blocks[0] as Json).text.text).toBe("h".repeat(150));
    const over = renderSlackMessage(reply({ headline: "h".repeat(SLACK_LIMITS.headerText + 1) }));
    expect((over.blocks[0] as Json).text.text).toBe(`${"h".repeat(149)}…`);
    expectValid(at);
    expectValid(over);
  });

  it("section text: 3000 characters exactly is kept, one more is cut with an ellipsis", () => {
    const head = "*T*\n";
    const at = renderSlackMessage(reply({ cards: [card({ sections: [{ title: "T", text: "s".repeat(3000 - head.length) }] })] }));
    expect(sectionTexts(at)[1]).toBe(`${head}${"s".repeat(3000 - head.length)}`);
    const over = renderSlackMessage(reply({ cards: [card({ sections: [{ title: "T", text: "s".repeat(3001 - head.length) }] })] }));
    const text = sectionTexts(over)[1]!;
    expect(text).toHaveLength(3000);
    expect(text.endsWith("s…")).toBe(true);
    expectValid(at);
    expectValid(over);
  });

  it("the card's summary section is held to 3000 characters too, counting escapes", () => {
    const message = renderSlackMessage(reply({ cards: [card({ summary: "<".repeat(5000) })] }));
    const text = sectionTexts(message)[0]!;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toMatch(/(&lt;)+…$/);
    expectValid(message);
  });

  it("fields: 10 are shown as they are, 11 become 9 and a '+2 more' field", () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const at = renderSlackMessage(reply({ cards: [card({ fields: fields(10) })] }));
    const atFields = (blocksOfType(at, "section")[1] as Json).fields as Json[];
    expect(atFields.map((f) => f.text)).toEqual(fields(10).map((f) => `*${f.label}*\n${f.value}`));
    const over = renderSlackMessage(reply({ cards: [card({ fields: fields(11) })] }));
    const overFields = (blocksOfType(over, "section")[1] as Json).fields as Json[];
    expect(overFields).toHaveLength(10);
    expect(overFields[9].text).toBe("*+2 more*\nL9, L10");
    expectValid(at);
    expectValid(over);
  });

  it("field text: 2000 characters exactly is kept, one more is cut with an ellipsis", () => {
    const head = "*L*\n";
    const at = renderSlackMessage(reply({ cards: [card({ fields: [{ label: "L", value: "v".repeat(2000 - head.length) }] })] }));
    expect((blocksOfType(at, "section")[1] as Json).fields[0].text).toHaveLength(2000);
    expect((blocksOfType(at, "section")[1] as Json).fields[0].text.endsWith("v")).toBe(true);
    const over = renderSlackMessage(reply({ cards: [card({ fields: [{ label: "L", value: "v".repeat(2001 - head.length) }] })] }));
    const text = (blocksOfType(over, "section")[1] as Json).fields[0].text as string;
    expect(text).toHaveLength(2000);
    expect(text.endsWith("v…")).toBe(true);
    expectValid(at);
    expectValid(over);
  });

  it("blocks: a message of exactly 50 blocks is whole; one that needs 51 is cut and says '+N more'", () => {
    // header + card summary + 48 sections = 50 blocks
    const sections = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `S${i}`, text: "t" }));
    const at = renderSlackMessage(reply({ cards: [card({ sections: sections(48) })] }));
    expect(at.blocks).toHaveLength(50);
    expect(noteText(at)).toBeUndefined();
    expect(sectionTexts(at).at(-1)).toBe("*S47*\nt");

    const over = renderSlackMessage(reply({ cards: [card({ sections: sections(49) })] }));
    expect(over.blocks).toHaveLength(50);
    // header + summary + 47 sections + the note
    expect(sectionTexts(over).at(-1)).toBe("*S46*\nt");
    expect(noteText(over)).toContain("+2 more details cut to fit Slack's message limits");
    expectValid(at);
    expectValid(over);
  });

  it("actions: 25 buttons fit in one actions block, a 26th is left out and counted", () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => action("lang", `B${i}`));
    const at = renderSlackMessage(reply({ actions: actions(25) }));
    expect((blocksOfType(at, "actions")[0] as Json).elements).toHaveLength(25);
    expect(noteText(at)).toBeUndefined();
    const over = renderSlackMessage(reply({ actions: actions(26) }));
    expect((blocksOfType(over, "actions")[0] as Json).elements).toHaveLength(25);
    expect(noteText(over)).toContain("+1 more button not shown");
    expectValid(at);
    expectValid(over);
  });

  it("button text is held to 75 characters", () => {
    const message = renderSlackMessage(reply({ actions: [action("share", "b".repeat(80))] }));
    const text = (blocksOfType(message, "actions")[0] as Json).elements[0].text.text as string;
    expect(text).toHaveLength(75);
    expect(text.endsWith("…")).toBe(true);
  });

  it("the whole message stays within the size budget: whole cards are dropped and counted", () => {
    const big = (i: number) => card({ title: `C${i}`, sections: [0, 1, 2].map((j) => ({ title: `S${j}`, text: "x".repeat(2900) })) });
    const message = renderSlackMessage(reply({ cards: Array.from({ length: 10 }, (_, i) => big(i)), actions: [action("share"), action("lang")] }));
    expectValid(message);
    expect(sectionTexts(message)[0]).toContain("*C0*");
    expect(noteText(message)).toMatch(/\+\d+ more cards?/);
    // The buttons survive: they are how the rest can be reached.
    expect((blocksOfType(message, "actions")[0] as Json).elements).toHaveLength(2);
  });

  it("matches the core left out are announced, pointing at the Show all button", () => {
    const message = renderSlackMessage(reply({ omitted: 4, actions: [action("share"), action("show-all", "Show all matches (+4)")] }));
    expect(noteText(message)).toBe("+4 more matches not shown: press *Show all matches*");
  });

  it("the plain-text fallback is present, escaped and bounded", () => {
    const message = renderSlackMessage(reply({ headline: "<!here> h", cards: [card({ summary: "y".repeat(5000) })] }));
    expect(message.text.startsWith("&lt;!here&gt; h\n")).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
});

describe("escaping in every part of a card", () => {
  const hostile = "<!channel> <!here> <@U0BADBAD> <#C0BAD|x> <https://evil.example|click> @here @everyone &";
  const message = renderSlackMessage(
    reply({
      headline: hostile,
      cards: [
        card({
          title: hostile,
          subtitle: hostile,
          summary: hostile,
          fields: [{ label: hostile, value: hostile }],
          sections: [{ title: hostile, text: hostile }],
          sourceNotes: [hostile],
          url: "javascript:alert(1)",
        }),
      ],
      actions: [action("share", hostile, { mode: "scan", query: hostile, lang: "en" })],
    }),
  );

  it("no text object carries a raw <, > or broadcast word, so nothing can mention or link", () => {
    const texts: string[] = [message.text];
    JSON.stringify(message.blocks, (key, value) => {
      if (key === "text" && typeof value === "string") texts.push(value);
      return value;
    });
    expect(texts.length).toBe(7); // text, header, summary, field, section, source note, button
    for (const text of texts) {
      expect(text).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/@(here|channel|everyone)/i);
      expect(text).toContain("&lt;!channel&gt;");
    }
    expect(JSON.stringify(message.blocks)).not.toContain("javascript:");
  });

  it("every mrkdwn text is verbatim (no auto-linking of names or mentions)", () => {
    JSON.stringify(message.blocks, (_key, value) => {
      if (value && typeof value === "object" && value.type === "mrkdwn") expect(value.verbatim).toBe(true);
      return value;
    });
  });

  it("a runbook URL becomes the title link, and a link in a field, only when it is a plain http(s) URL", () => {
    const runbook = "https://wiki.example.com/pages?id=7&section=cos#-1";
    const linked = renderSlackMessage(reply({ cards: [card({ title: "-1 X", url: runbook, fields: [{ label: "Runbook", value: runbook }, { label: "Owner", value: "javascript:alert(1)" }] })] }));
    expect(sectionTexts(linked)[0]).toContain("*<https://wiki.example.com/pages?id=7&amp;section=cos#-1|-1 X>*");
    const fields = (blocksOfType(linked, "section")[1] as Json).fields.map((f: Json) => f.text);
    expect(fields).toEqual(["*Runbook*\n<https://wiki.example.com/pages?id=7&amp;section=cos#-1>", "*Owner*\njavascript:alert(1)"]);
    const sneaky = renderSlackMessage(reply({ cards: [card({ title: "-1 X", url: "https://x.example/a|<!channel>" })] }));
    expect(sectionTexts(sneaky)[0]).toContain("*-1 X*");
    expect(JSON.stringify(sneaky.blocks)).not.toContain("<!channel>");
  });
});

describe("button values", () => {
  const valueOf = (request: ReplyRequest) => (renderSlackMessage(reply({ actions: [{ kind: "lang", label: "中文", request }] })).blocks.at(-1) as Json).elements[0].value as string;

  it("carry short requests inline and long ones by a stable reference", () => {
    const short: ReplyRequest = { mode: "lookup", query: "-29036 <@U1> & 100%", lang: "zh", all: true, catalog: "cos-v4" };
    const inline = valueOf(short);
    expect(inline.length).toBeLessThanOrEqual(SLACK_BUTTON_ROOM);
    expect(inline).not.toMatch(/[<>&@]/);
    expect(decodeButtonPayload(inline)).toEqual({ request: short });

    const long: ReplyRequest = { mode: "scan", query: "log ".repeat(2000), lang: "en" };
    const ref = valueOf(long);
    expect(ref).toBe(requestRef(long));
    expect(ref).toMatch(/^ref:[\w-]{32}$/);
    expect(decodeButtonPayload(ref)).toEqual({ ref });
  });

  it("reject anything errcode did not make", () => {
    for (const bad of [undefined, "", "{", "x:en:0::a", "l:fr:0::a", "l:en:2::a", "l:en:0:../x:a", "l:en", "ref:short", `l:en:0::${"a".repeat(2100)}`]) {
      expect(decodeButtonPayload(bad)).toEqual({ invalid: true });
    }
  });

  it("action ids say what the button does and are unique in a message", () => {
    const real = renderSlackMessage(errcodeForTests().command("signature"));
    const ids = (blocksOfType(real, "actions")[0] as Json).elements.map((e: Json) => e.action_id as string);
    expect(ids.map(actionKindOf)).toEqual(["share", "show-all", "lang"]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("real cards", () => {
  const errcode = errcodeForTests();

  it("/errcode -29036 renders a valid card with share and language buttons", () => {
    const message = renderSlackMessage(errcode.command("-29036"));
    expectValid(message);
    expect((message.blocks[0] as Json).text.text).toBe("-29036 in Tencent Cloud COS (JSON API v4)");
    expect(sectionTexts(message)[0]).toContain("*-29036 ERR_DOWN_NOTFINISHED_FILE*");
    const buttons = (blocksOfType(message, "actions")[0] as Json).elements as Json[];
    expect(buttons.map((b) => b.text.text)).toEqual(["Share in channel", "中文"]);
    expect(decodeButtonPayload(buttons[1].value)).toEqual({ request: { mode: "lookup", query: "-29036", lang: "zh" } });
  });

  it("every kind of reply renders within Slack's limits", () => {
    const log = Array.from({ length: 30 }, (_, i) => `line ${i}: {"code": -290${String(i).padStart(2, "0")}, "message": "x"} errno=-61`).join("\n");
    for (const r of [errcode.command(""), errcode.command("nothing-like-this-zzz"), errcode.command("signature"), errcode.replay({ mode: "lookup", query: "signature", lang: "zh", all: true }), errcode.explainMessage(log)]) {
      expectValid(renderSlackMessage(r));
    }
  });
});

describe("previewing the exact payload", () => {
  const errcode = errcodeForTests();
  const expected = renderSlackMessage(errcode.command("-29036"));

  it("renderFor('slack') prints the Block Kit JSON the bot posts", async () => {
    expect(JSON.parse(await renderFor("slack", errcode.command("-29036")))).toEqual(expected);
  });

  it("`errcode lookup --render slack` prints it from the command line", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "lookup", "--render", "slack", "--", "-29036"], { encoding: "utf8", timeout: 15_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it("the shell adapter's /render slack prints it too", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk) => (printed += String(chunk)));
    const config = loadConfig({}, { dotenv: false });
    const shell = new ShellAdapter(
      { errcode, state: new MemoryStore(), config, logger: createLogger({ level: "silent" }), metrics: new PrometheusMetrics() },
      input,
      output,
      false,
    );
    await shell.start();
    input.end("/render slack -29036\n");
    await shell.done;
    expect(JSON.parse(printed)).toEqual(expected);
  });
});
