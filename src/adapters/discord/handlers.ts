// Discord events in, core call, rendered reply out. No lookup logic here: the core decides what to say.
import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type Message,
  type MessageContextMenuCommandInteraction,
  type MessageReplyOptions,
} from "discord.js";
import type { Lang, Reply } from "../../core/card.js";
import { decodeCustomId, renderDiscordMessage, storedRequests, type DiscordMessage } from "../../render/discord.js";
import type { AdapterContext } from "../adapter.js";
import { ButtonRequests } from "../button-requests.js";
import { autocompleteChoices, catalogChoices } from "./autocomplete.js";
import { COMMAND_NAME, CONTEXT_MENU_NAME } from "./commands.js";

export const ADAPTER = "discord";

const EXPIRED_BUTTON = "That button has expired (the bot restarted or the answer is old). Run `/errcode` again.";
const FAILED = "Sorry, errcode failed to answer that. The error is logged; try again in a moment.";

/** zh-CN / zh-TW (and any other Chinese locale) read Chinese first; everything else English. */
export function langFor(locale: string | null | undefined): Lang {
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** Everything a person can read in a message: its text and the text of its embeds (alerts often come as embeds). */
export function messageText(message: Message): string {
  const parts = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? "", embed.description ?? "", ...embed.fields.map((f) => `${f.name}: ${f.value}`), embed.footer?.text ?? "");
  }
  return parts.filter((p) => p.trim()).join("\n");
}

function discordErrorCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

export interface HandlerState {
  /** The MessageContent intent was granted: guild messages arrive with their text, so auto-explain can run. */
  messageContent(): boolean;
  botUserId(): string | undefined;
}

export class DiscordHandlers {
  /** Button requests too long for a 100-character custom_id, by key. */
  private readonly requests = new ButtonRequests();

  constructor(
    private readonly context: AdapterContext,
    private readonly state: HandlerState,
  ) {}

  // -------------------------------------------------------------------------------------------------------------
  // Interactions

  async onInteraction(interaction: Interaction): Promise<void> {
    const event = interaction.isAutocomplete()
      ? "autocomplete"
      : interaction.isChatInputCommand()
        ? "command"
        : interaction.isMessageContextMenuCommand()
          ? "context-menu"
          : interaction.isButton()
            ? "button"
            : "interaction";
    const end = this.context.metrics.latency.startTimer({ adapter: ADAPTER, event });
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand() && interaction.commandName === COMMAND_NAME) await this.slashCommand(interaction);
      else if (interaction.isMessageContextMenuCommand() && interaction.commandName === CONTEXT_MENU_NAME) await this.contextMenu(interaction);
      else if (interaction.isButton() && decodeCustomId(interaction.customId)) await this.button(interaction);
      else if (interaction.isRepliable()) {
        // A command from an old registration, or someone else's button: answer rather than leave it spinning.
        await interaction.reply({ content: "errcode does not know that command any more; try `/errcode`.", flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
    } catch (error) {
      await this.interactionFailed(interaction, event, error);
    } finally {
      end();
    }
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const index = this.context.errcode.index;
    const choices =
      interaction.commandName !== COMMAND_NAME
        ? []
        : focused.name === "catalog"
          ? catalogChoices(index, String(focused.value))
          : focused.name === "query"
            ? autocompleteChoices(index, String(focused.value), { catalog: this.chosenCatalog(interaction.options.getString("catalog")), lang: langFor(interaction.locale) })
            : [];
    await interaction.respond(choices);
  }

  /** The `catalog` option is typed with autocomplete, not picked from fixed choices: an id, alias or name. */
  private chosenCatalog(typed: string | null): string | undefined {
    if (!typed?.trim()) return undefined;
    const index = this.context.errcode.index;
    return index.catalogFor(typed.trim()) ?? index.catalogs.find((c) => c.name.toLowerCase() === typed.trim().toLowerCase())?.id;
  }

  private async slashCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const query = interaction.options.getString("query", true);
    const typed = interaction.options.getString("catalog");
    const catalog = this.chosenCatalog(typed);
    if (typed && !catalog) {
      const have = this.context.errcode.index.catalogs.map((c) => c.id).join(", ");
      await interaction.reply({ content: `No catalog "${typed.slice(0, 100)}". Pick one of: ${have}.`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    const lang = langFor(interaction.locale);
    const reply = this.context.errcode.command(query, { lang, catalog });
    this.context.metrics.lookups.inc({ adapter: ADAPTER, result: reply.kind });
    const ephemeral = this.answerPrivately(interaction.options.getBoolean("public"), interaction.channelId, interaction.channel);
    await interaction.reply(this.interactionPayload(reply, ephemeral));
  }

  private async contextMenu(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    // A message command's target arrives with its content even without the MessageContent intent.
    const reply = this.context.errcode.explainMessage(messageText(interaction.targetMessage), { lang: langFor(interaction.locale) });
    this.context.metrics.lookups.inc({ adapter: ADAPTER, result: reply.kind });
    await interaction.reply(this.interactionPayload(reply, this.answerPrivately(null, interaction.channelId, interaction.channel)));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const decoded = decodeCustomId(interaction.customId)!;
    const request = "request" in decoded ? decoded.request : this.requests.find(decoded.key);
    if (!request) {
      await interaction.reply({ content: EXPIRED_BUTTON, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    const reply = this.context.errcode.replay(request);
    this.context.metrics.lookups.inc({ adapter: ADAPTER, result: reply.kind });
    if (decoded.kind === "share") {
      await interaction.reply(this.interactionPayload(reply, false));
    } else if (interaction.message.flags.has(MessageFlags.Ephemeral)) {
      // Only the presser sees this message: change it in place.
      const { flags: _ephemeral, ...update } = this.interactionPayload(reply, true);
      await interaction.update(update);
    } else {
      // A message everyone sees: one person's "中文" or "Show all" must not change it under the others.
      await interaction.reply(this.interactionPayload(reply, true));
    }
  }

  /** Default private; public when asked, or by default in an on-call channel (or a thread in one). */
  private answerPrivately(asked: boolean | null, channelId: string | null, channel: Interaction["channel"]): boolean {
    if (asked !== null) return !asked;
    const oncall = this.context.config.oncallChannels;
    const parentId = channel && "parentId" in channel && channel.isThread() ? channel.parentId : null;
    return !((channelId && oncall.includes(channelId)) || (parentId && oncall.includes(parentId)));
  }

  private async interactionFailed(interaction: Interaction, event: string, error: unknown): Promise<void> {
    const code = discordErrorCode(error);
    if (code === RESTJSONErrorCodes.UnknownInteraction || code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged) {
      // Discord gave up on the interaction before our answer arrived (3 s), or another instance answered it.
      this.context.logger.warn({ event, interactionId: interaction.id, code }, code === RESTJSONErrorCodes.UnknownInteraction ? "interaction expired before the answer arrived (10062 Unknown interaction)" : "interaction was already answered (40060)");
      this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "expired-interaction" });
      return;
    }
    this.context.logger.error({ err: error, event, interactionId: interaction.id }, "discord interaction failed");
    this.context.metrics.errors.inc({ adapter: ADAPTER, kind: event });
    if (!interaction.isRepliable() || interaction.replied || interaction.deferred) return;
    try {
      await interaction.reply({ content: FAILED, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    } catch (second) {
      this.context.logger.warn({ err: second, interactionId: interaction.id }, "could not tell the user the interaction failed");
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Messages: mentions, DMs, auto-explain

  async onMessage(message: Message): Promise<void> {
    if (message.author.bot || message.webhookId || message.system) return;
    const me = this.state.botUserId();
    // A real `@errcode` in the text, not just a reply that happens to ping the bot.
    const mention = me ? new RegExp(`<@!?${me}>`, "g") : undefined;
    try {
      if (mention && message.content.match(mention)) {
        await this.timed("mention", () => this.explicit(message, message.content.replace(mention, " ").trim()));
      } else if (!message.inGuild()) {
        // In a DM everything is addressed to the bot.
        await this.timed("dm", () => this.explicit(message, message.content.trim()));
      } else if (this.state.messageContent()) {
        await this.autoExplain(message);
      }
    } catch (error) {
      this.context.logger.error({ err: error, channelId: message.channelId, messageId: message.id }, "discord message handling failed");
      this.context.metrics.errors.inc({ adapter: ADAPTER, kind: "message" });
    }
  }

  private async timed(event: string, work: () => Promise<void>): Promise<void> {
    const end = this.context.metrics.latency.startTimer({ adapter: ADAPTER, event });
    try {
      await work();
    } finally {
      end();
    }
  }

  /** `@errcode -29036`, a DM, or `@errcode` alone in reply to a message (explains that message). */
  private async explicit(message: Message, text: string): Promise<void> {
    const lang = langFor(message.guild?.preferredLocale);
    let reply: Reply;
    const referenced = !text && message.reference?.messageId ? await this.referencedText(message) : undefined;
    if (referenced) reply = this.context.errcode.explainMessage(referenced, { lang });
    else reply = this.context.errcode.command(text, { lang });
    this.context.metrics.lookups.inc({ adapter: ADAPTER, result: reply.kind });
    await message.reply(this.messagePayload(reply));
  }

  private async referencedText(message: Message): Promise<string | undefined> {
    try {
      return messageText(await message.fetchReference());
    } catch (error) {
      this.context.logger.warn({ err: error, messageId: message.id }, "could not fetch the message a mention replied to; answering with help");
      return undefined;
    }
  }

  private async autoExplain(message: Message<true>): Promise<void> {
    const { policy, errcode, metrics } = this.context;
    const channel = message.channel;
    const thread = channel.isThread();
    // The policy is configured per channel; a thread follows its parent unless it is listed itself.
    const policyChannel = thread && !policy.enabledIn(channel.id) && channel.parentId ? channel.parentId : channel.id;
    if (!policy.enabledIn(policyChannel)) return;
    const started = performance.now();
    const lang = langFor(message.guild.preferredLocale);
    const outcome = errcode.autoReply(message.content, policy, { channel: policyChannel, scope: channel.id }, lang);
    if (!outcome) return;
    metrics.detections.inc({ adapter: ADAPTER }, outcome.detections.length);
    if (!outcome.reply) {
      metrics.suppressed.inc({ adapter: ADAPTER, reason: outcome.silentBecause });
      this.context.logger.debug({ channelId: channel.id, reason: outcome.silentBecause, codes: outcome.detections.map((d) => d.code) }, "auto-explain stays silent");
      return;
    }
    await message.reply(this.messagePayload(outcome.reply));
    metrics.autoReplies.inc({ adapter: ADAPTER });
    metrics.latency.observe({ adapter: ADAPTER, event: "auto-explain" }, (performance.now() - started) / 1000);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Payloads

  private render(reply: Reply, ephemeral: boolean): DiscordMessage {
    for (const { key, request } of storedRequests(reply)) this.requests.keep(key, request);
    return renderDiscordMessage(reply, { ephemeral });
  }

  private interactionPayload(reply: Reply, ephemeral: boolean): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
    const message = this.render(reply, ephemeral);
    return {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowedMentions: message.allowed_mentions,
      ...(message.flags ? { flags: message.flags } : {}),
    };
  }

  /** A reply to a message: references it, pings nobody (not even its author). */
  private messagePayload(reply: Reply): MessageReplyOptions {
    const message = this.render(reply, false);
    return {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowedMentions: { ...message.allowed_mentions, repliedUser: false },
      failIfNotExists: false,
    };
  }
}
