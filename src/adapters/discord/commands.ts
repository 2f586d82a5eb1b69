// The application commands errcode registers, and their registration (a bulk overwrite, so it is idempotent).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Routes,
  type REST,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";

export const COMMAND_NAME = "errcode";
export const CONTEXT_MENU_NAME = "Explain error codes";
/**
 * `/errcode query:<text> [catalog] [public]` and the "Explain error codes" message context menu. `catalog`
 * autocompletes from the catalogs loaded now, so a new team catalog shows up without registering again.
 */
export function commandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  const where = { contexts: [InteractionContextType.Guild, InteractionContextType.BotDM], integration_types: [ApplicationIntegrationType.GuildInstall] };
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      description: "Explain a cloud storage error code: Tencent COS v4, Tencent image service, UpYun",
      description_localizations: {
        "zh-CN": "解释云存储错误码：腾讯云 COS v4、数据万象、又拍云",
        "zh-TW": "解釋雲端儲存錯誤碼：騰訊雲 COS v4、數據萬象、又拍雲",
      },
      ...where,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "query",
          description: "A code (-29036), a symbol (ERR_DOWN_NOTFINISHED_FILE), words, or a pasted log",
          description_localizations: { "zh-CN": "错误码、符号、关键词或粘贴的日志", "zh-TW": "錯誤碼、符號、關鍵詞或貼上的日誌" },
          required: true,
          autocomplete: true,
          max_length: 6000,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "catalog",
          description: "Only look in this catalog",
          description_localizations: { "zh-CN": "只在这个目录中查找", "zh-TW": "只在這個目錄中查找" },
          required: false,
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: "public",
          description: "Post the answer for everyone (default: only you see it, except in on-call channels)",
          description_localizations: { "zh-CN": "公开发布答案（默认仅自己可见，值班频道除外）", "zh-TW": "公開發佈答案（預設僅自己可見，值班頻道除外）" },
          required: false,
        },
      ],
    },
    { type: ApplicationCommandType.Message, name: CONTEXT_MENU_NAME, ...where },
  ];
}

export interface Registration {
  scope: "guild" | "global";
  names: string[];
}

/**
 * Replaces the application's commands with errcode's (PUT overwrites the whole list, so running it twice
 * changes nothing). To one server when `guildId` is given (instant), else globally.
 */
export async function registerCommands(rest: REST, applicationId: string, guildId: string | undefined): Promise<Registration> {
  const body = commandDefinitions();
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body });
  return { scope: guildId ? "guild" : "global", names: body.map((c) => c.name) };
}
