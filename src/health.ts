import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Adapter } from "./adapters/adapter.js";
import type { PrometheusMetrics } from "./prometheus-metrics.js";
import type { StateStore } from "./state/store.js";

/**
 * `/healthz` (200 only when the catalog is loaded and every enabled adapter is connected; Redis trouble shows as
 * `redis: "degraded"` but stays 200, since the replica still answers from local state) and
 * `/metrics` (Prometheus text format) on their own port, away from the Slack receiver.
 */
export class HealthServer {
  private server?: Server;

  constructor(
    private readonly adapters: Adapter[],
    private readonly metrics: PrometheusMetrics,
    private readonly catalogEntries: number,
    private readonly state?: StateStore,
  ) {}

  status(): { ready: boolean; catalogEntries: number; adapters: Record<string, boolean>; redis?: "ok" | "degraded" } {
    const adapters = Object.fromEntries(this.adapters.map((a) => [a.name, a.ready()]));
    const state = this.state?.health();
    return {
      ready: this.catalogEntries > 0 && Object.values(adapters).every(Boolean),
      catalogEntries: this.catalogEntries,
      adapters,
      ...(state && state !== "memory" ? { redis: state === "redis" ? ("ok" as const) : ("degraded" as const) } : {}),
    };
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
      } else if (path === "/healthz") {
        const status = this.status();
        res.writeHead(status.ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(status));
      } else if (path === "/metrics") {
        this.metrics.registry.metrics().then(
          (text) => res.writeHead(200, { "content-type": this.metrics.registry.contentType }).end(text),
          () => res.writeHead(500).end(),
        );
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, resolve);
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
