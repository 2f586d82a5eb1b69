import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CONFIG_VARIABLES, ConfigError, loadConfig } from "../src/config.js";

const load = (env: Record<string, string>) => loadConfig(env, { dotenv: false });
function problem(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a configuration error");
}

describe("configuration", () => {
  it("defaults to the shell adapter when no chat tokens are set", () => {
    const config = load({});
    expect(config.adapters).toEqual(["shell"]);
    expect(config).toMatchObject({ host: "0.0.0.0", port: 3000, logLevel: "info", autoExplain: { channels: [], cooldownSeconds: 600 } });
  });

  it("starts Slack in HTTP mode with a bot token and signing secret", () => {
    const config = load({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s3cret" });
    expect(config.adapters).toEqual(["slack"]);
    expect(config.slack).toMatchObject({ socketMode: false });
  });

  it("starts Slack in Socket Mode with an app token", () => {
    expect(load({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack).toMatchObject({ socketMode: true });
  });

  it("starts both chat adapters when both are configured, and ADAPTERS overrides", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678" };
    expect(load(env).adapters).toEqual(["slack", "discord"]);
    expect(load({ ...env, ADAPTERS: "discord,shell" }).adapters).toEqual(["discord", "shell"]);
  });

  it("serves the web catalog only when WEB_PORT is set, and keeps PUBLIC_URL for card links", () => {
    expect(load({}).webPort).toBeUndefined();
    expect(load({ WEB_PORT: "8080", PUBLIC_URL: "https://errcode.example.com" })).toMatchObject({ webPort: 8080, publicUrl: "https://errcode.example.com" });
  });

  it("reads levels and switches in any case, and blank values as unset", () => {
    expect(load({ LOG_LEVEL: " WARN ", DISCORD_REGISTER_COMMANDS: "Yes" })).toMatchObject({ logLevel: "warn" });
    expect(load({ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "123456789012345678", DISCORD_REGISTER_COMMANDS: "Yes" }).discord?.registerCommands).toBe(true);
    expect(load({ PORT: " ", HOST: "", PUBLIC_URL: "  " })).toMatchObject({ port: 3000, host: "0.0.0.0", publicUrl: undefined });
  });

  it("parses lists", () => {
    const config = load({ AUTO_EXPLAIN_CHANNELS: " C1, C2 ,,", ONCALL_CHANNELS: "C9", CATALOG_PATHS: "a.yaml,b/" });
    expect(config.autoExplain.channels).toEqual(["C1", "C2"]);
    expect(config.oncallChannels).toEqual(["C9"]);
    expect(config.catalogPaths).toEqual(["a.yaml", "b/"]);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET", /required with SLACK_BOT_TOKEN/],
    [{ SLACK_BOT_TOKEN: "xoxp-1", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN", /starts with xoxb-/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }, "SLACK_APP_TOKEN", /starts with xapp-/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, "SLACK_BOT_TOKEN", /required/],
    [{ DISCORD_TOKEN: "t" }, "DISCORD_APPLICATION_ID", /required with DISCORD_TOKEN/],
    [{ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "abc" }, "DISCORD_APPLICATION_ID", /snowflake/],
    [{ PORT: "http" }, "PORT", /port number/],
    [{ PORT: "70000" }, "PORT", /0-65535/],
    [{ PORT: "0x50" }, "PORT", /port number/],
    [{ AUTO_EXPLAIN_MAX_PER_MINUTE: "1e3" }, "AUTO_EXPLAIN_MAX_PER_MINUTE", /whole number/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "ftp://proxy/api" }, "SLACK_API_URL", /http\(s\) URL/],
    [{ HEALTH_PORT: "-1" }, "HEALTH_PORT", /port number/],
    [{ AUTO_EXPLAIN_COOLDOWN_SECONDS: "ten" }, "AUTO_EXPLAIN_COOLDOWN_SECONDS", /number/],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL", /one of/],
    [{ ADAPTERS: "slack,irc" }, "ADAPTERS", /one of slack, discord, shell/],
    [{ ADAPTERS: "slack" }, "ADAPTERS", /SLACK_BOT_TOKEN is not set/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "not a url" }, "SLACK_API_URL", /URL/],
    [{ DISCORD_REGISTER_COMMANDS: "maybe" }, "DISCORD_REGISTER_COMMANDS", /true or false/],
    [{ WEB_PORT: "web" }, "WEB_PORT", /port number/],
    [{ WEB_PORT: "99999" }, "WEB_PORT", /0-65535/],
    [{ PUBLIC_URL: "errcode.example.com" }, "PUBLIC_URL", /http\(s\) URL/],
    [{ PUBLIC_URL: "https:errcode.example.com" }, "PUBLIC_URL", /http\(s\) URL/],
    [{ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: "https:/slack.com/api" }, "SLACK_API_URL", /http\(s\) URL/],
    [{ DISCORD_API_URL: "discord.local" }, "DISCORD_API_URL", /http\(s\) URL, e\.g\. https:\/\/discord\.com\//],
    [{ REDIS_TIMEOUT_MS: "99999999999999999999" }, "REDIS_TIMEOUT_MS", /too large/],
  ])("rejects %j naming %s", (env, variable, message) => {
    const error = problem(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
    expect(error.message).toMatch(message);
  });

  it("shared state: memory by default; REDIS_URL must be a redis URL; its password counts as a secret", async () => {
    expect(load({}).state).toEqual({ redisUrl: undefined, redisPrefix: "errcode:", redisTimeoutMs: 250 });
    expect(load({}).shutdownGraceSeconds).toBe(20);
    const config = load({ REDIS_URL: "redis://:hunter2-pass@cache:6379/2", REDIS_PREFIX: "staging:", REDIS_TIMEOUT_MS: "100" });
    expect(config.state).toEqual({ redisUrl: "redis://:hunter2-pass@cache:6379/2", redisPrefix: "staging:", redisTimeoutMs: 100 });
    const { secretsOf } = await import("../src/config.js");
    expect(secretsOf(config)).toContain("hunter2-pass");
    expect(problem({ REDIS_URL: "http://cache:6379" }).message).toMatch(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(problem({ REDIS_URL: "cache:6379" }).variable).toBe("REDIS_URL");
    const unencoded = problem({ REDIS_URL: "redis://:p%ss-word@cache:6379" });
    expect(unencoded.message).toBe("REDIS_URL: has a password that is not URL-encoded (write % as %25)");
    expect(unencoded.message).not.toContain("p%ss");
    expect(secretsOf(load({ REDIS_URL: "redis://:p%25ss-word@cache:6379" }))).toContain("p%ss-word");
  });

  it("refuses a delay longer than a Node timer can wait (it would fire at once)", () => {
    expect(problem({ REDIS_TIMEOUT_MS: "3000000000" }).message).toBe("REDIS_TIMEOUT_MS: is too large (at most 2147483647)");
    expect(load({ REDIS_TIMEOUT_MS: "2147483647" }).state.redisTimeoutMs).toBe(2147483647);
    for (const variable of ["SHUTDOWN_GRACE_SECONDS", "AUTO_EXPLAIN_COOLDOWN_SECONDS", "AUTO_EXPLAIN_EDIT_INTERVAL_SECONDS"]) {
      expect(problem({ [variable]: "2147484" }).message).toBe(`${variable}: is too large (at most 2147483)`);
    }
  });

  it("never puts a secret in an error message", () => {
    const error = problem({ SLACK_BOT_TOKEN: "xoxp-very-secret-token", SLACK_SIGNING_SECRET: "s" });
    expect(error.message).not.toContain("very-secret");
  });
});

describe("documentation of the configuration", () => {
  it("lists every variable in .env.example, with a comment, and in the README's table", () => {
    const example = readFileSync(".env.example", "utf8");
    const readme = readFileSync("README.md", "utf8");
    expect(CONFIG_VARIABLES.length).toBeGreaterThanOrEqual(21);
    for (const variable of CONFIG_VARIABLES) {
      expect(example, variable).toMatch(new RegExp(`#[^\\n]*\\n(?:#[^\\n]*\\n)*${variable}=`));
      expect(readme, variable).toContain(`| \`${variable}\` |`);
    }
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
