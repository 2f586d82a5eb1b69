import { config as loadDotenv } from "dotenv";
import * as v from "valibot";

export const ADAPTER_NAMES = ["slack", "discord", "shell"] as const;
export type AdapterName = (typeof ADAPTER_NAMES)[number];

/** A configuration problem, always naming the variable and what it should hold. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

const text = v.pipe(v.optional(v.string(), ""), v.trim());
const optional = v.pipe(
  text,
  v.transform((value) => value || undefined),
);
const list = v.pipe(
  v.optional(v.string(), ""),
  v.transform((value) => value.split(",").map((s) => s.trim()).filter(Boolean)),
);
const withDefault = (fallback: string) =>
  v.pipe(
    text,
    v.transform((value) => value || fallback),
  );
const wholeNumber = (fallback: string, problem: string, max: number, tooBig: string) =>
  v.pipe(withDefault(fallback), v.regex(/^\d+$/, problem), v.transform(Number), v.maxValue(max, tooBig));
const port = (fallback: string) => wholeNumber(fallback, "must be a port number", 65535, "must be 0-65535");
const positiveInt = (fallback: string) => wholeNumber(fallback, "must be a whole number of 0 or more", Number.MAX_SAFE_INTEGER, "is too large");
/** The longest delay a Node timer can wait (about 24.8 days): a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const milliseconds = (fallback: string) => wholeNumber(fallback, "must be a whole number of 0 or more", MAX_TIMER_MS, `is too large (at most ${MAX_TIMER_MS})`);
const seconds = (fallback: string) =>
  wholeNumber(fallback, "must be a whole number of 0 or more", Math.floor(MAX_TIMER_MS / 1000), `is too large (at most ${Math.floor(MAX_TIMER_MS / 1000)})`);
const oneOf = <const T extends readonly string[]>(fallback: T[number], options: T, problem: string) =>
  v.pipe(
    withDefault(fallback),
    v.transform((value) => value.toLowerCase()),
    v.picklist(options, problem),
  );

function decodesAsUrlPart(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

function hasProtocol(value: string, protocol: RegExp): boolean {
  try {
    return protocol.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An optional variable that, when set, passes `test`. */
const optionalWhere = (test: (value: string) => boolean, problem: string) =>
  v.pipe(
    optional,
    v.check((value) => value === undefined || test(value), problem),
  );
const url = (example: string) => optionalWhere((value) => /^https?:\/\//i.test(value) && hasProtocol(value, /^https?:$/), `must be an http(s) URL, e.g. ${example}`);
const prefixed = (prefix: string, what: string) => optionalWhere((value) => value.startsWith(prefix), `must be ${what} (starts with ${prefix})`);
const snowflake = (what: string) => optionalWhere((value) => /^\d{15,22}$/.test(value), `must be ${what} (a snowflake)`);

// valibot rather than zod here: configuration is read on every start, and zod's import costs more than the rest of
// start-up's memory (zod stays for catalog files and platform payloads, which only servers and team catalogs load).
const EnvSchema = v.object({
  ADAPTERS: v.pipe(list, v.array(v.picklist(ADAPTER_NAMES, `each must be one of ${ADAPTER_NAMES.join(", ")}`))),
  CATALOG_PATHS: list,
  LOG_LEVEL: oneOf("info", ["fatal", "error", "warn", "info", "debug", "trace", "silent"], "must be one of fatal, error, warn, info, debug, trace, silent"),
  HOST: withDefault("0.0.0.0"),
  PORT: port("3000"),
  HEALTH_PORT: port("9090"),
  SLACK_BOT_TOKEN: prefixed("xoxb-", "a bot token"),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: prefixed("xapp-", "an app-level token"),
  SLACK_API_URL: url("https://slack.com/api/"),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: snowflake("the numeric application id"),
  DISCORD_GUILD_ID: snowflake("a numeric server id"),
  DISCORD_API_URL: url("https://discord.com/api/v10"),
  DISCORD_REGISTER_COMMANDS: v.pipe(
    oneOf("false", ["true", "false", "1", "0", "yes", "no"], "must be true or false"),
    v.transform((value) => ["true", "1", "yes"].includes(value)),
  ),
  AUTO_EXPLAIN_CHANNELS: list,
  AUTO_EXPLAIN_COOLDOWN_SECONDS: seconds("600"),
  AUTO_EXPLAIN_MAX_PER_MINUTE: positiveInt("6"),
  AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS: seconds("5"),
  ONCALL_CHANNELS: list,
  REDIS_URL: v.pipe(
    optionalWhere((value) => hasProtocol(value, /^rediss?:$/), "must be a redis:// or rediss:// URL, e.g. redis://localhost:6379"),
    v.check((value) => value === undefined || !hasProtocol(value, /^rediss?:$/) || decodesAsUrlPart(new URL(value).password), "has a password that is not URL-encoded (write % as %25)"),
  ),
  REDIS_PREFIX: withDefault("errcode:"),
  REDIS_TIMEOUT_MS: milliseconds("250"),
  SHUTDOWN_GRACE_SECONDS: seconds("20"),
  WEB_PORT: v.pipe(
    optional,
    v.check((value) => value === undefined || /^\d+$/.test(value), "must be a port number"),
    v.transform((value) => (value === undefined ? undefined : Number(value))),
    v.check((value) => value === undefined || value <= 65535, "must be 0-65535"),
  ),
  PUBLIC_URL: url("https://errcode.example.com"),
});

/** Every environment variable errcode reads. */
export const CONFIG_VARIABLES = Object.keys(EnvSchema.entries);

export interface Config {
  adapters: AdapterName[];
  catalogPaths: string[];
  logLevel: string;
  host: string;
  port: number;
  healthPort: number;
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; socketMode: boolean };
  discord?: { token: string; applicationId: string; guildId?: string; apiUrl?: string; registerCommands: boolean };
  autoExplain: { channels: string[]; cooldownSeconds: number; maxPerMinute: number; editIntervalSeconds: number };
  oncallChannels: string[];
  /** Shared state: Redis when a URL is set, else this process's memory. */
  state: { redisUrl?: string; redisPrefix: string; redisTimeoutMs: number };
  /** How long shutdown waits for replies already under way. */
  shutdownGraceSeconds: number;
  /** The web catalog's port, when it is served by this process. */
  webPort?: number;
  /** Where the web catalog is reachable: cards link their titles to their entry's page there. */
  publicUrl?: string;
}

type Env = Record<string, string | undefined>;

/** Reads configuration from the environment (after `.env`, which never overrides what is already set). */
export function loadConfig(env: Env = process.env, options: { dotenv?: boolean } = {}): Config {
  if (options.dotenv !== false && env === process.env) loadDotenv({ quiet: true });
  const parsed = v.safeParse(EnvSchema, env, { abortPipeEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    throw new ConfigError(String(issue.path?.[0]?.key), issue.message);
  }
  const e = parsed.output;

  let slack: Config["slack"];
  if (e.SLACK_BOT_TOKEN) {
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      throw new ConfigError("SLACK_SIGNING_SECRET", "is required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
    }
    slack = { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, socketMode: !!e.SLACK_APP_TOKEN };
  } else if (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET) {
    throw new ConfigError("SLACK_BOT_TOKEN", "is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set (the xoxb- token from OAuth & Permissions)");
  }

  let discord: Config["discord"];
  if (e.DISCORD_TOKEN) {
    if (!e.DISCORD_APPLICATION_ID) throw new ConfigError("DISCORD_APPLICATION_ID", "is required with DISCORD_TOKEN (General Information > Application ID)");
    discord = { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL, registerCommands: e.DISCORD_REGISTER_COMMANDS };
  }

  const automatic: AdapterName[] = [...(slack ? (["slack"] as const) : []), ...(discord ? (["discord"] as const) : [])];
  const adapters = e.ADAPTERS.length ? [...new Set(e.ADAPTERS)] : automatic.length ? automatic : ["shell" as const];
  if (adapters.includes("slack") && !slack) throw new ConfigError("ADAPTERS", "names slack, but SLACK_BOT_TOKEN is not set");
  if (adapters.includes("discord") && !discord) throw new ConfigError("ADAPTERS", "names discord, but DISCORD_TOKEN is not set");

  return {
    adapters,
    catalogPaths: e.CATALOG_PATHS,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    port: e.PORT,
    healthPort: e.HEALTH_PORT,
    slack,
    discord,
    autoExplain: { channels: e.AUTO_EXPLAIN_CHANNELS, cooldownSeconds: e.AUTO_EXPLAIN_COOLDOWN_SECONDS, maxPerMinute: e.AUTO_EXPLAIN_MAX_PER_MINUTE, editIntervalSeconds: e.AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS },
    oncallChannels: e.ONCALL_CHANNELS,
    state: { redisUrl: e.REDIS_URL, redisPrefix: e.REDIS_PREFIX, redisTimeoutMs: e.REDIS_TIMEOUT_MS },
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    webPort: e.WEB_PORT,
    publicUrl: e.PUBLIC_URL,
  };
}

/** Every secret in a configuration, so a logger can scrub them from anything it writes. */
export function secretsOf(config: Config): string[] {
  const redisPassword = config.state.redisUrl ? decodeURIComponent(new URL(config.state.redisUrl).password) : undefined;
  return [config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken, config.discord?.token, redisPassword].filter((s): s is string => !!s);
}
