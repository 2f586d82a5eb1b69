// dist/healthcheck.js (`npm run healthcheck`, the image's HEALTHCHECK) against the real health server.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HealthServer } from "../src/health.js";
import { PrometheusMetrics } from "../src/prometheus-metrics.js";
import { run } from "./support/spawn.js";

const metrics = new PrometheusMetrics();
// Without catalog entries the health server answers 503; with them (and no adapter to wait for) 200.
const unready = new HealthServer([], metrics, 0);
const ready = new HealthServer([], metrics, 876);
const unreadyPort = (await unready.listen(0, "127.0.0.1")).port;
const readyPort = (await ready.listen(0, "127.0.0.1")).port;
const check = (env: Record<string, string>, args: string[] = []) => run("dist/healthcheck.js", args, { env });

afterAll(async () => {
  await Promise.all([unready.close(), ready.close()]);
});

describe("node dist/healthcheck.js", () => {
  it("exits 1 on 503 (not ready), 0 on 200", async () => {
    const before = await check({ HEALTH_PORT: String(unreadyPort) });
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("unhealthy: 503");
    const after = await check({ HEALTH_PORT: String(readyPort) });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("healthy: 200");
  });

  it("exits 1 when nothing listens", async () => {
    const closed = new HealthServer([], metrics, 1);
    const { port: freed } = await closed.listen(0, "127.0.0.1");
    await closed.close();
    expect((await check({ HEALTH_PORT: String(freed) })).code).toBe(1);
  });

  it("reads HEALTH_PORT from .env, as the bot does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "errcode-healthcheck-"));
    writeFileSync(join(dir, ".env"), `HEALTH_PORT=${readyPort}\n`);
    const result = await run(resolve("dist/healthcheck.js"), [], { env: { ERRCODE_CWD: dir } });
    expect(result.stdout).toContain("healthy: 200");
    expect(result.code).toBe(0);
  });

  it("asks HOST when the health server binds one address", async () => {
    const other = new HealthServer([], metrics, 876);
    const { port } = await other.listen(0, "127.0.0.2");
    try {
      expect((await check({ HEALTH_PORT: String(port), HOST: "127.0.0.2" })).code).toBe(0);
      expect((await check({ HEALTH_PORT: String(port) })).code).toBe(1);
      expect((await check({ HEALTH_PORT: String(readyPort), HOST: "0.0.0.0" })).code).toBe(0);
    } finally {
      await other.close();
    }
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
