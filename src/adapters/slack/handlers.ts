// Slack payloads in as core events, the core's intents carried out as Slack calls. Every listener acknowledges
// first and hands the work to `run`, so no lookup or API call can eat Slack's 3 seconds.
import type { App, BlockAction, ButtonAction, MessageShortcut, SlashCommand, webApi } from "@slack/bolt";
import type { Reply } from "../../core/card.js";
import type { Conversation } from "../../core/events.js";
import type { Intent } from "../../core/intents.js";
import type { ChatPipeline, Delivery } from "../../core/pipeline.js";
import { ACTION_ID_PREFIX, actionKindOf, renderSlackMessage, type SlackMessage } from "../../render/slack.js";
import { escapeSlack, unescapeSlack } from "../../render/slack-mrkdwn.js";
import type { AdapterContext } from "../adapter.js";
import { describeError, isNoAccessError, slackErrorCode } from "./api-errors.js";
import { MESSAGE_SHORTCUT_ID, SLASH_COMMAND } from "./constants.js";
import { firstDelivery } from "./dedupe.js";
import type { ResponseUrlMessage } from "./respond.js";

const ADAPTER = "slack";
/** Message subtypes that are still a person writing in the conversation. */
const PERSON_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

export interface SlackHandlerDeps {
  context: AdapterContext;
  pipeline: ChatPipeline;
  client: webApi.WebClient;
  botUserId: string;
  /** How long event ids are remembered against Slack's retries. */
  dedupeTtlMs?: number;
  respond: (responseUrl: string, message: ResponseUrlMessage) => Promise<void>;
  /** Runs work after the ack: timed, counted, never thrown out. */
  run: (event: string, work: () => Promise<void>) => void;
}

/** What a `message` or `app_mention` event carries that matters here. */
interface IncomingMessage {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

function unexpected(intent: Intent): never {
  throw new Error(`the Slack adapter cannot carry out a ${intent.kind} intent here`);
}

export class SlackHandlers {
  private readonly mention: RegExp;

  constructor(private readonly deps: SlackHandlerDeps) {
    const id = deps.botUserId.replace(/[^\w]/g, "");
    this.mention = new RegExp(`<@${id}(?:\\|[^>]*)?>`, "g");
  }

  register(app: App): void {
    const { run, context } = this.deps;

    // Events are acknowledged by Bolt before any middleware runs; this only decides whether to handle them.
    app.use(async ({ body, context: boltContext, next }) => {
      const envelope = body as { type?: string; event_id?: string };
      if (envelope.type === "event_callback") {
        if (!(await firstDelivery(context.state, envelope.event_id, this.deps.dedupeTtlMs))) {
          context.logger.info({ adapter: ADAPTER, eventId: envelope.event_id, retryNum: boltContext.retryNum }, "dropping a redelivered Slack event");
          return;
        }
        if (boltContext.retryNum) {
          context.logger.info({ adapter: ADAPTER, eventId: envelope.event_id, retryNum: boltContext.retryNum, retryReason: boltContext.retryReason }, "handling a Slack retry whose original was not seen");
        }
      }
      await next();
    });

    app.command(SLASH_COMMAND, async ({ command, ack }) => {
      await ack();
      run("command", () => this.command(command));
    });

    app.action<BlockAction<ButtonAction>>({ type: "block_actions", action_id: new RegExp(`^${ACTION_ID_PREFIX}`) }, async ({ ack, body, action }) => {
      await ack();
      run("action", () => this.button(body, action));
    });

    app.shortcut<MessageShortcut>({ type: "message_action", callback_id: MESSAGE_SHORTCUT_ID }, async ({ ack, shortcut }) => {
      await ack();
      run("shortcut", () => this.shortcut(shortcut));
    });

    app.event("message", async ({ event }) => {
      run("message", () => this.message(event as unknown as IncomingMessage));
    });

    app.event("app_mention", async ({ event }) => {
      run("mention", () => this.mentioned(event as unknown as IncomingMessage));
    });
  }

  /** `/errcode <query>`: answered through the response_url, for the caller or for the channel. */
  async command(command: SlashCommand): Promise<void> {
    const where: Conversation = { channel: command.channel_id, channelName: command.channel_name };
    await this.deps.pipeline.handle({ kind: "command", where, text: unescapeSlack(command.text ?? "") }, async (intent) => {
      if (intent.kind !== "answer") unexpected(intent);
      await this.deps.respond(command.response_url, { response_type: intent.visibility === "public" ? "in_channel" : "ephemeral", ...this.render(intent.reply) });
    });
  }

  /** A card's button: share it, show every match, or switch language. */
  async button(body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
    const kind = actionKindOf(action.action_id);
    if (!kind) {
      this.deps.context.logger.warn({ adapter: ADAPTER, actionId: action.action_id }, "ignoring a button errcode did not make");
      return;
    }
    const container = body.container as { is_ephemeral?: boolean; channel_id?: string; thread_ts?: string };
    const channel = container.channel_id ?? body.channel?.id ?? "";
    const event = { kind: "action" as const, where: { channel, thread: container.thread_ts }, action: kind, payload: action.value, onPrivateCard: !!container.is_ephemeral };
    await this.deps.pipeline.handle(event, async (intent) => {
      const url = body.response_url;
      switch (intent.kind) {
        case "notice":
          // A notice can quote catalog text and pasted request ids: escaped, so nothing in it becomes a mention.
          return this.deps.respond(url, { response_type: "ephemeral", replace_original: false, text: escapeSlack(intent.text) });
        case "share":
          return this.share(url, channel, container.thread_ts, intent.reply);
        case "update":
          return this.deps.respond(url, { replace_original: true, ...this.render(intent.reply) });
        case "answer":
          return this.deps.respond(url, { response_type: "ephemeral", replace_original: false, ...this.render(intent.reply) });
        default:
          unexpected(intent);
      }
    });
  }

  /**
   * Posts an ephemeral card for everyone: into its thread when it is in one (chat.postMessage), otherwise through
   * the response_url as an in-channel message, which also works where the bot is not a member. Then the
   * ephemeral copy is deleted.
   */
  private async share(responseUrl: string, channel: string, threadTs: string | undefined, reply: Reply): Promise<void> {
    const message = this.render(reply);
    let posted = false;
    if (channel && threadTs) posted = (await this.postPublic(channel, threadTs, message, "share")) !== false;
    if (!posted) await this.deps.respond(responseUrl, { response_type: "in_channel", replace_original: false, ...message });
    await this.deps.respond(responseUrl, { delete_original: true });
  }

  /**
   * The "Explain error codes" message shortcut: an ephemeral card for the person who asked, in the message's
   * thread when the message is in one. Where the bot cannot post (not a member), the response_url still can.
   */
  async shortcut(shortcut: MessageShortcut): Promise<void> {
    const threadTs = typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : undefined;
    const event = { kind: "command" as const, scan: true, public: false, where: { channel: shortcut.channel.id, thread: threadTs }, text: shortcut.message.text ?? "" };
    await this.deps.pipeline.handle(event, async (intent) => {
      if (intent.kind !== "answer") unexpected(intent);
      const message = this.render(intent.reply);
      try {
        await this.deps.client.chat.postEphemeral({ channel: shortcut.channel.id, user: shortcut.user.id, ...(threadTs ? { thread_ts: threadTs } : {}), ...message });
      } catch (error) {
        if (!isNoAccessError(error)) throw error;
        this.countApiError(error, "shortcut");
        await this.deps.respond(shortcut.response_url, { response_type: "ephemeral", ...message });
      }
    });
  }

  /** A person's message: auto-explain candidate (the core decides), or a question when it is a DM. */
  async message(event: IncomingMessage): Promise<void> {
    if (!PERSON_SUBTYPES.has(event.subtype) || event.bot_id || !event.user || event.user === this.deps.botUserId || !event.text) return;
    // A DM to the bot is a question to it, whatever AUTO_EXPLAIN_CHANNELS says: answered like a mention.
    if (event.channel_type === "im") return this.mentioned(event);
    // A mention in a channel also arrives as app_mention, which answers it.
    if (this.mentionsBot(event.text)) return;
    const where: Conversation = { channel: event.channel, thread: event.thread_ts };
    await this.deps.pipeline.handle({ kind: "message", where, text: event.text, messageId: event.ts }, (intent) => this.replyInThread(intent, event.channel, event.thread_ts ?? event.ts, "auto-explain"));
  }

  /**
   * `@errcode -29036`, or a mention above pasted text: answered in the thread, whatever the channel policy.
   * In a DM the answer comes straight back, not in a thread, unless the question was asked in one.
   */
  async mentioned(event: IncomingMessage): Promise<void> {
    if (event.subtype || event.bot_id || event.user === this.deps.botUserId) return;
    const direct = event.channel_type === "im";
    const text = unescapeSlack((event.text ?? "").replace(this.mention, " ").trim());
    const where: Conversation = { channel: event.channel, thread: event.thread_ts, direct };
    const threadTs = direct ? event.thread_ts : (event.thread_ts ?? event.ts);
    await this.deps.pipeline.handle({ kind: "mention", where, text, messageId: event.ts }, (intent) => this.replyInThread(intent, event.channel, threadTs, "mention"));
  }

  /** A reply in the thread (reporting the message that holds it), or an earlier card of ours redrawn (chat.update). */
  private async replyInThread(intent: Intent, channel: string, threadTs: string | undefined, purpose: string): Promise<Delivery> {
    if (intent.kind === "edit") {
      await this.deps.client.chat.update({ channel, ts: intent.messageId, ...this.render(intent.reply) });
      return true;
    }
    if (intent.kind !== "thread-reply") unexpected(intent);
    const ts = await this.postPublic(channel, threadTs, this.render(intent.reply), purpose);
    return ts === false ? false : { messageId: ts };
  }

  private mentionsBot(text: string): boolean {
    this.mention.lastIndex = 0;
    return this.mention.test(text);
  }

  private render(reply: Reply): SlackMessage {
    return renderSlackMessage(reply);
  }

  /** chat.postMessage (in a thread when given one): the message's ts; false (logged, counted) where the bot may not post, other failures throw. */
  private async postPublic(channel: string, threadTs: string | undefined, message: SlackMessage, purpose: string): Promise<string | false> {
    try {
      const posted = await this.deps.client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message, unfurl_links: false, unfurl_media: false });
      return posted.ts ?? "";
    } catch (error) {
      if (!isNoAccessError(error)) throw error;
      this.countApiError(error, purpose, channel);
      return false;
    }
  }

  private countApiError(error: unknown, purpose: string, channel?: string): void {
    this.deps.context.metrics.errors.inc({ adapter: ADAPTER, kind: slackErrorCode(error) });
    this.deps.context.logger.warn({ adapter: ADAPTER, purpose, channel, ...describeError(error) }, "Slack refused the post (is the bot a member of the channel?)");
  }
}
