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
import type { Conversation } from "../../core/events.js";
import type { Intent } from "../../core/intents.js";
import type { ChatPipeline, Delivery } from "../../core/pipeline.js";
import { catalogNamed, catalogsMatching } from "../../core/suggest.js";
import { fitText } from "../../core/text-fit.js";
import { decodeCustomId, DISCORD_BUTTON_ROOM, DISCORD_LIMITS, neutralizeMentions, renderDiscordMessage } from "../../render/discord.js";
import { pipelineFor, type AdapterContext } from "../adapter.js";
import { COMMAND_NAME, CONTEXT_MENU_NAME } from "./commands.js";

export const ADAPTER = "discord";

/** Discord allows at most 25 autocomplete choices, each label at most 100 characters. */
export const MAX_AUTOCOMPLETE_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;
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

function unexpected(intent: Intent): never {
  throw new Error(`the Discord adapter cannot carry out a ${intent.kind} intent here`);
}

/** Where an interaction or message happened: a thread's parent channel is part of the address. */
function conversationOf(channelId: string | null, channel: Interaction["channel"] | Message["channel"]): Conversation {
  const parent = channel && "isThread" in channel && channel.isThread() ? (channel.parentId ?? undefined) : undefined;
  return { channel: channelId ?? "", ...(parent ? { parent } : {}), ...(channel?.isDMBased() ? { direct: true } : {}) };
}

export class DiscordHandlers {
  private readonly pipeline: ChatPipeline;

  constructor(
    private readonly context: AdapterContext,
    private readonly state: HandlerState,
  ) {
    this.pipeline = pipelineFor(context, { name: ADAPTER, buttonRoom: DISCORD_BUTTON_ROOM });
  }

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
    if (interaction.commandName === COMMAND_NAME && focused.name === "catalog") {
      const catalogs = catalogsMatching(this.context.errcode.index, String(focused.value), MAX_AUTOCOMPLETE_CHOICES);
      await interaction.respond(catalogs.map((c) => ({ name: fitText(`${c.name} (${c.id})`, MAX_CHOICE_LENGTH), value: c.id.slice(0, MAX_CHOICE_LENGTH) })));
      return;
    }
    if (interaction.commandName !== COMMAND_NAME || focused.name !== "query") {
      await interaction.respond([]);
      return;
    }
    const event = {
      kind: "autocomplete" as const,
      typed: String(focused.value),
      catalog: catalogNamed(this.context.errcode.index, interaction.options.getString("catalog")),
      lang: langFor(interaction.locale),
      limit: MAX_AUTOCOMPLETE_CHOICES,
      labelMax: MAX_CHOICE_LENGTH,
    };
    await this.pipeline.handle(event, async (intent) => {
      if (intent.kind !== "choices") unexpected(intent);
      await interaction.respond(intent.choices);
    });
  }


  private async slashCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const typed = interaction.options.getString("catalog");
    const catalog = catalogNamed(this.context.errcode.index, typed);
    if (typed && !catalog) {
      const have = this.context.errcode.index.catalogs.map((c) => c.id).join(", ");
      await interaction.reply({ content: `No catalog "${typed.slice(0, 100)}". Pick one of: ${have}.`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    const event = {
      kind: "command" as const,
      where: conversationOf(interaction.channelId, interaction.channel),
      text: interaction.options.getString("query", true),
      catalog,
      lang: langFor(interaction.locale),
      public: interaction.options.getBoolean("public") ?? undefined,
    };
    await this.pipeline.handle(event, (intent) => this.answer(interaction, intent));
  }

  private async contextMenu(interaction: MessageContextMenuCommandInteraction): Promise<void> {
    // A message command's target arrives with its content even without the MessageContent intent.
    const event = { kind: "command" as const, scan: true, where: conversationOf(interaction.channelId, interaction.channel), text: messageText(interaction.targetMessage), lang: langFor(interaction.locale) };
    await this.pipeline.handle(event, (intent) => this.answer(interaction, intent));
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const button = decodeCustomId(interaction.customId)!;
    const event = {
      kind: "action" as const,
      where: conversationOf(interaction.channelId, interaction.channel),
      action: button.kind,
      payload: button.payload,
      onPrivateCard: interaction.message.flags.has(MessageFlags.Ephemeral),
    };
    await this.pipeline.handle(event, async (intent) => {
      switch (intent.kind) {
        case "notice":
          await interaction.reply({ content: fitText(neutralizeMentions(intent.text), DISCORD_LIMITS.content), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
          return;
        case "share":
          await interaction.reply(this.interactionPayload(intent.reply, false));
          return;
        case "update": {
          // Only the presser sees this message: change it in place.
          const { flags: _ephemeral, ...update } = this.interactionPayload(intent.reply, true);
          await interaction.update(update);
          return;
        }
        default:
          await this.answer(interaction, intent);
      }
    });
  }

  private async answer(interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction, intent: Intent): Promise<void> {
    if (intent.kind !== "answer") unexpected(intent);
    await interaction.reply(this.interactionPayload(intent.reply, intent.visibility === "private"));
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
    const referenced = !text && message.reference?.messageId ? await this.referencedText(message) : undefined;
    const event = { kind: "mention" as const, where: conversationOf(message.channelId, message.channel), text, referenced, messageId: message.id, lang: langFor(message.guild?.preferredLocale) };
    await this.pipeline.handle(event, (intent) => this.replyTo(message, intent));
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
    const started = performance.now();
    const event = { kind: "message" as const, where: conversationOf(message.channelId, message.channel), text: message.content, messageId: message.id, lang: langFor(message.guild.preferredLocale) };
    const intent = await this.pipeline.handle(event, (reply) => this.replyTo(message, reply));
    if (intent.kind !== "silent") this.context.metrics.latency.observe({ adapter: ADAPTER, event: "auto-explain" }, (performance.now() - started) / 1000);
  }

  /** A reply referencing the message (reporting its id), or an earlier card of ours in that channel edited. */
  private async replyTo(message: Message, intent: Intent): Promise<Delivery> {
    if (intent.kind === "edit") {
      const card = renderDiscordMessage(intent.reply);
      await message.channel.messages.edit(intent.messageId, { content: card.content ?? null, embeds: card.embeds, components: card.components, allowedMentions: card.allowed_mentions });
      return true;
    }
    if (intent.kind !== "thread-reply") unexpected(intent);
    const sent = await message.reply(this.messagePayload(intent.reply));
    return { messageId: sent.id };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Payloads

  private interactionPayload(reply: Reply, ephemeral: boolean): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
    const message = renderDiscordMessage(reply, { ephemeral });
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
    const message = renderDiscordMessage(reply);
    return {
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      allowedMentions: { ...message.allowed_mentions, repliedUser: false },
      failIfNotExists: false,
    };
  }
}
