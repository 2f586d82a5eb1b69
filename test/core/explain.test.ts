import { describe, expect, it } from "vitest";
import { Errcode } from "../../src/core/errcode.js";

const errcode = Errcode.load();

describe("cards for a lookup", () => {
  it("explains a code: symbol, product and module, English, Chinese, what to do, sources", () => {
    const reply = errcode.command("-29036");
    expect(reply.kind).toBe("lookup");
    const [card] = reply.cards;
    expect(card!.title).toBe("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(card!.subtitle).toBe("Tencent Cloud COS (JSON API v4) · Httpsvr, User guide");
    expect(card!.summary).toMatch(/not (been )?fully uploaded/i);
    expect(card!.sections.find((s) => s.title.startsWith("原文"))?.text).toContain("文件没上传完整，不可下载");
    expect(card!.sections.find((s) => s.title === "What to do")?.text).toBeTruthy();
    expect(card!.fields.map((f) => f.label)).toEqual(expect.arrayContaining(["Category", "Retry"]));
    expect(card!.sourceNotes.some((n) => n.includes("line 677") && n.includes("ERR_DOWN_NOTFINISHED_FILE"))).toBe(true);
    expect(card!.sections.find((s) => s.title === "Related codes")?.text).toContain("-46614");
  });

  it("says once that two catalogs give the same meaning instead of repeating the card", () => {
    const reply = errcode.command("-96");
    expect(reply.headline).toBe("-96 is defined in 2 catalogs");
    expect(reply.cards).toHaveLength(1);
    expect(reply.cards[0]!.subtitle).toContain("Tencent Cloud COS (JSON API v4) + Tencent Cloud image service");
    expect(reply.cards[0]!.sections.find((s) => s.title === "Same meaning in")?.text).toContain("Tencent Cloud image service (万象优图) (PROXY)");
  });

  it("keeps a card per catalog when the meanings differ", () => {
    const reply = errcode.command("-120");
    expect(reply.cards.length).toBe(2);
    expect(new Set(reply.cards.map((c) => c.subtitle.split(" · ")[0]))).toEqual(new Set(["Tencent Cloud COS (JSON API v4)", "Tencent Cloud image service (万象优图)"]));
  });

  it("puts Chinese first when asked for 中文, with the English kept", () => {
    const reply = errcode.command("-29036", { lang: "zh" });
    expect(reply.cards[0]!.summary).toContain("文件没上传完整");
    expect(reply.cards[0]!.sections[0]).toMatchObject({ title: "English" });
    expect(reply.actions.find((a) => a.kind === "lang")).toMatchObject({ label: "English", request: { lang: "en" } });
  });

  it("shows three matches and offers the rest behind 'show all'", () => {
    const reply = errcode.command("PROXY_AUTH");
    expect(reply.cards).toHaveLength(3);
    expect(reply.omitted).toBeGreaterThan(0);
    const showAll = reply.actions.find((a) => a.kind === "show-all")!;
    expect(showAll.label).toBe(`Show all matches (+${reply.omitted})`);
    const all = errcode.replay(showAll.request);
    expect(all.cards.length).toBeGreaterThan(3);
  });

  it("answers no match with 'nothing for' and the closest codes", () => {
    const reply = errcode.command("-29937");
    expect(reply.kind).toBe("no-match");
    expect(reply.headline).toBe("Nothing for “-29937”");
    expect(reply.cards[0]!.sections[0]!.text).toContain("-29037 ERR_DOWN_MODIFIED_TIME");
  });

  it("gives usage for an empty query or help", () => {
    expect(errcode.command("").kind).toBe("help");
    expect(errcode.command("help").kind).toBe("help");
  });
});

describe("cards for pasted text", () => {
  it("explains each code found in a pasted body, with the request id", () => {
    const reply = errcode.command('{"code": -29036, "message": "ERR", "request_id": "NWQ1ZjA2XzI0"}\nthen X-ErrNo: -6101');
    expect(reply.kind).toBe("detections");
    expect(reply.cards.map((c) => c.title.split(" ")[0])).toEqual(expect.arrayContaining(["-29036", "-6101"]));
    const card = reply.cards.find((c) => c.title.startsWith("-29036"))!;
    expect(card.fields).toContainEqual({ label: "Request id", value: "NWQ1ZjA2XzI0" });
  });

  it("explains at most five and says how many more there were", () => {
    const text = ["-29036", "-46614", "-29042", "-46619", "-46628", "-29041", "-46621"].map((c) => `errno=${c}`).join("\n");
    const reply = errcode.explainMessage(text);
    expect(reply.cards).toHaveLength(5);
    expect(reply.omitted).toBe(2);
  });

  it("explains a shared-layer code once, naming both catalogs", () => {
    const reply = errcode.explainMessage("X-ErrNo: -96");
    expect(reply.cards).toHaveLength(1);
    expect(reply.cards[0]!.title).toBe("-96 ERROR_PROXY_AUTH_EXPIRED");
    expect(reply.cards[0]!.subtitle).toMatch(/^Tencent Cloud COS \(JSON API v4\) \+ Tencent Cloud image service/);
  });

  it("points to every other catalog that defines the same code with another meaning", () => {
    const reply = errcode.command("cos -120");
    expect(reply.cards).toHaveLength(1);
    expect(reply.cards[0]!.sections.find((s) => s.title === "Also defined in")?.text).toMatch(/^• Tencent Cloud image service \(万象优图\): -120: /);
  });

  it("says so when a message holds no code", () => {
    expect(errcode.explainMessage("deploy 2.0.197 done at 12:04").kind).toBe("nothing-found");
  });
});
