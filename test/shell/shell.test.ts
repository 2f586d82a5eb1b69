import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AdapterContext } from "../../src/adapters/adapter.js";
import { ShellAdapter } from "../../src/adapters/shell/adapter.js";
import { loadConfig } from "../../src/config.js";
import { Errcode } from "../../src/core/errcode.js";
import { MemoryStore } from "../../src/state/memory.js";
import { createLogger } from "../../src/log.js";
import { PrometheusMetrics } from "../../src/prometheus-metrics.js";
import { run } from "../support/spawn.js";
import { until } from "../support/wait.js";

const MAIN = "dist/main.js";
const NO_TOKENS = { SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", SLACK_APP_TOKEN: "", SLACK_SIGNING_SECRET: "" };

describe("npm start without chat tokens: the shell adapter", () => {
  it("answers /errcode from piped stdin and exits 0 at EOF", async () => {
    const result = await run(MAIN, [], { input: "/errcode -29036\n", env: NO_TOKENS });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(result.stdout).toContain("Tencent Cloud COS (JSON API v4)");
    expect(result.stdout).toContain("What to do");
  });

  it("explains a pasted log the way auto-explain would, and stays silent on noise", async () => {
    // A blank line ends what /errcode takes along (its pasted lines): the last line is a message of its own.
    const input = ['2024-05-01T12:00:00Z upload failed', '{"code":-29036,"message":"ERR","request_id":"NWQ1ZjA2XzI0"}', "/errcode help", "", "deployed v2.0.197 on port 8080"].join("\n");
    const result = await run(MAIN, [], { input, env: NO_TOKENS });
    expect(result.code).toBe(0);
    const help = result.stdout.indexOf("errcode shell commands:");
    const [paste, rest] = [result.stdout.slice(0, help), result.stdout.slice(result.stdout.lastIndexOf("/quit, /exit"))];
    expect(paste).toContain("-29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(paste).toContain("NWQ1ZjA2XzI0");
    expect(rest).toContain("auto-explain stays silent");
  });

  it("prints the exact Slack payload with /render slack", async () => {
    const result = await run(MAIN, [], { input: "/render slack -29036\n", env: NO_TOKENS });
    const payload = JSON.parse(result.stdout) as { text: string; blocks: unknown[] };
    expect(payload.text).toContain("-29036");
    expect(payload.blocks.length).toBeGreaterThan(0);
  });

  it("stops start-up naming the variable when configuration is bad", async () => {
    const result = await run(MAIN, [], { env: { ...NO_TOKENS, SLACK_BOT_TOKEN: "xoxb-123" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/SLACK_SIGNING_SECRET: is required/);
    expect(result.stderr).not.toContain("xoxb-123");
  });

  it("stops start-up naming file, line and field when a catalog is malformed", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "errcode-shell-"));
    writeFileSync(join(dir, "bad.yaml"), "id: bad\nname: Bad\nentries:\n  - code: 7\n    en: ok\n  - code: 7\n    en: again\n");
    const result = await run(MAIN, [], { input: "/errcode -1\n", env: { ...NO_TOKENS, CATALOG_PATHS: dir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml:6: entries\[1\]\.code: code 7 is already defined/);
    expect(result.stdout).toBe("");
  });
});

describe("the shell adapter in-process", () => {
  function context(): AdapterContext {
    const config = loadConfig({}, { dotenv: false });
    return { errcode: Errcode.load(), state: new MemoryStore(), config, logger: createLogger({ level: "silent" }), metrics: new PrometheusMetrics() };
  }

  /** A started shell on in-memory streams; `output()` is everything it has written so far. */
  async function startShell(interactive: boolean) {
    const input = new PassThrough();
    const stream = new PassThrough();
    let text = "";
    stream.on("data", (d: Buffer) => (text += d.toString()));
    const shell = new ShellAdapter(context(), input, stream, interactive);
    await shell.start();
    return { input, shell, output: () => text };
  }

  it("groups a multi-line paste into one message and applies the cooldown to a repeat", async () => {
    const { input, shell, output } = await startShell(false);
    input.write('{"code": -29036,\n "message": "x"}\n');
    // Piped, what follows /errcode belongs to it up to a blank line (a pasted log after the command).
    input.write("/errcode -6101\n\n");
    input.write("X-ErrNo: -29036 again\n");
    input.end();
    await shell.done;
    expect(output().match(/Found -29036 ERR_DOWN_NOTFINISHED_FILE/g)).toHaveLength(1);
    expect(output()).toContain("-6101");
    // Inside the cooldown the repeat updates the first card's count instead of posting again.
    expect(output()).toContain("(updated the card of paste 1 instead of posting again)");
    expect(output()).toContain("seen 2 times in this channel");
  });

  it("reads a pasted line that starts with / (a path in a stack trace) as text, not as a command", async () => {
    const { input, shell, output } = await startShell(false);
    input.end("panic: upload failed\n/app/upload.go:42 code=-29036 ERR_DOWN_NOTFINISHED_FILE\n");
    await shell.done;
    expect(output()).toContain("Found -29036 ERR_DOWN_NOTFINISHED_FILE");
    expect(output()).not.toContain("unknown command");
  });

  it("leaves the interactive chat on Ctrl+C", async () => {
    const { input, shell, output } = await startShell(true);
    input.write("/errcode -29036\r");
    await until(() => (output().includes("ERR_DOWN_NOTFINISHED_FILE") ? true : undefined), 5000, "the card");
    input.write("\u0003");
    await shell.done;
    expect(output()).toContain("errcode> ");
  });
});
