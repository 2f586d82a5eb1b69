// dist/healthcheck.js (`npm run healthcheck`, the image's HEALTHCHECK) against the real health server.
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ShellAdapter } from "../src/adapters/shell/adapter.js";
import { loadConfig } from "../src/config.js";
import { Errcode } from "../src/core/errcode.js";
import { AutoExplainPolicy } from "../src/core/policy.js";
import { HealthServer } from "../src/health.js";
import { createLogger } from "../src/log.js";
import { Metrics } from "../src/metrics.js";
import { run } from "./support/spawn.js";

const config = loadConfig({}, { dotenv: false });
const metrics = new Metrics();
const errcode = Errcode.load();
const input = new PassThrough();
const shell = new ShellAdapter({ errcode, policy: new AutoExplainPolicy(config.autoExplain), config, logger: createLogger({ level: "silent" }), metrics }, input, new PassThrough(), false);
const health = new HealthServer([shell], metrics, errcode.index.entries.length);
const { port } = await health.listen(0, "127.0.0.1");
const check = (env: Record<string, string>, args: string[] = []) => run("dist/healthcheck.js", args, { env });

afterAll(async () => {
  input.end();
  await health.close();
});

describe("node dist/healthcheck.js", () => {
  it("exits 1 while an adapter is not connected (503), then 0", async () => {
    const before = await check({ HEALTH_PORT: String(port) });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("unhealthy: 503");
    await shell.start();
    const after = await check({ HEALTH_PORT: String(port) });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("healthy: 200");
  });

  it("exits 1 when nothing listens", async () => {
    const closed = new HealthServer([], metrics, 1);
    const { port: freed } = await closed.listen(0, "127.0.0.1");
    await closed.close();
    expect((await check({ HEALTH_PORT: String(freed) })).code).toBe(1);
  });

  it("--help explains it; a bad HEALTH_PORT is a usage error", async () => {
    const help = await check({}, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("HEALTH_PORT");
    const bad = await check({ HEALTH_PORT: "http://x" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("HEALTH_PORT must be a port number");
  });
});
