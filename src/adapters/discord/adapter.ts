// The Discord adapter: a discord.js gateway client that answers /errcode, the message context menu,
// mentions, DMs and buttons, and auto-explains codes in configured channels.
import { Client, Events, GatewayCloseCodes, GatewayIntentBits, Options, Partials, REST, RESTEvents, type ClientOptions, type Message, type Interaction } from "discord.js";
import type { Adapter, AdapterContext } from "../adapter.js";
import { InFlight } from "../in-flight.js";
import { registerCommands } from "./commands.js";
import { ADAPTER, DiscordHandlers } from "./handlers.js";
import { guardGateway } from "./validate.js";
import { ConnectionHealth, GATEWAY_EVENTS } from "../connection-health.js";

const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

const NO_MESSAGE_CONTENT =
  "Discord refused the privileged MessageContent intent (close code 4014): it is not enabled for this application. " +
  "Reconnected without it: /errcode, the 'Explain error codes' menu, mentions and DMs work; auto-explain is OFF. " +
  "To turn it on, enable Bot > Privileged Gateway Intents > Message Content Intent in the Discord Developer Portal and restart.";

/**
 * The REST base for discord.js (`rest.api`): Discord's own by default, or DISCORD_API_URL (a rate-limit proxy,
 * or the tests' fake). The API version is added by discord.js, so a pasted `/v10` suffix is dropped.
 */
export function restApiBase(apiUrl: string | undefined): string | undefined {
  return apiUrl?.replace(/\/+$/, "").replace(/\/v\d+$/, "") || undefined;
}

export function clientOptions(apiUrl: string | undefined, messageContent: boolean): ClientOptions {
  const api = restApiBase(apiUrl);
  return {
    intents: messageContent ? [...BASE_INTENTS, GatewayIntentBits.MessageContent] : BASE_INTENTS,
    // DM channels are not cached, so their messages arrive only with the Channel partial.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    failIfNotExists: false,
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 25 }),
    ...(api ? { rest: { api } } : {}),
  };
}

export class DiscordAdapter implements Adapter {
  readonly name = "discord";
  private client?: Client;
  private readonly handlers: DiscordHandlers;
  private messageContent = true;
  private stopping = false;
  private gateway?: ConnectionHealth;
  private readonly inFlight: InFlight;

  constructor(private readonly context: AdapterContext) {
    if (!context.config.discord) throw new Error("DiscordAdapter needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
    this.inFlight = new InFlight("discord", context.metrics, context.logger);
    this.handlers = new DiscordHandlers(context, {
      messageContent: () => this.messageContent,
      botUserId: () => this.client?.user?.id,
    });
  }

  private get settings() {
    return this.context.config.discord!;
  }

  /** Whether auto-explain can read guild messages (false after Discord refused the MessageContent intent). */
  get hasMessageContent(): boolean {
    return this.messageContent;
  }

  async start(): Promise<void> {
    const { logger } = this.context;
    if (this.settings.registerCommands) await this.register();
    // MessageContent is privileged: ask for it only when auto-explain has somewhere to run. Mentions, DMs and
    // the context menu get message text without it.
    this.messageContent = this.context.config.autoExplain.channels.length > 0;
    if (!this.messageContent) logger.info("auto-explain is off (AUTO_EXPLAIN_CHANNELS is empty), so the privileged MessageContent intent is not requested");
    try {
      this.client = await this.connect(this.messageContent);
    } catch (error) {
      if (!isDisallowedIntents(error)) throw loginError(error);
      this.messageContent = false;
      logger.warn({ autoExplainChannels: this.context.config.autoExplain.channels }, NO_MESSAGE_CONTENT);
      this.client = await this.connect(false).catch((second: unknown) => {
        throw loginError(second);
      });
    }
    logger.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size, messageContent: this.messageContent }, "discord connected");
  }

  /**
   * Closes the gateway first (no new events), then lets the replies already under way (queued behind a rate
   * limit, say) go out through REST within the grace period, counting any that cannot; then destroys the client,
   * which also drops its REST token.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const client = this.client;
    // WebSocketManager.destroy() is what Client.destroy() itself calls first; typed private, but it is how to close
    // the gateway while REST (and its token) stays up for the replies still queued.
    const gateway = client?.ws as unknown as { destroy(): Promise<void> } | undefined;
    await gateway?.destroy().catch((error: unknown) => this.context.logger.warn({ err: error }, "closing the discord gateway failed"));
    await this.inFlight.drain(this.context.config.shutdownGraceSeconds * 1000);
    await client?.destroy();
    this.client = undefined;
  }

  ready(): boolean {
    return !this.stopping && !!this.client?.isReady() && !!this.gateway?.connected;
  }

  private async register(): Promise<void> {
    const rest = new REST({ api: restApiBase(this.settings.apiUrl) }).setToken(this.settings.token);
    try {
      const result = await registerCommands(rest, this.settings.applicationId, this.settings.guildId);
      this.context.logger.info({ scope: result.scope, guildId: this.settings.guildId, commands: result.names }, "discord commands registered");
    } catch (error) {
      // Commands registered earlier keep working; a failed refresh must not keep the bot offline.
      this.context.logger.error({ err: error }, "discord command registration failed; run `npm run discord:register` to retry");
      this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "register" });
    } finally {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    }
  }

  private async connect(messageContent: boolean): Promise<Client> {
    const client = new Client(clientOptions(this.settings.apiUrl, messageContent));
    guardGateway(client, this.context.logger);
    this.gateway = new ConnectionHealth().watch(client as unknown as { on(event: string, listener: () => void): unknown }, GATEWAY_EVENTS);
    this.wire(client);
    let closeCode: number | undefined;
    const onDisconnect = (event: { code: number }) => (closeCode = event.code);
    client.on(Events.ShardDisconnect, onDisconnect);
    try {
      await client.login(this.settings.token);
    } catch (error) {
      client.removeAllListeners();
      throw closeCode === GatewayCloseCodes.DisallowedIntents ? new DisallowedIntentsError() : error;
    } finally {
      client.off(Events.ShardDisconnect, onDisconnect);
    }
    return client;
  }

  private wire(client: Client): void {
    const { logger, metrics } = this.context;
    client.on(Events.InteractionCreate, (interaction: Interaction) => this.track(this.handlers.onInteraction(interaction)));
    client.on(Events.MessageCreate, (message: Message) => this.track(this.handlers.onMessage(message)));
    client.on(Events.Error, (error) => {
      logger.error({ err: error }, "discord client error");
      metrics.errors.inc({ adapter: ADAPTER, kind: "client" });
    });
    client.on(Events.Warn, (message) => logger.warn({ discord: message }, "discord.js warning"));
    client.on(Events.Debug, (message) => logger.trace({ discord: message }, "discord.js debug"));
    client.on(Events.ShardError, (error, shardId) => logger.warn({ err: error, shardId }, "discord gateway connection error"));
    client.on(Events.ShardReconnecting, (shardId) => {
      if (!this.stopping) logger.warn({ shardId }, "discord gateway dropped; reconnecting");
    });
    client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, "discord gateway session resumed"));
    client.on(Events.ShardReady, (shardId) => logger.info({ shardId }, "discord gateway session ready"));
    client.on(Events.ShardDisconnect, (event, shardId) => {
      // During login, connect() handles the close itself; only a live client's loss matters here.
      if (this.stopping || client !== this.client) return;
      logger.error({ code: event.code, shardId }, "discord gateway closed for good (unrecoverable close code)");
      metrics.errors.inc({ adapter: ADAPTER, kind: "gateway" });
      if (event.code === GatewayCloseCodes.DisallowedIntents && this.messageContent) void this.reconnectWithoutMessageContent(client);
    });
    client.rest.on(RESTEvents.RateLimited, (info) =>
      logger.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }, "discord rate limit hit; request queued until it resets"),
    );
  }

  /** The intent was withdrawn while running (someone unticked it in the portal): carry on without it. */
  private async reconnectWithoutMessageContent(old: Client): Promise<void> {
    this.messageContent = false;
    this.context.logger.warn(NO_MESSAGE_CONTENT);
    await old.destroy().catch(() => undefined);
    try {
      this.client = await this.connect(false);
    } catch (error) {
      this.context.logger.error({ err: loginError(error) }, "discord reconnect without MessageContent failed");
      this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "gateway" });
    }
  }

  /** Runs a handler, never letting it escape, and remembers it so stop() can let it finish. */
  private track(work: Promise<void>): void {
    this.inFlight.track(
      work.catch((error: unknown) => {
        this.context.logger.error({ err: error }, "discord handler failed");
        this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "handler" });
      }),
    );
  }
}

class DisallowedIntentsError extends Error {
  constructor() {
    super("Discord closed the gateway with 4014 (disallowed intents)");
    this.name = "DisallowedIntentsError";
  }
}

function isDisallowedIntents(error: unknown): boolean {
  return error instanceof DisallowedIntentsError;
}

/** A start-up failure that says what to check; never includes the token. */
function loginError(error: unknown): Error {
  const status = (error as { status?: number }).status;
  const code = (error as { code?: string }).code;
  if (status === 401 || code === "TokenInvalid") return new Error("Discord rejected DISCORD_TOKEN (401): copy the bot token again from Bot > Reset Token", { cause: error });
  return new Error(`Discord login failed: ${(error as Error).message ?? String(error)}`, { cause: error });
}
