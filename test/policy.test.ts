import { describe, expect, it } from "vitest";
import type { Detection } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";
import { answerIsPublic, AutoExplainPolicy, isOncall, type AutoExplainSettings } from "../src/core/policy.js";
import { MemoryStore } from "../src/state/memory.js";

const errcode = Errcode.load();

/** Real detections from the real detector, so the policy sees what adapters give it. */
function detectionsFor(text: string): Detection[] {
  const found = errcode.autoExplain(text)?.detections ?? [];
  expect(found.length).toBeGreaterThan(0);
  return found;
}

const SIGNATURE = [...detectionsFor('{"code":-46619,"message":"COS_SIGN_EXPIRED_ERR"}')];
const NOT_FOUND = detectionsFor('{"msg":"file or directory not found","code":40400001,"id":"11e4a729d24943409933a5e8314cd32e"}');
const BOTH = [...SIGNATURE, ...NOT_FOUND];

/** A clock the test moves by hand. It starts well above 0: lru-cache treats a start time of 0 as "no TTL". */
function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

function policy(settings: Partial<AutoExplainSettings> = {}, maxKeys?: number) {
  const clock = manualClock();
  const p = new AutoExplainPolicy({ channels: ["C1", "C2"], cooldownSeconds: 600, maxPerMinute: 5, ...settings }, new MemoryStore({ now: clock.now, max: maxKeys }));
  return { p, clock };
}

describe("AutoExplainPolicy: where auto-explain runs", () => {
  it("runs in listed channels only; `*` means every channel; an empty list turns it off", async () => {
    const { p } = policy();
    expect(p.enabledIn("C1")).toBe(true);
    expect(p.enabledIn("C9")).toBe(false);
    expect(await p.admit("C9", "C9", SIGNATURE)).toEqual({ post: false, reason: "channel-off", suppressed: 1 });
    expect(policy({ channels: ["*"] }).p.enabledIn("C9")).toBe(true);
    expect(policy({ channels: [] }).p.enabledIn("C1")).toBe(false);
  });
});

describe("AutoExplainPolicy: cooldown (same code, same channel or thread)", () => {
  it("explains a code once, then stays silent on it until the cooldown has passed", async () => {
    const { p, clock } = policy({ cooldownSeconds: 600 });
    expect(await p.admit("C1", "C1", SIGNATURE)).toMatchObject({ post: true, detections: SIGNATURE, suppressed: 0 });
    clock.advance(599_000);
    expect(await p.admit("C1", "C1", SIGNATURE)).toEqual({ post: false, reason: "cooldown", suppressed: 1 });
    clock.advance(2_000);
    expect(await p.admit("C1", "C1", SIGNATURE)).toMatchObject({ post: true, suppressed: 0 });
  });

  it("posts only the codes not explained recently and counts the others as suppressed", async () => {
    const { p } = policy();
    await p.admit("C1", "C1", SIGNATURE);
    const verdict = await p.admit("C1", "C1", BOTH);
    expect(verdict).toMatchObject({ post: true, suppressed: 1 });
    expect(verdict.post && verdict.detections.map((d) => d.code)).toEqual([40400001]);
  });

  it("keeps threads and channels apart: the scope is the channel, or channel + thread", async () => {
    const { p } = policy();
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
    expect((await p.admit("C1", "C1/thread-1", SIGNATURE)).post).toBe(true);
    expect((await p.admit("C1", "C1/thread-1", SIGNATURE)).post).toBe(false);
    expect((await p.admit("C2", "C2", SIGNATURE)).post).toBe(true);
  });

  it("has no cooldown when it is set to 0", async () => {
    const { p } = policy({ cooldownSeconds: 0 });
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
  });

  it("bounds its memory: past maxKeys, the oldest codes are forgotten (and may be explained again)", async () => {
    const { p } = policy({ maxPerMinute: 0 }, 1);
    await p.admit("C1", "C1", SIGNATURE);
    await p.admit("C1", "C1", NOT_FOUND);
    expect((await p.admit("C1", "C1", NOT_FOUND)).post).toBe(false);
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
  });
});

describe("AutoExplainPolicy: replies per channel per minute", () => {
  it("caps replies per channel per minute, and lets them through again a minute later", async () => {
    const { p, clock } = policy({ maxPerMinute: 2, cooldownSeconds: 0 });
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
    clock.advance(10_000);
    expect((await p.admit("C1", "C1", NOT_FOUND)).post).toBe(true);
    clock.advance(10_000);
    expect(await p.admit("C1", "C1", SIGNATURE)).toEqual({ post: false, reason: "rate-limit", suppressed: 1 });
    // Another channel has its own budget.
    expect((await p.admit("C2", "C2", SIGNATURE)).post).toBe(true);
    // The first reply leaves the one-minute window 60 s after it was posted.
    clock.advance(40_001);
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
    expect(await p.admit("C1", "C1", SIGNATURE)).toMatchObject({ post: false, reason: "rate-limit" });
  });

  it("does not start a cooldown for codes it was not allowed to post", async () => {
    const { p, clock } = policy({ maxPerMinute: 1, cooldownSeconds: 600 });
    expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
    expect(await p.admit("C1", "C1", NOT_FOUND)).toMatchObject({ post: false, reason: "rate-limit" });
    clock.advance(60_001);
    expect(await p.admit("C1", "C1", NOT_FOUND)).toMatchObject({ post: true, suppressed: 0 });
  });

  it("has no cap when maxPerMinute is 0", async () => {
    const { p } = policy({ maxPerMinute: 0, cooldownSeconds: 0 });
    for (let i = 0; i < 50; i++) expect((await p.admit("C1", "C1", SIGNATURE)).post).toBe(true);
  });
});

describe("is this answer public?", () => {
  const oncall = ["C-ONCALL", "#incidents"];

  it("an on-call channel is listed by id or #name, and a thread in one counts as on call", () => {
    expect(isOncall(oncall, { channel: "C-ONCALL" })).toBe(true);
    expect(isOncall(oncall, { channel: "C5", channelName: "incidents" })).toBe(true);
    expect(isOncall(["incidents"], { channel: "C5", channelName: "incidents" })).toBe(true);
    expect(isOncall(oncall, { channel: "T-THREAD", parent: "C-ONCALL" })).toBe(true);
    expect(isOncall(oncall, { channel: "C5", channelName: "general" })).toBe(false);
  });

  it("the asker's choice wins; otherwise public in on-call channels, private elsewhere", () => {
    expect(answerIsPublic(oncall, { channel: "C-ONCALL" }, undefined)).toBe(true);
    expect(answerIsPublic(oncall, { channel: "C5" }, undefined)).toBe(false);
    expect(answerIsPublic(oncall, { channel: "C-ONCALL" }, false)).toBe(false);
    expect(answerIsPublic(oncall, { channel: "C5" }, true)).toBe(true);
  });
});

describe("AutoExplainPolicy: threads", () => {
  it("a thread follows its parent channel's setting unless it is listed itself; its cooldown is its own", async () => {
    const { p } = policy({ channels: ["C1", "T-LISTED"] });
    expect(p.channelFor({ channel: "T-1", parent: "C1" })).toBe("C1");
    expect(p.channelFor({ channel: "T-LISTED", parent: "C9" })).toBe("T-LISTED");
    expect(p.enabledIn(p.channelFor({ channel: "T-2", parent: "C9" }))).toBe(false);
    expect(p.scopeOf({ channel: "C1", thread: "171.1" })).toBe("C1:171.1");
    expect(p.scopeOf({ channel: "T-1", parent: "C1" })).toBe("T-1");
  });
});
