import { describe, expect, it } from "vitest";
import { PLACES_PER_CODE, PLACES_PER_MESSAGE } from "../src/core/detect/budget.js";
import { AUTO_REPLY_CONFIDENCE, detect } from "../src/core/detect/index.js";
import { Errcode } from "../src/core/errcode.js";
import { renderDiscordMessage } from "../src/render/discord.js";
import { route } from "../src/adapters/web/routes.js";
import { renderSlackMessage } from "../src/render/slack.js";
import { renderTerminal } from "../src/render/terminal.js";
import { lettersFor as name } from "./support/detect-inputs.js";
import { run } from "./support/spawn.js";

// The judging budget (src/core/detect/budget.ts, spent in candidates.ts): a code is judged at its first PLACES_PER_CODE places in
// different contexts, a message at PLACES_PER_MESSAGE places in all; what is left is counted, and every reply says so.

const errcode = Errcode.load();
const { index } = errcode;

/** The same COS failure logged by `count` jobs with different names: every one a place in a context of its own. */
function jobsFailing(count: number): string {
  return Array.from({ length: count }, (_, i) => `cos job ${name(i)}x failed: {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE"}`).join("\n");
}

describe("the judging budget", () => {
  it("judges once a place that differs from another only in its digits (timestamps, counters), never spending the budget", () => {
    const log = Array.from({ length: 1000 }, (_, i) => `2024-05-01 10:${String(i % 60).padStart(2, "0")}:0${i % 10}.${i} ERROR cos get failed code=-29036 attempt=${i}`).join("\n");
    const stats = { scannedChars: 0, candidates: 0, contextChars: 0 };
    const found = detect(index, log, { minConfidence: AUTO_REPLY_CONFIDENCE, stats });
    expect(found.map((d) => d.code)).toEqual([-29036]);
    expect(found.unread).toBe(0);
    // Not 1000: numbers of one to three digits shift what a context holds, so a few shapes remain (17 today).
    expect(stats.candidates).toBeLessThan(30);
  });

  it("leaves a chat-sized paste whole: nothing unread", () => {
    const found = detect(index, jobsFailing(20), { minConfidence: AUTO_REPLY_CONFIDENCE });
    expect(found.map((d) => d.code)).toEqual([-29036]);
    expect(found.unread).toBe(0);
  });

  it("judges a code at its first places and counts the rest, still finding it", () => {
    const found = detect(index, jobsFailing(PLACES_PER_CODE + 36), { minConfidence: AUTO_REPLY_CONFIDENCE });
    expect(found.map((d) => d.code)).toEqual([-29036]);
    expect(found.unread).toBe(36);
  });

  it("keeps a budget of its own for places that report the code: a long listing cannot use up the one failure", () => {
    const listing = Array.from({ length: PLACES_PER_CODE + 20 }, (_, i) => `row ${name(i)}qj: -97`).join("\n");
    const found = detect(index, `${listing}\ncos upload failed: {"code":-97}`, { minConfidence: AUTO_REPLY_CONFIDENCE });
    expect(found.map((d) => `${d.catalog}:${d.code}`)).toEqual(["tencent-cos-v4:-97"]);
    expect(found.unread).toBe(20);
  });

  it("judges at most PLACES_PER_MESSAGE places over all codes", () => {
    const codes = [...new Set(index.entries.flatMap((e) => (typeof e.code === "number" && e.code < -1000 ? [e.code] : [])))].slice(0, 100);
    expect(codes.length).toBe(100);
    const perCode = 50;
    const text = codes.flatMap((code, c) => Array.from({ length: perCode }, (_, k) => `if (${name(c * perCode + k)}qj == ${code}) `)).join("");
    expect(detect(index, text).unread).toBe(codes.length * perCode - PLACES_PER_MESSAGE);
  });

  it("does not spend the budget on numbers the words before them rule out (statuses of an access log)", () => {
    const log = Array.from({ length: 500 }, (_, i) => `GET /files/${name(i)} status=403 took ${i} ms`).join("\n");
    expect(detect(index, log).unread).toBe(0);
  });

  describe("says so in every reply", () => {
    const text = jobsFailing(PLACES_PER_CODE + 1);
    const reply = errcode.explainMessage(text);
    const note = `1 more place that may hold a code not read: a message is read at ${PLACES_PER_CODE} places per code and ${PLACES_PER_MESSAGE} in all`;

    it("in the reply", () => {
      expect(reply.notes).toEqual([note]);
      expect(errcode.explainMessage(jobsFailing(3)).notes).toBeUndefined();
    });

    it("in Slack, Discord, the terminal and the web page", () => {
      expect(JSON.stringify(renderSlackMessage(reply).blocks)).toContain(note);
      expect(renderDiscordMessage(reply).content).toContain(note);
      expect(renderTerminal(reply, { color: false })).toContain(note);
      const page = route(errcode, { method: "POST", path: "/scan", query: new URLSearchParams(), form: new URLSearchParams({ text }) });
      expect(page.body).toContain(note.replace(/'/g, "&#39;"));
    });

    it("in `errcode scan --json`", async () => {
      const result = await run("dist/cli.js", ["scan", "--json"], { input: text });
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { unread: number }).unread).toBe(1);
    });
  });
});
