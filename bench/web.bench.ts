// Web catalog: time per page over loopback HTTP (keep-alive), against a bare node:http server that answers
// a fixed page of the same size class, measured in the same process. The target is p99 < 20 ms per page.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { built, percentile } from "./measure.js";

const { WebAdapter } = await built<typeof import("../src/adapters/web/adapter.js")>("../src/adapters/web/adapter.js");
const { Errcode } = await built<typeof import("../src/core/errcode.js")>("../src/core/errcode.js");
const { createLogger } = await built<typeof import("../src/log.js")>("../src/log.js");
const { PrometheusMetrics } = await built<typeof import("../src/prometheus-metrics.js")>("../src/prometheus-metrics.js");

const SAMPLES = 300;
const SCAN_TEXT = `${"2024-05-13T02:14:07.881Z INFO uploader ok size=48213 latency_ms=412\n".repeat(25)}2024-05-13T02:14:08Z ERROR cos upload failed {"code":-29036,"message":"ERR_DOWN_NOTFINISHED_FILE","request_id":"NjY0MWY1YjZf"}\nX-ErrNo: -6101\n`;

async function timeRequests(url: string, init?: RequestInit): Promise<number[]> {
  for (let i = 0; i < 20; i++) await (await fetch(url, init)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await (await fetch(url, init)).arrayBuffer();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

export default async function bench(): Promise<void> {
  const web = new WebAdapter(
    { errcode: Errcode.load(), logger: createLogger({ level: "silent" }), metrics: new PrometheusMetrics() },
    { port: 0, host: "127.0.0.1", rateLimit: { requests: 1e9, windowMs: 60_000 } },
  );
  await web.start();
  const base = `http://127.0.0.1:${web.address().port}`;
  const fixed = "<!doctype html><p>ok</p>".padEnd(8_000, " ");
  const bare = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(fixed));
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  const pages: Array<[string, string, RequestInit?]> = [
    ["home", "/"],
    ["search: code", "/?q=-29036"],
    ["search: words", "/?q=signature%20expired"],
    ["search-as-you-type fragment", "/?q=bucket%20not%20empty&fragment=results"],
    ["entry page", "/c/tencent-cos-v4/-29036"],
    ["catalog table (518 rows)", "/c/tencent-cos-v4"],
    ["scan (2 KB log, POST)", "/scan", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ text: SCAN_TEXT }).toString() }],
  ];
  const baseline = await timeRequests(bareUrl);
  const b50 = percentile(baseline, 50);
  console.log(`${SAMPLES} requests per page over loopback keep-alive; baseline: bare node:http answering a fixed 8 KB page`);
  console.log(`| page | p50 | p99 | max | p50 vs bare | size |`);
  console.log(`|---|---|---|---|---|---|`);
  console.log(`| bare node:http (baseline) | ${b50.toFixed(2)} ms | ${percentile(baseline, 99).toFixed(2)} ms | ${baseline.at(-1)!.toFixed(2)} ms | 1.00x | 8 KB |`);
  for (const [name, path, init] of pages) {
    const size = (await (await fetch(`${base}${path}`, init)).arrayBuffer()).byteLength;
    const times = await timeRequests(`${base}${path}`, init);
    const p50 = percentile(times, 50);
    console.log(`| ${name} | ${p50.toFixed(2)} ms | ${percentile(times, 99).toFixed(2)} ms | ${times.at(-1)!.toFixed(2)} ms | ${(p50 / b50).toFixed(2)}x | ${(size / 1024).toFixed(0)} KB |`);
  }
  await web.stop();
  await new Promise((resolve) => bare.close(resolve));
}
