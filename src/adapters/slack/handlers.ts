// Slack events in, core calls, rendered replies out. Every listener acknowledges first and hands the work to
// `run`, so no lookup or API call can eat Slack's 3 seconds.
import type { App, BlockAction, ButtonAction, MessageShortcut, SlashCommand, webApi } from "@slack/bolt";
import type { Reply } from "../../core/card.js";
import { ACTION_ID_PREFIX, actionKindOf, renderSlackMessage, type SlackMessage } from "../../render/slack.js";
import { unescapeSlack } from "../../render/slack-mrkdwn.js";
import type { AdapterContext } from "../adapter.js";
import { describeError, isNoAccessError, slackErrorCode } from "./api-errors.js";
import { MESSAGE_SHORTCUT_ID, SLASH_COMMAND } from "./constants.js";
import type { SlackDeduper } from "./dedupe.js";
import type { ReplyRequestStore } from "./request-store.js";
import type { ResponseUrlMessage } from "./respond.js";

const ADAPTER = "slack";
/** A mention's text up to this long, on one line, is a query (`@errcode -29036`); longer is a paste to scan. */
/** Message subtypes that are still a person writing in the conversation. */
const PERSON_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

export const EXPIRED_BUTTON_TEXT = "This button has expired (long requests are kept for a day, and not across restarts). Run /errcode again.";

export interface SlackHandlerDeps {
  context: AdapterContext;
  client: webApi.WebClient;
  botUserId: string;
  deduper: SlackDeduper;
  requests: ReplyRequestStore;
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

/** A card shown to everyone has no "Share in channel" button. */
function withoutShare(reply: Reply): Reply {
  return { ...reply, actions: reply.actions.filter((a) => a.kind !== "share") };
}

export class SlackHandlers {
  private readonly mention: RegExp;

  constructor(private readonly deps: SlackHandlerDeps) {
    const id = deps.botUserId.replace(/[^\w]/g, "");
    this.mention = new RegExp(`<@${id}(?:\\|[^>]*)?>`, "g");
  }

  register(app: App): void {
    const { run, deduper, context } = this.deps;

    // Events are acknowledged by Bolt before any middleware runs; this only decides whether to handle them.
    app.use(async ({ body, context: boltContext, next }) => {
      const envelope = body as { type?: string; event_id?: string };
      if (envelope.type === "event_callback") {
        if (!deduper.firstEvent(envelope.event_id)) {
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

  /** `/errcode <query>`: the card for the caller alone, or for the channel in an on-call channel. */
  async command(command: SlashCommand): Promise<void> {
    const { errcode, config } = this.deps.context;
    const reply = errcode.command(unescapeSlack(command.text ?? ""));
    this.countLookup(reply);
    const channelName = `#${command.channel_name ?? ""}`;
    const inChannel = config.oncallChannels.some((c) => c === command.channel_id || c === channelName || `#${c}` === channelName);
    const shown = inChannel ? withoutShare(reply) : reply;
    await this.deps.respond(command.response_url, { response_type: inChannel ? "in_channel" : "ephemeral", ...this.render(shown) });
  }

  /** A card's button: share it, show every match, or switch language. */
  async button(body: BlockAction<ButtonAction>, action: ButtonAction): Promise<void> {
    const kind = actionKindOf(action.action_id);
    const request = this.deps.requests.resolve(action.value);
    if (!kind || request === "invalid") {
      this.deps.context.logger.warn({ adapter: ADAPTER, actionId: action.action_id }, "ignoring a button errcode did not make");
      return;
    }
    if (request === "expired") {
      await this.deps.respond(body.response_url, { response_type: "ephemeral", replace_original: false, text: EXPIRED_BUTTON_TEXT });
      return;
    }
    const reply = this.deps.context.errcode.replay(request);
    this.countLookup(reply);
    const container = body.container as { is_ephemeral?: boolean; channel_id?: string; thread_ts?: string };
    if (kind === "share") return this.share(body, container, reply);
    // On the presser's own private card, show-all and language replace it. On a card the channel sees, one
    // person's click must not change it for everyone: they get their own private copy instead.
    if (container.is_ephemeral) await this.deps.respond(body.response_url, { replace_original: true, ...this.render(reply) });
    else await this.deps.respond(body.response_url, { response_type: "ephemeral", replace_original: false, ...this.render(reply) });
  }

  /**
   * Posts an ephemeral card for everyone: into its thread when it is in one (chat.postMessage), otherwise through
   * the response_url as an in-channel message, which also works where the bot is not a member. Then the
   * ephemeral copy is deleted.
   */
  private async share(body: BlockAction<ButtonAction>, container: { channel_id?: string; thread_ts?: string }, reply: Reply): Promise<void> {
    const message = this.render(withoutShare(reply));
    const channel = container.channel_id ?? body.channel?.id;
    let posted = false;
    if (channel && container.thread_ts) posted = await this.postPublic(channel, container.thread_ts, message, "share");
    if (!posted) await this.deps.respond(body.response_url, { response_type: "in_channel", replace_original: false, ...message });
    await this.deps.respond(body.response_url, { delete_original: true });
  }

  /**
   * The "Explain error codes" message shortcut: an ephemeral card for the person who asked, in the message's
   * thread when the message is in one. Where the bot cannot post (not a member), the response_url still can.
   */
  async shortcut(shortcut: MessageShortcut): Promise<void> {
    const reply = this.deps.context.errcode.explainMessage(shortcut.message.text ?? "");
    this.countLookup(reply);
    const message = this.render(reply);
    const threadTs = typeof shortcut.message.thread_ts === "string" ? shortcut.message.thread_ts : undefined;
    try {
      await this.deps.client.chat.postEphemeral({ channel: shortcut.channel.id, user: shortcut.user.id, ...(threadTs ? { thread_ts: threadTs } : {}), ...message });
    } catch (error) {
      if (!isNoAccessError(error)) throw error;
      this.countApiError(error, "shortcut");
      await this.deps.respond(shortcut.response_url, { response_type: "ephemeral", ...message });
    }
  }

  /** Auto-explain: a message with a confident code, in a channel where that is on, gets one reply in its thread. */
  async message(event: IncomingMessage): Promise<void> {
    const { errcode, policy, metrics } = this.deps.context;
    if (!PERSON_SUBTYPES.has(event.subtype) || event.bot_id || !event.user || event.user === this.deps.botUserId || !event.text) return;
    // A DM to the bot is a question to it, whatever AUTO_EXPLAIN_CHANNELS says: answered like a mention.
    if (event.channel_type === "im") return this.mentioned(event);
    // A mention in a channel also arrives as app_mention, which answers it.
    if (this.mentionsBot(event.text)) return;
    if (!policy.enabledIn(event.channel)) return;
    if (!this.deps.deduper.firstReplyTo(event.channel, event.ts)) return;
    const scope = event.thread_ts ? `${event.channel}:${event.thread_ts}` : event.channel;
    const outcome = errcode.autoReply(event.text, policy, { channel: event.channel, scope });
    if (!outcome) return;
    metrics.detections.inc({ adapter: ADAPTER }, outcome.detections.length);
    if (!outcome.reply) {
      metrics.suppressed.inc({ adapter: ADAPTER, reason: outcome.silentBecause });
      return;
    }
    if (await this.postPublic(event.channel, event.thread_ts ?? event.ts, this.render(withoutShare(outcome.reply)), "auto-explain")) {
      metrics.autoReplies.inc({ adapter: ADAPTER });
    }
  }

  /**
   * `@errcode -29036`, or a mention above pasted text: answered in the thread, whatever the channel policy.
   * In a DM the answer comes straight back, not in a thread, unless the question was asked in one.
   */
  async mentioned(event: IncomingMessage): Promise<void> {
    if (event.subtype || event.bot_id || event.user === this.deps.botUserId) return;
    if (!this.deps.deduper.firstReplyTo(event.channel, event.ts)) return;
    const { errcode } = this.deps.context;
    const text = (event.text ?? "").replace(this.mention, " ").trim();
    const reply = errcode.command(unescapeSlack(text));
    this.countLookup(reply);
    const threadTs = event.channel_type === "im" ? event.thread_ts : (event.thread_ts ?? event.ts);
    await this.postPublic(event.channel, threadTs, this.render(withoutShare(reply)), "mention");
  }

  private mentionsBot(text: string): boolean {
    this.mention.lastIndex = 0;
    return this.mention.test(text);
  }

  private render(reply: Reply): SlackMessage {
    this.deps.requests.remember(reply);
    return renderSlackMessage(reply);
  }

  /** chat.postMessage (in a thread when given one); false (logged, counted) where the bot may not post, other failures throw. */
  private async postPublic(channel: string, threadTs: string | undefined, message: SlackMessage, purpose: string): Promise<boolean> {
    try {
      await this.deps.client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message, unfurl_links: false, unfurl_media: false });
      return true;
    } catch (error) {
      if (!isNoAccessError(error)) throw error;
      this.countApiError(error, purpose, channel);
      return false;
    }
  }

  private countLookup(reply: Reply): void {
    this.deps.context.metrics.lookups.inc({ adapter: ADAPTER, result: reply.kind });
  }

  private countApiError(error: unknown, purpose: string, channel?: string): void {
    this.deps.context.metrics.errors.inc({ adapter: ADAPTER, kind: slackErrorCode(error) });
    this.deps.context.logger.warn({ adapter: ADAPTER, purpose, channel, ...describeError(error) }, "Slack refused the post (is the bot a member of the channel?)");
  }
}
