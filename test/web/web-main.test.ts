// `WEB_PORT=… npm start`: the built program serves the web catalog beside the shell chat, keeps serving when
// the chat's input ends (a container with no terminal), and stops cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { until } from "../support/wait.js";

describe("node dist/main.js with WEB_PORT", () => {
  const bot = spawn(process.execPath, ["dist/main.js"], {
    env: { PATH: process.env.PATH, WEB_PORT: "0", HEALTH_PORT: "0", HOST: "127.0.0.1", PUBLIC_URL: "https://errcode.example.com" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  bot.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  bot.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => bot.on("exit", (code) => resolve(code)));
  afterAll(() => {
    if (bot.exitCode === null) bot.kill("SIGKILL");
  });

  it("serves pages beside the shell chat, links cards to them, outlives the end of input, exits 0 on SIGTERM", async () => {
    const base = await until(() => /web catalog on (http:\/\/[\d.:]+)\//.exec(stderr)?.[1], 15_000, "the web catalog to listen");
    const page = await fetch(`${base}/c/upyun/40400001`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("40400001");

    bot.stdin.end("/render slack -29036\n");
    await until(() => (stdout.includes("https://errcode.example.com/c/tencent-cos-v4/-29036") ? true : undefined), 15_000, "the shell's answer");
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.exitCode).toBeNull();
    expect((await fetch(`${base}/?q=-6101`)).status).toBe(200);

    bot.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
