#!/usr/bin/env node
// `npm run discord:register`: puts /errcode and "Explain error codes" on the application (overwrites the
// list, so running it again is harmless). DISCORD_GUILD_ID registers to that server only, which is instant.
import { REST } from "discord.js";
import { registerCommands } from "./adapters/discord/commands.js";
import { restApiBase } from "./adapters/discord/adapter.js";
import { CatalogError } from "./catalog/loader.js";
import { ConfigError, loadConfig } from "./config.js";
import { Errcode } from "./core/errcode.js";

export async function main(): Promise<number> {
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
  let errcode: Errcode;
  try {
    errcode = Errcode.load(config.catalogPaths);
  } catch (error) {
    if (error instanceof CatalogError) {
      process.stderr.write(`discord:register: catalog error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const rest = new REST({ api: restApiBase(discord.apiUrl), retries: 1 }).setToken(discord.token);
  try {
    const catalogs = errcode.index.catalogs.map((c) => ({ id: c.id, name: c.name }));
    const result = await registerCommands(rest, discord.applicationId, discord.guildId, catalogs);
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

process.exitCode = await main();
