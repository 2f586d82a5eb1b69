// The core pipeline's decisions, platform by platform the same: events in, intents out. The adapters' own tests
// drive these through real Bolt and discord.js; here each rule is pinned where it lives.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { encodeRequest, requestRef } from "../../src/core/button-request.js";
import type { Reply } from "../../src/core/card.js";
import { Errcode } from "../../src/core/errcode.js";
import type { Intent } from "../../src/core/intents.js";
import { ChatPipeline, EXPIRED_BUTTON_TEXT } from "../../src/core/pipeline.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { MemoryStore } from "../../src/state/memory.js";
import type { StateStore } from "../../src/state/store.js";

const errcode = Errcode.load();
const config = loadConfig({ AUTO_EXPLAIN_CHANNELS: "CAUTO", ONCALL_CHANNELS: "CONCALL" }, { dotenv: false });

function pipeline(state: StateStore = new MemoryStore(), buttonRoom = 95) {
  const metrics = new PrometheusMetrics();
  const p = new ChatPipeline({ errcode, state, autoExplain: config.autoExplain, oncallChannels: config.oncallChannels, metrics, logger: createLogger({ level: "silent" }) }, { name: "test", buttonRoom });
  return { p, metrics, state };
}

const kinds = (reply: Reply) => reply.actions.map((a) => a.kind);
const replyOf = (intent: Intent): Reply => {
  if (!("reply" in intent)) throw new Error(`no reply in ${intent.kind}`);
  return intent.reply;
};

describe("commands", () => {
  it("private with a Share button by default; public without one in an on-call channel or a thread in one", async () => {
    const { p } = pipeline();
    const mine = await p.decide({ kind: "command", where: { channel: "C1" }, text: "-29036" });
    expect(mine).toMatchObject({ kind: "answer", visibility: "private" });
    expect(kinds(replyOf(mine))).toContain("share");
    for (const where of [{ channel: "CONCALL" }, { channel: "T1", parent: "CONCALL" }]) {
      const everyone = await p.decide({ kind: "command", where, text: "-29036" });
      expect(everyone).toMatchObject({ kind: "answer", visibility: "public" });
      expect(kinds(replyOf(everyone))).not.toContain("share");
    }
    expect(await p.decide({ kind: "command", where: { channel: "CONCALL" }, text: "-29036", public: false })).toMatchObject({ visibility: "private" });
  });
});

describe("buttons", () => {
  const press = (p: ChatPipeline, payload: string, action: "share" | "lang" | "show-all", onPrivateCard: boolean) => p.decide({ kind: "action", where: { channel: "C1" }, action, payload, onPrivateCard });
  const lang = encodeRequest({ mode: "lookup", query: "-29036", lang: "zh" });

  it("on the presser's private card: replaced in place; on a public card: a private copy; Share: for everyone", async () => {
    const { p } = pipeline();
    expect(await press(p, lang, "lang", true)).toMatchObject({ kind: "update" });
    expect(await press(p, lang, "lang", false)).toMatchObject({ kind: "answer", visibility: "private" });
    const shared = await press(p, lang, "share", true);
    expect(shared.kind).toBe("share");
    expect(kinds(replyOf(shared))).not.toContain("share");
  });

  it("a long request is stored before its reply goes out, so another replica sharing the state can replay it", async () => {
    const state = new MemoryStore();
    const log = `upload failed {"code":-29036} errno=-6101 ${"x".repeat(200)}`;
    const made = await pipeline(state).p.decide({ kind: "command", where: { channel: "C1" }, text: log });
    const long = replyOf(made).actions.find((a) => a.kind === "lang")!;
    const ref = requestRef(long.request);
    const pressed = await pipeline(state).p.decide({ kind: "action", where: { channel: "C1" }, action: "lang", payload: ref, onPrivateCard: true });
    expect(pressed.kind).toBe("update");
    expect(replyOf(pressed).lang).toBe("zh");
    expect(await pipeline(new MemoryStore()).p.decide({ kind: "action", where: { channel: "C1" }, action: "lang", payload: ref, onPrivateCard: true })).toEqual({ kind: "notice", text: EXPIRED_BUTTON_TEXT });
    expect(await press(pipeline().p, "not:ours", "lang", true)).toEqual({ kind: "silent", reason: "invalid-button" });
  });
});

describe("messages and mentions", () => {
  it("auto-explain: in its channels only, once per message, and the reply is counted once delivered", async () => {
    const { p, metrics } = pipeline();
    const text = 'upload failed: {"code": -29036}';
    expect(await p.decide({ kind: "message", where: { channel: "COTHER" }, text, messageId: "1" })).toEqual({ kind: "silent", reason: "channel-off" });
    const delivered: Intent[] = [];
    const first = await p.handle({ kind: "message", where: { channel: "CAUTO", thread: "171.1" }, text, messageId: "2" }, async (intent) => void delivered.push(intent));
    expect(first).toMatchObject({ kind: "thread-reply", auto: true });
    expect(kinds(replyOf(first))).not.toContain("share");
    expect(await p.decide({ kind: "message", where: { channel: "CAUTO", thread: "171.1" }, text, messageId: "2" })).toEqual({ kind: "silent", reason: "already-answered" });
    expect(await p.decide({ kind: "message", where: { channel: "CAUTO", thread: "171.1" }, text, messageId: "3" })).toEqual({ kind: "silent", reason: "cooldown" });
    expect(await p.decide({ kind: "message", where: { channel: "CAUTO" }, text: "deployed v2.0.197", messageId: "4" })).toEqual({ kind: "silent", reason: "no-codes" });
    expect(delivered).toHaveLength(1);
    expect((await metrics.autoReplies.get()).values[0]?.value).toBe(1);
    const undelivered = pipeline();
    await undelivered.p.handle({ kind: "message", where: { channel: "CAUTO" }, text, messageId: "5" }, async () => false);
    expect((await undelivered.metrics.autoReplies.get()).values[0]?.value ?? 0).toBe(0);
  });

  it("a mention is answered in the thread for everyone, once; a bare mention explains the message it replied to", async () => {
    const { p } = pipeline();
    const asked = await p.decide({ kind: "mention", where: { channel: "C1" }, text: "-29036", messageId: "9" });
    expect(asked).toMatchObject({ kind: "thread-reply", auto: false });
    expect(kinds(replyOf(asked))).not.toContain("share");
    expect(await p.decide({ kind: "mention", where: { channel: "C1" }, text: "-29036", messageId: "9" })).toEqual({ kind: "silent", reason: "already-answered" });
    const referenced = await p.decide({ kind: "mention", where: { channel: "C1" }, text: "", referenced: 'resize failed {"code": -5999}', messageId: "10" });
    expect(replyOf(referenced).kind).toBe("detections");
  });

  it("autocomplete: at most `limit` choices, labels within `labelMax`, values scoped to the entry's catalog", async () => {
    const intent = await pipeline().p.decide({ kind: "autocomplete", typed: "sign", lang: "en", limit: 5, labelMax: 40 });
    if (intent.kind !== "choices") throw new Error(intent.kind);
    expect(intent.choices.length).toBeGreaterThan(0);
    expect(intent.choices.length).toBeLessThanOrEqual(5);
    for (const c of intent.choices) {
      expect(c.name.length).toBeLessThanOrEqual(40);
      expect(c.value).toMatch(/^[\w.-]+ -?\d+$/);
    }
  });
});
