import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { ShellAdapter } from "../src/adapters/shell/adapter.js";
import { loadConfig } from "../src/config.js";
import { Errcode } from "../src/core/errcode.js";
import { HealthServer } from "../src/health.js";
import { createLogger } from "../src/log.js";
import { PrometheusMetrics } from "../src/prometheus-metrics.js";
import { MemoryStore } from "../src/state/memory.js";

const config = loadConfig({}, { dotenv: false });
const metrics = new PrometheusMetrics();
const errcode = Errcode.load();
const input = new PassThrough();
const shell = new ShellAdapter({ errcode, state: new MemoryStore(), config, logger: createLogger({ level: "silent" }), metrics }, input, new PassThrough(), false);
const health = new HealthServer([shell], metrics, errcode.index.entries.length);
const address = await health.listen(0, "127.0.0.1");
const get = (path: string, method = "GET") => fetch(`http://127.0.0.1:${address.port}${path}`, { method });

afterAll(async () => {
  input.end();
  await health.close();
});

describe("/healthz and /metrics", () => {
  it("is 503 until every adapter is connected, then 200", async () => {
    const before = await get("/healthz");
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ ready: false, catalogEntries: 876, adapters: { shell: false } });
    await shell.start();
    const after = await get("/healthz");
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({ ready: true, adapters: { shell: true } });
  });

  it("serves Prometheus text with the errcode metrics", async () => {
    metrics.lookups.inc({ adapter: "shell", result: "match" });
    const res = await get("/metrics");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('errcode_lookups_total{adapter="shell",result="match"} 1');
    for (const name of ["errcode_detections_total", "errcode_auto_replies_total", "errcode_suppressed_replies_total", "errcode_errors_total", "errcode_handler_seconds"]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it("answers 404 elsewhere and 405 to writes", async () => {
    expect((await get("/")).status).toBe(404);
    expect((await get("/healthz", "POST")).status).toBe(405);
  });
});
