import { Server as NetServer, type AddressInfo } from "node:net";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { Config } from "../../config.js";
import { SLACK_BUTTON_ROOM } from "../../render/slack.js";
import { pipelineFor, type Adapter, type AdapterContext } from "../adapter.js";
import { ConnectionHealth, SOCKET_MODE_EVENTS } from "../connection-health.js";
import { InFlight } from "../in-flight.js";
import { describeError, slackErrorCode } from "./api-errors.js";
import { boltLogger } from "./bolt-logger.js";
import { SLACK_EVENTS_PATH } from "./constants.js";
import { SlackHandlers } from "./handlers.js";
import { postOnceFetch } from "./post-once.js";
import { replayVerdict } from "./replay.js";
import { DEFAULT_RESPONSE_URL_RETRY, postToResponseUrl, type ResponseUrlRetry } from "./respond.js";
import { guardHttpReceiver, guardSocketMode } from "./validate.js";

export { MESSAGE_SHORTCUT_ID, SLACK_EVENTS_PATH, SLASH_COMMAND } from "./constants.js";
const ADAPTER = "slack";

/** Web API retries: 5xx and network errors back off; a 429 first waits for its Retry-After (the SDK does that). */
export const DEFAULT_WEB_API_RETRY: webApi.RetryOptions = { retries: 5, factor: 2, minTimeout: 1000, maxTimeout: 30_000, randomize: true };

export interface SlackAdapterOptions {
  webApiRetry?: webApi.RetryOptions;
  responseUrlRetry?: ResponseUrlRetry;
  /** How long deliveries are remembered against Slack's retries (default 15 minutes). */
  dedupeTtlMs?: number;
  /** Web API call timeout (default 30 s) and chat.postMessage's, far beyond it (default 5 minutes; see post-once.ts). */
  webApiTimeoutMs?: number;
  postTimeoutMs?: number;
}

type SlackConfig = NonNullable<Config["slack"]>;

/** WebClient joins method names onto the base URL, so it must end in a slash. */
function apiBase(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
}

/**
 * errcode as a Slack app on Bolt: `/errcode`, auto-explain in threads, the "Explain error codes" shortcut,
 * mentions, and the card buttons. HTTP mode (signing secret, HOST:PORT, /slack/events) or Socket Mode (app token).
 * SLACK_API_URL, when set, is the base of every Web API call, Socket Mode's apps.connections.open included.
 */
export class SlackAdapter implements Adapter {
  readonly name = ADAPTER;
  private app?: App;
  private server?: Server;
  private socketMode?: SocketModeReceiver;
  private socketHealth?: ConnectionHealth;
  private connected = false;
  private draining = false;
  private readonly inflight: InFlight;
  private readonly slack: SlackConfig;

  constructor(
    private readonly context: AdapterContext,
    private readonly options: SlackAdapterOptions = {},
  ) {
    if (!context.config.slack) throw new Error("the Slack adapter needs SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)");
    this.slack = context.config.slack;
    this.inflight = new InFlight(ADAPTER, context.metrics, context.logger);
  }

  async start(): Promise<void> {
    if (this.app) throw new Error("the Slack adapter is already started");
    const logger = boltLogger(this.context.logger);
    const clientOptions = (): webApi.WebClientOptions => ({
      slackApiUrl: apiBase(this.slack.apiUrl),
      retryConfig: this.options.webApiRetry ?? DEFAULT_WEB_API_RETRY,
      timeout: this.options.webApiTimeoutMs ?? 30_000,
      fetch: postOnceFetch(this.options.postTimeoutMs),
    });

    // Who the bot is, before anything arrives: a bad token fails here, clearly, rather than on the first event.
    let auth: webApi.AuthTestResponse;
    try {
      auth = await new webApi.WebClient(this.slack.botToken, { ...clientOptions(), logger }).auth.test();
    } catch (error) {
      const code = slackErrorCode(error);
      // Only Slack's own answer says the token is bad; a network failure says nothing about it.
      const platformAnswer = (error as { data?: { error?: unknown } })?.data?.error !== undefined;
      const what = platformAnswer ? "Slack did not accept SLACK_BOT_TOKEN" : `Slack could not be reached at ${apiBase(this.slack.apiUrl) ?? "https://slack.com/api/"}`;
      throw new Error(`${what}: auth.test failed (${code})`, { cause: error });
    }
    if (!auth.user_id) throw new Error("Slack auth.test did not return the bot's user id");

    const receiver = this.slack.socketMode ? this.socketModeReceiver(logger, clientOptions()) : this.httpReceiver(logger);
    const app = new App({
      token: this.slack.botToken,
      botId: auth.bot_id,
      botUserId: auth.user_id,
      receiver,
      logger,
      clientOptions: clientOptions(),
      ignoreSelf: true,
      // No conversation state is kept between events, so Bolt's per-event conversation-store lookup is skipped.
      convoStore: false,
    });
    app.error(async (error) => {
      this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "bolt" });
      this.context.logger.error({ adapter: ADAPTER, ...describeError(error) }, "Slack event handling failed");
    });
    new SlackHandlers({
      context: this.context,
      pipeline: pipelineFor(this.context, { name: ADAPTER, buttonRoom: SLACK_BUTTON_ROOM }),
      client: app.client,
      botUserId: auth.user_id,
      dedupeTtlMs: this.options.dedupeTtlMs,
      respond: (url, message) => postToResponseUrl(url, message, this.options.responseUrlRetry ?? DEFAULT_RESPONSE_URL_RETRY),
      run: (event, work) => this.run(event, work),
    }).register(app);
    this.app = app;

    const { host, port } = this.context.config;
    try {
      if (this.slack.socketMode) await app.start();
      else this.server = await this.listen(receiver as HTTPReceiver, host, port);
    } catch (error) {
      this.app = undefined;
      if (this.slack.socketMode) await app.stop().catch(() => undefined);
      const what = this.slack.socketMode ? "Socket Mode could not connect (apps.connections.open with SLACK_APP_TOKEN)" : `Slack HTTP mode could not listen on ${host}:${port}`;
      throw new Error(`${what}: ${slackErrorCode(error)}`, { cause: error });
    }
    this.connected = true;
    this.context.logger.info(
      { adapter: ADAPTER, mode: this.slack.socketMode ? "socket" : "http", address: this.address(), bot: auth.user_id, team: auth.team_id },
      "Slack adapter started",
    );
  }

  /**
   * Stops taking new connections or events, lets what already arrived be acknowledged and answered within the
   * grace period (SHUTDOWN_GRACE_SECONDS), counts what could not be, then closes the connections.
   */
  async stop(): Promise<void> {
    const app = this.app;
    if (!app) return;
    this.app = undefined;
    const wasConnected = this.connected;
    this.connected = false;
    const graceMs = this.context.config.shutdownGraceSeconds * 1000;
    const server = this.server;
    // HTTP: no new connections. http.Server.close() would also drop idle keep-alive connections at once, racing
    // any request a client is sending on one (it would be reset); closing only the listener leaves them to finish,
    // and every answer from now on says `Connection: close`.
    this.draining = true;
    const serverClosed = server ? new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve())) : undefined;
    // Socket Mode: the socket closes (no new envelopes); receiver.stop() does not wait for the handshake, this does.
    const client = this.socketMode?.client;
    const disconnected = client && wasConnected ? new Promise<void>((resolve) => client.once("disconnected", () => resolve())) : undefined;
    if (this.slack.socketMode) {
      try {
        await app.stop();
      } catch (error) {
        this.context.logger.warn({ adapter: ADAPTER, ...describeError(error) }, "stopping the Slack receiver failed");
      }
    }
    await this.inflight.drain(graceMs);
    server?.closeIdleConnections();
    await Promise.race([serverClosed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    server?.closeAllConnections();
    await Promise.race([Promise.all([serverClosed, disconnected]), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  ready(): boolean {
    return this.connected && (this.socketHealth?.connected ?? true);
  }

  /** Where HTTP mode listens (PORT=0 picks a free port); undefined in Socket Mode or before start. */
  address(): AddressInfo | undefined {
    const address = this.server?.address();
    return address && typeof address === "object" ? address : undefined;
  }

  /**
   * HTTP mode's server is ours, not Bolt's: replayed requests are refused before Bolt sees them, and shutdown can
   * stop accepting connections while it still acknowledges the requests already under way.
   */
  private async listen(receiver: HTTPReceiver, host: string, port: number): Promise<Server> {
    const server = createServer((req, res) => this.inflight.track(this.onRequest(receiver, req, res)));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    return server;
  }

  private async onRequest(receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.draining) res.shouldKeepAlive = false;
    try {
      if (req.method === "POST" && (req.url ?? "").split("?")[0] === SLACK_EVENTS_PATH) {
        const rawBody = Buffer.concat(await req.toArray());
        // Bolt reads the body from here instead of the (now consumed) stream.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = rawBody;
        const verdict = await replayVerdict(this.context.state, this.slack.signingSecret!, req.headers, rawBody);
        if (verdict === "unsigned") {
          this.context.logger.warn({ adapter: ADAPTER }, "refusing a request without a valid Slack signature (or older than five minutes)");
          res.writeHead(401).end();
          return;
        }
        if (verdict === "replayed" || verdict === "future") {
          this.context.metrics.replayRefused.inc({ adapter: ADAPTER, reason: verdict });
          this.context.logger.warn({ adapter: ADAPTER, reason: verdict }, verdict === "replayed" ? "refusing a replayed Slack request (its signature was already used)" : "refusing a Slack request timestamped in the future");
          res.writeHead(401).end();
          return;
        }
      }
      receiver.requestListener(req, res);
    } catch (error) {
      this.context.logger.warn({ adapter: ADAPTER, ...describeError(error) }, "Slack HTTP request failed");
      if (!res.headersSent) res.writeHead(req.method === "POST" ? 500 : 404).end();
    }
  }

  private httpReceiver(logger: BoltLogger): HTTPReceiver {
    if (!this.slack.signingSecret) throw new Error("SLACK_SIGNING_SECRET is required for Slack HTTP mode");
    // Every request to the events path was verified in onRequest (signature, age, replay): Bolt need not redo it.
    const receiver = new HTTPReceiver({ signingSecret: this.slack.signingSecret, signatureVerification: false, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
    guardHttpReceiver(receiver, this.context.logger);
    return receiver;
  }

  private socketModeReceiver(logger: BoltLogger, clientOptions: webApi.WebClientOptions): SocketModeReceiver {
    if (!this.slack.appToken) throw new Error("SLACK_APP_TOKEN is required for Slack Socket Mode");
    // installerOptions.clientOptions is what SocketModeClient builds its own WebClient from (apps.connections.open).
    const receiver = new SocketModeReceiver({ appToken: this.slack.appToken, logger, installerOptions: { clientOptions } });
    this.socketMode = receiver;
    guardSocketMode(receiver, this.context.logger);
    this.socketHealth = new ConnectionHealth().watch(receiver.client, SOCKET_MODE_EVENTS);
    receiver.client.on("connected", () => (this.connected = true));
    receiver.client.on("reconnecting", () => {
      this.connected = false;
      this.context.logger.warn({ adapter: ADAPTER }, "Socket Mode connection lost; reconnecting");
    });
    receiver.client.on("disconnected", () => (this.connected = false));
    return receiver;
  }

  /**
   * Work after the ack: timed into the latency histogram; a failure is logged and counted, never thrown.
   * It starts on a later turn of the event loop, so the ack (HTTP response or socket frame) is on its way first.
   */
  private run(event: string, work: () => Promise<void>): void {
    const nextTurn = new Promise<void>((resolve) => setImmediate(resolve));
    const task = nextTurn.then(() => this.context.metrics.time(ADAPTER, event, work)).catch((error: unknown) => {
      this.context.logger.error({ adapter: ADAPTER, event, ...describeError(error) }, "Slack reply failed");
    });
    this.inflight.track(task);
  }
}
