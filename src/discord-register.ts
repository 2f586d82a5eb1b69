#!/usr/bin/env node
// `npm run discord:register` (node dist/discord-register.js): puts /errcode and "Explain error codes" on the
// application (overwrites the list, so running it again is harmless). DISCORD_GUILD_ID registers to that server
// only, which is instant. The `catalog` option autocompletes from the running bot's catalogs, so adding a team
// catalog needs no new registration.
import { ConfigError, loadConfig } from "./config.js";

const HELP = `usage: npm run discord:register   (in the image: node dist/discord-register.js)
Registers the /errcode slash command and the "Explain error codes" message command with Discord.
Reads DISCORD_TOKEN and DISCORD_APPLICATION_ID from the environment or .env; with DISCORD_GUILD_ID the
commands go to that server only and appear at once, otherwise globally (up to an hour). Safe to run again.
Exit status: 0 registered, 1 Discord refused, 2 configuration or usage error.`;

export async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (args.length > 0) {
    process.stderr.write(`discord:register: unexpected argument "${args[0]}"\n${HELP}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`discord:register: configuration error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const discord = config.discord;
  if (!discord) {
    process.stderr.write("discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server)\n");
    return 2;
  }
  const [{ REST }, { registerCommands }, { restApiBase }] = await Promise.all([import("discord.js"), import("./adapters/discord/commands.js"), import("./adapters/discord/adapter.js")]);
  const rest = new REST({ api: restApiBase(discord.apiUrl), retries: 1 }).setToken(discord.token);
  try {
    const result = await registerCommands(rest, discord.applicationId, discord.guildId);
    const where = result.scope === "guild" ? `in server ${discord.guildId} (available now)` : "globally (every server the bot is in)";
    process.stdout.write(`registered ${result.names.length} commands ${where}: ${result.names.map((n) => `"${n}"`).join(", ")}\n`);
    return 0;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const hint = status === 401 ? " (DISCORD_TOKEN was rejected)" : status === 403 || status === 404 ? " (check DISCORD_APPLICATION_ID and that the bot is in DISCORD_GUILD_ID)" : "";
    process.stderr.write(`discord:register: registration failed${hint}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

process.exitCode = await main(process.argv.slice(2));
