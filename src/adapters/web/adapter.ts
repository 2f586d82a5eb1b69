import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { LRUCache } from "lru-cache";
import type { Errcode } from "../../core/errcode.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import type { Adapter } from "../adapter.js";
import { route } from "./routes.js";

const ASSET_DIR = new URL("../../../web/assets/", import.meta.url);
const ASSETS: Record<string, string> = { "app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8" };

/** Sent with every answer: nothing inline runs, nothing is framed, nothing is sniffed. */
export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export interface WebOptions {
  port: number;
  host: string;
  /** Requests per client address per window; past it, 429. */
  rateLimit?: { requests: number; windowMs: number };
  /** Largest request body accepted (the /scan form); past it, 413. */
  maxBodyBytes?: number;
}

export interface WebContext {
  errcode: Errcode;
  logger: Logger;
  metrics: Metrics;
}

class TooLarge extends Error {}

/**
 * The web catalog: a permalink for every code, search, catalog tables and a scan page, rendered on the
 * server (src/render/html.ts) over the same core as the chat adapters. Read-only.
 */
export class WebAdapter implements Adapter {
  readonly name = "web";
  private server?: Server;
  private assets = new Map<string, Buffer>();
  private readonly hits: LRUCache<string, { count: number }>;
  private readonly limit: { requests: number; windowMs: number };
  private readonly maxBodyBytes: number;

  constructor(
    private readonly context: WebContext,
    private readonly options: WebOptions,
  ) {
    this.limit = options.rateLimit ?? { requests: 300, windowMs: 60_000 };
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.hits = new LRUCache({ max: 10_000, ttl: this.limit.windowMs });
  }

  async start(): Promise<void> {
    for (const name of Object.keys(ASSETS)) this.assets.set(name, readFileSync(fileURLToPath(new URL(name, ASSET_DIR))));
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(this.options.port, this.options.host, () => {
        this.server!.off("error", reject);
        resolve();
      });
    });
    this.context.logger.info({ port: this.address().port }, "web catalog listening");
  }

  address(): AddressInfo {
    return this.server!.address() as AddressInfo;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  ready(): boolean {
    return this.server?.listening ?? false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    let routeName = "error";
    try {
      const url = new URL(req.url ?? "/", "http://errcode.invalid");
      const method = req.method ?? "GET";
      if (!this.admit(req.socket.remoteAddress ?? "?")) {
        routeName = "rate-limited";
        return send(res, 429, "text/plain; charset=utf-8", "Too many requests; try again in a minute.\n", method, { "retry-after": String(Math.ceil(this.limit.windowMs / 1000)) });
      }
      if (url.pathname === "/favicon.ico") {
        routeName = "asset";
        return send(res, 204, "image/x-icon", "", method, { "cache-control": "public, max-age=86400" });
      }
      if (url.pathname.startsWith("/assets/")) {
        routeName = "asset";
        const name = url.pathname.slice("/assets/".length);
        const body = this.assets.get(name);
        if (!body || (method !== "GET" && method !== "HEAD")) return send(res, body ? 405 : 404, "text/plain; charset=utf-8", body ? "Method not allowed\n" : "Not found\n", method, { allow: "GET, HEAD" });
        return send(res, 200, ASSETS[name]!, body, method, { "cache-control": "public, max-age=3600" });
      }
      const isScanPost = method === "POST" && url.pathname === "/scan";
      if (method !== "GET" && method !== "HEAD" && !isScanPost) {
        routeName = "method-not-allowed";
        return send(res, 405, "text/plain; charset=utf-8", "Method not allowed: this site is read-only.\n", method, { allow: url.pathname === "/scan" ? "GET, HEAD, POST" : "GET, HEAD" });
      }
      const form = isScanPost ? new URLSearchParams(await this.readBody(req)) : undefined;
      const answer = route(this.context.errcode, { method, path: url.pathname, query: url.searchParams, form });
      routeName = answer.route;
      send(res, answer.status, "text/html; charset=utf-8", answer.body, method, { "cache-control": "no-store" });
    } catch (error) {
      if (error instanceof TooLarge) {
        routeName = "too-large";
        send(res, 413, "text/plain; charset=utf-8", `Request body over ${this.maxBodyBytes} bytes.\n`, req.method ?? "GET", { connection: "close" });
        return;
      }
      this.context.metrics.errors.inc({ adapter: this.name, kind: "request" });
      this.context.logger.error({ err: error }, "web request failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Something went wrong.\n", req.method ?? "GET");
    } finally {
      this.context.metrics.latency.observe({ adapter: this.name, event: routeName }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** Fixed windows per client address, kept in a bounded LRU so a flood of addresses cannot grow memory. */
  private admit(client: string): boolean {
    const entry = this.hits.get(client);
    if (!entry) {
      this.hits.set(client, { count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.limit.requests;
  }

  private readBody(req: IncomingMessage): Promise<string> {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > this.maxBodyBytes) return Promise.reject(new TooLarge());
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxBodyBytes) {
          req.removeAllListeners("data");
          req.resume();
          reject(new TooLarge());
        } else chunks.push(chunk);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, method: string, extra: Record<string, string> = {}): void {
  const payload = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": String(payload.length), ...extra });
  res.end(method === "HEAD" ? undefined : payload);
}
