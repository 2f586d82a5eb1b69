// A local Slack for tests: the Web API methods the bot uses (recording every call and answering like Slack), a
// response_url endpoint, and a Socket Mode WebSocket that sends envelopes and records acks. Anything it does not
// know gets a 404, so an unexpected call fails loudly.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const FAKE_BOT_TOKEN = "xoxb-fake-bot-token-0123456789";
export const FAKE_APP_TOKEN = "xapp-1-fake-app-token-0123456789";
export const FAKE_SIGNING_SECRET = "fake-signing-secret-0123456789abcdef";
export const FAKE_BOT_USER = "UERRCODEBOT";
export const FAKE_BOT_ID = "BERRCODE01";
export const FAKE_TEAM = "TFAKETEAM1";

// recorded payloads are arbitrary JSON
type Json = any;

export interface ApiCall {
  method: string;
  args: Record<string, Json>;
  token?: string;
  /** The HTTP status and `error` the fake answered with (`ok` when it succeeded). */
  status: number;
  outcome: string;
  seq: number;
  at: number;
  /** The ts a successful chat.postMessage answered with (what chat.update names the message by). */
  ts?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, Json>;
  seq: number;
  at: number;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Json;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Json;
}

/** Everything the bot sent, whichever way it went: what a person in Slack would (or would not) see. */
export interface SentMessage {
  via: "chat.postMessage" | "chat.postEphemeral" | "response_url";
  channel?: string;
  user?: string;
  thread_ts?: string;
  response_type?: string;
  replace_original?: boolean;
  delete_original?: boolean;
  responseUrlId?: string;
  text?: string;
  blocks?: Json[];
}

const LIMITS = { blocks: 50, header: 150, section: 3000, fields: 10, field: 2000, actions: 25, buttonText: 75, buttonValue: 2000, actionId: 255, context: 10, messageChars: 12_000 };

function textProblem(where: string, text: Json, max: number, types = ["plain_text", "mrkdwn"]): string | undefined {
  if (!text || typeof text !== "object") return `${where}: missing text object`;
  if (!types.includes(text.type)) return `${where}: text type ${text.type} not allowed`;
  if (typeof text.text !== "string" || text.text.length < 1) return `${where}: empty text`;
  if (text.text.length > max) return `${where}: text longer than ${max} (${text.text.length})`;
  return undefined;
}

/** The checks Slack makes before it answers `invalid_blocks` (the subset of Block Kit the bot uses). */
export function blockProblems(blocks: Json): string[] {
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  const problems: string[] = [];
  if (blocks.length > LIMITS.blocks) problems.push(`more than ${LIMITS.blocks} blocks (${blocks.length})`);
  const actionIds = new Set<string>();
  blocks.forEach((block: Json, i: number) => {
    const at = `blocks[${i}] (${block?.type})`;
    switch (block?.type) {
      case "header":
        problems.push(textProblem(at, block.text, LIMITS.header, ["plain_text"]) ?? "");
        break;
      case "divider":
        break;
      case "section":
        if (!block.text && !block.fields) problems.push(`${at}: needs text or fields`);
        if (block.text) problems.push(textProblem(at, block.text, LIMITS.section) ?? "");
        if (block.fields) {
          if (!Array.isArray(block.fields) || block.fields.length < 1 || block.fields.length > LIMITS.fields) problems.push(`${at}: 1-${LIMITS.fields} fields`);
          else block.fields.forEach((f: Json, j: number) => problems.push(textProblem(`${at}.fields[${j}]`, f, LIMITS.field) ?? ""));
        }
        break;
      case "context":
        if (!Array.isArray(block.elements) || block.elements.length < 1 || block.elements.length > LIMITS.context) problems.push(`${at}: 1-${LIMITS.context} elements`);
        else block.elements.forEach((e: Json, j: number) => problems.push(textProblem(`${at}.elements[${j}]`, e, LIMITS.section) ?? ""));
        break;
      case "actions":
        if (!Array.isArray(block.elements) || block.elements.length < 1 || block.elements.length > LIMITS.actions) {
          problems.push(`${at}: 1-${LIMITS.actions} elements`);
          break;
        }
        block.elements.forEach((e: Json, j: number) => {
          const where = `${at}.elements[${j}]`;
          if (e.type !== "button") return problems.push(`${where}: not a button`);
          problems.push(textProblem(where, e.text, LIMITS.buttonText, ["plain_text"]) ?? "");
          if (typeof e.action_id !== "string" || e.action_id.length > LIMITS.actionId) problems.push(`${where}: bad action_id`);
          else if (actionIds.has(e.action_id)) problems.push(`${where}: duplicate action_id ${e.action_id}`);
          else actionIds.add(e.action_id);
          if (e.value !== undefined && (typeof e.value !== "string" || e.value.length > LIMITS.buttonValue)) problems.push(`${where}: value longer than ${LIMITS.buttonValue}`);
        });
        break;
      default:
        problems.push(`${at}: unsupported block type`);
    }
  });
  return problems.filter(Boolean);
}

function messageProblem(args: Record<string, Json>): string | undefined {
  if (args.blocks === undefined) return args.text ? undefined : "no_text";
  if (blockProblems(args.blocks).length) return "invalid_blocks";
  if (JSON.stringify(args.blocks).length > LIMITS.messageChars) return "msg_blocks_too_long";
  return undefined;
}

function parseForm(raw: string): Record<string, Json> {
  const args: Record<string, Json> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    args[key] = value === "true" ? true : value === "false" ? false : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json", ...headers });
  res.end(text);
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly acks: SocketAck[] = [];
  readonly unknown: string[] = [];
  /** Channels where chat.postMessage / chat.postEphemeral answer `not_in_channel`. */
  readonly notInChannel = new Set<string>();
  private readonly canned = new Map<string, CannedResponse[]>();
  private readonly delays = new Map<string, number>();
  private readonly sockets: WebSocket[] = [];
  private readonly events = new EventEmitter();
  private readonly wss = new WebSocketServer({ noServer: true });
  private tsCounter = 0;

  private constructor(private readonly server: Server) {
    this.events.setMaxListeners(100);
  }

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on("request", (req, res) => {
      fake.handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
    });
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/link")) return socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.accept(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The SLACK_API_URL to give the bot. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url, as Slack puts in every command and interaction. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** The next calls to `method` ("response_url" for response URLs) get these answers, in order. */
  respondNext(method: string, ...responses: CannedResponse[]): void {
    this.canned.set(method, [...(this.canned.get(method) ?? []), ...responses]);
  }

  /** How many canned answers for `method` are still waiting to be used. */
  cannedLeft(method: string): number {
    return this.canned.get(method)?.length ?? 0;
  }

  clearCanned(method: string): void {
    this.canned.delete(method);
  }

  /** Answers to `method` ("response_url" for response URLs) come this much later: a slow Slack. */
  slowDown(method: string, ms: number): void {
    if (ms > 0) this.delays.set(method, ms);
    else this.delays.delete(method);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Every message the bot got through to Slack, by any route, in order. */
  sent(): SentMessage[] {
    const out: Array<SentMessage & { seq: number }> = [];
    for (const call of this.calls) {
      if ((call.method !== "chat.postMessage" && call.method !== "chat.postEphemeral") || call.outcome !== "ok") continue;
      const a = call.args;
      out.push({ seq: call.seq, via: call.method, channel: a.channel, user: a.user, thread_ts: a.thread_ts, text: a.text, blocks: a.blocks });
    }
    for (const post of this.responses) {
      const b = post.body;
      out.push({
        seq: post.seq,
        via: "response_url",
        responseUrlId: post.id,
        response_type: b.response_type,
        replace_original: b.replace_original,
        delete_original: b.delete_original,
        thread_ts: b.thread_ts,
        text: b.text,
        blocks: b.blocks,
      });
    }
    return out.sort((x, y) => x.seq - y.seq).map(({ seq: _seq, ...m }) => m);
  }

  /** Resolves with the first non-undefined `find()`, re-checked whenever the bot sends something. */
  waitFor<T>(find: () => T | undefined | false, timeoutMs = 10_000, what = "a condition"): Promise<T> {
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}; sent so far: ${JSON.stringify(this.sent().map((m) => ({ via: m.via, channel: m.channel, text: m.text?.slice(0, 80) })))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("record", check);
      };
      this.events.on("record", check);
    });
  }

  /** Waits until `count` messages have been sent (by any route) and returns them. */
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]> {
    return this.waitFor(() => (this.sent().length >= count ? this.sent() : undefined), timeoutMs, `${count} sent message(s)`);
  }

  // ---- Socket Mode ----

  get openSockets(): number {
    return this.sockets.filter((s) => s.readyState === s.OPEN).length;
  }

  waitForSocket(timeoutMs = 10_000): Promise<WebSocket> {
    return this.waitFor(() => this.sockets.find((s) => s.readyState === s.OPEN), timeoutMs, "a Socket Mode connection");
  }

  /** Cuts every Socket Mode connection without a close frame, like a network failure; the server stays up. */
  dropSockets(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Sends any frame over the newest connection, as a broken or hostile peer could; no ack is awaited. */
  async sendRaw(frame: string): Promise<void> {
    (await this.waitForSocket()).send(frame);
  }

  /** Sends an envelope over the newest connection and resolves with the bot's ack. */
  async sendEnvelope(type: "events_api" | "slash_commands" | "interactive", payload: Json, extra: Record<string, Json> = {}): Promise<SocketAck> {
    const socket = await this.waitForSocket();
    const envelopeId = randomUUID();
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== "events_api", ...extra }));
    return this.waitFor(() => this.acks.find((a) => a.envelope_id === envelopeId), 10_000, `the ack of envelope ${envelopeId}`);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.push(ws);
    ws.on("close", () => this.events.emit("record"));
    ws.on("message", (data) => {
      let message: Json;
      try {
        message = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof message?.envelope_id === "string") this.record(() => this.acks.push({ envelope_id: message.envelope_id, payload: message.payload }));
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake-slack", approximate_connection_time: 3600 }, connection_info: { app_id: "AFAKEAPP01" } }));
  }

  // ---- HTTP ----

  private record(add: () => void): void {
    add();
    this.events.emit("record");
  }

  private nextSeq(): number {
    this.tsCounter += 1;
    return this.tsCounter;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    const delay = this.delays.get(url.pathname.startsWith("/response/") ? "response_url" : url.pathname.slice("/api/".length));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    if (req.method === "POST" && url.pathname.startsWith("/response/")) return this.responseUrlPost(url.pathname.slice("/response/".length), raw, res);
    if (req.method === "POST" && url.pathname.startsWith("/api/")) return this.apiCall(url.pathname.slice("/api/".length), req, raw, res);
    this.unknown.push(`${req.method} ${url.pathname}`);
    send(res, 404, { ok: false, error: "unknown_endpoint" });
  }

  private responseUrlPost(id: string, raw: string, res: ServerResponse): void {
    const canned = this.canned.get("response_url")?.shift();
    if (canned) return send(res, canned.status, canned.body ?? "", canned.headers);
    let body: Json;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, "invalid_payload");
    }
    const problem = body.delete_original ? undefined : messageProblem(body);
    if (problem) return send(res, 400, problem);
    this.record(() => this.responses.push({ id, body, seq: this.nextSeq(), at: Date.now() }));
    send(res, 200, { ok: true });
  }

  private apiCall(method: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const type = req.headers["content-type"] ?? "";
    const args = type.includes("application/json") ? (JSON.parse(raw || "{}") as Record<string, Json>) : parseForm(raw);
    const auth = req.headers.authorization;
    const token = auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : (args.token as string | undefined);
    const answer = (status: number, body: Json, headers?: Record<string, string>) => send(res, status, body, headers);

    const handlers: Record<string, () => Json> = {
      "auth.test": () => (token === FAKE_BOT_TOKEN ? { ok: true, url: "https://fake.slack.test/", team: "Fake", user: "errcode", team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, bot_id: FAKE_BOT_ID } : { ok: false, error: "invalid_auth" }),
      "apps.connections.open": () =>
        token === FAKE_APP_TOKEN ? { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}` } : { ok: false, error: token?.startsWith("xoxb-") ? "not_allowed_token_type" : "invalid_auth" },
      "chat.postMessage": () => {
        if (token !== FAKE_BOT_TOKEN) return { ok: false, error: "invalid_auth" };
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        if (this.notInChannel.has(args.channel)) return { ok: false, error: "not_in_channel" };
        const problem = messageProblem(args);
        if (problem) return { ok: false, error: problem, response_metadata: { messages: blockProblems(args.blocks).map((p) => `[ERROR] ${p}`) } };
        const ts = `${1_700_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, "0")}`;
        return { ok: true, channel: args.channel, ts, message: { type: "message", text: args.text, user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, ts, thread_ts: args.thread_ts } };
      },
      "chat.update": () => {
        if (token !== FAKE_BOT_TOKEN) return { ok: false, error: "invalid_auth" };
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        // Slack edits only messages that exist, in that channel, posted by the caller.
        const posted = this.calls.find((c) => c.method === "chat.postMessage" && c.outcome === "ok" && c.args.channel === args.channel && c.ts === args.ts);
        if (!posted) return { ok: false, error: "message_not_found" };
        const problem = messageProblem(args);
        if (problem) return { ok: false, error: problem };
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      },
      "chat.postEphemeral": () => {
        if (token !== FAKE_BOT_TOKEN) return { ok: false, error: "invalid_auth" };
        if (!args.channel || !args.user) return { ok: false, error: !args.channel ? "channel_not_found" : "user_not_found" };
        if (this.notInChannel.has(args.channel)) return { ok: false, error: "not_in_channel" };
        const problem = messageProblem(args);
        if (problem) return { ok: false, error: problem };
        return { ok: true, message_ts: `${1_700_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, "0")}` };
      },
    };

    const handler = handlers[method];
    if (!handler) {
      this.record(() => this.unknown.push(method));
      return answer(404, { ok: false, error: "unknown_method" });
    }
    const canned = this.canned.get(method)?.shift();
    const status = canned?.status ?? 200;
    const body = canned ? (canned.body ?? { ok: false, error: `http_${canned.status}` }) : handler();
    const outcome = status === 200 && body?.ok ? "ok" : (body?.error ?? `http_${status}`);
    this.record(() => this.calls.push({ method, args, token, status, outcome, seq: this.nextSeq(), at: Date.now(), ...(method === "chat.postMessage" && body?.ts ? { ts: body.ts } : {}) }));
    answer(status, body, canned?.headers);
  }
}
