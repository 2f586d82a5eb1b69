// The shell shows what the chats do: a code pasted three times is explained once, then its card's count is
// updated, and `/errcode top` ranks it. The built program, stdin piped.
import { describe, expect, it } from "vitest";
import { run } from "../support/spawn.js";

const NO_TOKENS = { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "" };

describe("the shell", () => {
  it("paste a code three times, then /errcode top: one card, two updates, top lists it with 3", async () => {
    // Piped lines in a row are one paste, and `/errcode` takes the lines pasted with it up to a blank line.
    const input = ['{"code": -29036}', "/errcode top", "", 'cos upload failed: {"code":-29036}', "/errcode top 24h", "", 'again {"code":-29036}', "/errcode top"].join("\n");
    const result = await run("dist/main.js", [], { input, env: NO_TOKENS });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/Found -29036 ERR_DOWN_NOTFINISHED_FILE in this message/g)).toHaveLength(1);
    expect(result.stdout.match(/\(updated the card of paste 1 instead of posting again\)/g)).toHaveLength(2);
    expect(result.stdout).toMatch(/-29036 ERR_DOWN_NOTFINISHED_FILE: seen 2 times in this channel in the last hour/);
    expect(result.stdout).toMatch(/-29036 ERR_DOWN_NOTFINISHED_FILE: seen 3 times in this channel in the last hour/);
    const lastTop = result.stdout.slice(result.stdout.lastIndexOf("Most frequent codes in this channel, the last hour"));
    expect(lastTop).toMatch(/1\. -29036 ERR_DOWN_NOTFINISHED_FILE \(Tencent Cloud COS \(JSON API v4\)\): 3 times/);
    expect(lastTop).toContain("/errcode tencent-cos-v4 -29036");
    expect(result.stdout).not.toContain("auto-explain stays silent: cooldown");
  });

  it("/errcode top before anything was pasted says so", async () => {
    const result = await run("dist/main.js", [], { input: "/errcode top 7d\n", env: NO_TOKENS });
    expect(result.stdout).toContain("No error codes seen in this channel in the last 7 days");
  });
});
