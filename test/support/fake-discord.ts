// A local Discord for tests: the REST API (under /api/v10) and a v10 JSON gateway on one 127.0.0.1 port.
// It records every REST call, answers 404 to anything it does not know, and lets a test dispatch gateway
// events, drop the connection, refuse intents, expire interactions and rate-limit a route once.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export const IDS = {
  application: "200000000000000002",
  bot: "100000000000000001",
  guild: "300000000000000003",
  general: "400000000000000004",
  oncall: "400000000000000005",
  thread: "400000000000000006",
  human: "500000000000000005",
  otherBot: "500000000000000006",
  webhook: "600000000000000007",
  dmChannel: "400000000000000009",
} as const;

export const BOT_USER = { id: IDS.bot, username: "errcode", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 };
export const HUMAN = { id: IDS.human, username: "alice", discriminator: "0", global_name: "Alice", avatar: null, flags: 0 };
const OTHER_BOT = { id: IDS.otherBot, username: "alertbot", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 };

/** Privileged intents: GuildMembers, GuildPresences, MessageContent. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
export const MESSAGE_CONTENT_INTENT = 1 << 15;

export interface RecordedCall {
  method: string;
  /** The path after /api/v10, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: Record<string, string>;
  body: any;
  authorized: boolean;
  status: number;
  /** The fake has no such route (answered 404): a test expects none of these. */
  unknown: boolean;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  intents: number;
  /** Every dispatch of the session, for RESUME replays. */
  sent: Array<{ s: number; t: string; d: unknown }>;
  socket?: WebSocket;
}

interface Override {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface FakeDiscordOptions {
  /** Intents the application is not approved for; IDENTIFY asking for any of them is closed with 4014. */
  disallowedIntents?: number;
  heartbeatIntervalMs?: number;
  /** Answer RESUME with INVALID_SESSION (op 9, d=false), forcing a fresh IDENTIFY. */
  refuseResume?: boolean;
}

let counter = 0;
/** A snowflake for now, so discord.js computes sensible creation times. */
export function snowflake(): string {
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | BigInt(++counter % 4096)).toString();
}

function channel(id: string, name: string, extra: Record<string, unknown> = {}) {
  return { id, type: 0, guild_id: IDS.guild, name, position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0, flags: 0, ...extra };
}

export function guildCreatePayload() {
  const now = new Date().toISOString();
  return {
    id: IDS.guild,
    name: "Incident Room",
    icon: null,
    owner_id: IDS.human,
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: now,
    preferred_locale: "en-US",
    features: [],
    roles: [{ id: IDS.guild, name: "@everyone", permissions: "2248473465835073", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    members: [{ user: BOT_USER, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
    channels: [channel(IDS.general, "general"), channel(IDS.oncall, "oncall")],
    threads: [
      {
        id: IDS.thread,
        type: 11,
        guild_id: IDS.guild,
        parent_id: IDS.general,
        name: "incident-42",
        owner_id: IDS.human,
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        flags: 0,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now, locked: false },
      },
    ],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageInit {
  content: string;
  channelId?: string;
  author?: typeof HUMAN | typeof BOT_USER | typeof OTHER_BOT;
  fromOtherBot?: boolean;
  webhook?: boolean;
  dm?: boolean;
  mentionsBot?: boolean;
  referenceTo?: string;
  embeds?: unknown[];
  flags?: number;
  components?: unknown[];
}

/** A message object as Discord sends it (MESSAGE_CREATE, resolved data, button interactions). */
export function messagePayload(init: MessageInit) {
  const author = init.webhook ? { id: IDS.webhook, username: "Alerts", discriminator: "0000", avatar: null, bot: true } : init.fromOtherBot ? OTHER_BOT : (init.author ?? HUMAN);
  const dm = init.dm ?? false;
  return {
    id: snowflake(),
    type: init.referenceTo ? 19 : 0,
    channel_id: init.channelId ?? (dm ? IDS.dmChannel : IDS.general),
    // Discord sends the channel's type with MESSAGE_CREATE; discord.js needs it to build an uncached DM channel.
    channel_type: dm ? 1 : init.channelId === IDS.thread ? 11 : 0,
    ...(dm ? {} : { guild_id: IDS.guild, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
    author,
    content: init.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@everyone|@here/.test(init.content),
    mentions: init.mentionsBot ? [BOT_USER] : [],
    mention_roles: [],
    attachments: [],
    embeds: init.embeds ?? [],
    pinned: false,
    flags: init.flags ?? 0,
    components: init.components ?? [],
    ...(init.webhook ? { webhook_id: IDS.webhook } : {}),
    ...(init.referenceTo ? { message_reference: { type: 0, message_id: init.referenceTo, channel_id: init.channelId ?? IDS.general, guild_id: IDS.guild } } : {}),
  };
}

export class FakeDiscord extends EventEmitter {
  readonly calls: RecordedCall[] = [];
  readonly identifies: Array<{ intents: number; token: string; at: number }> = [];
  readonly resumes: Array<{ session_id: string; seq: number }> = [];
  readonly heartbeats: number[] = [];
  readonly gatewayQueries: string[] = [];
  /** Registered commands by route (global or guild). */
  readonly commands = new Map<string, unknown[]>();
  /** Messages the fake knows (dispatched or created), for GET /channels/:c/messages/:m. */
  readonly messages = new Map<string, Record<string, unknown>>();
  private readonly sessions = new Map<string, Session>();
  private current?: Session;
  private readonly interactions = new Map<string, { token: string; answered: boolean; expired: boolean; original?: Record<string, unknown> }>();
  private readonly overrides: Override[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;

  private constructor(public options: FakeDiscordOptions) {
    super();
    this.setMaxListeners(100);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server = createServer((req, res) => void fake.onRequest(req, res));
    fake.wss = new WebSocketServer({ noServer: true });
    fake.server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://x");
      if (url.pathname !== "/gateway") {
        socket.destroy();
        return;
      }
      fake.gatewayQueries.push(url.search);
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL is set to: discord.js appends /v10. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Calls answered 404 because the fake does not know them: a test expects none. */
  get unknownCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.unknown);
  }

  get connected(): boolean {
    return this.current?.socket?.readyState === 1;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Test controls

  /** The next request matching method and path gets this answer instead (once). */
  failNext(method: string, path: RegExp, status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.overrides.push({ method, path, status, body, headers });
  }

  /** The next call to this route is rate-limited the way Discord does it: 429, Retry-After, a JSON body. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds = 1): void {
    this.failNext(method, path, 429, { message: "You are being rate limited.", retry_after: retryAfterSeconds, global: false }, {
      "retry-after": String(retryAfterSeconds),
      "x-ratelimit-scope": "user",
      "x-ratelimit-limit": "5",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset-after": String(retryAfterSeconds),
      "x-ratelimit-bucket": "fakebucket",
    });
  }

  /** Makes an interaction's token invalid, as Discord does 3 seconds after it was created. */
  expireInteraction(id: string): void {
    const interaction = this.interactions.get(id);
    if (interaction) interaction.expired = true;
  }

  /** Cuts the gateway connection without a close frame, like a network failure. */
  dropConnection(): void {
    this.current?.socket?.terminate();
  }

  /** Closes the gateway connection with a close code, as Discord does for a fatal error (e.g. 4014). */
  closeConnection(code: number, reason = ""): void {
    this.current?.socket?.close(code, reason);
  }

  /** Sends a gateway dispatch (op 0) on the current session; buffered for RESUME when disconnected. */
  dispatch(t: string, d: unknown): void {
    const session = this.current;
    if (!session) throw new Error("no gateway session to dispatch on");
    const event = { s: ++session.seq, t, d };
    session.sent.push(event);
    if (session.socket?.readyState === 1) session.socket.send(JSON.stringify({ op: 0, ...event }));
  }

  /** Resolves with the first recorded call (after `since`) that matches, waiting for it if needed. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs = 10_000, since = 0): Promise<RecordedCall> {
    for (let i = since; i < this.calls.length; i++) if (match(this.calls[i]!)) return Promise.resolve(this.calls[i]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off("call", onCall);
        reject(new Error(`no matching REST call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(", ")}`));
      }, timeoutMs);
      const onCall = (call: RecordedCall) => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.off("call", onCall);
        resolve(call);
      };
      this.on("call", onCall);
    });
  }

  /** Resolves when the gateway reaches `state` ("ready" after IDENTIFY, "resumed" after RESUME). */
  waitFor(state: "ready" | "resumed" | "identify", timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway never reached ${state}`)), timeoutMs);
      this.once(state, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The bot's answer to an interaction: the callback Discord received for it. */
  callbackFor(interaction: { id: string; token: string }, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitForCall((c) => c.method === "POST" && c.path === `/interactions/${interaction.id}/${interaction.token}/callback`, timeoutMs);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Interactions and messages a test dispatches

  /** An interaction payload whose callbacks the fake will accept; not dispatched (the builders below do that). */
  createInteraction(type: number, data: unknown, extra: Record<string, unknown> = {}) {
    const id = snowflake();
    const token = `itoken-${id}`;
    const channelId = (extra.channel_id as string | undefined) ?? IDS.general;
    const dm = channelId === IDS.dmChannel;
    const channelObject = dm
      ? { id: IDS.dmChannel, type: 1, recipients: [HUMAN] }
      : channelId === IDS.thread
        ? { id: IDS.thread, type: 11, guild_id: IDS.guild, parent_id: IDS.general, name: "incident-42", flags: 0, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } }
        : channel(channelId, channelId === IDS.oncall ? "oncall" : "general");
    this.interactions.set(id, { token, answered: false, expired: false });
    return {
      id,
      application_id: IDS.application,
      type,
      token,
      version: 1,
      locale: "en-US",
      channel_id: channelId,
      channel: channelObject,
      app_permissions: "2248473465835073",
      entitlements: [],
      attachment_size_limit: 8388608,
      ...(dm
        ? { user: HUMAN, context: 1, authorizing_integration_owners: { "0": IDS.guild } }
        : {
            guild_id: IDS.guild,
            guild_locale: "en-US",
            guild: { id: IDS.guild, locale: "en-US", features: [] },
            member: { user: HUMAN, roles: [], permissions: "2248473465835073", joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null, communication_disabled_until: null },
            context: 0,
            authorizing_integration_owners: { "0": IDS.guild },
          }),
      data,
      ...extra,
    };
  }

  /** `/errcode query:<text> [catalog] [public]` as INTERACTION_CREATE. */
  slashCommand(options: { query: string; catalog?: string; public?: boolean; locale?: string; channelId?: string; name?: string }) {
    const opts: unknown[] = [{ name: "query", type: 3, value: options.query }];
    if (options.catalog) opts.push({ name: "catalog", type: 3, value: options.catalog });
    if (options.public !== undefined) opts.push({ name: "public", type: 5, value: options.public });
    const interaction = this.createInteraction(
      2,
      { id: "700000000000000001", name: options.name ?? "errcode", type: 1, options: opts },
      { ...(options.channelId ? { channel_id: options.channelId } : {}), ...(options.locale ? { locale: options.locale } : {}) },
    );
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }

  /** Typing `typed` into the query box, or with `focus: "catalog"` into the catalog box (`catalog` is then ignored). */
  autocomplete(options: { typed: string; catalog?: string; locale?: string; focus?: "query" | "catalog" }) {
    const opts: unknown[] =
      options.focus === "catalog"
        ? [{ name: "catalog", type: 3, value: options.typed, focused: true }]
        : [{ name: "query", type: 3, value: options.typed, focused: true }];
    if (options.catalog && options.focus !== "catalog") opts.push({ name: "catalog", type: 3, value: options.catalog });
    const interaction = this.createInteraction(4, { id: "700000000000000001", name: "errcode", type: 1, options: opts }, options.locale ? { locale: options.locale } : {});
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }

  /** The "Explain error codes" message context menu on `message`. */
  messageCommand(message: ReturnType<typeof messagePayload>, options: { locale?: string; channelId?: string } = {}) {
    const interaction = this.createInteraction(
      2,
      { id: "700000000000000002", name: "Explain error codes", type: 3, target_id: message.id, resolved: { messages: { [message.id]: message } } },
      { ...(options.locale ? { locale: options.locale } : {}), channel_id: options.channelId ?? message.channel_id },
    );
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }

  /** A press on a button with `customId` on the bot message `message`. */
  button(customId: string, message: Record<string, unknown>, options: { locale?: string } = {}) {
    const interaction = this.createInteraction(3, { custom_id: customId, component_type: 2 }, { message, channel_id: message.channel_id, ...(options.locale ? { locale: options.locale } : {}) });
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }

  /** MESSAGE_CREATE; the fake remembers the message so the bot can fetch it. */
  message(init: MessageInit) {
    const message = messagePayload(init);
    this.messages.set(message.id, message);
    this.dispatch("MESSAGE_CREATE", message);
    return message;
  }

  /** The message a bot's interaction answer became, as Discord would show it in a later button press. */
  botMessageFrom(call: RecordedCall): Record<string, unknown> {
    const data = call.body.data ?? call.body;
    return { ...messagePayload({ content: data.content ?? "", author: BOT_USER, embeds: data.embeds ?? [], components: data.components ?? [], flags: data.flags ?? 0 }), application_id: IDS.application };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Gateway

  private onSocket(socket: WebSocket): void {
    let session: Session | undefined;
    const send = (payload: unknown) => socket.readyState === 1 && socket.send(JSON.stringify(payload));
    send({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } });
    socket.on("message", (raw) => {
      let payload: { op: number; d: any };
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, "Error while decoding payload.");
        return;
      }
      switch (payload.op) {
        case 1:
          this.heartbeats.push(Date.now());
          send({ op: 11 });
          return;
        case 2: {
          const intents = Number(payload.d.intents);
          this.identifies.push({ intents, token: String(payload.d.token), at: Date.now() });
          this.emit("identify");
          if (intents & (this.options.disallowedIntents ?? 0)) {
            socket.close(4014, "Disallowed intent(s).");
            return;
          }
          session = { id: `session-${snowflake()}`, seq: 0, intents, sent: [], socket };
          this.sessions.set(session.id, session);
          this.current = session;
          this.dispatch("READY", {
            v: 10,
            user: BOT_USER,
            guilds: [{ id: IDS.guild, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: IDS.application, flags: 0 },
            private_channels: [],
            presences: [],
            relationships: [],
            guild_join_requests: [],
            user_settings: {},
          });
          this.dispatch("GUILD_CREATE", guildCreatePayload());
          this.emit("ready");
          return;
        }
        case 6: {
          const { session_id, seq } = payload.d as { session_id: string; seq: number };
          this.resumes.push({ session_id, seq });
          const known = this.sessions.get(session_id);
          if (!known || this.options.refuseResume) {
            send({ op: 9, d: false });
            return;
          }
          session = known;
          known.socket = socket;
          this.current = known;
          for (const event of known.sent.filter((e) => e.s > seq)) send({ op: 0, ...event });
          this.dispatch("RESUMED", {});
          this.emit("resumed");
          return;
        }
        default:
          return;
      }
    });
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = undefined;
    });
  }

  // -------------------------------------------------------------------------------------------------------------
  // REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: unknown = raw;
    if ((req.headers["content-type"] ?? "").includes("application/json") && raw) body = JSON.parse(raw);
    const method = req.method ?? "GET";
    const prefix = "/api/v10";
    const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: typeof req.headers.authorization === "string" && req.headers.authorization.startsWith("Bot "),
      status: 0,
      unknown: false,
      at: Date.now(),
    };
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      this.calls.push(call);
      res.writeHead(status, { ...(payload === undefined ? {} : { "content-type": "application/json" }), ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
      this.emit("call", call);
    };
    const notFound = () => {
      call.unknown = true;
      reply(404, { message: "404: Not Found", code: 0 });
    };
    if (!url.pathname.startsWith(`${prefix}/`)) return notFound();
    const override = this.overrides.findIndex((o) => o.method === method && o.path.test(path));
    if (override >= 0) {
      const [o] = this.overrides.splice(override, 1);
      return reply(o!.status, o!.body, o!.headers);
    }
    const routed = this.route(method, path, call);
    if (!routed) return notFound();
    return reply(routed.status, routed.body);
  }

  private route(method: string, path: string, call: RecordedCall): { status: number; body?: unknown } | undefined {
    const seg = path.split("/").filter(Boolean);
    const is = (m: string, pattern: RegExp) => method === m && pattern.test(path);
    if (is("GET", /^\/gateway\/bot$/)) {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } } };
    }
    if (is("GET", /^\/gateway$/)) return { status: 200, body: { url: this.gatewayUrl } };
    if (is("GET", /^\/users\/@me$/)) return { status: 200, body: BOT_USER };
    if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (seg[1] !== IDS.application) return { status: 404, body: { message: "Unknown Application", code: 10002 } };
      if (!call.authorized) return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
      if (method === "PUT") {
        const commands = (call.body as Array<Record<string, unknown>>).map((c, i) => ({ id: `80000000000000000${i}`, application_id: IDS.application, version: "1", ...c }));
        this.commands.set(path, commands);
        return { status: 200, body: commands };
      }
      if (method === "GET") return { status: 200, body: this.commands.get(path) ?? [] };
      return undefined;
    }
    if (is("POST", /^\/interactions\/\d+\/[^/]+\/callback$/)) {
      const interaction = this.interactions.get(seg[1]!);
      if (!interaction || interaction.token !== seg[2] || interaction.expired) return { status: 404, body: { message: "Unknown interaction", code: 10062 } };
      if (interaction.answered) return { status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 } };
      interaction.answered = true;
      const data = (call.body as { type: number; data?: Record<string, unknown> }).data;
      if (data && (call.body as { type: number }).type !== 8) interaction.original = { ...messagePayload({ content: String(data.content ?? ""), author: BOT_USER, flags: Number(data.flags ?? 0) }), ...data };
      if (call.query.with_response === "true") {
        return { status: 200, body: { interaction: { id: seg[1], type: 2, response_message_id: interaction.original?.id, response_message_loading: false, response_message_ephemeral: false }, resource: { type: (call.body as { type: number }).type, message: interaction.original } } };
      }
      return { status: 204 };
    }
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/[^/]+)?$/.test(path)) {
      if (seg[1] !== IDS.application) return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
      const interaction = [...this.interactions.values()].find((i) => i.token === seg[2]);
      if (!interaction || interaction.expired) return { status: 404, body: { message: "Unknown Webhook", code: 10015 } };
      if (method === "POST" && seg.length === 3) return { status: 200, body: messagePayload({ content: String((call.body as Record<string, unknown>).content ?? ""), author: BOT_USER }) };
      if (seg.length === 5 && (method === "PATCH" || method === "GET")) {
        if (!interaction.original) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
        if (method === "PATCH") Object.assign(interaction.original, call.body as object);
        return { status: 200, body: interaction.original };
      }
      if (seg.length === 5 && method === "DELETE") return { status: 204 };
      return undefined;
    }
    if (is("POST", /^\/channels\/\d+\/messages$/)) {
      const body = call.body as Record<string, any>;
      const message = {
        ...messagePayload({ content: String(body.content ?? ""), author: BOT_USER, channelId: seg[1], embeds: body.embeds, components: body.components }),
        ...(body.message_reference ? { message_reference: body.message_reference, type: 19 } : {}),
      };
      this.messages.set(message.id, message);
      return { status: 200, body: message };
    }
    if (is("PATCH", /^\/channels\/\d+\/messages\/\d+$/)) {
      // Discord edits only a message of the bot's own, in that channel.
      const message = this.messages.get(seg[3]!) as Record<string, any> | undefined;
      if (!message || message.channel_id !== seg[1] || message.author?.id !== BOT_USER.id) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
      Object.assign(message, call.body as object, { edited_timestamp: new Date().toISOString() });
      return { status: 200, body: message };
    }
    if (is("GET", /^\/channels\/\d+\/messages\/\d+$/)) {
      const message = this.messages.get(seg[3]!);
      return message ? { status: 200, body: message } : { status: 404, body: { message: "Unknown Message", code: 10008 } };
    }
    return undefined;
  }
}
