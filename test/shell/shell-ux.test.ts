// The shell chat as a new user meets it: the built bot (dist/main.js) on piped stdin, no chat tokens.
import { describe, expect, it } from "vitest";
import { run } from "../support/spawn.js";

const MAIN = "dist/main.js";
const NO_TOKENS = { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "" };
const shell = (input: string) => run(MAIN, [], { input, env: NO_TOKENS });
/** Card title lines: a severity mark at the start of the line. */
const cardTitles = (stdout: string) => stdout.split("\n").filter((l) => /^[▲●ℹ✖■◆!] /u.test(l));

const LOG = ["2024-05-01T12:00:00Z upload failed", '{"code":-29036,"message":"ERR","request_id":"NWQ1ZjA2XzI0"}', "X-ErrNo: -6101", "ret: -5999 while reading"].join("\n");

describe("the shell: /errcode with a pasted log", () => {
  it("takes the lines pasted after /errcode as one message and explains every code in it", async () => {
    const result = await shell(`/errcode ${LOG}\n`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Found 3 error codes (4 definitions) in this message");
    expect(result.stdout).not.toContain("No error codes found");
    for (const code of ["-29036 ERR_DOWN_NOTFINISHED_FILE", "-6101", "-5999 ERROR_CGI_PARAM"]) expect(result.stdout).toContain(code);
  });

  it("also when /errcode is alone on its line; a blank line ends the paste", async () => {
    const result = await shell(`/errcode\n${LOG}\n\ndeployed v2.0.197 on port 8080\n`);
    expect(result.stdout).toContain("Found 3 error codes (4 definitions) in this message");
    // What follows the blank line is a message of its own, which auto-explain ignores.
    expect(result.stdout.trimEnd().split("\n").at(-1)).toContain("auto-explain stays silent");
  });

  it("one code in two catalogs is one code: Found 1 error code (defined in 2 catalogs)", async () => {
    const result = await shell("/errcode upload failed\nX-ErrNo: -6101\n");
    expect(result.stdout).toContain("Found 1 error code (defined in 2 catalogs) in this message");
    expect(cardTitles(result.stdout)).toHaveLength(2);
  });
});

describe("the shell: help", () => {
  const COMMANDS = ["/errcode <code|symbol|words>", "/errcode <pasted log or JSON>", "/errcode --all", "/render slack|discord", "help, /help", "/quit, /exit"];

  for (const input of ["help", "/help", "/errcode help", "/errcode"]) {
    it(`"${input}" lists every shell command`, async () => {
      const result = await shell(`${input}\n`);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^errcode shell commands:/);
      for (const command of COMMANDS) expect(result.stdout).toContain(command);
      expect(result.stdout).not.toContain("auto-explain stays silent");
    });
  }
});

describe("the shell: answers", () => {
  it("the '+N more (ask with --all)' hint can be followed: /errcode --all shows them", async () => {
    const first = await shell("/errcode upload\n");
    const more = /\+(\d+) more \(ask with --all/.exec(first.stdout);
    expect(more).not.toBeNull();
    const shown = cardTitles(first.stdout).length;
    for (const input of ["/errcode --all upload\n", "/errcode upload --all\n"]) {
      const all = await shell(input);
      expect(all.stdout).not.toContain("more (ask with --all");
      expect(cardTitles(all.stdout)).toHaveLength(shown + Number(more![1]));
    }
  });

  it("prints a title once: a reply whose headline is its card's title", async () => {
    const result = await shell("/errcode nosuchthingxyz\n");
    expect(result.stdout.split("Nothing for “nosuchthingxyz”")).toHaveLength(2);
  });

  it("/quit ends the chat; later lines are not answered", async () => {
    const result = await shell("/errcode -29036\n/quit\n/errcode -6101\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(result.stdout).not.toContain("-6101");
  });
});
